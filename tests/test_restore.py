"""Restoring a backup: a bad file is refused with what is wrong and where, and nothing is written."""

from __future__ import annotations

import copy
import json

import pytest
from sqlalchemy import text
from sqlmodel import Session, SQLModel

from pmo_insight.demo import create_demo_workshop
from pmo_insight.domain.backup_check import MAX_BACKUP_BYTES, PROBLEMS_SHOWN, BackupRejected
from pmo_insight.export import export
from pmo_insight.i18n import error_message
from pmo_insight.persistence.chain_loader import load_chain
from pmo_insight.persistence.restore import restore_backup


@pytest.fixture
def backup(session) -> dict:
    """The demo workshop's backup as a dict, with the demo committed to the database."""
    workshop = create_demo_workshop(session, lang="en")
    session.commit()
    return json.loads(export(load_chain(session, workshop_id=workshop.id), "json"))


def _snapshot(session: Session) -> dict[str, list[tuple]]:
    """Every row of every table, in id order: what "the database is unchanged" is checked against."""
    return {
        table.name: [tuple(row) for row in session.execute(text(f"SELECT * FROM {table.name} ORDER BY id"))]
        for table in SQLModel.metadata.sorted_tables
    }


def _rejected(session: Session, data: bytes, lang: str = "en") -> str:
    before = _snapshot(session)
    with pytest.raises(BackupRejected) as error:
        restore_backup(session, data=data)
    session.rollback()
    after = _snapshot(session)
    assert {name: len(rows) for name, rows in after.items()} == {name: len(rows) for name, rows in before.items()}
    assert after == before
    return error_message(error.value, lang)


def _encode(document: dict) -> bytes:
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


def test_a_valid_backup_is_accepted_so_the_rejections_below_are_about_the_flaws(session, backup):
    restored = restore_backup(session, data=_encode(backup))

    assert restored.title == backup["workshop"]["title"]


def test_a_truncated_file_is_refused_as_invalid_json_with_its_line_and_column(session, backup):
    data = json.dumps(backup, indent=2).encode()[:5000]

    message = _rejected(session, data)

    assert "nothing was imported" in message
    assert "not valid JSON" in message and "line " in message and "column " in message


def test_a_newer_schema_version_is_refused_naming_both_versions(session, backup):
    backup["schema_version"] = 2

    message = _rejected(session, _encode(backup))

    assert "`schema_version`" in message and "version 2 is not supported" in message and "version 1" in message


def test_a_reference_to_a_row_missing_from_the_file_is_refused_where_it_occurs(session, backup):
    backup["touchpoints"][3]["stage_id"] = 999

    message = _rejected(session, _encode(backup))

    assert "`touchpoints[3].stage_id`: refers to journey_stages id 999, which is not in the file" in message


def test_a_dangling_polymorphic_link_is_refused(session, backup):
    backup["trace_links"][0]["target_id"] = 4242

    message = _rejected(session, _encode(backup))

    assert "`trace_links[0].target_id`" in message and "4242" in message


def test_a_ten_megabyte_text_field_is_refused_by_the_length_limit(session, backup):
    backup["touchpoints"][0]["pain_point"] = "x" * (10 * 1024 * 1024)

    message = _rejected(session, _encode(backup))

    assert "`touchpoints[0].pain_point`: at most 2000 characters" in message


def test_a_file_over_the_size_limit_is_refused_before_it_is_parsed(session):
    message = _rejected(session, b" " * (MAX_BACKUP_BYTES + 1))

    assert "backups of at most 16.0 MB can be restored" in message


@pytest.mark.parametrize(
    ("section", "field", "value", "expected"),
    [
        ("touchpoints", "emotion_now", "very sad", "must be a whole number"),
        ("touchpoints", "emotion_now", 2.5, "must be a whole number"),
        ("touchpoints", "is_key_pain", "yes", "must be true or false"),
        ("personas", "goals", "ship on time", "must be a list of texts"),
        ("kpis", "baseline", "68", "must be a number"),
        ("kpis", "due_on", "next spring", "must be a date written as YYYY-MM-DD"),
        ("canvas_items", "kind", "wish", "not one of the allowed choices"),
        ("empathy_notes", "votes", -1, "must be at least 0"),
        ("personas", "id", "one", "must be the id"),
    ],
)
def test_a_value_of_the_wrong_type_is_refused_naming_the_field(session, backup, section, field, value, expected):
    backup[section][1][field] = value

    message = _rejected(session, _encode(backup))

    assert f"`{section}[1].{field}`" in message and expected in message


def test_a_section_that_is_not_a_list_and_an_unknown_field_are_refused(session, backup):
    backup["journeys"] = {"id": 1}
    backup["personas"][0]["shoe_size"] = 44

    message = _rejected(session, _encode(backup))

    assert "`journeys`: must be a list" in message
    assert "`personas[0].shoe_size`: not a field of this item" in message


def test_a_stage_of_another_journey_and_a_duplicate_id_are_refused(session, backup):
    other_journey_stage = next(
        s for s in backup["journey_stages"] if s["journey_id"] != backup["touchpoints"][0]["journey_id"]
    )
    backup["touchpoints"][0]["stage_id"] = other_journey_stage["id"]
    backup["personas"].append(copy.deepcopy(backup["personas"][0]))

    message = _rejected(session, _encode(backup))

    assert "`touchpoints[0].stage_id`: belongs to another journey" in message
    assert "`personas[4].id`: id 1 is used twice" in message


def test_a_json_file_that_is_not_a_backup_is_refused(session):
    message = _rejected(session, b'{"name": "my shopping list"}')

    assert "not a PMO Insight Studio workshop backup" in message


def test_many_problems_are_all_counted_and_the_first_ones_listed(session, backup):
    for touchpoint in backup["touchpoints"]:
        touchpoint["impact"] = 9

    message = _rejected(session, _encode(backup))

    assert f"{len(backup['touchpoints'])} problem(s)" in message
    assert message.count("must be at most 5") == PROBLEMS_SHOWN
    assert f"and {len(backup['touchpoints']) - PROBLEMS_SHOWN} more problem(s)" in message


def test_the_rejection_is_explained_in_chinese_too(session, backup):
    backup["schema_version"] = 7

    message = _rejected(session, _encode(backup), lang="zh")

    assert "此备份无法恢复" in message and "不支持备份架构版本 7" in message


def test_markup_in_a_hostile_field_name_is_shortened_and_cannot_close_the_code_span(session, backup):
    backup["personas"][0]["`<script>alert(1)</script>" + "x" * 100] = 1

    message = _rejected(session, _encode(backup))

    assert "'<script>alert(1)</script>xxx" in message and "x" * 60 not in message
