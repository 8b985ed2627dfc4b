"""Who may do what: the roles of a browser session and the one guard every service call passes.

- **facilitator**: runs the workshop; may call every service.
- **reviewer**: a business lead who arrived through a review link; may read the one workshop the
  link opens, through the link's token, and call only the write services a feature explicitly
  allows for reviewers (comments, decisions).
- **portfolio**: the PMO head or an executive who arrived through a portfolio link; may read the
  portfolio (every workshop's roll-up, or one department's) through the link's token, and write
  nothing but the link's own view count.
- **participant**: someone in the room who joined a live session; may read the session's board
  through its join code and call only the write services allowed for participants (their notes
  and votes).
- **signed out**: nobody identified it (no loopback browser, no facilitator link, no sign-in, no
  review token, no join code); it sees the sign-in screen and may call no service at all, and
  nothing can open one to it. A session whose role was never set is this one.

The guard works from the service registry. A facilitator may call everything. A reviewer or a
participant may call only what :func:`allow` (writes) and :func:`allow_reads` (reads) named for
that role: every one of those services takes the link's token or the join code and checks it
itself, so a limited session can neither write nor read any workshop by its id, whatever widget
(or forged widget event) asks. A new service is closed to both until someone decides otherwise,
and hiding a button is never what protects anything. The web layer calls :func:`guard` before it
opens a transaction.
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
    SIGNED_OUT = "signed_out"
    PORTFOLIO = "portfolio"


class Forbidden(DomainError):
    """The session's role may not call this service."""

    key = "error.forbidden"

    def __init__(self, role: Role, service: str) -> None:
        super().__init__(self.key, role=role.value, service=service)


_ALLOWED: dict[Role, set[str]] = {Role.REVIEWER: set(), Role.PARTICIPANT: set(), Role.PORTFOLIO: set()}
_READS: dict[Role, set[str]] = {Role.REVIEWER: set(), Role.PARTICIPANT: set(), Role.PORTFOLIO: set()}


def _openable(role: Role) -> None:
    if role is Role.FACILITATOR:
        raise ValueError("a facilitator may already call every service")
    if role is Role.SIGNED_OUT:
        raise ValueError("a signed-out session may call no service")


def allow(role: Role, *services: Callable[..., Any]) -> None:
    """Open these write services to ``role`` (called by the feature module that defines them)."""
    _openable(role)
    _ALLOWED[role].update(qualified_name(s) for s in services)


def allow_reads(role: Role, *services: Callable[..., Any]) -> None:
    """Open these read-only services to ``role``; each must check the role's token or code itself."""
    _openable(role)
    for service in services:
        if not is_read_only(service):
            raise ValueError(f"{qualified_name(service)} writes: open it with allow()")
        _READS[role].add(qualified_name(service))


def allowed_writes(role: Role) -> frozenset[str]:
    return frozenset(_ALLOWED.get(role, ()))


def allowed_reads(role: Role) -> frozenset[str]:
    return frozenset(_READS.get(role, ()))


def may_call(role: Role, service: Callable[..., Any]) -> bool:
    if role is Role.FACILITATOR:
        return True
    if role not in _ALLOWED:  # signed out, or anything that is not a known limited role
        return False
    name = qualified_name(service)
    return name in _ALLOWED[role] or name in _READS[role]


def guard(role: Role, service: Callable[..., Any]) -> None:
    """Raise :class:`Forbidden` unless ``role`` may call ``service``."""
    if not may_call(role, service):
        raise Forbidden(role, qualified_name(service))
