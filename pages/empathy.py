"""Empathy map: what one persona says, thinks, does and feels in one scenario, built live."""

import streamlit as st

from pmo_insight import web
from pmo_insight.domain.health import chain_health
from pmo_insight.live.models import BoardKind
from pmo_insight.models import NAME_MAX
from pmo_insight.review.models import CommentTarget
from pmo_insight.services import empathy as svc
from pmo_insight.ui.chain.health import health_panel
from pmo_insight.ui.common import conflict, drafts
from pmo_insight.ui.common.pickers import persona_and_scenario
from pmo_insight.ui.common.widget_state import closable, close_next_run
from pmo_insight.ui.empathy.board import BoardContext, empathy_board, remembered_author_fields
from pmo_insight.ui.grouping.step import group_step, group_step_toggle
from pmo_insight.ui.live import board as live_board
from pmo_insight.ui.live import panel as live_panel
from pmo_insight.ui.review.comments import open_badge

PERSONA_KEY, MAP_KEY, NEXT_MAP_KEY = "empathy_persona", "empathy_map", "_next_empathy_map"
tr = web.tr

web.require_shell()
chain = web.current_chain()
workshop_id = chain.workshop.id
if chain.personas:
    live_panel.follow(chain, NEXT_MAP_KEY)
# The room's view: a round runs on the map this screen shows and the board is not being edited. The
# chrome then folds away (the pickers into an expander, no health panel, a compact code and QR) so
# a 1280×720 projector shows the first row of notes without scrolling.
room = live_board.wanted(
    chain, BoardKind.EMPATHY, (st.session_state.get(NEXT_MAP_KEY) or (0, st.session_state.get(MAP_KEY)))[1]
)
st.title(f"🧠 {tr('nav.empathy')}")
if room:
    live_panel.room_css()
else:
    health_panel(workshop_id, results=chain_health(chain))
open_badge(chain, CommentTarget.EMPATHY_NOTE)
with st.container():  # a fixed slot: a message coming or going must not shift the board (and its focus)
    web.show_flash()
if not chain.personas:
    live_panel.keep_current(chain)
    st.info(tr("empathy.no_persona"), icon="👤")
    st.page_link("pages/personas.py", label=tr("nav.personas"), icon="👤")
    st.stop()

pickers = st.expander(f"🎛️ {tr('live.board.pickers')}") if room else st.container()
persona_col, map_col, new_col, manage_col = pickers.columns([3, 4, 1.4, 1.4], vertical_alignment="bottom")
persona_id, map_id = persona_and_scenario(
    chain,
    chain.maps,
    keys=(PERSONA_KEY, MAP_KEY, NEXT_MAP_KEY),
    columns=(persona_col, map_col),
    labels=(tr("empathy.persona"), tr("empathy.map")),
    empty=tr("empathy.no_map"),
)

with new_col.popover(f"➕ {tr('empathy.new_map')}", **closable("new_map"), width="stretch", wrap=True):
    with st.form("new_map_form", border=False):
        scenario = st.text_input(
            tr("field.scenario"), key="new_map_scenario", max_chars=NAME_MAX, placeholder=tr("empathy.scenario_hint")
        )
        if st.form_submit_button(tr("empathy.create_map"), type="primary"):
            created = web.call(svc.create_map, persona_id=persona_id, scenario=scenario)
            if created is not None:
                st.session_state[NEXT_MAP_KEY] = (persona_id, created.id)
                close_next_run("new_map")
                web.flash(tr("empathy.map_created", scenario=web.md(created.scenario)))
                st.rerun()

if map_id is not None:
    emap = next(m for m in chain.maps if m.id == map_id)
    with manage_col.popover(f"⚙️ {tr('empathy.manage_map')}", key="manage_map", use_container_width=True):
        renamed = st.text_input(
            tr("field.scenario"), value=emap.scenario, max_chars=NAME_MAX, **drafts.track(f"rename_map_{map_id}")
        )
        clicked = st.button(tr("common.save"), key=f"rename_map_save_{map_id}", type="primary")
        fields = [conflict.Field(tr("field.scenario"), f"rename_map_{map_id}", emap.scenario)]
        if conflict.save(f"map:{map_id}", svc.rename_map, version=emap.version, fields=fields, clicked=clicked,
                         map_id=map_id, scenario=renamed):  # fmt: skip
            st.rerun()
        st.divider()
        st.warning(tr("empathy.delete_map_confirm", scenario=web.md(emap.scenario), count=len(chain.notes_of(map_id))))
        deleting = st.button(tr("empathy.delete_map"), key=f"delete_map_{map_id}")
        if conflict.delete(f"map:{map_id}", svc.delete_map, version=emap.version, fields=fields, clicked=deleting,
                           map_id=map_id):  # fmt: skip
            web.flash(tr("empathy.map_deleted", scenario=web.md(emap.scenario)))
            st.rerun()
live_mode = live_board.wanted(chain, BoardKind.EMPATHY, map_id)
if live_mode != room:  # another map was picked in this run: lay the screen out for it
    st.rerun()
live_panel.panel(chain, kind=BoardKind.EMPATHY, board_id=map_id, metrics=not live_mode, compact=room)
if map_id is not None:
    persona = next(p for p in chain.personas if p.id == persona_id)
    if live_mode:  # the room's notes and votes show here without a click, redrawing only the board
        live_board.entry_row(chain, persona, emap)
        live_board.live_board(chain)
        remembered_author_fields()
    elif group_step_toggle():  # between writing and voting: put the room's notes together
        live_panel.keep_current(chain)
        group_step(chain, map_id)
    else:  # a participant's note or a colleague's edit shows here without a click
        live_board.edit_toggle(chain, map_id)
        remembered_author_fields()
        live_panel.keep_current(chain)
        empathy_board(BoardContext(chain, emap, persona, votes_hidden=live_panel.votes_hidden(chain, map_id)))
else:
    live_panel.keep_current(chain)
