"""The facilitator's side of portfolio links: create (the full link shown once), list, revoke.

The same shape as review links (:mod:`pmo_insight.ui.review.share`), with a department to limit
the link to.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from pmo_insight import web
from pmo_insight.models import SHORT_MAX
from pmo_insight.portfolio.links import (
    create_portfolio_link,
    link_state,
    list_portfolio_links,
    revoke_portfolio_link,
)
from pmo_insight.portfolio.models import DEFAULT_DAYS, MAX_DAYS
from pmo_insight.services.review_links import LinkState
from pmo_insight.ui.common import drafts
from pmo_insight.ui.review.share import STATE_ICONS, _origin

tr = web.tr
NEW_LINK_KEY = "_portfolio_new_link"


def panel(departments: tuple[str, ...]) -> None:
    with st.expander(f"📨 {tr('portfolio.link.title')}", key="portfolio_links"):
        st.caption(tr("portfolio.link.intro"))
        shown = st.session_state.pop(NEW_LINK_KEY, None)
        if shown:
            label, path = shown
            st.success(tr("share.created", label=web.md(label)), icon="🔗")
            st.code(_origin() + path, language=None)
            st.caption(tr("share.once"))
        left, middle, right = st.columns([3, 2, 1])
        label = left.text_input(
            tr("field.link_label"),
            max_chars=SHORT_MAX,
            placeholder=tr("portfolio.link.label_hint"),
            **drafts.track("portfolio_link_label"),
        )
        department = middle.selectbox(
            tr("field.department"),
            ["", *[d for d in departments if d]],
            key="portfolio_link_department",
            format_func=lambda d: d or tr("portfolio.whole"),
        )
        days = right.number_input(
            tr("field.days"), min_value=1, max_value=MAX_DAYS, value=DEFAULT_DAYS, key="portfolio_link_days"
        )
        drafts.unsaved_mark(["portfolio_link_label"])
        if st.button(f"🔗 {tr('share.create')}", key="portfolio_link_create", type="primary"):
            created = web.call(create_portfolio_link, label=label, days=int(days), department=department)
            if created is not None:
                drafts.clear("portfolio_link_label")
                st.session_state[NEW_LINK_KEY] = (created.link.label, created.path)
                st.rerun()
        _table()


def _table() -> None:
    links = web.call(list_portfolio_links) or []
    if not links:
        st.caption(tr("share.no_links"))
        return
    moment = "%Y-%m-%d %H:%M"
    rows = [
        {
            "#": link.id,
            tr("field.link_label"): link.label,
            tr("field.department"): link.department or tr("portfolio.whole"),
            tr("share.col.created"): link.created_at.strftime(moment),
            tr("share.col.expires"): link.expires_at.strftime(moment),
            tr("share.col.last_opened"): link.last_opened_at.strftime(moment) if link.last_opened_at else "—",
            tr("share.col.opens"): link.open_count,
            tr("share.col.state"): f"{STATE_ICONS[link_state(link)]} {tr(f'share.state.{link_state(link).value}')}",
        }
        for link in links
    ]
    st.table(pd.DataFrame(rows).set_index("#"))
    active = {link.id: link.label for link in links if link_state(link) is LinkState.ACTIVE}
    if active:
        left, right = st.columns([3, 1], vertical_alignment="bottom")
        chosen = left.selectbox(
            tr("share.revoke_pick"),
            list(active),
            key="portfolio_revoke_pick",
            format_func=lambda i: f"#{i} · {active[i]}",
        )
        if right.button(f"⛔ {tr('share.revoke')}", key="portfolio_revoke", width="stretch"):
            if web.call(revoke_portfolio_link, link_id=chosen):
                web.flash(tr("share.revoked", label=web.md(active[chosen])))
                st.rerun()
