"""The facilitator's side of a live session: start, open and close, timebox, reveal, stop.

Only one session of a workshop runs at a time; starting another stops the running one, so an old
code stops letting people in the moment a new round begins. Every change is a write to a table the
workshop owns, so it raises the workshop's revision and every live screen redraws.
"""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from sqlalchemy import update
from sqlmodel import Session, select

from pmo_insight.domain.chain import WorkshopChain
from pmo_insight.errors import FieldProblem, ValidationFailed
from pmo_insight.live.codes import new_code
from pmo_insight.live.errors import NoBoard, NotOnBoard
from pmo_insight.live.models import (
    BUDGET_DEFAULT,
    BUDGET_MAX,
    BUDGET_MIN,
    TIMER_MAX,
    TIMER_MIN,
    BoardKind,
    LiveSession,
)
from pmo_insight.live.state import running
from pmo_insight.models import EmpathyMap, Journey, RefKind, Workshop, utcnow
from pmo_insight.services._rows import get_or_raise

#: The item kind a board's dots land on.
TARGET_KIND = {BoardKind.EMPATHY: RefKind.EMPATHY_NOTE, BoardKind.JOURNEY: RefKind.TOUCHPOINT}
#: How many times a new code is drawn before giving up (31^6 codes: a clash is already rare).
CODE_ATTEMPTS = 20


def _check_range(field: str, value: int, low: int, high: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        key = "error.too_small" if isinstance(value, int) and value < low else "error.too_large"
        raise ValidationFailed([FieldProblem(field, key, {"min": low, "max": high})])


def start_session(
    session: Session,
    *,
    workshop_id: int,
    map_id: int | None = None,
    journey_id: int | None = None,
    budget: int = BUDGET_DEFAULT,
    minutes: int | None = None,
    anonymous: bool = False,
) -> LiveSession:
    """Start a round on an empathy map (default: the workshop's first) or on a journey."""
    get_or_raise(session, Workshop, workshop_id)
    _check_range("budget", budget, BUDGET_MIN, BUDGET_MAX)
    if minutes is not None:
        _check_range("minutes", minutes, TIMER_MIN, TIMER_MAX)
    if journey_id is not None:
        kind, board = BoardKind.JOURNEY, get_or_raise(session, Journey, journey_id)
    elif map_id is not None:
        kind, board = BoardKind.EMPATHY, get_or_raise(session, EmpathyMap, map_id)
    else:
        kind = BoardKind.EMPATHY
        board = session.exec(
            select(EmpathyMap).where(EmpathyMap.workshop_id == workshop_id).order_by(EmpathyMap.id)
        ).first()
        if board is None:
            raise NoBoard()
    if board.workshop_id != workshop_id:
        raise NotOnBoard()
    _stop_running(session, workshop_id)
    taken = set(session.exec(select(LiveSession.code)).all())
    code = next((c for c in (new_code() for _ in range(CODE_ATTEMPTS)) if c not in taken), None)
    if code is None:  # pragma: no cover - astronomically unlikely
        raise RuntimeError("no free join code")
    live = LiveSession(
        workshop_id=workshop_id,
        board_kind=kind,
        board_id=board.id,
        code=code,
        budget=budget,
        anonymous=anonymous,
        timer_deadline=utcnow() + timedelta(minutes=minutes) if minutes else None,
    )
    session.add(live)
    session.flush()
    return live


def _stop_running(session: Session, workshop_id: int) -> int:
    result = session.exec(
        update(LiveSession)
        .where(LiveSession.workshop_id == workshop_id, LiveSession.stopped_at.is_(None))
        .values(stopped_at=utcnow())
    )
    return result.rowcount


def active_session(session: Session, *, workshop_id: int) -> LiveSession | None:
    """The workshop's running session, if any."""
    return session.exec(
        select(LiveSession).where(LiveSession.workshop_id == workshop_id, LiveSession.stopped_at.is_(None))
    ).first()


def _running(session: Session, workshop_id: int) -> LiveSession:
    live = active_session(session, workshop_id=workshop_id)
    if live is None:
        raise NoBoard("live.error.not_running")
    return live


def stop_session(session: Session, *, workshop_id: int) -> LiveSession:
    """End the round: its code lets nobody in from now on, and nothing more is stored through it."""
    live = _running(session, workshop_id)
    live.stopped_at = utcnow()
    session.add(live)
    session.flush()
    return live


def reveal_votes(session: Session, *, workshop_id: int) -> LiveSession:
    """Show everyone the counts; voting closes so the revealed order holds."""
    return _change(session, workshop_id, revealed=True, votes_open=False)


def hide_votes(session: Session, *, workshop_id: int) -> LiveSession:
    return _change(session, workshop_id, revealed=False)


def set_notes_open(session: Session, *, workshop_id: int, is_open: bool) -> LiveSession:
    return _change(session, workshop_id, notes_open=bool(is_open))


def set_votes_open(session: Session, *, workshop_id: int, is_open: bool) -> LiveSession:
    return _change(session, workshop_id, votes_open=bool(is_open))


def set_budget(session: Session, *, workshop_id: int, budget: int) -> LiveSession:
    _check_range("budget", budget, BUDGET_MIN, BUDGET_MAX)
    return _change(session, workshop_id, budget=budget)


def set_anonymous(session: Session, *, workshop_id: int, anonymous: bool) -> LiveSession:
    return _change(session, workshop_id, anonymous=bool(anonymous))


def start_timer(session: Session, *, workshop_id: int, minutes: int, keep_notes_open: bool = False) -> LiveSession:
    """A timebox of 1–30 minutes from now; its deadline is stored so every device counts down alike."""
    _check_range("minutes", minutes, TIMER_MIN, TIMER_MAX)
    deadline = utcnow() + timedelta(minutes=minutes)
    return _change(session, workshop_id, timer_deadline=deadline, keep_notes_open=bool(keep_notes_open))


def clear_timer(session: Session, *, workshop_id: int) -> LiveSession:
    return _change(session, workshop_id, timer_deadline=None)


def _change(session: Session, workshop_id: int, **values) -> LiveSession:
    live = _running(session, workshop_id)
    for name, value in values.items():
        setattr(live, name, value)
    session.add(live)
    session.flush()
    return live


# --- reading the chain's live part (no queries) ----------------------------------------------


def running_session(chain: WorkshopChain) -> LiveSession | None:
    return next((s for s in reversed(chain.live_sessions) if running(s)), None)


def joined(chain: WorkshopChain, live: LiveSession) -> int:
    return sum(1 for p in chain.live_participants if p.session_id == live.id)


def totals(chain: WorkshopChain, live: LiveSession) -> Counter[int]:
    """Dots per item of the session's board, from this session's participants."""
    people = {p.id for p in chain.live_participants if p.session_id == live.id}
    kind = TARGET_KIND[BoardKind(live.board_kind)]
    counts: Counter[int] = Counter()
    for vote in chain.dot_votes:
        if vote.participant_id in people and vote.target_type == kind:
            counts[vote.target_id] += vote.count
    return counts
