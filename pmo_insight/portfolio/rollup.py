"""The portfolio from every workshop's facts (pure): filters, KPI roll-ups and the recurring pains.

**KPI roll-up** (per department and for the whole portfolio; the screen shows this method):

- *progress* = the mean of the measured KPIs' progress, each capped to 0..1 first, so one KPI far
  past its target cannot hide another that got worse; KPIs without an actual are left out and
  counted ("3 of 5 measured");
- *state* = the same red / amber / green rule as one KPI (:mod:`pmo_insight.portfolio.rag`), applied
  to that mean against the mean time elapsed; **unknown** when any KPI of the group is unknown
  (the OKR convention: mixed statuses roll up to unknown, not to a reassuring average).

**Recurring pains**: every canvas pain, alike ones together (:mod:`pmo_insight.portfolio.similarity`),
ranked by the number of workshops, then of departments, then the highest severity.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from statistics import fmean

from pmo_insight.portfolio.facts import KpiFact, PainFact, WorkshopFacts
from pmo_insight.portfolio.rag import Rag, rag
from pmo_insight.portfolio.similarity import group_similar


@dataclass(frozen=True)
class Filters:
    """Empty fields filter nothing. Dates bound the workshop's date (a workshop without one is left
    out when a bound is given); ``review_state`` keeps workshops with at least one canvas in it
    (``none`` also keeps workshops with no canvas)."""

    department: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    review_state: str | None = None

    def keeps(self, ws: WorkshopFacts) -> bool:
        if self.department is not None and ws.department != self.department:
            return False
        if self.date_from is not None and (ws.held_on is None or ws.held_on < self.date_from):
            return False
        if self.date_to is not None and (ws.held_on is None or ws.held_on > self.date_to):
            return False
        if self.review_state:
            states = ws.review_states or ["none"]
            if self.review_state not in states:
                return False
        return True


@dataclass(frozen=True)
class Rollup:
    label: str
    kpis: tuple[KpiFact, ...]
    progress: float | None
    expected: float | None
    state: Rag
    counts: dict[str, int] = field(default_factory=dict)
    #: The whole (filtered) portfolio rather than one department.
    whole: bool = False

    @property
    def measured(self) -> int:
        return sum(1 for k in self.kpis if k.progress is not None)


@dataclass(frozen=True)
class PainGroup:
    text: str
    pains: tuple[PainFact, ...]
    workshop_ids: tuple[int, ...]
    departments: tuple[str, ...]
    severity: int

    @property
    def notes(self) -> int:
        return sum(len(p.sources) for p in self.pains)


@dataclass(frozen=True)
class Portfolio:
    today: date
    filters: Filters
    workshops: tuple[WorkshopFacts, ...]
    #: Every department of the whole portfolio (for the filter), sorted; "" is "no department".
    all_departments: tuple[str, ...]
    departments: tuple[Rollup, ...]
    total: Rollup
    pains: tuple[PainGroup, ...]

    @property
    def kpis(self) -> list[KpiFact]:
        return [k for ws in self.workshops for k in ws.kpis]

    @property
    def overdue(self) -> list[WorkshopFacts]:
        return [ws for ws in self.workshops if ws.overdue]

    def workshop(self, workshop_id: int) -> WorkshopFacts | None:
        return next((ws for ws in self.workshops if ws.id == workshop_id), None)


def rollup(label: str, kpis: Sequence[KpiFact], *, whole: bool = False) -> Rollup:
    measured = [k for k in kpis if k.progress is not None]
    progress = fmean(min(1.0, max(0.0, k.progress)) for k in measured) if measured else None
    expectations = [k.expected for k in kpis if k.expected is not None]
    expected = fmean(expectations) if expectations else None
    counts = Counter(k.rag.value for k in kpis)
    if not kpis or counts[Rag.UNKNOWN.value]:
        state = Rag.UNKNOWN
    elif all(k.rag == Rag.GREEN for k in kpis):
        state = Rag.GREEN
    else:
        state = rag(progress, expected, past_due=False)
        if state == Rag.GREEN and counts[Rag.RED.value]:
            state = Rag.AMBER  # a red KPI never rolls up to all-clear
    return Rollup(label, tuple(kpis), progress, expected, state, dict(counts), whole)


def recurring_pains(workshops: Iterable[WorkshopFacts]) -> list[PainGroup]:
    by_id = {ws.id: ws for ws in workshops}
    pains = [p for ws in by_id.values() for p in ws.pains]
    order = sorted(range(len(pains)), key=lambda i: (-pains[i].rank, pains[i].workshop_id, pains[i].item_id))
    groups = []
    for members in group_similar([p.text for p in pains], order):
        found = tuple(pains[i] for i in members)
        ids = tuple(sorted({p.workshop_id for p in found}))
        departments = tuple(sorted({by_id[i].department for i in ids if by_id[i].department}))
        groups.append(PainGroup(found[0].text, found, ids, departments, max(p.rank for p in found)))
    groups.sort(key=lambda g: (-len(g.workshop_ids), -len(g.departments), -g.severity, g.text))
    return groups


def build_portfolio(facts: Iterable[WorkshopFacts], filters: Filters, today: date) -> Portfolio:
    every = sorted(facts, key=lambda ws: (ws.held_on or date.min, ws.id), reverse=True)
    kept = tuple(ws for ws in every if filters.keeps(ws))
    names = sorted({ws.department for ws in kept})
    departments = tuple(rollup(name, [k for ws in kept if ws.department == name for k in ws.kpis]) for name in names)
    return Portfolio(
        today=today,
        filters=filters,
        workshops=kept,
        all_departments=tuple(sorted({ws.department for ws in every})),
        departments=departments,
        total=rollup("", [k for ws in kept for k in ws.kpis], whole=True),
        pains=tuple(recurring_pains(kept)),
    )


def _num(value: float | None) -> float | None:
    """A number for JSON: a non-finite one (stored by an older version) is written as null."""
    return value if value is not None and math.isfinite(value) else None


def contract(portfolio: Portfolio) -> dict:
    """The command's JSON (``portfolio --json``): a contract, keys as the issue names them."""
    return {
        "workshops": [
            {
                "id": ws.id,
                "title": ws.title,
                "department": ws.department,
                "health_passed": ws.health_passed,
                "health_total": ws.health_total,
                "review_states": ws.review_states,
                "next_review_on": ws.next_review_on.isoformat() if ws.next_review_on else None,
                "overdue": ws.overdue,
                "kpis": [
                    {
                        "name": k.name,
                        "baseline": _num(k.baseline),
                        "target": _num(k.target),
                        "actual": _num(k.actual),
                        "progress": _num(k.progress),
                    }
                    for k in ws.kpis
                ],
            }
            for ws in portfolio.workshops
        ],
        "recurring_pains": [
            {"text": g.text, "workshop_ids": list(g.workshop_ids), "departments": list(g.departments)}
            for g in portfolio.pains
        ],
    }
