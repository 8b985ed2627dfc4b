"""Customer journey map: stages and touchpoints in a grid, the emotion curve with its breaks,
the stage map, the opportunity matrix with quick wins, and key pains carried into the canvas."""

import streamlit as st

from pmo_insight import web
from pmo_insight.health import chain_health
from pmo_insight.models import NAME_MAX
from pmo_insight.services import journeys as svc
from pmo_insight.ui import journey_views as views
from pmo_insight.ui.health import health_panel
from pmo_insight.ui.journey_grid import touchpoint_grid
from pmo_insight.ui.journey_stages import stage_editor

PERSONA_KEY, JOURNEY_KEY, NEXT_JOURNEY_KEY = "journey_persona", "journey_id", "_next_journey"
tr = web.tr

web.require_shell()
st.title(f"🗺️ {tr('nav.journey')}")
chain = web.current_chain()
workshop_id = chain.workshop.id
health_panel(workshop_id, results=chain_health(chain))
web.show_flash()
if not chain.personas:
    st.info(tr("journey.no_persona"), icon="👤")
    st.stop()

personas = {p.id: p for p in chain.personas}
if NEXT_JOURNEY_KEY in st.session_state:  # a journey just created: show it
    st.session_state[PERSONA_KEY], st.session_state[JOURNEY_KEY] = st.session_state.pop(NEXT_JOURNEY_KEY)
if st.session_state.get(PERSONA_KEY) not in personas:
    st.session_state[PERSONA_KEY] = next((j.persona_id for j in chain.journeys), chain.personas[0].id)

persona_col, journey_col, new_col = st.columns([3, 4, 1.6], vertical_alignment="bottom")
persona_id = persona_col.selectbox(
    tr("journey.persona"),
    list(personas),
    key=PERSONA_KEY,
    format_func=lambda pid: f"{personas[pid].avatar} {personas[pid].name}",
)
journeys = {j.id: j for j in chain.journeys if j.persona_id == persona_id}
if st.session_state.get(JOURNEY_KEY) not in journeys:
    st.session_state[JOURNEY_KEY] = next(iter(journeys), None)
if journeys:
    journey_col.selectbox(
        tr("journey.scenario"), list(journeys), key=JOURNEY_KEY, format_func=lambda j: journeys[j].scenario
    )
else:
    journey_col.info(tr("journey.no_journey"), icon="👉")

with new_col.popover(f"➕ {tr('journey.new')}", key="new_journey", width="stretch"):
    with st.form("new_journey_form", border=False):
        scenario = st.text_input(tr("field.scenario"), key="new_journey_scenario", max_chars=NAME_MAX)
        template = svc.template_stage_names(web.lang())
        starts = {
            option: tr(f"journey.start.{option}", stages=" → ".join(template)) for option in ("template", "blank")
        }
        start = st.radio(tr("journey.start"), list(starts), key="new_journey_start", format_func=starts.get)
        if st.form_submit_button(tr("journey.create"), type="primary"):
            names = template if start == "template" else []
            created = web.call(svc.create_journey, persona_id=persona_id, scenario=scenario, stage_names=names)
            if created is not None:
                st.session_state[NEXT_JOURNEY_KEY] = (persona_id, created.id)
                web.flash(tr("journey.created", scenario=web.md(created.scenario)))
                st.rerun()

journey_id = st.session_state.get(JOURNEY_KEY)
if journey_id is None:
    st.stop()
journey = journeys[journey_id]
stages, touchpoints = chain.stages_of(journey_id), chain.touchpoints_of(journey_id)

st.subheader(f"✏️ {tr('journey.grid.title', count=len(touchpoints))}")
if not stages:
    st.info(tr("journey.no_stages"), icon="🧱")
unsaved = touchpoint_grid(journey_id, stages, touchpoints) if stages else False
counts = {s.id: sum(1 for tp in touchpoints if tp.stage_id == s.id) for s in stages}
stage_editor(journey, stages, counts, locked=unsaved)

views.emotion_section(stages, touchpoints)
views.compare_section(chain, journey)
views.stage_map(stages, touchpoints)
views.opportunity_section(touchpoints, stages)
views.key_pains_section(chain, journey)
