"""Every backup the app has ever written still restores, whole, with what it holds.

``tests/fixtures/backups/`` keeps one file of each shape the app wrote, made by that version of the
app itself (the Chinese demo, plus a KPI actual, a reviewer's comment and a participant's dot where
the version had them):

- ``backup-1.0.json``: format 1.0, no stable ids, no KPI actuals, no review or live sections;
- ``backup-1.1-kpi-actuals.json``: 1.1 (stable ids, KPI actuals) before the review layer;
- ``backup-1.1-review.json``: 1.1 with review comments and decisions, before the live room;
- ``backup-1.1-review-live.json``: 1.1 with the review and live sections;
- ``backup-1.2.json``: 1.2 (review and live sections always written);
- ``backup-1.3.json``: 1.3, with an imported survey and a persona drafted from a segment;
- ``backup-1.4.json``: 1.4, the workshop with its department and sponsor;
- ``backup-1.5.json``: 1.5, with a group of two pain notes on the first empathy map;
- ``backup-1.6.json``: today's format, 1.5's workshop restored and written again by the app, with a
  pain group of two touchpoints on the first journey.

Sections added later are marked by one mechanism, ``Section.since_minor``: a file of an older minor
may lack them and restores them as empty.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pmo_insight.domain.backup_check import BackupRejected
from pmo_insight.domain.backup_format import SCHEMA_MINOR, SECTIONS, backup_document
from pmo_insight.persistence.chain_loader import load_chain
from pmo_insight.persistence.db import session_scope
from pmo_insight.persistence.restore import restore_backup
from pmo_insight.services.workshops import list_workshops

FIXTURES = Path(__file__).parent / "fixtures" / "backups"
VERSIONS = sorted(path.name for path in FIXTURES.glob("backup-*.json"))


def test_a_fixture_of_every_version_is_kept():
    minors = {json.loads((FIXTURES / name).read_text(encoding="utf-8")).get("schema_minor", 0) for name in VERSIONS}
    assert minors == set(range(SCHEMA_MINOR + 1))
    assert len(VERSIONS) == 9


@pytest.mark.parametrize("name", VERSIONS)
def test_every_backup_version_restores_with_every_row_it_holds(engine, name):
    data = (FIXTURES / name).read_bytes()
    document = json.loads(data)
    with session_scope(engine) as session:
        workshop_id = restore_backup(session, data=data).id
    with session_scope(engine) as session:
        chain = load_chain(session, workshop_id=workshop_id)
    again = backup_document(chain)
    for section in SECTIONS:
        assert len(again[section.key]) == len(document.get(section.key, [])), section.key
    assert again["workshop"]["title"] == document["workshop"]["title"]
    assert {p.name for p in chain.personas} == {p["name"] for p in document["personas"]}
    assert all(p.uid for p in chain.personas), "a restored row always gets a stable id"
    if document.get("schema_minor", 0) >= 1:
        assert [p.uid for p in chain.personas] == [p["uid"] for p in document["personas"]]


@pytest.mark.parametrize("name", [n for n in VERSIONS if "review" in n or n >= "backup-1.2"])
def test_what_reviewers_and_the_room_said_comes_back(engine, name):
    data = (FIXTURES / name).read_bytes()
    with session_scope(engine) as session:
        workshop_id = restore_backup(session, data=data).id
    with session_scope(engine) as session:
        chain = load_chain(session, workshop_id=workshop_id)
    assert [c.text for c in chain.comments] == ["整体可以 👍"]
    if "live" in name or name >= "backup-1.2":
        assert [p.name for p in chain.live_participants] == ["李雷"]
        assert sum(v.count for v in chain.dot_votes) == 1


def test_a_survey_comes_back_with_its_answers_and_the_segment_behind_its_persona(engine):
    data = (FIXTURES / "backup-1.3.json").read_bytes()
    document = json.loads(data)
    with session_scope(engine) as session:
        workshop_id = restore_backup(session, data=data).id
    with session_scope(engine) as session:
        chain = load_chain(session, workshop_id=workshop_id)
    assert chain.workshop.department == ""
    assert len(chain.survey_responses) == len(document["survey_responses"]) == 150
    (segment,) = chain.survey_segments
    assert segment.persona_id in {p.id for p in chain.personas}


def test_the_workshop_keeps_its_department_and_sponsor(engine):
    with session_scope(engine) as session:
        workshop_id = restore_backup(session, data=(FIXTURES / "backup-1.4.json").read_bytes()).id
    with session_scope(engine) as session:
        workshop = load_chain(session, workshop_id=workshop_id).workshop
    assert (workshop.department, workshop.sponsor) == ("区域业务部", "王总（COO）")


def test_a_current_file_without_a_section_it_must_carry_is_refused_and_changes_nothing(engine):
    document = json.loads((FIXTURES / f"backup-1.{SCHEMA_MINOR}.json").read_bytes())
    del document["dot_votes"]
    with session_scope(engine) as session, pytest.raises(BackupRejected) as refused:
        restore_backup(session, data=json.dumps(document).encode())
    assert [p.where for p in refused.value.problems] == ["dot_votes"]
    with session_scope(engine) as session:
        assert list_workshops(session) == []


def test_a_note_group_comes_back_with_its_title_and_both_notes(engine):
    data = (FIXTURES / "backup-1.5.json").read_bytes()
    with session_scope(engine) as session:
        workshop_id = restore_backup(session, data=data).id
    with session_scope(engine) as session:
        chain = load_chain(session, workshop_id=workshop_id)
    (group,) = chain.note_groups
    assert group.title == "投入与风险说不清"
    members = {m.note_id for m in chain.note_group_members if m.group_id == group.id}
    texts = {n.text for n in chain.notes if n.id in members}
    assert texts == {"PMO的成本是确定的，回报却不确定", "管控加强后拖慢业务的风险"}


def test_a_pain_group_comes_back_with_its_title_and_both_touchpoints(engine):
    data = (FIXTURES / "backup-1.6.json").read_bytes()
    with session_scope(engine) as session:
        workshop_id = restore_backup(session, data=data).id
    with session_scope(engine) as session:
        chain = load_chain(session, workshop_id=workshop_id)
    (group,) = chain.pain_groups
    assert group.title == "报名审批又慢又看不到进度"
    assert group.journey_id == chain.journeys[0].id
    members = {m.touchpoint_id for m in chain.pain_members_of(group.id)}
    names = {t.name for t in chain.touchpoints if t.id in members}
    assert names == {"填写报名表", "等待报名的跨部门审批"}
    assert all(t.journey_id == group.journey_id for t in chain.touchpoints if t.id in members)
