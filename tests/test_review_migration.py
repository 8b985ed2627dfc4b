"""Migration 0003 adds the review tables to a populated (demo) database in place, every row kept."""

from __future__ import annotations

from sqlalchemy import MetaData, inspect, text
from sqlmodel import Session

from pmo_insight.demo import create_demo_workshop
from pmo_insight.persistence.db import current_revision, make_engine, migrate, session_scope
from pmo_insight.services.review_links import create_review_link, review_chain

REVIEW_TABLES = {"reviewlink", "reviewcomment", "reviewdecision"}


def _counts(engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {
            t: conn.execute(text(f'SELECT count(*) FROM "{t}"')).scalar_one()
            for t in inspect(engine).get_table_names()
            if t != "alembic_version"
        }


def test_a_demo_database_at_0002_upgrades_to_0003_keeping_every_row(tmp_path):
    current = make_engine(f"sqlite:///{tmp_path / 'current.db'}")
    migrate(current)
    with Session(current) as s:
        create_demo_workshop(s, lang="en")
        create_demo_workshop(s, lang="zh")
        s.commit()
    old = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    migrate(old, "0002")
    assert not REVIEW_TABLES & set(inspect(old).get_table_names())
    tables = MetaData()
    tables.reflect(old)
    with current.connect() as source, old.begin() as target:
        for table in tables.sorted_tables:
            if table.name == "alembic_version":
                continue
            columns = ", ".join(f'"{c}"' for c in table.c.keys())
            rows = [tuple(r) for r in source.execute(text(f'SELECT {columns} FROM "{table.name}"'))]
            if rows:
                marks = ", ".join("?" for _ in table.c)
                target.exec_driver_sql(f'INSERT INTO "{table.name}" ({columns}) VALUES ({marks})', rows)
    before = _counts(old)
    assert before["touchpoint"] > 10 and before["workshop"] == 2

    migrate(old, "0003")

    after = _counts(old)
    assert current_revision(old) == "0003"
    assert {t: after[t] for t in before} == before
    assert {t: after[t] for t in REVIEW_TABLES} == dict.fromkeys(REVIEW_TABLES, 0)
    with old.connect() as conn:
        assert conn.execute(text("PRAGMA foreign_key_check")).fetchall() == []
    migrate(old)  # on to today's head: the review layer works on the upgraded rows
    with session_scope(old) as s:
        token = create_review_link(s, workshop_id=1, label="After the upgrade").token
    with session_scope(old) as s:
        assert len(review_chain(s, token=token).touchpoints) > 10
    current.dispose()
    old.dispose()
