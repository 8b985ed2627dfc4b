"""What a live session's flags and deadline mean at a given moment: pure, shared by every screen."""

from __future__ import annotations

from datetime import UTC, datetime

from pmo_insight.live.models import LiveSession
from pmo_insight.models import utcnow


def aware(moment: datetime | None) -> datetime | None:
    """Datetimes come back from SQLite without a zone; every stored one is UTC."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


def seconds_left(live: LiveSession, now: datetime | None = None) -> int | None:
    """Whole seconds until the timebox ends (0 once over), or None without a timer."""
    deadline = aware(live.timer_deadline)
    if deadline is None:
        return None
    return max(0, int(-(-(deadline - (now or utcnow())).total_seconds() // 1)))


def timer_over(live: LiveSession, now: datetime | None = None) -> bool:
    return seconds_left(live, now) == 0


def notes_accepted(live: LiveSession, now: datetime | None = None) -> bool:
    """New notes come in while notes are open and the timebox (if any) runs, unless kept open."""
    if live.stopped_at is not None or not live.notes_open:
        return False
    return live.keep_notes_open or not timer_over(live, now)


def votes_accepted(live: LiveSession) -> bool:
    return live.stopped_at is None and live.votes_open


def running(live: LiveSession | None) -> bool:
    return live is not None and live.stopped_at is None
