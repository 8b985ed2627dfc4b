"""Carrying notes and journey pains into a canvas: traced, evidenced, never duplicated."""

from __future__ import annotations

import pytest

from pmo_insight.domain.refs import Ref
from pmo_insight.errors import ValidationFailed
from pmo_insight.models import ItemKind, RefKind
from pmo_insight.persistence.chain_loader import load_chain
from pmo_insight.services import empathy, evidence, journeys, links, personas, workshops
from pmo_insight.services.carry import canvas_for_persona, carry_into_canvas, pain_severity


@pytest.fixture
def persona(session):
    ws = workshops.create_workshop(session, title="Workshop")
    return personas.create_persona(session, workshop_id=ws.id, name="Regional director")


def test_a_feels_note_becomes_a_canvas_pain_traced_back_to_the_note(session, persona):
    emap = empathy.create_map(session, persona_id=persona.id, scenario="HQ allocation")
    note = empathy.add_note(session, map_id=emap.id, quadrant="feels", text="Anxious about HQ allocation 😟")
    canvas = canvas_for_persona(session, persona_id=persona.id, title="Director's canvas")

    item = carry_into_canvas(session, source=Ref(RefKind.EMPATHY_NOTE, note.id), canvas_id=canvas.id)

    chain = load_chain(session, workshop_id=persona.workshop_id)
    assert (item.kind, item.text) == (ItemKind.PAIN, "Anxious about HQ allocation 😟")
    assert chain.traced_sources(Ref(RefKind.CANVAS_ITEM, item.id)) == [Ref(RefKind.EMPATHY_NOTE, note.id)]


def test_a_gains_note_becomes_a_canvas_gain(session, persona):
    emap = empathy.create_map(session, persona_id=persona.id, scenario="S")
    note = empathy.add_note(session, map_id=emap.id, quadrant="gains", text="Predictable resourcing")
    canvas = canvas_for_persona(session, persona_id=persona.id, title="Canvas")

    assert carry_into_canvas(session, source=Ref(RefKind.EMPATHY_NOTE, note.id), canvas_id=canvas.id).kind == "gain"


def test_a_says_note_cannot_be_carried(session, persona):
    emap = empathy.create_map(session, persona_id=persona.id, scenario="S")
    note = empathy.add_note(session, map_id=emap.id, quadrant="says", text="We need more people")
    canvas = canvas_for_persona(session, persona_id=persona.id, title="Canvas")

    with pytest.raises(ValidationFailed) as failed:
        carry_into_canvas(session, source=Ref(RefKind.EMPATHY_NOTE, note.id), canvas_id=canvas.id)
    assert failed.value.problems[0].key == "error.cannot_carry"


def test_a_key_journey_pain_is_carried_with_its_severity_and_evidence(session, persona):
    journey = journeys.create_journey(session, persona_id=persona.id, scenario="Request", stage_names=["Apply"])
    (stage,) = journeys.list_stages(session, journey_id=journey.id)
    tp = journeys.add_touchpoint(
        session, stage_id=stage.id, name="Approval", pain_point="Cross-region approval takes 11 days", emotion_now=-3
    )
    proof = evidence.create_evidence(session, workshop_id=persona.workshop_id, kind="system_data", source="Workflow")
    links.link_evidence(session, evidence_id=proof.id, target=Ref(RefKind.TOUCHPOINT, tp.id))
    canvas = canvas_for_persona(session, persona_id=persona.id, title="Canvas")

    item = carry_into_canvas(session, source=Ref(RefKind.TOUCHPOINT, tp.id), canvas_id=canvas.id)

    assert (item.text, item.rank) == ("Cross-region approval takes 11 days", 5)
    assert load_chain(session, workshop_id=persona.workshop_id).has_evidence(Ref(RefKind.CANVAS_ITEM, item.id))


def test_carrying_the_same_source_twice_into_one_canvas_returns_the_first_item(session, persona):
    emap = empathy.create_map(session, persona_id=persona.id, scenario="S")
    note = empathy.add_note(session, map_id=emap.id, quadrant="pains", text="Slow approval")
    canvas = canvas_for_persona(session, persona_id=persona.id, title="Canvas")
    source = Ref(RefKind.EMPATHY_NOTE, note.id)

    first = carry_into_canvas(session, source=source, canvas_id=canvas.id)
    second = carry_into_canvas(session, source=source, canvas_id=canvas.id)

    assert first.id == second.id
    assert len(load_chain(session, workshop_id=persona.workshop_id).items) == 1


def test_the_persona_canvas_is_reused_once_it_exists(session, persona):
    first = canvas_for_persona(session, persona_id=persona.id, title="First")

    assert canvas_for_persona(session, persona_id=persona.id, title="Second").id == first.id


@pytest.mark.parametrize(("emotion", "severity"), [(-3, 5), (-2, 4), (-1, 3), (0, 2), (3, 1)])
def test_the_lower_the_emotion_the_more_severe_the_pain(emotion, severity):
    assert pain_severity(emotion) == severity
