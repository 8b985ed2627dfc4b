"""Shared fixtures: a fresh, fully migrated database per test, on SQLite or PostgreSQL.

``PMO_INSIGHT_TEST_DATABASE`` chooses the engine for the whole run (see tests/databases.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from pmo_insight.persistence.db import make_engine
from tests.apptest import AppDatabase
from tests.databases import SETTING, chosen_backend, open_databases

#: ``running_apps``: N real app servers on one fresh database (tests/servers.py).
pytest_plugins = ["tests.servers"]


@pytest.fixture(scope="session")
def databases(tmp_path_factory):
    """The run's database engine (SQLite or PostgreSQL) with its migrated template."""
    dbs = open_databases(tmp_path_factory.mktemp("databases"))
    yield dbs
    dbs.close()


def pytest_report_header(config) -> str:
    return f"database: {chosen_backend()} (set by {SETTING})"


def pytest_collection_modifyitems(config, items) -> None:
    """On PostgreSQL, only the tests that use a database: the others (pure functions, page files,
    messages) would only repeat the SQLite run's result. A test reaches a database only through the
    ``databases`` fixture (directly or through ``new_database``, ``engine``, ``session``, ``app_db``...)."""
    if chosen_backend() != "postgresql":
        return
    kept, left = [], []
    for item in items:
        (kept if "databases" in getattr(item, "fixturenames", ()) else left).append(item)
    if left:
        config.hook.pytest_deselected(items=left)
        items[:] = kept


@pytest.fixture
def new_database(databases) -> Iterator[Callable[..., str]]:
    """Call it for the URL of a fresh database, migrated to head (``migrated=False``: empty); dropped after."""
    created: list[str] = []

    def make(*, migrated: bool = True) -> str:
        created.append(databases.create(migrated=migrated))
        return created[-1]

    yield make
    for url in created:
        databases.drop(url)


@pytest.fixture
def engine(new_database) -> Iterator[Engine]:
    """A database migrated to head, as the app runs it (on SQLite: WAL, foreign keys on)."""
    eng = make_engine(new_database())
    yield eng
    eng.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    with Session(engine, expire_on_commit=False) as s:
        yield s
        s.rollback()


@pytest.fixture(autouse=True)
def _apptest_runs_the_entry_script_like_the_server(monkeypatch):
    """Make AppTest rerun ``app.py`` on every run, as the real server does.

    The server clears ``PagesManager.uses_pages_directory`` once ``st.navigation`` is called, so
    every rerun goes through ``app.py`` (sidebar included). AppTest resets that class flag before
    each run, and because the client's layout has a ``pages/`` folder, it then runs the page file
    alone from the second run on, as in the old folder-based multipage mode.
    """
    from streamlit.runtime.pages_manager import PagesManager

    original_init = PagesManager.__init__

    def init_without_pages_folder_mode(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init_without_pages_folder_mode)


@pytest.fixture
def app_db(new_database, monkeypatch) -> Iterator[AppDatabase]:
    """A fresh database for an AppTest run of the app, which reads its URL from the environment."""
    from pmo_insight import web

    url = new_database()
    monkeypatch.setenv("PMO_INSIGHT_DATABASE_URL", url)
    web.engine.clear()
    db = AppDatabase(url)
    yield db
    db.engine.dispose()
    web.engine.clear()


#: What AppTest's stand-in browser is: the one on the server's own machine, as on the README's start.
LOOPBACK_PEER = ("127.0.0.1", ())


@pytest.fixture(autouse=True)
def _apptest_browser_is_on_the_servers_machine(monkeypatch):
    """Under AppTest no browser is connected, so Streamlit records no peer for the session, and a
    session without a peer is never local (it would see only the sign-in screen). A real server
    always records the TCP peer; here the tests stand in for the README's default, the browser on
    the machine that runs the server: a direct loopback peer with no proxy header. The app's own
    check (pmo_insight.access.peer) still decides; nothing in the app can be switched to trust a
    session. Use ``peer_of_apptest`` to be another device."""
    from pmo_insight.ui.shell import gate

    monkeypatch.setattr(gate, "client_peer", lambda: gate.Peer(*LOOPBACK_PEER))


@pytest.fixture
def peer_of_apptest(monkeypatch) -> Callable[..., None]:
    """Call it with an address (and headers) for the AppTest session's peer from then on."""
    from pmo_insight.ui.shell import gate

    def become(address: str | None, headers: tuple[tuple[str, str], ...] = ()) -> None:
        monkeypatch.setattr(gate, "client_peer", lambda: gate.Peer(address, headers))

    return become
