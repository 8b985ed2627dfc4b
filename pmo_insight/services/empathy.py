"""Empathy maps: what one persona says, thinks, does and feels in one scenario."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, select

from pmo_insight.models import (
    EmpathyMap,
    EmpathyMapCreate,
    EmpathyNote,
    EmpathyNoteCreate,
    EmpathyNoteUpdate,
    Persona,
)
from pmo_insight.services._rows import get_or_raise, insert, next_position, versioned_delete, versioned_update
from pmo_insight.services.links import purge_dangling


def create_map(session: Session, *, persona_id: int, scenario: str) -> EmpathyMap:
    persona = get_or_raise(session, Persona, persona_id)
    return insert(
        session,
        EmpathyMap,
        EmpathyMapCreate,
        {"scenario": scenario},
        persona_id=persona_id,
        workshop_id=persona.workshop_id,
    )


def list_maps(session: Session, *, workshop_id: int) -> list[EmpathyMap]:
    return list(
        session.exec(select(EmpathyMap).where(EmpathyMap.workshop_id == workshop_id).order_by(EmpathyMap.id)).all()
    )


def delete_map(session: Session, *, map_id: int, expected_version: int | None = None) -> None:
    versioned_delete(session, EmpathyMap, map_id, expected_version=expected_version)
    purge_dangling(session)


def add_note(session: Session, *, map_id: int, **fields: Any) -> EmpathyNote:
    """Fields as in :class:`EmpathyNoteCreate`; the note goes after its map's last note."""
    get_or_raise(session, EmpathyMap, map_id)
    position = next_position(session, EmpathyNote, map_id=map_id)
    return insert(session, EmpathyNote, EmpathyNoteCreate, fields, map_id=map_id, position=position)


def update_note(session: Session, *, note_id: int, expected_version: int, **changes: Any) -> EmpathyNote:
    return versioned_update(
        session, EmpathyNote, note_id, expected_version=expected_version, changes=changes, schema=EmpathyNoteUpdate
    )


def delete_note(session: Session, *, note_id: int, expected_version: int | None = None) -> None:
    versioned_delete(session, EmpathyNote, note_id, expected_version=expected_version)
    purge_dangling(session)
