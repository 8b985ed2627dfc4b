"""Chain health as a service: one workshop's checks from the cached chain (one look-up when nothing changed)."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session

from pmo_insight.domain.health import CheckResult, chain_health
from pmo_insight.services.chain_cache import cached_chain


def workshop_health(session: Session, *, workshop_id: int, today: date | None = None) -> list[CheckResult]:
    """One workshop's chain checked: the cached chain, so one look-up when nothing changed."""
    return chain_health(cached_chain(session, workshop_id=workshop_id), today=today)
