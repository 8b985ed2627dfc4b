"""Share for review: send business leads a read-only link, see who opened it, revoke it, answer them."""

import streamlit as st

from pmo_insight import web
from pmo_insight.ui.review import share as review_share
from pmo_insight.ui.review.share import comments_panel, states

tr = web.tr

web.require_shell()
st.title(f"📨 {tr('share.title')}")
st.caption(tr("share.subtitle"))
web.show_flash()

chain = web.current_chain()
review_share.create_form(chain.workshop.id)
review_share.links_table(chain.workshop.id)
st.header(f"🖊️ {tr('share.decisions')}")
states(chain)
review_share.no_decision_yet(chain)
st.header(f"💬 {tr('share.comments')}")
comments_panel(chain)
