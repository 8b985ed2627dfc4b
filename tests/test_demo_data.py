"""The demo as data: its files are backups, loaded through the restore path, equal to the demo as it was built.

``tests/fixtures/demo_fingerprint.json`` was written once from the demo as the Python builder made
it through the services (before the demo became files): per table, the row count and a SHA-256 of
every content value (ids, stable uids, timestamps and versions left out, since a new workshop gets
new ones). A demo restored from its files must give the same figures in both languages.

The workshop's entry was written again when the demo workshop got its department and sponsor
(columns added after the builder's day, for the portfolio): every other table's figures are the
builder's own.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from pmo_insight.demo import DEMO_FILES, DEMO_LANGUAGES, create_demo_workshop, demo_document
from pmo_insight.domain.backup_check import check_backup
from pmo_insight.domain.backup_format import SCHEMA_MINOR, SECTIONS, backup_document
from pmo_insight.domain.chain import WorkshopChain
from pmo_insight.persistence.chain_loader import load_chain
from pmo_insight.persistence.db import session_scope

FINGERPRINT = Path(__file__).parent / "fixtures" / "demo_fingerprint.json"
#: Chain attributes compared (every table the demo fills; the review and live ones stay empty).
TABLES = tuple(section.chain_attr for section in SECTIONS)
_LEFT_OUT = {"id", "uid", "version", "revision", "created_at_raw", "updated_at_raw"}
#: The demo workshop's department and sponsor, per language (part of the workshop's fingerprint too).
DEPARTMENT_AND_SPONSOR = {"en": ("PMO", "Zhang Wei, COO"), "zh": ("PMO", "张伟（COO）")}


def _value(row: Any, name: str) -> str:
    value = getattr(row, name)
    return value.isoformat() if hasattr(value, "isoformat") else repr(value)


def fingerprint(chain: WorkshopChain) -> dict[str, dict[str, Any]]:
    """Per table: how many rows, and a digest of their content values in a stable order."""
    out = {}
    for attr in ("workshop", *TABLES):
        rows = (chain.workshop,) if attr == "workshop" else getattr(chain, attr)
        lines = sorted(
            "\x1f".join(
                f"{name}={_value(row, name)}"
                for name in sorted(row.__dataclass_fields__)
                if name not in _LEFT_OUT and not name.endswith(("_id", "_raw"))
            )
            for row in rows
        )
        out[attr] = {"rows": len(rows), "content": hashlib.sha256("\n".join(lines).encode()).hexdigest()}
    return out


@pytest.mark.parametrize("lang", DEMO_LANGUAGES)
def test_the_demo_restored_from_its_file_equals_the_demo_the_builder_made(engine, lang):
    with session_scope(engine) as session:
        workshop_id = create_demo_workshop(session, lang=lang).id
    with session_scope(engine) as session:
        chain = load_chain(session, workshop_id=workshop_id)
    expected = json.loads(FINGERPRINT.read_text(encoding="utf-8"))[lang]
    found = fingerprint(chain)
    assert {table: found[table] for table in expected} == expected
    # Tables added after the builder's day hold nothing in the demo.
    assert {table: found[table]["rows"] for table in found if table not in expected} == dict.fromkeys(
        set(found) - set(expected), 0
    )
    assert chain.workshop.language == lang
    assert (chain.workshop.department, chain.workshop.sponsor) == DEPARTMENT_AND_SPONSOR[lang]


@pytest.mark.parametrize("lang", DEMO_LANGUAGES)
def test_each_demo_file_is_a_current_backup_that_passes_every_restore_check(lang):
    document = demo_document(lang)
    assert document["schema_minor"] == SCHEMA_MINOR
    checked = check_backup(document)
    assert checked.workshop["language"] == lang
    assert sum(len(rows) for rows in checked.rows.values()) > 100


def test_a_restored_demo_exports_the_file_it_came_from(engine):
    """Backup → restore → backup is the identity on the demo (the restore path, tested on every run)."""
    with session_scope(engine) as session:
        workshop_id = create_demo_workshop(session, lang="en").id
    with session_scope(engine) as session:
        again = backup_document(load_chain(session, workshop_id=workshop_id))
    original = demo_document("en")
    for section in SECTIONS:
        strip = [{k: v for k, v in row.items() if k != "uid"} for row in again[section.key]]
        assert strip == original[section.key], section.key
    assert again["workshop"] == original["workshop"]


def test_two_demos_get_their_own_stable_ids(engine):
    with session_scope(engine) as session:
        first = create_demo_workshop(session, lang="en").id
        second = create_demo_workshop(session, lang="en").id
    with session_scope(engine) as session:
        a, b = load_chain(session, workshop_id=first), load_chain(session, workshop_id=second)
    assert {p.uid for p in a.personas}.isdisjoint({p.uid for p in b.personas})


def test_the_demo_files_sit_beside_the_loader_one_per_language():
    assert sorted(DEMO_FILES) == sorted(DEMO_LANGUAGES)
    for path in DEMO_FILES.values():
        assert path.suffix == ".json" and path.is_file()
