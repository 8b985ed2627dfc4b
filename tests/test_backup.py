"""The JSON backup: one versioned document per workshop that restores to the same workshop."""

from __future__ import annotations

import json

import pytest
from sqlmodel import Session

from pmo_insight.demo import create_demo_workshop
from pmo_insight.domain.backup_format import FORMAT, SCHEMA_VERSION, SECTIONS, backup_document
from pmo_insight.export import export
from pmo_insight.persistence.chain_loader import load_chain
from pmo_insight.persistence.db import make_engine, migrate
from pmo_insight.persistence.restore import restore_backup
from tests.factories import build_workshop


def _document(session: Session, workshop_id: int) -> dict:
    document = backup_document(load_chain(session, workshop_id=workshop_id))
    document.pop("exported_at")
    return document


def test_the_backup_names_its_format_and_schema_version_and_holds_every_table(session):
    workshop = create_demo_workshop(session, lang="en")
    chain = load_chain(session, workshop_id=workshop.id)

    document = json.loads(export(chain, "json"))

    assert document["format"] == FORMAT and document["schema_version"] == SCHEMA_VERSION
    assert document["workshop"]["title"] == workshop.title
    for section in SECTIONS:
        assert len(document[section.key]) == len(getattr(chain, section.chain_attr)), section.key
    assert len(document["touchpoints"]) == 19 and len(document["trace_links"]) == 21


def test_rows_refer_to_each_other_by_ids_local_to_the_file_not_database_ids(session):
    build_workshop(session)  # occupies the first database ids, so the second workshop's differ from 1, 2, 3…
    workshop = create_demo_workshop(session, lang="en")

    document = _document(session, workshop.id)

    assert [p["id"] for p in document["personas"]] == [1, 2, 3, 4]
    persona_ids = {p["id"] for p in document["personas"]}
    assert {m["persona_id"] for m in document["empathy_maps"]} <= persona_ids
    assert all("version" not in row and "created_at" not in row for row in document["touchpoints"])


def test_chinese_text_stays_readable_in_the_file(session):
    workshop = create_demo_workshop(session, lang="zh")

    data = export(load_chain(session, workshop_id=workshop.id), "json")

    assert workshop.title in data.decode("utf-8")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_export_import_export_gives_the_same_document(session, lang):
    original = create_demo_workshop(session, lang=lang)
    first = export(load_chain(session, workshop_id=original.id), "json")

    restored = restore_backup(session, data=first)

    assert restored.id != original.id
    assert _document(session, restored.id) == _document(session, original.id)


def test_a_backup_restores_into_an_empty_database_identically(session, new_database):
    workshop = build_workshop(session, personas_count=2, notes_per_map=7)
    session.commit()
    data = export(load_chain(session, workshop_id=workshop.id), "json")
    other = make_engine(new_database(migrated=False))
    migrate(other)

    with Session(other) as target:
        restored = restore_backup(target, data=data)
        target.commit()
        assert _document(target, restored.id) == _document(session, workshop.id)
    other.dispose()
