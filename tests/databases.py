"""Which database the tests run on, and a fresh one per test cloned from a migrated template.

One setting chooses the engine for the whole run: the environment variable
``PMO_INSIGHT_TEST_DATABASE``.

* unset or ``sqlite``: a SQLite file per test (the default);
* ``postgresql``: a PostgreSQL server found by libpq's own variables (``PGHOST``, ``PGPORT``,
  ``PGUSER``, ...);
* a URL such as ``postgresql+psycopg://postgres@127.0.0.1:5433/postgres``: that server.

On PostgreSQL the account must be allowed to create databases. The run migrates one template
database once, and every test gets its own copy (``CREATE DATABASE ... TEMPLATE ...``), dropped
after the test; SQLite likewise copies a migrated template file. Test databases use the C
collation, which orders text by code point as SQLite does (see the README's configuration).
"""

from __future__ import annotations

import itertools
import os
import shutil
from pathlib import Path

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from pmo_insight.persistence.db import make_engine, migrate

SETTING = "PMO_INSIGHT_TEST_DATABASE"


def chosen_backend() -> str:
    """``sqlite`` or ``postgresql``, from the setting."""
    value = os.environ.get(SETTING, "").strip() or "sqlite"
    if value == "sqlite":
        return "sqlite"
    if value.startswith("postgresql"):
        return "postgresql"
    raise ValueError(f"{SETTING} must be 'sqlite', 'postgresql' or a postgresql URL, not {value!r}")


def server_url() -> str:
    """The PostgreSQL server's maintenance database, as a SQLAlchemy URL with the psycopg driver."""
    value = os.environ.get(SETTING, "").strip()
    if value == "postgresql":
        return "postgresql+psycopg:///postgres"
    url = make_url(value)
    if url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    return url.render_as_string(hide_password=False)


class SqliteDatabases:
    """Fresh SQLite files, each a copy of one file migrated at the start of the run."""

    kind = "sqlite"

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._numbers = itertools.count(1)
        self.template = folder / "template.db"
        engine = make_engine(f"sqlite:///{self.template}")
        migrate(engine)
        engine.dispose()  # the last connection checkpoints the WAL into the file

    def create(self, *, migrated: bool = True) -> str:
        path = self.folder / f"db{next(self._numbers)}.db"
        if migrated:
            shutil.copyfile(self.template, path)
        return f"sqlite:///{path}"

    def drop(self, url: str) -> None:
        path = Path(make_url(url).database or "")
        for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            leftover.unlink(missing_ok=True)

    def close(self) -> None:
        self.template.unlink(missing_ok=True)


class PostgresDatabases:
    """Fresh PostgreSQL databases, each ``CREATE DATABASE ... TEMPLATE`` of one migrated at the start."""

    kind = "postgresql"

    def __init__(self, url: str) -> None:
        self.server = make_url(url)
        self.admin: Engine = create_engine(url, isolation_level="AUTOCOMMIT", pool_size=1)
        prefix = f"pmo_test_{os.getpid()}"
        self._names = (f"{prefix}_{n}" for n in itertools.count(1))
        self.template = f"{prefix}_template"
        with self.admin.connect() as conn:
            version = conn.execute(text("SHOW server_version_num")).scalar_one()
        # From 15 on, copying the files of a small database is about twice as fast as the default.
        self._strategy = " STRATEGY FILE_COPY" if int(version) >= 150000 else ""
        self._create(self.template, "template0")
        engine = make_engine(self._url(self.template))
        migrate(engine)
        engine.dispose()  # a template must have no connections while it is copied

    def _url(self, name: str) -> str:
        return self.server.set(database=name).render_as_string(hide_password=False)

    def _create(self, name: str, template: str) -> None:
        # template0 lets a database choose its own encoding and collation; copies inherit them.
        options = " ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'" if template == "template0" else self._strategy
        with self.admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"{options}'))

    def create(self, *, migrated: bool = True) -> str:
        name = next(self._names)
        self._create(name, self.template if migrated else "template0")
        return self._url(name)

    def drop(self, url: str) -> None:
        name = make_url(url).database
        with self.admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    def close(self) -> None:
        self.drop(self._url(self.template))
        self.admin.dispose()


def open_databases(folder: Path) -> SqliteDatabases | PostgresDatabases:
    if chosen_backend() == "postgresql":
        return PostgresDatabases(server_url())
    return SqliteDatabases(folder)
