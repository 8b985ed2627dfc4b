"""Workshop screen 4: the value proposition canvas, its measured fit, KPIs and value statement."""

import streamlit as st

from pmo_insight import web
from pmo_insight.domain.health import chain_health
from pmo_insight.review.models import CommentTarget
from pmo_insight.ui.canvas import board as canvas_board
from pmo_insight.ui.canvas import editors as canvas_editors
from pmo_insight.ui.chain.health import health_panel
from pmo_insight.ui.common.widget_state import keep_tab
from pmo_insight.ui.review import decisions as review_decisions
from pmo_insight.ui.review.comments import open_badge

tr = web.tr
TAB_KEY = "canvas_tab"

web.require_shell()
st.title(f"🎯 {tr('canvas.title')}")
st.caption(tr("canvas.subtitle"))
with st.container():  # a fixed slot: a message coming or going must not remount the pickers (and drop focus)
    web.show_flash()

chain = web.current_chain()
workshop_id = chain.workshop.id

canvas = canvas_editors.canvas_picker(chain)
if canvas is None:
    health_panel(workshop_id, results=chain_health(chain))
    st.stop()

if canvas.value_statement:
    st.markdown(f"> 💬 {web.md(canvas.value_statement)}")
review_decisions.states(chain, canvas)
open_badge(chain, CommentTarget.CANVAS, CommentTarget.CANVAS_ITEM, CommentTarget.KPI)
canvas_board.fit_summary(chain, canvas)
canvas_board.board(chain, canvas)

tabs = [
    f"🗒️ {tr('canvas.tab.items')}",
    f"🔗 {tr('canvas.tab.fit')}",
    f"📈 {tr('canvas.tab.kpis', count=len(chain.kpis_of(canvas.id)))}",
    f"💬 {tr('canvas.tab.statement')}",
]
# Keyed: after "Link" or "Add KPI" the page reruns on the tab the facilitator was on.
items_tab, fit_tab, kpi_tab, statement_tab = st.tabs(tabs, key=keep_tab(TAB_KEY, tabs), on_change="rerun")
with items_tab:
    canvas_editors.items_editor(chain, canvas)
with fit_tab:
    canvas_editors.fit_editor(chain, canvas)
with kpi_tab:
    canvas_editors.kpi_editor(chain, canvas)
with statement_tab:
    canvas_editors.statement_editor(chain, canvas)

health_panel(workshop_id, results=chain_health(chain))
