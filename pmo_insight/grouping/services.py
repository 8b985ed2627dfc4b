"""Note groups on the empathy board: create, rename, move a note in or out, merge, ungroup.

Plain service functions (``f(session, *, ...)``) like :mod:`pmo_insight.services.empathy`. Every
change of a group's membership raises that group's version through the same conditional UPDATE
other edits use (:func:`pmo_insight.services._rows.versioned_update`), so a facilitator acting on a
board someone else has just regrouped is told (``StaleVersion``) instead of overwriting it. The
database lock is taken first, so the check and the write cannot interleave with another writer's.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func
from sqlmodel import Session, select

from pmo_insight.domain.chain import WorkshopChain
from pmo_insight.grouping import membership
from pmo_insight.grouping.models import NoteGroup, NoteGroupCreate, NoteGroupMember, NoteGroupRename
from pmo_insight.grouping.proposals import Suggestion, suggest_for
from pmo_insight.models import EmpathyMap, EmpathyNote, Quadrant
from pmo_insight.persistence.chain_loader import load_chain
from pmo_insight.persistence.db import lock_for_write
from pmo_insight.services._rows import get_or_raise, insert, next_position, versioned_delete, versioned_update

NOTE_GROUPS = membership.GroupTables(
    group=NoteGroup,
    member=NoteGroupMember,
    item_column="note_id",
    item=EmpathyNote,
    board=lambda row: (row.map_id, Quadrant(row.quadrant)),
    already_grouped="error.note_already_grouped",
    other_board="error.other_group_board",
)


def create_group(
    session: Session, *, map_id: int, quadrant: Quadrant | str, title: str, note_ids: Sequence[int] = ()
) -> NoteGroup:
    """A new group on one quadrant of a map, holding ``note_ids`` (notes not grouped yet)."""
    lock_for_write(session)
    get_or_raise(session, EmpathyMap, map_id)
    position = next_position(session, NoteGroup, map_id=map_id)
    group = insert(
        session, NoteGroup, NoteGroupCreate, {"title": title, "quadrant": quadrant}, map_id=map_id, position=position
    )
    membership.add_members(session, NOTE_GROUPS, group, note_ids)
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
    return membership.move_to_group(
        session, NOTE_GROUPS, item_id=note_id, group_id=group_id, from_version=from_version, to_version=to_version
    )


def merge_groups(session: Session, *, into_id: int, into_version: int, other_id: int, other_version: int) -> NoteGroup:
    """Every note of ``other_id`` joins ``into_id`` (keeping its title); ``other_id`` is removed."""
    return membership.merge(
        session, NOTE_GROUPS, into_id=into_id, into_version=into_version, other_id=other_id, other_version=other_version
    )


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
    keep = get_or_raise(session, EmpathyNote, keep_note_id)
    return membership.merge_pair(
        session,
        NOTE_GROUPS,
        keep_id=keep_note_id,
        other_id=other_note_id,
        versions=versions or {},
        create=lambda ids: create_group(session, map_id=keep.map_id, quadrant=keep.quadrant, title=title, note_ids=ids),
    )


def accept_suggestion(
    session: Session, *, map_id: int, quadrant: Quadrant | str, groups: Sequence[tuple[str, Sequence[int]]]
) -> list[NoteGroup]:
    """Store proposed groups (title, note ids) at once; notes grouped meanwhile make the whole step fail."""
    return membership.accept_each(
        lambda title, ids: create_group(session, map_id=map_id, quadrant=quadrant, title=title, note_ids=ids), groups
    )


def undo_step(session: Session, *, versions: dict[int, int]) -> int:
    """Take back a whole group step: remove the groups it created, if nobody changed them since."""
    return membership.undo(session, NOTE_GROUPS, versions)


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
