"""Approve or request changes on a canvas, bound to the fingerprint of what the reviewer saw."""

from __future__ import annotations

from sqlmodel import Session

from pmo_insight.domain.fingerprint import canvas_fingerprint
from pmo_insight.errors import DomainError, NotFound
from pmo_insight.iterate.snapshots import take_snapshot
from pmo_insight.models import NAME_MAX, SHORT_MAX
from pmo_insight.persistence.chain_loader import load_chain
from pmo_insight.review.models import DecisionCreate, ReviewDecision
from pmo_insight.roles import Role, allow
from pmo_insight.services._rows import validate
from pmo_insight.services.review_links import now, valid_link


class ChangedSinceSeen(DomainError):
    """The canvas changed between the reviewer's reading and their decision: nothing recorded."""

    key = "review.error.changed_since_seen"


def record_review_decision(
    session: Session, *, token: str, canvas_id: int, verdict: str, seen_fingerprint: str, note: str = ""
) -> ReviewDecision:
    """Record a decision on a canvas of the link's workshop, if it is still what the reviewer saw."""
    link = valid_link(session, token)
    chain = load_chain(session, workshop_id=link.workshop_id, responses=False)
    if canvas_id not in {c.id for c in chain.canvases}:
        raise NotFound("valuecanvas", canvas_id)
    fingerprint = canvas_fingerprint(chain, canvas_id)
    if fingerprint != seen_fingerprint:
        raise ChangedSinceSeen()
    values = validate(DecisionCreate, {"verdict": verdict, "author": link.author_name or link.label, "note": note})
    decision = ReviewDecision(
        workshop_id=link.workshop_id,
        canvas_id=canvas_id,
        link_id=link.id,
        fingerprint=fingerprint,
        decided_at=now(),
        **values,
    )
    session.add(decision)
    session.flush()
    # Every decision keeps the chain as the reviewer saw it: "what changed since the last review".
    title = next(c.title for c in chain.canvases if c.id == canvas_id)
    take_snapshot(session, link.workshop_id, f"{verdict}: {title}"[:NAME_MAX], values["author"][:SHORT_MAX])
    return decision


allow(Role.REVIEWER, record_review_decision)
