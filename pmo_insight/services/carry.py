"""Carrying an insight down the chain: an empathy note or a journey pain becomes a canvas item.

This is what stops the tools being used in isolation (the article's fourth pitfall): the new
canvas item records where it came from as a trace link, and inherits the evidence of its
source, so a pain in the canvas can always be followed back to what the persona felt.
"""

from __future__ import annotations

from sqlmodel import Session, select

from pmo_insight.domain.refs import Ref
from pmo_insight.errors import FieldProblem, ValidationFailed
from pmo_insight.models import (
    CanvasItem,
    EmpathyNote,
    EvidenceLink,
    ItemKind,
    Persona,
    Quadrant,
    RefKind,
    Touchpoint,
    TraceLink,
    ValueCanvas,
)
from pmo_insight.services import canvases
from pmo_insight.services._rows import get_or_raise
from pmo_insight.services.links import add_trace, link_evidence

#: What an empathy note becomes in the canvas, by quadrant.
NOTE_KIND = {Quadrant.PAINS: ItemKind.PAIN, Quadrant.FEELS: ItemKind.PAIN, Quadrant.GAINS: ItemKind.GAIN}


def pain_severity(emotion_now: int) -> int:
    """A touchpoint's emotion (-3..+3) as a canvas severity (1..5): the lower, the more severe."""
    return max(1, min(5, 2 - emotion_now))


def canvas_for_persona(session: Session, *, persona_id: int, title: str) -> ValueCanvas:
    """The persona's first canvas, created with ``title`` when it has none yet."""
    persona = get_or_raise(session, Persona, persona_id)
    existing = session.exec(
        select(ValueCanvas).where(ValueCanvas.persona_id == persona.id).order_by(ValueCanvas.id)
    ).first()
    return existing or canvases.create_canvas(session, persona_id=persona.id, title=title)


def carried_item(session: Session, *, source: Ref, canvas_id: int) -> CanvasItem | None:
    """The item ``source`` was already carried into on this canvas, if any."""
    return session.exec(
        select(CanvasItem)
        .join(TraceLink, (TraceLink.target_id == CanvasItem.id) & (TraceLink.target_type == RefKind.CANVAS_ITEM))
        .where(
            TraceLink.source_type == source.kind,
            TraceLink.source_id == source.id,
            CanvasItem.canvas_id == canvas_id,
        )
    ).first()


def carry_into_canvas(session: Session, *, source: Ref, canvas_id: int) -> CanvasItem:
    """Create the canvas pain or gain ``source`` stands for, traced back to it; idempotent per canvas."""
    existing = carried_item(session, source=source, canvas_id=canvas_id)
    if existing is not None:
        return existing
    get_or_raise(session, ValueCanvas, canvas_id)
    if source.kind == RefKind.EMPATHY_NOTE:
        note = get_or_raise(session, EmpathyNote, source.id)
        kind = NOTE_KIND.get(Quadrant(note.quadrant))
        if kind is None:
            raise ValidationFailed([FieldProblem("quadrant", "error.cannot_carry")])
        text, rank = note.text, 3
    elif source.kind == RefKind.TOUCHPOINT:
        touchpoint = get_or_raise(session, Touchpoint, source.id)
        kind = ItemKind.PAIN
        text = touchpoint.pain_point or touchpoint.name
        rank = max(pain_severity(touchpoint.emotion_now), 4 if touchpoint.is_key_pain else 1)
    else:
        raise ValidationFailed([FieldProblem("source", "error.cannot_carry")])
    item = canvases.add_item(session, canvas_id=canvas_id, kind=kind, text=text, rank=rank)
    target = Ref(RefKind.CANVAS_ITEM, item.id)
    add_trace(session, source=source, target=target)
    evidence_ids = session.exec(
        select(EvidenceLink.evidence_id).where(
            EvidenceLink.target_type == source.kind, EvidenceLink.target_id == source.id
        )
    ).all()
    for evidence_id in evidence_ids:
        link_evidence(session, evidence_id=evidence_id, target=target)
    return item
