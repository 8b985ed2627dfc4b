"""The empathy-map screen under AppTest: maps, notes by Enter, votes, edit, move, delete, promote, stale edits."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from pmo_insight.domain.refs import Ref
from pmo_insight.models import ItemKind, Quadrant, RefKind
from pmo_insight.persistence.chain_loader import load_chain
from pmo_insight.services import empathy, personas, workshops
from tests.apptest import open_page, statements_in_one_rerun
from tests.factories import build_workshop

PAGE = "pages/empathy.py"
TIMEOUT = 30


@pytest.fixture
def persona(app_db):
    ws = app_db.run(workshops.create_workshop, title="Workshop")
    return app_db.run(personas.create_persona, workshop_id=ws.id, name="Zhang Wei", role="COO")


@pytest.fixture
def emap(app_db, persona):
    return app_db.run(empathy.create_map, persona_id=persona.id, scenario="Deciding whether to introduce a PMO")


def _notes(app_db, persona):
    return app_db.run(load_chain, workshop_id=persona.workshop_id).notes


def _sticky_texts(at: AppTest) -> list[str]:
    """Note texts in the order the board shows them (every note's text is its own markdown block)."""
    return [m.value for m in at.markdown if m.value.startswith("N")]


def test_a_map_is_created_for_the_chosen_persona_and_opened(app_db, persona):
    at = open_page(PAGE, timeout=TIMEOUT)
    assert any("No empathy map for this persona yet" in i.value for i in at.info)

    at.text_input(key="new_map_scenario").input("Deciding whether to introduce a PMO")
    at.button(key="FormSubmitter:new_map_form-Create map").click().run()

    (emap,) = app_db.run(load_chain, workshop_id=persona.workshop_id).maps
    assert (emap.persona_id, emap.scenario) == (persona.id, "Deciding whether to introduce a PMO")
    assert at.selectbox(key="empathy_map").value == emap.id
    assert len(at.chat_input) == 6


def test_a_map_without_a_scenario_is_refused_with_the_reason(app_db, persona):
    at = open_page(PAGE, timeout=TIMEOUT)
    at.button(key="FormSubmitter:new_map_form-Create map").click().run()

    assert any("Scenario: required" in e.value for e in at.error)
    assert app_db.run(load_chain, workshop_id=persona.workshop_id).maps == ()


def test_notes_typed_into_a_quadrant_are_added_there_with_the_remembered_author(app_db, persona, emap):
    at = open_page(PAGE, timeout=TIMEOUT)
    at.text_input(key="note_author").input("Liu Yang")
    at.text_input(key="note_department").input("Finance")
    at.run()
    at.chat_input(key="add_says").set_value("What will a PMO cost us?").run()
    at.chat_input(key="add_feels").set_value("Under pressure 😰").run()

    notes = [(n.quadrant, n.text, n.author, n.department) for n in _notes(app_db, persona)]
    assert notes == [
        (Quadrant.SAYS, "What will a PMO cost us?", "Liu Yang", "Finance"),
        (Quadrant.FEELS, "Under pressure 😰", "Liu Yang", "Finance"),
    ]
    assert "What will a PMO cost us?" in [m.value for m in at.markdown]


def test_the_author_is_still_remembered_after_visiting_another_screen(app_db, persona, emap):
    at = open_page(PAGE, timeout=TIMEOUT)
    at.text_input(key="note_author").input("Liu Yang").run()
    at.switch_page("pages/personas.py").run()
    at.switch_page("pages/empathy.py").run()

    assert at.text_input(key="note_author").value == "Liu Yang"


def test_voting_puts_the_most_voted_note_first(app_db, persona, emap):
    first = app_db.run(empathy.add_note, map_id=emap.id, quadrant="says", text="N1 first", votes=1)
    second = app_db.run(empathy.add_note, map_id=emap.id, quadrant="says", text="N2 second", votes=1)
    at = open_page(PAGE, timeout=TIMEOUT)
    assert _sticky_texts(at) == ["N1 first", "N2 second"]

    at.button(key=f"vote_up_{second.id}").click().run()

    assert _sticky_texts(at) == ["N2 second", "N1 first"]
    at.button(key=f"vote_down_{first.id}").click().run()
    assert at.button(key=f"vote_down_{first.id}").disabled
    assert {n.id: n.votes for n in _notes(app_db, persona)} == {first.id: 0, second.id: 2}


def test_editing_a_note_changes_its_text_and_moves_it_to_another_quadrant(app_db, persona, emap):
    note = app_db.run(empathy.add_note, map_id=emap.id, quadrant="says", text="Too expensive")
    at = open_page(PAGE, timeout=TIMEOUT)
    at.button(key=f"note_edit_{note.id}").click().run()
    at.text_area(key=f"note_text_{note.id}").input("Worried about the cost")
    at.selectbox(key=f"note_quadrant_{note.id}").set_value(Quadrant.FEELS)
    at.button(key=f"note_save_{note.id}").click().run()

    (saved,) = _notes(app_db, persona)
    assert (saved.text, saved.quadrant) == ("Worried about the cost", Quadrant.FEELS)
    assert "Note saved." in [s.value for s in at.success]


def test_an_edit_of_a_note_someone_else_changed_is_refused_and_the_text_kept(app_db, persona, emap):
    note = app_db.run(empathy.add_note, map_id=emap.id, quadrant="says", text="Original")
    at = open_page(PAGE, timeout=TIMEOUT)
    at.button(key=f"note_edit_{note.id}").click().run()
    app_db.run(empathy.edit_note, note_id=note.id, expected_version=1, text="Changed elsewhere")

    at.text_area(key=f"note_text_{note.id}").input("Mine")
    at.button(key=f"note_save_{note.id}").click().run()

    assert any("changed by someone else" in e.value for e in at.error)
    assert at.text_area(key=f"note_text_{note.id}").value == "Mine"
    assert _notes(app_db, persona)[0].text == "Changed elsewhere"


def test_deleting_a_note_after_confirming_removes_it(app_db, persona, emap):
    note = app_db.run(empathy.add_note, map_id=emap.id, quadrant="gains", text="Clear ROI")
    at = open_page(PAGE, timeout=TIMEOUT)
    at.button(key=f"note_edit_{note.id}").click().run()
    at.button(key=f"note_delete_confirm_{note.id}").click().run()

    assert _notes(app_db, persona) == ()


def test_a_pains_note_is_carried_into_a_new_canvas_with_a_trace_back(app_db, persona, emap):
    note = app_db.run(empathy.add_note, map_id=emap.id, quadrant="pains", text="Another layer of bureaucracy")
    at = open_page(PAGE, timeout=TIMEOUT)
    at.button(key=f"note_edit_{note.id}").click().run()
    assert at.text_input(key=f"promote_title_{note.id}").value == "Value proposition for Zhang Wei"
    at.button(key=f"promote_{note.id}").click().run()

    chain = app_db.run(load_chain, workshop_id=persona.workshop_id)
    (item,) = chain.items
    assert (item.kind, item.text) == (ItemKind.PAIN, "Another layer of bureaucracy")
    assert chain.traced_sources(Ref(RefKind.CANVAS_ITEM, item.id)) == [Ref(RefKind.EMPATHY_NOTE, note.id)]
    assert any("In canvas" in m.value for m in at.markdown)


def test_a_says_note_explains_it_cannot_be_carried_into_a_canvas(app_db, persona, emap):
    note = app_db.run(empathy.add_note, map_id=emap.id, quadrant="says", text="Cost?")
    at = open_page(PAGE, timeout=TIMEOUT)
    at.button(key=f"note_edit_{note.id}").click().run()

    assert any("Only Pains, Feels and Gains" in i.value for i in at.info)


def test_a_note_with_markup_is_shown_as_literal_text(app_db, persona, emap):
    text = "<script>alert(1)</script> **bold** [x](http://e)"
    app_db.run(empathy.add_note, map_id=emap.id, quadrant="says", text=text)
    at = open_page(PAGE, timeout=TIMEOUT)

    shown = [m.value for m in at.markdown]
    assert "\\<script\\>alert\\(1\\)\\</script\\> \\*\\*bold\\*\\* \\[x\\]\\(http\\://e\\)" in shown
    assert not any("<script>" in value for value in shown)


def test_notes_without_evidence_are_badged_as_assumptions(app_db, persona, emap):
    app_db.run(empathy.add_note, map_id=emap.id, quadrant="thinks", text="Will the PMO police us?")
    at = open_page(PAGE, timeout=TIMEOUT)

    assert sum("Assumption" in m.value for m in at.markdown) == 2  # the persona and the note


def test_switching_to_chinese_translates_the_board(app_db, persona, emap):
    at = open_page(PAGE, timeout=TIMEOUT)
    at.radio(key="lang").set_value("zh").run()

    assert at.title[0].value == "🧠 同理心地图"
    assert [s.value for s in at.subheader][:2] == ["🗣️ 说 · 0", "🏃 做 · 0"]


def test_a_rerun_costs_the_same_number_of_queries_for_four_or_forty_notes(app_db):
    counts = []
    for notes in (4, 40):
        ws = app_db.run(build_workshop, notes_per_map=notes)
        app_db.run(workshops.rename_workshop, workshop_id=ws.id, title=f"{notes} notes", expected_version=ws.version)

        at = open_page(timeout=TIMEOUT)
        at.selectbox(key="workshop_id").set_value(ws.id).run()
        at.switch_page(PAGE).run()
        assert len(_sticky_texts(at)) == notes
        counts.append(statements_in_one_rerun(at))

    assert counts[0] == counts[1], counts
