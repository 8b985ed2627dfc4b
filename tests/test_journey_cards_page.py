"""Editing one touchpoint from the stage-column map (AppTest): a card opens a dialog, emotion as one choice."""

from __future__ import annotations

from sqlmodel import select

from pmo_insight.demo import create_demo_workshop
from pmo_insight.models import Touchpoint
from pmo_insight.persistence.chain_loader import load_chain
from pmo_insight.services import journeys
from tests.apptest import open_page, open_tab

PAGE = "pages/journey.py"


def _demo(app_db):
    workshop = app_db.run(lambda s: create_demo_workshop(s, lang="en"))
    chain = app_db.run(lambda s: load_chain(s, workshop_id=workshop.id))
    journey = chain.journeys[0]
    return chain.stages_of(journey.id), chain.touchpoints_of(journey.id)


def test_a_touchpoint_is_added_from_its_stage_column_with_a_big_emotion_choice(app_db):
    stages, touchpoints = _demo(app_db)
    attend = next(s for s in stages if s.name == "Attend")
    at = open_page(PAGE)

    at.button(key=f"tp_add_{attend.id}").click().run()
    assert not at.exception
    # seven buttons, −3 to +3 (each with its face as the button's icon)
    assert list(at.segmented_control(key="tp_dialog_new_now").options) == ["-3", "-2", "-1", "0", "+1", "+2", "+3"]
    assert at.segmented_control(key="tp_dialog_new_stage").value == attend.id  # the stage clicked, preselected
    at.text_input(key="tp_dialog_new_name").input("Asks a mentor for help")
    at.segmented_control(key="tp_dialog_new_now").set_value(-2)
    at.text_area(key="tp_dialog_new_pain").input("Nobody is assigned")
    at.button(key="tp_dialog_new_save").click().run()

    added = app_db.run(lambda s: s.exec(select(Touchpoint).where(Touchpoint.name == "Asks a mentor for help")).one())
    assert (added.stage_id, added.emotion_now, added.pain_point) == (attend.id, -2, "Nobody is assigned")
    assert "_touchpoint_dialog" not in at.session_state  # the dialog closed
    assert "Touchpoint “Asks a mentor for help” saved." in [s.value for s in at.success]
    assert f"tp_card_{added.id}" in {b.key for b in at.button}  # now a card in its column


def test_a_card_opens_its_touchpoint_and_a_stale_save_keeps_the_typed_text(app_db):
    stages, touchpoints = _demo(app_db)
    tp = touchpoints[0]
    at = open_page(PAGE)

    at.button(key=f"tp_card_{tp.id}").click().run()
    key = f"tp_dialog_{tp.id}"
    assert at.text_input(key=f"{key}_name").value == tp.name
    assert at.segmented_control(key=f"{key}_now").value == tp.emotion_now
    # a colleague saves the same touchpoint meanwhile
    app_db.run(lambda s: journeys.update_touchpoint(s, touchpoint_id=tp.id, expected_version=tp.version, name="Theirs"))
    at.run()  # the page notices (the grid redraws from the database); the dialog stays open
    at.text_input(key=f"{key}_name").input("Mine")
    at.segmented_control(key=f"{key}_now").set_value(-3)
    at.button(key=f"{key}_save").click().run()

    assert at.error and "changed" in at.error[0].value.lower()
    assert at.text_input(key=f"{key}_name").value == "Mine"  # nothing typed is lost
    assert app_db.run(lambda s: s.get(Touchpoint, tp.id)).name == "Theirs"  # nor overwritten


def test_cards_are_locked_while_the_grid_holds_unsaved_rows(app_db):
    stages, touchpoints = _demo(app_db)
    at = open_page(PAGE)
    assert not at.button(key=f"tp_card_{touchpoints[0].id}").disabled
    open_tab(at, "journey_view", "✏️")  # the Table tab: the grid, and no cards built meanwhile
    assert f"tp_card_{touchpoints[0].id}" not in {b.key for b in at.button}
    at.button(key=f"grid_add_{touchpoints[0].journey_id}").click().run()  # a new row, typed into
    key = next(k for k in at.session_state if str(k).startswith("_journey_grid_state_"))
    rows = at.session_state[key]["rows"]
    rows[-1]["name"] = "Typed in the grid"
    at.run()
    open_tab(at, "journey_view", "🗺️")  # back to the map, the grid's row still unsaved

    assert at.button(key=f"tp_card_{touchpoints[0].id}").disabled
    assert at.button(key=f"tp_add_{stages[0].id}").disabled
    assert any("Table tab holds unsaved changes" in c.value for c in at.caption)
    open_tab(at, "journey_view", "✏️")  # and the typed row is still there to save
    assert "1 unsaved change(s)" in "\n".join(m.value for m in at.markdown)
