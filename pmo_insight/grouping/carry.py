"""Carrying a group into the value proposition canvas: one canvas pain (or gain) for the whole group,
traced back to every member note and backed by every member's evidence.

So a canvas pain made from twelve sticky notes still shows, in the traceability view, each of the
twelve notes (and who wrote them) behind it; carrying the same group twice into one canvas is harmless.
"""

from __future__ import annotations

from sqlmodel import Session, select

from pmo_insight.errors import FieldProblem, ValidationFailed
from pmo_insight.grouping.models import NoteGroup, NoteGroupMember
from pmo_insight.grouping.tracing import carried_from_all, trace_group
from pmo_insight.models import CanvasItem, EmpathyMap, Quadrant, RefKind, ValueCanvas
from pmo_insight.services import canvases
from pmo_insight.services._rows import get_or_raise
from pmo_insight.services.carry import NOTE_KIND


def _member_ids(session: Session, group_id: int) -> list[int]:
    rows = session.exec(
        select(NoteGroupMember.note_id).where(NoteGroupMember.group_id == group_id).order_by(NoteGroupMember.note_id)
    ).all()
    return list(rows)


def carry_group(
    session: Session, *, group_id: int, canvas_id: int | None = None, new_canvas_title: str = ""
) -> CanvasItem:
    """The group as one canvas item titled like the group, in ``canvas_id`` or a new canvas of its persona."""
    group = get_or_raise(session, NoteGroup, group_id)
    kind = NOTE_KIND.get(Quadrant(group.quadrant))
    if kind is None:
        raise ValidationFailed([FieldProblem("quadrant", "error.cannot_carry")])
    note_ids = _member_ids(session, group_id)
    if not note_ids:
        raise ValidationFailed([FieldProblem("notes", "error.empty_group")])
    emap = get_or_raise(session, EmpathyMap, group.map_id)
    if canvas_id is None:
        canvas_id = canvases.create_canvas(session, persona_id=emap.persona_id, title=new_canvas_title).id
    elif get_or_raise(session, ValueCanvas, canvas_id).persona_id != emap.persona_id:
        raise ValidationFailed([FieldProblem("target", "error.other_persona")])
    existing = carried_from_all(session, source_kind=RefKind.EMPATHY_NOTE, source_ids=note_ids, canvas_id=canvas_id)
    if existing is not None:
        return existing
    item = canvases.add_item(session, canvas_id=canvas_id, kind=kind, text=group.title, rank=3)
    return trace_group(session, item=item, source_kind=RefKind.EMPATHY_NOTE, source_ids=note_ids)
