"""Quality nudges: the pure rules on hand-labelled notes (English and Chinese) and on built chains,
then the facilitator's box and the phone's under AppTest (a near-duplicate held for one tap, a vague
note saved with advice). Nothing here blocks: every held note can be added anyway."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from pmo_insight.domain.refs import Ref
from pmo_insight.live import sessions
from pmo_insight.models import RefKind
from pmo_insight.nudges.rules import board_nudges, is_vague, near_duplicate, note_nudges
from pmo_insight.persistence.chain_loader import load_chain
from pmo_insight.services import canvases, empathy, links, personas, workshops
from tests.apptest import open_page

#: Hand-labelled: too short to act on, with no who, when or how much.
VAGUE = ["slow", "Bad reports", "too many meetings", "太慢了", "报告没用", "审批慢", "沟通差", "Confusing tool"]
#: Hand-labelled: concrete enough (a who, a when, a how much, or simply said in full).
CONCRETE = [
    "Approval takes two weeks",
    "The CFO signs every purchase by hand",
    "Nobody reads the weekly status report",
    "We lose 3 hours a week on status decks",
    "报名审批要等一周",
    "财务总监要手签每一笔采购",
    "每周花三小时做状态汇报",
    "项目经理不知道优先级",
]
BOARD = [(1, "Approval takes two weeks"), (2, "Nobody reads the weekly report"), (3, "报名审批要等一周")]


def test_vague_notes_are_told_apart_from_concrete_ones_on_hand_labelled_notes():
    assert [t for t in VAGUE if not is_vague(t)] == []
    assert [t for t in CONCRETE if is_vague(t)] == []
    assert not is_vague("") and not is_vague("   ")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Approval takes 2 weeks", 1),
        ("approval takes two weeks!", 1),
        ("Nobody reads the weekly reports", 2),
        ("报名审批要等一周！", 3),
        ("Forms ask for the same data twice", None),
        ("审批太慢", None),
    ],
)
def test_a_near_duplicate_is_found_on_the_board_and_a_different_note_is_not(text, expected):
    found = near_duplicate(text, BOARD)
    assert (found[0] if found else None) == expected


def test_a_note_can_be_both_vague_and_a_duplicate_and_each_nudge_names_its_reason():
    nudges = note_nudges("slow", existing=[(9, "Slow!")])
    assert [n.rule for n in nudges] == ["near_duplicate", "vague"]
    assert nudges[0].params == {"text": "Slow!"} and nudges[0].ref == Ref(RefKind.EMPATHY_NOTE, 9)


def test_a_persona_with_five_times_more_pains_than_gains_and_an_overfull_unbacked_canvas_are_nudged(session):
    ws = workshops.create_workshop(session, title="Nudges")
    moaning = personas.create_persona(session, workshop_id=ws.id, name="Moaning PM")
    balanced = personas.create_persona(session, workshop_id=ws.id, name="Balanced PM")
    for persona, pains, gains in ((moaning, 5, 1), (balanced, 4, 1)):
        emap = empathy.create_map(session, persona_id=persona.id, scenario="Status")
        for i in range(pains):
            empathy.add_note(session, map_id=emap.id, quadrant="pains", text=f"Pain {i}")
        for i in range(gains):
            empathy.add_note(session, map_id=emap.id, quadrant="gains", text=f"Gain {i}")
    canvas = canvases.create_canvas(session, persona_id=moaning.id, title="Too much")
    items = [canvases.add_item(session, canvas_id=canvas.id, kind="pain", text=f"Canvas pain {i}") for i in range(6)]
    note = load_chain(session, workshop_id=ws.id).notes[0]
    links.add_trace(session, source=Ref(RefKind.EMPATHY_NOTE, note.id), target=Ref(RefKind.CANVAS_ITEM, items[0].id))
    session.commit()

    nudges = board_nudges(load_chain(session, workshop_id=ws.id))
    one_sided = [n for n in nudges if n.rule == "pains_outnumber_gains"]
    assert [n.params["name"] for n in one_sided] == ["Moaning PM"]
    assert [n.params["count"] for n in nudges if n.rule == "too_many_pains"] == [6]
    unbacked = [n.ref.id for n in nudges if n.rule == "pain_without_evidence"]
    assert unbacked == [i.id for i in items[1:]]  # the traced one has a note behind it


# --- on screen -------------------------------------------------------------------------------


@pytest.fixture
def board(app_db):
    ws = app_db.run(workshops.create_workshop, title="Workshop")
    persona = app_db.run(personas.create_persona, workshop_id=ws.id, name="Zhang Wei", role="COO")
    emap = app_db.run(empathy.create_map, persona_id=persona.id, scenario="Approvals")
    app_db.run(empathy.add_note, map_id=emap.id, quadrant="pains", text="Approval takes two weeks")
    return ws, emap


def _texts(app_db, ws) -> list[str]:
    return [n.text for n in app_db.run(load_chain, workshop_id=ws.id).notes]


def test_the_facilitators_near_duplicate_is_held_until_added_anyway_and_a_vague_note_gets_advice(app_db, board):
    ws, _ = board
    at = open_page("pages/empathy.py")
    at.chat_input(key="add_pains").set_value("Approval takes 2 weeks").run()
    assert _texts(app_db, ws) == ["Approval takes two weeks"]  # held, not saved
    held = " ".join(m.value for m in at.markdown)
    assert "looks like a note already on the board" in held and "Approval takes 2 weeks" in held

    at.button(key=f"nudge_add_{board[1].id}_pains").click().run()
    assert _texts(app_db, ws) == ["Approval takes two weeks", "Approval takes 2 weeks"]

    at.chat_input(key="add_pains").set_value("slow").run()
    assert "slow" in _texts(app_db, ws)  # a vague note is saved; the box says how to sharpen it
    assert any("says no who, when or how much" in c.value for c in at.caption)


def test_a_held_near_duplicate_kept_out_is_not_saved(app_db, board):
    ws, emap = board
    at = open_page("pages/empathy.py")
    at.chat_input(key="add_pains").set_value("approval takes two weeks!").run()
    at.button(key=f"nudge_drop_{emap.id}_pains").click().run()
    assert _texts(app_db, ws) == ["Approval takes two weeks"]
    assert not any("looks like a note already" in m.value for m in at.markdown)


def test_the_phone_holds_a_near_duplicate_before_sending_it_and_sends_it_when_asked(app_db, board):
    ws, _ = board
    code = app_db.run(sessions.start_session, workshop_id=ws.id, budget=3).code
    at = AppTest.from_file("../app.py", default_timeout=30)
    at.session_state["lang"] = "en"
    at.query_params["join"] = code
    at.run()
    at.text_input(key="join_name").input("Li Na")
    at.button(key="join_submit").click().run()
    at.chat_input(key="join_note").set_value("Approval takes 2 weeks").run()
    assert not at.exception, at.exception
    assert _texts(app_db, ws) == ["Approval takes two weeks"]
    assert any("looks like a note already on the board" in m.value for m in at.markdown)

    at.button(key="nudge_add_phone").click().run()
    assert _texts(app_db, ws) == ["Approval takes two weeks", "Approval takes 2 weeks"]
