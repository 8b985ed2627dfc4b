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


#: The persona fields a table of many personas compares and edits side by side.
TABLE_FIELDS = ("avatar", "name", "role", "stakeholder_type", "influence", "interest", "quote")
#: The fields a copy starts from: everything the user typed, none of the bookkeeping.
_COPIED_FIELDS = tuple(PersonaCreate.model_fields)


def duplicate_persona(session: Session, *, persona_id: int, name: str) -> Persona:
    """A new persona starting from another's fields, under ``name``.

    Evidence is not copied: the copy is meant to diverge, and until someone backs the differences
    it is the team's assumption, which is exactly what its badge should say.
    """
    original = get_or_raise(session, Persona, persona_id)
    fields = {field: getattr(original, field) for field in _COPIED_FIELDS}
    fields["name"] = name
    for list_field in ("goals", "needs", "pain_points", "motivations", "behaviours"):
        fields[list_field] = list(fields[list_field])
    return create_persona(session, workshop_id=original.workshop_id, **fields)


def split_lines(text: str) -> list[str]:
    """A multi-line box as list entries: one per line, blank lines and surrounding spaces dropped."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def table_changes(before: list[dict[str, Any]], after: list[dict[str, Any]]) -> dict[int, dict[str, Any]]:
    """Which persona fields an edited table changed, by persona id; rows are matched by their ``id``."""
    original = {int(row["id"]): row for row in before}
    changes: dict[int, dict[str, Any]] = {}
    for row in after:
        old = original.get(int(row["id"]))
        if old is None:
            continue
        changed = {f: row[f] for f in TABLE_FIELDS if f in row and row[f] != old.get(f)}
        if changed:
            changes[int(row["id"])] = changed
    return changes


def update_personas(session: Session, *, changes: dict[int, tuple[int, dict[str, Any]]]) -> list[Persona]:
    """Save several personas at once, each at its expected version: all saved, or none (one transaction)."""
    return [
        update_persona(session, persona_id=persona_id, expected_version=version, **fields)
        for persona_id, (version, fields) in sorted(changes.items())
    ]
