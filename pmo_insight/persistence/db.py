"""Engine, sessions and schema migrations for the app's own database."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlmodel import Session, create_engine

import pmo_insight.persistence.revision  # noqa: F401  (every write raises its workshop's revision)
from pmo_insight.persistence import schema  # noqa: F401  (registers every table on SQLModel.metadata)

URL_ENV = "PMO_INSIGHT_DATABASE_URL"
PACKAGE = Path(__file__).resolve().parents[1]
PROJECT_ROOT = PACKAGE.parent
DEFAULT_DB_PATH = PROJECT_ROOT / "data" / "pmo_insight.db"
MIGRATIONS = PACKAGE / "migrations"
BUSY_TIMEOUT_MS = 5000
#: PostgreSQL's answers to a transaction that lost a race for a lock: serialization failure,
#: deadlock detected, lock not available.
_LOST_RACE_SQLSTATES = frozenset({"40001", "40P01", "55P03"})


def database_url(explicit: str | None = None) -> str:
    """An explicit URL wins, then the environment variable, then the local SQLite file."""
    return explicit or os.environ.get(URL_ENV) or f"sqlite:///{DEFAULT_DB_PATH}"


def make_engine(url: str | None = None) -> Engine:
    """The app's engine: on SQLite, WAL, enforced foreign keys and a busy timeout on every connection."""
    url = database_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000})
    file_backed = bool(parsed.database) and parsed.database != ":memory:"

    @event.listens_for(engine, "connect")
    def _sqlite_pragmas(dbapi_conn, _record) -> None:  # pragma: no cover - trivial
        cursor = dbapi_conn.cursor()
        if file_backed:
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.close()

    return engine


def alembic_config(engine: Engine | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if engine is not None:
        cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
        cfg.attributes["engine"] = engine
    return cfg


def migrate(engine: Engine, revision: str = "head") -> None:
    """Bring the schema up to ``revision``; safe to call at every start."""
    command.upgrade(alembic_config(engine), revision)


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """One unit of work: commit on success, roll back on any error."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def lock_for_write(session: Session) -> None:
    """Take the database's write lock now, before the reads that the coming write depends on.

    A check and the write it guards share one lock. On SQLite this is ``BEGIN IMMEDIATE``: the
    driver opens a transaction only at the first INSERT/UPDATE/DELETE, so reads made before it
    run outside any transaction and a second writer can slip in between the check and the write.
    When the driver already has a transaction open, this session has written in it and so holds
    the write lock already. A writer waits for the lock up to the busy timeout. On PostgreSQL
    nothing happens here: lock the rows the check reads (``SELECT ... FOR UPDATE``) instead.
    """
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        return
    if not connection.connection.dbapi_connection.in_transaction:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def lost_race(error: DBAPIError) -> bool:
    """Whether a database error means "another writer got there first": a unique constraint hit by
    a concurrent insert, SQLite's lock still held at the end of the busy timeout, or PostgreSQL's
    serialization failure or deadlock. Anything else (a broken connection, a full disk) is not."""
    sqlstate = getattr(error.orig, "sqlstate", None)
    message = str(error.orig).lower()
    if isinstance(error, IntegrityError):
        return sqlstate == "23505" or message.startswith("unique constraint failed")
    if isinstance(error, OperationalError):
        return sqlstate in _LOST_RACE_SQLSTATES or "database is locked" in message or "database is busy" in message
    return False
