"""The journey screen under AppTest, with the grid driven by the payload the browser would send."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from pmo_insight.demo import create_demo_workshop
from pmo_insight.domain.refs import Ref
from pmo_insight.models import RefKind, Touchpoint
from pmo_insight.persistence.chain_loader import load_chain
from pmo_insight.services import journeys, personas, workshops
from pmo_insight.ui.journey.grid import db_rows, grid_key
from tests.apptest import open_page, open_tab

PAGE = "pages/journey.py"


def _open_table(at: AppTest) -> AppTest:
    """The facilitator clicks the Table tab: the grid is drawn only there."""
    return open_tab(at, "journey_view", "✏️")


def _demo(app_db) -> int:
    return app_db.run(lambda s: create_demo_workshop(s, lang="en")).id


def _training(app_db, workshop_id):
    chain = app_db.run(lambda s: load_chain(s, workshop_id=workshop_id))
    journey = chain.journeys[0]
    return journey.id, db_rows(chain.stages_of(journey.id), chain.touchpoints_of(journey.id))


def _payload(rows) -> dict:
    return {
        "nodes": [
            {"id": str(i), "rowIndex": i, "data": {**row, "::auto_unique_id::": str(i)}, "isSelected": False}
            for i, row in enumerate(rows)
        ]
    }


def _texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [m.value for m in at.error] + [m.value for m in at.success]
    parts += [m.value for m in at.warning] + [m.value for m in at.info] + [m.value for m in at.caption]
    return "\n".join(str(p) for p in parts)


def _touchpoint(app_db, touchpoint_id) -> Touchpoint:
    return app_db.run(lambda s: s.get(Touchpoint, touchpoint_id))


def test_the_demo_journey_shows_its_approval_break_quick_wins_and_key_pains(app_db):
    _demo(app_db)
    at = open_page(PAGE)
    text = _texts(at)
    assert "Experience breaks: **Waits for the cross\\-department approval" in text
    assert "⚡ Quick wins (4)" in text
    assert "✅ In canvas" in text
    assert len(at.get("vega_lite_chart")) == 2  # curve and matrix; the closed comparison builds none
    assert not at.get("component_instance")  # the map tab is open: no grid is built for nobody to see
    assert not [t for t in at.text_input if str(t.key).startswith("stage_name_")]  # nor the closed stage editor
    assert _open_table(at).get("component_instance")  # the Table tab builds it
    alone = "No other journey in this workshop shares a stage name"
    assert alone not in _texts(at)  # the closed comparison is not built...
    at.session_state["journey_compare"] = True  # ...until the facilitator opens it
    assert alone in _texts(at.run())


def test_an_emotion_edited_in_the_grid_is_saved_and_other_rows_are_untouched(app_db):
    workshop_id = _demo(app_db)
    journey_id, rows = _training(app_db, workshop_id)
    at = _open_table(open_page(PAGE))
    edited = [dict(row) for row in rows]
    edited[5]["emotion_now"] = "1"  # what a typed cell may look like

    at.session_state[grid_key(journey_id, 0)] = _payload(edited)
    at.run()
    assert "1 unsaved change(s)" in _texts(at)
    at.button(key=f"grid_save_{journey_id}").click().run()

    assert not at.exception
    assert _touchpoint(app_db, rows[5]["id"]).emotion_now == 1
    assert _touchpoint(app_db, rows[5]["id"]).version == 2
    assert all(_touchpoint(app_db, row["id"]).version == 1 for i, row in enumerate(rows) if i != 5)
    assert "Journey saved: 0 added, 1 changed, 0 deleted." in _texts(at)


def test_invalid_cells_are_named_by_row_and_column_and_nothing_is_saved(app_db):
    workshop_id = _demo(app_db)
    journey_id, rows = _training(app_db, workshop_id)
    at = _open_table(open_page(PAGE))
    edited = [dict(row) for row in rows]
    edited[1]["emotion_now"] = 7
    edited[3]["name"] = "   "

    at.session_state[grid_key(journey_id, 0)] = _payload(edited)
    at.run()
    at.button(key=f"grid_save_{journey_id}").click().run()

    error = at.error[0].value
    assert "Row 2, Emotion now: must be at most 3." in error.replace("\\", "")
    assert "Row 4, Touchpoint: required." in error.replace("\\", "")
    assert _touchpoint(app_db, rows[1]["id"]).emotion_now == rows[1]["emotion_now"]
    assert "2 unsaved change(s)" in _texts(at)  # the input is still there


def test_a_stale_grid_save_gets_the_conflict_message_and_keeps_the_colleagues_value(app_db):
    workshop_id = _demo(app_db)
    journey_id, rows = _training(app_db, workshop_id)
    at = _open_table(open_page(PAGE))
    app_db.run(
        lambda colleague: journeys.update_touchpoint(
            colleague, touchpoint_id=rows[0]["id"], expected_version=1, emotion_now=-1
        )
    )
    edited = [dict(row) for row in rows]
    edited[0]["emotion_now"] = 3

    at.session_state[grid_key(journey_id, 0)] = _payload(edited)
    at.run()
    at.button(key=f"grid_save_{journey_id}").click().run()

    assert any("changed by someone else" in e.value for e in at.error)
    assert _touchpoint(app_db, rows[0]["id"]).emotion_now == -1
    assert "1 unsaved change(s)" in _texts(at)


def test_adding_a_row_keeps_what_was_typed_and_saves_the_new_touchpoint(app_db):
    workshop_id = _demo(app_db)
    journey_id, rows = _training(app_db, workshop_id)
    at = _open_table(open_page(PAGE))
    edited = [dict(row) for row in rows]
    edited[0]["channel"] = "Lunch talk"
    at.session_state[grid_key(journey_id, 0)] = _payload(edited)
    at.run()
    at.button(key=f"grid_add_{journey_id}").click().run()

    new_rows = [
        *edited,
        {**edited[-1], "id": None, "version": None, "name": "Recommends the course 👍", "pain_point": ""},
    ]
    at.session_state[grid_key(journey_id, 1)] = _payload(new_rows)
    at.run()
    at.button(key=f"grid_save_{journey_id}").click().run()

    names = [tp.name for tp in app_db.run(lambda s: journeys.list_touchpoints(s, journey_id=journey_id))]
    assert names[-1] == "Recommends the course 👍" and len(names) == len(rows) + 1
    assert _touchpoint(app_db, rows[0]["id"]).channel == "Lunch talk"


def test_a_new_journey_starts_from_the_translated_stage_template(app_db):
    def fresh_workshop_with_a_persona(session) -> int:
        ws = workshops.create_workshop(session, title="Fresh")
        personas.create_persona(session, workshop_id=ws.id, name="Xiao Li")
        return ws.id

    workshop_id = app_db.run(fresh_workshop_with_a_persona)
    at = open_page(PAGE, lang="zh")
    assert "该人物角色还没有旅程" in _texts(at)
    at.text_input(key="new_journey_scenario").input("参加培训")
    at.button(key="FormSubmitter:new_journey_form-创建旅程").click().run()

    assert not at.exception
    (journey,) = app_db.run(lambda s: journeys.list_journeys(s, workshop_id=workshop_id))
    stages = app_db.run(lambda s: journeys.list_stages(s, journey_id=journey.id))
    assert [stage.name for stage in stages] == journeys.template_stage_names("zh")
    assert at.session_state["journey_id"] == journey.id


def test_a_key_pain_is_carried_into_the_canvas_from_the_page(app_db):
    workshop_id = _demo(app_db)

    def mark_the_receiving_touchpoint_a_key_pain(session) -> int:
        chain = load_chain(session, workshop_id=workshop_id)
        tp = next(t for t in chain.touchpoints_of(chain.journeys[0].id) if t.name.startswith("Receives"))
        journeys.mark_key_pain(session, touchpoint_id=tp.id, expected_version=tp.version)
        return tp.id

    touchpoint_id = app_db.run(mark_the_receiving_touchpoint_a_key_pain)
    at = open_page(PAGE)
    at.button(key=f"carry_{touchpoint_id}").click().run()

    chain = app_db.run(lambda s: load_chain(s, workshop_id=workshop_id))
    assert any(r.kind == RefKind.CANVAS_ITEM for r in chain.traced_targets(Ref(RefKind.TOUCHPOINT, touchpoint_id)))
    assert "now a customer pain" in _texts(at)


def test_the_table_tab_is_still_open_after_a_trip_to_another_screen(app_db):
    _demo(app_db)
    at = _open_table(open_page(PAGE))
    at.switch_page("pages/personas.py").run()
    at.switch_page(PAGE).run()
    assert not at.exception
    assert at.get("component_instance")  # the grid, where any unsaved rows were left
