"""Migration 0005 on a populated database: every existing chain row gets its own stable uid."""

from __future__ import annotations

from sqlalchemy import text

from pmo_insight.persistence.db import make_engine, migrate
from tests.test_migrations import _populate_old_schema

UID_TABLES = (
    "participant",
    "persona",
    "evidence",
    "empathymap",
    "empathynote",
    "journey",
    "journeystage",
    "touchpoint",
    "valuecanvas",
    "canvasitem",
    "kpi",
)


def test_existing_rows_get_distinct_uids_and_the_default_review_cycle(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    migrate(engine, "0002")
    _populate_old_schema(engine, tmp_path)

    migrate(engine, "0005")

    with engine.connect() as conn:
        uids = []
        for table in UID_TABLES:
            rows = conn.execute(text(f'SELECT uid FROM "{table}"')).scalars().all()
            assert rows and all(isinstance(u, str) and len(u) == 32 for u in rows), table
            uids += rows
        cycles = conn.execute(text("SELECT review_cycle_months FROM workshop")).scalars().all()
    assert len(uids) == len(set(uids))
    assert cycles == [6]
    engine.dispose()
