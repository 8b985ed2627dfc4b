"""One participant voting from several tabs, devices or scripts at once: every dot counted once.

A participant is their token, so two phones, two tabs or a script holding the same link all
spend one budget (5 here) with at most 3 dots on one note. Calls start together behind a
barrier, each in its own transaction as the app runs one per tap, from several threads and from
two processes, on the database the run chose (SQLite or PostgreSQL). After every burst:

* the participant's stored dots stay within the budget, and within the cap on each note;
* the calls that answered "accepted" are exactly the dots stored (take-backs subtracted);
* every note's vote counter equals the dots stored on it;
* no call ended in a raw database error: only the domain's refusals.
"""

from __future__ import annotations

import multiprocessing
import sys
import threading
import types
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from pmo_insight.errors import DomainError
from pmo_insight.live import participants as people
from pmo_insight.live import sessions
from pmo_insight.live.errors import VoteNotCounted
from pmo_insight.live.models import PER_ITEM_MAX, DotVote, LiveParticipant
from pmo_insight.models import EmpathyNote
from pmo_insight.persistence.db import lock_for_write, make_engine, session_scope
from pmo_insight.services import empathy, personas, workshops

BUDGET = 5
ACCEPTED = "accepted"
#: What a refused or lost call may answer; anything else is a raw error.
REFUSALS = {"BudgetSpent", "ItemCapReached", "NothingToTakeBack", "VoteNotCounted"}


@dataclass(frozen=True)
class Room:
    url: str
    workshop_id: int
    code: str
    notes: tuple[int, ...]


@pytest.fixture
def room(engine: Engine) -> Room:
    """A running session (budget 5) on a map of three notes, nobody joined yet."""
    with session_scope(engine) as s:
        ws = workshops.create_workshop(s, title="Room")
        persona = personas.create_persona(s, workshop_id=ws.id, name="COO")
        emap = empathy.create_map(s, persona_id=persona.id, scenario="Quarterly planning")
        notes = tuple(empathy.add_note(s, map_id=emap.id, quadrant="pains", text=f"Pain {n}").id for n in range(3))
        live = sessions.start_session(s, workshop_id=ws.id, budget=BUDGET)
    return Room(engine.url.render_as_string(hide_password=False), ws.id, live.code, notes)


def _join(engine: Engine, room: Room, name: str) -> tuple[int, str]:
    with session_scope(engine) as s:
        joined = people.join_session(s, code=room.code, name=name)
    return joined.participant_id, joined.token


def _tap(engine: Engine, room: Room, token: str, action: str, item_id: int) -> str:
    """One tap in its own transaction: "accepted", the refusal's name, or the raw error."""
    service = people.cast_vote if action == "vote" else people.take_back_vote
    try:
        with session_scope(engine) as s:
            service(s, code=room.code, token=token, item_id=item_id)
        return ACCEPTED
    except DomainError as error:
        return type(error).__name__
    except Exception as error:  # noqa: BLE001 - a raw error is what the test looks for
        return f"raw {type(error).__name__}: {error}"[:300]


#: One tap to fire: (token, "vote" or "take", note id).
Tap = tuple[str, str, int]


def _burst(engine: Engine, room: Room, taps: list[Tap], start: Callable[[], object]) -> list[tuple[Tap, str]]:
    """Fire every tap on its own thread, all released by ``start`` at the same moment."""

    def fire(tap: Tap) -> tuple[Tap, str]:
        start()
        return tap, _tap(engine, room, *tap)

    with ThreadPoolExecutor(max_workers=len(taps)) as pool:
        return list(pool.map(fire, taps))


def _threads(engine: Engine, room: Room, taps: list[Tap]) -> list[tuple[Tap, str]]:
    barrier = threading.Barrier(len(taps))
    return _burst(engine, room, taps, lambda: barrier.wait(timeout=30))


def _process_worker(url: str, room: Room, taps: list[Tap], barrier, results) -> None:
    """In a process of its own (its own engine and connections), fire these taps at the barrier."""
    engine = make_engine(url)
    ready = threading.Barrier(len(taps))

    def start() -> None:
        if ready.wait(timeout=60) == 0:  # one thread per process meets the other processes
            barrier.wait(timeout=60)
        ready.wait(timeout=60)

    try:
        results.put(_burst(engine, room, taps, start))
    finally:
        engine.dispose()


def _processes(room: Room, parts: list[list[Tap]]) -> list[tuple[Tap, str]]:
    """Each list of taps fired by its own process (several threads each), all processes together."""
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(len(parts))
    results = context.Queue()
    workers = [context.Process(target=_process_worker, args=(room.url, room, p, barrier, results)) for p in parts]
    # A spawned process re-runs the parent's ``__main__`` file. After an AppTest in this process that is
    # app.py (Streamlit's script runner installs it as ``__main__``), which would migrate the database
    # in each worker: start the workers with a bare ``__main__`` instead.
    main = sys.modules["__main__"]
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        for worker in workers:
            worker.start()
    finally:
        sys.modules["__main__"] = main
    outcomes = [outcome for _ in workers for outcome in results.get(timeout=120)]
    for worker in workers:
        worker.join(timeout=30)
        assert worker.exitcode == 0
    return outcomes


def _stored(engine: Engine, participant_id: int) -> Counter[int]:
    with session_scope(engine) as s:
        rows = s.exec(select(DotVote.target_id, DotVote.count).where(DotVote.participant_id == participant_id)).all()
    return Counter({target: count for target, count in rows})


def _assert_counted_once(engine: Engine, room: Room, outcomes, before: dict[str, Counter[int]], ids: dict[str, int]):
    """The invariants above, for every token that tapped; ``before`` holds each one's dots beforehand."""
    raw = [(tap, answer) for tap, answer in outcomes if answer != ACCEPTED and answer not in REFUSALS]
    assert not raw, raw
    for token, participant_id in ids.items():
        stored = _stored(engine, participant_id)
        expected = Counter(before.get(token, Counter()))
        for (tap_token, action, item), answer in outcomes:
            if tap_token == token and answer == ACCEPTED:
                expected[item] += 1 if action == "vote" else -1
        assert +expected == stored, (token, outcomes)
        assert sum(stored.values()) <= BUDGET
        assert max(stored.values(), default=0) <= PER_ITEM_MAX
    with session_scope(engine) as s:  # everyone's dots, earlier trials' participants included
        counters = dict(s.exec(select(EmpathyNote.id, EmpathyNote.votes).where(EmpathyNote.id.in_(room.notes))).all())
        rows = s.exec(select(DotVote.target_id, DotVote.count)).all()
    dots: Counter[int] = Counter()
    for target, count in rows:
        dots[target] += count
    assert counters == {note: dots[note] for note in room.notes}


def _vote_first(engine: Engine, room: Room, token: str, items: list[int]) -> None:
    for item in items:
        assert _tap(engine, room, token, "vote", item) == ACCEPTED


def test_ten_taps_at_once_on_one_note_store_three_dots(engine, room):
    for trial in range(4):
        participant_id, token = _join(engine, room, f"Li Na {trial}")
        if trial % 2:  # later trials start from a note that already holds a dot
            _vote_first(engine, room, token, [room.notes[0]])
        before = {token: _stored(engine, participant_id)}

        outcomes = _threads(engine, room, [(token, "vote", room.notes[0])] * 10)

        _assert_counted_once(engine, room, outcomes, before, {token: participant_id})
        assert sum(answer == ACCEPTED for _, answer in outcomes) == PER_ITEM_MAX - trial % 2
        assert {answer for _, answer in outcomes} <= {ACCEPTED, "ItemCapReached"}


def test_a_burst_across_notes_stays_within_the_budget(engine, room):
    for trial in range(3):
        participant_id, token = _join(engine, room, f"Wang {trial}")
        taps = [(token, "vote", room.notes[i % 3]) for i in range(12)]

        outcomes = _threads(engine, room, taps)

        _assert_counted_once(engine, room, outcomes, {}, {token: participant_id})
        assert sum(_stored(engine, participant_id).values()) == BUDGET
        assert {answer for _, answer in outcomes} <= {ACCEPTED, "BudgetSpent", "ItemCapReached"}


def test_take_backs_interleaved_with_votes_keep_every_count(engine, room):
    for trial in range(3):
        participant_id, token = _join(engine, room, f"Zhao {trial}")
        _vote_first(engine, room, token, [room.notes[0], room.notes[0], room.notes[1]])
        before = {token: _stored(engine, participant_id)}
        taps = [(token, "take" if i % 2 else "vote", room.notes[i % 3]) for i in range(12)]

        outcomes = _threads(engine, room, taps)

        _assert_counted_once(engine, room, outcomes, before, {token: participant_id})
        assert any(answer == ACCEPTED for (_, action, _), answer in outcomes if action == "take")


def test_two_processes_voting_for_one_participant_count_each_dot_once(engine, room):
    participant_id, token = _join(engine, room, "Li Na")
    other_id, other = _join(engine, room, "Chen")  # someone else on the same notes meanwhile
    _vote_first(engine, room, token, [room.notes[2]])
    before = {token: _stored(engine, participant_id)}
    first = [(token, "vote", room.notes[0])] * 4 + [(token, "vote", room.notes[1]), (other, "vote", room.notes[0])]
    second = [(token, "vote", room.notes[0])] * 3 + [(token, "take", room.notes[2]), (token, "vote", room.notes[1])]
    second.append((other, "vote", room.notes[0]))

    outcomes = _processes(room, [first, second])

    _assert_counted_once(engine, room, outcomes, before, {token: participant_id, other: other_id})
    assert _stored(engine, participant_id)[room.notes[0]] == PER_ITEM_MAX
    assert _stored(engine, other_id)[room.notes[0]] == 2


def test_the_facilitators_dots_and_the_rooms_dots_add_up(engine, room):
    """The facilitator's own ± buttons move the same counter: their dots add to the room's, and a
    minus never takes away a dot a participant still holds."""
    participant_id, token = _join(engine, room, "Li Na")
    note = room.notes[0]

    def facilitator(delta: int) -> str:
        try:
            with session_scope(engine) as s:
                empathy.vote(s, note_id=note, delta=delta)
            return ACCEPTED
        except Exception as error:  # noqa: BLE001
            return f"raw {error!r}"

    barrier = threading.Barrier(8)

    def act(i: int) -> str:
        barrier.wait(timeout=30)
        return facilitator(1) if i % 2 else _tap(engine, room, token, "vote", note)

    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(act, range(8)))

    assert answers.count(ACCEPTED) == 4 + PER_ITEM_MAX, answers
    with session_scope(engine) as s:
        assert s.get(EmpathyNote, note).votes == 4 + PER_ITEM_MAX
    for _ in range(10):
        assert facilitator(-1) == ACCEPTED
    with session_scope(engine) as s:
        assert s.get(EmpathyNote, note).votes == PER_ITEM_MAX  # the participant's three stay
    assert _tap(engine, room, token, "take", note) == ACCEPTED
    with session_scope(engine) as s:
        assert s.get(EmpathyNote, note).votes == _stored(engine, participant_id)[note] == PER_ITEM_MAX - 1


def test_a_tap_that_cannot_get_the_lock_is_refused_cleanly_and_stores_nothing(engine, room):
    """Another tab holds the participant's lock longer than this tap will wait: it is refused with
    the domain's "not counted, try again", never a database error, and leaves no trace."""
    participant_id, token = _join(engine, room, "Li Na")
    holder = Session(engine)
    lock_for_write(holder)  # the other tab's transaction, mid-vote: the same locks a vote takes
    holder.exec(select(LiveParticipant).where(LiveParticipant.id == participant_id).with_for_update()).one()
    wait_briefly = "PRAGMA busy_timeout = 200" if engine.dialect.name == "sqlite" else "SET lock_timeout = 200"
    try:
        with pytest.raises(VoteNotCounted):
            with session_scope(engine) as s:
                s.connection().exec_driver_sql(wait_briefly)
                people.cast_vote(s, code=room.code, token=token, item_id=room.notes[0])
    finally:
        holder.rollback()
        holder.close()

    assert _stored(engine, participant_id) == Counter()
    _assert_counted_once(engine, room, [], {}, {token: participant_id})
    assert _tap(engine, room, token, "vote", room.notes[0]) == ACCEPTED  # a tap again is counted
    _assert_counted_once(engine, room, [((token, "vote", room.notes[0]), ACCEPTED)], {}, {token: participant_id})
