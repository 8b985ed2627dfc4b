"""Portfolio links: the review links' token rules (hashed 256-bit tokens, expiry, revoke, view log), scope, role."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlmodel import Session, select

from pmo_insight.errors import ValidationFailed
from pmo_insight.persistence.db import session_scope
from pmo_insight.portfolio import links
from pmo_insight.portfolio.models import PortfolioLink
from pmo_insight.portfolio.services import clear_cache, portfolio_view
from pmo_insight.roles import Forbidden, Role, guard
from pmo_insight.services.chain_cache import cached_chain
from pmo_insight.services.review_links import LinkState, hash_token
from pmo_insight.services.workshops import update_workshop
from tests.portfolio_builders import portfolio_workshop


@pytest.fixture
def two(engine):
    clear_cache()
    with Session(engine) as s:
        sales = portfolio_workshop(s, title="Sales", department="Sales", pains=[("Quotes are slow", 3)])
        rnd = portfolio_workshop(s, title="R&D", department="R&D", pains=[("Builds are slow", 3)])
        ids = sales.id, rnd.id
    yield ids
    clear_cache()


def _link(engine, **kw):
    with session_scope(engine) as s:
        return links.create_portfolio_link(s, label=kw.pop("label", "Executive committee"), **kw)


def test_only_the_sha256_of_a_256_bit_token_is_stored_and_the_token_finds_its_link(engine, two):
    new = _link(engine)

    assert len(new.token) >= 43 and new.path == f"/?portfolio={new.token}"
    with session_scope(engine) as s:
        stored = s.exec(select(PortfolioLink)).one()
        assert stored.token_sha256 == hash_token(new.token) != new.token
        assert new.token not in repr(stored.model_dump())
        access = links.check_portfolio_link(s, token=new.token)
    assert (access.label, access.department) == ("Executive committee", "")
    assert _link(engine).token != new.token


@pytest.mark.parametrize("token", ["", "nope", "x" * 500, None])
def test_an_unknown_token_is_refused(engine, two, token):
    _link(engine)
    with session_scope(engine) as s, pytest.raises(links.InvalidPortfolioLink):
        links.portfolio_by_link(s, token=token)


def test_expiry_is_one_to_ninety_days_fourteen_by_default_and_the_label_required(engine, two):
    new = _link(engine)
    assert new.link.expires_at - new.link.created_at == timedelta(days=14)
    for bad in ({"days": 0}, {"days": 91}, {"label": "   "}, {"department": "x" * 121}):
        with session_scope(engine) as s, pytest.raises(ValidationFailed):
            links.create_portfolio_link(s, **{"label": "x", **bad})


def test_an_expired_link_is_refused_and_listed_as_expired(engine, two, monkeypatch):
    new = _link(engine, days=1)
    later = links.now() + timedelta(days=1, seconds=1)
    monkeypatch.setattr(links, "now", lambda: later)

    with session_scope(engine) as s:
        with pytest.raises(links.InvalidPortfolioLink):
            links.portfolio_by_link(s, token=new.token)
        assert links.link_state(links.list_portfolio_links(s)[0]) is LinkState.EXPIRED


def test_a_revoked_link_is_refused_at_the_next_call_for_reads_and_the_view_log(engine, two):
    new = _link(engine)
    with session_scope(engine) as s:
        assert len(links.portfolio_by_link(s, token=new.token).workshops) == 2
        links.revoke_portfolio_link(s, link_id=new.link.id)
    with session_scope(engine) as s:
        for call in (
            lambda: links.portfolio_by_link(s, token=new.token),
            lambda: links.record_portfolio_open(s, token=new.token),
            lambda: links.check_portfolio_link(s, token=new.token),
        ):
            with pytest.raises(links.InvalidPortfolioLink):
                call()
        assert links.link_state(links.list_portfolio_links(s)[0]) is LinkState.REVOKED


def test_opening_counts_and_remembers_when(engine, two):
    new = _link(engine)
    with session_scope(engine) as s:
        links.record_portfolio_open(s, token=new.token)
        links.record_portfolio_open(s, token=new.token)
    with session_scope(engine) as s:
        link = links.list_portfolio_links(s)[0]
    assert link.open_count == 2 and link.last_opened_at is not None


def test_a_departments_link_shows_that_department_only_whatever_is_asked(engine, two):
    sales, _rnd = two
    new = _link(engine, department="Sales")
    with session_scope(engine) as s:
        asked_other = links.portfolio_by_link(s, token=new.token, department="R&D", today=date(2026, 7, 1))
        whole = portfolio_view(s, today=date(2026, 7, 1))

    assert [ws.id for ws in asked_other.workshops] == [sales]
    assert [g.text for g in asked_other.pains] == ["Quotes are slow"]
    assert asked_other.all_departments == ("Sales",)
    assert whole.all_departments == ("R&D", "Sales")


def test_links_belong_to_no_workshop_and_raise_no_revision(engine, two):
    sales, _ = two
    with session_scope(engine) as s:
        before = cached_chain(s, workshop_id=sales).revision
    new = _link(engine)
    with session_scope(engine) as s:
        links.record_portfolio_open(s, token=new.token)
        links.revoke_portfolio_link(s, link_id=new.link.id)
    with session_scope(engine) as s:
        assert cached_chain(s, workshop_id=sales).revision == before


def test_the_portfolio_role_may_read_only_through_the_token_and_write_only_its_view_count():
    guard(Role.PORTFOLIO, links.portfolio_by_link)
    guard(Role.PORTFOLIO, links.record_portfolio_open)
    for service in (
        portfolio_view,
        cached_chain,
        links.create_portfolio_link,
        links.list_portfolio_links,
        links.revoke_portfolio_link,
        update_workshop,
    ):
        with pytest.raises(Forbidden):
            guard(Role.PORTFOLIO, service)
