"""Small frictions of the shared screen, fixed (AppTest): Enter adds a canvas item, tabs stay put after
an action, "new" popovers close after creating, the stage section stays open until its names are saved,
and the persona form's refusal appears inside the form with the failing field unfolded."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from pmo_insight.demo import create_demo_workshop
from pmo_insight.persistence.chain_loader import load_chain
from pmo_insight.services import workshops
from tests.apptest import open_page

CANVAS, JOURNEY, EMPATHY, PERSONAS = "pages/canvas.py", "pages/journey.py", "pages/empathy.py", "pages/personas.py"


def _demo(app_db):
    workshop = app_db.run(lambda s: create_demo_workshop(s, lang="en"))
    return app_db.run(lambda s: load_chain(s, workshop_id=workshop.id))


def _in_form(at: AppTest, widget) -> bool:
    return bool(widget.proto.form_id)


def test_a_canvas_item_is_typed_into_a_form_so_enter_adds_it(app_db):
    chain = _demo(app_db)
    at = open_page(CANVAS)
    box = at.text_input(key="add_text_pain_0")
    assert _in_form(at, box)  # Enter in a form's text box submits it, as on the empathy board

    box.input("Reports are re-keyed by hand")
    before = len(chain.items)
    assert len(app_db.run(lambda s: load_chain(s, workshop_id=chain.workshop.id)).items) == before  # not yet
    at.button(key="add_item_pain").click().run()

    assert len(app_db.run(lambda s: load_chain(s, workshop_id=chain.workshop.id)).items) == before + 1
    assert at.text_input(key="add_text_pain_1").value == ""  # ready for the next one


def test_after_link_the_fit_tab_stays_open(app_db):
    chain = _demo(app_db)
    rules = next(i for i in chain.items if i.text.startswith("Published allocation rules"))
    reporting = next(i for i in chain.items if i.text.startswith("Duplicate reporting"))
    at = open_page(CANVAS)
    at.session_state["canvas_tab"] = "🔗 Fit"  # the facilitator clicked the Fit tab
    at.run()
    at.selectbox(key="fit_value").set_value(rules.id).run()
    at.selectbox(key="fit_target_pain").set_value(reporting.id).run()
    at.button(key="fit_link").click().run()

    assert "R1 now linked to P5." in [s.value for s in at.success]
    assert at.session_state["canvas_tab"] == "🔗 Fit"


def test_after_add_kpi_the_kpi_tab_stays_open_though_its_count_changed(app_db):
    _demo(app_db)
    at = open_page(CANVAS)
    at.session_state["canvas_tab"] = "📈 KPIs (3)"
    at.run()
    at.text_input(key="kpi_new_0_name").input("Customer NPS").run()
    at.button(key="kpi_add").click().run()

    assert at.session_state["canvas_tab"] == "📈 KPIs (4)"


def test_the_new_journey_popover_closes_after_creating(app_db):
    _demo(app_db)
    at = open_page(JOURNEY)
    at.session_state["new_journey"] = True  # opened
    at.run()
    at.text_input(key="new_journey_scenario").input("Asks for a specialist")
    at.button(key="FormSubmitter:new_journey_form-Create journey").click().run()

    assert not at.exception
    assert "Journey “Asks for a specialist” created." in [s.value for s in at.success]
    assert at.session_state["new_journey"] is False


def test_the_new_map_popover_closes_after_creating(app_db):
    _demo(app_db)
    at = open_page(EMPATHY)
    at.session_state["new_map"] = True
    at.run()
    at.text_input(key="new_map_scenario").input("Quarterly review")
    at.button(key="FormSubmitter:new_map_form-Create map").click().run()

    assert not at.exception
    assert any("Quarterly review" in s.value for s in at.success)
    assert at.session_state["new_map"] is False


def test_the_stage_section_stays_open_until_the_typed_names_are_saved(app_db):
    chain = _demo(app_db)
    journey = chain.journeys[0]
    first = chain.stages_of(journey.id)[0]
    at = open_page(JOURNEY)
    key = f"stage_section_{journey.id}"
    at.session_state[key] = True
    at.run()
    at.text_input(key=f"stage_name_{first.id}").input("Hears of it").run()
    at.session_state[key] = False  # even a stray click on the header: typed names keep it open
    at.run()

    assert at.session_state[key] is True
    at.button(key="stage_save_names").click().run()
    assert "1 stage(s) renamed." in [s.value for s in at.success]


def test_the_persona_forms_refusal_is_inside_the_form_with_the_failing_field_unfolded(app_db):
    app_db.run(workshops.create_workshop, title="Workshop")
    at = open_page(PERSONAS)
    at.text_input(key="new_persona_name").input("Finance director")
    # The box's own counter stops a quote past the limit (max_chars); a control character is what
    # still reaches the model's rules from a paste.
    at.text_area(key="new_persona_quote").input("Bell \x07 in a quote")
    at.button(key="FormSubmitter:new_persona-➕ Create persona").click().run()

    form = at.get("form")[0]
    errors = [e.value for e in form.error]
    assert errors and "Quote" in errors[0]  # shown in the form, next to its fields...
    assert not [e for e in at.main.error if e not in form.error]  # ...not at the top of the page
    details = next(e for e in form.expander if e.label.startswith("Goals, pain points"))
    assert details.proto.expanded  # the failing field is not folded away
    assert at.text_area(key="new_persona_quote").value == "Bell \x07 in a quote"
    # every box of the form says its limit before anything is sent
    limits = {key: at.text_input(key=key).proto.max_chars for key in ("new_persona_avatar", "new_persona_name")}
    limits |= {key: at.text_area(key=key).proto.max_chars for key in ("new_persona_quote", "new_persona_background")}
    assert limits == {
        "new_persona_avatar": 16, "new_persona_name": 120, "new_persona_quote": 2000, "new_persona_background": 2000,
    }  # fmt: skip
