"""The services behind each tool: validation, ordering, fit, KPIs, trace and evidence links."""

from __future__ import annotations

import pytest
from sqlmodel import func, select

from pmo_insight.domain.refs import Ref
from pmo_insight.errors import NotFound, StaleVersion, ValidationFailed
from pmo_insight.models import EvidenceLink, ItemKind, RefKind, TraceLink
from pmo_insight.services import canvases, empathy, evidence, journeys, links, personas, workshops


@pytest.fixture
def persona(session):
    ws = workshops.create_workshop(session, title="Workshop")
    return personas.create_persona(session, workshop_id=ws.id, name="Xiao Li", role="PM", goals=["Ship on time"])


def test_persona_scores_outside_one_to_five_are_refused_field_by_field(session, persona):
    with pytest.raises(ValidationFailed) as failed:
        personas.create_persona(session, workshop_id=persona.workshop_id, name="X", influence=0, interest=6)

    assert {(p.field, p.key) for p in failed.value.problems} == {
        ("influence", "error.too_small"),
        ("interest", "error.too_large"),
    }


def test_a_persona_edit_with_a_stale_version_is_refused_and_nothing_changes(session, persona):
    personas.update_persona(session, persona_id=persona.id, expected_version=1, quote="Resources are the bottleneck")

    with pytest.raises(StaleVersion):
        personas.update_persona(session, persona_id=persona.id, expected_version=1, quote="Overwritten")
    assert personas.get_persona(session, persona_id=persona.id).quote == "Resources are the bottleneck"


def test_notes_keep_the_order_they_were_added_in(session, persona):
    emap = empathy.create_map(session, persona_id=persona.id, scenario="Deciding on a PMO")
    for text in ["first", "second", "third"]:
        empathy.add_note(session, map_id=emap.id, quadrant="says", text=text)

    notes = session.exec(select(empathy.EmpathyNote).order_by(empathy.EmpathyNote.position)).all()

    assert [n.text for n in notes] == ["first", "second", "third"]
    assert [n.position for n in notes] == [0, 1, 2]


def test_a_note_in_an_unknown_quadrant_is_refused(session, persona):
    emap = empathy.create_map(session, persona_id=persona.id, scenario="S")

    with pytest.raises(ValidationFailed) as failed:
        empathy.add_note(session, map_id=emap.id, quadrant="hears", text="?")

    assert failed.value.problems[0].key == "error.invalid_choice"


def test_an_emotion_outside_minus_three_to_plus_three_is_refused(session, persona):
    journey = journeys.create_journey(session, persona_id=persona.id, scenario="Training", stage_names=["Apply"])
    (stage,) = journeys.list_stages(session, journey_id=journey.id)

    with pytest.raises(ValidationFailed) as failed:
        journeys.add_touchpoint(session, stage_id=stage.id, name="Approval", emotion_now=-4)

    assert failed.value.problems[0].field == "emotion_now"


def test_a_touchpoint_cannot_move_to_a_stage_of_another_journey(session, persona):
    first = journeys.create_journey(session, persona_id=persona.id, scenario="A", stage_names=["One"])
    second = journeys.create_journey(session, persona_id=persona.id, scenario="B", stage_names=["Other"])
    (stage,) = journeys.list_stages(session, journey_id=first.id)
    (foreign,) = journeys.list_stages(session, journey_id=second.id)
    tp = journeys.add_touchpoint(session, stage_id=stage.id, name="Step")

    with pytest.raises(ValidationFailed):
        journeys.update_touchpoint(session, touchpoint_id=tp.id, expected_version=tp.version, stage_id=foreign.id)


def test_a_reliever_fits_a_pain_and_relinking_changes_only_the_strength(session, persona):
    canvas = canvases.create_canvas(session, persona_id=persona.id, title="Canvas")
    pain = canvases.add_item(session, canvas_id=canvas.id, kind=ItemKind.PAIN, text="Slow approval", rank=5)
    reliever = canvases.add_item(session, canvas_id=canvas.id, kind=ItemKind.RELIEVER, text="Tiered governance")

    first = canvases.link_fit(session, value_item_id=reliever.id, customer_item_id=pain.id, strength="partial")
    first_saved_at = first.updated_at
    link = canvases.link_fit(session, value_item_id=reliever.id, customer_item_id=pain.id, strength="full")

    assert link.strength == "full"
    assert link.version == 2 and link.updated_at > first_saved_at
    assert session.exec(select(func.count()).select_from(canvases.FitLink)).one() == 1


def test_a_reliever_cannot_be_fitted_to_a_gain(session, persona):
    canvas = canvases.create_canvas(session, persona_id=persona.id, title="Canvas")
    gain = canvases.add_item(session, canvas_id=canvas.id, kind=ItemKind.GAIN, text="Visibility")
    reliever = canvases.add_item(session, canvas_id=canvas.id, kind=ItemKind.RELIEVER, text="Dashboard")

    with pytest.raises(ValidationFailed) as failed:
        canvases.link_fit(session, value_item_id=reliever.id, customer_item_id=gain.id)

    assert failed.value.problems[0].key == "error.fit_kind"


def test_a_kpi_records_which_reliever_it_proves(session, persona):
    canvas = canvases.create_canvas(session, persona_id=persona.id, title="Canvas")
    reliever = canvases.add_item(session, canvas_id=canvas.id, kind=ItemKind.RELIEVER, text="Resource system")

    kpi = canvases.add_kpi(
        session,
        canvas_id=canvas.id,
        name="Resource utilisation",
        baseline=68,
        target=85,
        unit="%",
        proves=[reliever.id],
    )

    assert (kpi.baseline, kpi.target, kpi.unit) == (68, 85, "%")
    assert [link.item_id for link in session.exec(select(canvases.KpiLink)).all()] == [reliever.id]


def test_a_trace_link_must_stay_inside_one_workshop(session, persona):
    other_ws = workshops.create_workshop(session, title="Other")
    stranger = personas.create_persona(session, workshop_id=other_ws.id, name="Stranger")

    with pytest.raises(ValidationFailed) as failed:
        links.add_trace(session, source=Ref(RefKind.PERSONA, persona.id), target=Ref(RefKind.PERSONA, stranger.id))

    assert failed.value.problems[0].key == "error.other_workshop"


def test_a_trace_link_cannot_run_back_up_the_chain(session, persona):
    emap = empathy.create_map(session, persona_id=persona.id, scenario="S")
    note = empathy.add_note(session, map_id=emap.id, quadrant="pains", text="Slow approval")

    with pytest.raises(ValidationFailed) as failed:
        links.add_trace(session, source=Ref(RefKind.EMPATHY_NOTE, note.id), target=Ref(RefKind.PERSONA, persona.id))

    assert failed.value.problems[0].key == "error.trace_direction"


def test_a_trace_link_to_a_missing_item_is_not_found(session, persona):
    with pytest.raises(NotFound):
        links.add_trace(session, source=Ref(RefKind.PERSONA, persona.id), target=Ref(RefKind.TOUCHPOINT, 404))


def test_deleting_a_note_removes_the_trace_and_evidence_links_that_pointed_at_it(session, persona):
    emap = empathy.create_map(session, persona_id=persona.id, scenario="S")
    note = empathy.add_note(session, map_id=emap.id, quadrant="pains", text="Waiting for approval")
    proof = evidence.create_evidence(session, workshop_id=persona.workshop_id, kind="interview", source="Interviews")
    note_ref = Ref(RefKind.EMPATHY_NOTE, note.id)
    links.add_trace(session, source=Ref(RefKind.PERSONA, persona.id), target=note_ref)
    links.link_evidence(session, evidence_id=proof.id, target=note_ref)

    empathy.delete_note(session, note_id=note.id, expected_version=note.version)

    assert session.exec(select(func.count()).select_from(TraceLink)).one() == 0
    assert session.exec(select(func.count()).select_from(EvidenceLink)).one() == 0


def test_evidence_attached_to_an_item_is_found_for_it_and_linking_twice_is_harmless(session, persona):
    proof = evidence.create_evidence(
        session, workshop_id=persona.workshop_id, kind="system_data", source="Timesheets", sample_size=1200
    )
    ref = Ref(RefKind.PERSONA, persona.id)

    links.link_evidence(session, evidence_id=proof.id, target=ref)
    links.link_evidence(session, evidence_id=proof.id, target=ref)

    assert [e.source for e in evidence.evidence_for(session, target=ref)] == ["Timesheets"]
