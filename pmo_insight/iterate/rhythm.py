"""The review rhythm: each workshop is reviewed every N months (six by default, the seed's advice).

Once the next-review date has passed, Home and the chain screen say so; "Start the review" takes a
snapshot (the base the review compares against), asks the review feature for a review link when it
is installed, and moves the next-review date on by one cycle, keeping the calendar rhythm: a review
due on 16 May and started in June is next due on 16 November, never on a date already past.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import update
from sqlmodel import Session

from pmo_insight.iterate.snapshots import take_snapshot
from pmo_insight.models import Snapshot, Workshop, utcnow
from pmo_insight.services._rows import get_or_raise

DEFAULT_CYCLE_MONTHS = 6

#: How "Start the review" creates a review link: ``factory(session, workshop_id=..., label=...)``;
#: the review layer's ``create_review_link`` unless another is registered (tests, other front ends).
_review_link_factory: Callable[..., Any] | None = None


def register_review_link_factory(factory: Callable[..., Any] | None) -> None:
    global _review_link_factory
    _review_link_factory = factory


def review_link_factory() -> Callable[..., Any] | None:
    """The registered factory, else the review layer's own ``create_review_link``."""
    if _review_link_factory is not None:
        return _review_link_factory
    from pmo_insight.services.review_links import create_review_link

    return create_review_link


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day when it is shorter (31 Aug + 6 → 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def next_review_after(current: date | None, cycle_months: int, today: date) -> date:
    """One cycle on from the current date, and more cycles while that is not after today."""
    if current is None:
        return add_months(today, cycle_months)
    moved = add_months(current, cycle_months)
    while moved <= today:
        moved = add_months(moved, cycle_months)
    return moved


@dataclass(frozen=True)
class ReviewStatus:
    next_review_on: date | None
    cycle_months: int
    today: date

    @property
    def overdue(self) -> bool:
        return self.next_review_on is not None and self.next_review_on < self.today

    @property
    def days_overdue(self) -> int:
        return (self.today - self.next_review_on).days if self.overdue else 0


def review_status(workshop: Workshop, today: date | None = None) -> ReviewStatus:
    """Pure: from a workshop row already loaded (Home's list, the chain)."""
    cycle = workshop.review_cycle_months or DEFAULT_CYCLE_MONTHS
    return ReviewStatus(workshop.next_review_on, cycle, today or date.today())


def review_status_of(session: Session, *, workshop_id: int, today: date | None = None) -> ReviewStatus:
    return review_status(get_or_raise(session, Workshop, workshop_id), today)


@dataclass(frozen=True)
class StartedReview:
    snapshot: Snapshot
    next_review_on: date
    #: Whatever the review feature's link factory returned (e.g. the link and its one-time token),
    #: or None when that feature is not installed.
    review_link: Any = None


def start_review(
    session: Session, *, workshop_id: int, label: str, started_by: str = "", today: date | None = None
) -> StartedReview:
    """Snapshot the chain, create a review link if the review feature is there, move the date on."""
    today = today or date.today()
    workshop = get_or_raise(session, Workshop, workshop_id)
    snapshot = take_snapshot(session, workshop_id, label, started_by)
    factory = review_link_factory()
    link = factory(session, workshop_id=workshop_id, label=label) if factory is not None else None
    cycle = workshop.review_cycle_months or DEFAULT_CYCLE_MONTHS
    moved = next_review_after(workshop.next_review_on, cycle, today)
    table = Workshop.__table__  # type: ignore[attr-defined]
    session.exec(
        update(table)
        .where(table.c.id == workshop_id)
        .values(next_review_on=moved, version=table.c.version + 1, updated_at=utcnow())
    )
    session.expire(workshop)
    return StartedReview(snapshot=snapshot, next_review_on=moved, review_link=link)
