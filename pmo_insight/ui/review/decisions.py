"""Decisions in the browser: the state line every screen shows, and the reviewer's decision panel."""

from __future__ import annotations

import streamlit as st

from pmo_insight import web
from pmo_insight.domain.chain import WorkshopChain
from pmo_insight.models import TEXT_MAX, ValueCanvas
from pmo_insight.review.models import Verdict
from pmo_insight.review.state import STATE_ICONS, CanvasReview, ReviewState, canvas_review, chain_review, describe
from pmo_insight.services.review_decisions import record_review_decision
from pmo_insight.ui.common import drafts

tr = web.tr
_SEEN = "_review_seen_fingerprints"
_CLEAR_NOTE = "_review_clear_note"
ALERT = {
    ReviewState.APPROVED: st.success,
    ReviewState.CHANGES_REQUESTED: st.warning,
    ReviewState.OUTDATED: st.error,
    ReviewState.NONE: st.info,
}


def state_line(review: CanvasReview, *, with_title: bool = True) -> None:
    title = f"**{web.md(review.canvas.title)}** — " if with_title else ""
    text = f"{title}{web.md(describe(review, web.lang()))}"
    if review.decision is not None and review.decision.note:
        text += f"  \n📝 {web.md(review.decision.note)}"
    ALERT[review.state](text, icon=STATE_ICONS[review.state])


def states(chain: WorkshopChain, canvas: ValueCanvas | None = None) -> None:
    """The review state of one canvas, or of every reviewed canvas (nothing when none was reviewed)."""
    if canvas is not None:
        review = canvas_review(chain, canvas)
        if review.decision is not None:
            state_line(review, with_title=False)
        return
    for review in chain_review(chain):
        if review.decision is not None:
            state_line(review)


def decision_panel(token: str, chain: WorkshopChain) -> None:
    """Approve or request changes on one canvas; the decision is bound to the version shown here."""
    if not chain.canvases:
        return
    titles = {c.id: c.title for c in chain.canvases}
    canvas_id = st.selectbox(
        tr("review.decide.canvas"), list(titles), key="review_decision_canvas", format_func=titles.get
    )
    canvas = next(c for c in chain.canvases if c.id == canvas_id)
    review = canvas_review(chain, canvas)
    state_line(review, with_title=False)
    # What the reviewer saw is what the previous run showed (every canvas is on the page); a decision
    # on content that changed since is refused by the service.
    previous = st.session_state.get(_SEEN, {})
    seen = previous.get(canvas_id, review.fingerprint)
    st.session_state[_SEEN] = {r.canvas.id: r.fingerprint for r in chain_review(chain)}
    if st.session_state.pop(_CLEAR_NOTE, False):
        st.session_state["review_decision_note"] = ""
    note = st.text_area(tr("review.decide.note"), max_chars=TEXT_MAX, height=80, **drafts.track("review_decision_note"))
    # A fixed slot: the mark coming with the first typed letter must not shift (and remount) the buttons
    # below, or the keyboard's focus, on its way from the note to Approve, drops back to the page.
    drafts.unsaved_mark(["review_decision_note"], where=st.container())
    approve, changes = st.columns(2)
    verdict = None
    if approve.button(f"✅ {tr('review.decide.approve')}", key="review_approve", type="primary", width="stretch"):
        verdict = Verdict.APPROVE
    if changes.button(f"✋ {tr('review.decide.request_changes')}", key="review_request_changes", width="stretch"):
        verdict = Verdict.REQUEST_CHANGES
    if verdict is not None:
        done = web.call(
            record_review_decision,
            token=token,
            canvas_id=canvas_id,
            verdict=verdict.value,
            note=note,
            seen_fingerprint=seen,
        )
        if done is not None:
            drafts.clear("review_decision_note")
            st.session_state[_CLEAR_NOTE] = True
            web.flash(tr(f"review.decide.done_{verdict.value}", canvas=web.md(canvas.title)))
            st.rerun()
