"""The group step on the empathy screen under AppTest: suggest, accept or reject each proposal, undo
the whole step, merge near-duplicates, move a note with its picker, and a colleague's change refused."""

from __future__ import annotations

import pytest

from pmo_insight.grouping import services as grouping
from pmo_insight.persistence.chain_loader import load_chain
from pmo_insight.services import empathy, personas, workshops
from tests.apptest import open_page
from tests.apptest import picker as _picker
from tests.grouping_notes import EN, EN_DUPLICATES

PAGE = "pages/empathy.py"


@pytest.fixture
def board(app_db):
    ws = app_db.run(workshops.create_workshop, title="Workshop")
    persona = app_db.run(personas.create_persona, workshop_id=ws.id, name="Zhang Wei", role="COO")
    emap = app_db.run(empathy.create_map, persona_id=persona.id, scenario="Status")
    ids = {text: app_db.run(empathy.add_note, map_id=emap.id, quadrant="pains", text=text).id for text, _ in EN}
    return ws, emap, ids


def _chain(app_db, ws):
    return app_db.run(load_chain, workshop_id=ws.id)


def _step(lang: str = "en"):
    at = open_page(PAGE, lang=lang)
    at.toggle(key="group_step_on").set_value(True).run()
    assert not at.exception, at.exception
    return at


def _proposals(at) -> list[str]:
    """The tags of the proposals on screen, in order (each keyed by its first note's id)."""
    return [t.key.removeprefix("proposal_title_") for t in at.text_input if (t.key or "").startswith("proposal_title_")]


def _members(chain) -> list[set[int]]:
    return [{m.note_id for m in chain.members_of(g.id)} for g in chain.note_groups]


def test_suggest_then_accept_one_reject_one_and_undo_the_whole_step(app_db, board):
    ws, emap, _ = board
    at = _step()
    at.button(key="group_suggest").click().run()
    first, second = _proposals(at)[:2]
    first_title = at.text_input(key=f"proposal_title_{first}").value
    assert first_title and not at.exception
    assert _chain(app_db, ws).note_groups == ()  # suggesting changes nothing

    at.text_input(key=f"proposal_title_{first}").set_value("Slow approvals")
    at.button(key=f"proposal_accept_{first}").click().run()
    chain = _chain(app_db, ws)
    assert [g.title for g in chain.note_groups] == ["Slow approvals"] and len(_members(chain)[0]) >= 2

    assert _proposals(at)[0] == second
    at.button(key=f"proposal_reject_{second}").click().run()  # the next proposal: rejected, nothing stored
    assert len(_chain(app_db, ws).note_groups) == 1

    at.button(key="group_undo").click().run()
    chain = _chain(app_db, ws)
    assert chain.note_groups == () and len(chain.notes) == len(EN)


def test_two_accepted_proposals_keep_their_own_titles_and_one_undo_takes_both_back(app_db, board):
    ws, _, _ = board
    at = _step()
    at.button(key="group_suggest").click().run()
    first, second = _proposals(at)[:2]
    second_title = at.text_input(key=f"proposal_title_{second}").value
    at.button(key=f"proposal_accept_{first}").click().run()
    assert _proposals(at)[0] == second
    assert at.text_input(key=f"proposal_title_{second}").value == second_title
    at.button(key=f"proposal_accept_{second}").click().run()
    chain = _chain(app_db, ws)
    assert len(chain.note_groups) == 2 and chain.note_groups[1].title == second_title

    at.button(key="group_undo").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert _chain(app_db, ws).note_groups == ()


def test_merging_a_near_duplicate_keeps_both_notes_and_groups_them(app_db, board):
    ws, _, ids = board
    a, b = (ids[t] for t in EN_DUPLICATES[0])
    at = _step()
    at.button(key="group_suggest").click().run()

    at.button(key=f"merge_duplicate_{a}_{b}").click().run()

    chain = _chain(app_db, ws)
    assert _members(chain) == [{a, b}]
    assert {n.text for n in chain.notes if n.id in (a, b)} == set(EN_DUPLICATES[0])


def test_a_note_moves_into_a_group_with_its_picker_and_a_colleagues_change_is_refused(app_db, board):
    ws, emap, ids = board
    note = ids["Nobody reads the status report"]
    group = app_db.run(
        grouping.create_group, map_id=emap.id, quadrant="pains", title="Reports", note_ids=[ids[EN[6][0]]]
    )
    at = _step()

    _picker(at, f"move_to_group_{note}_0").set_value(group.id).run()
    assert not at.exception and not at.error
    assert _members(_chain(app_db, ws)) == [{ids[EN[6][0]], note}]

    # A colleague renames the group; this screen still shows the version before it.
    current = _chain(app_db, ws).note_groups[0]
    app_db.run(grouping.rename_group, group_id=group.id, expected_version=current.version, title="Status reports")
    other = ids["Meetings without an agenda"]
    _picker(at, f"move_to_group_{other}_0").set_value(group.id).run()
    assert at.error
    assert _members(_chain(app_db, ws)) == [{ids[EN[6][0]], note}]


def test_the_ranking_shows_groups_with_their_summed_dots_and_carries_one_into_the_canvas(app_db, board):
    ws, emap, ids = board
    a, b = ids[EN[0][0]], ids[EN[1][0]]
    app_db.run(empathy.vote, note_id=a, delta=2)
    app_db.run(empathy.vote, note_id=b, delta=3)
    group = app_db.run(grouping.create_group, map_id=emap.id, quadrant="pains", title="Approvals", note_ids=[a, b])
    at = _step()

    assert any("5 dots" in c.value and "2 notes" in c.value for c in at.caption)
    at.button(key=f"group_carry_{group.id}").click().run()

    chain = _chain(app_db, ws)
    [pain] = [i for i in chain.items if i.kind == "pain"]
    assert pain.text == "Approvals"


def test_the_board_marks_each_grouped_note_with_its_groups_title(app_db, board):
    ws, emap, ids = board
    first, second = list(ids.values())[:2]
    app_db.run(
        grouping.create_group, map_id=emap.id, quadrant="pains", title="Slow approvals", note_ids=[first, second]
    )
    at = open_page(PAGE)
    assert [c.value for c in at.caption].count("🧩 Slow approvals") == 2
