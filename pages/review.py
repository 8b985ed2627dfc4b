"""The reading view: what a business lead sees through a review link — read, comment, decide."""

import streamlit as st

from pmo_insight import web
from pmo_insight.services.review_links import check_review_link, record_review_open, review_chain
from pmo_insight.ui import review_view as view
from pmo_insight.ui.access import review_token
from pmo_insight.ui.review_author import author_box

OPENED_KEY = "_review_opened"
tr = web.tr

web.require_shell()
token = review_token()
access = web.call(check_review_link, token=token) if token else None
chain = web.call(review_chain, token=token) if access else None
if chain is None:
    # Unknown, expired or revoked (or no token at all): one clear page, no workshop data.
    st.title(f"🔒 {tr('review.invalid.title')}")
    st.markdown(tr("review.invalid.body"))
    st.stop()
if not st.session_state.get(OPENED_KEY):
    st.session_state[OPENED_KEY] = bool(web.call(record_review_open, token=token))

view.header(chain)
author_box(token, access)
web.show_flash()
view.contents()
view.promise(token, chain)
view.personas(token, chain)
view.empathy(token, chain)
view.journeys(token, chain)
view.canvases(token, chain)
view.follow_pain(chain)
view.health(chain)
