"""Note groups on the empathy board: create, rename, move in and out, merge, ungroup, with conflicts;
in the chain, the backup (and so snapshots), the diff, and kept when an old backup restores."""

from __future__ import annotations

import json

import pytest
from sqlmodel import Session

from pmo_insight.domain.backup_check import BackupRejected
from pmo_insight.domain.backup_format import SCHEMA_MINOR, backup_document, export_json
from pmo_insight.errors import StaleVersion, ValidationFailed
from pmo_insight.grouping import services as grouping
from pmo_insight.iterate.diff import workshop_diff
from pmo_insight.iterate.snapshots import take_snapshot
from pmo_insight.persistence.chain_loader import load_chain
from pmo_insight.persistence.restore import restore_backup
from pmo_insight.persistence.revision import revision_of
from pmo_insight.services import empathy, workshops

PAINS = ["Approval takes two weeks", "Approval takes 2 weeks!", "Nobody knows the status", "Forms ask twice"]


@pytest.fixture
def board(session: Session):
    ws = workshops.create_workshop(session, title="Grouping")
    from pmo_insight.services import personas

    persona = personas.create_persona(session, workshop_id=ws.id, name="PM", role="Project manager")
    emap = empathy.create_map(session, persona_id=persona.id, scenario="Status")
    notes = [empathy.add_note(session, map_id=emap.id, quadrant="pains", text=t, votes=i) for i, t in enumerate(PAINS)]
    said = empathy.add_note(session, map_id=emap.id, quadrant="says", text="We are fine")
    session.commit()
    return ws, emap, notes, said


def _members(session, ws_id: int, group_id: int) -> set[int]:
    return {m.note_id for m in load_chain(session, workshop_id=ws_id).members_of(group_id)}


def test_a_group_is_created_renamed_and_seen_in_the_chain_and_each_write_raises_the_revision(session, board):
    ws, emap, notes, _ = board
    before = revision_of(session, workshop_id=ws.id)
    group = grouping.create_group(
        session, map_id=emap.id, quadrant="pains", title="Approval", note_ids=[notes[0].id, notes[1].id]
    )
    session.commit()
    renamed = grouping.rename_group(session, group_id=group.id, expected_version=group.version, title="Slow approval")
    session.commit()

    chain = load_chain(session, workshop_id=ws.id)
    [loaded] = chain.groups_of(emap.id)
    assert (loaded.title, loaded.quadrant, loaded.version) == ("Slow approval", "pains", renamed.version)
    assert {m.note_id for m in chain.members_of(group.id)} == {notes[0].id, notes[1].id}
    assert revision_of(session, workshop_id=ws.id) == before + 2


def test_a_rename_quoting_an_old_version_is_refused_and_changes_nothing(session, board):
    ws, emap, notes, _ = board
    group = grouping.create_group(session, map_id=emap.id, quadrant="pains", title="Approval", note_ids=[notes[0].id])
    session.commit()
    grouping.rename_group(session, group_id=group.id, expected_version=1, title="First")
    session.commit()

    with pytest.raises(StaleVersion):
        grouping.rename_group(session, group_id=group.id, expected_version=1, title="Second")
    session.rollback()
    assert load_chain(session, workshop_id=ws.id).groups_of(emap.id)[0].title == "First"


def test_moving_a_note_in_and_out_raises_both_groups_versions_and_a_stale_move_is_refused(session, board):
    ws, emap, notes, _ = board
    a = grouping.create_group(session, map_id=emap.id, quadrant="pains", title="A", note_ids=[notes[0].id])
    b = grouping.create_group(session, map_id=emap.id, quadrant="pains", title="B", note_ids=[notes[2].id])
    session.commit()

    grouping.move_note_to_group(session, note_id=notes[1].id, group_id=a.id, to_version=1)
    session.commit()
    # Someone else's screen still shows group A at version 1: their move of note 0 out is refused.
    with pytest.raises(StaleVersion):
        grouping.move_note_to_group(session, note_id=notes[0].id, group_id=b.id, from_version=1, to_version=1)
    session.rollback()
    assert _members(session, ws.id, a.id) == {notes[0].id, notes[1].id}

    grouping.move_note_to_group(session, note_id=notes[0].id, group_id=b.id, from_version=2, to_version=1)
    grouping.move_note_to_group(session, note_id=notes[1].id, group_id=None, from_version=3)
    session.commit()
    assert _members(session, ws.id, a.id) == set()
    assert _members(session, ws.id, b.id) == {notes[0].id, notes[2].id}


def test_a_note_of_another_quadrant_or_already_grouped_cannot_join(session, board):
    _, emap, notes, said = board
    group = grouping.create_group(session, map_id=emap.id, quadrant="pains", title="A", note_ids=[notes[0].id])
    session.commit()

    with pytest.raises(ValidationFailed) as other_quadrant:
        grouping.move_note_to_group(session, note_id=said.id, group_id=group.id, to_version=group.version)
    session.rollback()
    with pytest.raises(ValidationFailed) as grouped:
        grouping.create_group(session, map_id=emap.id, quadrant="pains", title="B", note_ids=[notes[0].id])
    session.rollback()
    assert other_quadrant.value.problems[0].key == "error.other_group_board"
    assert grouped.value.problems[0].key == "error.note_already_grouped"


def test_merging_groups_keeps_every_note_and_ungrouping_keeps_notes_and_dots(session, board):
    ws, emap, notes, _ = board
    a = grouping.create_group(session, map_id=emap.id, quadrant="pains", title="A", note_ids=[notes[0].id])
    b = grouping.create_group(session, map_id=emap.id, quadrant="pains", title="B", note_ids=[notes[1].id, notes[2].id])
    session.commit()

    merged = grouping.merge_groups(session, into_id=a.id, into_version=1, other_id=b.id, other_version=1)
    session.commit()
    chain = load_chain(session, workshop_id=ws.id)
    assert [g.id for g in chain.groups_of(emap.id)] == [a.id]
    assert _members(session, ws.id, a.id) == {notes[0].id, notes[1].id, notes[2].id}

    grouping.ungroup(session, group_id=a.id, expected_version=merged.version)
    session.commit()
    chain = load_chain(session, workshop_id=ws.id)
    assert chain.groups_of(emap.id) == [] and chain.note_group_members == ()
    assert sorted(n.votes for n in chain.notes_of(emap.id) if n.quadrant == "pains") == [0, 1, 2, 3]


def test_merging_with_a_stale_group_changes_nothing(session, board):
    ws, emap, notes, _ = board
    a = grouping.create_group(session, map_id=emap.id, quadrant="pains", title="A", note_ids=[notes[0].id])
    b = grouping.create_group(session, map_id=emap.id, quadrant="pains", title="B", note_ids=[notes[1].id])
    session.commit()
    grouping.rename_group(session, group_id=b.id, expected_version=1, title="B renamed")
    session.commit()

    with pytest.raises(StaleVersion):
        grouping.merge_groups(session, into_id=a.id, into_version=1, other_id=b.id, other_version=1)
    session.rollback()
    assert len(load_chain(session, workshop_id=ws.id).groups_of(emap.id)) == 2


def test_merging_a_near_duplicate_pair_keeps_both_texts_authors_and_dots(session, board):
    ws, emap, notes, _ = board
    group = grouping.merge_duplicates(session, keep_note_id=notes[0].id, other_note_id=notes[1].id, title="Approval")
    session.commit()

    chain = load_chain(session, workshop_id=ws.id)
    kept = {n.id: (n.text, n.votes) for n in chain.notes_of(emap.id)}
    assert kept[notes[0].id] == (PAINS[0], 0) and kept[notes[1].id] == (PAINS[1], 1)
    assert _members(session, ws.id, group.id) == {notes[0].id, notes[1].id}


def test_a_note_moved_to_another_quadrant_leaves_its_group_and_a_deleted_note_leaves_it_too(session, board):
    ws, emap, notes, _ = board
    group = grouping.create_group(
        session, map_id=emap.id, quadrant="pains", title="A", note_ids=[notes[0].id, notes[1].id]
    )
    session.commit()

    shown = group.version
    empathy.move_note(session, note_id=notes[0].id, quadrant="feels", expected_version=notes[0].version)
    session.commit()
    assert _members(session, ws.id, group.id) == {notes[1].id}
    empathy.delete_note(session, note_id=notes[1].id)
    session.commit()
    assert _members(session, ws.id, group.id) == set()
    # each departure moved the group to a new version: a screen that showed it before is told
    assert load_chain(session, workshop_id=ws.id).groups_of(emap.id)[0].version == shown + 2
    with pytest.raises(StaleVersion):
        grouping.rename_group(session, group_id=group.id, expected_version=shown, title="Stale")


def test_groups_travel_in_the_backup_and_restore_with_their_members(session, board):
    ws, emap, notes, _ = board
    grouping.create_group(
        session, map_id=emap.id, quadrant="pains", title="审批太慢", note_ids=[notes[0].id, notes[1].id]
    )
    session.commit()
    document = backup_document(load_chain(session, workshop_id=ws.id))
    assert document["schema_minor"] == SCHEMA_MINOR >= 5  # note groups since minor 5
    assert document["note_groups"] == [
        {
            "id": 1,
            "uid": document["note_groups"][0]["uid"],
            "map_id": 1,
            "position": 0,
            "title": "审批太慢",
            "quadrant": "pains",
        }
    ]
    assert document["note_group_members"] == [{"group_id": 1, "note_id": 1}, {"group_id": 1, "note_id": 2}]

    copy = restore_backup(session, data=export_json(load_chain(session, workshop_id=ws.id)))
    session.commit()
    restored = load_chain(session, workshop_id=copy.id)
    [group] = restored.groups_of(restored.maps[0].id)
    texts = {n.id: n.text for n in restored.notes}
    assert group.title == "审批太慢"
    assert sorted(texts[m.note_id] for m in restored.members_of(group.id)) == sorted(PAINS[:2])


def test_an_older_backup_without_groups_still_restores(session, board):
    ws, *_ = board
    document = backup_document(load_chain(session, workshop_id=ws.id))
    for key in ("note_groups", "note_group_members"):
        del document[key]
    document["schema_minor"] = 2

    copy = restore_backup(session, data=json.dumps(document).encode())
    session.commit()
    assert load_chain(session, workshop_id=copy.id).note_groups == ()


def test_a_backup_putting_one_note_in_two_groups_is_refused(session, board):
    ws, emap, notes, _ = board
    grouping.create_group(session, map_id=emap.id, quadrant="pains", title="A", note_ids=[notes[0].id])
    grouping.create_group(session, map_id=emap.id, quadrant="pains", title="B", note_ids=[notes[1].id])
    session.commit()
    document = backup_document(load_chain(session, workshop_id=ws.id))
    document["note_group_members"][1]["note_id"] = document["note_group_members"][0]["note_id"]

    with pytest.raises(BackupRejected) as rejected:
        restore_backup(session, data=json.dumps(document).encode())
    assert "note_group_members[1].note_id" in str(rejected.value.problems[0].where)


def test_the_diff_lists_a_new_group_and_a_membership_change_of_an_existing_one(session, board):
    ws, emap, notes, _ = board
    group = grouping.create_group(session, map_id=emap.id, quadrant="pains", title="A", note_ids=[notes[0].id])
    session.commit()
    snapshot = take_snapshot(session, ws.id, "Before", "PMO")
    session.commit()
    grouping.move_note_to_group(session, note_id=notes[1].id, group_id=group.id, to_version=group.version)
    grouping.create_group(session, map_id=emap.id, quadrant="pains", title="Status", note_ids=[notes[2].id])
    session.commit()

    diff = workshop_diff(session, workshop_id=ws.id, base_id=snapshot.id)
    tool = next(t for t in diff.tools if t.tool == "empathy_map")
    assert [(a.section, a.label) for a in tool.added] == [("note_groups", "Status")]
    [changed] = tool.changed
    assert changed.label == "A"
    assert [(f.field, f.before, f.after) for f in changed.fields] == [("notes", [PAINS[0]], sorted(PAINS[:2]))]


def test_a_group_step_of_two_accepted_proposals_is_undone_whole(session, board):
    ws, emap, notes, _ = board
    first = grouping.create_group(
        session, map_id=emap.id, quadrant="pains", title="Approval", note_ids=[notes[0].id, notes[1].id]
    )
    session.commit()
    step = {first.id: first.version}
    second = grouping.create_group(
        session, map_id=emap.id, quadrant="pains", title="Status", note_ids=[notes[2].id, notes[3].id]
    )
    session.commit()
    step[second.id] = second.version
    assert load_chain(session, workshop_id=ws.id).groups_of(emap.id)[0].version == first.version

    assert grouping.undo_step(session, versions=step) == 2
    session.commit()
    chain = load_chain(session, workshop_id=ws.id)
    assert chain.groups_of(emap.id) == () or list(chain.groups_of(emap.id)) == []
    assert {n.id for n in chain.notes_of(emap.id)} >= {n.id for n in notes}


def test_undoing_a_step_after_a_colleague_renamed_one_of_its_groups_changes_nothing(session, board):
    ws, emap, notes, _ = board
    first = grouping.create_group(session, map_id=emap.id, quadrant="pains", title="Approval", note_ids=[notes[0].id])
    second = grouping.create_group(session, map_id=emap.id, quadrant="pains", title="Status", note_ids=[notes[2].id])
    session.commit()
    step = {first.id: first.version, second.id: second.version}
    grouping.rename_group(session, group_id=second.id, expected_version=second.version, title="Status unknown")
    session.commit()
    with pytest.raises(StaleVersion):
        grouping.undo_step(session, versions=step)
    session.rollback()
    assert len(load_chain(session, workshop_id=ws.id).groups_of(emap.id)) == 2
