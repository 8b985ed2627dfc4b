"""A whole workshop as one versioned JSON document, the backup :mod:`pmo_insight.domain.backup_check` reads back.

The document is self-contained: rows refer to each other by ids local to the file (1, 2, 3… per
section, in chain order), never by database ids, so a backup restores into any database and
export → import → export yields the same document apart from ``exported_at``. Only what a user
entered is kept (the fields of each ``*Create`` schema, plus links and order); bookkeeping
(database ids, versions, row timestamps) is not, since a restore starts a new history.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from pydantic_core import to_jsonable_python
from sqlmodel import SQLModel

from pmo_insight.domain.chain import NotLoaded, WorkshopChain
from pmo_insight.grouping.models import NoteGroup, NoteGroupCreate, NoteGroupMember
from pmo_insight.grouping.pains.models import PainGroup, PainGroupCreate, PainGroupMember
from pmo_insight.live.models import DotVote, DotVoteCreate, LiveParticipant, LiveParticipantCreate
from pmo_insight.models import (
    CanvasItem,
    CanvasItemCreate,
    EmpathyMap,
    EmpathyMapCreate,
    EmpathyNote,
    EmpathyNoteCreate,
    Evidence,
    EvidenceCreate,
    EvidenceLink,
    FitLink,
    FitStrength,
    Journey,
    JourneyCreate,
    JourneyStage,
    JourneyStageCreate,
    Kpi,
    KpiActual,
    KpiActualCreate,
    KpiCreate,
    KpiLink,
    Participant,
    ParticipantCreate,
    Persona,
    PersonaCreate,
    RefKind,
    Touchpoint,
    TouchpointCreate,
    TraceLink,
    ValueCanvas,
    ValueCanvasCreate,
    WorkshopCreate,
)
from pmo_insight.review.models import CommentRecord, CommentTarget, DecisionRecord, ReviewComment, ReviewDecision
from pmo_insight.surveys.models import (
    SurveyColumn,
    SurveyColumnCreate,
    SurveyResponse,
    SurveyResponseCreate,
    SurveySegment,
    SurveySegmentCreate,
)

#: What the ``format`` field of every backup says, so an unrelated JSON file is recognised as such.
FORMAT = "pmo-insight-workshop-backup"
#: Bump when the document layout changes; restore refuses versions it does not know.
SCHEMA_VERSION = 1
#: Compatible additions within a schema version; restore reads every minor up to this one.
#: 1: each identified row carries its stable ``uid``; KPI actuals (``kpi_actuals``).
#: 2: the review layer (``review_comments``, ``review_decisions``) and the live room
#: (``live_participants``, ``dot_votes``) are always written. Files of 1.0 and 1.1 may lack them
#: (the app wrote 1.1 files both without and with them), and still restore.
#: 3: imported surveys (``survey_columns``, ``survey_responses``, ``survey_segments``); older files lack them.
#: 4: the workshop's ``department`` and ``sponsor`` (an older app refuses them as unknown fields).
#: 5: note groups (``note_groups``, ``note_group_members``); older files restore with no groups.
#: 6: pain groups on journeys (``pain_groups``, ``pain_group_members``); older files restore with none.
SCHEMA_MINOR = 6


@dataclass(frozen=True)
class Section:
    """One table as a list in the document: which fields are content and which point elsewhere."""

    key: str
    model: type[SQLModel]
    #: The chain attribute holding the rows.
    chain_attr: str
    #: The Create schema whose fields are the user's content (validated again on restore).
    content: type[SQLModel] | None = None
    #: Foreign keys as (field, section key) pairs, resolved through the file's local ids.
    parents: tuple[tuple[str, str], ...] = ()
    #: Parents that may be null.
    optional_parents: frozenset[str] = frozenset()
    #: Polymorphic references as (type field, id field) pairs; the type names the section.
    refs: tuple[tuple[str, str], ...] = ()
    #: Rows with an ``id`` others refer to (link rows have none).
    identified: bool = True
    positioned: bool = False
    #: The minor version from which every file carries the section; files of an older minor may lack it
    #: (the one mechanism for sections added later: restore reads them as empty).
    since_minor: int = 0
    #: For ``refs``: which section each type names (``None``: the workshop itself, no id); default
    #: :data:`REF_SECTIONS`.
    ref_sections: Mapping[str, str | None] | None = None

    def ref_section(self, kind: str) -> str | None:
        return (self.ref_sections or REF_SECTIONS)[kind]

    def ref_kind(self, kind: str) -> StrEnum:
        """The vocabulary member (RefKind, CommentTarget…) a type name in the file stands for."""
        return next(k for k in (self.ref_sections or REF_SECTIONS) if k == kind)

    def ref_kinds(self) -> set[str]:
        return {str(k) for k in (self.ref_sections or REF_SECTIONS)}

    @property
    def has_uid(self) -> bool:
        """Whether the section's rows carry a stable identity (the chain's items do; live votes do not)."""
        return self.identified and "uid" in self.model.model_fields

    @property
    def structural_fields(self) -> tuple[str, ...]:
        fields = (("id", "uid") if self.has_uid else ("id",)) if self.identified else ()
        fields += tuple(name for name, _ in self.parents)
        fields += tuple(name for pair in self.refs for name in pair)
        return fields + (("position",) if self.positioned else ())


#: The section a comment's target of each kind points into (``None``: the workshop as a whole).
COMMENT_TARGET_SECTIONS: Mapping[str, str | None] = {
    CommentTarget.WORKSHOP: None,
    CommentTarget.PERSONA: "personas",
    CommentTarget.EMPATHY_NOTE: "empathy_notes",
    CommentTarget.TOUCHPOINT: "touchpoints",
    CommentTarget.CANVAS: "canvases",
    CommentTarget.CANVAS_ITEM: "canvas_items",
    CommentTarget.KPI: "kpis",
}

#: Every section in an order where parents come before children.
SECTIONS: tuple[Section, ...] = (
    Section("participants", Participant, "participants", ParticipantCreate),
    Section("personas", Persona, "personas", PersonaCreate),
    Section("evidence", Evidence, "evidence", EvidenceCreate),
    Section("empathy_maps", EmpathyMap, "maps", EmpathyMapCreate, parents=(("persona_id", "personas"),)),
    Section(
        "empathy_notes", EmpathyNote, "notes", EmpathyNoteCreate, parents=(("map_id", "empathy_maps"),), positioned=True
    ),
    Section("journeys", Journey, "journeys", JourneyCreate, parents=(("persona_id", "personas"),)),
    Section(
        "journey_stages",
        JourneyStage,
        "stages",
        JourneyStageCreate,
        parents=(("journey_id", "journeys"),),
        positioned=True,
    ),
    Section(
        "touchpoints",
        Touchpoint,
        "touchpoints",
        TouchpointCreate,
        parents=(("journey_id", "journeys"), ("stage_id", "journey_stages")),
        positioned=True,
    ),
    Section(
        "canvases",
        ValueCanvas,
        "canvases",
        ValueCanvasCreate,
        parents=(("persona_id", "personas"), ("journey_id", "journeys")),
        optional_parents=frozenset({"journey_id"}),
    ),
    Section(
        "canvas_items", CanvasItem, "items", CanvasItemCreate, parents=(("canvas_id", "canvases"),), positioned=True
    ),
    Section("kpis", Kpi, "kpis", KpiCreate, parents=(("canvas_id", "canvases"),), positioned=True),
    Section("kpi_actuals", KpiActual, "kpi_actuals", KpiActualCreate, parents=(("kpi_id", "kpis"),), since_minor=1),
    Section(
        "fit_links",
        FitLink,
        "fit_links",
        parents=(("canvas_id", "canvases"), ("value_item_id", "canvas_items"), ("customer_item_id", "canvas_items")),
        identified=False,
    ),
    Section(
        "kpi_links", KpiLink, "kpi_links", parents=(("kpi_id", "kpis"), ("item_id", "canvas_items")), identified=False
    ),
    Section(
        "evidence_links",
        EvidenceLink,
        "evidence_links",
        parents=(("evidence_id", "evidence"),),
        refs=(("target_type", "target_id"),),
        identified=False,
    ),
    Section(
        "trace_links",
        TraceLink,
        "trace_links",
        refs=(("source_type", "source_id"), ("target_type", "target_id")),
        identified=False,
    ),
    # the review layer: what business leads said and decided (review links are access, not content)
    Section(
        "review_comments",
        ReviewComment,
        "comments",
        CommentRecord,
        refs=(("target_type", "target_id"),),
        ref_sections=COMMENT_TARGET_SECTIONS,
        identified=False,
        since_minor=2,
    ),
    Section(
        "review_decisions",
        ReviewDecision,
        "decisions",
        DecisionRecord,
        parents=(("canvas_id", "canvases"),),
        identified=False,
        since_minor=2,
    ),
    Section("live_participants", LiveParticipant, "live_participants", LiveParticipantCreate, since_minor=2),
    Section(
        "dot_votes",
        DotVote,
        "dot_votes",
        DotVoteCreate,
        parents=(("participant_id", "live_participants"),),
        refs=(("target_type", "target_id"),),
        identified=False,
        since_minor=2,
    ),
    # imported surveys: each one's columns and answers, and the segments personas were drafted from
    Section(
        "survey_columns",
        SurveyColumn,
        "survey_columns",
        SurveyColumnCreate,
        parents=(("evidence_id", "evidence"),),
        positioned=True,
        since_minor=3,
    ),
    Section(
        "survey_responses",
        SurveyResponse,
        "survey_responses",
        SurveyResponseCreate,
        parents=(("evidence_id", "evidence"),),
        positioned=True,
        identified=False,
        since_minor=3,
    ),
    Section(
        "survey_segments",
        SurveySegment,
        "survey_segments",
        SurveySegmentCreate,
        parents=(("evidence_id", "evidence"), ("persona_id", "personas")),
        since_minor=3,
    ),
    # note groups on the empathy board (pmo_insight/grouping)
    Section(
        "note_groups",
        NoteGroup,
        "note_groups",
        NoteGroupCreate,
        parents=(("map_id", "empathy_maps"),),
        positioned=True,
        since_minor=5,
    ),
    Section(
        "note_group_members",
        NoteGroupMember,
        "note_group_members",
        parents=(("group_id", "note_groups"), ("note_id", "empathy_notes")),
        identified=False,
        since_minor=5,
    ),
    # pain groups on a journey (pmo_insight/grouping/pains)
    Section(
        "pain_groups",
        PainGroup,
        "pain_groups",
        PainGroupCreate,
        parents=(("journey_id", "journeys"),),
        positioned=True,
        since_minor=6,
    ),
    Section(
        "pain_group_members",
        PainGroupMember,
        "pain_group_members",
        parents=(("group_id", "pain_groups"), ("touchpoint_id", "touchpoints")),
        identified=False,
        since_minor=6,
    ),
)
SECTION_BY_KEY: Mapping[str, Section] = {s.key: s for s in SECTIONS}

#: The section a polymorphic reference of each kind points into.
REF_SECTIONS: Mapping[RefKind, str] = {
    RefKind.PERSONA: "personas",
    RefKind.EMPATHY_NOTE: "empathy_notes",
    RefKind.TOUCHPOINT: "touchpoints",
    RefKind.CANVAS_ITEM: "canvas_items",
    RefKind.KPI: "kpis",
}

#: Plain (non-reference) fields of link rows, validated on restore like content.
LINK_FIELDS: Mapping[str, Mapping[str, type]] = {"fit_links": {"strength": FitStrength}}

HEADER_KEYS = ("format", "schema_version", "schema_minor", "exported_at", "workshop")


def content_of(row: Any, schema: type[SQLModel]) -> dict[str, Any]:
    """The user's content of a row: exactly the fields its Create schema accepts, JSON-ready.

    A non-finite number (stored by an older version that did not refuse it) is written as empty,
    so the backup stays standard JSON and restores under today's rules.
    """
    content = {name: to_jsonable_python(getattr(row, name)) for name in schema.model_fields}
    return {k: None if isinstance(v, float) and not math.isfinite(v) else v for k, v in content.items()}


def backup_document(chain: WorkshopChain, *, exported_at: datetime | None = None) -> dict[str, Any]:
    """The workshop as a JSON-ready dict. Links to items outside the workshop are left out."""
    local_ids: dict[str, dict[int, int]] = {}
    document: dict[str, Any] = {
        "format": FORMAT,
        "schema_version": SCHEMA_VERSION,
        "schema_minor": SCHEMA_MINOR,
        "exported_at": (exported_at or datetime.now(UTC)).isoformat(timespec="seconds"),
        "workshop": content_of(chain.workshop, WorkshopCreate),
    }
    for section in SECTIONS:
        out: list[dict[str, Any]] = []
        ids: dict[int, int] = {}
        rows = getattr(chain, section.chain_attr)
        if rows is None:  # loaded without an on-demand field: a backup without it would lose data
            raise NotLoaded(section.chain_attr)
        for row in rows:
            entry = _entry(section, row, local_ids)
            if entry is None:
                continue
            if section.identified:
                ids[row.id] = len(ids) + 1
                entry = {"id": ids[row.id], **({"uid": row.uid} if section.has_uid else {}), **entry}
            out.append(entry)
        local_ids[section.key] = ids
        document[section.key] = out
    return document


def _entry(section: Section, row: SQLModel, local_ids: dict[str, dict[int, int]]) -> dict[str, Any] | None:
    entry: dict[str, Any] = {}
    for field, parent in section.parents:
        value = getattr(row, field)
        if value is None and field in section.optional_parents:
            entry[field] = None
        elif value in local_ids[parent]:
            entry[field] = local_ids[parent][value]
        else:
            return None
    for type_field, id_field in section.refs:
        kind = str(getattr(row, type_field))
        target_section = section.ref_section(kind)
        if target_section is None:
            entry[type_field], entry[id_field] = kind, None
            continue
        target = local_ids[target_section].get(getattr(row, id_field))
        if target is None:
            return None
        entry[type_field], entry[id_field] = kind, target
    if section.positioned:
        entry["position"] = row.position
    if section.content is not None:
        entry.update(content_of(row, section.content))
    for name in LINK_FIELDS.get(section.key, {}):
        entry[name] = str(getattr(row, name))
    return entry


def export_json(chain: WorkshopChain, _options: Any = None) -> bytes:
    """The backup as UTF-8 JSON, readable in an editor (Chinese stays Chinese, indented)."""
    document = backup_document(chain)
    return json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False).encode("utf-8")
