"""Evidence: the interviews, surveys and data that turn an assumption into an insight."""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlmodel import Session, select

from pmo_insight.domain.chain import WorkshopChain
from pmo_insight.domain.refs import Ref
from pmo_insight.models import Evidence, EvidenceCreate, EvidenceLink, EvidenceUpdate, Workshop
from pmo_insight.services._rows import get_or_raise, insert, versioned_delete, versioned_update
from pmo_insight.services.links import link_evidence, unlink_evidence, workshop_of

__all__ = [
    "attach_evidence",
    "attach_new_evidence",
    "create_evidence",
    "delete_evidence",
    "detach_evidence",
    "evidence_counts",
    "evidence_for",
    "evidence_in_chain",
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


def attach_evidence(session: Session, *, target: Ref, evidence_id: int) -> None:
    """Back ``target`` with an existing evidence item of its workshop; attaching twice is harmless."""
    link_evidence(session, evidence_id=evidence_id, target=target)


def attach_new_evidence(session: Session, *, target: Ref, **fields: Any) -> Evidence:
    """Record new evidence (fields as in :class:`EvidenceCreate`) and attach it, in one step."""
    created = create_evidence(session, workshop_id=workshop_of(session, target), **fields)
    link_evidence(session, evidence_id=created.id, target=target)
    return created


def detach_evidence(session: Session, *, target: Ref, evidence_id: int) -> None:
    """The evidence item stays in the workshop; only its support for ``target`` goes."""
    unlink_evidence(session, evidence_id=evidence_id, target=target)


def evidence_counts(chain: WorkshopChain) -> Counter[Ref]:
    """How many evidence items back each item of a loaded chain: badges without a query per card."""
    return Counter(Ref(link.target_type, link.target_id) for link in chain.evidence_links)


def evidence_in_chain(chain: WorkshopChain, target: Ref) -> list[Evidence]:
    """The evidence backing ``target``, from a loaded chain (no query)."""
    ids = {link.evidence_id for link in chain.evidence_links if Ref(link.target_type, link.target_id) == target}
    return [item for item in chain.evidence if item.id in ids]
