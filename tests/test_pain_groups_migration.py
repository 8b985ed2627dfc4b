"""Migration 0010 adds the pain-group tables to a populated database at 0009 in place, every row kept,
and steps back down to 0009 leaving the journeys as they were.

On the run's database (SQLite or PostgreSQL, see tests/databases.py): the rows are written at 0009
by today's services, which touch no table 0009 lacks.
"""

from __future__ import annotations

from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import inspect
from sqlmodel import Session

from pmo_insight.grouping.pains import services as pains
from pmo_insight.persistence.chain_loader import load_chain
from pmo_insight.persistence.db import alembic_config, current_revision, make_engine, migrate, session_scope
from pmo_insight.services import journeys
from tests.factories import build_workshop
from tests.test_migrations import _row_counts

PAIN_TABLES = {"paingroup", "paingroupmember"}
HEAD = ScriptDirectory.from_config(alembic_config()).get_current_head()


def test_a_database_at_0009_with_journeys_upgrades_to_head_keeping_every_row_and_downgrades_again(new_database):
    engine = make_engine(new_database(migrated=False))
    migrate(engine, "0009")
    assert not PAIN_TABLES & set(inspect(engine).get_table_names())
    with Session(engine) as session:
        workshop_id = build_workshop(session, personas_count=2, touchpoints_per_stage=3).id
        session.commit()
    before = _row_counts(engine)
    assert before["touchpoint"] == 18 and before["journey"] == 2

    migrate(engine)

    after = _row_counts(engine)
    assert current_revision(engine) == HEAD
    assert {t: after[t] for t in before} == before, "rows lost on the way to head"
    assert PAIN_TABLES <= set(inspect(engine).get_table_names())
    assert {t: after[t] for t in PAIN_TABLES} == dict.fromkeys(PAIN_TABLES, 0)
    columns = {c["name"] for c in inspect(engine).get_columns("paingroupmember")}
    assert columns == {"id", "group_id", "touchpoint_id"}

    # The upgraded journeys take pain groups at once.
    with session_scope(engine) as session:
        journey = journeys.list_journeys(session, workshop_id=workshop_id)[0]
        touchpoints = journeys.list_touchpoints(session, journey_id=journey.id)
        pains.create_pain_group(
            session, journey_id=journey.id, title="审批太慢", touchpoint_ids=[t.id for t in touchpoints[:2]]
        )
    with session_scope(engine) as session:
        chain = load_chain(session, workshop_id=workshop_id)
        [group] = chain.pain_groups
        assert len(chain.pain_members_of(group.id)) == 2

    command.downgrade(alembic_config(engine), "0009")

    assert current_revision(engine) == "0009"
    assert not PAIN_TABLES & set(inspect(engine).get_table_names())
    assert _row_counts(engine) == before
    migrate(engine)  # and up again: the tables come back empty
    assert current_revision(engine) == HEAD
    assert {t: _row_counts(engine)[t] for t in PAIN_TABLES} == dict.fromkeys(PAIN_TABLES, 0)
    engine.dispose()
