"""Chain health: which links of the insight chain exist, which are missing, and why it matters.

Each check guards against one of the seed article's five pitfalls (assumptions without data,
too many pain points, one-off use, tools used in isolation, no executive buy-in). Checks are a
small registry so a new one is one function and one entry, and every screen shows them alike.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import lru_cache
from typing import Any

from pmo_insight.domain.chain import WorkshopChain
from pmo_insight.domain.kpi_progress import kpis_past_due_without_actual
from pmo_insight.domain.refs import Ref
from pmo_insight.models import EvidenceKind, ItemKind, RefKind

#: The seed's advice: focus on the key 3-5 pain points.
MAX_KEY_PAINS = 5
#: A persona rests on data when at least this many survey respondents or interviews stand behind it.
MIN_RESPONDENTS = 30
MIN_INTERVIEWS = 5


class Pitfall(StrEnum):
    ASSUMPTIONS = "assumptions"
    TOO_MANY_PAINS = "too_many_pains"
    ONE_OFF = "one_off"
    ISOLATION = "isolation"
    NO_BUY_IN = "no_buy_in"


@dataclass(frozen=True)
class Fault:
    """One item at fault; ``ref`` is None for faults of the workshop itself."""

    ref: Ref | None
    label: str


@dataclass(frozen=True)
class CheckResult:
    check: str
    pitfall: Pitfall
    faults: tuple[Fault, ...]

    @property
    def ok(self) -> bool:
        return not self.faults


Check = Callable[[WorkshopChain, date], list[Fault]]


def _persona_without_empathy_map(chain: WorkshopChain, _today: date) -> list[Fault]:
    mapped = {m.persona_id for m in chain.maps}
    return [Fault(Ref(RefKind.PERSONA, p.id), p.name) for p in chain.personas if p.id not in mapped]


def _journey_pain_not_in_canvas(chain: WorkshopChain, _today: date) -> list[Fault]:
    canvas_items = {i.id for i in chain.items}
    faults = []
    for tp in chain.touchpoints:
        if not tp.is_key_pain:
            continue
        targets = chain.traced_targets(Ref(RefKind.TOUCHPOINT, tp.id))
        if not any(t.kind == RefKind.CANVAS_ITEM and t.id in canvas_items for t in targets):
            faults.append(Fault(Ref(RefKind.TOUCHPOINT, tp.id), tp.pain_point or tp.name))
    return faults


def _canvas_pain_without_reliever(chain: WorkshopChain, _today: date) -> list[Fault]:
    relieved = {link.customer_item_id for link in chain.fit_links}
    return [
        Fault(Ref(RefKind.CANVAS_ITEM, i.id), i.text)
        for i in chain.items
        if i.kind == ItemKind.PAIN and i.id not in relieved
    ]


def _claim_without_evidence(chain: WorkshopChain, _today: date) -> list[Fault]:
    claims = [Fault(Ref(RefKind.PERSONA, p.id), p.name) for p in chain.personas]
    claims += [Fault(Ref(RefKind.EMPATHY_NOTE, n.id), n.text) for n in chain.notes]
    claims += [Fault(Ref(RefKind.TOUCHPOINT, t.id), t.pain_point) for t in chain.touchpoints if t.pain_point]
    claims += [Fault(Ref(RefKind.CANVAS_ITEM, i.id), i.text) for i in chain.items if i.kind == ItemKind.PAIN]
    return [fault for fault in claims if not chain.has_evidence(fault.ref)]


def _persona_on_thin_evidence(chain: WorkshopChain, _today: date) -> list[Fault]:
    """Personas with evidence, but fewer than 30 survey respondents and fewer than 5 interviews behind them
    (system data counts as data). A persona drafted from a survey segment counts its segment's size."""
    by_id = {e.id: e for e in chain.evidence}
    segment_size = {(s.persona_id, s.evidence_id): s.size for s in chain.survey_segments}
    faults = []
    for persona in chain.personas:
        ref = Ref(RefKind.PERSONA, persona.id)
        linked = [
            by_id[link.evidence_id]
            for link in chain.evidence_links
            if Ref(link.target_type, link.target_id) == ref and link.evidence_id in by_id
        ]
        if not linked or any(e.kind == EvidenceKind.SYSTEM_DATA for e in linked):
            continue
        respondents = sum(
            segment_size.get((persona.id, e.id), e.sample_size or 0) for e in linked if e.kind == EvidenceKind.SURVEY
        )
        interviews = sum(e.sample_size or 1 for e in linked if e.kind == EvidenceKind.INTERVIEW)
        if respondents < MIN_RESPONDENTS and interviews < MIN_INTERVIEWS:
            faults.append(Fault(ref, f"{persona.name} (n = {respondents}, {interviews} × 🎙)"))
    return faults


def _too_many_key_pains(chain: WorkshopChain, _today: date) -> list[Fault]:
    faults = []
    for journey in chain.journeys:
        # a pain group counts once however many of its touchpoints are marked (the room's unit)
        groups = chain.pain_groups_of(journey.id)
        group_of = {m.touchpoint_id: g.id for g in groups for m in chain.pain_members_of(g.id)}
        units: dict[tuple[str, int], Any] = {}
        for t in chain.touchpoints_of(journey.id):
            if t.is_key_pain:
                unit = ("group", group_of[t.id]) if t.id in group_of else ("touchpoint", t.id)
                units.setdefault(unit, t)
        if len(units) > MAX_KEY_PAINS:
            extra = list(units.values())[MAX_KEY_PAINS:]
            faults += [Fault(Ref(RefKind.TOUCHPOINT, t.id), t.pain_point or t.name) for t in extra]
    return faults


def _review_missing_or_overdue(chain: WorkshopChain, today: date) -> list[Fault]:
    review = chain.workshop.next_review_on
    if review is None or review < today:
        return [Fault(None, review.isoformat() if review else "")]
    return []


def _kpi_past_due_without_actual(chain: WorkshopChain, today: date) -> list[Fault]:
    return [Fault(Ref(RefKind.KPI, k.id), k.name) for k in kpis_past_due_without_actual(chain, today)]


def _canvas_without_kpi(chain: WorkshopChain, _today: date) -> list[Fault]:
    measured = {k.canvas_id for k in chain.kpis}
    return [Fault(None, c.title) for c in chain.canvases if c.id not in measured]


#: Every check, in the order screens list them, with the pitfall it guards against.
CHECKS: dict[str, tuple[Pitfall, Check]] = {
    "claim_without_evidence": (Pitfall.ASSUMPTIONS, _claim_without_evidence),
    "persona_on_thin_evidence": (Pitfall.ASSUMPTIONS, _persona_on_thin_evidence),
    "too_many_key_pains": (Pitfall.TOO_MANY_PAINS, _too_many_key_pains),
    "review_missing_or_overdue": (Pitfall.ONE_OFF, _review_missing_or_overdue),
    "kpi_past_due_without_actual": (Pitfall.ONE_OFF, _kpi_past_due_without_actual),
    "persona_without_empathy_map": (Pitfall.ISOLATION, _persona_without_empathy_map),
    "journey_pain_not_in_canvas": (Pitfall.ISOLATION, _journey_pain_not_in_canvas),
    "canvas_pain_without_reliever": (Pitfall.ISOLATION, _canvas_pain_without_reliever),
    "canvas_without_kpi": (Pitfall.NO_BUY_IN, _canvas_without_kpi),
}


def chain_health(chain: WorkshopChain, *, today: date | None = None) -> list[CheckResult]:
    """Run every check on an already loaded chain: no further queries.

    A chain is immutable, so the result is remembered per chain and day: every screen of every
    session showing the same cached chain checks it once.
    """
    return list(_checked(chain, today or date.today()))


@lru_cache(maxsize=64)
def _checked(chain: WorkshopChain, today: date) -> tuple[CheckResult, ...]:
    return tuple(CheckResult(name, pitfall, tuple(check(chain, today))) for name, (pitfall, check) in CHECKS.items())


def link_counts(chain: WorkshopChain) -> dict[str, int]:
    """How many links of each kind hold the chain together (the links that exist)."""
    return {
        "trace": len(chain.trace_links),
        "fit": len(chain.fit_links),
        "kpi": len(chain.kpi_links),
        "evidence": len(chain.evidence_links),
    }
