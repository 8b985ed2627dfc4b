"""Votes by group (dots summed, distinct voters), ranking and key pains on groups, and carrying a
group into the canvas as one pain traced back to every member note."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from pmo_insight.domain.refs import Ref
from pmo_insight.domain.traceability import upstream_refs
from pmo_insight.grouping import carry
from pmo_insight.grouping import services as grouping
from pmo_insight.grouping.ranking import key_pains, ranked_items
from pmo_insight.live import participants, sessions
from pmo_insight.live.errors import ItemCapReached
from pmo_insight.models import RefKind
from pmo_insight.persistence.chain_loader import load_chain
from pmo_insight.services import canvases, empathy, evidence, links, personas, workshops


@pytest.fixture
def room(session: Session):
    ws = workshops.create_workshop(session, title="Votes")
    persona = personas.create_persona(session, workshop_id=ws.id, name="PM", role="PM")
    emap = empathy.create_map(session, persona_id=persona.id, scenario="Status")
    texts = ["审批太慢", "报名审批要等一周", "周报没人看", "会议太多", "开会没有议程"]
    notes = [empathy.add_note(session, map_id=emap.id, quadrant="pains", text=t) for t in texts]
    canvas = canvases.create_canvas(session, persona_id=persona.id, title="Canvas")
    session.commit()
    code = sessions.start_session(session, workshop_id=ws.id, map_id=emap.id, budget=10).code
    session.commit()
    people = [participants.join_session(session, code=code, name=n).token for n in ("Li", "Wang", "Zhao")]
    session.commit()
    return ws, emap, notes, canvas, code, people


def _vote(session, code, token, note, times=1):
    for _ in range(times):
        participants.cast_vote(session, code=code, token=token, item_id=note.id)
        session.commit()


def test_a_groups_dots_are_its_members_dots_and_its_voters_are_counted_once(session, room):
    ws, emap, notes, _, code, (li, wang, zhao) = room
    _vote(session, code, li, notes[0], 2)
    _vote(session, code, li, notes[1])
    _vote(session, code, wang, notes[1])
    _vote(session, code, zhao, notes[2], 3)
    empathy.vote(session, note_id=notes[0].id, delta=2)  # the facilitator's dots: dots, not a voter
    session.commit()
    approval = grouping.create_group(
        session, map_id=emap.id, quadrant="pains", title="审批慢", note_ids=[notes[0].id, notes[1].id]
    )
    session.commit()

    ranked = ranked_items(load_chain(session, workshop_id=ws.id), map_id=emap.id, quadrant="pains")

    assert [(i.title, i.dots, i.voters) for i in ranked] == [
        ("审批慢", 6, 2),
        ("周报没人看", 3, 1),
        ("会议太多", 0, 0),
        ("开会没有议程", 0, 0),
    ]
    assert ranked[0].group.id == approval.id and ranked[0].note_ids == (notes[0].id, notes[1].id)


def test_equal_dots_are_ranked_by_voters_and_key_pains_are_at_most_five_voted_items(session, room):
    ws, emap, notes, _, code, (li, wang, _zhao) = room
    _vote(session, code, li, notes[3], 2)
    _vote(session, code, li, notes[4])
    _vote(session, code, wang, notes[4])
    grouping.create_group(session, map_id=emap.id, quadrant="pains", title="Meetings", note_ids=[notes[4].id])
    session.commit()

    chain = load_chain(session, workshop_id=ws.id)
    top = key_pains(chain, map_id=emap.id)

    assert [(i.title, i.dots, i.voters) for i in top] == [("Meetings", 2, 2), ("会议太多", 2, 1)]
    assert len(key_pains(chain, map_id=emap.id, limit=1)) == 1


def test_carrying_a_group_makes_one_canvas_pain_traced_to_every_member_with_their_evidence(session, room):
    ws, emap, notes, canvas, *_ = room
    source = evidence.create_evidence(session, workshop_id=ws.id, kind="interview", source="Interviews")
    links.link_evidence(session, evidence_id=source.id, target=Ref(RefKind.EMPATHY_NOTE, notes[1].id))
    group = grouping.create_group(
        session, map_id=emap.id, quadrant="pains", title="审批慢", note_ids=[notes[0].id, notes[1].id]
    )
    session.commit()

    item = carry.carry_group(session, group_id=group.id, canvas_id=canvas.id)
    again = carry.carry_group(session, group_id=group.id, canvas_id=canvas.id)
    session.commit()

    chain = load_chain(session, workshop_id=ws.id)
    pains = chain.items_of(canvas.id, "pain")
    assert again.id == item.id and [(p.kind, p.text) for p in pains] == [("pain", "审批慢")]
    sources = set(chain.traced_sources(Ref(RefKind.CANVAS_ITEM, item.id)))
    assert sources == {Ref(RefKind.EMPATHY_NOTE, notes[0].id), Ref(RefKind.EMPATHY_NOTE, notes[1].id)}
    assert chain.has_evidence(Ref(RefKind.CANVAS_ITEM, item.id))
    upstream = {chain.label(r) for r in upstream_refs(chain, Ref(RefKind.CANVAS_ITEM, item.id))}
    assert upstream >= {"审批太慢", "报名审批要等一周"}


def test_a_group_of_a_describing_quadrant_or_an_empty_group_is_not_carried(session, room):
    ws, emap, notes, canvas, *_ = room
    says = empathy.add_note(session, map_id=emap.id, quadrant="says", text="We are fine")
    said = grouping.create_group(session, map_id=emap.id, quadrant="says", title="Fine", note_ids=[says.id])
    empty = grouping.create_group(session, map_id=emap.id, quadrant="pains", title="Empty")
    session.commit()

    for group in (said, empty):
        with pytest.raises(Exception) as refused:
            carry.carry_group(session, group_id=group.id, canvas_id=canvas.id)
        session.rollback()
        assert refused.value.problems[0].key in {"error.cannot_carry", "error.empty_group"}
    assert load_chain(session, workshop_id=ws.id).items_of(canvas.id) == []


def test_phones_vote_on_a_group_as_one_item_capped_across_its_notes_and_see_totals_only_after_the_reveal(session, room):
    ws, emap, notes, _, code, (li, wang, _zhao) = room
    approval = grouping.create_group(
        session, map_id=emap.id, quadrant="pains", title="审批慢", note_ids=[notes[1].id, notes[0].id]
    )
    session.commit()
    view = participants.participant_view(session, code=code, token=li)
    [group_item] = [i for i in view.items if i.notes]
    assert (group_item.id, group_item.text, group_item.notes) == (
        notes[0].id,
        "审批慢",
        ("审批太慢", "报名审批要等一周"),
    )
    assert [i.id for i in view.items] == [notes[0].id, notes[2].id, notes[3].id, notes[4].id]  # one item per group

    _vote(session, code, li, notes[0], 2)
    _vote(session, code, li, notes[1])  # a screen drawn before the grouping: counts for the group
    with pytest.raises(ItemCapReached):
        participants.cast_vote(session, code=code, token=li, item_id=notes[0].id)
    session.rollback()
    _vote(session, code, wang, notes[0])
    view = participants.participant_view(session, code=code, token=li)
    assert next(i for i in view.items if i.notes).mine == 3
    assert all(i.total is None for i in view.items)  # hidden before the reveal

    # Taking a dot back from the group takes it from a note that holds one of yours.
    participants.take_back_vote(session, code=code, token=li, item_id=notes[0].id)
    session.commit()
    assert next(i for i in participants.participant_view(session, code=code, token=li).items if i.notes).mine == 2

    sessions.reveal_votes(session, workshop_id=ws.id)
    session.commit()
    view = participants.participant_view(session, code=code, token=wang)
    assert next(i for i in view.items if i.notes).total == 3
    ranked = ranked_items(load_chain(session, workshop_id=ws.id), map_id=emap.id, quadrant="pains")
    assert (ranked[0].title, ranked[0].dots, ranked[0].voters) == ("审批慢", 3, 2)

    # Ungrouping moves no dot: each stays on the note it was stored on.
    grouping.ungroup(session, group_id=approval.id, expected_version=approval.version)
    session.commit()
    chain = load_chain(session, workshop_id=ws.id)
    assert sum(n.votes for n in chain.notes_of(emap.id)) == 3


def test_the_projector_shows_a_group_as_one_card_with_its_notes_and_summed_dots(session, room):
    from pmo_insight.live.board_view import board_view

    ws, emap, notes, _, code, (li, wang, _zhao) = room
    grouping.create_group(
        session, map_id=emap.id, quadrant="pains", title="审批慢", note_ids=[notes[0].id, notes[1].id]
    )
    session.commit()
    _vote(session, code, li, notes[0])
    _vote(session, code, wang, notes[1])
    sessions.reveal_votes(session, workshop_id=ws.id)
    session.commit()
    view = board_view(load_chain(session, workshop_id=ws.id))
    pains = next(g for g in view.groups if g.key == "pains")
    assert [(c.text, c.dots, c.notes) for c in pains.cards][0] == ("审批慢", 2, ("审批太慢", "报名审批要等一周"))
    assert len(pains.cards) == 4
