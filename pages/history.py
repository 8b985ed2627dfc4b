"""History: the review rhythm, snapshots of the chain, and what changed since the last review."""

import streamlit as st

from pmo_insight import web
from pmo_insight.services.chain_cache import cached_snapshots
from pmo_insight.ui.history import diff_view, rhythm, snapshots

tr = web.tr

web.require_shell()
st.title(f"🕰️ {tr('iterate.page.title')}")
st.caption(tr("iterate.page.subtitle"))
web.show_flash()

chain = web.current_chain(responses=True)
workshop = chain.workshop
rhythm.rhythm_panel(workshop)

infos = web.call(cached_snapshots, workshop_id=workshop.id) or []
st.header(f"🔍 {tr('iterate.compare.title')}")
if infos:
    diff_view.compare(chain, infos)
else:
    st.info(tr("iterate.compare.need_snapshot"), icon="📸")

st.header(f"📸 {tr('iterate.snapshot.title')}")
snapshots.take_form(workshop.id, workshop.facilitator)
snapshots.snapshot_list(infos)
snapshots.opened_snapshot(workshop.id, infos)
