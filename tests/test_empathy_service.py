"""Empathy-map services behind the live board: votes, moves, edits, ranking and promotion."""

from __future__ import annotations

import pytest

from pmo_insight.domain.refs import Ref
from pmo_insight.errors import NotFound, StaleVersion, ValidationFailed
from pmo_insight.models import ItemKind, Quadrant, RefKind
from pmo_insight.persistence.chain_loader import load_chain
from pmo_insight.services import canvases, empathy, evidence, personas, workshops


@pytest.fixture
def persona(session):
    ws = workshops.create_workshop(session, title="Workshop")
    return personas.create_persona(session, workshop_id=ws.id, name="COO")


@pytest.fixture
def emap(session, persona):
    return empathy.create_map(session, persona_id=persona.id, scenario="Deciding whether to introduce a PMO")


def _note(session, emap, quadrant="says", text="note", votes=0):
    return empathy.add_note(session, map_id=emap.id, quadrant=quadrant, text=text, votes=votes)


def test_a_vote_adds_and_removes_dots_but_never_goes_below_zero(session, emap):
    note = _note(session, emap)

    assert empathy.vote(session, note_id=note.id, delta=1).votes == 1
    assert empathy.vote(session, note_id=note.id, delta=1).votes == 2
    assert empathy.vote(session, note_id=note.id, delta=-1).votes == 1
    assert empathy.vote(session, note_id=note.id, delta=-1).votes == 0
    assert empathy.vote(session, note_id=note.id, delta=-1).votes == 0


def test_a_vote_does_not_make_a_colleagues_open_edit_stale(session, emap):
    note = _note(session, emap, text="Before")
    shown_version = note.version

    empathy.vote(session, note_id=note.id, delta=1)
    edited = empathy.edit_note(session, note_id=note.id, expected_version=shown_version, text="After")

    assert (edited.text, edited.votes) == ("After", 1)


def test_voting_on_a_deleted_note_says_it_no_longer_exists(session, emap):
    note_id = _note(session, emap).id
    empathy.delete_note(session, note_id=note_id)

    with pytest.raises(NotFound):
        empathy.vote(session, note_id=note_id, delta=1)


def test_a_moved_note_goes_last_in_its_new_quadrant(session, emap, persona):
    feels = _note(session, emap, "feels", "Anxious")
    says = _note(session, emap, "says", "Too expensive")
    shown_version = says.version

    moved = empathy.move_note(session, note_id=says.id, quadrant="feels", expected_version=shown_version)

    chain = load_chain(session, workshop_id=persona.workshop_id)
    board = empathy.board(chain, map_id=emap.id)
    assert moved.quadrant == Quadrant.FEELS and moved.version == shown_version + 1
    assert [n.id for n in board[Quadrant.FEELS]] == [feels.id, says.id]
    assert board[Quadrant.SAYS] == []


def test_moving_a_note_someone_else_just_edited_is_refused(session, emap):
    note = _note(session, emap)
    empathy.edit_note(session, note_id=note.id, expected_version=1, text="edited elsewhere")

    with pytest.raises(StaleVersion):
        empathy.move_note(session, note_id=note.id, quadrant="thinks", expected_version=1)


def test_moving_to_an_unknown_quadrant_is_refused(session, emap):
    note = _note(session, emap)

    with pytest.raises(ValidationFailed) as refused:
        empathy.move_note(session, note_id=note.id, quadrant="smells", expected_version=note.version)

    assert [p.field for p in refused.value.problems] == ["quadrant"]


def test_an_edit_saves_text_author_and_department_together(session, emap):
    note = _note(session, emap)

    edited = empathy.edit_note(
        session, note_id=note.id, expected_version=1, text="领导担心成本 💰", author="Liu", department="Finance"
    )

    assert (edited.text, edited.author, edited.department, edited.quadrant) == (
        "领导担心成本 💰",
        "Liu",
        "Finance",
        Quadrant.SAYS,
    )


def test_the_board_shows_the_most_voted_notes_first_and_ties_in_the_order_added(session, emap, persona):
    low = _note(session, emap, text="low", votes=1)
    first_tie = _note(session, emap, text="tie A", votes=3)
    second_tie = _note(session, emap, text="tie B", votes=3)
    top = _note(session, emap, text="top", votes=7)
    gain = _note(session, emap, "gains", "gain")

    board = empathy.board(load_chain(session, workshop_id=persona.workshop_id), map_id=emap.id)

    assert [n.id for n in board[Quadrant.SAYS]] == [top.id, first_tie.id, second_tie.id, low.id]
    assert [n.id for n in board[Quadrant.GAINS]] == [gain.id]
    assert set(board) == set(Quadrant)


def test_promoting_a_pains_note_creates_a_canvas_pain_traced_back_with_its_evidence(session, emap, persona):
    note = _note(session, emap, "pains", "Bureaucracy")
    survey = evidence.attach_new_evidence(
        session, target=Ref(RefKind.EMPATHY_NOTE, note.id), kind="survey", source="Survey"
    )
    canvas = canvases.create_canvas(session, persona_id=persona.id, title="COO canvas")

    item = empathy.promote_note(session, note_id=note.id, canvas_id=canvas.id)

    chain = load_chain(session, workshop_id=persona.workshop_id)
    assert (item.kind, item.text, item.canvas_id) == (ItemKind.PAIN, "Bureaucracy", canvas.id)
    assert chain.traced_sources(Ref(RefKind.CANVAS_ITEM, item.id)) == [Ref(RefKind.EMPATHY_NOTE, note.id)]
    assert [e.id for e in evidence.evidence_in_chain(chain, Ref(RefKind.CANVAS_ITEM, item.id))] == [survey.id]
    assert [i.id for i in empathy.promoted_to(chain, note)] == [item.id]


def test_promoting_a_gains_note_into_a_new_canvas_creates_the_canvas_and_a_gain(session, emap, persona):
    note = _note(session, emap, "gains", "A risk model we can trust")

    item = empathy.promote_note(session, note_id=note.id, new_canvas_title="Value for the COO")

    chain = load_chain(session, workshop_id=persona.workshop_id)
    assert item.kind == ItemKind.GAIN
    assert [(c.title, c.persona_id) for c in empathy.canvases_of(chain, persona_id=persona.id)] == [
        ("Value for the COO", persona.id)
    ]


def test_promoting_twice_into_one_canvas_keeps_one_item(session, emap, persona):
    note = _note(session, emap, "feels", "Under pressure")
    canvas = canvases.create_canvas(session, persona_id=persona.id, title="Canvas")

    first = empathy.promote_note(session, note_id=note.id, canvas_id=canvas.id)
    second = empathy.promote_note(session, note_id=note.id, canvas_id=canvas.id)

    assert first.id == second.id
    assert len(load_chain(session, workshop_id=persona.workshop_id).items_of(canvas.id)) == 1


def test_a_says_note_cannot_be_promoted(session, emap):
    note = _note(session, emap, "says", "Cost?")

    assert not empathy.can_promote(note)
    with pytest.raises(ValidationFailed):
        empathy.promote_note(session, note_id=note.id, new_canvas_title="Canvas")


def test_a_note_cannot_be_promoted_into_another_personas_canvas(session, emap, persona):
    other = personas.create_persona(session, workshop_id=persona.workshop_id, name="PM")
    foreign = canvases.create_canvas(session, persona_id=other.id, title="PM canvas")
    note = _note(session, emap, "pains", "Cost")

    with pytest.raises(ValidationFailed) as refused:
        empathy.promote_note(session, note_id=note.id, canvas_id=foreign.id)

    assert refused.value.problems[0].key == "error.other_persona"


def test_a_promotion_into_a_new_canvas_without_a_title_creates_nothing(session, emap, persona):
    note = _note(session, emap, "pains", "Cost")

    with pytest.raises(ValidationFailed):
        empathy.promote_note(session, note_id=note.id, new_canvas_title="")

    assert canvases.list_canvases(session, workshop_id=persona.workshop_id) == []


def test_renaming_a_map_needs_the_version_that_was_shown(session, emap):
    renamed = empathy.rename_map(session, map_id=emap.id, expected_version=1, scenario="Weekly status meeting")

    assert renamed.scenario == "Weekly status meeting"
    with pytest.raises(StaleVersion):
        empathy.rename_map(session, map_id=emap.id, expected_version=1, scenario="Mine")
