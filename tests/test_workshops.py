"""Workshops and participants: validation, listing with progress, rename, delete, stale saves."""

from __future__ import annotations

import pytest
from sqlmodel import Session, func, select

from pmo_insight.errors import NotFound, StaleVersion, ValidationFailed
from pmo_insight.models import EmpathyNote, Persona, TraceLink, Workshop
from pmo_insight.services import workshops
from tests.factories import build_workshop


def test_a_workshop_needs_a_title(session):
    with pytest.raises(ValidationFailed) as failed:
        workshops.create_workshop(session, title="   ")

    assert [(p.field, p.key) for p in failed.value.problems] == [("title", "error.required")]


def test_a_title_over_the_limit_is_refused_with_the_limit_named(session):
    with pytest.raises(ValidationFailed) as failed:
        workshops.create_workshop(session, title="x" * (workshops.TITLE_MAX + 1))

    (problem,) = failed.value.problems
    assert problem.key == "error.too_long" and problem.params == {"max": workshops.TITLE_MAX}


def test_unknown_fields_are_refused_rather_than_silently_dropped(session):
    with pytest.raises(ValidationFailed) as failed:
        workshops.create_workshop(session, title="Ok", colour="red")

    assert failed.value.problems[0].key == "error.unknown_field"


def test_titles_keep_cjk_emoji_and_markup_exactly_as_typed(session):
    title = "PMO 洞察 🚀 <script>alert(1)</script>"
    created = workshops.create_workshop(session, title=f"  {title}  ")

    assert workshops.get_workshop(session, workshop_id=created.id).title == title


def test_workshops_are_listed_newest_first_with_their_chain_progress(session):
    empty = workshops.create_workshop(session, title="Empty")
    full = build_workshop(session, personas_count=2, notes_per_map=3, stages_per_journey=2, touchpoints_per_stage=2)

    summaries = workshops.list_workshops(session)

    assert [s.workshop.id for s in summaries] == [full.id, empty.id]
    assert summaries[0].progress.by_tool == {"persona": 2, "empathy_map": 6, "journey": 8, "canvas": 6}
    assert summaries[0].progress.tools_with_content == 4
    assert summaries[1].progress.tools_with_content == 0


def test_renaming_bumps_the_version_and_a_second_rename_from_the_same_screen_is_refused(session):
    ws = workshops.create_workshop(session, title="Draft")
    seen_version = ws.version

    renamed = workshops.rename_workshop(session, workshop_id=ws.id, title="Final", expected_version=seen_version)
    assert renamed.version == seen_version + 1

    with pytest.raises(StaleVersion):
        workshops.rename_workshop(session, workshop_id=ws.id, title="Overwrite", expected_version=seen_version)
    assert workshops.get_workshop(session, workshop_id=ws.id).title == "Final"


def test_two_sessions_editing_the_same_workshop_cannot_overwrite_each_other(engine):
    with Session(engine) as setup:
        ws = workshops.create_workshop(setup, title="Shared")
        setup.commit()
        ws_id, version = ws.id, ws.version

    with Session(engine) as alice:
        workshops.update_workshop(alice, workshop_id=ws_id, expected_version=version, goal="Alice's goal")
        alice.commit()
    with Session(engine) as bob, pytest.raises(StaleVersion):
        workshops.update_workshop(bob, workshop_id=ws_id, expected_version=version, goal="Bob's goal")

    with Session(engine) as check:
        assert workshops.get_workshop(check, workshop_id=ws_id).goal == "Alice's goal"


def test_a_missing_workshop_is_reported_as_not_found(session):
    with pytest.raises(NotFound):
        workshops.rename_workshop(session, workshop_id=999, title="Nope", expected_version=1)


def test_deleting_a_workshop_removes_its_whole_chain_and_its_links(session):
    doomed = build_workshop(session, personas_count=2)
    kept = build_workshop(session, personas_count=1)

    workshops.delete_workshop(session, workshop_id=doomed.id, expected_version=doomed.version)

    def count(model):
        return session.exec(select(func.count()).select_from(model)).one()

    assert count(Workshop) == 1
    assert count(Persona) == 1
    assert count(EmpathyNote) == 4
    assert session.exec(select(func.count()).select_from(TraceLink).where(TraceLink.workshop_id == kept.id)).one() == 4
    assert count(TraceLink) == 4


def test_deleting_with_a_stale_version_keeps_the_workshop(session):
    ws = workshops.create_workshop(session, title="Keep me")
    workshops.rename_workshop(session, workshop_id=ws.id, title="Renamed", expected_version=1)

    with pytest.raises(StaleVersion):
        workshops.delete_workshop(session, workshop_id=ws.id, expected_version=1)
    assert workshops.get_workshop(session, workshop_id=ws.id).title == "Renamed"


def test_participants_record_name_and_department(session):
    ws = workshops.create_workshop(session, title="With people")
    for name, dept in [("Wang", "Business"), ("Zhao", "IT"), ("Chen", "Finance")]:
        workshops.add_participant(session, workshop_id=ws.id, name=name, department=dept)

    people = workshops.list_participants(session, workshop_id=ws.id)

    assert [(p.name, p.department) for p in people] == [("Wang", "Business"), ("Zhao", "IT"), ("Chen", "Finance")]


def test_the_sidebar_titles_list_every_workshop_newest_first(session):
    first = workshops.create_workshop(session, title="First")
    second = workshops.create_workshop(session, title="第二个")

    assert workshops.list_workshop_titles(session) == [(second.id, "第二个"), (first.id, "First")]
