"""Pain groups on a customer journey: create, rename, move a touchpoint's pain in or out, merge,
ungroup, merge near-duplicates, accept a suggestion and undo it, mark a group as a key pain.

Plain service functions (``f(session, *, ...)``) over the membership rules note groups use too
(:mod:`pmo_insight.grouping.membership`: every membership change raises the group's version, a
stale screen is refused, the lock is taken before the check). Only a touchpoint that names a pain
can be grouped, and only with touchpoints of its own journey.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, update
from sqlmodel import Session, select

from pmo_insight.domain.health import MAX_KEY_PAINS
from pmo_insight.errors import FieldProblem, ValidationFailed
from pmo_insight.grouping import membership
from pmo_insight.grouping.pains.models import PainGroup, PainGroupCreate, PainGroupMember, PainGroupRename
from pmo_insight.grouping.pains.proposals import PainSuggestion, suggest_pains
from pmo_insight.models import Journey, Touchpoint, utcnow
from pmo_insight.persistence.chain_loader import load_chain
from pmo_insight.persistence.db import lock_for_write
from pmo_insight.services._rows import get_or_raise, insert, next_position, versioned_delete, versioned_update

PAIN_GROUPS = membership.GroupTables(
    group=PainGroup,
    member=PainGroupMember,
    item_column="touchpoint_id",
    item=Touchpoint,
    board=lambda row: (row.journey_id,),
    already_grouped="error.pain_already_grouped",
    other_board="error.other_pain_journey",
    unfit="error.no_pain_to_group",
    fit=lambda touchpoint: bool(touchpoint.pain_point.strip()),
)


def create_pain_group(
    session: Session, *, journey_id: int, title: str, touchpoint_ids: Sequence[int] = ()
) -> PainGroup:
    """A new group on a journey holding ``touchpoint_ids`` (pains not grouped yet)."""
    lock_for_write(session)
    get_or_raise(session, Journey, journey_id)
    position = next_position(session, PainGroup, journey_id=journey_id)
    group = insert(session, PainGroup, PainGroupCreate, {"title": title}, journey_id=journey_id, position=position)
    membership.add_members(session, PAIN_GROUPS, group, touchpoint_ids)
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

    ``from_version`` / ``to_version``: the versions of the groups it leaves and joins as the screen
    showed them (see :func:`pmo_insight.grouping.membership.move_to_group`).
    """
    return membership.move_to_group(
        session, PAIN_GROUPS, item_id=touchpoint_id, group_id=group_id, from_version=from_version, to_version=to_version
    )


def merge_pain_groups(
    session: Session, *, into_id: int, into_version: int, other_id: int, other_version: int
) -> PainGroup:
    """Every pain of ``other_id`` joins ``into_id`` (keeping its title); ``other_id`` is removed."""
    return membership.merge(
        session, PAIN_GROUPS, into_id=into_id, into_version=into_version, other_id=other_id, other_version=other_version
    )


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
    keep = get_or_raise(session, Touchpoint, keep_id)
    return membership.merge_pair(
        session,
        PAIN_GROUPS,
        keep_id=keep_id,
        other_id=other_id,
        versions=versions or {},
        create=lambda ids: create_pain_group(session, journey_id=keep.journey_id, title=title, touchpoint_ids=ids),
    )


def accept_pain_suggestion(
    session: Session, *, journey_id: int, groups: Sequence[tuple[str, Sequence[int]]]
) -> list[PainGroup]:
    """Store proposed groups (title, touchpoint ids) at once; pains grouped meanwhile fail the whole step."""
    return membership.accept_each(
        lambda title, ids: create_pain_group(session, journey_id=journey_id, title=title, touchpoint_ids=ids), groups
    )


def undo_pain_step(session: Session, *, versions: dict[int, int]) -> int:
    """Take back a whole group step: remove the groups it created, if nobody changed them since."""
    return membership.undo(session, PAIN_GROUPS, versions)


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
    group = membership.bump(session, PAIN_GROUPS, group_id, expected_version)
    ids = membership.member_ids(session, PAIN_GROUPS, group_id)
    if not ids:
        raise ValidationFailed([FieldProblem("touchpoints", "error.empty_pain_group")])
    session.exec(
        update(Touchpoint)
        .where(Touchpoint.id.in_(ids), Touchpoint.is_key_pain.is_not(key))
        .values(is_key_pain=key, version=Touchpoint.version + 1, updated_at=utcnow())
    )
    session.expire_all()
    return GroupKeyMark(group, key_pain_count(session, journey_id=group.journey_id))


def key_pain_count(session: Session, *, journey_id: int) -> int:
    """The journey's key pains as the room counts them: a pain group once, a touchpoint in no group once."""
    key = (Touchpoint.journey_id == journey_id) & Touchpoint.is_key_pain.is_(True)
    lone = session.exec(
        select(func.count())
        .select_from(Touchpoint)
        .where(key, Touchpoint.id.not_in(select(PainGroupMember.touchpoint_id)))
    ).one()
    groups = session.exec(
        select(func.count(func.distinct(PainGroupMember.group_id)))
        .join(Touchpoint, Touchpoint.id == PainGroupMember.touchpoint_id)
        .where(key)
    ).one()
    return lone + groups


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
