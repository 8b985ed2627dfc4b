"""Customer journeys: ordered stages holding ordered touchpoints with an emotion score each.

Touchpoints are kept in journey order (stage by stage) so every reader of ``position`` sees the
steps as the customer lives them. The screen edits them in bulk, so :func:`save_touchpoints`
takes the whole grid in one transaction: every row is validated first (problems name the row
and the cell), then only what the user changed is written, each change quoting the version the
user started from, so a colleague's save in between is refused rather than overwritten.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, select

from pmo_insight.domain.health import MAX_KEY_PAINS
from pmo_insight.domain.journey_analysis import stage_key
from pmo_insight.domain.refs import Ref
from pmo_insight.errors import FieldProblem, NotFound, ValidationFailed
from pmo_insight.grouping import membership
from pmo_insight.grouping.pains.models import PainGroupMember
from pmo_insight.grouping.pains.services import PAIN_GROUPS, key_pain_count
from pmo_insight.i18n import t
from pmo_insight.models import (
    CanvasItem,
    Journey,
    JourneyCreate,
    JourneyStage,
    JourneyStageCreate,
    Persona,
    RefKind,
    Touchpoint,
    TouchpointCreate,
    TouchpointUpdate,
)
from pmo_insight.services._rows import (
    get_or_raise,
    insert,
    next_position,
    validate,
    versioned_delete,
    versioned_update,
)
from pmo_insight.services.carry import canvas_for_persona, carry_into_canvas
from pmo_insight.services.links import purge_dangling

#: The seed's stages of a customer journey (了解, 考虑, 购买, 使用, 反馈); names come from the catalogue.
STAGE_TEMPLATE = ("aware", "consider", "apply", "use", "feedback")
#: The touchpoint fields a grid row carries, in the order the grid shows them (after the stage).
TOUCHPOINT_FIELDS = tuple(name for name in TouchpointCreate.model_fields)
#: The grid's stage column.
STAGE = "stage"
#: Cells a row cannot do without (the model gives emotion a default; an emptied cell is a mistake).
REQUIRED = ("name", "emotion_now")


def template_stage_names(lang: str) -> list[str]:
    """The stage template in the user's language."""
    return [t(f"journey.stage.{key}", lang) for key in STAGE_TEMPLATE]


# --- journeys --------------------------------------------------------------------------------


def create_journey(session: Session, *, persona_id: int, scenario: str, stage_names: Sequence[str] = ()) -> Journey:
    """A journey for a persona, optionally with its stages already in order (e.g. the template)."""
    persona = get_or_raise(session, Persona, persona_id)
    journey = insert(
        session, Journey, JourneyCreate, {"scenario": scenario}, persona_id=persona_id, workshop_id=persona.workshop_id
    )
    for name in stage_names:
        add_stage(session, journey_id=journey.id, name=name)
    return journey


def list_journeys(session: Session, *, workshop_id: int) -> list[Journey]:
    return list(session.exec(select(Journey).where(Journey.workshop_id == workshop_id).order_by(Journey.id)).all())


def delete_journey(session: Session, *, journey_id: int, expected_version: int | None = None) -> None:
    versioned_delete(session, Journey, journey_id, expected_version=expected_version)
    purge_dangling(session)


# --- stages ----------------------------------------------------------------------------------


def list_stages(session: Session, *, journey_id: int) -> list[JourneyStage]:
    return list(
        session.exec(
            select(JourneyStage)
            .where(JourneyStage.journey_id == journey_id)
            .order_by(JourneyStage.position, JourneyStage.id)
        ).all()
    )


def _check_stage_name(session: Session, journey_id: int, name: str, *, except_id: int | None = None) -> str:
    """Stage names are unique per journey: the grid, the curve and persona comparison go by name."""
    clean = validate(JourneyStageCreate, {"name": name})["name"]
    for stage in list_stages(session, journey_id=journey_id):
        if stage.id != except_id and stage_key(stage.name) == stage_key(clean):
            raise ValidationFailed([FieldProblem("name", "journey.error.stage_exists", {"name": clean})])
    return clean


def add_stage(session: Session, *, journey_id: int, name: str) -> JourneyStage:
    get_or_raise(session, Journey, journey_id)
    clean = _check_stage_name(session, journey_id, name)
    position = next_position(session, JourneyStage, journey_id=journey_id)
    return insert(session, JourneyStage, JourneyStageCreate, {"name": clean}, journey_id=journey_id, position=position)


def rename_stage(session: Session, *, stage_id: int, name: str, expected_version: int) -> JourneyStage:
    stage = get_or_raise(session, JourneyStage, stage_id)
    clean = _check_stage_name(session, stage.journey_id, name, except_id=stage_id)
    return versioned_update(session, JourneyStage, stage_id, expected_version=expected_version, changes={"name": clean})


def rename_stages(session: Session, *, names: Mapping[int, tuple[str, int]]) -> None:
    """Several renames in one transaction: stage id -> (new name, version the user saw)."""
    for stage_id, (name, version) in names.items():
        rename_stage(session, stage_id=stage_id, name=name, expected_version=version)


def remove_stage(session: Session, *, stage_id: int, expected_version: int | None = None) -> None:
    """Remove an empty stage; one holding touchpoints is refused so no step is silently lost."""
    journey_id = get_or_raise(session, JourneyStage, stage_id).journey_id
    count = session.exec(select(func.count()).where(Touchpoint.stage_id == stage_id)).one()
    if count:
        raise ValidationFailed([FieldProblem("stage_id", "journey.error.stage_not_empty", {"count": count})])
    versioned_delete(session, JourneyStage, stage_id, expected_version=expected_version)
    _renumber(session, journey_id)


def reorder_stages(session: Session, *, journey_id: int, stage_ids: Sequence[int]) -> list[JourneyStage]:
    """Put the journey's stages in the given order; the ids must be exactly the journey's stages."""
    stages = {stage.id: stage for stage in list_stages(session, journey_id=journey_id)}
    if sorted(stage_ids) != sorted(stages):
        raise ValidationFailed([FieldProblem("stage_id", "journey.error.stage_order")])
    for position, stage_id in enumerate(stage_ids):
        stages[stage_id].position = position
    session.flush()
    _renumber(session, journey_id)
    return [stages[stage_id] for stage_id in stage_ids]


def move_stage(session: Session, *, stage_id: int, offset: int) -> list[JourneyStage]:
    """Move a stage ``offset`` places earlier (negative) or later (positive), clamped at the ends."""
    stage = get_or_raise(session, JourneyStage, stage_id)
    ids = [s.id for s in list_stages(session, journey_id=stage.journey_id)]
    old = ids.index(stage_id)
    ids.insert(max(0, min(len(ids) - 1, old + offset)), ids.pop(old))
    return reorder_stages(session, journey_id=stage.journey_id, stage_ids=ids)


def _renumber(session: Session, journey_id: int, first: Sequence[int] = ()) -> None:
    """Touchpoint positions in journey order: by stage, then ``first`` (the grid's order), then as before."""
    stage_rank = {s.id: rank for rank, s in enumerate(list_stages(session, journey_id=journey_id))}
    given = {touchpoint_id: rank for rank, touchpoint_id in enumerate(first)}
    touchpoints = list_touchpoints(session, journey_id=journey_id)
    touchpoints.sort(
        key=lambda tp: (stage_rank.get(tp.stage_id, len(stage_rank)), given.get(tp.id, len(given)), tp.position, tp.id)
    )
    for position, tp in enumerate(touchpoints):
        if tp.position != position:
            tp.position = position
    session.flush()


# --- touchpoints -----------------------------------------------------------------------------


def list_touchpoints(session: Session, *, journey_id: int) -> list[Touchpoint]:
    return list(
        session.exec(
            select(Touchpoint).where(Touchpoint.journey_id == journey_id).order_by(Touchpoint.position, Touchpoint.id)
        ).all()
    )


def add_touchpoint(session: Session, *, stage_id: int, **fields: Any) -> Touchpoint:
    """Fields as in :class:`TouchpointCreate`; appended after the journey's last touchpoint."""
    stage = get_or_raise(session, JourneyStage, stage_id)
    position = next_position(session, Touchpoint, journey_id=stage.journey_id)
    return insert(
        session,
        Touchpoint,
        TouchpointCreate,
        fields,
        journey_id=stage.journey_id,
        stage_id=stage_id,
        position=position,
    )


def update_touchpoint(session: Session, *, touchpoint_id: int, expected_version: int, **changes: Any) -> Touchpoint:
    stage_id = changes.pop("stage_id", None)
    touchpoint = versioned_update(
        session,
        Touchpoint,
        touchpoint_id,
        expected_version=expected_version,
        changes=changes,
        schema=TouchpointUpdate,
    )
    if stage_id is not None and stage_id != touchpoint.stage_id:
        stage = get_or_raise(session, JourneyStage, stage_id)
        if stage.journey_id != touchpoint.journey_id:
            raise ValidationFailed([FieldProblem("stage_id", "error.other_journey")])
        touchpoint.stage_id = stage_id
        session.flush()
    if "pain_point" in changes:
        _drop_painless(session, touchpoint.journey_id)
    return touchpoint


def _drop_painless(session: Session, journey_id: int) -> None:
    """A touchpoint whose pain was cleared leaves its pain group (the group's version moves on)."""
    painless = session.exec(
        select(PainGroupMember.touchpoint_id)
        .join(Touchpoint, Touchpoint.id == PainGroupMember.touchpoint_id)
        .where(Touchpoint.journey_id == journey_id, func.trim(Touchpoint.pain_point) == "")
    ).all()
    membership.leave(session, PAIN_GROUPS, list(painless))


def delete_touchpoint(session: Session, *, touchpoint_id: int, expected_version: int | None = None) -> None:
    membership.leave(session, PAIN_GROUPS, [touchpoint_id])
    versioned_delete(session, Touchpoint, touchpoint_id, expected_version=expected_version)
    purge_dangling(session)


# --- the grid: bulk save ---------------------------------------------------------------------


@dataclass(frozen=True)
class TouchpointRow:
    """One grid row: the stage's name and the touchpoint fields.

    ``id``/``expected_version`` identify an existing touchpoint and the version the user started
    from; ``changed`` names the cells the user edited (None for a new row: everything is new).
    """

    values: Mapping[str, Any]
    id: int | None = None
    expected_version: int | None = None
    changed: frozenset[str] | None = None


@dataclass(frozen=True)
class CellProblem:
    """An invalid cell: the grid's row number (from 1), the column and what is wrong."""

    row: int
    field: str
    key: str
    params: dict[str, Any] = field(default_factory=dict)


class RowsInvalid(ValidationFailed):
    """Grid rows that cannot be saved; nothing was written."""

    def __init__(self, cells: list[CellProblem]) -> None:
        self.cells = cells
        super().__init__([FieldProblem(c.field, c.key, {**c.params, "row": c.row}) for c in cells])


@dataclass(frozen=True)
class SaveSummary:
    inserted: int
    updated: int
    deleted: int
    key_pains: int

    @property
    def focus_lost(self) -> bool:
        """More key pains than the seed's focused 3-5: warn, but keep what the user saved."""
        return self.key_pains > MAX_KEY_PAINS


def check_rows(rows: Sequence[TouchpointRow], stage_names: Sequence[str]) -> list[CellProblem]:
    """Every problem in the grid at once, so the facilitator fixes them in one go."""
    known = {stage_key(name) for name in stage_names}
    problems: list[CellProblem] = []
    for number, row in enumerate(rows, start=1):
        stage = str(row.values.get(STAGE) or "").strip()
        if not stage:
            problems.append(CellProblem(number, "stage_id", "error.required"))
        elif stage_key(stage) not in known:
            problems.append(CellProblem(number, "stage_id", "journey.error.unknown_stage", {"name": stage}))
        fields = {name: value for name, value in row.values.items() if name != STAGE}
        missing = {name for name in REQUIRED if fields.get(name) is None}
        problems += [CellProblem(number, name, "error.required") for name in REQUIRED if name in missing]
        try:
            validate(TouchpointCreate, {k: v for k, v in fields.items() if k not in missing})
        except ValidationFailed as error:
            found = [p for p in error.problems if p.field not in missing]
            problems += [CellProblem(number, p.field, p.key, p.params) for p in found]
    return problems


def save_touchpoints(
    session: Session,
    *,
    journey_id: int,
    rows: Sequence[TouchpointRow],
    deleted: Mapping[int, int] | None = None,
) -> SaveSummary:
    """Save the grid in one transaction: inserts, edits, deletions and the new order.

    ``deleted`` maps removed touchpoint ids to the version the user saw. Touchpoints a colleague
    added meanwhile are neither in ``rows`` nor ``deleted`` and stay, after the grid's rows.
    """
    get_or_raise(session, Journey, journey_id)
    stages = {stage_key(s.name): s for s in list_stages(session, journey_id=journey_id)}
    problems = check_rows(rows, [s.name for s in stages.values()])
    if problems:
        raise RowsInvalid(problems)
    existing = {tp.id: tp for tp in list_touchpoints(session, journey_id=journey_id)}

    removed = 0
    membership.leave(session, PAIN_GROUPS, [i for i in (deleted or {}) if i in existing])
    for touchpoint_id, version in (deleted or {}).items():
        if touchpoint_id in existing:  # already gone: someone else deleted it too
            versioned_delete(session, Touchpoint, touchpoint_id, expected_version=version)
            removed += 1

    order: list[int] = []
    inserted = updated = 0
    for row in rows:
        stage = stages[stage_key(str(row.values[STAGE]))]
        fields = validate(TouchpointCreate, {k: v for k, v in row.values.items() if k != STAGE})
        if row.id is None:
            tp = insert(session, Touchpoint, TouchpointCreate, fields, journey_id=journey_id, stage_id=stage.id)
            inserted += 1
        else:
            if row.id not in existing:
                if not row.changed:
                    continue  # untouched here and deleted by someone else: nothing of the user's is lost
                raise NotFound(Touchpoint.__tablename__, row.id)
            tp = existing[row.id]
            changed = set(fields) if row.changed is None else set(row.changed)
            if changed:
                changes = {k: fields[k] for k in changed if k in fields}
                tp = versioned_update(
                    session, Touchpoint, row.id, expected_version=row.expected_version or 0, changes=changes
                )
                tp.stage_id = stage.id
                updated += 1
        order.append(tp.id)
    session.flush()
    if removed:
        purge_dangling(session)
    _drop_painless(session, journey_id)
    _renumber(session, journey_id, first=order)
    return SaveSummary(inserted, updated, removed, key_pain_count(session, journey_id=journey_id))


# --- key pains and the canvas ----------------------------------------------------------------


@dataclass(frozen=True)
class KeyPainMark:
    touchpoint: Touchpoint
    key_pains: int

    @property
    def focus_lost(self) -> bool:
        return self.key_pains > MAX_KEY_PAINS


def mark_key_pain(session: Session, *, touchpoint_id: int, expected_version: int, key: bool = True) -> KeyPainMark:
    """Mark (or unmark) a key pain; beyond five the mark is kept but the result says focus is lost."""
    tp = versioned_update(
        session, Touchpoint, touchpoint_id, expected_version=expected_version, changes={"is_key_pain": key}
    )
    return KeyPainMark(tp, key_pain_count(session, journey_id=tp.journey_id))


def carry_key_pain(session: Session, *, touchpoint_id: int, canvas_title: str) -> CanvasItem:
    """The touchpoint's pain as a customer pain in its persona's canvas, traced back to the touchpoint.

    A touchpoint traced from an empathy note keeps that link, so the chain reads note -> touchpoint
    -> canvas pain. The canvas is created with ``canvas_title`` when the persona has none yet.
    """
    tp = get_or_raise(session, Touchpoint, touchpoint_id)
    journey = get_or_raise(session, Journey, tp.journey_id)
    canvas = canvas_for_persona(session, persona_id=journey.persona_id, title=canvas_title)
    return carry_into_canvas(session, source=Ref(RefKind.TOUCHPOINT, tp.id), canvas_id=canvas.id)


__all__ = [
    "STAGE_TEMPLATE",
    "CellProblem",
    "KeyPainMark",
    "RowsInvalid",
    "SaveSummary",
    "TouchpointRow",
    "add_stage",
    "add_touchpoint",
    "carry_key_pain",
    "check_rows",
    "create_journey",
    "delete_journey",
    "delete_touchpoint",
    "key_pain_count",
    "list_journeys",
    "list_stages",
    "list_touchpoints",
    "mark_key_pain",
    "move_stage",
    "remove_stage",
    "rename_stage",
    "rename_stages",
    "reorder_stages",
    "save_touchpoints",
    "template_stage_names",
    "update_touchpoint",
]
