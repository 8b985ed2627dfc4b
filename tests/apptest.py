"""Helpers for AppTest runs of the app: its database, and opening a screen in a language."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, event
from sqlmodel import Session
from streamlit.testing.v1 import AppTest

from pmo_insight.persistence.db import make_engine, migrate


class AppDatabase:
    """The database a test's app runs on, and a way to act on it as another user would."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        migrate(self.engine)

    def run(self, fn, /, **kwargs):
        """Call ``fn(session, **kwargs)`` in its own committed transaction, outside the app."""
        with Session(self.engine, expire_on_commit=False) as s:
            result = fn(s, **kwargs)
            s.commit()
        return result


def open_page(page: str | None = None, *, lang: str = "en", timeout: float = 60):
    """The app under AppTest, on ``page`` (e.g. "pages/canvas.py"), in ``lang``, with no exception shown."""
    at = AppTest.from_file("../app.py", default_timeout=timeout)
    at.session_state["lang"] = lang
    at.run()
    if page is not None:
        at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def open_tab(at: AppTest, key: str, icon: str) -> AppTest:
    """Click the keyed tab whose label starts with ``icon`` (``keep_tab`` finds it by that), and rerun."""
    at.session_state[key] = icon
    at.run()
    assert not at.exception, at.exception
    return at


@contextmanager
def counting_statements(engine: Engine) -> Iterator[list[str]]:
    """Every SQL statement the engine sends while the block runs."""
    statements: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


def statements_in_one_rerun(at: AppTest) -> int:
    """How many SQL statements one rerun of the app's current screen costs."""
    from pmo_insight import web

    with counting_statements(web.engine()) as statements:
        at.run()
    assert not at.exception, at.exception
    return len(statements)


def picker(at: AppTest, prefix: str):
    """The one select box whose key is ``prefix`` plus a tag (group pickers are keyed by their titles)."""
    (found,) = [box for box in at.selectbox if (box.key or "").startswith(prefix + "_")]
    return found
