"""Portfolio links: the PMO head's and the executives' read-only way in, with no account.

The same token rules as review links (:mod:`pmo_insight.services.review_links`): 256 random bits
(``secrets.token_urlsafe(32)``), only the SHA-256 stored, an expiry of 1–90 days, revocation that
takes effect at the next click, and a view log (times opened, last opened). A link opens the whole
portfolio or one department's; every read re-checks the token and takes the department from the
link, never from the caller, so a department's link cannot be widened by a forged widget event.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from sqlmodel import Session, select

from pmo_insight.errors import DomainError
from pmo_insight.portfolio.models import DEFAULT_DAYS, PortfolioLink, PortfolioLinkCreate
from pmo_insight.portfolio.rollup import Filters, Portfolio
from pmo_insight.portfolio.services import _load_portfolio
from pmo_insight.roles import Role, allow, allow_reads
from pmo_insight.services._rows import get_or_raise, validate
from pmo_insight.services.review_links import LinkState, hash_token, now

#: The query parameter a portfolio link opens the app with: ``/?portfolio=TOKEN``.
QUERY_PARAM = "portfolio"


class InvalidPortfolioLink(DomainError):
    """Unknown, expired or revoked: the same answer for all three, with no portfolio data."""

    key = "portfolio.error.invalid_link"


@dataclass(frozen=True)
class NewPortfolioLink:
    link: PortfolioLink
    #: The secret itself: shown once, never stored.
    token: str

    @property
    def path(self) -> str:
        return f"/?{QUERY_PARAM}={self.token}"


@dataclass(frozen=True)
class PortfolioAccess:
    link_id: int
    label: str
    #: Empty: the whole portfolio.
    department: str
    expires_at: datetime


def link_state(link: PortfolioLink, at: datetime | None = None) -> LinkState:
    at = at or now()
    if link.revoked_at is not None:
        return LinkState.REVOKED
    if link.expires_at <= at:
        return LinkState.EXPIRED
    return LinkState.ACTIVE


def _valid(session: Session, token: str | None) -> PortfolioLink:
    if not token or not isinstance(token, str) or len(token) > 200:
        raise InvalidPortfolioLink()
    link = session.exec(select(PortfolioLink).where(PortfolioLink.token_sha256 == hash_token(token))).first()
    if link is None or link_state(link) is not LinkState.ACTIVE:
        raise InvalidPortfolioLink()
    return link


def _access(link: PortfolioLink) -> PortfolioAccess:
    return PortfolioAccess(link.id, link.label, link.department, link.expires_at)


# --- facilitator ------------------------------------------------------------------------------


def create_portfolio_link(
    session: Session, *, label: str, days: int = DEFAULT_DAYS, department: str = ""
) -> NewPortfolioLink:
    """A new link (1–90 days) to the whole portfolio, or to ``department``'s; the token is returned once."""
    values = validate(PortfolioLinkCreate, {"label": label, "days": days, "department": department})
    token = secrets.token_urlsafe(32)
    created = now()
    link = PortfolioLink(
        label=values["label"],
        department=values["department"],
        token_sha256=hash_token(token),
        created_at=created,
        expires_at=created + timedelta(days=values["days"]),
    )
    session.add(link)
    session.flush()
    return NewPortfolioLink(link, token)


def list_portfolio_links(session: Session) -> list[PortfolioLink]:
    return list(session.exec(select(PortfolioLink).order_by(PortfolioLink.id)).all())


def revoke_portfolio_link(session: Session, *, link_id: int) -> PortfolioLink:
    """Revoke at once: the next click through the link shows the invalid-link page. Idempotent."""
    link = get_or_raise(session, PortfolioLink, link_id)
    if link.revoked_at is None:
        link.revoked_at = now()
        session.add(link)
        session.flush()
    return link


# --- the link's holder (every call re-checks the token) -------------------------------------


def check_portfolio_link(session: Session, *, token: str) -> PortfolioAccess:
    """Read-only: is the token still good, and what does it open."""
    return _access(_valid(session, token))


def portfolio_by_link(
    session: Session,
    *,
    token: str,
    department: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    review_state: str | None = None,
    today: date | None = None,
) -> Portfolio:
    """The portfolio the token opens; a department's link shows that department whatever is asked."""
    link = _valid(session, token)
    scope = link.department or department
    portfolio = _load_portfolio(
        session, Filters(scope, date_from, date_to, review_state or None), today or date.today()
    )
    if link.department:
        # nothing about other departments, not even their names
        portfolio = replace(portfolio, all_departments=(link.department,))
    return portfolio


def record_portfolio_open(session: Session, *, token: str) -> PortfolioAccess:
    """Count one opening of the link (once per browser session) and remember when."""
    link = _valid(session, token)
    link.open_count = PortfolioLink.open_count + 1  # counted in the UPDATE: openings at once all count
    link.last_opened_at = now()
    session.add(link)
    session.flush()
    return _access(link)


allow(Role.PORTFOLIO, record_portfolio_open)
allow_reads(Role.PORTFOLIO, check_portfolio_link, portfolio_by_link)
