"""Tracing a group carried into the canvas: the one canvas item made from a whole group, traced back
to every member (notes or touchpoints) and backed by every member's evidence; used by both carries
(:mod:`pmo_insight.grouping.carry`, :mod:`pmo_insight.grouping.pains.carry`). Helpers inside their
transaction, not services of their own.
"""

from __future__ import annotations

from sqlmodel import Session, select

from pmo_insight.domain.refs import Ref
from pmo_insight.models import CanvasItem, EvidenceLink, RefKind, TraceLink
from pmo_insight.services.links import add_trace, link_evidence


def carried_from_all(
    session: Session, *, source_kind: RefKind, source_ids: list[int], canvas_id: int
) -> CanvasItem | None:
    """An item of the canvas traced from every one of ``source_ids`` (the group carried before)."""
    traced = session.exec(
        select(TraceLink.target_id, TraceLink.source_id)
        .join(CanvasItem, CanvasItem.id == TraceLink.target_id)
        .where(
            TraceLink.target_type == RefKind.CANVAS_ITEM,
            TraceLink.source_type == source_kind,
            TraceLink.source_id.in_(source_ids),
            CanvasItem.canvas_id == canvas_id,
        )
    ).all()
    sources: dict[int, set[int]] = {}
    for target, source in traced:
        sources.setdefault(target, set()).add(source)
    full = sorted(t for t, s in sources.items() if s == set(source_ids))
    return session.get(CanvasItem, full[0]) if full else None


def trace_group(session: Session, *, item: CanvasItem, source_kind: RefKind, source_ids: list[int]) -> CanvasItem:
    """Trace a new canvas item back to every member of a group and link every member's evidence."""
    target = Ref(RefKind.CANVAS_ITEM, item.id)
    for source_id in source_ids:
        add_trace(session, source=Ref(source_kind, source_id), target=target)
    evidence_ids = session.exec(
        select(EvidenceLink.evidence_id)
        .where(EvidenceLink.target_type == source_kind, EvidenceLink.target_id.in_(source_ids))
        .distinct()
    ).all()
    for evidence_id in evidence_ids:
        link_evidence(session, evidence_id=evidence_id, target=target)
    return item
