"""Restore a workshop backup as a new workshop: the whole file checked first, then written at once.

The checks are the domain's (:mod:`pmo_insight.domain.backup_check`): a rejected file leaves the
database exactly as it was. Restore is also how snapshots are opened as workshops and how the demo
workshops are loaded from their files.
"""

from __future__ import annotations

from sqlmodel import Session

from pmo_insight.domain.backup_check import _columns, check_backup, parse_backup
from pmo_insight.domain.backup_format import SECTIONS
from pmo_insight.models import Workshop


def restore_backup(session: Session, *, data: bytes) -> Workshop:
    """Check the backup in ``data`` completely, then add it as a new workshop in this transaction."""
    checked = check_backup(parse_backup(data))
    workshop = Workshop(**checked.workshop)
    session.add(workshop)
    session.flush()
    new_ids: dict[str, dict[int, int]] = {}
    for section in SECTIONS:
        rows = checked.rows[section.key]
        created = [section.model(**_columns(section, row, workshop.id, new_ids)) for row in rows]
        session.add_all(created)
        session.flush()
        if section.identified:
            new_ids[section.key] = {row.entry["id"]: obj.id for row, obj in zip(rows, created, strict=True)}
    return workshop
