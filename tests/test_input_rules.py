"""One set of input rules, applied at every door: control characters, over-long list entries and
non-finite numbers are refused with a message naming the field, and nothing is written."""

from __future__ import annotations

import json
import math

import pytest
from sqlalchemy import text
from sqlmodel import Session, SQLModel

from pmo_insight.cli import main
from pmo_insight.domain.backup_check import BackupRejected
from pmo_insight.errors import ValidationFailed
from pmo_insight.export import export
from pmo_insight.i18n import error_message
from pmo_insight.models import LIST_ENTRY_MAX, ItemKind, PersonaCreate, forbidden_character
from pmo_insight.persistence.chain_loader import load_chain
from pmo_insight.persistence.restore import restore_backup
from pmo_insight.services import canvases, empathy, evidence, journeys, personas, workshops
from tests.factories import build_workshop


@pytest.fixture
def ws(session):
    workshop = build_workshop(session)
    session.commit()
    return load_chain(session, workshop_id=workshop.id)


def _rows(session: Session) -> dict[str, list[tuple]]:
    return {
        table.name: [tuple(row) for row in session.execute(text(f"SELECT * FROM {table.name} ORDER BY id"))]
        for table in SQLModel.metadata.sorted_tables
    }


# Each door of the app, as the service the screen (or the CLI) calls, given one text value.
DOORS = {
    "workshop form": lambda s, c, v: workshops.create_workshop(s, title=v),
    "workshop edit": lambda s, c, v: workshops.update_workshop(
        s, workshop_id=c.workshop.id, expected_version=c.workshop.version, goal=v
    ),
    "participants": lambda s, c, v: workshops.add_participant(s, workshop_id=c.workshop.id, name=v),
    "evidence": lambda s, c, v: evidence.create_evidence(s, workshop_id=c.workshop.id, kind="survey", source=v),
    "persona form": lambda s, c, v: personas.create_persona(s, workshop_id=c.workshop.id, name=v),
    "persona goals": lambda s, c, v: personas.create_persona(s, workshop_id=c.workshop.id, name="P", goals=["a", v]),
    "persona table": lambda s, c, v: personas.update_personas(
        s, changes={c.personas[0].id: (c.personas[0].version, {"role": v})}
    ),
    "empathy note input": lambda s, c, v: empathy.add_note(s, map_id=c.maps[0].id, quadrant="says", text=v),
    "empathy note edit": lambda s, c, v: empathy.edit_note(
        s, note_id=c.notes[0].id, expected_version=c.notes[0].version, text=v
    ),
    "touchpoint form": lambda s, c, v: journeys.add_touchpoint(s, stage_id=c.stages[0].id, name=v),
    "journey grid": lambda s, c, v: journeys.save_touchpoints(
        s,
        journey_id=c.journeys[0].id,
        rows=[
            journeys.TouchpointRow(
                values={journeys.STAGE: c.stages[0].name, "name": "ok", "emotion_now": 0, "pain_point": v}
            )
        ],
    ),
    "stage name": lambda s, c, v: journeys.add_stage(s, journey_id=c.journeys[0].id, name=v),
    "canvas item": lambda s, c, v: canvases.add_item(s, canvas_id=c.canvases[0].id, kind=ItemKind.PAIN, text=v),
    "KPI name": lambda s, c, v: canvases.add_kpi(s, canvas_id=c.canvases[0].id, name=v),
    "value statement": lambda s, c, v: canvases.save_statement(
        s, canvas_id=c.canvases[0].id, expected_version=c.canvases[0].version, value_statement=v
    ),
}


@pytest.mark.parametrize("door", list(DOORS))
def test_a_nul_is_refused_at_every_door_naming_the_field_and_the_character(session, ws, door):
    char = "\x00"
    before = _rows(session)

    with pytest.raises(ValidationFailed) as error:
        DOORS[door](session, ws, f"before{char}after")
    session.rollback()

    message = error_message(error.value, "en")
    assert f"U+{ord(char):04X}" in message and "which text may not hold" in message
    assert "U+" in error_message(error.value, "zh") and "不允许的字符" in error_message(error.value, "zh")
    assert _rows(session) == before


@pytest.mark.parametrize("char", ["\x00", "\x08", "\x1b", "\x7f", "\u0085", "\ufffe"])
def test_other_control_characters_are_refused_by_the_shared_rule(char):
    assert forbidden_character(f"a{char}b") == f"U+{ord(char):04X}"
    with pytest.raises(ValueError, match=f"U\\+{ord(char):04X}"):
        PersonaCreate.model_validate({"name": "P", "needs": ["fine", f"a{char}b"]})


def test_tab_newline_cjk_emoji_rtl_and_markup_are_ordinary_text(session, ws):
    text_value = "第一行\twith tab\r\nשלום 👋 <script>alert(1)</script>"

    note = empathy.add_note(session, map_id=ws.maps[0].id, quadrant="says", text=text_value)

    assert note.text == "第一行\twith tab\nשלום 👋 <script>alert(1)</script>"
    assert forbidden_character(note.text) is None


def test_the_grid_check_names_the_row_and_column_of_a_nul(ws):
    rows = [journeys.TouchpointRow(values={journeys.STAGE: ws.stages[0].name, "name": "a\x00b", "emotion_now": 0})]

    problems = journeys.check_rows(rows, [s.name for s in ws.stages])

    assert [(p.row, p.field, p.key, p.params) for p in problems] == [
        (1, "name", "error.control_character", {"char": "U+0000"})
    ]


def test_a_hundred_thousand_character_persona_goal_is_refused_per_entry(session, ws):
    with pytest.raises(ValidationFailed) as error:
        personas.create_persona(session, workshop_id=ws.workshop.id, name="P", goals=["short", "x" * 100_000])

    message = error_message(error.value, "en")
    assert "Goals: entry 2 is longer than 200 characters" in message
    PersonaCreate.model_validate({"name": "P", "goals": ["x" * LIST_ENTRY_MAX]})  # the limit itself is fine


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf, float("-1e309"), "nan", "-1e309"])
@pytest.mark.parametrize("field", ["baseline", "target"])
def test_a_non_finite_kpi_number_is_refused_on_add_and_on_edit(session, ws, value, field):
    kpi = ws.kpis[0]
    before = _rows(session)

    with pytest.raises(ValidationFailed) as added:
        canvases.add_kpi(session, canvas_id=ws.canvases[0].id, name="K", **{field: value})
    with pytest.raises(ValidationFailed) as edited:
        canvases.update_kpi(session, kpi_id=kpi.id, expected_version=kpi.version, **{field: value})
    session.rollback()

    for error in (added, edited):
        assert "must be a finite number" in error_message(error.value, "en")
    assert _rows(session) == before


# --- restore and the CLI ----------------------------------------------------------------------


@pytest.fixture
def backup(session, ws) -> dict:
    return json.loads(export(ws, "json"))


def _rejected(session: Session, data: bytes) -> str:
    before = _rows(session)
    with pytest.raises(BackupRejected) as error:
        restore_backup(session, data=data)
    session.rollback()
    assert _rows(session) == before
    return error_message(error.value, "en")


def test_restore_refuses_a_nul_in_a_touchpoint_name_whole(session, backup):
    backup["touchpoints"][0]["name"] = "step\u0000one"

    message = _rejected(session, json.dumps(backup).encode())

    assert "`touchpoints[0].name`" in message and "U+0000" in message


def test_restore_refuses_an_over_long_persona_goal(session, backup):
    backup["personas"][0]["goals"] = ["x" * 100_000]

    assert "entry 1 is longer than 200 characters" in _rejected(session, json.dumps(backup).encode())


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity", "1e309", "-1e309"])
def test_restore_refuses_non_standard_or_non_finite_json_numbers(session, backup, literal):
    data = json.dumps(backup).replace('"baseline": 10.0', f'"baseline": {literal}', 1)
    assert literal in data

    message = _rejected(session, data.encode())

    assert f"holds the number {literal}" in message


def test_cli_import_of_a_backup_with_a_nul_exits_2_with_a_message_and_writes_nothing(tmp_path, capsys, backup):
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    backup["empathy_notes"][0]["text"] = "bad\u0000note"
    bad = tmp_path / "nul.json"
    bad.write_text(json.dumps(backup), encoding="utf-8")

    assert main(["--db", db, "import", str(bad)]) == 2
    err = capsys.readouterr().err
    assert main(["--db", db, "list"]) == 0

    assert err.startswith("error: This backup cannot be restored") and "U+0000" in err and "Traceback" not in err
    assert capsys.readouterr().out.strip() == "no workshops"
