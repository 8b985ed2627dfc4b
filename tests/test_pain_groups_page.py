"""The journey screen's group step under AppTest: suggest pain groups, accept one and reject one,
undo the step, merge near-duplicate pains, move a pain with its picker (a colleague's change
refused), mark a group as key and carry it into the canvas as one pain traced to every touchpoint."""

from __future__ import annotations

import re

import pytest

from pmo_insight.grouping.pains import services as pains
from pmo_insight.models import RefKind
from pmo_insight.persistence.chain_loader import load_chain
from pmo_insight.services import journeys, personas, workshops
from tests.apptest import open_page, statements_in_one_rerun
from tests.apptest import picker as _picker

PAGE = "pages/journey.py"

#: (touchpoint, stage, pain): three approval pains (two near-duplicates), two reporting ones, one alone.
PAINS = {
    "en": [
        ("Submit request", "Apply", "Approval takes two weeks"),
        ("Manager sign-off", "Apply", "Approval takes 2 weeks!"),
        ("Budget check", "Apply", "Waiting for budget approval for days"),
        ("Weekly report", "Use", "Status report template is too long"),
        ("Monthly review", "Use", "Nobody reads the status report"),
        ("Hand-over", "Feedback", "No one tells us the project closed"),
    ],
    "zh": [
        ("提交申请", "申请", "审批太慢"),
        ("经理签字", "申请", "审批太慢了！"),
        ("预算核对", "申请", "报名审批要等一周"),
        ("周报", "使用", "周报模板太长"),
        ("月度复盘", "使用", "没人看状态报告"),
        ("交接", "反馈", "项目结束没人通知"),
    ],
}


@pytest.fixture
def journey(app_db, request):
    lang = getattr(request, "param", "en")
    ws = app_db.run(workshops.create_workshop, title="Workshop", language=lang)
    persona = app_db.run(personas.create_persona, workshop_id=ws.id, name="Zhang Wei", role="COO")
    j = app_db.run(journeys.create_journey, persona_id=persona.id, scenario="Project intake")
    stages: dict[str, int] = {}
    ids: dict[str, int] = {}
    for name, stage, pain in PAINS[lang]:
        if stage not in stages:
            stages[stage] = app_db.run(journeys.add_stage, journey_id=j.id, name=stage).id
        ids[pain] = app_db.run(
            journeys.add_touchpoint, stage_id=stages[stage], name=name, pain_point=pain, emotion_now=-2, impact=4
        ).id
    return ws, j, ids, lang


def _chain(app_db, ws):
    return app_db.run(load_chain, workshop_id=ws.id)


def _members(chain) -> list[set[int]]:
    return [{m.touchpoint_id for m in chain.pain_members_of(g.id)} for g in chain.pain_groups]


def _proposals(at) -> list[str]:
    prefix = "pain_proposal_title_"
    return [t.key.removeprefix(prefix) for t in at.text_input if (t.key or "").startswith(prefix)]


def _open(lang: str):
    at = open_page(PAGE, lang=lang)
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize("journey", ["en", "zh"], indirect=True)
def test_suggest_accept_one_reject_one_then_undo_the_whole_step(app_db, journey):
    ws, _, ids, lang = journey
    at = _open(lang)
    at.button(key="pain_group_suggest").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    tags = _proposals(at)
    assert len(tags) >= 2, tags
    assert _chain(app_db, ws).pain_groups == ()  # suggesting changes nothing

    first, second = tags[:2]
    at.text_input(key=f"pain_proposal_title_{first}").set_value("审批慢" if lang == "zh" else "Slow approvals")
    at.button(key=f"pain_proposal_accept_{first}").click().run()
    chain = _chain(app_db, ws)
    assert [g.title for g in chain.pain_groups] == ["审批慢" if lang == "zh" else "Slow approvals"]
    assert len(_members(chain)[0]) >= 2

    at.button(key=f"pain_proposal_reject_{second}").click().run()
    assert len(_chain(app_db, ws).pain_groups) == 1 and second not in _proposals(at)

    at.button(key="pain_group_undo").click().run()
    assert not at.exception and not at.error
    chain = _chain(app_db, ws)
    assert chain.pain_groups == () and len(chain.touchpoints) == len(ids)


def test_merging_near_duplicate_pains_keeps_both_touchpoints_and_groups_them(app_db, journey):
    ws, _, ids, lang = journey
    a, b = ids["Approval takes two weeks"], ids["Approval takes 2 weeks!"]
    at = _open(lang)
    at.button(key="pain_group_suggest").click().run()
    at.button(key=f"pain_merge_duplicate_{a}_{b}").click().run()
    assert not at.exception and not at.error
    chain = _chain(app_db, ws)
    assert _members(chain) == [{a, b}]
    assert {t.pain_point for t in chain.touchpoints if t.id in (a, b)} == {
        "Approval takes two weeks",
        "Approval takes 2 weeks!",
    }


def test_a_pain_moves_with_its_picker_and_a_colleagues_change_is_refused(app_db, journey):
    ws, j, ids, lang = journey
    first = ids["Status report template is too long"]
    group = app_db.run(pains.create_pain_group, journey_id=j.id, title="Reports", touchpoint_ids=[first])
    at = _open(lang)
    moved = ids["Nobody reads the status report"]
    _picker(at, f"move_pain_{moved}_0").set_value(group.id).run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert _members(_chain(app_db, ws)) == [{first, moved}]

    current = _chain(app_db, ws).pain_groups[0]  # a colleague renames the group meanwhile
    app_db.run(pains.rename_pain_group, group_id=group.id, expected_version=current.version, title="Status reports")
    other = ids["No one tells us the project closed"]
    _picker(at, f"move_pain_{other}_0").set_value(group.id).run()
    assert at.error
    assert _members(_chain(app_db, ws)) == [{first, moved}]


def test_a_group_marked_key_and_carried_becomes_one_canvas_pain_traced_to_every_touchpoint(app_db, journey):
    ws, j, ids, lang = journey
    members = [
        ids["Approval takes two weeks"],
        ids["Approval takes 2 weeks!"],
        ids["Waiting for budget approval for days"],
    ]
    group = app_db.run(pains.create_pain_group, journey_id=j.id, title="Slow approvals", touchpoint_ids=members)
    at = _open(lang)
    assert any("touchpoints 3" in c.value and "stages 1" in c.value for c in at.caption), [c.value for c in at.caption]

    at.button(key=f"pain_group_key_{group.id}").click().run()
    assert not at.exception and not at.error
    chain = _chain(app_db, ws)
    assert all(t.is_key_pain for t in chain.touchpoints if t.id in members)

    at.button(key=f"pain_group_carry_{group.id}").click().run()
    assert not at.exception and not at.error
    chain = _chain(app_db, ws)
    [pain] = [i for i in chain.items if i.kind == "pain"]
    assert pain.text == "Slow approvals" and pain.rank >= 4
    sources = {link.source_id for link in chain.trace_links if link.target_id == pain.id}
    assert sources == set(members) and all(
        link.source_type == RefKind.TOUCHPOINT for link in chain.trace_links if link.target_id == pain.id
    )


def test_the_section_explains_itself_when_no_touchpoint_names_a_pain(app_db):
    ws = app_db.run(workshops.create_workshop, title="Workshop")
    persona = app_db.run(personas.create_persona, workshop_id=ws.id, name="Li Na", role="PM")
    j = app_db.run(journeys.create_journey, persona_id=persona.id, scenario="Intake", stage_names=["Apply"])
    stage = app_db.run(journeys.list_stages, journey_id=j.id)[0]
    app_db.run(journeys.add_touchpoint, stage_id=stage.id, name="Portal", pain_point="")
    at = _open("en")
    assert any("No touchpoint names a pain yet" in c.value for c in at.caption)
    assert not [b for b in at.button if (b.key or "") == "pain_group_suggest"]


def test_the_journey_screen_with_pain_groups_reruns_unchanged_in_at_most_three_statements(app_db, journey):
    ws, j, ids, lang = journey
    app_db.run(pains.create_pain_group, journey_id=j.id, title="Approvals", touchpoint_ids=list(ids.values())[:3])
    app_db.run(pains.create_pain_group, journey_id=j.id, title="Reports", touchpoint_ids=list(ids.values())[3:5])
    at = _open(lang)
    at.button(key="pain_group_suggest").click().run()  # a suggestion waiting on screen as well
    statements_in_one_rerun(at)  # the first rerun may still fill the caches

    assert statements_in_one_rerun(at) <= 3


def test_the_key_pains_section_shows_a_key_group_once_and_carries_it_as_one_pain(app_db, journey):
    ws, j, ids, lang = journey
    members = [ids["Approval takes two weeks"], ids["Approval takes 2 weeks!"]]
    group = app_db.run(pains.create_pain_group, journey_id=j.id, title="Slow approvals", touchpoint_ids=members)
    app_db.run(pains.mark_group_key_pain, group_id=group.id, expected_version=group.version)
    lone = ids["Nobody reads the status report"]
    tp = next(t for t in _chain(app_db, ws).touchpoints if t.id == lone)
    app_db.run(journeys.mark_key_pain, touchpoint_id=lone, expected_version=tp.version)
    at = _open(lang)

    carry_keys = {b.key for b in at.button if (b.key or "").startswith("carry_")}
    assert carry_keys == {f"carry_group_{group.id}", f"carry_{lone}"}  # no button per grouped touchpoint
    at.button(key=f"carry_group_{group.id}").click().run()
    assert not at.exception and not at.error
    chain = _chain(app_db, ws)
    [pain] = [i for i in chain.items if i.kind == "pain"]
    assert pain.text == "Slow approvals"
    assert {link.source_id for link in chain.trace_links if link.target_id == pain.id} == set(members)
    assert not [b for b in at.button if b.key == f"carry_group_{group.id}"]  # shown as carried now


def test_a_pain_and_a_group_title_with_markup_stay_literal_text_everywhere_on_the_step(app_db, journey):
    ws, j, ids, lang = journey
    stage = app_db.run(journeys.list_stages, journey_id=j.id)[0]
    hostile = "<script>alert(1)</script> **bold**"
    a = app_db.run(journeys.add_touchpoint, stage_id=stage.id, name="<img src=x onerror=alert(2)>", pain_point=hostile)
    b = app_db.run(journeys.add_touchpoint, stage_id=stage.id, name="Portal", pain_point=hostile + "!")
    app_db.run(pains.create_pain_group, journey_id=j.id, title="<b>Group</b> [x](http://e)", touchpoint_ids=[a.id])
    at = _open(lang)
    at.button(key="pain_group_suggest").click().run()  # the near-duplicate pair (a, b) is offered too
    assert not at.exception

    shown = [m.value for m in at.markdown] + [c.value for c in at.caption] + [box.label for box in at.selectbox]
    assert any("\\<script\\>alert\\(1\\)\\</script\\> \\*\\*bold\\*\\*" in v for v in shown)
    assert any("\\<b\\>Group\\</b\\> \\[x\\]\\(http\\://e\\)" in v for v in shown)
    assert not any(re.search(r"(?<!\\)<(script|img|b)\b", v) for v in shown)  # no tag left unescaped
    assert f"pain_merge_duplicate_{a.id}_{b.id}" in {button.key for button in at.button}  # the pair was drawn too
