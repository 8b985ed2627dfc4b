"""The portfolio as services: every workshop's facts, kept per revision, rolled up on request.

Cost: one statement reads every workshop's (id, revision); a workshop whose revision moved is loaded
once (:func:`pmo_insight.persistence.chain_loader.load_chain`) and reduced to its small facts, which
are kept per (database, workshop, revision); the rolled-up portfolio is kept per (database, filters,
day) and that state. A rerun with nothing changed is that one statement. Whole chains are not kept
here: the workshop-chain cache holds a few recent workshops, the portfolio needs all of them.

Reads for the portfolio link's role take its token and check it
(:mod:`pmo_insight.portfolio.links`); the facilitator's take the filters only.
"""

from __future__ import annotations

import threading
from datetime import date

from sqlalchemy import select
from sqlmodel import Session

from pmo_insight.models import Workshop
from pmo_insight.persistence.chain_loader import load_chain
from pmo_insight.persistence.revision import touched
from pmo_insight.portfolio.facts import WorkshopFacts, workshop_facts
from pmo_insight.portfolio.rollup import Filters, Portfolio, build_portfolio

#: Far more workshops than a PMO holds; each entry is a few kilobytes.
MAX_WORKSHOPS = 5000
_lock = threading.Lock()
_FACTS: dict[tuple[str, int], tuple[tuple[int, date], WorkshopFacts]] = {}
_PORTFOLIOS: dict[tuple[str, Filters, date], tuple[tuple, Portfolio]] = {}


def _database(session: Session) -> str:
    return session.get_bind().url.render_as_string(hide_password=True)


def _state(session: Session) -> tuple[tuple[int, int], ...]:
    table = Workshop.__table__  # type: ignore[attr-defined]
    return tuple(
        (row[0], row[1])
        for row in session.connection().execute(select(table.c.id, table.c.revision).order_by(table.c.id))
    )


def _facts(session: Session, database: str, workshop_id: int, revision: int, today: date, fresh: bool) -> WorkshopFacts:
    """``fresh``: this transaction wrote to the workshop; its rows belong to no revision yet, so
    nothing is kept from them (as for the chain cache)."""
    key, version = (database, workshop_id), (revision, today)
    with _lock:
        entry = _FACTS.get(key)
    if not fresh and entry is not None and entry[0] == version:
        return entry[1]
    facts = workshop_facts(load_chain(session, workshop_id=workshop_id, responses=False), today)
    if fresh:
        return facts
    with _lock:
        _FACTS[key] = (version, facts)
        while len(_FACTS) > MAX_WORKSHOPS:
            _FACTS.pop(next(iter(_FACTS)))
    return facts


def _load_portfolio(session: Session, filters: Filters, today: date) -> Portfolio:
    """The shared body of the read services (the facilitator's and the portfolio link's)."""
    database = _database(session)
    written = touched(session) if not (session.new or session.dirty or session.deleted) else None
    state = _state(session)
    key = (database, filters, today)
    with _lock:
        entry = _PORTFOLIOS.get(key)
    if written == set() and entry is not None and entry[0] == state:
        return entry[1]
    facts = [
        _facts(session, database, wid, revision, today, fresh=written is None or wid in written)
        for wid, revision in state
    ]
    portfolio = build_portfolio(facts, filters, today)
    if written == set():
        with _lock:
            _PORTFOLIOS[key] = (state, portfolio)
            if len(_PORTFOLIOS) > 64:
                _PORTFOLIOS.pop(next(iter(_PORTFOLIOS)))
    return portfolio


def portfolio_view(
    session: Session,
    *,
    department: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    review_state: str | None = None,
    today: date | None = None,
) -> Portfolio:
    """Every workshop at once (facilitators), filtered; see :mod:`pmo_insight.portfolio.rollup`."""
    filters = Filters(department, date_from, date_to, review_state or None)
    return _load_portfolio(session, filters, today or date.today())


def clear_cache() -> None:
    with _lock:
        _FACTS.clear()
        _PORTFOLIOS.clear()
