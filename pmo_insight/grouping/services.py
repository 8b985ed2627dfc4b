"""Note groups on the empathy board: create, rename, move a note in or out, merge, ungroup.

Plain service functions (``f(session, *, ...)``) like :mod:`pmo_insight.services.empathy`. Every
change of a group's membership raises that group's version through the same conditional UPDATE
other edits use (:func:`pmo_insight.services._rows.versioned_update`), so a facilitator acting on a
board someone else has just regrouped is told (``StaleVersion``) instead of overwriting it. The
database lock is taken first, so the check and the write cannot interleave with another writer's.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import delete, func
from sqlmodel import Session, select

from pmo_insight.domain.chain import WorkshopChain
from pmo_insight.errors import FieldProblem, StaleVersion, ValidationFailed
from pmo_insight.grouping.models import NoteGroup, NoteGroupCreate, NoteGroupMember, NoteGroupRename
from pmo_insight.grouping.proposals import Suggestion, suggest_for
from pmo_insight.models import EmpathyMap, EmpathyNote, Quadrant
from pmo_insight.persistence.chain_loader import load_chain
from pmo_insight.persistence.db import lock_for_write
from pmo_insight.services._rows import get_or_raise, insert, next_position, versioned_delete, versioned_update


def _bump(session: Session, group_id: int, expected_version: int | None) -> NoteGroup:
    """Raise a group's version; refuse when the caller saw another version (or gave none)."""
    if expected_version is None:
        raise StaleVersion(NoteGroup.__tablename__, group_id)
    return versioned_update(session, NoteGroup, group_id, expected_version=expected_version, changes={})


def _group_of(session: Session, note_id: int) -> int | None:
    return session.exec(select(NoteGroupMember.group_id).where(NoteGroupMember.note_id == note_id)).first()


def _check_notes(session: Session, group: NoteGroup | EmpathyMap, quadrant: Quadrant, note_ids: Iterable[int]) -> None:
    map_id = group.map_id if isinstance(group, NoteGroup) else group.id
    for note_id in note_ids:
        note = get_or_raise(session, EmpathyNote, note_id)
        if note.map_id != map_id or Quadrant(note.quadrant) != quadrant:
            raise ValidationFailed([FieldProblem("note_id", "error.other_group_board")])


def create_group(
    session: Session, *, map_id: int, quadrant: Quadrant | str, title: str, note_ids: Sequence[int] = ()
) -> NoteGroup:
    """A new group on one quadrant of a map, holding ``note_ids`` (notes not grouped yet)."""
    lock_for_write(session)
    emap = get_or_raise(session, EmpathyMap, map_id)
    position = next_position(session, NoteGroup, map_id=map_id)
    group = insert(
        session, NoteGroup, NoteGroupCreate, {"title": title, "quadrant": quadrant}, map_id=map_id, position=position
    )
    _check_notes(session, emap, Quadrant(group.quadrant), note_ids)
    for note_id in dict.fromkeys(note_ids):
        if _group_of(session, note_id) is not None:
            raise ValidationFailed([FieldProblem("note_id", "error.note_already_grouped")])
        session.add(NoteGroupMember(group_id=group.id, note_id=note_id))
    session.flush()
    return group


def rename_group(session: Session, *, group_id: int, expected_version: int, title: str) -> NoteGroup:
    return versioned_update(
        session,
        NoteGroup,
        group_id,
        expected_version=expected_version,
        changes={"title": title},
        schema=NoteGroupRename,
    )


def move_note_to_group(
    session: Session,
    *,
    note_id: int,
    group_id: int | None,
    from_version: int | None = None,
    to_version: int | None = None,
) -> int | None:
    """Put a note in group ``group_id`` (``None``: take it out of its group); returns its group now.

    ``from_version`` is the version of the group the note was in when the screen showed it (needed
    when it was in one), ``to_version`` that of the target group: either moved since, and the move
    is refused. An emptied group stays (the facilitator ungroups it or moves notes back in).
    """
    lock_for_write(session)
    note = get_or_raise(session, EmpathyNote, note_id)
    current = _group_of(session, note_id)
    if current == group_id:
        return group_id
    if group_id is not None:
        target = get_or_raise(session, NoteGroup, group_id)
        _check_notes(session, target, Quadrant(target.quadrant), [note.id])
    if current is not None:
        _bump(session, current, from_version)
        session.exec(delete(NoteGroupMember).where(NoteGroupMember.note_id == note_id))
    if group_id is not None:
        _bump(session, group_id, to_version)
        session.add(NoteGroupMember(group_id=group_id, note_id=note_id))
    session.flush()
    return group_id


def merge_groups(session: Session, *, into_id: int, into_version: int, other_id: int, other_version: int) -> NoteGroup:
    """Every note of ``other_id`` joins ``into_id`` (keeping its title); ``other_id`` is removed."""
    lock_for_write(session)
    into, other = get_or_raise(session, NoteGroup, into_id), get_or_raise(session, NoteGroup, other_id)
    if into_id == other_id or into.map_id != other.map_id or Quadrant(into.quadrant) != Quadrant(other.quadrant):
        raise ValidationFailed([FieldProblem("group_id", "error.other_group_board")])
    _bump(session, other_id, other_version)
    merged = _bump(session, into_id, into_version)
    members = session.exec(select(NoteGroupMember).where(NoteGroupMember.group_id == other_id)).all()
    for member in members:
        member.group_id = into_id
    session.flush()
    versioned_delete(session, NoteGroup, other_id, expected_version=None)
    return merged


def ungroup(session: Session, *, group_id: int, expected_version: int) -> None:
    """Remove a group; its notes stay on the board, ungrouped, with all their dots."""
    versioned_delete(session, NoteGroup, group_id, expected_version=expected_version)


def merge_duplicates(
    session: Session,
    *,
    keep_note_id: int,
    other_note_id: int,
    title: str,
    versions: dict[int, int] | None = None,
) -> NoteGroup:
    """Merge a near-duplicate pair: both notes end in one group, keeping both texts, authors and dots.

    Neither note is rewritten or deleted (so no author, text or participant's dot is lost): the
    pair becomes one item of the board whose dots are both notes' dots. When one note is grouped
    already, the other joins that group; when both are in different groups, the groups merge.
    ``versions`` maps each group the screen showed to its version; ``title`` names a new group.
    """
    versions = versions or {}
    lock_for_write(session)
    keep, other = get_or_raise(session, EmpathyNote, keep_note_id), get_or_raise(session, EmpathyNote, other_note_id)
    if keep.id == other.id or keep.map_id != other.map_id or Quadrant(keep.quadrant) != Quadrant(other.quadrant):
        raise ValidationFailed([FieldProblem("note_id", "error.other_group_board")])
    keep_group, other_group = _group_of(session, keep.id), _group_of(session, other.id)
    if keep_group is None and other_group is None:
        return create_group(
            session, map_id=keep.map_id, quadrant=keep.quadrant, title=title, note_ids=[keep.id, other.id]
        )
    if keep_group is not None and other_group is not None:
        if keep_group == other_group:
            return get_or_raise(session, NoteGroup, keep_group)
        return merge_groups(
            session,
            into_id=keep_group,
            into_version=versions.get(keep_group, -1),
            other_id=other_group,
            other_version=versions.get(other_group, -1),
        )
    target = keep_group if keep_group is not None else other_group
    loose = other.id if keep_group is not None else keep.id
    assert target is not None
    move_note_to_group(session, note_id=loose, group_id=target, to_version=versions.get(target, -1))
    return get_or_raise(session, NoteGroup, target)


def accept_suggestion(
    session: Session, *, map_id: int, quadrant: Quadrant | str, groups: Sequence[tuple[str, Sequence[int]]]
) -> list[NoteGroup]:
    """Store proposed groups (title, note ids) at once; notes grouped meanwhile make the whole step fail."""
    return [
        create_group(session, map_id=map_id, quadrant=quadrant, title=title, note_ids=list(note_ids))
        for title, note_ids in groups
    ]


def undo_step(session: Session, *, versions: dict[int, int]) -> int:
    """Take back a whole group step: remove the groups it created, if nobody changed them since."""
    for group_id, version in versions.items():
        versioned_delete(session, NoteGroup, group_id, expected_version=version)
    return len(versions)


def group_count(session: Session, *, map_id: int) -> int:
    return session.exec(select(func.count()).select_from(NoteGroup).where(NoteGroup.map_id == map_id)).one()


def _chain_of_map(session: Session, map_id: int) -> WorkshopChain:
    return load_chain(session, workshop_id=get_or_raise(session, EmpathyMap, map_id).workshop_id)


def suggest_groups(
    session: Session, *, map_id: int, quadrant: Quadrant | str, n_groups: int | None = None
) -> Suggestion:
    """Suggested groups for one quadrant of a map (changes nothing); see :func:`suggest_for`."""
    return suggest_for(_chain_of_map(session, map_id), map_id=map_id, quadrant=quadrant, n_groups=n_groups)


def accept_suggested(
    session: Session, *, map_id: int, quadrant: Quadrant | str, n_groups: int | None = None
) -> Suggestion:
    """Compute the suggestion and store every new group of it (a note alone too), in one step."""
    lock_for_write(session)
    suggestion = suggest_groups(session, map_id=map_id, quadrant=quadrant, n_groups=n_groups)
    accept_suggestion(session, map_id=map_id, quadrant=quadrant, groups=[(p.title, p.note_ids) for p in suggestion.new])
    return suggestion
