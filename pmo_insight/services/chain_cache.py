"""The chain cached by (database, workshop, revision), shared by every browser session of a process.

A chain is immutable plain data (:class:`pmo_insight.domain.chain.WorkshopChain`), so one copy serves
every session. The key holds the workshop's revision, which every write raises in its own
transaction (:mod:`pmo_insight.persistence.revision`): a cached chain is never served after its workshop
changed, whichever process changed it. A rerun with nothing changed therefore costs one
primary-key look-up of the revision.

The revision is read *before* the chain is loaded: if a write lands in between, the chain is
newer than its key, which is harmless (the next look-up sees the new revision and reloads);
the reverse, old rows under a new revision, cannot happen.

Memory is bounded: one entry per workshop (a newer revision replaces the older one) and at most
:data:`MAX_WORKSHOPS` workshops, least recently used first out.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import select
from sqlmodel import Session

from pmo_insight.domain.chain import WorkshopChain
from pmo_insight.errors import NotFound
from pmo_insight.persistence.chain_loader import load_chain, load_survey_responses
from pmo_insight.persistence.revision import revision_of, touched

MAX_WORKSHOPS = 16
T = TypeVar("T")


class RevisionCache:
    """A bounded map from (database, workshop) to one value computed at one revision."""

    def __init__(self, max_workshops: int = MAX_WORKSHOPS) -> None:
        self.max_workshops = max_workshops
        self._entries: OrderedDict[tuple[str, int], tuple[Any, Any]] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: tuple[str, int], version: Any, compute: Callable[[], T]) -> T:
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None and entry[0] == version:
                self._entries.move_to_end(key)
                self.hits += 1
                return entry[1]
        value = compute()  # outside the lock: other workshops stay served meanwhile
        with self._lock:
            self.misses += 1
            self._entries[key] = (version, value)
            self._entries.move_to_end(key)
            while len(self._entries) > self.max_workshops:
                self._entries.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self.hits = self.misses = 0


CHAINS = RevisionCache()


def _database(session: Session) -> str:
    return session.get_bind().url.render_as_string(hide_password=True)


def current_revision(session: Session, workshop_id: int) -> int:
    revision = revision_of(session, workshop_id=workshop_id)
    if revision is None:
        raise NotFound("workshop", workshop_id)
    return revision


#: Chains with their survey answers, for the few screens that read them (evidence, history, export).
FULL_CHAINS = RevisionCache(max_workshops=4)


def cached_chain(session: Session, *, workshop_id: int, responses: bool = False) -> WorkshopChain:
    """The workshop's chain at its current revision: one look-up when nothing changed.

    Without ``responses`` the survey answers are left out (``survey_responses`` is None), which is
    what every screen but the evidence screen, the history's diff and the export needs; with it,
    the cached light chain plus one statement for the answers, cached alike.

    A transaction that has itself written to the workshop sees its own uncommitted rows, which
    belong to no revision yet: it gets a fresh load, and nothing is cached from it.
    """
    if workshop_id in touched(session) or session.new or session.dirty or session.deleted:
        return load_chain(session, workshop_id=workshop_id, responses=responses)
    revision = current_revision(session, workshop_id)
    key = (_database(session), workshop_id)
    light = CHAINS.get(key, revision, lambda: load_chain(session, workshop_id=workshop_id, responses=False))
    if not responses:
        return light
    return FULL_CHAINS.get(
        key, revision, lambda: light.with_responses(load_survey_responses(session, workshop_id=workshop_id))
    )


CATALOGUES = RevisionCache(max_workshops=8)


def cached_workshop_list(session: Session) -> list[Any]:
    """Every workshop with its chain progress (Home), recomputed only when any workshop changed.

    The key is every workshop's (id, revision), read in one statement: creating, deleting or
    writing to any workshop changes it.
    """
    from pmo_insight.domain.chain import record_of
    from pmo_insight.models import Workshop
    from pmo_insight.services.workshops import WorkshopSummary, list_workshops

    table = Workshop.__table__  # type: ignore[attr-defined]
    state = tuple(session.connection().execute(select(table.c.id, table.c.revision).order_by(table.c.id)))

    def compute() -> list[Any]:
        return [WorkshopSummary(record_of(Workshop, s.workshop), s.progress) for s in list_workshops(session)]

    return list(CATALOGUES.get((_database(session), 0), state, compute))


SNAPSHOT_LISTS = RevisionCache(max_workshops=MAX_WORKSHOPS)


def cached_snapshots(session: Session, *, workshop_id: int) -> list[Any]:
    """The workshop's snapshot list; taking one raises the revision, so the revision keys it."""
    from pmo_insight.iterate.snapshots import list_snapshots

    revision = current_revision(session, workshop_id)
    return list(
        SNAPSHOT_LISTS.get(
            (_database(session), workshop_id), revision, lambda: list_snapshots(session, workshop_id=workshop_id)
        )
    )
