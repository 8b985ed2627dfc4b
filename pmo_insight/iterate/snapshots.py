"""Snapshots: the whole chain at one moment, stored as its JSON backup document and never changed.

Taken by hand with a label ("Before the H1 review"), by "Start the review" (pmo_insight/iterate/
rhythm.py), and by the review feature whenever a reviewer records a decision: that feature calls
:func:`take_snapshot` inside its own transaction. A snapshot is immutable: the document is a copy,
so editing the workshop never reaches it, and a session event refuses any change to a stored
snapshot row. One can be opened read-only (:func:`snapshot_chain`) or restored as a new workshop.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import event
from sqlmodel import Session, select

from pmo_insight.domain.chain import WorkshopChain
from pmo_insight.domain.diff import BaseSnapshot
from pmo_insight.domain.documents import chain_from_document, document_of
from pmo_insight.errors import DomainError
from pmo_insight.models import NAME_MAX, Snapshot, SnapshotCreate, Workshop, utcnow
from pmo_insight.persistence.chain_loader import load_chain
from pmo_insight.persistence.restore import restore_backup
from pmo_insight.services._rows import get_or_raise, validate


class SnapshotImmutable(DomainError):
    """A stored snapshot may not be changed."""

    key = "iterate.error.snapshot_immutable"


class SnapshotOfAnotherWorkshop(DomainError):
    key = "iterate.error.other_workshop"

    def __init__(self, snapshot_id: int, workshop_id: int) -> None:
        super().__init__(self.key, snapshot=snapshot_id, workshop=workshop_id)


@dataclass(frozen=True)
class SnapshotInfo:
    """What the list shows: everything but the (large) document."""

    id: int
    workshop_id: int
    label: str
    taken_at: datetime
    taken_by: str
    revision: int


def take_snapshot(session: Session, workshop_id: int, label: str, taken_by: str = "") -> Snapshot:
    """Store the workshop's whole chain as it is now under ``label``; returns the new snapshot."""
    fields = validate(SnapshotCreate, {"label": label, "taken_by": taken_by})
    chain = load_chain(session, workshop_id=workshop_id)
    taken_at = utcnow()
    document = document_of(chain, at=taken_at)
    snapshot = Snapshot(
        **fields,
        workshop_id=workshop_id,
        taken_at=taken_at,
        revision=chain.workshop.revision,
        document=json.dumps(document, ensure_ascii=False, separators=(",", ":")),
    )
    session.add(snapshot)
    session.flush()
    return snapshot


def list_snapshots(session: Session, *, workshop_id: int) -> list[SnapshotInfo]:
    """The workshop's snapshots, newest first, without their documents."""
    get_or_raise(session, Workshop, workshop_id)
    rows = session.exec(
        select(
            Snapshot.id, Snapshot.workshop_id, Snapshot.label, Snapshot.taken_at, Snapshot.taken_by, Snapshot.revision
        )
        .where(Snapshot.workshop_id == workshop_id)
        .order_by(Snapshot.taken_at.desc(), Snapshot.id.desc())
    ).all()
    return [SnapshotInfo(*row) for row in rows]


def get_snapshot(session: Session, *, snapshot_id: int, workshop_id: int | None = None) -> Snapshot:
    """One snapshot with its document; with ``workshop_id``, refuse a snapshot of another workshop."""
    snapshot = get_or_raise(session, Snapshot, snapshot_id)
    if workshop_id is not None and snapshot.workshop_id != workshop_id:
        raise SnapshotOfAnotherWorkshop(snapshot_id, workshop_id)
    return snapshot


def snapshot_document(session: Session, *, snapshot_id: int, workshop_id: int | None = None) -> dict[str, Any]:
    return json.loads(get_snapshot(session, snapshot_id=snapshot_id, workshop_id=workshop_id).document)


def snapshot_chain(session: Session, *, snapshot_id: int, workshop_id: int | None = None) -> WorkshopChain:
    """The snapshot's chain, read-only (unsaved rows): for the screens' read-only views."""
    snapshot = get_snapshot(session, snapshot_id=snapshot_id, workshop_id=workshop_id)
    return chain_from_document(json.loads(snapshot.document), workshop_id=snapshot.workshop_id)


def base_snapshot(session: Session, *, snapshot_id: int, workshop_id: int) -> BaseSnapshot:
    """A snapshot of this workshop as the base an export compares with."""
    snapshot = get_snapshot(session, snapshot_id=snapshot_id, workshop_id=workshop_id)
    return BaseSnapshot(snapshot.id, snapshot.label, snapshot.taken_at.isoformat(timespec="seconds"), snapshot.document)


def restore_snapshot(session: Session, *, snapshot_id: int) -> Workshop:
    """The snapshot as a new workshop (the existing restore), titled with the snapshot's label.

    The items keep their stable identities, so the copy can be compared with the original."""
    snapshot = get_snapshot(session, snapshot_id=snapshot_id)
    document = json.loads(snapshot.document)
    title = f"{document['workshop']['title']} ({snapshot.label})"
    document["workshop"]["title"] = title if len(title) <= NAME_MAX else title[: NAME_MAX - 1] + "…"
    return restore_backup(session, data=json.dumps(document, ensure_ascii=False).encode("utf-8"))


@event.listens_for(Session, "before_flush")
def _snapshots_stay_as_taken(session: Session, _context, _instances) -> None:
    for row in session.dirty:
        if isinstance(row, Snapshot) and session.is_modified(row, include_collections=False):
            raise SnapshotImmutable()
