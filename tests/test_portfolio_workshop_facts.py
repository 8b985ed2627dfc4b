"""A workshop's department and sponsor: input rules at every door, the backup round trip, migration 0007."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import text

from pmo_insight.domain.backup_format import backup_document
from pmo_insight.errors import StaleVersion, ValidationFailed
from pmo_insight.persistence.chain_loader import load_chain
from pmo_insight.persistence.db import make_engine, migrate
from pmo_insight.persistence.restore import restore_backup
from pmo_insight.services import workshops
from tests.test_migrations import _populate_old_schema


def test_department_and_sponsor_are_kept_trimmed_and_editable_with_a_version(session):
    ws = workshops.create_workshop(session, title="Sales Q1", department="  Sales East ", sponsor="Li Wei")
    assert (ws.department, ws.sponsor) == ("Sales East", "Li Wei")
    first = ws.version

    updated = workshops.update_workshop(
        session, workshop_id=ws.id, expected_version=ws.version, department="R&D", sponsor="Ana"
    )

    assert (updated.department, updated.sponsor) == ("R&D", "Ana")
    assert updated.version == first + 1
    with pytest.raises(StaleVersion):
        workshops.update_workshop(session, workshop_id=ws.id, expected_version=first, department="Ops")


@pytest.mark.parametrize(
    "field, value",
    [("department", "x" * 121), ("sponsor", "a\x00b"), ("department", "x\x07")],
)
def test_bad_department_or_sponsor_is_refused_naming_the_field_and_changes_nothing(session, field, value):
    ws = workshops.create_workshop(session, title="Finance", department="Finance")

    with pytest.raises(ValidationFailed) as refused:
        workshops.update_workshop(session, workshop_id=ws.id, expected_version=ws.version, **{field: value})

    assert [p.field for p in refused.value.problems] == [field]
    session.refresh(ws)
    assert ws.department == "Finance"
    with pytest.raises(ValidationFailed):
        workshops.create_workshop(session, title="New", **{field: value})


def test_the_backup_carries_department_and_sponsor_and_restore_sets_them(session):
    ws = workshops.create_workshop(session, title="R&D sprint", department="R&D 研发", sponsor="CTO")
    document = backup_document(load_chain(session, workshop_id=ws.id))
    assert (document["workshop"]["department"], document["workshop"]["sponsor"]) == ("R&D 研发", "CTO")

    restored = restore_backup(session, data=json.dumps(document).encode())

    assert restored.id != ws.id
    assert (restored.department, restored.sponsor) == ("R&D 研发", "CTO")


def test_an_older_backup_without_them_restores_with_both_empty(session):
    ws = workshops.create_workshop(session, title="Old file", department="Sales")
    document = backup_document(load_chain(session, workshop_id=ws.id))
    del document["workshop"]["department"], document["workshop"]["sponsor"]
    document["schema_minor"] = 1

    restored = restore_backup(session, data=json.dumps(document).encode())

    assert (restored.department, restored.sponsor) == ("", "")


def test_migration_0008_adds_the_columns_in_place_and_keeps_every_workshop(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    migrate(engine, "0005")
    _populate_old_schema(engine, tmp_path)
    with engine.connect() as conn:
        before = conn.execute(text("SELECT id, title, revision FROM workshop")).fetchall()
        personas = conn.execute(text("SELECT count(*) FROM persona")).scalar_one()

    migrate(engine, "0008")

    with engine.connect() as conn:
        after = conn.execute(text("SELECT id, title, revision, department, sponsor FROM workshop")).fetchall()
        assert conn.execute(text("SELECT count(*) FROM persona")).scalar_one() == personas
        assert conn.execute(text("SELECT count(*) FROM portfoliolink")).scalar_one() == 0
    assert [tuple(r[:3]) for r in after] == [tuple(r) for r in before]
    assert {(r[3], r[4]) for r in after} == {("", "")}
    engine.dispose()
