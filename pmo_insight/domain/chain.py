"""A workshop's whole insight chain in memory: immutable records and the look-ups every check needs.

This is the centre of the domain: everything in :mod:`pmo_insight.domain` computes from a
:class:`WorkshopChain` and nothing here touches a database session. Loading one from the database
(a fixed number of statements, whatever the workshop's size) is the persistence side's job:
:func:`pmo_insight.persistence.chain_loader.load_chain`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field, make_dataclass, replace
from datetime import UTC, datetime
from functools import cache
from typing import Any

from sqlalchemy import DateTime
from sqlmodel import SQLModel

from pmo_insight.domain.refs import Ref
from pmo_insight.models import (
    ItemKind,
    RefKind,
)

#: Chain fields a loader may leave out (None) when asked to: the survey answers, up to 20,000 rows
#: of JSON per survey, that only the evidence screen, segmentation and the backup read.
ON_DEMAND = ("survey_responses",)


class NotLoaded(RuntimeError):
    """A chain loaded without an on-demand field was asked for it: load it with that field instead."""

    def __init__(self, field_name: str) -> None:
        super().__init__(f"the chain was loaded without {field_name}: load it with responses=True")
        self.field_name = field_name


@dataclass(frozen=True, eq=False)
class WorkshopChain:
    """Every row of one workshop as immutable plain records, with the indexes screens and checks need.

    Rows are frozen records (one per table row, the table's columns as attributes) held in tuples:
    nothing here loads lazily or can be changed by a page, so one chain can be shared by every
    browser session of the process (see :mod:`pmo_insight.services.chain_cache`).
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
    #: Measured values of the KPIs, oldest first (recorded by pmo_insight/iterate/kpi_actuals.py).
    kpi_actuals: tuple[Any, ...] = ()
    #: The review layer: business leads' comments and decisions (pmo_insight/review).
    comments: tuple[Any, ...] = ()
    decisions: tuple[Any, ...] = ()
    #: The room's live sessions, who joined them and their dot votes (pmo_insight/live).
    live_sessions: tuple[Any, ...] = ()
    live_participants: tuple[Any, ...] = ()
    dot_votes: tuple[Any, ...] = ()
    #: Imported surveys: their columns, one row per respondent, and the segments personas were drafted
    #: from (pmo_insight/surveys).
    survey_columns: tuple[Any, ...] = ()
    #: None when the chain was loaded without them (screens that never read answers: see
    #: :data:`ON_DEMAND`); a backup or a segmentation of such a chain refuses (:class:`NotLoaded`).
    survey_responses: tuple[Any, ...] | None = ()
    survey_segments: tuple[Any, ...] = ()
    #: Groups of an empathy map's notes and their members (pmo_insight/grouping).
    note_groups: tuple[Any, ...] = ()
    note_group_members: tuple[Any, ...] = ()
    #: Groups of a journey's pains (its touchpoints) and their members (pmo_insight/grouping/pains).
    pain_groups: tuple[Any, ...] = ()
    pain_group_members: tuple[Any, ...] = ()
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

    def responses(self) -> tuple[Any, ...]:
        """Every survey and interview answer row; :class:`NotLoaded` when the chain was loaded without them."""
        if self.survey_responses is None:
            raise NotLoaded("survey_responses")
        return self.survey_responses

    def with_responses(self, rows: tuple[Any, ...]) -> WorkshopChain:
        """The same chain holding ``rows`` as its survey responses (a new chain: this one is shared)."""
        return replace(self, survey_responses=rows)

    # --- lookups ------------------------------------------------------------------------------

    def notes_of(self, map_id: int) -> list[Any]:
        return list(self._groups.get(("notes", map_id), ()))

    def groups_of(self, map_id: int) -> list[Any]:
        """A map's note groups, in board order."""
        return list(self._groups.get(("note_groups", map_id), ()))

    def members_of(self, group_id: int) -> list[Any]:
        """The member rows (``note_id``) of one note group."""
        return list(self._groups.get(("note_group_members", group_id), ()))

    def pain_groups_of(self, journey_id: int) -> list[Any]:
        """A journey's pain groups, in board order."""
        return list(self._groups.get(("pain_groups", journey_id), ()))

    def pain_members_of(self, group_id: int) -> list[Any]:
        """The member rows (``touchpoint_id``) of one pain group."""
        return list(self._groups.get(("pain_group_members", group_id), ()))

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
    ("note_groups", "map_id"),
    ("note_group_members", "group_id"),
    ("pain_groups", "journey_id"),
    ("pain_group_members", "group_id"),
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


def record_of(model: type[SQLModel], row: Any) -> Any:
    """The record of an ORM row (e.g. one just loaded by a service)."""
    record = record_type(model)
    return record(*(getattr(row, column.name) for column in model.__table__.columns))  # type: ignore[attr-defined]


def _frozen(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value
