"""The command line: migrate, demo and list against the database named by --db or the environment."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pmo_insight.cli import main

ROOT = Path(__file__).resolve().parent.parent


def test_migrate_reports_the_revision(tmp_path, capsys):
    assert main(["--db", f"sqlite:///{tmp_path / 'cli.db'}", "migrate"]) == 0

    assert "database at revision" in capsys.readouterr().out


def test_demo_prints_the_new_workshops_id_and_list_shows_it_with_full_progress(tmp_path, capsys):
    db = f"sqlite:///{tmp_path / 'cli.db'}"

    assert main(["--db", db, "demo", "--lang", "zh"]) == 0
    workshop_id = capsys.readouterr().out.strip()
    assert main(["--db", db, "list"]) == 0
    listing = capsys.readouterr().out

    assert workshop_id.isdigit()
    assert listing.startswith(f"{workshop_id}\t") and "4/4 tools" in listing


def test_list_on_an_empty_database_says_so(tmp_path, capsys):
    assert main(["--db", f"sqlite:///{tmp_path / 'cli.db'}", "list"]) == 0

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
    from pmo_insight.db import URL_ENV

    readme = (ROOT / "README.md").read_text(encoding="utf-8")

    assert [name for name in COMMANDS if f"python -m pmo_insight {name}" not in readme] == []
    assert URL_ENV in readme and "--db" in readme
