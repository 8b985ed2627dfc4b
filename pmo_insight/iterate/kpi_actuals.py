"""KPI actuals: values measured against a KPI over time (baseline → actuals → target).

A KPI without measurements is a promise; with them, a business lead sees whether it moved. The
progress is the share of the way from baseline to target the latest actual has come, the same
whether the target is above the baseline (more sign-ups) or below it (fewer days).
"""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, select

from pmo_insight.models import Kpi, KpiActual, KpiActualCreate
from pmo_insight.services._rows import get_or_raise, insert, versioned_delete


def add_kpi_actual(session: Session, *, kpi_id: int, **fields: Any) -> KpiActual:
    """Record a measured value (``value``, ``measured_on``, ``source``) against a KPI."""
    get_or_raise(session, Kpi, kpi_id)
    return insert(session, KpiActual, KpiActualCreate, fields, kpi_id=kpi_id)


def delete_kpi_actual(session: Session, *, actual_id: int, expected_version: int | None = None) -> None:
    versioned_delete(session, KpiActual, actual_id, expected_version=expected_version)


def list_kpi_actuals(session: Session, *, kpi_id: int) -> list[KpiActual]:
    """A KPI's actuals, oldest first."""
    query = select(KpiActual).where(KpiActual.kpi_id == kpi_id).order_by(KpiActual.measured_on, KpiActual.id)
    return list(session.exec(query).all())
