"""The role guard: reviewers and participants reach no write service unless it was opened to them."""

from __future__ import annotations

import inspect

import pytest

from pmo_insight.roles import Forbidden, Role, allowed_reads, allowed_writes, guard, may_call
from pmo_insight.services.chain_cache import cached_chain
from pmo_insight.services.registry import READ_ONLY, all_services, write_services
from pmo_insight.services.workshops import list_workshop_titles

LIMITED = [Role.REVIEWER, Role.PARTICIPANT, Role.PORTFOLIO]


@pytest.mark.parametrize("role", LIMITED)
def test_a_limited_role_is_refused_every_write_service_not_opened_to_it(role):
    refused = {name for name, service in write_services().items() if not may_call(role, service)}

    assert refused == set(write_services()) - allowed_writes(role)
    for name in refused:
        with pytest.raises(Forbidden):
            guard(role, write_services()[name])


@pytest.mark.parametrize("role", LIMITED)
def test_what_a_limited_role_may_write_is_a_short_explicit_list(role):
    assert allowed_writes(role) <= set(write_services())
    assert len(allowed_writes(role)) <= 6


@pytest.mark.parametrize("role", LIMITED)
def test_a_limited_role_reads_only_through_its_token_or_code_never_a_workshop_by_its_id(role):
    services = all_services()
    opened = allowed_reads(role)
    assert opened and opened <= READ_ONLY
    for name in opened:
        guard(role, services[name])
        assert {"token", "code"} & set(inspect.signature(services[name]).parameters), name
    for name in READ_ONLY - opened:
        with pytest.raises(Forbidden):
            guard(role, services[name])


def test_the_chain_of_any_workshop_is_out_of_a_limited_roles_reach():
    """What a forged widget event asking the web layer for a workshop by id gets."""
    with pytest.raises(Forbidden):
        guard(Role.REVIEWER, cached_chain)
    with pytest.raises(Forbidden):
        guard(Role.PARTICIPANT, list_workshop_titles)


def test_the_facilitator_may_call_every_service():
    for service in all_services().values():
        guard(Role.FACILITATOR, service)
