"""Snapshots: the chain stored as its backup document, immutable, restorable, and comparable by uid."""

from __future__ import annotations

import json

import pytest
from sqlmodel import Session

from pmo_insight.cli import main
from pmo_insight.demo import create_demo_workshop
from pmo_insight.domain.backup_format import SCHEMA_MINOR, backup_document
from pmo_insight.iterate.diff import workshop_diff
from pmo_insight.iterate.snapshots import (
    SnapshotImmutable,
    SnapshotOfAnotherWorkshop,
    get_snapshot,
    list_snapshots,
    restore_snapshot,
    snapshot_chain,
    take_snapshot,
)
from pmo_insight.persistence.chain_loader import load_chain
from pmo_insight.services import canvases, journeys, personas, workshops


def _document(session: Session, workshop_id: int) -> dict:
    document = backup_document(load_chain(session, workshop_id=workshop_id))
    document.pop("exported_at")
    return document


@pytest.fixture
def demo(session):
    workshop = create_demo_workshop(session, lang="en")
    session.commit()
    return workshop


def test_a_snapshot_holds_the_backup_document_with_label_time_and_who(session, demo):
    snapshot = take_snapshot(session, demo.id, "Before the H1 review", "Li Na")
    session.commit()

    document = json.loads(snapshot.document)
    assert document["schema_minor"] == SCHEMA_MINOR
    assert document["workshop"]["title"] == demo.title
    assert len(document["touchpoints"]) == 19 and all(len(tp["uid"]) == 32 for tp in document["touchpoints"])
    [info] = list_snapshots(session, workshop_id=demo.id)
    assert (info.id, info.label, info.taken_by) == (snapshot.id, "Before the H1 review", "Li Na")


def test_editing_the_workshop_never_changes_a_snapshot(session, demo):
    snapshot = take_snapshot(session, demo.id, "Before", "PMO")
    session.commit()
    stored = get_snapshot(session, snapshot_id=snapshot.id).document
    chain = load_chain(session, workshop_id=demo.id)

    tp = chain.touchpoints[0]
    uid, emotion, persona_count = tp.uid, tp.emotion_now, len(chain.personas)
    journeys.update_touchpoint(session, touchpoint_id=tp.id, expected_version=tp.version, emotion_now=3)
    personas.delete_persona(session, persona_id=chain.personas[-1].id)
    canvases.add_item(session, canvas_id=chain.canvases[0].id, kind="pain", text="Added after the snapshot")
    session.commit()

    session.expire_all()
    assert get_snapshot(session, snapshot_id=snapshot.id).document == stored
    old = snapshot_chain(session, snapshot_id=snapshot.id)
    assert len(old.personas) == persona_count
    assert next(t for t in old.touchpoints if t.uid == uid).emotion_now == emotion != 3


def test_a_stored_snapshot_refuses_to_be_changed(session, demo):
    snapshot = take_snapshot(session, demo.id, "Before", "PMO")
    session.commit()

    snapshot.label = "Rewritten history"
    with pytest.raises(SnapshotImmutable):
        session.commit()
    session.rollback()
    assert get_snapshot(session, snapshot_id=snapshot.id).label == "Before"


def test_restoring_a_snapshot_gives_a_new_workshop_identical_to_the_chain_then(session, demo):
    snapshot = take_snapshot(session, demo.id, "H1", "PMO")
    session.commit()
    then = _document(session, demo.id)
    chain = load_chain(session, workshop_id=demo.id)
    canvases.delete_canvas(session, canvas_id=chain.canvases[0].id)
    session.commit()

    restored = restore_snapshot(session, snapshot_id=snapshot.id)
    session.commit()

    copy = _document(session, restored.id)
    assert restored.id != demo.id and copy["workshop"]["title"] == f"{demo.title} (H1)"
    copy["workshop"]["title"] = then["workshop"]["title"]
    assert copy == then


def test_stable_identity_survives_restore_so_a_restored_copy_compares_with_its_original(session, demo):
    snapshot = take_snapshot(session, demo.id, "H1", "PMO")
    session.commit()
    restored = restore_snapshot(session, snapshot_id=snapshot.id)
    session.commit()

    original, copy = load_chain(session, workshop_id=demo.id), load_chain(session, workshop_id=restored.id)
    assert {t.uid for t in copy.touchpoints} == {t.uid for t in original.touchpoints}
    assert {t.id for t in copy.touchpoints}.isdisjoint({t.id for t in original.touchpoints})
    # The copy, taken as a snapshot, compares with the original's snapshot as "nothing changed".
    again = take_snapshot(session, restored.id, "copy", "PMO")
    session.commit()
    diff = workshop_diff(session, workshop_id=demo.id, base_id=snapshot.id)
    assert diff.counts == {"added": 0, "removed": 0, "changed": 0}
    assert json.loads(again.document)["personas"][0]["uid"] == original.personas[0].uid


def test_new_rows_get_distinct_uids_and_a_duplicated_persona_gets_its_own(session, demo):
    chain = load_chain(session, workshop_id=demo.id)
    copy = personas.duplicate_persona(session, persona_id=chain.personas[0].id, name="Copy")

    uids = [row.uid for rows in (chain.personas, chain.notes, chain.touchpoints, chain.items) for row in rows]
    assert len(uids) == len(set(uids)) and copy.uid != chain.personas[0].uid


def test_a_snapshot_of_another_workshop_is_refused(session, demo):
    other = workshops.create_workshop(session, title="Other")
    snapshot = take_snapshot(session, other.id, "Other's", "PMO")
    session.commit()

    with pytest.raises(SnapshotOfAnotherWorkshop):
        workshop_diff(session, workshop_id=demo.id, base_id=snapshot.id)


def test_an_empty_label_is_refused_and_nothing_is_stored(session, demo):
    from pmo_insight.errors import ValidationFailed

    with pytest.raises(ValidationFailed):
        take_snapshot(session, demo.id, "   ", "PMO")
    session.rollback()
    assert list_snapshots(session, workshop_id=demo.id) == []


# --- command line ---------------------------------------------------------------------------


def test_the_cli_takes_lists_and_diffs_snapshots(tmp_path, capsys):
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    assert main(["--db", db, "demo"]) == 0
    workshop_id = capsys.readouterr().out.strip()

    assert main(["--db", db, "snapshot", workshop_id, "--label", "Before the H1 review"]) == 0
    first = capsys.readouterr().out.strip().splitlines()[-1]
    assert main(["--db", db, "snapshot", workshop_id, "--label", "Second", "--by", "Li Na"]) == 0
    second = capsys.readouterr().out.strip().splitlines()[-1]
    assert main(["--db", db, "snapshots", workshop_id]) == 0
    listing = capsys.readouterr().out.strip().splitlines()

    assert first.isdigit() and second.isdigit() and first != second
    assert [line.split("\t")[:2] for line in listing] == [[second, "Second"], [first, "Before the H1 review"]]
    assert listing[0].split("\t")[2].startswith("20")

    assert main(["--db", db, "diff", workshop_id, "--from", first, "--to", second]) == 0
    report = capsys.readouterr().out
    assert "## What changed since the last review" in report and "0 added · 0 removed · 0 changed" in report

    assert main(["--db", db, "diff", workshop_id, "--from", first, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["base"]["snapshot_id"] == int(first) and data["head"]["snapshot_id"] is None
    assert [tool["tool"] for tool in data["tools"]] == ["persona", "empathy_map", "journey", "canvas"]


def test_the_cli_diff_of_an_unknown_snapshot_is_a_clear_error(tmp_path, capsys):
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    assert main(["--db", db, "demo"]) == 0
    workshop_id = capsys.readouterr().out.strip()

    assert main(["--db", db, "diff", workshop_id, "--from", "999"]) == 2
    assert "error:" in capsys.readouterr().err
