"""The participant's side: join with a code, add notes, put and take back dots.

Each of these re-checks the join code and the participant's token on the server, so a page
drawn before the session stopped stores nothing after it. What a participant is shown comes
from :func:`participant_view`, which leaves out everyone else's counts until the reveal: the
counts never reach the participant's browser early, whatever the screen draws.

Once the facilitator has grouped the board's notes (:mod:`pmo_insight.grouping`), a phone votes on
groups: each group is one item, and a dot on it is stored on the group's first note, so a group's
dots stay its notes' dots (the ranking's rule), the per-item cap counts a participant's dots on any
of its notes, and ungrouping or merging later moves no dot and loses none.

A vote and a take-back are each one atomic step, however many tabs or devices share a token: the
participant's row is locked (``SELECT ... FOR UPDATE`` on PostgreSQL; on SQLite the write lock is
taken by ``BEGIN IMMEDIATE`` before anything is read) before their dots are read, so the budget and
the per-item cap are checked against the dots actually stored, and the dot and the note's counter
are written in that same transaction. A second tap waits for the first to commit; one that cannot
get the lock in time is refused with :class:`VoteNotCounted`, never with a database error.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, func, update
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, select

from pmo_insight.grouping.models import NoteGroup, NoteGroupMember
from pmo_insight.live.codes import hash_token, looks_like_code, new_token, normalise_code
from pmo_insight.live.errors import (
    BudgetSpent,
    CodeInvalid,
    ItemCapReached,
    NotesClosed,
    NothingToTakeBack,
    NotOnBoard,
    SessionStopped,
    UnknownParticipant,
    VoteNotCounted,
    VotesClosed,
)
from pmo_insight.live.models import (
    PER_ITEM_MAX,
    BoardKind,
    DotVote,
    LiveParticipant,
    LiveParticipantCreate,
    LiveSession,
)
from pmo_insight.live.sessions import TARGET_KIND
from pmo_insight.live.state import notes_accepted, votes_accepted
from pmo_insight.models import EmpathyNote, Quadrant, Touchpoint
from pmo_insight.persistence.db import lock_for_write, lost_race
from pmo_insight.persistence.revision import revision_of
from pmo_insight.roles import Role, allow, allow_reads
from pmo_insight.services import empathy
from pmo_insight.services._rows import validate


@dataclass(frozen=True)
class Joined:
    participant_id: int
    token: str


@dataclass(frozen=True)
class ItemView:
    """One item a participant may vote on: its text, their own dots, and the total once revealed."""

    id: int
    group: str
    text: str
    mine: int
    total: int | None
    #: A group's notes, in board order (empty for a single note or touchpoint).
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class ParticipantView:
    workshop_id: int
    #: The workshop's revision this view was read at: the phone redraws when it moves.
    revision: int
    code: str
    board_kind: BoardKind
    name: str
    department: str
    notes_open: bool
    votes_open: bool
    revealed: bool
    budget: int
    used: int
    timer_deadline: datetime | None
    keep_notes_open: bool
    items: tuple[ItemView, ...]

    @property
    def remaining(self) -> int:
        return max(0, self.budget - self.used)


def _session_for(session: Session, code: str | None) -> LiveSession:
    """The running session with this code; a stopped one says so, anything else is invalid."""
    code = normalise_code(code)
    if not looks_like_code(code):
        raise CodeInvalid()
    live = session.exec(select(LiveSession).where(LiveSession.code == code)).first()
    if live is None:
        raise CodeInvalid()
    if live.stopped_at is not None:
        raise SessionStopped()
    return live


def _participant(session: Session, live: LiveSession, token: str | None, *, lock: bool = False) -> LiveParticipant:
    """The participant this token names in this session; ``lock``: their row stays locked until the
    transaction ends (PostgreSQL; SQLite's lock is the whole database's, see :func:`_voter`)."""
    query = select(LiveParticipant).where(LiveParticipant.token_hash == hash_token(token))
    if lock:
        query = query.with_for_update().execution_options(populate_existing=True)
    person = session.exec(query).first()
    if not token or person is None or person.session_id != live.id:
        raise UnknownParticipant()
    return person


def check_code(session: Session, *, code: str) -> int:
    """The workshop a valid, running join code belongs to (raises otherwise)."""
    return _session_for(session, code).workshop_id


def board_revision(session: Session, *, code: str) -> int | None:
    """The revision of the workshop a join code belongs to, running or stopped (a phone polls it to
    redraw, and to learn that its session ended); None for a code that never existed."""
    workshop_id = session.exec(select(LiveSession.workshop_id).where(LiveSession.code == normalise_code(code))).first()
    return None if workshop_id is None else revision_of(session, workshop_id=workshop_id)


def join_session(session: Session, *, code: str, name: str, department: str = "") -> Joined:
    """Join with a name and department; the returned token (shown once, kept in the link) is who you are."""
    live = _session_for(session, code)
    values = validate(LiveParticipantCreate, {"name": name, "department": department})
    token = new_token()
    person = LiveParticipant(**values, workshop_id=live.workshop_id, session_id=live.id, token_hash=hash_token(token))
    session.add(person)
    session.flush()
    return Joined(participant_id=person.id, token=token)


def add_live_note(session: Session, *, code: str, token: str, quadrant: Quadrant | str, text: str) -> EmpathyNote:
    live = _session_for(session, code)
    person = _participant(session, live, token)
    if BoardKind(live.board_kind) is not BoardKind.EMPATHY or not notes_accepted(live):
        raise NotesClosed()
    by = ("", "") if live.anonymous else (person.name, person.department)
    return empathy.add_note(session, map_id=live.board_id, quadrant=quadrant, text=text, author=by[0], department=by[1])


def _board_ids(session: Session, live: LiveSession) -> set[int]:
    if BoardKind(live.board_kind) is BoardKind.EMPATHY:
        return set(session.exec(select(EmpathyNote.id).where(EmpathyNote.map_id == live.board_id)).all())
    return set(session.exec(select(Touchpoint.id).where(Touchpoint.journey_id == live.board_id)).all())


@dataclass(frozen=True)
class _Unit:
    """What a phone votes on: a note or touchpoint, or a group of notes (``id`` its first note)."""

    id: int
    group: str
    text: str
    members: tuple[int, ...]
    notes: tuple[str, ...] = ()


def _units(session: Session, live: LiveSession) -> list[_Unit]:
    """The board's items in board order: groups (each once) and the notes in no group."""
    if BoardKind(live.board_kind) is not BoardKind.EMPATHY:
        return [_Unit(i, g, text, (i,)) for i, g, text in _items(session, live)]
    notes = session.exec(
        select(EmpathyNote).where(EmpathyNote.map_id == live.board_id).order_by(EmpathyNote.position, EmpathyNote.id)
    ).all()
    order = {n.id: index for index, n in enumerate(notes)}
    rows = session.exec(
        select(NoteGroupMember.note_id, NoteGroup.id, NoteGroup.title)
        .join(NoteGroup, NoteGroup.id == NoteGroupMember.group_id)
        .where(NoteGroup.map_id == live.board_id)
    ).all()
    groups: dict[int, tuple[str, list[int]]] = {}
    for note_id, group_id, title in rows:
        if note_id in order:
            groups.setdefault(group_id, (title, []))[1].append(note_id)
    by_note = {n.id: n for n in notes}
    units: list[_Unit] = []
    grouped: set[int] = set()
    for title, members in groups.values():
        members.sort(key=order.__getitem__)
        first = by_note[members[0]]
        grouped.update(members)
        texts = tuple(by_note[i].text for i in members)
        units.append(_Unit(first.id, Quadrant(first.quadrant).value, title, tuple(members), texts))
    units += [_Unit(n.id, Quadrant(n.quadrant).value, n.text, (n.id,)) for n in notes if n.id not in grouped]
    return sorted(units, key=lambda u: order[u.id])


def _unit_of(units: list[_Unit]) -> dict[int, _Unit]:
    """Each note's (or touchpoint's) item: a stale screen's dot on a grouped note counts for its group."""
    return {member: unit for unit in units for member in unit.members}


def _my_votes(session: Session, person: LiveParticipant, live: LiveSession, board: set[int]) -> dict[int, DotVote]:
    kind = TARGET_KIND[BoardKind(live.board_kind)]
    votes = session.exec(
        select(DotVote)
        .where(DotVote.participant_id == person.id, DotVote.target_type == kind)
        .execution_options(populate_existing=True)
    ).all()
    return {v.target_id: v for v in votes if v.target_id in board}


def _bump_note(session: Session, live: LiveSession, item_id: int, delta: int) -> None:
    """Dots on a note also count in its votes, so ranking, the deck and the canvas carry see them."""
    if BoardKind(live.board_kind) is BoardKind.EMPATHY:
        total = EmpathyNote.votes + delta
        session.exec(
            update(EmpathyNote)
            .where(EmpathyNote.id == item_id)
            .values(votes=case((total < 0, 0), (total > empathy.MAX_VOTES, empathy.MAX_VOTES), else_=total))
        )


@contextmanager
def _counted() -> Iterator[None]:
    """A tap that lost its race (lock timeout, deadlock, a concurrent first dot) stores nothing and
    says so; every other database error stays what it is."""
    try:
        yield
    except DBAPIError as error:
        if lost_race(error):
            raise VoteNotCounted() from error
        raise


def _voter(session: Session, code: str, token: str) -> tuple[LiveSession, LiveParticipant]:
    """The running session and the participant, locked against their own other taps until commit."""
    lock_for_write(session)
    live = _session_for(session, code)
    person = _participant(session, live, token, lock=True)
    if not votes_accepted(live):
        raise VotesClosed()
    return live, person


def cast_vote(session: Session, *, code: str, token: str, item_id: int) -> int:
    """Put one dot on an item (a group: on its first note); returns the dots left. Refused past the
    budget or 3 on one item (a group's notes together)."""
    with _counted():
        live, person = _voter(session, code, token)
        unit = _unit_of(_units(session, live)).get(item_id)
        if unit is None:
            raise NotOnBoard()
        mine = _my_votes(session, person, live, _board_ids(session, live))
        used = sum(v.count for v in mine.values())
        if used >= live.budget:
            raise BudgetSpent(budget=live.budget)
        if sum(mine[i].count for i in unit.members if i in mine) >= PER_ITEM_MAX:
            raise ItemCapReached(cap=PER_ITEM_MAX)
        vote = mine.get(unit.id)
        if vote is None:
            kind = TARGET_KIND[BoardKind(live.board_kind)]
            vote = DotVote(participant_id=person.id, target_type=kind, target_id=unit.id, count=1)
        else:
            vote.count += 1
        session.add(vote)
        session.flush()
        _bump_note(session, live, unit.id, 1)
    return live.budget - used - 1


def take_back_vote(session: Session, *, code: str, token: str, item_id: int) -> int:
    """Take one of your dots back from an item (a group: from any of its notes); returns the dots left."""
    with _counted():
        live, person = _voter(session, code, token)
        unit = _unit_of(_units(session, live)).get(item_id)
        mine = _my_votes(session, person, live, _board_ids(session, live))
        held = [] if unit is None else [i for i in (unit.id, *unit.members) if i in mine]
        if not held:
            raise NothingToTakeBack()
        vote = mine[held[0]]
        used = sum(v.count for v in mine.values())
        if vote.count <= 1:
            session.delete(vote)
        else:
            vote.count -= 1
            session.add(vote)
        session.flush()
        _bump_note(session, live, vote.target_id, -1)
    return live.budget - used + 1


def participant_view(session: Session, *, code: str, token: str) -> ParticipantView:
    """Everything a participant's screen shows, with nobody else's counts before the reveal."""
    live = _session_for(session, code)
    person = _participant(session, live, token)
    board = _board_ids(session, live)
    mine = {target: v.count for target, v in _my_votes(session, person, live, board).items()}
    totals = _totals(session, live) if live.revealed else {}
    items = tuple(
        ItemView(
            id=u.id,
            group=u.group,
            text=u.text,
            mine=sum(mine.get(i, 0) for i in u.members),
            total=sum(totals.get(i, 0) for i in u.members) if live.revealed else None,
            notes=u.notes,
        )
        for u in _units(session, live)
    )
    return ParticipantView(
        workshop_id=live.workshop_id,
        revision=revision_of(session, workshop_id=live.workshop_id) or 0,
        code=live.code,
        board_kind=BoardKind(live.board_kind),
        name=person.name,
        department=person.department,
        notes_open=notes_accepted(live),
        votes_open=votes_accepted(live),
        revealed=live.revealed,
        budget=live.budget,
        used=sum(mine.values()),
        timer_deadline=live.timer_deadline,
        keep_notes_open=live.keep_notes_open,
        items=items,
    )


def _items(session: Session, live: LiveSession) -> list[tuple[int, str, str]]:
    if BoardKind(live.board_kind) is BoardKind.EMPATHY:
        notes = session.exec(
            select(EmpathyNote)
            .where(EmpathyNote.map_id == live.board_id)
            .order_by(EmpathyNote.position, EmpathyNote.id)
        ).all()
        return [(n.id, Quadrant(n.quadrant).value, n.text) for n in notes]
    touchpoints = session.exec(
        select(Touchpoint).where(Touchpoint.journey_id == live.board_id).order_by(Touchpoint.position, Touchpoint.id)
    ).all()
    return [
        (t.id, "pain" if t.pain_point else "opportunity", t.pain_point or t.opportunity)
        for t in touchpoints
        if t.pain_point or t.opportunity
    ]


def _totals(session: Session, live: LiveSession) -> dict[int, int]:
    people = select(LiveParticipant.id).where(LiveParticipant.session_id == live.id)
    rows = session.exec(
        select(DotVote.target_id, func.sum(DotVote.count))
        .where(DotVote.participant_id.in_(people), DotVote.target_type == TARGET_KIND[BoardKind(live.board_kind)])
        .group_by(DotVote.target_id)
    ).all()
    return {target: int(total) for target, total in rows}


# A participant may call exactly these writes; each re-checks the code and the token itself.
allow(Role.PARTICIPANT, join_session, add_live_note, cast_vote, take_back_vote)
allow_reads(Role.PARTICIPANT, check_code, participant_view, board_revision)
