"""Create / update / delete helpers shared by every service, with validation and optimistic locking."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import ValidationError
from sqlalchemy import delete, func, update
from sqlmodel import Session, SQLModel, select

from pmo_insight.domain.problems import PYDANTIC_TO_KEY, problem_params
from pmo_insight.errors import FieldProblem, NotFound, StaleVersion, ValidationFailed
from pmo_insight.models import utcnow

M = TypeVar("M", bound=SQLModel)


def validate(schema: type[SQLModel], data: dict[str, Any], *, partial: bool = False) -> dict[str, Any]:
    """Validate user input against a Create/Update schema; return only the fields that were given."""
    try:
        model = schema.model_validate(data)
    except ValidationError as exc:
        raise ValidationFailed([_problem(err) for err in exc.errors()]) from None
    return model.model_dump(exclude_unset=partial)


def _problem(err: Any) -> FieldProblem:
    field = ".".join(str(p) for p in err["loc"] if isinstance(p, str)) or "value"
    key = PYDANTIC_TO_KEY.get(err["type"], "error.invalid_value")
    return FieldProblem(field=field, key=key, params=problem_params(err))


def get_or_raise(session: Session, model: type[M], row_id: int) -> M:
    row = session.get(model, row_id)
    if row is None:
        raise NotFound(model.__tablename__, row_id)
    return row


def insert(session: Session, model: type[M], schema: type[SQLModel], data: dict[str, Any], **owner: Any) -> M:
    """Validate ``data`` with ``schema`` and insert a row owned by ``owner`` (foreign keys, position)."""
    row = model(**validate(schema, data), **owner)
    session.add(row)
    session.flush()
    return row


def versioned_update(
    session: Session,
    model: type[M],
    row_id: int,
    *,
    expected_version: int,
    changes: dict[str, Any],
    schema: type[SQLModel] | None = None,
) -> M:
    """Apply ``changes`` only if the row is still at ``expected_version``; one atomic UPDATE."""
    values = validate(schema, changes, partial=True) if schema is not None else dict(changes)
    table = model.__table__  # type: ignore[attr-defined]
    result = session.exec(
        update(table)
        .where(table.c.id == row_id, table.c.version == expected_version)
        .values(**values, version=table.c.version + 1, updated_at=utcnow())
    )
    if result.rowcount == 0:
        _raise_missing_or_stale(session, model, row_id)
    return session.get(model, row_id, populate_existing=True)  # type: ignore[return-value]


def versioned_delete(session: Session, model: type[M], row_id: int, *, expected_version: int | None) -> None:
    """Delete a row; with ``expected_version`` refuse if someone changed it since it was shown."""
    table = model.__table__  # type: ignore[attr-defined]
    condition = table.c.id == row_id
    if expected_version is not None:
        condition = condition & (table.c.version == expected_version)
    result = session.exec(delete(table).where(condition))
    if result.rowcount == 0:
        _raise_missing_or_stale(session, model, row_id)
    session.expire_all()


def _raise_missing_or_stale(session: Session, model: type[SQLModel], row_id: int) -> None:
    table = model.__table__  # type: ignore[attr-defined]
    exists = session.exec(select(func.count()).select_from(table).where(table.c.id == row_id)).one()
    if not exists:
        raise NotFound(model.__tablename__, row_id)
    raise StaleVersion(model.__tablename__, row_id)


def next_position(session: Session, model: type[SQLModel], **parent: Any) -> int:
    """The position after the last sibling, so new items append; unique under concurrent writers.

    Reading the last position and inserting after it must not interleave with another writer's
    read: the parent row (the map, journey or canvas) is locked first with a no-op UPDATE, so a
    second writer waits (a PostgreSQL row lock; SQLite's write lock) until the first commits and
    then reads the position the first one took, within the same transaction as the insert.
    """
    table = model.__table__  # type: ignore[attr-defined]
    for name, value in parent.items():
        (foreign_key,) = table.c[name].foreign_keys
        target = foreign_key.column
        session.execute(update(target.table).where(target == value).values({target.name: target}))
    cond = [table.c[name] == value for name, value in parent.items()]
    last = session.exec(select(func.max(table.c.position)).where(*cond)).one()
    return 0 if last is None else last + 1
