"""The workshop revision: one integer that every write to anything a workshop owns raises.

Contract (screens, caches and other server processes rely on it):

- ``workshop.revision`` starts at 0 and only grows.
- Every transaction that inserts, updates or deletes a row belonging to a workshop (the workshop
  itself, or anything reached from it through :data:`OWNERS`) raises that workshop's revision by
  one, in the same transaction, just before it commits. A transaction that writes nothing leaves
  it alone; a rolled-back one leaves no trace.
- So ``(workshop id, revision)`` names one state of the workshop's whole chain: a cache keyed by
  it never serves stale data, and a live screen that polls the revision (one primary-key look-up)
  knows whether anything changed, whichever process made the change.

It is enforced in one place, by session events, not remembered by each service: ORM writes are
seen in ``before_flush``, bulk UPDATE/DELETE statements run through a session in
``do_orm_execute`` (their rows' owners are read before the statement runs), and the collected
workshops are raised in ``before_commit``. Every table must be listed in :data:`OWNERS`; a test
fails when a new table is not.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Table, event, select, update
from sqlalchemy.orm import ORMExecuteState
from sqlmodel import Session, SQLModel

#: For each table: the column that holds its owner's id, and the owner's table
#: (``None`` when that column already is the workshop's id).
#: A column of ``None`` marks an access table that belongs to no workshop (portfolio links): its
#: writes raise no revision.
OWNERS: dict[str, tuple[str | None, str | None]] = {
    "workshop": ("id", None),
    "participant": ("workshop_id", None),
    "persona": ("workshop_id", None),
    "evidence": ("workshop_id", None),
    "empathymap": ("workshop_id", None),
    "journey": ("workshop_id", None),
    "valuecanvas": ("workshop_id", None),
    "tracelink": ("workshop_id", None),
    "empathynote": ("map_id", "empathymap"),
    "journeystage": ("journey_id", "journey"),
    "touchpoint": ("journey_id", "journey"),
    "canvasitem": ("canvas_id", "valuecanvas"),
    "fitlink": ("canvas_id", "valuecanvas"),
    "kpi": ("canvas_id", "valuecanvas"),
    "kpilink": ("kpi_id", "kpi"),
    "evidencelink": ("evidence_id", "evidence"),
    "kpiactual": ("kpi_id", "kpi"),
    "snapshot": ("workshop_id", None),
    # the review layer (pmo_insight/review/models.py)
    "reviewlink": ("workshop_id", None),
    "reviewcomment": ("workshop_id", None),
    "reviewdecision": ("workshop_id", None),
    "livesession": ("workshop_id", None),
    "liveparticipant": ("workshop_id", None),
    "dotvote": ("participant_id", "liveparticipant"),
    # imported surveys (pmo_insight/surveys/models.py)
    "surveycolumn": ("evidence_id", "evidence"),
    "surveyresponse": ("evidence_id", "evidence"),
    "surveysegment": ("evidence_id", "evidence"),
    # the portfolio (pmo_insight/portfolio/models.py): links over every workshop, owned by none
    "portfoliolink": (None, None),
    # note groups (pmo_insight/grouping/models.py)
    "notegroup": ("map_id", "empathymap"),
    "notegroupmember": ("group_id", "notegroup"),
    # pain groups on a journey (pmo_insight/grouping/pains/models.py)
    "paingroup": ("journey_id", "journey"),
    "paingroupmember": ("group_id", "paingroup"),
}

#: Tables that belong to no workshop (the front door's: pmo_insight/access/models.py); writing them
#: raises no revision. Listed explicitly, so a forgotten table still fails loudly.
UNOWNED: set[str] = {"facilitatorkey", "signinfailure", "signinlock"}

_TOUCHED = "pmo_insight.touched_workshops"


def register_owner(table: str, column: str | None, parent: str | None) -> None:
    """For a feature module's own tables: which column leads to the owning workshop."""
    OWNERS[table] = (column, parent)


def register_unowned(table: str) -> None:
    """For a table no workshop owns: its writes raise no revision."""
    UNOWNED.add(table)


def revision_of(session: Session, *, workshop_id: int) -> int | None:
    """The workshop's current revision (one primary-key look-up), or None if it does not exist."""
    table = _table("workshop")
    return session.connection().execute(select(table.c.revision).where(table.c.id == workshop_id)).scalar()


def touched(session: Session) -> set[int]:
    """The workshops this session's open transaction has written to so far."""
    return session.info.setdefault(_TOUCHED, set())


def _table(name: str) -> Table:
    return SQLModel.metadata.tables[name]


def _workshops(session: Session, table_name: str, owner_ids: Iterable[int | None]) -> set[int]:
    """The workshops that rows of ``table_name`` with these owner-column values belong to."""
    ids = {i for i in owner_ids if i is not None}
    column, parent = OWNERS[table_name]
    while parent is not None and ids:
        parent_column, grandparent = OWNERS[parent]
        table = _table(parent)
        ids = set(session.connection().execute(select(table.c[parent_column]).where(table.c.id.in_(ids))).scalars())
        parent = grandparent
    return ids


@event.listens_for(Session, "before_flush")
def _rows_written(session: Session, _context, _instances) -> None:
    by_table: dict[str, set[int | None]] = {}
    for row in (*session.new, *session.dirty, *session.deleted):
        table = getattr(row, "__tablename__", None)
        if table is None or table in UNOWNED:
            continue
        if table not in OWNERS:
            raise LookupError(f"table {table!r} has no owner in pmo_insight.persistence.revision.OWNERS")
        if row in session.dirty and not session.is_modified(row, include_collections=False):
            continue
        column, _parent = OWNERS[table]
        if column is None:
            continue
        by_table.setdefault(table, set()).add(getattr(row, column))
    if by_table:
        with session.no_autoflush:
            for table, owner_ids in by_table.items():
                touched(session).update(_workshops(session, table, owner_ids))


@event.listens_for(Session, "do_orm_execute")
def _bulk_statement(state: ORMExecuteState) -> None:
    if not (state.is_update or state.is_delete):
        return
    statement = state.statement
    table = getattr(statement, "table", None)
    name = getattr(table, "name", None)
    if name is None or name == "alembic_version" or name in UNOWNED:
        return
    if name not in OWNERS:
        raise LookupError(f"table {name!r} has no owner in pmo_insight.persistence.revision.OWNERS")
    column, _parent = OWNERS[name]
    if column is None:
        return
    query = select(_table(name).c[column])
    if statement.whereclause is not None:
        query = query.where(statement.whereclause)
    session = state.session
    with session.no_autoflush:
        owner_ids = set(session.connection().execute(query).scalars())
        touched(session).update(_workshops(session, name, owner_ids))


@event.listens_for(Session, "before_commit")
def _raise_revisions(session: Session) -> None:
    session.flush()  # the last writes are seen by before_flush before we raise
    ids = session.info.pop(_TOUCHED, None)
    if ids:
        table = _table("workshop")
        # Straight on the connection: this UPDATE must not be recorded as a write itself.
        session.connection().execute(
            update(table).where(table.c.id.in_(sorted(ids))).values(revision=table.c.revision + 1)
        )


@event.listens_for(Session, "after_rollback")
@event.listens_for(Session, "after_soft_rollback")
def _forget(session: Session, *_args) -> None:
    session.info.pop(_TOUCHED, None)
