"""Carrying a pain group into the value proposition canvas: one canvas pain for the whole group,
traced back to every touchpoint in it and backed by every touchpoint's evidence.

The chain then reads note → touchpoint → canvas pain for each touchpoint that came from a note, so
a canvas pain made from six touchpoints shows all six (and the notes behind them) in the
traceability view. Its severity is the group's: the lowest emotion among its touchpoints, raised to
4 when the group is a key pain. Carrying the same group twice into one canvas is harmless.
"""

from __future__ import annotations

from sqlmodel import Session, select

from pmo_insight.domain.refs import Ref
from pmo_insight.errors import FieldProblem, ValidationFailed
from pmo_insight.grouping.pains.models import PainGroup, PainGroupMember
from pmo_insight.models import CanvasItem, EvidenceLink, ItemKind, Journey, RefKind, Touchpoint, TraceLink
from pmo_insight.services import canvases
from pmo_insight.services._rows import get_or_raise
from pmo_insight.services.carry import canvas_for_persona, pain_severity
from pmo_insight.services.links import add_trace, link_evidence


def _carried(session: Session, touchpoint_ids: list[int], canvas_id: int) -> CanvasItem | None:
    """An item of the canvas traced from every one of ``touchpoint_ids`` (the group carried before)."""
    traced = session.exec(
        select(TraceLink.target_id, TraceLink.source_id)
        .join(CanvasItem, CanvasItem.id == TraceLink.target_id)
        .where(
            TraceLink.target_type == RefKind.CANVAS_ITEM,
            TraceLink.source_type == RefKind.TOUCHPOINT,
            TraceLink.source_id.in_(touchpoint_ids),
            CanvasItem.canvas_id == canvas_id,
        )
    ).all()
    sources: dict[int, set[int]] = {}
    for target, source in traced:
        sources.setdefault(target, set()).add(source)
    full = sorted(t for t, s in sources.items() if s == set(touchpoint_ids))
    return session.get(CanvasItem, full[0]) if full else None


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
    existing = _carried(session, ids, canvas.id)
    if existing is not None:
        return existing
    severity = max(
        pain_severity(min(t.emotion_now for t in touchpoints)), 4 if any(t.is_key_pain for t in touchpoints) else 1
    )
    item = canvases.add_item(session, canvas_id=canvas.id, kind=ItemKind.PAIN, text=group.title, rank=severity)
    target = Ref(RefKind.CANVAS_ITEM, item.id)
    for touchpoint_id in ids:
        add_trace(session, source=Ref(RefKind.TOUCHPOINT, touchpoint_id), target=target)
    evidence_ids = session.exec(
        select(EvidenceLink.evidence_id)
        .where(EvidenceLink.target_type == RefKind.TOUCHPOINT, EvidenceLink.target_id.in_(ids))
        .distinct()
    ).all()
    for evidence_id in evidence_ids:
        link_evidence(session, evidence_id=evidence_id, target=target)
    return item
