"""The facilitator's side of review links: create (the full link shown once), list, revoke."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from pmo_insight import web
from pmo_insight.domain.chain import WorkshopChain
from pmo_insight.models import SHORT_MAX
from pmo_insight.review.models import DEFAULT_DAYS, MAX_DAYS
from pmo_insight.review.state import ReviewState, chain_review
from pmo_insight.services.review_links import (
    LinkState,
    create_review_link,
    link_state,
    list_review_links,
    revoke_review_link,
)
from pmo_insight.ui.common import drafts
from pmo_insight.ui.review.comments import comments_panel
from pmo_insight.ui.review.decisions import states

tr = web.tr
NEW_LINK_KEY = "_share_new_link"
STATE_ICONS = {LinkState.ACTIVE: "🟢", LinkState.EXPIRED: "⌛", LinkState.REVOKED: "⛔"}


def _origin() -> str:
    """The address this browser reached the app at, so the shown link opens from anywhere."""
    url = st.context.url or ""
    parts = url.split("/", 3)
    return "/".join(parts[:3]) if url.startswith("http") and len(parts) >= 3 else ""


def create_form(workshop_id: int) -> None:
    shown = st.session_state.pop(NEW_LINK_KEY, None)
    if shown:
        label, path = shown
        st.success(tr("share.created", label=web.md(label)), icon="🔗")
        st.code(_origin() + path, language=None)
        st.caption(tr("share.once"))
    # Plain widgets, not a form: a label being typed is kept as a draft across page switches.
    with st.container(border=True, key="share_create"):
        left, right = st.columns([3, 1])
        label = left.text_input(
            tr("field.link_label"),
            max_chars=SHORT_MAX,
            placeholder=tr("share.label_hint"),
            **drafts.track("share_label"),
        )
        days = right.number_input(
            tr("field.days"), min_value=1, max_value=MAX_DAYS, value=DEFAULT_DAYS, **drafts.track("share_days")
        )
        drafts.unsaved_mark(["share_label"])
        if st.button(f"🔗 {tr('share.create')}", key="share_create_button", type="primary"):
            created = web.call(create_review_link, workshop_id=workshop_id, label=label, days=int(days))
            if created is not None:
                drafts.clear("share_label", "share_days")
                st.session_state[NEW_LINK_KEY] = (created.link.label, created.path)
                st.rerun()


def links_table(workshop_id: int) -> None:
    links = web.call(list_review_links, workshop_id=workshop_id) or []
    st.subheader(f"🔗 {tr('share.links', count=len(links))}", anchor=False)
    if not links:
        st.caption(tr("share.no_links"))
        return
    moment = "%Y-%m-%d %H:%M"
    rows = [
        {
            "#": link.id,
            tr("field.link_label"): link.label,
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
            tr("share.revoke_pick"), list(active), key="share_revoke_pick", format_func=lambda i: f"#{i} · {active[i]}"
        )
        if right.button(f"⛔ {tr('share.revoke')}", key="share_revoke", width="stretch"):
            if web.call(revoke_review_link, link_id=chosen):
                web.flash(tr("share.revoked", label=web.md(active[chosen])))
                st.rerun()


def no_decision_yet(chain: WorkshopChain) -> None:
    pending = [r.canvas.title for r in chain_review(chain) if r.state is ReviewState.NONE]
    if pending:
        st.caption(tr("share.pending", canvases=web.md(" · ".join(pending))))


def review_panel(chain: WorkshopChain) -> None:
    """Home's view of the review: where each canvas stands and every comment, resolvable here."""
    states(chain)
    comments_panel(chain)
    st.page_link("pages/share.py", label=tr("nav.share"), icon="📨")
