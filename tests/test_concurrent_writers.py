"""Several people writing at once, each in their own transaction as the app runs one per action.

Eight threads start together behind a barrier, on the database the run chose (SQLite or
PostgreSQL): no row is lost, no vote is lost, and of eight saves quoting the same version exactly
one wins while the others are refused as stale.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import Engine
from sqlmodel import select

from pmo_insight.errors import StaleVersion
from pmo_insight.models import EmpathyNote, Persona
from pmo_insight.persistence.db import session_scope
from pmo_insight.services import empathy, personas, workshops

WRITERS = 8


def _together(count: int, action: Callable[[int], object]) -> list[object]:
    """Run ``action(i)`` for i in 0..count-1 on ``count`` threads released at the same moment.

    Each result is the action's return value or the exception it raised.
    """
    start = threading.Barrier(count)

    def run(i: int) -> object:
        start.wait(timeout=30)
        try:
            return action(i)
        except Exception as error:  # noqa: BLE001 - the caller inspects what each writer got
            return error

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(run, range(count)))


def _unit(engine: Engine, service, /, **kwargs):
    with session_scope(engine) as session:
        return service(session, **kwargs)


def _a_board(engine: Engine) -> tuple[int, int]:
    with session_scope(engine) as s:
        ws = workshops.create_workshop(s, title="Room")
        persona = personas.create_persona(s, workshop_id=ws.id, name="Regional director")
        board = empathy.create_map(s, persona_id=persona.id, scenario="Quarterly planning")
        return ws.id, board.id


def test_eight_people_adding_notes_at_once_lose_none(engine):
    _, map_id = _a_board(engine)
    per_writer = 5

    def add_notes(i: int) -> None:
        for n in range(per_writer):
            _unit(engine, empathy.add_note, map_id=map_id, quadrant="says", text=f"writer {i} note {n}")

    outcomes = _together(WRITERS, add_notes)

    assert outcomes == [None] * WRITERS
    with session_scope(engine) as s:
        texts = s.exec(select(EmpathyNote.text).where(EmpathyNote.map_id == map_id)).all()
    assert sorted(texts) == sorted(f"writer {i} note {n}" for i in range(WRITERS) for n in range(per_writer))


def test_eight_people_voting_at_once_lose_no_vote(engine):
    _, map_id = _a_board(engine)
    with session_scope(engine) as s:
        note_id = empathy.add_note(s, map_id=map_id, quadrant="pains", text="Approval takes weeks").id
    clicks = 10

    def vote(_i: int) -> None:
        for _ in range(clicks):
            _unit(engine, empathy.vote, note_id=note_id, delta=1)

    assert _together(WRITERS, vote) == [None] * WRITERS
    with session_scope(engine) as s:
        assert s.get(EmpathyNote, note_id).votes == WRITERS * clicks


def test_of_eight_saves_quoting_one_version_exactly_one_wins(engine):
    workshop_id, _ = _a_board(engine)
    with session_scope(engine) as s:
        version = workshops.get_workshop(s, workshop_id=workshop_id).version

    def save(i: int) -> str:
        _unit(engine, workshops.update_workshop, workshop_id=workshop_id, expected_version=version, goal=f"goal {i}")
        return f"goal {i}"

    outcomes = _together(WRITERS, save)

    winners = [o for o in outcomes if isinstance(o, str)]
    refused = [o for o in outcomes if isinstance(o, StaleVersion)]
    assert len(winners) == 1 and len(refused) == WRITERS - 1, outcomes
    with session_scope(engine) as s:
        stored = workshops.get_workshop(s, workshop_id=workshop_id)
        assert (stored.goal, stored.version) == (winners[0], version + 1)


def test_racing_edits_of_different_rows_all_land(engine):
    workshop_id, _ = _a_board(engine)
    with session_scope(engine) as s:
        ids = [personas.create_persona(s, workshop_id=workshop_id, name=f"Persona {i}").id for i in range(WRITERS)]

    def rename(i: int) -> None:
        _unit(engine, personas.update_persona, persona_id=ids[i], expected_version=1, role=f"role {i}")

    assert _together(WRITERS, rename) == [None] * WRITERS
    with session_scope(engine) as s:
        roles = dict(s.exec(select(Persona.id, Persona.role).where(Persona.id.in_(ids))).all())
    assert roles == {pid: f"role {i}" for i, pid in enumerate(ids)}
