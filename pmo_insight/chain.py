"""A workshop's whole insight chain in memory, loaded with a fixed number of statements.

Screens, exports and health checks all need the chain at once; loading it table by table
(one SELECT per table, filtered by workshop) keeps a page rerun at the same cost for a
workshop of ten items or ten thousand, where lazy loading would issue a query per item.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, make_dataclass
from datetime import UTC, datetime
from functools import cache
from typing import Any

from sqlalchemy import JSON, DateTime, String, select, type_coerce
from sqlalchemy.engine import Dialect
from sqlmodel import Session, SQLModel

from pmo_insight.errors import NotFound
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
    KpiActual,
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
from pmo_insight.review.models import ReviewComment, ReviewDecision


@dataclass(frozen=True, eq=False)
class WorkshopChain:
    """Every row of one workshop as immutable plain records, with the indexes screens and checks need.

    Rows are frozen records (one per table row, the table's columns as attributes) held in tuples:
    nothing here loads lazily or can be changed by a page, so one chain can be shared by every
    browser session of the process (see :mod:`pmo_insight.chain_cache`).
    """

    workshop: Any
    participants: tuple[Any, ...]
    personas: tuple[Any, ...]
    evidence: tuple[Any, ...]
    evidence_links: tuple[Any, ...]
    maps: tuple[Any, ...]
    notes: tuple[Any, ...]
    journeys: tuple[Any, ...]
    stages: tuple[Any, ...]
    touchpoints: tuple[Any, ...]
    canvases: tuple[Any, ...]
    items: tuple[Any, ...]
    fit_links: tuple[Any, ...]
    kpis: tuple[Any, ...]
    kpi_links: tuple[Any, ...]
    trace_links: tuple[Any, ...]
    #: Measured values of the KPIs, oldest first (pmo_insight/iterate/kpi_actuals.py).
    kpi_actuals: tuple[Any, ...] = ()
    #: The review layer: business leads' comments and decisions (pmo_insight/review).
    comments: tuple[Any, ...] = ()
    decisions: tuple[Any, ...] = ()
    #: The room's live sessions, who joined them and their dot votes (pmo_insight/live).
    live_sessions: tuple[Any, ...] = ()
    live_participants: tuple[Any, ...] = ()
    dot_votes: tuple[Any, ...] = ()
    _evidenced: frozenset[Ref] = field(default=frozenset(), repr=False)
    _targets: Mapping[Ref, tuple[Ref, ...]] = field(default_factory=dict, repr=False)
    _sources: Mapping[Ref, tuple[Ref, ...]] = field(default_factory=dict, repr=False)
    _groups: Mapping[tuple[str, int], tuple[Any, ...]] = field(default_factory=dict, repr=False)
    _by_ref: Mapping[RefKind, Mapping[int, Any]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        targets: dict[Ref, list[Ref]] = defaultdict(list)
        sources: dict[Ref, list[Ref]] = defaultdict(list)
        for link in self.trace_links:
            source, target = Ref(link.source_type, link.source_id), Ref(link.target_type, link.target_id)
            targets[source].append(target)
            sources[target].append(source)
        groups: dict[tuple[str, int], list[Any]] = defaultdict(list)
        for attr, parent in _GROUPED:
            for row in getattr(self, attr):
                groups[(attr, getattr(row, parent))].append(row)
        by_ref = {kind: {row.id: row for row in getattr(self, attr)} for kind, attr in _REF_ATTRS.items()}
        set_ = object.__setattr__
        set_(self, "_evidenced", frozenset(Ref(link.target_type, link.target_id) for link in self.evidence_links))
        set_(self, "_targets", {k: tuple(v) for k, v in targets.items()})
        set_(self, "_sources", {k: tuple(v) for k, v in sources.items()})
        set_(self, "_groups", {k: tuple(v) for k, v in groups.items()})
        set_(self, "_by_ref", by_ref)

    @property
    def revision(self) -> int:
        return self.workshop.revision

    # --- lookups ------------------------------------------------------------------------------

    def notes_of(self, map_id: int) -> list[Any]:
        return list(self._groups.get(("notes", map_id), ()))

    def stages_of(self, journey_id: int) -> list[Any]:
        return list(self._groups.get(("stages", journey_id), ()))

    def touchpoints_of(self, journey_id: int) -> list[Any]:
        return list(self._groups.get(("touchpoints", journey_id), ()))

    def items_of(self, canvas_id: int, kind: ItemKind | None = None) -> list[Any]:
        items = self._groups.get(("items", canvas_id), ())
        return [i for i in items if kind is None or i.kind == kind]

    def kpis_of(self, canvas_id: int) -> list[Any]:
        return list(self._groups.get(("kpis", canvas_id), ()))

    def row(self, ref: Ref) -> Any | None:
        """The record a reference points at, if it is in this workshop."""
        return self._by_ref[ref.kind].get(ref.id)

    def actuals_of(self, kpi_id: int) -> list[Any]:
        return list(self._groups.get(("kpi_actuals", kpi_id), ()))

    def has_evidence(self, ref: Ref) -> bool:
        return ref in self._evidenced

    def traced_targets(self, source: Ref) -> list[Ref]:
        """What was derived from ``source`` (e.g. the touchpoint a note became)."""
        return list(self._targets.get(source, ()))

    def traced_sources(self, target: Ref) -> list[Ref]:
        """Where ``target`` came from (e.g. the touchpoint behind a canvas pain)."""
        return list(self._sources.get(target, ()))

    def label(self, ref: Ref) -> str:
        """A short human label for any chain item, for health reports and graphs."""
        row = self._by_ref[ref.kind].get(ref.id)
        if row is None:
            return str(ref)
        return getattr(row, "name", None) or getattr(row, "text", "")


#: Chain attributes grouped by their parent column, for the ``*_of`` look-ups.
_GROUPED = (
    ("notes", "map_id"),
    ("stages", "journey_id"),
    ("touchpoints", "journey_id"),
    ("items", "canvas_id"),
    ("kpis", "canvas_id"),
    ("kpi_actuals", "kpi_id"),
)
#: The chain attribute holding each kind of referenced item.
_REF_ATTRS = {
    RefKind.PERSONA: "personas",
    RefKind.EMPATHY_NOTE: "notes",
    RefKind.TOUCHPOINT: "touchpoints",
    RefKind.CANVAS_ITEM: "items",
    RefKind.KPI: "kpis",
}


def _is_timestamp(column: Any) -> bool:
    kind = column.type
    return isinstance(kind, DateTime) or isinstance(getattr(kind, "impl_instance", None), DateTime)


def _timestamp(raw: Any) -> datetime | None:
    """A stored timestamp, parsed only when somebody reads it (few screens do)."""
    if raw is None:
        return None
    value = raw if isinstance(raw, datetime) else datetime.fromisoformat(raw)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


@cache
def record_type(model: type[SQLModel]) -> type:
    """A frozen, slotted record class with one attribute per column of ``model``'s table.

    Timestamps are kept as the database returned them (``<name>_raw``) and parsed on access:
    parsing thousands of them on every cold load was the largest cost of a load.
    """
    fields, lazy = [], {}
    for column in model.__table__.columns:  # type: ignore[attr-defined]
        if _is_timestamp(column):
            fields.append(f"{column.name}_raw")
            lazy[column.name] = property(lambda self, raw=f"{column.name}_raw": _timestamp(getattr(self, raw)))
        else:
            fields.append(column.name)
    return make_dataclass(f"{model.__name__}Record", fields, frozen=True, slots=True, namespace=lazy)


def _selected(model: type[SQLModel]) -> list[Any]:
    """The columns a record is built from, timestamps as the database's raw value."""
    return [
        type_coerce(column, String).label(f"{column.name}_raw") if _is_timestamp(column) else column
        for column in model.__table__.columns  # type: ignore[attr-defined]
    ]


_CONVERTERS: dict[tuple[Any, ...], tuple[tuple[int, Callable[[Any], Any]], ...]] = {}


def _converters(
    model: type[SQLModel], dialect: Dialect, coltypes: tuple[Any, ...]
) -> tuple[tuple[int, Callable[[Any], Any]], ...]:
    """(column index, converter) for the selected columns whose type converts what this database's
    driver returns (e.g. SQLite's 0/1 to a bool, a JSON string to a tuple, text to an enum), once
    per model, kind of database and the driver's column types (as SQLAlchemy's own result does)."""
    key = (model, dialect.name, dialect.driver, coltypes)
    found = _CONVERTERS.get(key)
    if found is None:
        out = []
        for index, column in enumerate(_selected(model)):
            process = column.type.dialect_impl(dialect).result_processor(dialect, coltypes[index])
            is_json = isinstance(column.type, JSON)
            if process is not None or is_json:
                out.append((index, _then_frozen(process) if is_json else process))
        found = _CONVERTERS[key] = tuple(out)
    return found


def _then_frozen(process: Callable[[Any], Any] | None) -> Callable[[Any], Any]:
    if process is None:
        return _frozen
    return lambda value: _frozen(process(value))


def record_of(model: type[SQLModel], row: Any) -> Any:
    """The record of an ORM row (e.g. one just loaded by a service)."""
    record = record_type(model)
    return record(*(getattr(row, column.name) for column in model.__table__.columns))  # type: ignore[attr-defined]


def _frozen(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def load_chain(session: Session, *, workshop_id: int) -> WorkshopChain:
    """The whole chain of one workshop: twenty-two statements whatever its size.

    Rows are read as plain column tuples (no ORM identity map or change tracking, which is what
    costs on a large workshop) and frozen into records.
    """
    connection = session.connection()

    def rows(model, *where, order: tuple = ()) -> tuple:
        """One SELECT; ordered rows keep their position, others their creation order.

        The driver's rows are fetched straight from its cursor and only the columns whose type
        converts a value on this database are converted (with the column type's own converter):
        building SQLAlchemy's row objects for thousands of rows cost more than the query.
        """
        table = model.__table__
        order = order or ((table.c.position, table.c.id) if "position" in table.c else (table.c.id,))
        make = record_type(model)
        result = connection.execute(select(*_selected(model)).where(*where).order_by(*order))
        try:
            cursor = result.cursor
            fetched = cursor.fetchall()
            coltypes = tuple(d[1] for d in cursor.description)
        finally:
            result.close()
        converters = _converters(model, connection.dialect, coltypes)
        if not converters:
            return tuple(make(*r) for r in fetched)
        out = []
        for r in fetched:
            values = list(r)
            for i, convert in converters:
                values[i] = convert(values[i])
            out.append(make(*values))
        return tuple(out)

    workshops = rows(Workshop, Workshop.id == workshop_id)
    if not workshops:
        raise NotFound(Workshop.__tablename__, workshop_id)
    map_ids = select(EmpathyMap.id).where(EmpathyMap.workshop_id == workshop_id)
    journey_ids = select(Journey.id).where(Journey.workshop_id == workshop_id)
    canvas_ids = select(ValueCanvas.id).where(ValueCanvas.workshop_id == workshop_id)
    evidence_ids = select(Evidence.id).where(Evidence.workshop_id == workshop_id)
    return WorkshopChain(
        workshop=workshops[0],
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
        kpi_actuals=rows(
            KpiActual,
            KpiActual.kpi_id.in_(select(Kpi.id).where(Kpi.canvas_id.in_(canvas_ids))),
            order=(KpiActual.measured_on, KpiActual.id),
        ),
        comments=rows(ReviewComment, ReviewComment.workshop_id == workshop_id),
        decisions=rows(ReviewDecision, ReviewDecision.workshop_id == workshop_id),
        live_sessions=rows(LiveSession, LiveSession.workshop_id == workshop_id),
        live_participants=rows(LiveParticipant, LiveParticipant.workshop_id == workshop_id),
        dot_votes=rows(
            DotVote,
            DotVote.participant_id.in_(select(LiveParticipant.id).where(LiveParticipant.workshop_id == workshop_id)),
        ),
    )
