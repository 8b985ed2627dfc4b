"""Where a KPI stands: baseline → latest actual → target, as a share of the way (pure, from the chain).

The progress is the share of the way from baseline to target the latest actual has come, the same
whether the target is above the baseline (more sign-ups) or below it (fewer days). Recording
actuals is the service side's (:mod:`pmo_insight.iterate.kpi_actuals`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pmo_insight.domain.chain import WorkshopChain
from pmo_insight.models import Kpi, KpiActual


@dataclass(frozen=True)
class KpiProgress:
    """Where a KPI stands: the latest actual and the share of the way from baseline to target (0..1)."""

    kpi: Kpi
    actuals: tuple[KpiActual, ...]

    @property
    def latest(self) -> KpiActual | None:
        return self.actuals[-1] if self.actuals else None

    @property
    def progress(self) -> float | None:
        """``(actual − baseline) / (target − baseline)`` with the latest actual, unclipped: below 0 when it
        got worse, above 1 past the target (the portfolio's figure). None without a baseline, a target
        different from it, or an actual."""
        kpi, latest = self.kpi, self.latest
        if latest is None or kpi.baseline is None or kpi.target is None or kpi.target == kpi.baseline:
            return None
        return (latest.value - kpi.baseline) / (kpi.target - kpi.baseline)

    @property
    def share(self) -> float | None:
        """The progress clipped to 0..1 (the canvas's bar); None as for :attr:`progress`."""
        progress = self.progress
        return None if progress is None else min(1.0, max(0.0, progress))

    @property
    def reached(self) -> bool:
        return self.share is not None and self.share >= 1.0

    def overdue(self, today: date) -> bool:
        """Past its due date with no measurement at all: the "one-off use" warning."""
        return self.kpi.due_on is not None and self.kpi.due_on < today and not self.actuals


def kpi_progress(chain: WorkshopChain, kpi: Kpi) -> KpiProgress:
    return KpiProgress(kpi, tuple(sorted(chain.actuals_of(kpi.id), key=lambda a: (a.measured_on, a.id or 0))))


def kpis_past_due_without_actual(chain: WorkshopChain, today: date) -> list[Kpi]:
    """Every KPI whose due date has passed and that nobody measured (pure, no query)."""
    measured = {a.kpi_id for a in chain.kpi_actuals}
    return [k for k in chain.kpis if k.due_on is not None and k.due_on < today and k.id not in measured]
