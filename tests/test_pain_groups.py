"""Pain groups on a customer journey: create, rename, move in and out, merge, ungroup, with conflicts;
near-duplicates, a suggestion accepted and undone, a group as one key pain (and health counting it
once), a cleared pain leaving its group, the group carried into the canvas; every write raising the
revision; in the backup, the diff and the command line; and the suggestion's quality on hand-labelled
English and Chinese journey pains."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from sklearn.metrics import adjusted_rand_score
from sqlmodel import Session

from pmo_insight.cli import main
from pmo_insight.domain.backup_check import BackupRejected
from pmo_insight.domain.backup_format import SCHEMA_MINOR, backup_document, export_json
from pmo_insight.domain.refs import Ref
from pmo_insight.errors import StaleVersion, ValidationFailed
from pmo_insight.grouping.pains import carry as pain_carry
from pmo_insight.grouping.pains import services as pains
from pmo_insight.grouping.pains.board import key_pain_items, ranked_pains
from pmo_insight.grouping.pains.models import PainGroup
from pmo_insight.grouping.pains.proposals import suggest_pains
from pmo_insight.iterate.diff import workshop_diff
from pmo_insight.iterate.snapshots import take_snapshot
from pmo_insight.models import ItemKind, RefKind
from pmo_insight.persistence.chain_loader import load_chain
from pmo_insight.persistence.db import make_engine
from pmo_insight.persistence.restore import restore_backup
from pmo_insight.persistence.revision import revision_of
from pmo_insight.services import evidence, journeys, links, personas, workshops
from pmo_insight.services.health import workshop_health
from pmo_insight.services.journeys import TouchpointRow
from pmo_insight.services.registry import qualified_name, write_services
from pmo_insight.services.workshops import list_workshops

#: The journey's pains, in journey order: two near-duplicates of one Chinese pain, an English pair.
PAINS = ["审批太慢", "审批太慢了！", "报名审批要等一周", "Approval takes two weeks", "Nobody tells me the status"]


@dataclass
class Journey:
    workshop_id: int
    journey_id: int
    stage_ids: list[int]
    pains: list[Any]  # touchpoints naming PAINS, in that order
    painless: Any  # a touchpoint of the journey with no pain
    elsewhere: Any  # a touchpoint with a pain, on another journey of the workshop


@pytest.fixture
def journey(session: Session) -> Journey:
    ws = workshops.create_workshop(session, title="Pain groups", organisation="恒泰")
    persona = personas.create_persona(session, workshop_id=ws.id, name="新员工", role="Project manager")
    j = journeys.create_journey(
        session, persona_id=persona.id, scenario="报名培训", stage_names=["报名", "审批", "上课"]
    )
    stages = journeys.list_stages(session, journey_id=j.id)
    touchpoints = [
        journeys.add_touchpoint(
            session, stage_id=stages[i % 3].id, name=f"步骤 {i}", pain_point=text, emotion_now=-(i % 3), impact=i + 1
        )
        for i, text in enumerate(PAINS)
    ]
    painless = journeys.add_touchpoint(session, stage_id=stages[0].id, name="打开门户")
    other = journeys.create_journey(session, persona_id=persona.id, scenario="报销", stage_names=["提交"])
    (other_stage,) = journeys.list_stages(session, journey_id=other.id)
    elsewhere = journeys.add_touchpoint(session, stage_id=other_stage.id, name="提交报销", pain_point="审批太慢")
    session.commit()
    return Journey(ws.id, j.id, [s.id for s in stages], touchpoints, painless, elsewhere)


def _chain(session: Session, j: Journey):
    return load_chain(session, workshop_id=j.workshop_id)


def _members(session: Session, j: Journey, group_id: int) -> set[int]:
    return {m.touchpoint_id for m in _chain(session, j).pain_members_of(group_id)}


def _groups(session: Session, j: Journey) -> dict[str, set[int]]:
    """Title → member touchpoints of every pain group of the journey, as stored."""
    chain = _chain(session, j)
    return {g.title: {m.touchpoint_id for m in chain.pain_members_of(g.id)} for g in chain.pain_groups_of(j.journey_id)}


def _ids(*touchpoints: Any) -> list[int]:
    return [t.id for t in touchpoints]


# --- create, rename, move, merge, ungroup ---------------------------------------------------


def test_a_group_is_created_renamed_and_seen_in_the_chain_and_each_write_raises_the_revision(session, journey):
    j = journey
    before = revision_of(session, workshop_id=j.workshop_id)
    group = pains.create_pain_group(session, journey_id=j.journey_id, title="审批", touchpoint_ids=_ids(*j.pains[:3]))
    session.commit()
    renamed = pains.rename_pain_group(session, group_id=group.id, expected_version=group.version, title="审批太慢")
    session.commit()

    chain = _chain(session, j)
    [loaded] = chain.pain_groups_of(j.journey_id)
    assert (loaded.title, loaded.version, loaded.position) == ("审批太慢", renamed.version, 0)
    assert _members(session, j, group.id) == set(_ids(*j.pains[:3]))
    assert pains.pain_group_count(session, journey_id=j.journey_id) == 1
    assert revision_of(session, workshop_id=j.workshop_id) == before + 2


def test_a_rename_quoting_an_old_version_is_refused_and_changes_nothing(session, journey):
    j = journey
    group = pains.create_pain_group(session, journey_id=j.journey_id, title="审批", touchpoint_ids=_ids(j.pains[0]))
    session.commit()
    pains.rename_pain_group(session, group_id=group.id, expected_version=1, title="First")
    session.commit()
    revision = revision_of(session, workshop_id=j.workshop_id)

    with pytest.raises(StaleVersion):
        pains.rename_pain_group(session, group_id=group.id, expected_version=1, title="Second")
    session.rollback()
    assert _groups(session, j) == {"First": {j.pains[0].id}}
    assert revision_of(session, workshop_id=j.workshop_id) == revision


def test_an_empty_title_is_refused_naming_the_field(session, journey):
    j = journey
    with pytest.raises(ValidationFailed) as empty:
        pains.create_pain_group(session, journey_id=j.journey_id, title="", touchpoint_ids=_ids(j.pains[0]))
    session.rollback()
    assert empty.value.problems[0].field == "title"
    assert _groups(session, j) == {}


def test_moving_a_pain_in_and_out_raises_both_groups_versions_and_a_stale_move_is_refused(session, journey):
    j = journey
    a = pains.create_pain_group(session, journey_id=j.journey_id, title="审批", touchpoint_ids=_ids(j.pains[0]))
    b = pains.create_pain_group(session, journey_id=j.journey_id, title="Status", touchpoint_ids=_ids(j.pains[4]))
    session.commit()

    assert pains.move_pain_to_group(session, touchpoint_id=j.pains[2].id, group_id=a.id, to_version=1) == a.id
    session.commit()
    # A colleague's screen still shows group A at version 1: their move of pain 0 out of it is refused.
    revision = revision_of(session, workshop_id=j.workshop_id)
    with pytest.raises(StaleVersion):
        pains.move_pain_to_group(session, touchpoint_id=j.pains[0].id, group_id=b.id, from_version=1, to_version=1)
    session.rollback()
    assert _groups(session, j) == {"审批": {j.pains[0].id, j.pains[2].id}, "Status": {j.pains[4].id}}
    assert revision_of(session, workshop_id=j.workshop_id) == revision
    # Moving into a group needs its version too: none given is a stale screen.
    with pytest.raises(StaleVersion):
        pains.move_pain_to_group(session, touchpoint_id=j.pains[3].id, group_id=b.id)
    session.rollback()

    pains.move_pain_to_group(session, touchpoint_id=j.pains[0].id, group_id=b.id, from_version=2, to_version=1)
    assert pains.move_pain_to_group(session, touchpoint_id=j.pains[2].id, group_id=None, from_version=3) is None
    session.commit()
    chain = _chain(session, j)
    versions = {g.title: g.version for g in chain.pain_groups_of(j.journey_id)}
    assert _groups(session, j) == {"审批": set(), "Status": {j.pains[0].id, j.pains[4].id}}
    assert versions == {"审批": 4, "Status": 2}


def test_a_touchpoint_without_a_pain_or_of_another_journey_is_refused_naming_the_field(session, journey):
    j = journey
    group = pains.create_pain_group(session, journey_id=j.journey_id, title="审批", touchpoint_ids=_ids(j.pains[0]))
    session.commit()
    revision = revision_of(session, workshop_id=j.workshop_id)

    refused = []
    for call in (
        lambda: pains.create_pain_group(session, journey_id=j.journey_id, title="X", touchpoint_ids=_ids(j.painless)),
        lambda: pains.create_pain_group(session, journey_id=j.journey_id, title="X", touchpoint_ids=_ids(j.elsewhere)),
        lambda: pains.move_pain_to_group(session, touchpoint_id=j.painless.id, group_id=group.id, to_version=1),
        lambda: pains.move_pain_to_group(session, touchpoint_id=j.elsewhere.id, group_id=group.id, to_version=1),
    ):
        with pytest.raises(ValidationFailed) as error:
            call()
        session.rollback()
        refused.append((error.value.problems[0].field, error.value.problems[0].key))

    assert refused == [
        ("touchpoint_id", "error.no_pain_to_group"),
        ("touchpoint_id", "error.other_pain_journey"),
        ("touchpoint_id", "error.no_pain_to_group"),
        ("touchpoint_id", "error.other_pain_journey"),
    ]
    assert _groups(session, j) == {"审批": {j.pains[0].id}}
    assert _chain(session, j).pain_groups_of(j.journey_id)[0].version == 1
    assert revision_of(session, workshop_id=j.workshop_id) == revision


def test_a_blank_pain_counts_as_no_pain(session, journey):
    j = journey
    blank = journeys.add_touchpoint(session, stage_id=j.stage_ids[0], name="Blank", pain_point="   ")
    session.commit()
    with pytest.raises(ValidationFailed) as error:
        pains.create_pain_group(session, journey_id=j.journey_id, title="X", touchpoint_ids=[blank.id])
    session.rollback()
    assert error.value.problems[0].key == "error.no_pain_to_group"


def test_a_touchpoint_cannot_be_in_two_groups(session, journey):
    j = journey
    a = pains.create_pain_group(session, journey_id=j.journey_id, title="审批", touchpoint_ids=_ids(j.pains[0]))
    session.commit()

    with pytest.raises(ValidationFailed) as grouped:
        pains.create_pain_group(session, journey_id=j.journey_id, title="Again", touchpoint_ids=_ids(*j.pains[:2]))
    session.rollback()
    assert (grouped.value.problems[0].field, grouped.value.problems[0].key) == (
        "touchpoint_id",
        "error.pain_already_grouped",
    )
    assert _groups(session, j) == {"审批": {j.pains[0].id}}

    # The same touchpoint named twice in one call is one member; moving it elsewhere takes it out of A.
    b = pains.create_pain_group(
        session, journey_id=j.journey_id, title="B", touchpoint_ids=[j.pains[1].id, j.pains[1].id]
    )
    pains.move_pain_to_group(session, touchpoint_id=j.pains[0].id, group_id=b.id, from_version=a.version, to_version=1)
    session.commit()
    chain = _chain(session, j)
    memberships = [m.touchpoint_id for m in chain.pain_group_members]
    assert sorted(memberships) == sorted({*memberships}) == sorted(_ids(*j.pains[:2]))
    assert _groups(session, j) == {"审批": set(), "B": {j.pains[0].id, j.pains[1].id}}


def test_merging_groups_keeps_every_pain_and_ungrouping_keeps_the_touchpoints_and_their_pains(session, journey):
    j = journey
    a = pains.create_pain_group(session, journey_id=j.journey_id, title="审批", touchpoint_ids=_ids(j.pains[0]))
    b = pains.create_pain_group(session, journey_id=j.journey_id, title="等待", touchpoint_ids=_ids(*j.pains[1:3]))
    session.commit()

    merged = pains.merge_pain_groups(session, into_id=a.id, into_version=1, other_id=b.id, other_version=1)
    session.commit()
    assert merged.title == "审批" and merged.version == 2
    assert _groups(session, j) == {"审批": set(_ids(*j.pains[:3]))}

    pains.ungroup_pains(session, group_id=a.id, expected_version=merged.version)
    session.commit()
    chain = _chain(session, j)
    assert chain.pain_groups_of(j.journey_id) == [] and chain.pain_group_members == ()
    assert [t.pain_point for t in chain.touchpoints_of(j.journey_id) if t.pain_point] == PAINS


def test_merging_or_ungrouping_a_stale_group_changes_nothing(session, journey):
    j = journey
    a = pains.create_pain_group(session, journey_id=j.journey_id, title="审批", touchpoint_ids=_ids(j.pains[0]))
    b = pains.create_pain_group(session, journey_id=j.journey_id, title="等待", touchpoint_ids=_ids(j.pains[1]))
    session.commit()
    pains.rename_pain_group(session, group_id=b.id, expected_version=1, title="等太久")
    session.commit()
    revision = revision_of(session, workshop_id=j.workshop_id)

    with pytest.raises(StaleVersion):
        pains.merge_pain_groups(session, into_id=a.id, into_version=1, other_id=b.id, other_version=1)
    session.rollback()
    with pytest.raises(StaleVersion):
        pains.ungroup_pains(session, group_id=b.id, expected_version=1)
    session.rollback()
    with pytest.raises(ValidationFailed):
        pains.merge_pain_groups(session, into_id=a.id, into_version=1, other_id=a.id, other_version=1)
    session.rollback()

    assert _groups(session, j) == {"审批": {j.pains[0].id}, "等太久": {j.pains[1].id}}
    assert revision_of(session, workshop_id=j.workshop_id) == revision


# --- near-duplicates ------------------------------------------------------------------------


def _texts(session: Session, j: Journey) -> dict[int, str]:
    return {t.id: t.pain_point for t in _chain(session, j).touchpoints}


@pytest.mark.parametrize("case", ["neither grouped", "one grouped", "other grouped", "both in different groups"])
def test_merging_a_near_duplicate_pair_keeps_both_touchpoints_and_their_texts(session, journey, case):
    j = journey
    keep, other = j.pains[0], j.pains[1]
    texts_before = _texts(session, j)
    versions: dict[int, int] = {}
    if case in ("one grouped", "both in different groups"):
        g = pains.create_pain_group(session, journey_id=j.journey_id, title="审批", touchpoint_ids=[keep.id])
        versions[g.id] = g.version
    if case in ("other grouped", "both in different groups"):
        g = pains.create_pain_group(session, journey_id=j.journey_id, title="太慢", touchpoint_ids=[other.id])
        versions[g.id] = g.version
    session.commit()

    group = pains.merge_duplicate_pains(
        session, keep_id=keep.id, other_id=other.id, title="审批太慢", versions=versions
    )
    session.commit()

    expected_title = {"neither grouped": "审批太慢", "other grouped": "太慢"}.get(case, "审批")
    assert group.title == expected_title
    assert _groups(session, j) == {expected_title: {keep.id, other.id}}
    assert _texts(session, j) == texts_before  # none deleted, none rewritten


def test_merging_a_near_duplicate_into_a_group_changed_since_is_refused(session, journey):
    j = journey
    g = pains.create_pain_group(session, journey_id=j.journey_id, title="审批", touchpoint_ids=_ids(j.pains[0]))
    session.commit()
    shown = {g.id: g.version}
    pains.rename_pain_group(session, group_id=g.id, expected_version=g.version, title="审批流程")
    session.commit()

    with pytest.raises(StaleVersion):
        pains.merge_duplicate_pains(session, keep_id=j.pains[0].id, other_id=j.pains[1].id, title="X", versions=shown)
    session.rollback()
    with pytest.raises(ValidationFailed):
        pains.merge_duplicate_pains(session, keep_id=j.pains[0].id, other_id=j.elsewhere.id, title="X")
    session.rollback()
    assert _groups(session, j) == {"审批流程": {j.pains[0].id}}


# --- a suggestion accepted, and undone ------------------------------------------------------


def test_an_accepted_suggestion_is_undone_whole(session, journey):
    j = journey
    created = pains.accept_pain_suggestion(
        session,
        journey_id=j.journey_id,
        groups=[("审批", _ids(*j.pains[:3])), ("Status", _ids(j.pains[4]))],
    )
    session.commit()
    step = {g.id: g.version for g in created}
    assert _groups(session, j) == {"审批": set(_ids(*j.pains[:3])), "Status": {j.pains[4].id}}

    assert pains.undo_pain_step(session, versions=step) == 2
    session.commit()
    chain = _chain(session, j)
    assert chain.pain_groups_of(j.journey_id) == [] and chain.pain_group_members == ()
    assert _texts(session, j)[j.pains[0].id] == PAINS[0]


def test_a_suggestion_with_a_pain_grouped_meanwhile_is_refused_whole(session, journey):
    j = journey
    pains.create_pain_group(session, journey_id=j.journey_id, title="Mine", touchpoint_ids=_ids(j.pains[4]))
    session.commit()

    with pytest.raises(ValidationFailed):
        pains.accept_pain_suggestion(
            session, journey_id=j.journey_id, groups=[("审批", _ids(*j.pains[:3])), ("Status", _ids(j.pains[4]))]
        )
    session.rollback()
    assert _groups(session, j) == {"Mine": {j.pains[4].id}}


@pytest.mark.parametrize("change", ["renamed", "a pain moved in"])
def test_undoing_a_step_after_a_colleague_changed_one_of_its_groups_changes_nothing(session, journey, change):
    j = journey
    first, second = pains.accept_pain_suggestion(
        session, journey_id=j.journey_id, groups=[("审批", _ids(*j.pains[:2])), ("Status", _ids(j.pains[4]))]
    )
    session.commit()
    step = {first.id: first.version, second.id: second.version}
    if change == "renamed":
        pains.rename_pain_group(session, group_id=second.id, expected_version=second.version, title="Status unknown")
    else:
        pains.move_pain_to_group(session, touchpoint_id=j.pains[3].id, group_id=second.id, to_version=second.version)
    session.commit()
    before = _groups(session, j)

    with pytest.raises(StaleVersion):
        pains.undo_pain_step(session, versions=step)
    session.rollback()
    assert _groups(session, j) == before and len(before) == 2


# --- key pains, counted by group ------------------------------------------------------------


def test_marking_a_group_as_a_key_pain_marks_every_member_and_counts_the_group_once(session, journey):
    j = journey
    group = pains.create_pain_group(session, journey_id=j.journey_id, title="审批", touchpoint_ids=_ids(*j.pains[:3]))
    session.commit()
    versions = {t.id: t.version for t in _chain(session, j).touchpoints}
    shown = group.version

    mark = pains.mark_group_key_pain(session, group_id=group.id, expected_version=shown)
    session.commit()

    chain = _chain(session, j)
    touchpoints = {t.id: t for t in chain.touchpoints}
    assert [touchpoints[t].is_key_pain for t in _ids(*j.pains)] == [True, True, True, False, False]
    assert all(touchpoints[t].version == versions[t] + 1 for t in _ids(*j.pains[:3]))
    assert (mark.key_pains, mark.focus_lost) == (1, False)
    [item] = key_pain_items(chain, journey_id=j.journey_id)
    assert (item.title, item.is_group, set(item.touchpoint_ids)) == ("审批", True, set(_ids(*j.pains[:3])))
    # The group of three pains ranks before the lone ones; its stages and worst emotion are its members'.
    ranked = ranked_pains(chain, journey_id=j.journey_id)
    assert ranked[0].title == "审批" and (ranked[0].stages, ranked[0].worst_emotion, ranked[0].impact) == (3, -2, 3)
    assert len(ranked) == 3

    # Stale screens are refused; unmarking clears every member.
    with pytest.raises(StaleVersion):
        pains.mark_group_key_pain(session, group_id=group.id, expected_version=shown, key=False)
    session.rollback()
    pains.mark_group_key_pain(session, group_id=group.id, expected_version=shown + 1, key=False)
    session.commit()
    assert not any(t.is_key_pain for t in _chain(session, j).touchpoints)


def test_an_empty_group_cannot_be_marked_as_a_key_pain(session, journey):
    j = journey
    group = pains.create_pain_group(session, journey_id=j.journey_id, title="Empty")
    session.commit()
    with pytest.raises(ValidationFailed) as error:
        pains.mark_group_key_pain(session, group_id=group.id, expected_version=group.version)
    session.rollback()
    assert error.value.problems[0].field == "touchpoints"
    assert _chain(session, j).pain_groups_of(j.journey_id)[0].version == group.version


TODAY = date(2026, 12, 8)


def _key_pain_faults(session: Session, workshop_id: int) -> int:
    results = workshop_health(session, workshop_id=workshop_id, today=TODAY)
    return next(len(r.faults) for r in results if r.check == "too_many_key_pains")


def _six_pains(session: Session, j: Journey) -> list[Any]:
    added = [
        journeys.add_touchpoint(session, stage_id=j.stage_ids[i % 3], name=f"等待 {i}", pain_point=f"第 {i} 次等审批")
        for i in range(6)
    ]
    session.commit()
    return added


def test_health_counts_six_key_groups_as_too_many_but_one_group_of_six_key_touchpoints_as_one(session, journey):
    j = journey
    six = _six_pains(session, j)
    for i, touchpoint in enumerate(six):
        group = pains.create_pain_group(
            session, journey_id=j.journey_id, title=f"组 {i}", touchpoint_ids=[touchpoint.id]
        )
        pains.mark_group_key_pain(session, group_id=group.id, expected_version=group.version)
    session.commit()
    assert _key_pain_faults(session, j.workshop_id) == 1

    chain = _chain(session, j)
    for group in chain.pain_groups_of(j.journey_id):
        pains.ungroup_pains(session, group_id=group.id, expected_version=group.version)
    session.commit()
    # Six key touchpoints, no groups: six key pains, one too many.
    assert _key_pain_faults(session, j.workshop_id) == 1

    pains.create_pain_group(session, journey_id=j.journey_id, title="审批", touchpoint_ids=_ids(*six))
    session.commit()
    assert _key_pain_faults(session, j.workshop_id) == 0
    assert len(key_pain_items(_chain(session, j), journey_id=j.journey_id)) == 1


def test_marking_a_touchpoint_or_saving_the_grid_counts_a_key_group_once(session, journey):
    j = journey
    six = _six_pains(session, j)
    group = pains.create_pain_group(session, journey_id=j.journey_id, title="审批", touchpoint_ids=_ids(*six))
    pains.mark_group_key_pain(session, group_id=group.id, expected_version=group.version)
    session.commit()
    lone = j.pains[4]

    mark = journeys.mark_key_pain(session, touchpoint_id=lone.id, expected_version=lone.version)
    session.commit()

    assert (mark.key_pains, mark.focus_lost) == (2, False)
    assert journeys.key_pain_count(session, journey_id=j.journey_id) == 2
    assert journeys.save_touchpoints(session, journey_id=j.journey_id, rows=[]).key_pains == 2


# --- a cleared pain leaves its group --------------------------------------------------------


def test_clearing_a_touchpoints_pain_takes_it_out_of_its_group_and_raises_the_groups_version(session, journey):
    j = journey
    group = pains.create_pain_group(session, journey_id=j.journey_id, title="审批", touchpoint_ids=_ids(*j.pains[:3]))
    session.commit()
    shown = group.version
    tp, version = j.pains[1], j.pains[1].version

    journeys.update_touchpoint(session, touchpoint_id=tp.id, expected_version=version, pain_point="审批还行")
    session.commit()
    assert _members(session, j, group.id) == set(_ids(*j.pains[:3]))  # still a pain: still grouped
    assert _chain(session, j).pain_groups_of(j.journey_id)[0].version == shown

    journeys.update_touchpoint(session, touchpoint_id=tp.id, expected_version=version + 1, pain_point="")
    session.commit()
    [loaded] = _chain(session, j).pain_groups_of(j.journey_id)
    assert _members(session, j, group.id) == {j.pains[0].id, j.pains[2].id}
    assert loaded.version == shown + 1
    assert tp.id in _texts(session, j)  # the touchpoint itself stays on the journey


def test_a_pain_cleared_in_the_grid_leaves_its_group_too(session, journey):
    j = journey
    group = pains.create_pain_group(session, journey_id=j.journey_id, title="审批", touchpoint_ids=_ids(*j.pains[:2]))
    session.commit()
    shown, tp = group.version, j.pains[0]
    stage = next(s for s in journeys.list_stages(session, journey_id=j.journey_id) if s.id == tp.stage_id)
    row = TouchpointRow(
        values={"stage": stage.name, "name": tp.name, "emotion_now": tp.emotion_now, "pain_point": ""},
        id=tp.id,
        expected_version=tp.version,
        changed=frozenset({"pain_point"}),
    )

    journeys.save_touchpoints(session, journey_id=j.journey_id, rows=[row])
    session.commit()
    assert _members(session, j, group.id) == {j.pains[1].id}
    assert _chain(session, j).pain_groups_of(j.journey_id)[0].version == shown + 1


# --- carried into the canvas ----------------------------------------------------------------


def test_carrying_a_group_makes_one_canvas_pain_traced_to_every_touchpoint_with_their_evidence(session, journey):
    j = journey
    interviews = evidence.create_evidence(session, workshop_id=j.workshop_id, kind="interview", source="访谈 12 人")
    survey = evidence.create_evidence(session, workshop_id=j.workshop_id, kind="survey", source="新员工问卷")
    links.link_evidence(session, evidence_id=interviews.id, target=Ref(RefKind.TOUCHPOINT, j.pains[0].id))
    links.link_evidence(session, evidence_id=survey.id, target=Ref(RefKind.TOUCHPOINT, j.pains[2].id))
    links.link_evidence(session, evidence_id=interviews.id, target=Ref(RefKind.TOUCHPOINT, j.pains[2].id))
    group = pains.create_pain_group(
        session, journey_id=j.journey_id, title="审批太慢", touchpoint_ids=_ids(*j.pains[:3])
    )
    session.commit()

    item = pain_carry.carry_pain_group(session, group_id=group.id, canvas_title="新员工画布")
    session.commit()
    again = pain_carry.carry_pain_group(session, group_id=group.id, canvas_title="新员工画布")
    session.commit()

    chain = _chain(session, j)
    [canvas] = chain.canvases
    [pain] = [i for i in chain.items if i.kind == ItemKind.PAIN]
    assert again.id == item.id == pain.id and canvas.title == "新员工画布"
    assert pain.text == "审批太慢" and pain.canvas_id == canvas.id
    target = Ref(RefKind.CANVAS_ITEM, pain.id)
    traced = {Ref(t.source_type, t.source_id) for t in chain.trace_links if Ref(t.target_type, t.target_id) == target}
    assert traced == {Ref(RefKind.TOUCHPOINT, t) for t in _ids(*j.pains[:3])}
    backed = [e.evidence_id for e in chain.evidence_links if Ref(e.target_type, e.target_id) == target]
    assert sorted(backed) == sorted([interviews.id, survey.id])


def test_an_empty_group_is_not_carried(session, journey):
    j = journey
    group = pains.create_pain_group(session, journey_id=j.journey_id, title="Empty")
    session.commit()
    with pytest.raises(ValidationFailed):
        pain_carry.carry_pain_group(session, group_id=group.id, canvas_title="Canvas")
    session.rollback()
    assert _chain(session, j).canvases == ()


# --- every write raises the revision --------------------------------------------------------

Write = Callable[[Session, Journey], Any]


def _group(s: Session, j: Journey, *touchpoints: Any) -> Any:
    """A committed group of ``touchpoints`` (default: the first pain), so the write under test stands alone."""
    group = pains.create_pain_group(
        s, journey_id=j.journey_id, title="审批", touchpoint_ids=_ids(*(touchpoints or j.pains[:1]))
    )
    s.commit()
    return group


WRITES: dict[Callable[..., Any], Write] = {
    pains.create_pain_group: lambda s, j: pains.create_pain_group(
        s, journey_id=j.journey_id, title="审批", touchpoint_ids=_ids(j.pains[0])
    ),
    pains.rename_pain_group: lambda s, j: (
        g := _group(s, j),
        pains.rename_pain_group(s, group_id=g.id, expected_version=g.version, title="审批太慢"),
    ),
    pains.move_pain_to_group: lambda s, j: (
        g := _group(s, j),
        pains.move_pain_to_group(s, touchpoint_id=j.pains[1].id, group_id=g.id, to_version=g.version),
    ),
    pains.merge_pain_groups: lambda s, j: (
        a := _group(s, j, j.pains[0]),
        b := _group(s, j, j.pains[1]),
        pains.merge_pain_groups(s, into_id=a.id, into_version=a.version, other_id=b.id, other_version=b.version),
    ),
    pains.ungroup_pains: lambda s, j: (
        g := _group(s, j),
        pains.ungroup_pains(s, group_id=g.id, expected_version=g.version),
    ),
    pains.merge_duplicate_pains: lambda s, j: pains.merge_duplicate_pains(
        s, keep_id=j.pains[0].id, other_id=j.pains[1].id, title="审批太慢"
    ),
    pains.accept_pain_suggestion: lambda s, j: pains.accept_pain_suggestion(
        s, journey_id=j.journey_id, groups=[("审批", _ids(*j.pains[:3]))]
    ),
    pains.accept_suggested_pains: lambda s, j: pains.accept_suggested_pains(s, journey_id=j.journey_id),
    pains.undo_pain_step: lambda s, j: (g := _group(s, j), pains.undo_pain_step(s, versions={g.id: g.version})),
    pains.mark_group_key_pain: lambda s, j: (
        g := _group(s, j, *j.pains[:2]),
        pains.mark_group_key_pain(s, group_id=g.id, expected_version=g.version),
    ),
    pain_carry.carry_pain_group: lambda s, j: pain_carry.carry_pain_group(
        s, group_id=_group(s, j, *j.pains[:2]).id, canvas_title="画布"
    ),
}


def test_every_pain_group_write_service_is_exercised_here():
    prefix = "pmo_insight.grouping.pains."
    assert {qualified_name(f) for f in WRITES} == {n for n in write_services() if n.startswith(prefix)}


@pytest.mark.parametrize("service", list(WRITES), ids=qualified_name)
def test_each_pain_group_write_raises_the_revision(session, journey, service):
    before = revision_of(session, workshop_id=journey.workshop_id)
    WRITES[service](session, journey)
    session.commit()
    assert revision_of(session, workshop_id=journey.workshop_id) > before


def test_reading_and_suggesting_leave_the_revision_alone(session, journey):
    j = journey
    _group(session, j, *j.pains[:2])
    before = revision_of(session, workshop_id=j.workshop_id)
    pains.suggest_pain_groups(session, journey_id=j.journey_id, n_groups=2)
    pains.pain_group_count(session, journey_id=j.journey_id)
    session.commit()
    assert revision_of(session, workshop_id=j.workshop_id) == before


# --- the backup, and so snapshots and the diff ----------------------------------------------


def test_pain_groups_travel_in_the_backup_and_restore_with_their_members(session, journey):
    j = journey
    pains.create_pain_group(session, journey_id=j.journey_id, title="审批太慢", touchpoint_ids=_ids(*j.pains[:3]))
    pains.create_pain_group(session, journey_id=j.journey_id, title="Status", touchpoint_ids=_ids(j.pains[4]))
    session.commit()
    document = backup_document(_chain(session, j))
    assert document["schema_minor"] == SCHEMA_MINOR == 6
    journey_ids = {row["scenario"]: row["id"] for row in document["journeys"]}  # the file's own ids
    touchpoint_ids = {row["uid"]: row["id"] for row in document["touchpoints"]}
    assert [(g["title"], g["position"], g["journey_id"]) for g in document["pain_groups"]] == [
        ("审批太慢", 0, journey_ids["报名培训"]),
        ("Status", 1, journey_ids["报名培训"]),
    ]
    assert all(len(g["uid"]) == 32 for g in document["pain_groups"])
    assert document["pain_group_members"] == [
        {"group_id": group, "touchpoint_id": touchpoint_ids[t.uid]}
        for group, t in [(1, j.pains[0]), (1, j.pains[1]), (1, j.pains[2]), (2, j.pains[4])]
    ]

    copy = restore_backup(session, data=export_json(_chain(session, j)))
    session.commit()
    restored = load_chain(session, workshop_id=copy.id)
    first = next(jr for jr in restored.journeys if jr.scenario == "报名培训")
    texts = {t.id: t.pain_point for t in restored.touchpoints}
    stored = {
        g.title: sorted(texts[m.touchpoint_id] for m in restored.pain_members_of(g.id))
        for g in restored.pain_groups_of(first.id)
    }
    assert stored == {"审批太慢": sorted(PAINS[:3]), "Status": [PAINS[4]]}
    assert [g.uid for g in restored.pain_groups] == [g["uid"] for g in document["pain_groups"]]


def test_an_older_backup_without_pain_groups_still_restores(session, journey):
    document = backup_document(_chain(session, journey))
    for key in ("pain_groups", "pain_group_members"):
        del document[key]
    document["schema_minor"] = 5

    copy = restore_backup(session, data=json.dumps(document).encode())
    session.commit()
    assert load_chain(session, workshop_id=copy.id).pain_groups == ()


def _grouped_document(session: Session, j: Journey) -> dict:
    pains.create_pain_group(session, journey_id=j.journey_id, title="审批", touchpoint_ids=_ids(j.pains[0]))
    pains.create_pain_group(session, journey_id=j.journey_id, title="Status", touchpoint_ids=_ids(j.pains[4]))
    session.commit()
    return backup_document(_chain(session, j))


@pytest.mark.parametrize(
    "fault, key",
    [
        ("a touchpoint of another journey", "error.other_pain_journey"),
        ("a touchpoint listed twice", "error.pain_already_grouped"),
        ("a touchpoint without a pain", "error.no_pain_to_group"),
    ],
)
def test_a_backup_with_a_wrong_pain_group_member_is_refused_and_restores_nothing(session, journey, fault, key):
    j = journey
    document = _grouped_document(session, j)
    in_file = {row["uid"]: row["id"] for row in document["touchpoints"]}  # the file's own ids
    document["pain_group_members"][1]["touchpoint_id"] = {
        "a touchpoint of another journey": in_file[j.elsewhere.uid],
        "a touchpoint listed twice": document["pain_group_members"][0]["touchpoint_id"],
        "a touchpoint without a pain": in_file[j.painless.uid],
    }[fault]
    workshops_before = len(list_workshops(session))

    with pytest.raises(BackupRejected) as rejected:
        restore_backup(session, data=json.dumps(document).encode())
    session.rollback()
    [problem] = rejected.value.problems
    assert (problem.where, problem.key) == ("pain_group_members[1].touchpoint_id", key)
    assert len(list_workshops(session)) == workshops_before


def test_the_diff_between_two_snapshots_lists_a_new_pain_group_and_a_membership_change(session, journey):
    j = journey
    group = pains.create_pain_group(session, journey_id=j.journey_id, title="审批", touchpoint_ids=_ids(j.pains[0]))
    session.commit()
    base = take_snapshot(session, j.workshop_id, "Before", "PMO")
    session.commit()
    pains.move_pain_to_group(session, touchpoint_id=j.pains[2].id, group_id=group.id, to_version=group.version)
    pains.create_pain_group(session, journey_id=j.journey_id, title="Status", touchpoint_ids=_ids(j.pains[4]))
    session.commit()
    head = take_snapshot(session, j.workshop_id, "After", "PMO")
    session.commit()

    diff = workshop_diff(session, workshop_id=j.workshop_id, base_id=base.id, head_id=head.id)
    tool = next(t for t in diff.tools if t.tool == "journey")
    assert [(a.section, a.label) for a in tool.added] == [("pain_groups", "Status")]
    [changed] = [c for c in tool.changed if c.section == "pain_groups"]
    assert changed.label == "审批"
    assert [(f.field, f.before, f.after) for f in changed.fields] == [
        ("touchpoints", [PAINS[0]], sorted([PAINS[0], PAINS[2]]))
    ]
    assert tool.removed == ()


# --- the command line -----------------------------------------------------------------------


@pytest.fixture
def cli_journey(new_database):
    db = new_database()
    engine = make_engine(db)
    with Session(engine) as s:
        ws = workshops.create_workshop(s, title="CLI")
        persona = personas.create_persona(s, workshop_id=ws.id, name="新员工", role="PM")
        j = journeys.create_journey(s, persona_id=persona.id, scenario="报名培训", stage_names=["报名", "审批", "上课"])
        stages = journeys.list_stages(s, journey_id=j.id)
        ids = [
            journeys.add_touchpoint(s, stage_id=stages[i % 3].id, name=f"步骤 {i}", pain_point=text).id
            for i, (text, _) in enumerate(ZH)
        ]
        journeys.add_touchpoint(s, stage_id=stages[0].id, name="没有痛点")
        other = journeys.create_journey(s, persona_id=persona.id, scenario="报销", stage_names=["提交"])
        (other_stage,) = journeys.list_stages(s, journey_id=other.id)
        journeys.add_touchpoint(s, stage_id=other_stage.id, name="别的旅程", pain_point="审批太慢")
        s.commit()
        yield db, engine, ws.id, j.id, ids
    engine.dispose()


def _last_json(capsys) -> dict:
    return json.loads(capsys.readouterr().out.strip().splitlines()[-1])


def test_suggest_groups_prints_the_contract_covering_every_pain_once_and_changes_nothing(cli_journey, capsys):
    db, engine, ws_id, journey_id, ids = cli_journey
    with Session(engine) as s:
        before = revision_of(s, workshop_id=ws_id)

    assert main(["--db", db, "pains", "suggest-groups", str(journey_id), "--json"]) == 0
    result = _last_json(capsys)

    assert set(result) == {"groups", "duplicates"}
    covered = [t for g in result["groups"] for t in g["touchpoint_ids"]]
    assert sorted(covered) == sorted(ids)  # every touchpoint with a pain once; none without, none elsewhere
    assert all(isinstance(g["title"], str) and g["title"] for g in result["groups"])
    by_text = {text: ids[i] for i, (text, _) in enumerate(ZH)}
    assert {tuple(sorted(p)) for p in result["duplicates"]} == {
        tuple(sorted((by_text[a], by_text[b]))) for a, b in ZH_DUPLICATES
    }
    with Session(engine) as s:
        assert revision_of(s, workshop_id=ws_id) == before
        assert load_chain(s, workshop_id=ws_id).pain_groups == ()


def test_group_accept_stores_the_suggestion_and_prints_the_number_of_groups(cli_journey, capsys):
    db, engine, ws_id, journey_id, ids = cli_journey
    with Session(engine) as s:
        pains.create_pain_group(s, journey_id=journey_id, title="我的组", touchpoint_ids=ids[:2])
        s.commit()
    assert main(["--db", db, "pains", "suggest-groups", str(journey_id), "--groups", "6", "--json"]) == 0
    suggested = _last_json(capsys)

    assert main(["--db", db, "pains", "group", str(journey_id), "--groups", "6", "--accept"]) == 0
    printed = capsys.readouterr().out.strip().splitlines()[-1]

    # Six groups at least (the facilitator's one among them); unlike pains may stay alone beyond that.
    assert printed == str(len(suggested["groups"])) and int(printed) >= 6
    with Session(engine) as s:
        chain = load_chain(s, workshop_id=ws_id)
    stored = {frozenset(m.touchpoint_id for m in chain.pain_members_of(g.id)) for g in chain.pain_groups_of(journey_id)}
    assert stored == {frozenset(g["touchpoint_ids"]) for g in suggested["groups"]}
    assert frozenset(ids[:2]) in stored  # the facilitator's own group is kept as it was
    # Suggesting again shows what is stored: the same groups, nothing new to accept.
    assert main(["--db", db, "pains", "suggest-groups", str(journey_id), "--json"]) == 0
    assert {frozenset(g["touchpoint_ids"]) for g in _last_json(capsys)["groups"]} == stored


def test_a_missing_journey_exits_2_and_zero_groups_is_refused(cli_journey, capsys):
    db, *_ = cli_journey
    assert main(["--db", db, "pains", "suggest-groups", "999", "--json"]) == 2
    assert "error" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["--db", db, "pains", "group", "1", "--groups", "0", "--accept"])


# --- the suggestion's quality on hand-labelled journey pains --------------------------------

#: Pains a facilitator wrote on the touchpoints of one journey (a new employee signing up for a
#: training course: apply, wait for approval, follow the request, fill in forms, use the portal,
#: find someone to ask), each with the group the facilitator put it in. Realistic, not tuned to the
#: method: the "who to ask" group shares hardly a word between its pains.
EN: list[tuple[str, str]] = [
    ("Approval takes two weeks", "approval"),
    ("Approval takes 2 weeks", "approval"),
    ("Waiting a week for my manager to approve the request", "approval"),
    ("The approval needs signatures from three departments", "approval"),
    ("Nobody tells me the status of my request", "status"),
    ("I can't see where my request is in the process", "status"),
    ("No notification when the status of the request changes", "status"),
    ("Nobody tells me the status of my request!", "status"),
    ("The same form asks for my details twice", "forms"),
    ("I have to type the same information into two forms", "forms"),
    ("The form has too many mandatory fields", "forms"),
    ("The same form asks for my details twice.", "forms"),
    ("The portal is slow to load", "portal"),
    ("The portal logs me out halfway through", "portal"),
    ("The portal crashes when uploading attachments", "portal"),
    ("The portal is very slow to load", "portal"),
    ("I don't know who to contact when something goes wrong", "contact"),
    ("Every question gets passed to another department", "contact"),
    ("Nobody owns the request after the handover", "contact"),
    ("The helpdesk never answers the phone", "contact"),
]
EN_DUPLICATES = [
    ("Approval takes two weeks", "Approval takes 2 weeks"),
    ("Nobody tells me the status of my request", "Nobody tells me the status of my request!"),
    ("The same form asks for my details twice", "The same form asks for my details twice."),
    ("The portal is slow to load", "The portal is very slow to load"),
]
ZH: list[tuple[str, str]] = [
    ("审批太慢", "approval"),
    ("审批太慢了！", "approval"),
    ("报名审批要等一周", "approval"),
    ("审批要三个部门签字", "approval"),
    ("不知道申请进度", "status"),
    ("申请状态变了也没有通知", "status"),
    ("查不到申请到了哪一步", "status"),
    ("不知道申请的进度", "status"),
    ("同样的信息要填两遍", "forms"),
    ("两张表格要填同样的资料", "forms"),
    ("表格必填项太多", "forms"),
    ("同样的信息要填两次", "forms"),
    ("门户系统打开很慢", "portal"),
    ("填表时系统自动退出登录", "portal"),
    ("上传附件时系统崩溃", "portal"),
    ("门户系统打开太慢", "portal"),
    ("出了问题不知道找谁", "contact"),
    ("问题在部门之间踢皮球", "contact"),
    ("交接后没人负责", "contact"),
    ("客服电话总是打不通", "contact"),
]
ZH_DUPLICATES = [
    ("审批太慢", "审批太慢了！"),
    ("不知道申请进度", "不知道申请的进度"),
    ("同样的信息要填两遍", "同样的信息要填两次"),
    ("门户系统打开很慢", "门户系统打开太慢"),
]
SETS = {"en": (EN, EN_DUPLICATES), "zh": (ZH, ZH_DUPLICATES)}
#: Measured on these pains (December 2026) with the default count (ceil(sqrt(20)) = 5, the labelled
#: number), the pains' own n-grams per script and their distance cap (``PAIN_MAX_DISTANCE`` 0.9, so
#: unlike pains stay alone: 6 groups in English, 7 in Chinese): ARI 0.730 (English) and 0.797
#: (Chinese); 0.464 and 0.543 with the board's method unchanged. Lower than on the board's sticky
#: notes: two pairs of the five groups (status / who to ask, approval / portal slowness) share their
#: words. Duplicate precision and recall 1.00 in both languages. The floors leave a little room.
ARI_FLOOR = {"en": 0.70, "zh": 0.77}


def _labelled_journey(session: Session, pains_of: list[tuple[str, str]]) -> tuple[int, int, list[int]]:
    ws = workshops.create_workshop(session, title="Labelled pains")
    persona = personas.create_persona(session, workshop_id=ws.id, name="New employee")
    j = journeys.create_journey(
        session, persona_id=persona.id, scenario="Training", stage_names=["Apply", "Wait", "Go"]
    )
    stages = journeys.list_stages(session, journey_id=j.id)
    ids = [
        journeys.add_touchpoint(session, stage_id=stages[i % 3].id, name=f"Step {i}", pain_point=text).id
        for i, (text, _) in enumerate(pains_of)
    ]
    session.commit()
    return ws.id, j.id, ids


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_pain_suggestion_agrees_with_the_hand_labelled_groups_and_finds_the_duplicates(session, lang):
    labelled, duplicates = SETS[lang]
    ws_id, journey_id, ids = _labelled_journey(session, labelled)

    suggestion = suggest_pains(load_chain(session, workshop_id=ws_id), journey_id=journey_id)

    group_of = {t: g for g, proposal in enumerate(suggestion.groups) for t in proposal.note_ids}
    assert sorted(group_of) == sorted(ids) and sum(len(p.note_ids) for p in suggestion.groups) == len(ids)
    # The count is what the pains are forced into at most: unlike pains may stay alone, so 5 or more.
    assert len(suggestion.groups) >= 5 and all(p.group_id is None for p in suggestion.groups)
    ari = adjusted_rand_score([label for _, label in labelled], [group_of[t] for t in ids])
    assert ari >= ARI_FLOOR[lang], f"{lang}: ARI {ari:.3f}"

    by_text = {text: ids[i] for i, (text, _) in enumerate(labelled)}
    truth = {tuple(sorted((by_text[a], by_text[b]))) for a, b in duplicates}
    found = {tuple(sorted(pair)) for pair in suggestion.duplicates}
    precision, recall = len(found & truth) / len(found), len(found & truth) / len(truth)
    assert (precision, recall) == (1.0, 1.0), (found - truth, truth - found)


def test_a_suggestion_keeps_the_facilitators_groups_and_counts_them_towards_the_number_wanted(session):
    ws_id, journey_id, ids = _labelled_journey(session, EN)
    pains.create_pain_group(session, journey_id=journey_id, title="Approval", touchpoint_ids=ids[:4])
    session.commit()

    counts = []
    for wanted in (1, 3, 8, 30):
        suggestion = pains.suggest_pain_groups(session, journey_id=journey_id, n_groups=wanted)
        assert suggestion.groups[0].note_ids == tuple(ids[:4]) and suggestion.groups[0].group_id is not None
        assert len(suggestion.groups) >= min(max(wanted, 2), 17)  # the ungrouped pains get at least one group
        assert sorted(t for p in suggestion.groups for t in p.note_ids) == sorted(ids)
        counts.append(len(suggestion.groups))
    assert counts == sorted(counts) and counts[-1] == 17  # more wanted, never fewer; at most one a pain


def test_deleting_a_grouped_touchpoint_raises_its_groups_version(session, journey):
    j = journey
    group = pains.create_pain_group(
        session, journey_id=j.journey_id, title="Approvals", touchpoint_ids=[j.pains[0].id, j.pains[1].id]
    )
    session.commit()
    shown = group.version
    journeys.delete_touchpoint(session, touchpoint_id=j.pains[0].id)
    session.commit()
    assert session.get(PainGroup, group.id).version == shown + 1
    with pytest.raises(StaleVersion):  # a screen that showed the group with that touchpoint is told
        pains.rename_pain_group(session, group_id=group.id, expected_version=shown, title="Stale")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_suggested_pain_group_is_titled_by_its_most_central_pain_in_its_own_words(session, lang):
    labelled, _ = SETS[lang]
    ws_id, journey_id, ids = _labelled_journey(session, labelled)
    texts = {ids[i]: text for i, (text, _) in enumerate(labelled)}

    suggestion = suggest_pains(load_chain(session, workshop_id=ws_id), journey_id=journey_id)

    grouped = [p for p in suggestion.groups if len(p.note_ids) > 1]
    assert grouped
    for proposal in grouped:
        members = [texts[i] for i in proposal.note_ids]
        title = proposal.title.removesuffix("…")
        assert any(text.startswith(title) for text in members), (proposal.title, members)
        assert len(proposal.title) <= 80
