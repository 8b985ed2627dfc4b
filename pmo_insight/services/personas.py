"""Personas: the stakeholders the whole chain is about."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, select

from pmo_insight.models import Persona, PersonaCreate, PersonaUpdate, Workshop
from pmo_insight.services._rows import get_or_raise, insert, versioned_delete, versioned_update
from pmo_insight.services.links import purge_dangling


def create_persona(session: Session, *, workshop_id: int, **fields: Any) -> Persona:
    """Fields as in :class:`PersonaCreate`; list fields take one entry per item."""
    get_or_raise(session, Workshop, workshop_id)
    return insert(session, Persona, PersonaCreate, fields, workshop_id=workshop_id)


def get_persona(session: Session, *, persona_id: int) -> Persona:
    return get_or_raise(session, Persona, persona_id)


def list_personas(session: Session, *, workshop_id: int) -> list[Persona]:
    return list(session.exec(select(Persona).where(Persona.workshop_id == workshop_id).order_by(Persona.id)).all())


def update_persona(session: Session, *, persona_id: int, expected_version: int, **changes: Any) -> Persona:
    return versioned_update(
        session, Persona, persona_id, expected_version=expected_version, changes=changes, schema=PersonaUpdate
    )


def delete_persona(session: Session, *, persona_id: int, expected_version: int | None = None) -> None:
    """Removes the persona's maps, journeys and canvases too, and every link that pointed at them."""
    versioned_delete(session, Persona, persona_id, expected_version=expected_version)
    purge_dangling(session)
