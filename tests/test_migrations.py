"""Schema migrations: an empty database reaches head, and an existing one keeps every row.

On the run's database (SQLite or PostgreSQL, see tests/databases.py); the table-rebuild trap is
SQLite's own and is always tested there.
"""

from __future__ import annotations

import shutil
import textwrap

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import MetaData, inspect, text
from sqlmodel import Session, SQLModel

from pmo_insight.demo import create_demo_workshop
from pmo_insight.persistence.db import MIGRATIONS, alembic_config, current_revision, make_engine, migrate
from tests.factories import build_workshop


def _synthetic(session) -> None:
    build_workshop(session, personas_count=3)


def _both_demos(session) -> None:
    create_demo_workshop(session, lang="en")
    create_demo_workshop(session, lang="zh")


def _row_counts(engine) -> dict[str, int]:
    """Rows per table of the app's schema that exists yet (an older revision lacks later tables)."""
    present = set(inspect(engine).get_table_names())
    with engine.connect() as conn:
        return {
            table: conn.execute(text(f'SELECT count(*) FROM "{table}"')).scalar_one()
            for table in SQLModel.metadata.tables
            if table in present
        }


def test_an_empty_database_is_upgraded_to_the_latest_revision(new_database):
    engine = make_engine(new_database(migrated=False))

    migrate(engine)

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert current_revision(engine) == head
    assert set(SQLModel.metadata.tables) <= set(inspect(engine).get_table_names())
    engine.dispose()


def test_the_migrations_build_exactly_the_schema_the_models_describe(engine):
    with engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)

    assert differences == []


def test_migrating_twice_changes_nothing(engine):
    with Session(engine) as session:
        build_workshop(session, personas_count=2)
        session.commit()
    before = _row_counts(engine)

    migrate(engine)

    assert _row_counts(engine) == before


def _populate_old_schema(old, tmp_path) -> None:
    """Rows made by today's services, copied into an older schema with just the columns it has."""
    current = make_engine(f"sqlite:///{tmp_path / 'current.db'}")
    migrate(current)
    with Session(current) as session:
        build_workshop(session, personas_count=3)
        session.commit()
    old_tables = MetaData()
    old_tables.reflect(old)
    with current.connect() as source, old.begin() as target:
        for table in old_tables.sorted_tables:
            if table.name == "alembic_version":
                continue
            columns = ", ".join(f'"{name}"' for name in table.c.keys())
            rows = [tuple(r) for r in source.execute(text(f'SELECT {columns} FROM "{table.name}"'))]
            marks = ", ".join("?" for _ in table.c)
            if rows:
                target.exec_driver_sql(f'INSERT INTO "{table.name}" ({columns}) VALUES ({marks})', rows)
    current.dispose()


def test_a_database_with_data_keeps_every_row_through_each_upgrade_step(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    revisions = list(reversed(list(ScriptDirectory.from_config(alembic_config()).walk_revisions())))
    migrate(engine, revisions[0].revision)
    _populate_old_schema(engine, tmp_path)
    before = _row_counts(engine)
    assert before["persona"] == 3

    for revision in revisions[1:]:
        migrate(engine, revision.revision)
        after = _row_counts(engine)
        assert {t: after[t] for t in before} == before, f"rows lost at {revision.revision}"
    assert current_revision(engine) == revisions[-1].revision
    engine.dispose()


def test_a_table_rebuild_does_not_cascade_deletes_into_child_rows(tmp_path):
    """The SQLite trap: a batch rebuild drops the parent table, which with foreign keys on deletes children."""
    scripts = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    head = ScriptDirectory(str(scripts)).get_current_head()
    (scripts / "versions" / "9999_rebuild_workshop.py").write_text(
        textwrap.dedent(
            f"""
            from alembic import op
            import sqlalchemy as sa

            revision = "9999"
            down_revision = "{head}"
            branch_labels = None
            depends_on = None

            def upgrade():
                with op.batch_alter_table("workshop", recreate="always") as batch:
                    batch.add_column(sa.Column("extra", sa.String(10), nullable=True))

            def downgrade():
                pass
            """
        )
    )
    engine = make_engine(f"sqlite:///{tmp_path / 'trap.db'}")
    migrate(engine)
    with Session(engine) as session:
        build_workshop(session, personas_count=2)
        session.commit()
    before = _row_counts(engine)

    config = alembic_config(engine)
    config.set_main_option("script_location", str(scripts))
    command.upgrade(config, "head")

    assert _row_counts(engine) == before
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA foreign_keys")).scalar_one() == 1
        assert conn.execute(text("PRAGMA foreign_key_check")).fetchall() == []
