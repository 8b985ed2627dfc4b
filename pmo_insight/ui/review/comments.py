"""Comments in the browser: the reviewer's comment box per section, the thread shown to both sides,
the facilitator's open-comment badge for each screen and the list with resolve on Home.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import streamlit as st

from pmo_insight import web
from pmo_insight.domain.chain import WorkshopChain
from pmo_insight.models import TEXT_MAX
from pmo_insight.review.models import CommentTarget, ReviewComment
from pmo_insight.review.state import open_comments, target_label
from pmo_insight.services.review_comments import add_review_comment, reopen_comment, resolve_comment
from pmo_insight.ui.common import drafts

tr = web.tr
_CLEAR = "_review_clear:"
TARGET_ICONS = {
    CommentTarget.WORKSHOP: "🧭",
    CommentTarget.PERSONA: "👤",
    CommentTarget.EMPATHY_NOTE: "🧠",
    CommentTarget.TOUCHPOINT: "🗺️",
    CommentTarget.CANVAS: "🎯",
    CommentTarget.CANVAS_ITEM: "🗒️",
    CommentTarget.KPI: "📈",
}


@dataclass(frozen=True)
class Target:
    kind: CommentTarget
    id: int | None
    label: str

    @property
    def key(self) -> tuple[str, int | None]:
        return (self.kind.value, self.id)


def when(comment: ReviewComment) -> str:
    return comment.created_at.strftime("%Y-%m-%d %H:%M")


def thread(chain: WorkshopChain, comments: Sequence[ReviewComment]) -> None:
    """Comments as text (never markup), each with its resolution when there is one."""
    for c in comments:
        kind = CommentTarget(c.target_type)
        head = f"💬 **{web.md(c.author)}** · {when(c)} · {TARGET_ICONS[kind]} {web.md(target_label(chain, c))}"
        st.markdown(f"{head}  \n{web.md(c.text)}")
        if c.resolved_at is not None:
            reply = f": {web.md(c.reply)}" if c.reply else ""
            st.markdown(f"> ✅ {tr('review.comment.resolved')}{reply}")


def comment_box(token: str, chain: WorkshopChain, section: str, targets: Sequence[Target]) -> None:
    """The reviewer's comments on this section's items: the thread, then a box to add one."""
    keys = {t.key for t in targets}
    mine = [c for c in chain.comments if (str(c.target_type), c.target_id) in keys]
    text_key = f"review_comment_text_{section}"
    if st.session_state.pop(_CLEAR + text_key, False):
        st.session_state[text_key] = ""
    label = f"💬 {tr('review.comment.title', count=len(mine))}"
    with st.expander(label, expanded=bool(mine)):
        thread(chain, mine)
        by_key = {t.key: t for t in targets}
        # Plain widgets, not a form: a comment being written is kept as a draft across page switches.
        picked = st.selectbox(
            tr("review.comment.about"),
            list(by_key),
            key=f"review_comment_target_{section}",
            format_func=lambda k: f"{TARGET_ICONS[CommentTarget(k[0])]} {by_key[k].label}",
        )
        text = st.text_area(tr("review.comment.text"), max_chars=TEXT_MAX, height=90, **drafts.track(text_key))
        drafts.unsaved_mark([text_key], where=st.container())  # a fixed slot: Send keeps the keyboard's focus
        if st.button(f"💬 {tr('review.comment.send')}", key=f"review_comment_send_{section}"):
            kind, target_id = picked
            added = web.call(add_review_comment, token=token, target_type=kind, target_id=target_id, text=text)
            if added is not None:
                drafts.clear(text_key)
                st.session_state[_CLEAR + text_key] = True
                web.flash(tr("review.comment.sent"))
                st.rerun()


# --- facilitator ------------------------------------------------------------------------------


def open_badge(chain: WorkshopChain, *kinds: CommentTarget) -> None:
    """A one-line note on a facilitator screen: how many reviewer comments on its items are open."""
    count = sum(1 for c in open_comments(chain) if not kinds or CommentTarget(c.target_type) in kinds)
    if count:
        st.warning(tr("review.badge.open", count=count), icon="💬")


def comments_panel(chain: WorkshopChain) -> None:
    """Every reviewer comment of the workshop, open ones first, with resolve (optional reply) and reopen."""
    ordered = sorted(chain.comments, key=lambda c: (c.resolved_at is not None, c.created_at), reverse=False)
    open_count = len(open_comments(chain))
    with st.expander(f"💬 {tr('review.comments.title', open=open_count, total=len(ordered))}", expanded=open_count > 0):
        if not ordered:
            st.caption(tr("review.comments.none"))
        for c in ordered:
            with st.container(border=True, key=f"comment_{c.id}"):
                thread(chain, [c])
                if c.resolved_at is None:
                    reply_key = f"comment_reply_{c.id}"
                    reply = st.text_input(tr("field.reply"), max_chars=TEXT_MAX, **drafts.track(reply_key))
                    drafts.unsaved_mark([reply_key])
                    if st.button(f"✅ {tr('review.comments.resolve')}", key=f"comment_resolve_{c.id}"):
                        if web.call(resolve_comment, comment_id=c.id, reply=reply):
                            drafts.clear(reply_key)
                            web.flash(tr("review.comments.resolved"))
                            st.rerun()
                elif st.button(tr("review.comments.reopen"), key=f"comment_reopen_{c.id}"):
                    if web.call(reopen_comment, comment_id=c.id):
                        st.rerun()
