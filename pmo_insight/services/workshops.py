"""Workshops and their participants: the container every chain lives in."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, select

from pmo_insight.models import (
    NAME_MAX,
    CanvasItem,
    EmpathyMap,
    EmpathyNote,
    Journey,
    Participant,
    ParticipantCreate,
    Persona,
    Touchpoint,
    ValueCanvas,
    Workshop,
    WorkshopCreate,
    WorkshopUpdate,
)
from pmo_insight.services._rows import get_or_raise, insert, versioned_delete, versioned_update

TITLE_MAX = NAME_MAX
#: The seed's advice: review the insight tools every half year, not once.
REVIEW_INTERVAL_DAYS = 182

#: The four tools of the insight chain, in the order a workshop runs them.
TOOLS = ("persona", "empathy_map", "journey", "canvas")


@dataclass(frozen=True)
class ChainProgress:
    """How much content each of the four tools holds."""

    personas: int = 0
    empathy_notes: int = 0
    touchpoints: int = 0
    canvas_items: int = 0

    @property
    def by_tool(self) -> dict[str, int]:
        return dict(zip(TOOLS, (self.personas, self.empathy_notes, self.touchpoints, self.canvas_items), strict=True))

    @property
    def tools_with_content(self) -> int:
        return sum(1 for count in self.by_tool.values() if count)


@dataclass(frozen=True)
class WorkshopSummary:
    workshop: Workshop
    progress: ChainProgress


def create_workshop(session: Session, **fields: Any) -> Workshop:
    """Fields as in :class:`WorkshopCreate`; the title is required."""
    return insert(session, Workshop, WorkshopCreate, fields)


def get_workshop(session: Session, *, workshop_id: int) -> Workshop:
    return get_or_raise(session, Workshop, workshop_id)


def update_workshop(session: Session, *, workshop_id: int, expected_version: int, **changes: Any) -> Workshop:
    return versioned_update(
        session, Workshop, workshop_id, expected_version=expected_version, changes=changes, schema=WorkshopUpdate
    )


def rename_workshop(session: Session, *, workshop_id: int, title: str, expected_version: int) -> Workshop:
    return update_workshop(session, workshop_id=workshop_id, expected_version=expected_version, title=title)


def delete_workshop(session: Session, *, workshop_id: int, expected_version: int | None = None) -> None:
    """Everything in the workshop goes with it (foreign keys cascade)."""
    from pmo_insight.services.links import purge_dangling

    versioned_delete(session, Workshop, workshop_id, expected_version=expected_version)
    purge_dangling(session)


def list_workshops(session: Session) -> list[WorkshopSummary]:
    """Every workshop, newest first, with its chain progress: five queries whatever the count."""
    workshops = session.exec(select(Workshop).order_by(Workshop.created_at.desc(), Workshop.id.desc())).all()
    progress = chain_progress(session)
    return [WorkshopSummary(w, progress.get(w.id, ChainProgress())) for w in workshops]


def chain_progress(session: Session) -> dict[int, ChainProgress]:
    counts: dict[int, dict[str, int]] = {}
    queries = {
        "personas": select(Persona.workshop_id, func.count()).group_by(Persona.workshop_id),
        "empathy_notes": select(EmpathyMap.workshop_id, func.count())
        .join(EmpathyNote, EmpathyNote.map_id == EmpathyMap.id)
        .group_by(EmpathyMap.workshop_id),
        "touchpoints": select(Journey.workshop_id, func.count())
        .join(Touchpoint, Touchpoint.journey_id == Journey.id)
        .group_by(Journey.workshop_id),
        "canvas_items": select(ValueCanvas.workshop_id, func.count())
        .join(CanvasItem, CanvasItem.canvas_id == ValueCanvas.id)
        .group_by(ValueCanvas.workshop_id),
    }
    for field, query in queries.items():
        for workshop_id, count in session.exec(query).all():
            counts.setdefault(workshop_id, {})[field] = count
    return {wid: ChainProgress(**c) for wid, c in counts.items()}


def add_participant(session: Session, *, workshop_id: int, **fields: Any) -> Participant:
    get_or_raise(session, Workshop, workshop_id)
    return insert(session, Participant, ParticipantCreate, fields, workshop_id=workshop_id)


def remove_participant(session: Session, *, participant_id: int) -> None:
    versioned_delete(session, Participant, participant_id, expected_version=None)


def list_participants(session: Session, *, workshop_id: int) -> list[Participant]:
    return list(
        session.exec(select(Participant).where(Participant.workshop_id == workshop_id).order_by(Participant.id)).all()
    )


def list_workshop_titles(session: Session) -> list[tuple[int, str]]:
    """(id, title) of every workshop, newest first: what the sidebar's selector needs."""
    rows = session.exec(select(Workshop.id, Workshop.title).order_by(Workshop.created_at.desc(), Workshop.id.desc()))
    return [(wid, title) for wid, title in rows.all()]
