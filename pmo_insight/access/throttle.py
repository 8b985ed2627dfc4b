"""Guessing is slow: after 5 wrong passphrases or facilitator keys in 10 minutes, attempts wait.

An attempt belongs to several subjects at once (the browser session and the client address); a
subject with :data:`LIMIT` failures inside :data:`WINDOW` is refused for a delay that doubles with
each refusal period it earned in the last :data:`MEMORY` (1 min, 2, 4, … at most 1 h). Everything
is in the database, so every server process of a deployment counts the same attempts; rows are
only inserted (and pruned when a day old), never updated, so processes never race on one row.
While refused, the passphrase or key is not even compared: a refused attempt learns nothing.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from sqlalchemy import delete, func
from sqlmodel import Session, select

from pmo_insight.access.models import SignInFailure, SignInLock
from pmo_insight.models import utcnow

LIMIT = 5
WINDOW = timedelta(minutes=10)
BASE_DELAY = timedelta(minutes=1)
MAX_DELAY = timedelta(hours=1)
MEMORY = timedelta(days=1)


def subject(kind: str, value: str) -> str:
    """What is stored for a subject (``session`` or ``address`` plus its value): a digest, not the value."""
    return hashlib.sha256(f"{kind}:{value}".encode()).hexdigest()


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=utcnow().tzinfo)


def refused_for(session: Session, subjects: list[str], *, now: datetime | None = None) -> int:
    """Seconds until these subjects may try again; 0 when they may try now."""
    now = now or utcnow()
    until = session.exec(
        select(func.max(SignInLock.until)).where(SignInLock.subject.in_(subjects), SignInLock.until > now)
    ).one()
    if until is None:
        return 0
    return max(1, int((_aware(until) - now).total_seconds() + 0.999))


def delay_after(strikes: int) -> timedelta:
    """The refusal period after ``strikes`` earlier ones in the last day."""
    return min(BASE_DELAY * (2**strikes), MAX_DELAY)


def record_failure(session: Session, subjects: list[str], *, now: datetime | None = None) -> int:
    """Count one wrong attempt for every subject; return the seconds of the refusal it starts (0: none)."""
    now = now or utcnow()
    session.exec(delete(SignInFailure).where(SignInFailure.at < now - MEMORY))
    session.exec(delete(SignInLock).where(SignInLock.until < now - MEMORY))
    for name in subjects:
        session.add(SignInFailure(subject=name, at=now))
    session.flush()
    longest = timedelta(0)
    for name in subjects:
        recent = session.exec(
            select(func.count()).where(SignInFailure.subject == name, SignInFailure.at >= now - WINDOW)
        ).one()
        if recent < LIMIT:
            continue
        strikes = session.exec(
            select(func.count()).where(SignInLock.subject == name, SignInLock.at >= now - MEMORY)
        ).one()
        delay = delay_after(strikes)
        session.add(SignInLock(subject=name, at=now, until=now + delay))
        longest = max(longest, delay)
    session.flush()
    return int(longest.total_seconds())


def forget_failures(session: Session, subjects: list[str]) -> None:
    """After a right attempt: its subjects start counting again (earned refusal periods still count)."""
    session.exec(delete(SignInFailure).where(SignInFailure.subject.in_(subjects)))
