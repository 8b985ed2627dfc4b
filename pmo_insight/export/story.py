"""What an export tells, decided once for every format: which parts of the chain, in which order.

The deck and the Markdown report tell the same story (title, executive summary, personas, empathy
maps, journeys, quick wins, canvases, traceability, next steps); building it here, from an
already loaded chain and the user's choices, keeps the two formats from drifting apart and keeps
the renderers to layout only.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date

from pmo_insight.domain.chain import WorkshopChain
from pmo_insight.domain.fit import FitScore, coverage, fit_score
from pmo_insight.domain.health import MAX_KEY_PAINS, CheckResult, chain_health
from pmo_insight.domain.journey_analysis import experience_breaks, journey_order, opportunities
from pmo_insight.domain.traceability import TraceRow, trace_rows
from pmo_insight.domain.value_statement import build_statement, kpi_phrase
from pmo_insight.i18n import DEFAULT_LANGUAGE, t
from pmo_insight.models import (
    CUSTOMER_KINDS,
    VALUE_MAP_KINDS,
    CanvasItem,
    EmpathyMap,
    EmpathyNote,
    ItemKind,
    Journey,
    JourneyStage,
    Kpi,
    Persona,
    Quadrant,
    Touchpoint,
    ValueCanvas,
)

#: How many entries the next-steps list takes from each source.
NEXT_QUICK_WINS = 3
NEXT_UNCOVERED = 2
NEXT_HEALTH = 3
NEXT_KPIS = 3


@dataclass(frozen=True)
class ExportOptions:
    """The user's choices: language, and which personas, journeys and canvases go in (None = all)."""

    lang: str = DEFAULT_LANGUAGE
    persona_ids: frozenset[int] | None = None
    journey_ids: frozenset[int] | None = None
    canvas_ids: frozenset[int] | None = None
    #: The review state to show on the headline slide (e.g. "Approved by Zhang Wei, 2026-11-20"),
    #: already in the deck's language; empty when the workshop has not been reviewed.
    review_state: str = ""
    #: A pmo_insight.domain.diff.BaseSnapshot: adds "What changed since the last review".
    base_snapshot: object | None = None

    @classmethod
    def choose(
        cls,
        lang: str = DEFAULT_LANGUAGE,
        *,
        personas: Collection[int] | None = None,
        journeys: Collection[int] | None = None,
        canvases: Collection[int] | None = None,
        review_state: str = "",
    ) -> ExportOptions:
        def ids(values: Collection[int] | None) -> frozenset[int] | None:
            return None if values is None else frozenset(values)

        return cls(lang, ids(personas), ids(journeys), ids(canvases), review_state)


def _chosen(ids: frozenset[int] | None, row_id: int) -> bool:
    return ids is None or row_id in ids


@dataclass
class EmpathyView:
    map: EmpathyMap
    persona: Persona
    #: Notes by quadrant, most votes first.
    notes: dict[Quadrant, list[EmpathyNote]]


@dataclass
class JourneyView:
    journey: Journey
    persona: Persona
    stages: list[JourneyStage]
    #: In the order the customer lives them.
    touchpoints: list[Touchpoint]
    breaks: list[Touchpoint]

    def stage_name(self, touchpoint: Touchpoint) -> str:
        return next((s.name for s in self.stages if s.id == touchpoint.stage_id), "")


@dataclass
class CanvasView:
    canvas: ValueCanvas
    persona: Persona
    items: dict[ItemKind, list[CanvasItem]]
    kpis: list[Kpi]
    fit: FitScore
    statement: str
    #: Coverage of each pain and gain by item id: 1 full, 0.5 partial, 0 none.
    coverage: dict[int, float]


@dataclass
class KeyPain:
    touchpoint: Touchpoint
    journey: JourneyView


@dataclass
class Story:
    chain: WorkshopChain
    lang: str
    personas: list[Persona]
    empathy: list[EmpathyView]
    journeys: list[JourneyView]
    canvases: list[CanvasView]
    key_pains: list[KeyPain]
    opportunities: list[tuple[Touchpoint, str, JourneyView]]
    trace: list[TraceRow]
    health: list[CheckResult]
    next_steps: list[str] = field(default_factory=list)

    def tr(self, key: str, **params: object) -> str:
        return t(key, self.lang, **params)

    @property
    def workshop(self):
        return self.chain.workshop


def build_story(chain: WorkshopChain, options: ExportOptions, *, today: date | None = None) -> Story:
    """The parts of ``chain`` the options select, analysed and ordered for telling."""
    lang = options.lang
    personas_by_id = {p.id: p for p in chain.personas}
    personas = [p for p in chain.personas if _chosen(options.persona_ids, p.id)]
    chosen_persona_ids = {p.id for p in personas}

    empathy = []
    for emap in chain.maps:
        if emap.persona_id not in chosen_persona_ids:
            continue
        notes = chain.notes_of(emap.id)
        by_quadrant = {
            q: sorted((n for n in notes if n.quadrant == q), key=lambda n: (-n.votes, n.position, n.id))
            for q in Quadrant
        }
        empathy.append(EmpathyView(emap, personas_by_id[emap.persona_id], by_quadrant))

    journeys = []
    for journey in chain.journeys:
        if not _chosen(options.journey_ids, journey.id):
            continue
        stages = sorted(chain.stages_of(journey.id), key=lambda s: (s.position, s.id))
        ordered = journey_order(stages, chain.touchpoints_of(journey.id))
        view = JourneyView(journey, personas_by_id[journey.persona_id], stages, ordered, experience_breaks(ordered))
        journeys.append(view)

    canvases = []
    for canvas in chain.canvases:
        if not _chosen(options.canvas_ids, canvas.id):
            continue
        items = {kind: chain.items_of(canvas.id, kind) for kind in (*CUSTOMER_KINDS, *VALUE_MAP_KINDS)}
        canvases.append(
            CanvasView(
                canvas=canvas,
                persona=personas_by_id[canvas.persona_id],
                items=items,
                kpis=chain.kpis_of(canvas.id),
                fit=fit_score(chain, canvas.id),
                statement=canvas.value_statement.strip() or build_statement(chain, canvas.id, lang),
                coverage=coverage(chain, canvas.id),
            )
        )

    canvas_ids = {c.canvas.id for c in canvases}
    story = Story(
        chain=chain,
        lang=lang,
        personas=personas,
        empathy=empathy,
        journeys=journeys,
        canvases=canvases,
        key_pains=_key_pains(journeys),
        opportunities=[(tp, quadrant, view) for view in journeys for tp, quadrant in opportunities(view.touchpoints)],
        trace=[row for row in trace_rows(chain) if row.canvas.id in canvas_ids],
        health=chain_health(chain, today=today),
    )
    story.opportunities.sort(key=lambda entry: (entry[1] != "quick_win", -(entry[0].impact or 0), entry[0].effort or 0))
    story.next_steps = _next_steps(story)
    return story


def _key_pains(journeys: list[JourneyView]) -> list[KeyPain]:
    """The pains flagged as key (the seed: focus on 3-5), worst emotion first; else the breaks."""
    flagged = [KeyPain(tp, view) for view in journeys for tp in view.touchpoints if tp.is_key_pain]
    if not flagged:
        flagged = [KeyPain(tp, view) for view in journeys for tp in view.breaks]
    flagged.sort(key=lambda kp: (kp.touchpoint.emotion_now, -(kp.touchpoint.impact or 0)))
    return flagged[:MAX_KEY_PAINS]


def _next_steps(story: Story) -> list[str]:
    """Concrete actions drawn from the chain: start quick wins, close gaps, measure, review."""
    tr = story.tr
    steps = []
    quick = [(tp, view) for tp, quadrant, view in story.opportunities if quadrant == "quick_win"]
    for tp, _view in quick[:NEXT_QUICK_WINS]:
        owner = tp.owner.strip() or tr("export.next.no_owner")
        steps.append(tr("export.next.quick_win", opportunity=tp.opportunity.strip(), owner=owner))
    uncovered = [pain for view in story.canvases for pain in view.fit.uncovered_pains]
    for pain in uncovered[:NEXT_UNCOVERED]:
        steps.append(tr("export.next.relieve", pain=pain.text))
    failing = [r for r in story.health if not r.ok]
    for result in failing[:NEXT_HEALTH]:
        steps.append(tr("export.next.health", check=tr(f"health.{result.check}", count=len(result.faults))))
    kpis = [kpi for view in story.canvases for kpi in view.kpis]
    for kpi in kpis[:NEXT_KPIS]:
        steps.append(tr("export.next.measure", kpi=kpi_phrase(kpi, story.lang)))
    review = story.workshop.next_review_on
    steps.append(tr("export.next.review", date=review.isoformat()) if review else tr("export.next.review_missing"))
    return steps
