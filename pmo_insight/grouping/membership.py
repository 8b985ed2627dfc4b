"""The one set of group-membership rules both kinds of groups share: note groups on an empathy
board (:mod:`pmo_insight.grouping.services`) and pain groups on a journey
(:mod:`pmo_insight.grouping.pains.services`).

A :class:`GroupTables` says which tables hold the groups, their members and the grouped items, and
how an item is checked before it joins; the functions here do the rest the same way for both:
every change of a group's membership raises that group's version through one conditional UPDATE
(:func:`pmo_insight.services._rows.versioned_update`), so a screen quoting an older version is
refused (``StaleVersion``) instead of overwriting a colleague's regrouping, and the database lock is
taken first, so a check and the write it guards cannot interleave with another writer's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, update
from sqlmodel import Session, SQLModel, select

from pmo_insight.errors import FieldProblem, StaleVersion, ValidationFailed
from pmo_insight.persistence.db import lock_for_write
from pmo_insight.services._rows import get_or_raise, versioned_delete, versioned_update


@dataclass(frozen=True)
class GroupTables:
    """One kind of group: its table, its member table and the column naming the grouped item."""

    group: type[SQLModel]
    member: type[SQLModel]
    #: The member table's column holding the grouped item's id (``note_id``, ``touchpoint_id``).
    item_column: str
    #: The grouped items' table (notes, touchpoints).
    item: type[SQLModel]
    #: The board a group or an item is on (a map and quadrant, a journey): only equal boards mix.
    board: Callable[[Any], tuple]
    #: The problem key when an item is in a group already.
    already_grouped: str
    #: The problem key when two groups (or items) are not on the same board.
    other_board: str
    #: The problem key of an item that may not be grouped at all (``fit`` says so), if any.
    unfit: str = ""
    fit: Callable[[Any], bool] = lambda item: True

    def column(self) -> Any:
        return getattr(self.member, self.item_column)

    def check(self, group: Any, item: Any) -> None:
        """Refuse an item that may not join ``group`` (another board, or not groupable)."""
        if self.board(group) != self.board(item):
            raise ValidationFailed([FieldProblem(self.item_column, self.other_board)])
        if not self.fit(item):
            raise ValidationFailed([FieldProblem(self.item_column, self.unfit)])


def bump(session: Session, tables: GroupTables, group_id: int, expected_version: int | None) -> Any:
    """Raise a group's version; refuse when the caller saw another version (or gave none)."""
    if expected_version is None:
        raise StaleVersion(tables.group.__tablename__, group_id)
    return versioned_update(session, tables.group, group_id, expected_version=expected_version, changes={})


def group_of(session: Session, tables: GroupTables, item_id: int) -> int | None:
    """The group an item is in, if any."""
    return session.exec(select(tables.member.group_id).where(tables.column() == item_id)).first()


def add_members(session: Session, tables: GroupTables, group: Any, item_ids: Iterable[int]) -> None:
    """Put items not grouped yet into a new group, checking each."""
    for item_id in dict.fromkeys(item_ids):
        tables.check(group, get_or_raise(session, tables.item, item_id))
        if group_of(session, tables, item_id) is not None:
            raise ValidationFailed([FieldProblem(tables.item_column, tables.already_grouped)])
        session.add(tables.member(group_id=group.id, **{tables.item_column: item_id}))
    session.flush()


def member_ids(session: Session, tables: GroupTables, group_id: int) -> list[int]:
    """A group's items, by id."""
    column = tables.column()
    return list(session.exec(select(column).where(tables.member.group_id == group_id).order_by(column)).all())


def move_to_group(
    session: Session,
    tables: GroupTables,
    *,
    item_id: int,
    group_id: int | None,
    from_version: int | None,
    to_version: int | None,
) -> int | None:
    """Put an item in group ``group_id`` (``None``: take it out of its group); returns its group now.

    ``from_version`` is the version of the group it was in when the screen showed it (needed when it
    was in one), ``to_version`` that of the target group: either moved since, and the move is refused.
    An emptied group stays (the facilitator ungroups it or moves items back in).
    """
    lock_for_write(session)
    item = get_or_raise(session, tables.item, item_id)
    current = group_of(session, tables, item_id)
    if current == group_id:
        return group_id
    if group_id is not None:
        tables.check(get_or_raise(session, tables.group, group_id), item)
    if current is not None:
        bump(session, tables, current, from_version)
        session.exec(delete(tables.member).where(tables.column() == item_id))
    if group_id is not None:
        bump(session, tables, group_id, to_version)
        session.add(tables.member(group_id=group_id, **{tables.item_column: item_id}))
    session.flush()
    return group_id


def merge(
    session: Session,
    tables: GroupTables,
    *,
    into_id: int,
    into_version: int,
    other_id: int,
    other_version: int,
) -> Any:
    """Every item of ``other_id`` joins ``into_id`` (keeping its title); ``other_id`` is removed."""
    lock_for_write(session)
    into, other = get_or_raise(session, tables.group, into_id), get_or_raise(session, tables.group, other_id)
    if into_id == other_id or tables.board(into) != tables.board(other):
        raise ValidationFailed([FieldProblem("group_id", tables.other_board)])
    bump(session, tables, other_id, other_version)
    merged = bump(session, tables, into_id, into_version)
    for member in session.exec(select(tables.member).where(tables.member.group_id == other_id)).all():
        member.group_id = into_id
    session.flush()
    versioned_delete(session, tables.group, other_id, expected_version=None)
    return merged


def merge_pair(
    session: Session,
    tables: GroupTables,
    *,
    keep_id: int,
    other_id: int,
    versions: dict[int, int],
    create: Callable[[list[int]], Any],
) -> Any:
    """Merge a near-duplicate pair: both items end in one group, neither rewritten nor deleted.

    When neither is grouped, ``create`` makes a group of the two; when one is, the other joins its
    group; when both are in different groups, the groups merge. ``versions`` maps each group the
    screen showed to its version.
    """
    lock_for_write(session)
    keep, other = get_or_raise(session, tables.item, keep_id), get_or_raise(session, tables.item, other_id)
    if keep_id == other_id or tables.board(keep) != tables.board(other):
        raise ValidationFailed([FieldProblem(tables.item_column, tables.other_board)])
    keep_group, other_group = group_of(session, tables, keep_id), group_of(session, tables, other_id)
    if keep_group is None and other_group is None:
        return create([keep_id, other_id])
    if keep_group is not None and other_group is not None:
        if keep_group == other_group:
            return get_or_raise(session, tables.group, keep_group)
        return merge(
            session,
            tables,
            into_id=keep_group,
            into_version=versions.get(keep_group, -1),
            other_id=other_group,
            other_version=versions.get(other_group, -1),
        )
    target = keep_group if keep_group is not None else other_group
    loose = other_id if keep_group is not None else keep_id
    assert target is not None
    move_to_group(
        session, tables, item_id=loose, group_id=target, from_version=None, to_version=versions.get(target, -1)
    )
    return get_or_raise(session, tables.group, target)


def leave(session: Session, tables: GroupTables, item_ids: Sequence[int]) -> None:
    """Items leaving their groups (moved away, emptied or about to be deleted): their member rows go
    and each group that held one moves to a new version, so a screen that showed it is told."""
    if not item_ids:
        return
    held = select(tables.member.group_id).where(tables.column().in_(list(item_ids)))
    session.exec(update(tables.group).where(tables.group.id.in_(held)).values(version=tables.group.version + 1))
    session.exec(delete(tables.member).where(tables.column().in_(list(item_ids))))
    session.expire_all()


def undo(session: Session, tables: GroupTables, versions: dict[int, int]) -> int:
    """Take back a whole group step: remove the groups it created, if nobody changed them since."""
    for group_id, version in versions.items():
        versioned_delete(session, tables.group, group_id, expected_version=version)
    return len(versions)


def accept_each(create: Callable[[str, Sequence[int]], Any], groups: Sequence[tuple[str, Sequence[int]]]) -> list:
    """Store proposed groups (title, item ids) one after the other in the caller's transaction."""
    return [create(title, list(ids)) for title, ids in groups]
