"""The role guard: reviewers and participants reach no write service unless it was opened to them."""

from __future__ import annotations

import pytest

from pmo_insight.roles import Forbidden, Role, allowed_writes, guard, may_call
from pmo_insight.services.registry import READ_ONLY, all_services, write_services

LIMITED = [Role.REVIEWER, Role.PARTICIPANT]


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


@pytest.mark.parametrize("role", list(Role))
def test_every_role_may_read(role):
    for name in READ_ONLY:
        guard(role, all_services()[name])


def test_the_facilitator_may_call_every_service():
    for service in all_services().values():
        guard(Role.FACILITATOR, service)
