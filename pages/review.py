"""The reading view: what a business lead sees through a review link — read, comment, decide."""

import streamlit as st

from pmo_insight import web
from pmo_insight.services.review_links import record_review_open
from pmo_insight.ui.review import view
from pmo_insight.ui.review.author import author_box
from pmo_insight.ui.shell.access import open_review, review_token

OPENED_KEY = "_review_opened"
tr = web.tr

web.require_shell()
token = review_token()
opened = open_review(token)
if opened is None:
    # Unknown, expired or revoked (or no token at all): one clear page, no workshop data.
    st.title(f"🔒 {tr('review.invalid.title')}")
    st.markdown(tr("review.invalid.body"))
    st.stop()
access, chain = opened
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
