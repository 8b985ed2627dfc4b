"""Customer journey map: stages and touchpoints in a grid, the emotion curve with its breaks,
the stage map, the opportunity matrix with quick wins, and key pains carried into the canvas."""

import streamlit as st

from pmo_insight import web
from pmo_insight.domain.health import chain_health
from pmo_insight.live.models import BoardKind
from pmo_insight.models import NAME_MAX
from pmo_insight.review.models import CommentTarget
from pmo_insight.services import journeys as svc
from pmo_insight.ui.chain.health import health_panel
from pmo_insight.ui.common import drafts
from pmo_insight.ui.common.pickers import persona_and_scenario
from pmo_insight.ui.common.widget_state import closable, close_next_run, keep_tab
from pmo_insight.ui.journey import views
from pmo_insight.ui.journey.grid import touchpoint_grid, unsaved_changes
from pmo_insight.ui.journey.pain_groups import pain_group_section
from pmo_insight.ui.journey.stages import stage_editor
from pmo_insight.ui.live import board as live_board
from pmo_insight.ui.live import panel as live_panel
from pmo_insight.ui.review.comments import open_badge

PERSONA_KEY, JOURNEY_KEY, NEXT_JOURNEY_KEY = "journey_persona", "journey_id", "_next_journey"
VIEW_KEY = "journey_view"
tr = web.tr

web.require_shell()
st.title(f"🗺️ {tr('nav.journey')}")
chain = web.current_chain()
workshop_id = chain.workshop.id
health_panel(workshop_id, results=chain_health(chain))
open_badge(chain, CommentTarget.TOUCHPOINT)
with st.container():  # a fixed slot: a message coming or going must not remount the pickers (and drop focus)
    web.show_flash()
if not chain.personas:
    st.info(tr("journey.no_persona"), icon="👤")
    st.stop()

live_panel.follow(chain, NEXT_JOURNEY_KEY, BoardKind.JOURNEY)

persona_col, journey_col, new_col = st.columns([3, 4, 1.6], vertical_alignment="bottom")
persona_id, journey_id = persona_and_scenario(
    chain,
    chain.journeys,
    keys=(PERSONA_KEY, JOURNEY_KEY, NEXT_JOURNEY_KEY),
    columns=(persona_col, journey_col),
    labels=(tr("journey.persona"), tr("journey.scenario")),
    empty=tr("journey.no_journey"),
)

with new_col.popover(f"➕ {tr('journey.new')}", **closable("new_journey"), width="stretch", wrap=True):
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
                close_next_run("new_journey")
                web.flash(tr("journey.created", scenario=web.md(created.scenario)))
                st.rerun()

live_mode = live_board.wanted(chain, BoardKind.JOURNEY, journey_id)
live_panel.panel(chain, kind=BoardKind.JOURNEY, board_id=journey_id, metrics=not live_mode)
if live_mode:  # the room's votes show here without a click, redrawing only the live board
    live_board.live_board(chain)
else:  # a round started elsewhere shows here; the room's notes and votes do not redraw the editors
    live_board.watch_sessions(chain)
if journey_id is None:
    st.stop()
journey = next(j for j in chain.journeys if j.id == journey_id)
stages, touchpoints = chain.stages_of(journey_id), chain.touchpoints_of(journey_id)

# Map (the projector's way in, first) or the grid for bulk edits: only the open tab is built, so the
# screen never pays for a 50-row grid nobody looks at. The map is locked while the grid holds unsaved rows;
# the tab chosen is kept across a trip to another screen, so unsaved grid rows are where they were left.
tabs = [f"🗺️ {tr('journey.view.map')}", f"✏️ {tr('journey.view.table', count=len(touchpoints))}"]
map_tab, table_tab = st.tabs(tabs, key=keep_tab(drafts.restore(VIEW_KEY), tabs), on_change="rerun")
drafts.remember(VIEW_KEY)  # kept like typed text: Streamlit forgets a tab not drawn on another screen
if not stages:
    st.info(tr("journey.no_stages"), icon="🧱")
if table_tab.open:
    with table_tab:
        unsaved = touchpoint_grid(journey_id, stages, touchpoints) if stages else False
else:
    unsaved = unsaved_changes(journey_id) > 0
    with map_tab:
        views.stage_map(stages, touchpoints, locked=unsaved)
counts = {s.id: sum(1 for tp in touchpoints if tp.stage_id == s.id) for s in stages}
stage_editor(journey, stages, counts, locked=unsaved)

views.emotion_section(stages, touchpoints)
views.compare_section(chain, journey)
views.opportunity_section(touchpoints, stages)
pain_group_section(chain, journey)
views.key_pains_section(chain, journey)
