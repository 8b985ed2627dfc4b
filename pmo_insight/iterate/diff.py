"""What changed between two snapshots, or a snapshot and the workshop now, read from the database.

The diff itself is computed by the domain (:mod:`pmo_insight.domain.diff`) from two backup documents.
"""

from __future__ import annotations

import json

from sqlmodel import Session

from pmo_insight.domain.chain import WorkshopChain
from pmo_insight.domain.diff import Side, WorkshopDiff, diff_documents, side_of_snapshot
from pmo_insight.domain.documents import document_of
from pmo_insight.iterate.snapshots import get_snapshot
from pmo_insight.models import utcnow
from pmo_insight.persistence.chain_loader import load_chain


def workshop_diff(
    session: Session, *, workshop_id: int, base_id: int, head_id: int | None = None, chain: WorkshopChain | None = None
) -> WorkshopDiff:
    """The diff from snapshot ``base_id`` to snapshot ``head_id``, or to the workshop now (``chain`` if loaded)."""
    base = get_snapshot(session, snapshot_id=base_id, workshop_id=workshop_id)
    if head_id is not None:
        head = get_snapshot(session, snapshot_id=head_id, workshop_id=workshop_id)
        after, head_side = json.loads(head.document), side_of_snapshot(head)
    else:
        now = utcnow()
        if chain is None or chain.survey_responses is None:  # the diff compares the answers too
            chain = load_chain(session, workshop_id=workshop_id)
        after, head_side = document_of(chain, at=now), Side("", now.isoformat(timespec="seconds"))
    return diff_documents(json.loads(base.document), after, base=side_of_snapshot(base), head=head_side)
