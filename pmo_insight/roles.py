"""Who may do what: the three roles of a browser session and the one guard every service call passes.

- **facilitator**: runs the workshop; may call every service.
- **reviewer**: a business lead who arrived through a review link; may read, and call only the
  write services a feature explicitly allows for reviewers (comments, decisions).
- **participant**: someone in the room who joined a live session; may call only the write
  services allowed for participants (their notes and votes).

The guard works from the service registry: read-only services are open to every role, every
other service is refused unless :func:`allow` named it for that role. So a new write service is
closed to reviewers and participants until someone decides otherwise, and hiding a button is
never what protects a write. The web layer calls :func:`guard` before it opens a transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Any

from pmo_insight.errors import DomainError
from pmo_insight.services.registry import is_read_only, qualified_name


class Role(StrEnum):
    FACILITATOR = "facilitator"
    REVIEWER = "reviewer"
    PARTICIPANT = "participant"


class Forbidden(DomainError):
    """The session's role may not call this service."""

    key = "error.forbidden"

    def __init__(self, role: Role, service: str) -> None:
        super().__init__(self.key, role=role.value, service=service)


_ALLOWED: dict[Role, set[str]] = {Role.REVIEWER: set(), Role.PARTICIPANT: set()}


def allow(role: Role, *services: Callable[..., Any]) -> None:
    """Open these write services to ``role`` (called by the feature module that defines them)."""
    if role is Role.FACILITATOR:
        raise ValueError("a facilitator may already call every service")
    _ALLOWED[role].update(qualified_name(s) for s in services)


def allowed_writes(role: Role) -> frozenset[str]:
    return frozenset() if role is Role.FACILITATOR else frozenset(_ALLOWED[role])


def may_call(role: Role, service: Callable[..., Any]) -> bool:
    return role is Role.FACILITATOR or is_read_only(service) or qualified_name(service) in _ALLOWED[role]


def guard(role: Role, service: Callable[..., Any]) -> None:
    """Raise :class:`Forbidden` unless ``role`` may call ``service``."""
    if not may_call(role, service):
        raise Forbidden(role, qualified_name(service))
