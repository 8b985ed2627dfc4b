"""The command line: migrate, demo and list against the database named by --db or the environment.

On the run's database (SQLite or PostgreSQL, see tests/databases.py), each test on a new empty one.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pmo_insight.cli import main

ROOT = Path(__file__).resolve().parent.parent


def test_migrate_reports_the_revision(new_database, capsys):
    assert main(["--db", new_database(migrated=False), "migrate"]) == 0

    assert "database at revision" in capsys.readouterr().out


def test_demo_prints_the_new_workshops_id_and_list_shows_it_with_full_progress(new_database, capsys):
    db = new_database(migrated=False)

    assert main(["--db", db, "demo", "--lang", "zh"]) == 0
    workshop_id = capsys.readouterr().out.strip()
    assert main(["--db", db, "list"]) == 0
    listing = capsys.readouterr().out

    assert workshop_id.isdigit()
    assert listing.startswith(f"{workshop_id}\t") and "4/4 tools" in listing


def test_list_on_an_empty_database_says_so(new_database, capsys):
    assert main(["--db", new_database(migrated=False), "list"]) == 0

    assert capsys.readouterr().out.strip() == "no workshops"


def test_the_environment_variable_names_the_database_when_no_flag_is_given(tmp_path):
    db_file = tmp_path / "from-env.db"
    env = {"PMO_INSIGHT_DATABASE_URL": f"sqlite:///{db_file}", "PATH": ""}

    result = subprocess.run(
        [sys.executable, "-m", "pmo_insight", "demo", "--lang", "en"], cwd=ROOT, env=env, capture_output=True, text=True
    )

    assert result.returncode == 0, result.stderr
    assert db_file.exists()


def test_an_unknown_demo_language_is_a_usage_error(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--db", f"sqlite:///{tmp_path / 'cli.db'}", "demo", "--lang", "fr"])

    assert exit_.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_every_command_and_the_database_variable_are_documented_in_the_readme():
    from pmo_insight.cli import COMMANDS
    from pmo_insight.persistence.db import URL_ENV

    readme = (ROOT / "README.md").read_text(encoding="utf-8")

    assert [name for name in COMMANDS if f"python -m pmo_insight {name}" not in readme] == []
    assert URL_ENV in readme and "--db" in readme


def _demo(db: str, capsys, lang: str = "en") -> str:
    assert main(["--db", db, "demo", "--lang", lang]) == 0
    return capsys.readouterr().out.strip()


@pytest.mark.parametrize("fmt", ["pptx", "md", "json"])
def test_export_writes_the_workshop_in_each_format(new_database, tmp_path, capsys, fmt):
    db = new_database(migrated=False)
    workshop_id = _demo(db, capsys, lang="zh")
    out = tmp_path / f"demo.{fmt}"

    assert main(["--db", db, "export", workshop_id, "--format", fmt, "-o", str(out), "--lang", "zh"]) == 0

    assert f"wrote {out}" in capsys.readouterr().out
    assert out.stat().st_size > 1000
    if fmt == "md":
        assert "## 管理层摘要" in out.read_text(encoding="utf-8")


def test_export_of_a_missing_workshop_exits_2_and_says_so(new_database, tmp_path, capsys):
    out = tmp_path / "none.md"

    assert main(["--db", new_database(migrated=False), "export", "42", "--format", "md", "-o", str(out)]) == 2

    assert "workshop no longer exists (id 42)" in capsys.readouterr().err
    assert not out.exists()


def test_an_unknown_export_format_is_a_usage_error(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--db", f"sqlite:///{tmp_path / 'cli.db'}", "export", "1", "--format", "docx", "-o", "x"])

    assert exit_.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_import_restores_a_backup_as_a_new_workshop_and_prints_its_id(new_database, tmp_path, capsys):
    db = new_database(migrated=False)
    workshop_id = _demo(db, capsys)
    backup = tmp_path / "backup.json"
    assert main(["--db", db, "export", workshop_id, "--format", "json", "-o", str(backup)]) == 0
    capsys.readouterr()

    assert main(["--db", db, "import", str(backup)]) == 0
    new_id = capsys.readouterr().out.strip()
    assert main(["--db", db, "list"]) == 0

    assert new_id.isdigit() and new_id != workshop_id
    assert capsys.readouterr().out.count("PMO customer insight") == 2


def test_import_of_a_bad_file_exits_2_with_what_is_wrong_and_changes_nothing(new_database, tmp_path, capsys):
    db = new_database(migrated=False)
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "pmo-insight-workshop-backup", "schema_version": 99}', encoding="utf-8")

    assert main(["--db", db, "import", str(bad)]) == 2
    err = capsys.readouterr().err
    assert main(["--db", db, "list"]) == 0

    assert err.startswith("error: This backup cannot be restored") and "version 99 is not supported" in err
    assert capsys.readouterr().out.strip() == "no workshops"


def test_import_of_a_missing_file_exits_2(new_database, tmp_path, capsys):
    assert main(["--db", new_database(migrated=False), "import", str(tmp_path / "nope.json")]) == 2

    assert "cannot read" in capsys.readouterr().err


def test_live_start_prints_the_join_path_last_and_reveal_and_stop_work(tmp_path, capsys):
    import re

    from pmo_insight.cli import main

    db = f"sqlite:///{tmp_path / 'cli.db'}"
    assert main(["--db", db, "demo"]) == 0
    capsys.readouterr()

    assert main(["--db", db, "live", "start", "1", "--budget", "3", "--minutes", "5"]) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert re.fullmatch(r"/\?join=[A-HJKMNP-Z2-9]{6}", last)
    assert main(["--db", db, "live", "reveal", "1"]) == 0
    assert main(["--db", db, "live", "stop", "1"]) == 0
    assert main(["--db", db, "live", "stop", "1"]) == 2  # nothing running any more
    assert main(["--db", db, "live", "start", "1", "--budget", "11"]) == 2
