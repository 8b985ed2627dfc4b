"""Evidence: the interviews, surveys and data that turn an assumption into an insight."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, select

from pmo_insight.models import Evidence, EvidenceCreate, EvidenceLink, EvidenceUpdate, Workshop
from pmo_insight.refs import Ref
from pmo_insight.services._rows import get_or_raise, insert, versioned_delete, versioned_update
from pmo_insight.services.links import link_evidence, unlink_evidence

__all__ = [
    "create_evidence",
    "delete_evidence",
    "evidence_for",
    "link_evidence",
    "list_evidence",
    "unlink_evidence",
    "update_evidence",
]


def create_evidence(session: Session, *, workshop_id: int, **fields: Any) -> Evidence:
    get_or_raise(session, Workshop, workshop_id)
    return insert(session, Evidence, EvidenceCreate, fields, workshop_id=workshop_id)


def update_evidence(session: Session, *, evidence_id: int, expected_version: int, **changes: Any) -> Evidence:
    return versioned_update(
        session, Evidence, evidence_id, expected_version=expected_version, changes=changes, schema=EvidenceUpdate
    )


def delete_evidence(session: Session, *, evidence_id: int, expected_version: int | None = None) -> None:
    versioned_delete(session, Evidence, evidence_id, expected_version=expected_version)


def list_evidence(session: Session, *, workshop_id: int) -> list[Evidence]:
    return list(session.exec(select(Evidence).where(Evidence.workshop_id == workshop_id).order_by(Evidence.id)).all())


def evidence_for(session: Session, *, target: Ref) -> list[Evidence]:
    return list(
        session.exec(
            select(Evidence)
            .join(EvidenceLink, EvidenceLink.evidence_id == Evidence.id)
            .where(EvidenceLink.target_type == target.kind, EvidenceLink.target_id == target.id)
            .order_by(Evidence.id)
        ).all()
    )
