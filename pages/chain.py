"""The insight chain on one screen: follow a pain from what the persona felt to the KPI that proves it gone."""

import streamlit as st

from pmo_insight import web
from pmo_insight.domain.health import chain_health
from pmo_insight.ui.chain import views as chain_views
from pmo_insight.ui.history.rhythm import overdue_banner
from pmo_insight.ui.review import decisions as review_decisions
from pmo_insight.ui.review.comments import open_badge

tr = web.tr

web.require_shell()
st.title(f"🔗 {tr('chain.title')}")
st.caption(tr("chain.subtitle"))
web.show_flash()

chain = web.current_chain()
workshop_id = chain.workshop.id
overdue_banner(chain.workshop, where="chain")
review_decisions.states(chain)
open_badge(chain)

st.header(f"🕸️ {tr('chain.graph.title')}")
chain_views.chain_graph_view(chain)

st.header(f"📋 {tr('chain.table.title')}")
chain_views.trace_table(chain)

st.header(f"🩺 {tr('chain.pitfall.title')}")
chain_views.pitfalls_view(chain, chain_health(chain))
