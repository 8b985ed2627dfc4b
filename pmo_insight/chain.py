"""A workshop's whole insight chain in memory, loaded with a fixed number of statements.

Screens, exports and health checks all need the chain at once; loading it table by table
(one SELECT per table, filtered by workshop) keeps a page rerun at the same cost for a
workshop of ten items or ten thousand, where lazy loading would issue a query per item.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlmodel import Session, select

from pmo_insight.live.models import DotVote, LiveParticipant, LiveSession
from pmo_insight.models import (
    CanvasItem,
    EmpathyMap,
    EmpathyNote,
    Evidence,
    EvidenceLink,
    FitLink,
    ItemKind,
    Journey,
    JourneyStage,
    Kpi,
    KpiLink,
    Participant,
    Persona,
    RefKind,
    Touchpoint,
    TraceLink,
    ValueCanvas,
    Workshop,
)
from pmo_insight.refs import Ref
from pmo_insight.services._rows import get_or_raise


@dataclass
class WorkshopChain:
    """Every row of one workshop, with the indexes screens and checks need."""

    workshop: Workshop
    participants: list[Participant]
    personas: list[Persona]
    evidence: list[Evidence]
    evidence_links: list[EvidenceLink]
    maps: list[EmpathyMap]
    notes: list[EmpathyNote]
    journeys: list[Journey]
    stages: list[JourneyStage]
    touchpoints: list[Touchpoint]
    canvases: list[ValueCanvas]
    items: list[CanvasItem]
    fit_links: list[FitLink]
    kpis: list[Kpi]
    kpi_links: list[KpiLink]
    trace_links: list[TraceLink]
    live_sessions: list[LiveSession] = field(default_factory=list)
    live_participants: list[LiveParticipant] = field(default_factory=list)
    dot_votes: list[DotVote] = field(default_factory=list)
    _evidenced: set[Ref] = field(default_factory=set, repr=False)
    _targets: dict[Ref, list[Ref]] = field(default_factory=dict, repr=False)
    _sources: dict[Ref, list[Ref]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._evidenced = {Ref(link.target_type, link.target_id) for link in self.evidence_links}
        targets: dict[Ref, list[Ref]] = defaultdict(list)
        sources: dict[Ref, list[Ref]] = defaultdict(list)
        for link in self.trace_links:
            source, target = Ref(link.source_type, link.source_id), Ref(link.target_type, link.target_id)
            targets[source].append(target)
            sources[target].append(source)
        self._targets, self._sources = dict(targets), dict(sources)

    # --- lookups ------------------------------------------------------------------------------

    def notes_of(self, map_id: int) -> list[EmpathyNote]:
        return [n for n in self.notes if n.map_id == map_id]

    def stages_of(self, journey_id: int) -> list[JourneyStage]:
        return [s for s in self.stages if s.journey_id == journey_id]

    def touchpoints_of(self, journey_id: int) -> list[Touchpoint]:
        return [t for t in self.touchpoints if t.journey_id == journey_id]

    def items_of(self, canvas_id: int, kind: ItemKind | None = None) -> list[CanvasItem]:
        return [i for i in self.items if i.canvas_id == canvas_id and (kind is None or i.kind == kind)]

    def kpis_of(self, canvas_id: int) -> list[Kpi]:
        return [k for k in self.kpis if k.canvas_id == canvas_id]

    def has_evidence(self, ref: Ref) -> bool:
        return ref in self._evidenced

    def traced_targets(self, source: Ref) -> list[Ref]:
        """What was derived from ``source`` (e.g. the touchpoint a note became)."""
        return self._targets.get(source, [])

    def traced_sources(self, target: Ref) -> list[Ref]:
        """Where ``target`` came from (e.g. the touchpoint behind a canvas pain)."""
        return self._sources.get(target, [])

    def label(self, ref: Ref) -> str:
        """A short human label for any chain item, for health reports and graphs."""
        rows: dict[RefKind, Iterable] = {
            RefKind.PERSONA: self.personas,
            RefKind.EMPATHY_NOTE: self.notes,
            RefKind.TOUCHPOINT: self.touchpoints,
            RefKind.CANVAS_ITEM: self.items,
            RefKind.KPI: self.kpis,
        }
        for row in rows[ref.kind]:
            if row.id == ref.id:
                return getattr(row, "name", None) or getattr(row, "text", "")
        return str(ref)


def load_chain(session: Session, *, workshop_id: int) -> WorkshopChain:
    """The whole chain of one workshop: nineteen statements whatever its size."""
    workshop = get_or_raise(session, Workshop, workshop_id)

    def rows(model, *where) -> list:
        """One SELECT; ordered rows keep their position, others their creation order."""
        order = (model.position, model.id) if "position" in model.model_fields else (model.id,)
        return list(session.exec(select(model).where(*where).order_by(*order)).all())

    map_ids = select(EmpathyMap.id).where(EmpathyMap.workshop_id == workshop_id)
    journey_ids = select(Journey.id).where(Journey.workshop_id == workshop_id)
    canvas_ids = select(ValueCanvas.id).where(ValueCanvas.workshop_id == workshop_id)
    evidence_ids = select(Evidence.id).where(Evidence.workshop_id == workshop_id)
    return WorkshopChain(
        workshop=workshop,
        participants=rows(Participant, Participant.workshop_id == workshop_id),
        personas=rows(Persona, Persona.workshop_id == workshop_id),
        evidence=rows(Evidence, Evidence.workshop_id == workshop_id),
        evidence_links=rows(EvidenceLink, EvidenceLink.evidence_id.in_(evidence_ids)),
        maps=rows(EmpathyMap, EmpathyMap.workshop_id == workshop_id),
        notes=rows(EmpathyNote, EmpathyNote.map_id.in_(map_ids)),
        journeys=rows(Journey, Journey.workshop_id == workshop_id),
        stages=rows(JourneyStage, JourneyStage.journey_id.in_(journey_ids)),
        touchpoints=rows(Touchpoint, Touchpoint.journey_id.in_(journey_ids)),
        canvases=rows(ValueCanvas, ValueCanvas.workshop_id == workshop_id),
        items=rows(CanvasItem, CanvasItem.canvas_id.in_(canvas_ids)),
        fit_links=rows(FitLink, FitLink.canvas_id.in_(canvas_ids)),
        kpis=rows(Kpi, Kpi.canvas_id.in_(canvas_ids)),
        kpi_links=rows(KpiLink, KpiLink.kpi_id.in_(select(Kpi.id).where(Kpi.canvas_id.in_(canvas_ids)))),
        trace_links=rows(TraceLink, TraceLink.workshop_id == workshop_id),
        live_sessions=rows(LiveSession, LiveSession.workshop_id == workshop_id),
        live_participants=rows(LiveParticipant, LiveParticipant.workshop_id == workshop_id),
        dot_votes=rows(
            DotVote,
            DotVote.participant_id.in_(select(LiveParticipant.id).where(LiveParticipant.workshop_id == workshop_id)),
        ),
    )

