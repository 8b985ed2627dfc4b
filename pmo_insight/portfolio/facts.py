"""One workshop's portfolio facts, from its loaded chain (pure): the row, its KPIs and its pains.

What the portfolio needs of a workshop is small and plain, so it is computed once per workshop
revision and kept (:mod:`pmo_insight.portfolio.services`), instead of keeping every whole chain.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pmo_insight.domain.chain import WorkshopChain
from pmo_insight.domain.health import chain_health
from pmo_insight.domain.kpi_progress import kpi_progress
from pmo_insight.domain.refs import Ref
from pmo_insight.domain.traceability import upstream_refs
from pmo_insight.iterate.rhythm import review_status
from pmo_insight.models import ItemKind, RefKind
from pmo_insight.portfolio.rag import Rag, rag, time_elapsed
from pmo_insight.review.state import chain_review

#: The four tools of the chain, in order (as on Home).
TOOLS = ("persona", "empathy_map", "journey", "canvas")


@dataclass(frozen=True)
class KpiFact:
    workshop_id: int
    canvas_id: int
    kpi_id: int
    name: str
    unit: str
    baseline: float | None
    target: float | None
    #: The latest actual by date, and its date.
    actual: float | None
    actual_on: date | None
    due_on: date | None
    #: ``(actual − baseline) / (target − baseline)``, unclipped; None without an actual.
    progress: float | None
    #: Share of the time to the due date elapsed (see :mod:`pmo_insight.portfolio.rag`).
    expected: float | None
    rag: Rag


@dataclass(frozen=True)
class SourceFact:
    """A note or touchpoint a pain was traced from: the evidence behind it."""

    kind: str
    item_id: int
    text: str
    department: str = ""


@dataclass(frozen=True)
class PainFact:
    workshop_id: int
    canvas_id: int
    canvas_title: str
    item_id: int
    text: str
    #: Severity 1..5.
    rank: int
    sources: tuple[SourceFact, ...]


@dataclass(frozen=True)
class CanvasState:
    canvas_id: int
    title: str
    state: str


@dataclass(frozen=True)
class WorkshopFacts:
    id: int
    revision: int
    title: str
    department: str
    sponsor: str
    held_on: date | None
    #: How far along the chain: tools holding content, of four.
    tools_done: int
    health_passed: int
    health_total: int
    canvases: tuple[CanvasState, ...]
    next_review_on: date | None
    overdue: bool
    kpis: tuple[KpiFact, ...]
    pains: tuple[PainFact, ...]

    @property
    def review_states(self) -> list[str]:
        return [c.state for c in self.canvases]


def workshop_facts(chain: WorkshopChain, today: date) -> WorkshopFacts:
    ws = chain.workshop
    counts = (len(chain.personas), len(chain.notes), len(chain.touchpoints), len(chain.items))
    health = chain_health(chain, today=today)
    status = review_status(ws, today)
    canvas_titles = {c.id: c.title for c in chain.canvases}
    return WorkshopFacts(
        id=ws.id,
        revision=ws.revision,
        title=ws.title,
        department=ws.department or "",
        sponsor=ws.sponsor or "",
        held_on=ws.held_on,
        tools_done=sum(1 for c in counts if c),
        health_passed=sum(1 for r in health if r.ok),
        health_total=len(health),
        canvases=tuple(CanvasState(r.canvas.id, r.canvas.title, r.state.value) for r in chain_review(chain)),
        next_review_on=ws.next_review_on,
        overdue=status.overdue,
        kpis=tuple(_kpi_fact(chain, kpi, today) for kpi in chain.kpis),
        pains=tuple(
            PainFact(
                ws.id,
                item.canvas_id,
                canvas_titles.get(item.canvas_id, ""),
                item.id,
                item.text,
                item.rank,
                _sources(chain, item.id),
            )
            for item in chain.items
            if item.kind == ItemKind.PAIN
        ),
    )


def _kpi_fact(chain: WorkshopChain, kpi, today: date) -> KpiFact:
    progress = kpi_progress(chain, kpi)
    latest = progress.latest
    start = chain.workshop.held_on or (kpi.created_at.date() if kpi.created_at else None)
    expected = time_elapsed(start, kpi.due_on, today)
    past_due = kpi.due_on is not None and kpi.due_on < today
    value = progress.progress
    return KpiFact(
        workshop_id=chain.workshop.id,
        canvas_id=kpi.canvas_id,
        kpi_id=kpi.id,
        name=kpi.name,
        unit=kpi.unit,
        baseline=kpi.baseline,
        target=kpi.target,
        actual=None if latest is None else latest.value,
        actual_on=None if latest is None else latest.measured_on,
        due_on=kpi.due_on,
        progress=value,
        expected=expected,
        rag=rag(value, expected, past_due=past_due),
    )


def _sources(chain: WorkshopChain, item_id: int) -> tuple[SourceFact, ...]:
    out = []
    for ref in upstream_refs(chain, Ref(RefKind.CANVAS_ITEM, item_id)):
        row = chain.row(ref)
        if row is None or ref.kind not in (RefKind.EMPATHY_NOTE, RefKind.TOUCHPOINT):
            continue
        if ref.kind == RefKind.EMPATHY_NOTE:
            out.append(SourceFact(ref.kind.value, ref.id, row.text, row.department or ""))
        else:
            out.append(SourceFact(ref.kind.value, ref.id, row.pain_point or row.name))
    return tuple(out)
