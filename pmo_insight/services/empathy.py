"""Empathy maps: what one persona says, thinks, does and feels in one scenario."""

from __future__ import annotations

from typing import Any

from sqlalchemy import case, func, update
from sqlmodel import Session, select

from pmo_insight.domain.chain import WorkshopChain
from pmo_insight.domain.refs import Ref
from pmo_insight.errors import FieldProblem, NotFound, ValidationFailed
from pmo_insight.grouping import membership
from pmo_insight.grouping.services import NOTE_GROUPS
from pmo_insight.live.models import DotVote
from pmo_insight.models import (
    CanvasItem,
    EmpathyMap,
    EmpathyMapCreate,
    EmpathyNote,
    EmpathyNoteCreate,
    EmpathyNoteUpdate,
    Persona,
    Quadrant,
    RefKind,
    ValueCanvas,
)
from pmo_insight.persistence.db import lock_for_write
from pmo_insight.services import canvases
from pmo_insight.services._rows import (
    get_or_raise,
    insert,
    next_position,
    validate,
    versioned_delete,
    versioned_update,
)
from pmo_insight.services.carry import NOTE_KIND, carry_into_canvas
from pmo_insight.services.links import purge_dangling

#: The four quadrants around the persona, then the two rows below, as the board draws them.
AROUND_PERSONA = (Quadrant.SAYS, Quadrant.THINKS, Quadrant.DOES, Quadrant.FEELS)
BELOW_PERSONA = (Quadrant.PAINS, Quadrant.GAINS)
#: A dot-vote cannot push a note's votes past this (the model's limit).
MAX_VOTES = 10_000


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
    membership.leave(session, NOTE_GROUPS, [note_id])
    versioned_delete(session, EmpathyNote, note_id, expected_version=expected_version)
    purge_dangling(session)


def rename_map(session: Session, *, map_id: int, expected_version: int, scenario: str) -> EmpathyMap:
    return versioned_update(
        session,
        EmpathyMap,
        map_id,
        expected_version=expected_version,
        changes={"scenario": scenario},
        schema=EmpathyMapCreate,
    )


def vote(session: Session, *, note_id: int, delta: int) -> EmpathyNote:
    """Add ``delta`` of the facilitator's dots to a note, atomically in the database.

    Dot-voting is many people clicking at once, and votes commute: each click is an increment, so
    no click needs or invalidates the version an editor of the note's text quotes.

    A note's votes are the facilitator's dots plus the dots participants of live sessions hold on
    it (their vote rows), so a minus never goes below those: it takes away the facilitator's own
    dots, never a participant's. The note is locked first (PostgreSQL: ``FOR UPDATE``, SQLite: the
    write lock), so the one conditional UPDATE after it reads the participants' dots as committed,
    and a participant's dot landing meanwhile waits for it, or it for the dot.
    """
    lock_for_write(session)
    if session.exec(select(EmpathyNote.id).where(EmpathyNote.id == note_id).with_for_update()).first() is None:
        raise NotFound(EmpathyNote.__tablename__, note_id)
    held = (
        select(func.coalesce(func.sum(DotVote.count), 0))
        .where(DotVote.target_type == RefKind.EMPATHY_NOTE, DotVote.target_id == note_id)
        .scalar_subquery()
    )
    total = EmpathyNote.votes + delta
    session.exec(
        update(EmpathyNote)
        .where(EmpathyNote.id == note_id)
        .values(votes=case((total < held, held), (total > MAX_VOTES, MAX_VOTES), else_=total))
    )
    return session.get(EmpathyNote, note_id, populate_existing=True)  # type: ignore[return-value]


def edit_note(session: Session, *, note_id: int, expected_version: int, **changes: Any) -> EmpathyNote:
    """Save text, author, department and quadrant at once; a note moved to another quadrant goes last
    there, out of the group it was in (a group belongs to one quadrant)."""
    values = validate(EmpathyNoteUpdate, changes, partial=True)
    note = get_or_raise(session, EmpathyNote, note_id)
    moved = values.get("quadrant") is not None and Quadrant(values["quadrant"]) != Quadrant(note.quadrant)
    if moved:
        values["position"] = next_position(session, EmpathyNote, map_id=note.map_id)
    updated = versioned_update(session, EmpathyNote, note_id, expected_version=expected_version, changes=values)
    if moved:
        membership.leave(session, NOTE_GROUPS, [note_id])
    return updated


def move_note(session: Session, *, note_id: int, quadrant: Quadrant | str, expected_version: int) -> EmpathyNote:
    """Put a note in another quadrant, after the notes already there."""
    return edit_note(session, note_id=note_id, expected_version=expected_version, quadrant=quadrant)


def ranked(notes: list[EmpathyNote]) -> list[EmpathyNote]:
    """Most-voted first; equal votes keep the order they were added in."""
    return sorted(notes, key=lambda n: (-n.votes, n.position, n.id or 0))


def board(chain: WorkshopChain, *, map_id: int, by_votes: bool = True) -> dict[Quadrant, list[EmpathyNote]]:
    """One map's notes by quadrant, each quadrant ranked by votes (or, while votes are hidden, in the
    order they were added): what the board shows."""
    by_quadrant: dict[Quadrant, list[EmpathyNote]] = {q: [] for q in Quadrant}
    for note in chain.notes_of(map_id):
        by_quadrant[Quadrant(note.quadrant)].append(note)
    return {q: ranked(notes) if by_votes else notes for q, notes in by_quadrant.items()}


def can_promote(note: EmpathyNote) -> bool:
    """Pains and feelings become canvas pains, gains canvas gains; the rest describe, they do not claim."""
    return Quadrant(note.quadrant) in NOTE_KIND


def canvases_of(chain: WorkshopChain, *, persona_id: int) -> list[ValueCanvas]:
    return [c for c in chain.canvases if c.persona_id == persona_id]


def promoted_to(chain: WorkshopChain, note: EmpathyNote) -> list[CanvasItem]:
    """The canvas items already carried from ``note``."""
    targets = {t.id for t in chain.traced_targets(Ref(RefKind.EMPATHY_NOTE, note.id)) if t.kind == RefKind.CANVAS_ITEM}
    return [item for item in chain.items if item.id in targets]


def promote_note(
    session: Session, *, note_id: int, canvas_id: int | None = None, new_canvas_title: str = ""
) -> CanvasItem:
    """Carry a note into a canvas of its persona: ``canvas_id``, or a new canvas titled ``new_canvas_title``.

    The canvas item records a trace link back to the note and inherits its evidence, so the canvas
    can always show which feeling or pain it answers. Promoting twice into one canvas is harmless.
    """
    note = get_or_raise(session, EmpathyNote, note_id)
    emap = get_or_raise(session, EmpathyMap, note.map_id)
    if not can_promote(note):
        raise ValidationFailed([FieldProblem("quadrant", "error.cannot_carry")])
    if canvas_id is None:
        canvas_id = canvases.create_canvas(session, persona_id=emap.persona_id, title=new_canvas_title).id
    elif get_or_raise(session, ValueCanvas, canvas_id).persona_id != emap.persona_id:
        raise ValidationFailed([FieldProblem("target", "error.other_persona")])
    return carry_into_canvas(session, source=Ref(RefKind.EMPATHY_NOTE, note_id), canvas_id=canvas_id)
