"""Pain groups on a customer journey: create, rename, move a touchpoint's pain in or out, merge,
ungroup, merge near-duplicates, accept a suggestion and undo it, mark a group as a key pain.

Plain service functions (``f(session, *, ...)``) like :mod:`pmo_insight.grouping.services`, whose
rules they follow: every change of a group's membership raises that group's version through one
conditional UPDATE (:func:`pmo_insight.services._rows.versioned_update`), so a facilitator acting
on a journey someone else has just regrouped is told (``StaleVersion``) instead of overwriting it;
the database lock is taken first, so the check and the write cannot interleave with another
writer's. Only a touchpoint that names a pain can be grouped.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import delete, func, update
from sqlmodel import Session, select

from pmo_insight.domain.health import MAX_KEY_PAINS
from pmo_insight.errors import FieldProblem, StaleVersion, ValidationFailed
from pmo_insight.grouping.pains.board import key_pain_items
from pmo_insight.grouping.pains.models import PainGroup, PainGroupCreate, PainGroupMember, PainGroupRename
from pmo_insight.grouping.pains.proposals import PainSuggestion, suggest_pains
from pmo_insight.models import Journey, Touchpoint, utcnow
from pmo_insight.persistence.chain_loader import load_chain
from pmo_insight.persistence.db import lock_for_write
from pmo_insight.services._rows import get_or_raise, insert, next_position, versioned_delete, versioned_update


def _bump(session: Session, group_id: int, expected_version: int | None) -> PainGroup:
    """Raise a group's version; refuse when the caller saw another version (or gave none)."""
    if expected_version is None:
        raise StaleVersion(PainGroup.__tablename__, group_id)
    return versioned_update(session, PainGroup, group_id, expected_version=expected_version, changes={})


def _group_of(session: Session, touchpoint_id: int) -> int | None:
    return session.exec(select(PainGroupMember.group_id).where(PainGroupMember.touchpoint_id == touchpoint_id)).first()


def _check_pains(session: Session, journey_id: int, touchpoint_ids: Iterable[int]) -> None:
    for touchpoint_id in touchpoint_ids:
        touchpoint = get_or_raise(session, Touchpoint, touchpoint_id)
        if touchpoint.journey_id != journey_id:
            raise ValidationFailed([FieldProblem("touchpoint_id", "error.other_pain_journey")])
        if not touchpoint.pain_point.strip():
            raise ValidationFailed([FieldProblem("touchpoint_id", "error.no_pain_to_group")])


def create_pain_group(
    session: Session, *, journey_id: int, title: str, touchpoint_ids: Sequence[int] = ()
) -> PainGroup:
    """A new group on a journey holding ``touchpoint_ids`` (pains not grouped yet)."""
    lock_for_write(session)
    get_or_raise(session, Journey, journey_id)
    position = next_position(session, PainGroup, journey_id=journey_id)
    group = insert(session, PainGroup, PainGroupCreate, {"title": title}, journey_id=journey_id, position=position)
    _check_pains(session, journey_id, touchpoint_ids)
    for touchpoint_id in dict.fromkeys(touchpoint_ids):
        if _group_of(session, touchpoint_id) is not None:
            raise ValidationFailed([FieldProblem("touchpoint_id", "error.pain_already_grouped")])
        session.add(PainGroupMember(group_id=group.id, touchpoint_id=touchpoint_id))
    session.flush()
    return group


def rename_pain_group(session: Session, *, group_id: int, expected_version: int, title: str) -> PainGroup:
    return versioned_update(
        session,
        PainGroup,
        group_id,
        expected_version=expected_version,
        changes={"title": title},
        schema=PainGroupRename,
    )


def move_pain_to_group(
    session: Session,
    *,
    touchpoint_id: int,
    group_id: int | None,
    from_version: int | None = None,
    to_version: int | None = None,
) -> int | None:
    """Put a touchpoint's pain in group ``group_id`` (``None``: take it out); returns its group now.

    ``from_version`` is the version of the group it was in when the screen showed it (needed when
    it was in one), ``to_version`` that of the target group: either changed since, and the move is
    refused. An emptied group stays (the facilitator ungroups it or moves pains back in).
    """
    lock_for_write(session)
    touchpoint = get_or_raise(session, Touchpoint, touchpoint_id)
    current = _group_of(session, touchpoint_id)
    if current == group_id:
        return group_id
    if group_id is not None:
        target = get_or_raise(session, PainGroup, group_id)
        _check_pains(session, target.journey_id, [touchpoint.id])
    if current is not None:
        _bump(session, current, from_version)
        session.exec(delete(PainGroupMember).where(PainGroupMember.touchpoint_id == touchpoint_id))
    if group_id is not None:
        _bump(session, group_id, to_version)
        session.add(PainGroupMember(group_id=group_id, touchpoint_id=touchpoint_id))
    session.flush()
    return group_id


def merge_pain_groups(
    session: Session, *, into_id: int, into_version: int, other_id: int, other_version: int
) -> PainGroup:
    """Every pain of ``other_id`` joins ``into_id`` (keeping its title); ``other_id`` is removed."""
    lock_for_write(session)
    into, other = get_or_raise(session, PainGroup, into_id), get_or_raise(session, PainGroup, other_id)
    if into_id == other_id or into.journey_id != other.journey_id:
        raise ValidationFailed([FieldProblem("group_id", "error.other_pain_journey")])
    _bump(session, other_id, other_version)
    merged = _bump(session, into_id, into_version)
    for member in session.exec(select(PainGroupMember).where(PainGroupMember.group_id == other_id)).all():
        member.group_id = into_id
    session.flush()
    versioned_delete(session, PainGroup, other_id, expected_version=None)
    return merged


def ungroup_pains(session: Session, *, group_id: int, expected_version: int) -> None:
    """Remove a group; its touchpoints and their pains stay on the journey as they were."""
    versioned_delete(session, PainGroup, group_id, expected_version=expected_version)


def merge_duplicate_pains(
    session: Session, *, keep_id: int, other_id: int, title: str, versions: dict[int, int] | None = None
) -> PainGroup:
    """Merge a near-duplicate pair: both touchpoints end in one group, neither rewritten nor deleted.

    When one is grouped already, the other joins that group; when both are in different groups, the
    groups merge. ``versions`` maps each group the screen showed to its version; ``title`` names a
    new group.
    """
    versions = versions or {}
    lock_for_write(session)
    keep, other = get_or_raise(session, Touchpoint, keep_id), get_or_raise(session, Touchpoint, other_id)
    if keep.id == other.id or keep.journey_id != other.journey_id:
        raise ValidationFailed([FieldProblem("touchpoint_id", "error.other_pain_journey")])
    keep_group, other_group = _group_of(session, keep.id), _group_of(session, other.id)
    if keep_group is None and other_group is None:
        return create_pain_group(session, journey_id=keep.journey_id, title=title, touchpoint_ids=[keep.id, other.id])
    if keep_group is not None and other_group is not None:
        if keep_group == other_group:
            return get_or_raise(session, PainGroup, keep_group)
        return merge_pain_groups(
            session,
            into_id=keep_group,
            into_version=versions.get(keep_group, -1),
            other_id=other_group,
            other_version=versions.get(other_group, -1),
        )
    target = keep_group if keep_group is not None else other_group
    loose = other.id if keep_group is not None else keep.id
    assert target is not None
    move_pain_to_group(session, touchpoint_id=loose, group_id=target, to_version=versions.get(target, -1))
    return get_or_raise(session, PainGroup, target)


def accept_pain_suggestion(
    session: Session, *, journey_id: int, groups: Sequence[tuple[str, Sequence[int]]]
) -> list[PainGroup]:
    """Store proposed groups (title, touchpoint ids) at once; pains grouped meanwhile fail the whole step."""
    return [
        create_pain_group(session, journey_id=journey_id, title=title, touchpoint_ids=list(ids))
        for title, ids in groups
    ]


def undo_pain_step(session: Session, *, versions: dict[int, int]) -> int:
    """Take back a whole group step: remove the groups it created, if nobody changed them since."""
    for group_id, version in versions.items():
        versioned_delete(session, PainGroup, group_id, expected_version=version)
    return len(versions)


@dataclass(frozen=True)
class GroupKeyMark:
    """The result of marking a group as a key pain: how many key pains the journey has now."""

    group: PainGroup
    key_pains: int

    @property
    def focus_lost(self) -> bool:
        return self.key_pains > MAX_KEY_PAINS


def mark_group_key_pain(session: Session, *, group_id: int, expected_version: int, key: bool = True) -> GroupKeyMark:
    """Mark (or unmark) every touchpoint of a group as a key pain, as one step on the group's version.

    The journey's key pains are then counted by group (a group is one pain however many touchpoints
    name it); beyond five the marks are kept but the result says focus is lost.
    """
    lock_for_write(session)
    group = _bump(session, group_id, expected_version)
    ids = _member_ids(session, group_id)
    if not ids:
        raise ValidationFailed([FieldProblem("touchpoints", "error.empty_pain_group")])
    session.exec(
        update(Touchpoint)
        .where(Touchpoint.id.in_(ids), Touchpoint.is_key_pain.is_not(key))
        .values(is_key_pain=key, version=Touchpoint.version + 1, updated_at=utcnow())
    )
    session.expire_all()
    chain = load_chain(session, workshop_id=get_or_raise(session, Journey, group.journey_id).workshop_id)
    return GroupKeyMark(group, len(key_pain_items(chain, journey_id=group.journey_id)))


def _member_ids(session: Session, group_id: int) -> list[int]:
    rows = session.exec(
        select(PainGroupMember.touchpoint_id)
        .where(PainGroupMember.group_id == group_id)
        .order_by(PainGroupMember.touchpoint_id)
    ).all()
    return list(rows)


def pain_group_count(session: Session, *, journey_id: int) -> int:
    return session.exec(select(func.count()).select_from(PainGroup).where(PainGroup.journey_id == journey_id)).one()


def suggest_pain_groups(session: Session, *, journey_id: int, n_groups: int | None = None) -> PainSuggestion:
    """Suggested groups for a journey's pains (changes nothing); see :func:`suggest_pains`."""
    journey = get_or_raise(session, Journey, journey_id)
    return suggest_pains(load_chain(session, workshop_id=journey.workshop_id), journey_id=journey_id, n_groups=n_groups)


def accept_suggested_pains(session: Session, *, journey_id: int, n_groups: int | None = None) -> PainSuggestion:
    """Compute the suggestion and store every new group of it (a pain alone too), in one step."""
    lock_for_write(session)
    suggestion = suggest_pain_groups(session, journey_id=journey_id, n_groups=n_groups)
    accept_pain_suggestion(session, journey_id=journey_id, groups=[(p.title, p.note_ids) for p in suggestion.new])
    return suggestion
