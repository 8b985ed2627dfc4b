"""A backup document read back as an in-memory chain, without a database.

Snapshots are stored as backup documents (one format for backup, restore and snapshots). To show
one read-only, or to compare two, the document is checked exactly as a restore checks it and then
built into the same row objects a loaded chain holds, with the file's local ids standing in for
database ids. Every pure function over a chain (fit, health, the emotion curve, the report) then
works on a snapshot unchanged. Nothing here touches a session.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

from pmo_insight.domain.backup_check import _columns, check_backup
from pmo_insight.domain.backup_format import SECTIONS, backup_document
from pmo_insight.domain.chain import WorkshopChain, record_of
from pmo_insight.models import Workshop


class _SameId(dict):
    """A local id maps to itself: the file's ids serve as the rows' ids."""

    def __missing__(self, key: int) -> int:
        return key


def document_of(chain: WorkshopChain, *, at: datetime | None = None) -> dict[str, Any]:
    """The chain as a backup document (JSON-ready)."""
    return backup_document(chain, exported_at=at)


def parse_document(text: str | bytes) -> dict[str, Any]:
    return json.loads(text)


def chain_from_document(document: dict[str, Any], *, workshop_id: int = 0) -> WorkshopChain:
    """The chain a backup document describes, as unsaved rows; raises ``BackupRejected`` if invalid."""
    checked = check_backup(document)
    workshop = Workshop(**checked.workshop, id=workshop_id)
    same = {section.key: _SameId() for section in SECTIONS}
    lists: dict[str, tuple] = {}
    for section in SECTIONS:
        built = []
        for row in checked.rows[section.key]:
            obj = section.model(**_columns(section, row, workshop_id, same))
            if section.identified:
                obj.id = row.entry["id"]
            built.append(record_of(section.model, obj))
        lists[section.chain_attr] = tuple(built)
    return WorkshopChain(workshop=record_of(Workshop, workshop), **lists)


def document_day(document: dict[str, Any]) -> date:
    """The day the document was written (its ``exported_at``), for checks that depend on the date."""
    try:
        moment = datetime.fromisoformat(str(document.get("exported_at")))
    except ValueError:
        return datetime.now(UTC).date()
    return moment.date()
