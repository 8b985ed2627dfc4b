"""Alembic environment: runs on the app's engine, never loses rows on SQLite table rebuilds.

SQLite batch migrations copy a table, drop the original and rename the copy. With
``foreign_keys=ON`` the drop cascades and silently deletes child rows, so foreign keys are
switched off for the migration and ``PRAGMA foreign_key_check`` must come back empty afterwards.
"""

from alembic import context
from sqlalchemy import create_engine, text
from sqlmodel import SQLModel

from pmo_insight.persistence import schema  # noqa: F401  (every feature's tables)

config = context.config
target_metadata = SQLModel.metadata


class ForeignKeyViolation(RuntimeError):
    pass


def run_migrations_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    engine = config.attributes.get("engine") or create_engine(config.get_main_option("sqlalchemy.url"))
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.commit()
        try:
            context.configure(
                connection=connection,
                target_metadata=target_metadata,
                render_as_batch=True,
            )
            with context.begin_transaction():
                context.run_migrations()
                if sqlite:
                    broken = connection.execute(text("PRAGMA foreign_key_check")).fetchall()
                    if broken:
                        raise ForeignKeyViolation(f"migration left dangling rows: {broken[:5]}")
            connection.commit()
        finally:
            if sqlite:
                connection.exec_driver_sql("PRAGMA foreign_keys=ON")
                connection.commit()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
