"""Shared fixtures: a fresh, fully migrated SQLite database per test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from pmo_insight.db import make_engine, migrate
from tests.apptest import AppDatabase


@pytest.fixture
def engine(tmp_path) -> Iterator[Engine]:
    """A file-backed SQLite database migrated to head, as the app runs it (WAL, foreign keys on)."""
    eng = make_engine(f"sqlite:///{tmp_path / 'test.db'}")
    migrate(eng)
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
def app_db(tmp_path, monkeypatch) -> Iterator[AppDatabase]:
    """A fresh database for an AppTest run of the app, which reads its URL from the environment."""
    from pmo_insight import web

    url = f"sqlite:///{tmp_path / 'app.db'}"
    monkeypatch.setenv("PMO_INSIGHT_DATABASE_URL", url)
    web.engine.clear()
    db = AppDatabase(url)
    yield db
    db.engine.dispose()
    web.engine.clear()
