"""Shared fixtures: a fresh, fully migrated SQLite database per test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from pmo_insight.db import make_engine, migrate


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
