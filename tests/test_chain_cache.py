"""The chain cache: shared, immutable, keyed by the workshop revision, and never stale."""

from __future__ import annotations

import dataclasses

import pytest
from sqlmodel import Session

from pmo_insight.persistence.db import session_scope
from pmo_insight.services import empathy, workshops
from pmo_insight.services.chain_cache import CHAINS, RevisionCache, cached_chain, cached_workshop_list
from tests.apptest import counting_statements
from tests.factories import build_workshop


@pytest.fixture
def workshop_id(engine):
    CHAINS.clear()
    with session_scope(engine) as s:
        return build_workshop(s, personas_count=2).id


def _chain(engine, workshop_id):
    with Session(engine) as s:
        return cached_chain(s, workshop_id=workshop_id)


def test_an_unchanged_workshop_costs_one_statement_and_returns_the_same_chain(engine, workshop_id):
    first = _chain(engine, workshop_id)

    with counting_statements(engine) as statements:
        second = _chain(engine, workshop_id)

    assert second is first
    assert len(statements) == 1


def test_a_write_from_another_session_is_seen_at_once(engine, workshop_id):
    before = _chain(engine, workshop_id)
    with session_scope(engine) as s:
        empathy.add_note(s, map_id=before.maps[0].id, quadrant="says", text="Fresh from the room")

    after = _chain(engine, workshop_id)

    assert after is not before
    assert "Fresh from the room" in {n.text for n in after.notes}
    assert after.revision > before.revision


def test_a_transaction_sees_its_own_uncommitted_writes_and_caches_nothing_from_them(engine, workshop_id):
    cached = _chain(engine, workshop_id)
    with Session(engine) as s:
        empathy.add_note(s, map_id=cached.maps[0].id, quadrant="says", text="Not committed")
        own = cached_chain(s, workshop_id=workshop_id)
        s.rollback()

    assert "Not committed" in {n.text for n in own.notes}
    assert _chain(engine, workshop_id) is cached


def test_the_chain_cannot_be_changed_by_a_page(engine, workshop_id):
    chain = _chain(engine, workshop_id)

    with pytest.raises(dataclasses.FrozenInstanceError):
        chain.personas[0].name = "Changed"
    with pytest.raises(dataclasses.FrozenInstanceError):
        chain.personas = ()
    with pytest.raises(AttributeError):
        chain.notes.append(chain.notes[0])
    assert isinstance(chain.personas[0].goals, tuple)


def test_timestamps_read_as_aware_datetimes(engine, workshop_id):
    chain = _chain(engine, workshop_id)

    assert chain.personas[0].created_at.tzinfo is not None
    assert chain.workshop.updated_at >= chain.workshop.created_at


def test_the_cache_holds_one_revision_per_workshop_and_a_bounded_number_of_workshops():
    cache = RevisionCache(max_workshops=2)
    for workshop in (1, 2, 3):
        for revision in (1, 2):
            cache.get(("db", workshop), revision, lambda r=revision: r)

    assert len(cache._entries) == 2
    assert cache.get(("db", 3), 2, lambda: "recomputed") == 2
    assert cache.get(("db", 1), 2, lambda: "recomputed") == "recomputed"


def test_the_workshop_list_follows_any_workshop_change(engine, workshop_id):
    with Session(engine) as s:
        first = cached_workshop_list(s)
    with session_scope(engine) as s:
        workshops.rename_workshop(s, workshop_id=workshop_id, title="Renamed", expected_version=1)
    with Session(engine) as s:
        second = cached_workshop_list(s)
    with Session(engine) as s, counting_statements(engine) as statements:
        third = cached_workshop_list(s)

    assert [w.workshop.title for w in first] == ["Synthetic workshop"]
    assert [w.workshop.title for w in second] == ["Renamed"]
    assert third == second
    assert len(statements) == 1
