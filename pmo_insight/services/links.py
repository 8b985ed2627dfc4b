"""Trace links (where an item came from) and evidence links (what backs it).

Both point at items of several tables, so the database cannot cascade them: every service that
deletes chain items calls :func:`purge_dangling` afterwards.
"""

from __future__ import annotations

from sqlalchemy import delete
from sqlmodel import Session, select

from pmo_insight.domain.refs import REF_MODELS, Ref
from pmo_insight.errors import FieldProblem, NotFound, ValidationFailed
from pmo_insight.models import (
    CanvasItem,
    EmpathyMap,
    EmpathyNote,
    Evidence,
    EvidenceLink,
    Journey,
    Kpi,
    Persona,
    RefKind,
    Touchpoint,
    TraceLink,
    ValueCanvas,
)
from pmo_insight.services._rows import get_or_raise


def workshop_of(session: Session, ref: Ref) -> int:
    """The workshop an item belongs to (raises NotFound for a missing item)."""
    row = get_or_raise(session, REF_MODELS[ref.kind], ref.id)
    if isinstance(row, Persona):
        return row.workshop_id
    if isinstance(row, EmpathyNote):
        return get_or_raise(session, EmpathyMap, row.map_id).workshop_id
    if isinstance(row, Touchpoint):
        return get_or_raise(session, Journey, row.journey_id).workshop_id
    if isinstance(row, CanvasItem | Kpi):
        return get_or_raise(session, ValueCanvas, row.canvas_id).workshop_id
    raise NotFound(ref.kind.value, ref.id)  # pragma: no cover - REF_MODELS is exhaustive


#: The chain's direction: a trace runs from an earlier tool to a later one, never back.
CHAIN_ORDER = {
    RefKind.PERSONA: 0,
    RefKind.EMPATHY_NOTE: 1,
    RefKind.TOUCHPOINT: 2,
    RefKind.CANVAS_ITEM: 3,
    RefKind.KPI: 4,
}


def add_trace(session: Session, *, source: Ref, target: Ref) -> TraceLink:
    """Record that ``target`` was derived from ``source``; idempotent."""
    workshop_id = workshop_of(session, source)
    if workshop_of(session, target) != workshop_id:
        raise ValidationFailed([FieldProblem("target", "error.other_workshop")])
    if source == target:
        raise ValidationFailed([FieldProblem("target", "error.self_link")])
    if CHAIN_ORDER[source.kind] >= CHAIN_ORDER[target.kind]:
        raise ValidationFailed([FieldProblem("target", "error.trace_direction")])
    existing = session.exec(
        select(TraceLink).where(
            TraceLink.source_type == source.kind,
            TraceLink.source_id == source.id,
            TraceLink.target_type == target.kind,
            TraceLink.target_id == target.id,
        )
    ).first()
    if existing:
        return existing
    link = TraceLink(
        workshop_id=workshop_id,
        source_type=source.kind,
        source_id=source.id,
        target_type=target.kind,
        target_id=target.id,
    )
    session.add(link)
    session.flush()
    return link


def remove_trace(session: Session, *, source: Ref, target: Ref) -> None:
    session.exec(
        delete(TraceLink).where(
            TraceLink.source_type == source.kind,
            TraceLink.source_id == source.id,
            TraceLink.target_type == target.kind,
            TraceLink.target_id == target.id,
        )
    )


def link_evidence(session: Session, *, evidence_id: int, target: Ref) -> EvidenceLink:
    """Back an item with evidence of the same workshop; idempotent."""
    evidence = get_or_raise(session, Evidence, evidence_id)
    if workshop_of(session, target) != evidence.workshop_id:
        raise ValidationFailed([FieldProblem("evidence", "error.other_workshop")])
    existing = session.exec(
        select(EvidenceLink).where(
            EvidenceLink.evidence_id == evidence_id,
            EvidenceLink.target_type == target.kind,
            EvidenceLink.target_id == target.id,
        )
    ).first()
    if existing:
        return existing
    link = EvidenceLink(evidence_id=evidence_id, target_type=target.kind, target_id=target.id)
    session.add(link)
    session.flush()
    return link


def unlink_evidence(session: Session, *, evidence_id: int, target: Ref) -> None:
    session.exec(
        delete(EvidenceLink).where(
            EvidenceLink.evidence_id == evidence_id,
            EvidenceLink.target_type == target.kind,
            EvidenceLink.target_id == target.id,
        )
    )


def purge_dangling(session: Session) -> None:
    """Delete trace and evidence links whose item is gone: a fixed number of statements."""
    session.flush()
    for kind, model in REF_MODELS.items():
        alive = select(model.__table__.c.id)  # type: ignore[attr-defined]
        session.exec(
            delete(TraceLink).where(
                ((TraceLink.source_type == kind) & TraceLink.source_id.not_in(alive))
                | ((TraceLink.target_type == kind) & TraceLink.target_id.not_in(alive))
            )
        )
        session.exec(
            delete(EvidenceLink).where((EvidenceLink.target_type == kind) & EvidenceLink.target_id.not_in(alive))
        )
    session.expire_all()


__all__ = [
    "RefKind",
    "add_trace",
    "link_evidence",
    "purge_dangling",
    "remove_trace",
    "unlink_evidence",
    "workshop_of",
]
