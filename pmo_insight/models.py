"""The insight chain's schema: one module, SQLModel style (Base / Create / Update / table classes).

Base classes carry the fields and their limits; ``*Create`` and ``*Update`` validate what a user
sends (table models do not validate on construction); table classes add ids, foreign keys and the
bookkeeping every editable row has (timestamps and an optimistic-lock version).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Optional
from uuid import uuid4

from pydantic import ConfigDict, field_validator
from pydantic_core import PydanticCustomError
from sqlalchemy import JSON, Column, ForeignKey, Integer, String, Text, TypeDecorator, UniqueConstraint
from sqlmodel import Field, SQLModel

NAME_MAX = 200
SHORT_MAX = 120
#: An avatar is an emoji or two (a flag or a skin tone is several code points).
AVATAR_MAX = 16
TEXT_MAX = 2000
LONG_MAX = 8000
LIST_ITEMS_MAX = 30
#: Each entry of a list field (a goal, a need, ...) is one line of text.
LIST_ENTRY_MAX = NAME_MAX
#: The only control characters text may hold; XML (the deck) and PostgreSQL refuse NUL and most others.
ALLOWED_CONTROLS = frozenset("\t\n")


def utcnow() -> datetime:
    return datetime.now(UTC)


def new_uid() -> str:
    return uuid4().hex


# --- vocabularies ---------------------------------------------------------------------------


class StakeholderType(StrEnum):
    EXECUTIVE = "executive"
    BUSINESS_LEAD = "business_lead"
    PROJECT_MANAGER = "project_manager"
    FUNCTIONAL = "functional"
    END_USER = "end_user"
    OTHER = "other"


class EvidenceKind(StrEnum):
    INTERVIEW = "interview"
    SURVEY = "survey"
    SYSTEM_DATA = "system_data"
    OBSERVATION = "observation"
    DOCUMENT = "document"


class Quadrant(StrEnum):
    SAYS = "says"
    THINKS = "thinks"
    DOES = "does"
    FEELS = "feels"
    PAINS = "pains"
    GAINS = "gains"


class ItemKind(StrEnum):
    """The six areas of the value proposition canvas: three customer, three value-map."""

    JOB = "job"
    PAIN = "pain"
    GAIN = "gain"
    PRODUCT = "product"
    RELIEVER = "reliever"
    CREATOR = "creator"


CUSTOMER_KINDS = (ItemKind.JOB, ItemKind.PAIN, ItemKind.GAIN)
VALUE_MAP_KINDS = (ItemKind.PRODUCT, ItemKind.RELIEVER, ItemKind.CREATOR)
#: Which customer item a value-map item may be fitted to.
FIT_TARGET = {ItemKind.RELIEVER: ItemKind.PAIN, ItemKind.CREATOR: ItemKind.GAIN}


class FitStrength(StrEnum):
    FULL = "full"
    PARTIAL = "partial"


class RefKind(StrEnum):
    """What a polymorphic link (evidence, trace) may point at."""

    PERSONA = "persona"
    EMPATHY_NOTE = "empathy_note"
    TOUCHPOINT = "touchpoint"
    CANVAS_ITEM = "canvas_item"
    KPI = "kpi"


class EnumText(TypeDecorator):
    """A vocabulary stored as plain text (readable, migration-free to extend), read back as its enum."""

    impl = String
    cache_ok = True

    def __init__(self, enum: type[StrEnum], length: int) -> None:
        super().__init__(length)
        self.enum = enum
        #: Reading a large chain converts thousands of values: a dict look-up, not Enum's own call.
        self._members = {member.value: member for member in enum}

    def process_bind_param(self, value, _dialect):
        return None if value is None else self.enum(value).value

    def process_result_value(self, value, _dialect):
        if value is None:
            return None
        member = self._members.get(value)
        return member if member is not None else self.enum(value)  # an unknown value raises, as before


# --- shared bookkeeping ---------------------------------------------------------------------


class Tracked(SQLModel):
    """Timestamps and the version a save must quote, so concurrent edits are detected."""

    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    version: int = Field(default=1)


class Uid(SQLModel):
    """A stable identity (uuid4 hex) given on insert and kept by backup and restore, so snapshots and
    restored copies of a workshop can be compared item by item (database ids and text both change)."""

    uid: str = Field(default_factory=new_uid, min_length=1, max_length=32)


#: Every character :func:`forbidden_character` refuses, as one pattern (searched at C speed).
FORBIDDEN_CHARACTERS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def forbidden_character(text: str) -> str | None:
    """The first character no text field may hold, as ``U+XXXX``; None when the text is clean.

    Refused: control characters other than tab and newline (NUL above all: PostgreSQL cannot store
    it, the deck's XML cannot hold it), lone surrogates and the non-characters U+FFFE/U+FFFF,
    which neither UTF-8 storage nor XML accept. CJK, emoji, RTL and markup are ordinary text.
    """
    found = FORBIDDEN_CHARACTERS.search(text)
    return None if found is None else f"U+{ord(found.group()):04X}"


def _unify_newlines(value: object) -> object:
    if isinstance(value, str):
        return value.replace("\r\n", "\n").replace("\r", "\n")
    if isinstance(value, list):
        return [_unify_newlines(v) for v in value]
    return value


def check_text(value: str, *, entry: int | None = None) -> str:
    """Refuse a text (or a list's ``entry``, counted from 1) holding a forbidden character."""
    char = forbidden_character(value)
    if char is not None:
        if entry is None:
            raise PydanticCustomError("control_character", "contains the character {char}", {"char": char})
        raise PydanticCustomError(
            "entry_control_character", "entry {entry} contains the character {char}", {"char": char, "entry": entry}
        )
    return value


class Input(SQLModel):
    """Validated user input, the rules every door (form, grid, CLI, restore) applies.

    Whitespace trimmed and line breaks unified; unknown fields, forbidden characters (see
    :func:`forbidden_character`), over-long list entries and non-finite numbers (NaN, ±inf) refused.
    """

    model_config = ConfigDict(str_strip_whitespace=True, extra="forbid", allow_inf_nan=False)

    @field_validator("*", mode="before")
    @classmethod
    def _newlines(cls, value: object) -> object:
        return _unify_newlines(value)

    @field_validator("*", mode="after")
    @classmethod
    def _clean_text(cls, value: object) -> object:
        if isinstance(value, str):
            return check_text(value)
        if isinstance(value, list):
            for number, entry in enumerate(value, start=1):
                if isinstance(entry, str):
                    check_text(entry, entry=number)
                    if len(entry) > LIST_ENTRY_MAX:
                        raise PydanticCustomError(
                            "entry_too_long",
                            "entry {entry} is longer than {max_length} characters",
                            {"entry": number, "max_length": LIST_ENTRY_MAX},
                        )
        return value


def _fk(target: str, *, nullable: bool = False, ondelete: str = "CASCADE") -> Column:
    return Column(Integer, ForeignKey(target, ondelete=ondelete), nullable=nullable, index=True)


# --- workshop -------------------------------------------------------------------------------


class WorkshopBase(SQLModel):
    title: str = Field(min_length=1, max_length=NAME_MAX)
    organisation: str = Field(default="", max_length=NAME_MAX)
    goal: str = Field(default="", max_length=TEXT_MAX)
    facilitator: str = Field(default="", max_length=SHORT_MAX)
    held_on: Optional[date] = None
    language: str = Field(default="en", max_length=8)
    next_review_on: Optional[date] = None
    review_cycle_months: int = Field(default=6, ge=1, le=24, sa_column_kwargs={"server_default": "6"})
    #: The department or business unit the workshop served, and who sponsors it (the portfolio's facts).
    department: str = Field(default="", max_length=SHORT_MAX, sa_column_kwargs={"server_default": ""})
    sponsor: str = Field(default="", max_length=SHORT_MAX, sa_column_kwargs={"server_default": ""})


class Workshop(WorkshopBase, Tracked, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    #: Raised in the same transaction by every write to anything this workshop owns
    #: (pmo_insight/persistence/revision.py); never set by hand. Live screens and caches key on it.
    revision: int = Field(default=0, sa_column_kwargs={"server_default": "0"})


class WorkshopCreate(WorkshopBase, Input):
    pass


class WorkshopUpdate(Input):
    title: Optional[str] = Field(default=None, min_length=1, max_length=NAME_MAX)
    organisation: Optional[str] = Field(default=None, max_length=NAME_MAX)
    goal: Optional[str] = Field(default=None, max_length=TEXT_MAX)
    facilitator: Optional[str] = Field(default=None, max_length=SHORT_MAX)
    held_on: Optional[date] = None
    language: Optional[str] = Field(default=None, max_length=8)
    next_review_on: Optional[date] = None
    review_cycle_months: Optional[int] = Field(default=None, ge=1, le=24)
    department: Optional[str] = Field(default=None, max_length=SHORT_MAX)
    sponsor: Optional[str] = Field(default=None, max_length=SHORT_MAX)


class ParticipantBase(SQLModel):
    name: str = Field(min_length=1, max_length=SHORT_MAX)
    department: str = Field(default="", max_length=SHORT_MAX)


class Participant(ParticipantBase, Tracked, Uid, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    workshop_id: int = Field(sa_column=_fk("workshop.id"))


class ParticipantCreate(ParticipantBase, Input):
    pass


# --- persona --------------------------------------------------------------------------------


class PersonaBase(SQLModel):
    name: str = Field(min_length=1, max_length=SHORT_MAX)
    role: str = Field(default="", max_length=NAME_MAX)
    stakeholder_type: StakeholderType = Field(default=StakeholderType.OTHER, sa_type=EnumText(StakeholderType, 32))
    avatar: str = Field(default="🙂", max_length=AVATAR_MAX)
    background: str = Field(default="", max_length=TEXT_MAX)
    goals: list[str] = Field(default_factory=list, sa_type=JSON, max_length=LIST_ITEMS_MAX)
    needs: list[str] = Field(default_factory=list, sa_type=JSON, max_length=LIST_ITEMS_MAX)
    pain_points: list[str] = Field(default_factory=list, sa_type=JSON, max_length=LIST_ITEMS_MAX)
    motivations: list[str] = Field(default_factory=list, sa_type=JSON, max_length=LIST_ITEMS_MAX)
    behaviours: list[str] = Field(default_factory=list, sa_type=JSON, max_length=LIST_ITEMS_MAX)
    quote: str = Field(default="", max_length=TEXT_MAX)
    influence: int = Field(default=3, ge=1, le=5)
    interest: int = Field(default=3, ge=1, le=5)


class Persona(PersonaBase, Tracked, Uid, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    workshop_id: int = Field(sa_column=_fk("workshop.id"))


class PersonaCreate(PersonaBase, Input):
    pass


class PersonaUpdate(Input):
    name: Optional[str] = Field(default=None, min_length=1, max_length=SHORT_MAX)
    role: Optional[str] = Field(default=None, max_length=NAME_MAX)
    stakeholder_type: Optional[StakeholderType] = None
    avatar: Optional[str] = Field(default=None, max_length=AVATAR_MAX)
    background: Optional[str] = Field(default=None, max_length=TEXT_MAX)
    goals: Optional[list[str]] = Field(default=None, max_length=LIST_ITEMS_MAX)
    needs: Optional[list[str]] = Field(default=None, max_length=LIST_ITEMS_MAX)
    pain_points: Optional[list[str]] = Field(default=None, max_length=LIST_ITEMS_MAX)
    motivations: Optional[list[str]] = Field(default=None, max_length=LIST_ITEMS_MAX)
    behaviours: Optional[list[str]] = Field(default=None, max_length=LIST_ITEMS_MAX)
    quote: Optional[str] = Field(default=None, max_length=TEXT_MAX)
    influence: Optional[int] = Field(default=None, ge=1, le=5)
    interest: Optional[int] = Field(default=None, ge=1, le=5)


# --- evidence -------------------------------------------------------------------------------


class EvidenceBase(SQLModel):
    kind: EvidenceKind = Field(sa_type=EnumText(EvidenceKind, 32))
    source: str = Field(min_length=1, max_length=NAME_MAX)
    collected_on: Optional[date] = None
    sample_size: Optional[int] = Field(default=None, ge=0, le=10_000_000)
    summary: str = Field(default="", max_length=TEXT_MAX)


class Evidence(EvidenceBase, Tracked, Uid, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    workshop_id: int = Field(sa_column=_fk("workshop.id"))


class EvidenceCreate(EvidenceBase, Input):
    pass


class EvidenceUpdate(Input):
    kind: Optional[EvidenceKind] = None
    source: Optional[str] = Field(default=None, min_length=1, max_length=NAME_MAX)
    collected_on: Optional[date] = None
    sample_size: Optional[int] = Field(default=None, ge=0, le=10_000_000)
    summary: Optional[str] = Field(default=None, max_length=TEXT_MAX)


class EvidenceLink(SQLModel, table=True):
    """Evidence backing one chain item; an item with none is an assumption."""

    __table_args__ = (UniqueConstraint("evidence_id", "target_type", "target_id"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    evidence_id: int = Field(sa_column=_fk("evidence.id"))
    target_type: RefKind = Field(sa_type=EnumText(RefKind, 32), index=True)
    target_id: int = Field(index=True)
    created_at: datetime = Field(default_factory=utcnow)


# --- empathy map ----------------------------------------------------------------------------


class EmpathyMapBase(SQLModel):
    scenario: str = Field(min_length=1, max_length=NAME_MAX)


class EmpathyMap(EmpathyMapBase, Tracked, Uid, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    workshop_id: int = Field(sa_column=_fk("workshop.id"))
    persona_id: int = Field(sa_column=_fk("persona.id"))


class EmpathyMapCreate(EmpathyMapBase, Input):
    pass


class EmpathyNoteBase(SQLModel):
    quadrant: Quadrant = Field(sa_type=EnumText(Quadrant, 16))
    text: str = Field(min_length=1, max_length=TEXT_MAX)
    votes: int = Field(default=0, ge=0, le=10_000)
    author: str = Field(default="", max_length=SHORT_MAX)
    department: str = Field(default="", max_length=SHORT_MAX)


class EmpathyNote(EmpathyNoteBase, Tracked, Uid, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    map_id: int = Field(sa_column=_fk("empathymap.id"))
    position: int = 0


class EmpathyNoteCreate(EmpathyNoteBase, Input):
    pass


class EmpathyNoteUpdate(Input):
    quadrant: Optional[Quadrant] = None
    text: Optional[str] = Field(default=None, min_length=1, max_length=TEXT_MAX)
    votes: Optional[int] = Field(default=None, ge=0, le=10_000)
    author: Optional[str] = Field(default=None, max_length=SHORT_MAX)
    department: Optional[str] = Field(default=None, max_length=SHORT_MAX)


# --- customer journey -----------------------------------------------------------------------


class JourneyBase(SQLModel):
    scenario: str = Field(min_length=1, max_length=NAME_MAX)


class Journey(JourneyBase, Tracked, Uid, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    workshop_id: int = Field(sa_column=_fk("workshop.id"))
    persona_id: int = Field(sa_column=_fk("persona.id"))


class JourneyCreate(JourneyBase, Input):
    pass


class JourneyStageBase(SQLModel):
    name: str = Field(min_length=1, max_length=SHORT_MAX)


class JourneyStage(JourneyStageBase, Tracked, Uid, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    journey_id: int = Field(sa_column=_fk("journey.id"))
    position: int = 0


class JourneyStageCreate(JourneyStageBase, Input):
    pass


class TouchpointBase(SQLModel):
    name: str = Field(min_length=1, max_length=NAME_MAX)
    channel: str = Field(default="", max_length=SHORT_MAX)
    action: str = Field(default="", max_length=TEXT_MAX)
    need: str = Field(default="", max_length=TEXT_MAX)
    pain_point: str = Field(default="", max_length=TEXT_MAX)
    emotion_now: int = Field(default=0, ge=-3, le=3)
    emotion_target: Optional[int] = Field(default=None, ge=-3, le=3)
    opportunity: str = Field(default="", max_length=TEXT_MAX)
    impact: Optional[int] = Field(default=None, ge=1, le=5)
    effort: Optional[int] = Field(default=None, ge=1, le=5)
    owner: str = Field(default="", max_length=SHORT_MAX)
    backstage: str = Field(default="", max_length=TEXT_MAX)
    is_key_pain: bool = False


class Touchpoint(TouchpointBase, Tracked, Uid, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    journey_id: int = Field(sa_column=_fk("journey.id"))
    stage_id: int = Field(sa_column=_fk("journeystage.id"))
    position: int = 0


class TouchpointCreate(TouchpointBase, Input):
    pass


class TouchpointUpdate(Input):
    name: Optional[str] = Field(default=None, min_length=1, max_length=NAME_MAX)
    channel: Optional[str] = Field(default=None, max_length=SHORT_MAX)
    action: Optional[str] = Field(default=None, max_length=TEXT_MAX)
    need: Optional[str] = Field(default=None, max_length=TEXT_MAX)
    pain_point: Optional[str] = Field(default=None, max_length=TEXT_MAX)
    emotion_now: Optional[int] = Field(default=None, ge=-3, le=3)
    emotion_target: Optional[int] = Field(default=None, ge=-3, le=3)
    opportunity: Optional[str] = Field(default=None, max_length=TEXT_MAX)
    impact: Optional[int] = Field(default=None, ge=1, le=5)
    effort: Optional[int] = Field(default=None, ge=1, le=5)
    owner: Optional[str] = Field(default=None, max_length=SHORT_MAX)
    backstage: Optional[str] = Field(default=None, max_length=TEXT_MAX)
    is_key_pain: Optional[bool] = None


# --- value proposition canvas ---------------------------------------------------------------


class ValueCanvasBase(SQLModel):
    title: str = Field(min_length=1, max_length=NAME_MAX)
    value_statement: str = Field(default="", max_length=TEXT_MAX)


class ValueCanvas(ValueCanvasBase, Tracked, Uid, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    workshop_id: int = Field(sa_column=_fk("workshop.id"))
    persona_id: int = Field(sa_column=_fk("persona.id"))
    journey_id: Optional[int] = Field(default=None, sa_column=_fk("journey.id", nullable=True, ondelete="SET NULL"))


class ValueCanvasCreate(ValueCanvasBase, Input):
    pass


class ValueCanvasUpdate(Input):
    title: Optional[str] = Field(default=None, min_length=1, max_length=NAME_MAX)
    value_statement: Optional[str] = Field(default=None, max_length=TEXT_MAX)


class CanvasItemBase(SQLModel):
    kind: ItemKind = Field(sa_type=EnumText(ItemKind, 16))
    text: str = Field(min_length=1, max_length=TEXT_MAX)
    rank: int = Field(default=3, ge=1, le=5, description="importance, severity or relevance")


class CanvasItem(CanvasItemBase, Tracked, Uid, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    canvas_id: int = Field(sa_column=_fk("valuecanvas.id"))
    position: int = 0


class CanvasItemCreate(CanvasItemBase, Input):
    pass


class CanvasItemUpdate(Input):
    text: Optional[str] = Field(default=None, min_length=1, max_length=TEXT_MAX)
    rank: Optional[int] = Field(default=None, ge=1, le=5)


class FitLink(SQLModel, table=True):
    """A pain reliever easing a pain, or a gain creator producing a gain."""

    __table_args__ = (UniqueConstraint("value_item_id", "customer_item_id"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    canvas_id: int = Field(sa_column=_fk("valuecanvas.id"))
    value_item_id: int = Field(sa_column=_fk("canvasitem.id"))
    customer_item_id: int = Field(sa_column=_fk("canvasitem.id"))
    strength: FitStrength = Field(default=FitStrength.FULL, sa_type=EnumText(FitStrength, 16))
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    version: int = Field(default=1)


class KpiBase(SQLModel):
    name: str = Field(min_length=1, max_length=NAME_MAX)
    baseline: Optional[float] = None
    target: Optional[float] = None
    unit: str = Field(default="", max_length=32)
    due_on: Optional[date] = None


class Kpi(KpiBase, Tracked, Uid, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    canvas_id: int = Field(sa_column=_fk("valuecanvas.id"))
    position: int = 0


class KpiCreate(KpiBase, Input):
    pass


class KpiUpdate(Input):
    name: Optional[str] = Field(default=None, min_length=1, max_length=NAME_MAX)
    baseline: Optional[float] = None
    target: Optional[float] = None
    unit: Optional[str] = Field(default=None, max_length=32)
    due_on: Optional[date] = None


class KpiLink(SQLModel, table=True):
    """The value-map item (usually a reliever) whose effect a KPI proves."""

    __table_args__ = (UniqueConstraint("kpi_id", "item_id"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    kpi_id: int = Field(sa_column=_fk("kpi.id"))
    item_id: int = Field(sa_column=_fk("canvasitem.id"))
    created_at: datetime = Field(default_factory=utcnow)


# --- provenance -----------------------------------------------------------------------------


class TraceLink(SQLModel, table=True):
    """Where a chain item came from: e.g. empathy note -> touchpoint -> canvas pain."""

    __table_args__ = (UniqueConstraint("source_type", "source_id", "target_type", "target_id"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    workshop_id: int = Field(sa_column=_fk("workshop.id"))
    source_type: RefKind = Field(sa_type=EnumText(RefKind, 32), index=True)
    source_id: int = Field(index=True)
    target_type: RefKind = Field(sa_type=EnumText(RefKind, 32), index=True)
    target_id: int = Field(index=True)
    created_at: datetime = Field(default_factory=utcnow)


# --- iteration: KPI actuals and snapshots (pmo_insight/iterate) ------------------------------

#: Far beyond any real measurement; also keeps infinities and NaN out of the database.
MEASURE_MAX = 1e15


class KpiActualBase(SQLModel):
    """A value measured for a KPI on a date, and where the number came from."""

    value: float = Field(ge=-MEASURE_MAX, le=MEASURE_MAX, schema_extra={"allow_inf_nan": False})
    measured_on: date
    source: str = Field(default="", max_length=NAME_MAX)


class KpiActual(KpiActualBase, Tracked, Uid, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    kpi_id: int = Field(sa_column=_fk("kpi.id"))


class KpiActualCreate(KpiActualBase, Input):
    pass


class SnapshotBase(SQLModel):
    label: str = Field(min_length=1, max_length=NAME_MAX)
    taken_by: str = Field(default="", max_length=SHORT_MAX)


class Snapshot(SnapshotBase, table=True):
    """The whole chain at one moment, as the JSON backup document: written once, never changed."""

    id: Optional[int] = Field(default=None, primary_key=True)
    workshop_id: int = Field(sa_column=_fk("workshop.id"))
    taken_at: datetime = Field(default_factory=utcnow)
    #: The workshop's revision when the snapshot was taken.
    revision: int = 0
    document: str = Field(sa_type=Text)


class SnapshotCreate(SnapshotBase, Input):
    pass
