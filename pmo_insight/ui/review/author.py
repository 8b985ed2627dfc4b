"""The reviewer's name: what their comments and decisions are signed with (the link's label at first)."""

from __future__ import annotations

import streamlit as st

from pmo_insight import web
from pmo_insight.models import SHORT_MAX
from pmo_insight.services.review_links import ReviewAccess, set_review_author
from pmo_insight.ui.common import drafts

tr = web.tr


def author_box(token: str, access: ReviewAccess) -> None:
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    left.caption(tr("review.author.as", name=web.md(access.author), expires=web.fmt_date(access.expires_at.date())))
    with right.popover(f"✏️ {tr('review.author.change')}", key="review_author_popover", width="stretch"):
        name = st.text_input(
            tr("field.author_name"), value=access.author, max_chars=SHORT_MAX, **drafts.track("review_author")
        )
        drafts.unsaved_mark(["review_author"], [access.author])
        if st.button(tr("common.save"), key="review_author_save", type="primary"):
            if web.call(set_review_author, token=token, author_name=name):
                drafts.clear("review_author")
                web.flash(tr("review.author.saved", name=web.md(name.strip())))
                st.rerun()
