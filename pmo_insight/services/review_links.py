"""Review links: a business lead's way in, with no account.

A link carries 256 random bits (``secrets.token_urlsafe(32)``); only the SHA-256 of the token is
stored, so a copy of the database cannot be turned into working links. Every reviewer service
takes the token, re-checks it (unknown, expired or revoked links are refused) and derives the
workshop from it — a reviewer can never name a workshop, so cannot read or write another one.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlmodel import Session, select

from pmo_insight.domain.chain import WorkshopChain
from pmo_insight.errors import DomainError
from pmo_insight.models import Workshop, utcnow
from pmo_insight.persistence.chain_loader import load_chain
from pmo_insight.review.models import DEFAULT_DAYS, AuthorName, ReviewLink, ReviewLinkCreate
from pmo_insight.roles import Role, allow, allow_reads
from pmo_insight.services._rows import get_or_raise, validate

#: The query parameter a review link opens the app with: ``/?review=TOKEN``.
QUERY_PARAM = "review"


class InvalidReviewLink(DomainError):
    """Unknown, expired or revoked: the same answer for all three, with no workshop data."""

    key = "review.error.invalid_link"


class LinkState(StrEnum):
    ACTIVE = "active"
    EXPIRED = "expired"
    REVOKED = "revoked"


@dataclass(frozen=True)
class NewReviewLink:
    link: ReviewLink
    #: The secret itself: shown once, never stored.
    token: str

    @property
    def path(self) -> str:
        return f"/?{QUERY_PARAM}={self.token}"


@dataclass(frozen=True)
class ReviewAccess:
    """What a valid token grants: one workshop, and the name the reviewer signs with."""

    link_id: int
    workshop_id: int
    label: str
    author: str
    expires_at: datetime


def now() -> datetime:
    """The current time (one place, so tests can move it)."""
    return utcnow()


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def link_state(link: ReviewLink, at: datetime | None = None) -> LinkState:
    at = at or now()
    if link.revoked_at is not None:
        return LinkState.REVOKED
    if link.expires_at <= at:
        return LinkState.EXPIRED
    return LinkState.ACTIVE


def valid_link(session: Session, token: str | None) -> ReviewLink:
    """The link behind ``token`` if it is active; otherwise :class:`InvalidReviewLink`."""
    if not token or not isinstance(token, str) or len(token) > 200:
        raise InvalidReviewLink()
    link = session.exec(select(ReviewLink).where(ReviewLink.token_sha256 == hash_token(token))).first()
    if link is None or link_state(link) is not LinkState.ACTIVE:
        raise InvalidReviewLink()
    return link


def _access(link: ReviewLink) -> ReviewAccess:
    return ReviewAccess(link.id, link.workshop_id, link.label, link.author_name or link.label, link.expires_at)


# --- facilitator ------------------------------------------------------------------------------


def create_review_link(session: Session, *, workshop_id: int, label: str, days: int = DEFAULT_DAYS) -> NewReviewLink:
    """A new link for ``workshop_id``, valid for ``days`` (1–90); the token is returned once."""
    get_or_raise(session, Workshop, workshop_id)
    values = validate(ReviewLinkCreate, {"label": label, "days": days})
    token = secrets.token_urlsafe(32)
    created = now()
    link = ReviewLink(
        workshop_id=workshop_id,
        label=values["label"],
        token_sha256=hash_token(token),
        created_at=created,
        expires_at=created + timedelta(days=values["days"]),
    )
    session.add(link)
    session.flush()
    return NewReviewLink(link, token)


def list_review_links(session: Session, *, workshop_id: int) -> list[ReviewLink]:
    return list(
        session.exec(select(ReviewLink).where(ReviewLink.workshop_id == workshop_id).order_by(ReviewLink.id)).all()
    )


def revoke_review_link(session: Session, *, link_id: int) -> ReviewLink:
    """Revoke at once: the reviewer's next interaction shows the invalid-link page. Idempotent."""
    link = get_or_raise(session, ReviewLink, link_id)
    if link.revoked_at is None:
        link.revoked_at = now()
        session.add(link)
        session.flush()
    return link


# --- reviewer (every call re-checks the token) -------------------------------------------------


def check_review_link(session: Session, *, token: str) -> ReviewAccess:
    """Read-only: is the token still good, and what does it open."""
    return _access(valid_link(session, token))


def review_chain(session: Session, *, token: str) -> WorkshopChain:
    """The chain of the token's workshop, and of no other."""
    return load_chain(session, workshop_id=valid_link(session, token).workshop_id, responses=False)


def record_review_open(session: Session, *, token: str) -> ReviewAccess:
    """Count one opening of the link (once per browser session) and remember when."""
    link = valid_link(session, token)
    # Counted in the UPDATE itself (open_count = open_count + 1): two reviewers opening at once both count.
    link.open_count = ReviewLink.open_count + 1
    link.last_opened_at = now()
    session.add(link)
    session.flush()
    return _access(link)


def set_review_author(session: Session, *, token: str, author_name: str) -> ReviewAccess:
    """The name the reviewer's comments and decisions are signed with."""
    link = valid_link(session, token)
    link.author_name = validate(AuthorName, {"author_name": author_name})["author_name"]
    session.add(link)
    session.flush()
    return _access(link)


allow(Role.REVIEWER, record_review_open, set_review_author)
allow_reads(Role.REVIEWER, check_review_link, review_chain)
