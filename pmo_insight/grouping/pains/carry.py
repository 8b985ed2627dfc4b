"""Carrying a pain group into the value proposition canvas: one canvas pain for the whole group,
traced back to every touchpoint in it and backed by every touchpoint's evidence.

The chain then reads note → touchpoint → canvas pain for each touchpoint that came from a note, so
a canvas pain made from six touchpoints shows all six (and the notes behind them) in the
traceability view. Its severity is the group's: the lowest emotion among its touchpoints, raised to
4 when the group is a key pain. Carrying the same group twice into one canvas is harmless.
"""

from __future__ import annotations

from sqlmodel import Session, select

from pmo_insight.errors import FieldProblem, ValidationFailed
from pmo_insight.grouping.pains.models import PainGroup, PainGroupMember
from pmo_insight.grouping.tracing import carried_from_all, trace_group
from pmo_insight.models import CanvasItem, ItemKind, Journey, RefKind, Touchpoint
from pmo_insight.services import canvases
from pmo_insight.services._rows import get_or_raise
from pmo_insight.services.carry import canvas_for_persona, pain_severity


def carry_pain_group(session: Session, *, group_id: int, canvas_title: str) -> CanvasItem:
    """The group as one customer pain titled like the group, in its persona's canvas (made if none)."""
    group = get_or_raise(session, PainGroup, group_id)
    touchpoints = session.exec(
        select(Touchpoint)
        .join(PainGroupMember, PainGroupMember.touchpoint_id == Touchpoint.id)
        .where(PainGroupMember.group_id == group_id)
        .order_by(Touchpoint.id)
    ).all()
    if not touchpoints:
        raise ValidationFailed([FieldProblem("touchpoints", "error.empty_pain_group")])
    ids = [t.id for t in touchpoints]
    journey = get_or_raise(session, Journey, group.journey_id)
    canvas = canvas_for_persona(session, persona_id=journey.persona_id, title=canvas_title)
    existing = carried_from_all(session, source_kind=RefKind.TOUCHPOINT, source_ids=ids, canvas_id=canvas.id)
    if existing is not None:
        return existing
    severity = max(
        pain_severity(min(t.emotion_now for t in touchpoints)), 4 if any(t.is_key_pain for t in touchpoints) else 1
    )
    item = canvases.add_item(session, canvas_id=canvas.id, kind=ItemKind.PAIN, text=group.title, rank=severity)
    return trace_group(session, item=item, source_kind=RefKind.TOUCHPOINT, source_ids=ids)
