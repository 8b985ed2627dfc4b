"""Customer journeys: ordered stages holding ordered touchpoints with an emotion score each."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlmodel import Session, select

from pmo_insight.errors import FieldProblem, ValidationFailed
from pmo_insight.models import (
    Journey,
    JourneyCreate,
    JourneyStage,
    JourneyStageCreate,
    Persona,
    Touchpoint,
    TouchpointCreate,
    TouchpointUpdate,
)
from pmo_insight.services._rows import get_or_raise, insert, next_position, versioned_delete, versioned_update
from pmo_insight.services.links import purge_dangling


def create_journey(session: Session, *, persona_id: int, scenario: str, stage_names: Sequence[str] = ()) -> Journey:
    """A journey for a persona, optionally with its stages already in order."""
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


def add_stage(session: Session, *, journey_id: int, name: str) -> JourneyStage:
    get_or_raise(session, Journey, journey_id)
    position = next_position(session, JourneyStage, journey_id=journey_id)
    return insert(session, JourneyStage, JourneyStageCreate, {"name": name}, journey_id=journey_id, position=position)


def list_stages(session: Session, *, journey_id: int) -> list[JourneyStage]:
    return list(
        session.exec(
            select(JourneyStage)
            .where(JourneyStage.journey_id == journey_id)
            .order_by(JourneyStage.position, JourneyStage.id)
        ).all()
    )


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
    return touchpoint


def delete_touchpoint(session: Session, *, touchpoint_id: int, expected_version: int | None = None) -> None:
    versioned_delete(session, Touchpoint, touchpoint_id, expected_version=expected_version)
    purge_dangling(session)
