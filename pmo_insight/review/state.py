"""Where each canvas's review stands, computed from a loaded chain (no query, nothing stored).

A canvas is *approved* when its latest decision approves it and today's fingerprint is the one the
reviewer saw; *outdated* when that approval was given for other content; *changes requested* when
the latest decision asks for changes. The words in :data:`STATE_WORDS` are what the command line
prints, so scripts can look for them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from functools import lru_cache

from pmo_insight.domain.chain import WorkshopChain
from pmo_insight.domain.fingerprint import canvas_fingerprint
from pmo_insight.domain.refs import Ref
from pmo_insight.domain.traceability import upstream_refs
from pmo_insight.i18n import t
from pmo_insight.models import RefKind, ValueCanvas
from pmo_insight.review.models import CommentTarget, ReviewComment, ReviewDecision, Verdict


class ReviewState(StrEnum):
    NONE = "none"
    APPROVED = "approved"
    CHANGES_REQUESTED = "changes_requested"
    OUTDATED = "outdated"


#: Plain words for the command line and logs.
STATE_WORDS = {
    ReviewState.NONE: "not reviewed",
    ReviewState.APPROVED: "approved",
    ReviewState.CHANGES_REQUESTED: "changes requested",
    ReviewState.OUTDATED: "outdated",
}
STATE_ICONS = {
    ReviewState.NONE: "⚪",
    ReviewState.APPROVED: "✅",
    ReviewState.CHANGES_REQUESTED: "✋",
    ReviewState.OUTDATED: "⏳",
}


@dataclass(frozen=True)
class CanvasReview:
    canvas: ValueCanvas
    state: ReviewState
    decision: ReviewDecision | None
    fingerprint: str
    #: When the content last changed after the decision, if the rows still say so (a deletion leaves no date).
    changed_since: datetime | None = None

    @property
    def content_changed(self) -> bool:
        return self.decision is not None and self.decision.fingerprint != self.fingerprint


def _latest_change(chain: WorkshopChain, canvas: ValueCanvas) -> datetime | None:
    rows = [canvas, *chain.items_of(canvas.id), *chain.kpis_of(canvas.id)]
    rows += [f for f in chain.fit_links if f.canvas_id == canvas.id]
    by_ref = {
        RefKind.PERSONA: chain.personas,
        RefKind.EMPATHY_NOTE: chain.notes,
        RefKind.TOUCHPOINT: chain.touchpoints,
    }
    for item in chain.items_of(canvas.id):
        for ref in upstream_refs(chain, Ref(RefKind.CANVAS_ITEM, item.id)):
            rows += [r for r in by_ref.get(ref.kind, []) if r.id == ref.id]
    moments = [m for r in rows for m in (getattr(r, "updated_at", None), getattr(r, "created_at", None)) if m]
    return max(moments, default=None)


def canvas_review(chain: WorkshopChain, canvas: ValueCanvas) -> CanvasReview:
    """One canvas's review state, from the chain's (fingerprints are remembered per chain)."""
    review = _reviews(chain).get(canvas.id)
    return review if review is not None else _canvas_review(chain, canvas)


def _canvas_review(chain: WorkshopChain, canvas: ValueCanvas) -> CanvasReview:
    fingerprint = canvas_fingerprint(chain, canvas.id)
    decisions = [d for d in chain.decisions if d.canvas_id == canvas.id]
    if not decisions:
        return CanvasReview(canvas, ReviewState.NONE, None, fingerprint)
    latest = max(decisions, key=lambda d: (d.decided_at, d.id))
    changed = latest.fingerprint != fingerprint
    since = None
    if changed:
        last = _latest_change(chain, canvas)
        since = last if last is not None and last >= latest.decided_at else None
    if latest.verdict == Verdict.REQUEST_CHANGES:
        state = ReviewState.CHANGES_REQUESTED
    else:
        state = ReviewState.OUTDATED if changed else ReviewState.APPROVED
    return CanvasReview(canvas, state, latest, fingerprint, since)


def chain_review(chain: WorkshopChain) -> list[CanvasReview]:
    return list(_reviews(chain).values())


@lru_cache(maxsize=16)
def _reviews(chain: WorkshopChain) -> dict[int, CanvasReview]:
    """Every canvas's review, once per chain: a chain is immutable, and hashing what each canvas
    traces back to is the costly part of a large workshop's rerun. The records are frozen."""
    return {canvas.id: _canvas_review(chain, canvas) for canvas in chain.canvases}


def state_counts(chain: WorkshopChain) -> Counter[ReviewState]:
    return Counter(review.state for review in chain_review(chain))


def summary_words(chain: WorkshopChain) -> str:
    """E.g. ``review: 1 approved, 1 outdated`` or ``review: not reviewed`` — for the command line."""
    counts = state_counts(chain)
    parts = [
        f"{counts[s]} {STATE_WORDS[s]}"
        for s in (ReviewState.APPROVED, ReviewState.CHANGES_REQUESTED, ReviewState.OUTDATED)
        if counts[s]
    ]
    return "review: " + (", ".join(parts) if parts else STATE_WORDS[ReviewState.NONE])


def _moment(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M UTC") if value else ""


def describe(review: CanvasReview, lang: str) -> str:
    """One sentence: approved by whom and when / changes requested / approval outdated since …"""
    decision = review.decision
    if decision is None:
        return t("review.state.none", lang)
    who, when = decision.author, _moment(decision.decided_at)
    if review.state is ReviewState.APPROVED:
        return t("review.state.approved", lang, author=who, when=when)
    if review.state is ReviewState.OUTDATED:
        if review.changed_since:
            return t("review.state.outdated_since", lang, author=who, since=_moment(review.changed_since))
        return t("review.state.outdated", lang, author=who, when=when)
    text = t("review.state.changes_requested", lang, author=who, when=when)
    return text + (" " + t("review.state.changed_after_request", lang) if review.content_changed else "")


def review_state_text(chain: WorkshopChain, lang: str) -> str | None:
    """The review state of every reviewed canvas as one short text (for the deck's summary slide);
    None when nobody has decided anything yet."""
    reviews = [r for r in chain_review(chain) if r.decision is not None]
    if not reviews:
        return None
    return "\n".join(f"{STATE_ICONS[r.state]} {r.canvas.title}: {describe(r, lang)}" for r in reviews)


# --- comments ---------------------------------------------------------------------------------


def open_comments(chain: WorkshopChain) -> list[ReviewComment]:
    return [c for c in chain.comments if c.resolved_at is None]


def open_counts(chain: WorkshopChain) -> Counter[CommentTarget]:
    """Open comments per kind of target, for a screen's badge."""
    return Counter(CommentTarget(c.target_type) for c in open_comments(chain))


def comments_on(chain: WorkshopChain, target_type: CommentTarget, target_id: int | None) -> list[ReviewComment]:
    return [c for c in chain.comments if c.target_type == target_type and c.target_id == target_id]


def target_label(chain: WorkshopChain, comment: ReviewComment) -> str:
    """What a comment is about, as the chain names it (the workshop title for the workshop)."""
    kind = CommentTarget(comment.target_type)
    if kind is CommentTarget.WORKSHOP:
        return chain.workshop.title
    if kind is CommentTarget.CANVAS:
        return next((c.title for c in chain.canvases if c.id == comment.target_id), "—")
    label = chain.label(Ref(RefKind(kind.value), comment.target_id))
    return "—" if label.startswith(f"{kind.value}:") else label
