"""Chain health: every check passes on a linked chain and fails on the gap it exists to find."""

from __future__ import annotations

from datetime import date, timedelta

from pmo_insight.domain.health import CHECKS, MAX_KEY_PAINS, Pitfall, chain_health, link_counts
from pmo_insight.domain.refs import Ref
from pmo_insight.models import ItemKind, RefKind
from pmo_insight.persistence.chain_loader import load_chain
from pmo_insight.services import canvases, empathy, evidence, journeys, links, personas, workshops
from pmo_insight.services.health import workshop_health
from tests.factories import build_workshop

TODAY = date(2026, 11, 23)


def _results(session, workshop_id: int) -> dict[str, tuple[int, list[str]]]:
    results = workshop_health(session, workshop_id=workshop_id, today=TODAY)
    return {r.check: (len(r.faults), [f.label for f in r.faults]) for r in results}


def _healthy_workshop(session):
    """A small chain with every link present and evidence on every claim."""
    ws = workshops.create_workshop(session, title="Healthy", next_review_on=TODAY + timedelta(days=90))
    proof = evidence.create_evidence(session, workshop_id=ws.id, kind="survey", source="PM survey", sample_size=40)
    persona = personas.create_persona(session, workshop_id=ws.id, name="Xiao Li")
    emap = empathy.create_map(session, persona_id=persona.id, scenario="Resourcing")
    note = empathy.add_note(session, map_id=emap.id, quadrant="feels", text="Anxious about resources")
    journey = journeys.create_journey(session, persona_id=persona.id, scenario="Request", stage_names=["Apply"])
    (stage,) = journeys.list_stages(session, journey_id=journey.id)
    tp = journeys.add_touchpoint(session, stage_id=stage.id, name="Approval", pain_point="Slow", is_key_pain=True)
    canvas = canvases.create_canvas(session, persona_id=persona.id, title="Canvas", journey_id=journey.id)
    pain = canvases.add_item(session, canvas_id=canvas.id, kind=ItemKind.PAIN, text="Slow approval", rank=5)
    reliever = canvases.add_item(session, canvas_id=canvas.id, kind=ItemKind.RELIEVER, text="Tiered approval")
    canvases.link_fit(session, value_item_id=reliever.id, customer_item_id=pain.id)
    canvases.add_kpi(session, canvas_id=canvas.id, name="Approval days", baseline=10, target=3, proves=[reliever.id])
    links.add_trace(session, source=Ref(RefKind.EMPATHY_NOTE, note.id), target=Ref(RefKind.TOUCHPOINT, tp.id))
    links.add_trace(session, source=Ref(RefKind.TOUCHPOINT, tp.id), target=Ref(RefKind.CANVAS_ITEM, pain.id))
    for ref in (
        Ref(RefKind.PERSONA, persona.id),
        Ref(RefKind.EMPATHY_NOTE, note.id),
        Ref(RefKind.TOUCHPOINT, tp.id),
        Ref(RefKind.CANVAS_ITEM, pain.id),
    ):
        links.link_evidence(session, evidence_id=proof.id, target=ref)
    return ws, persona, journey, stage, canvas, pain


def test_a_fully_linked_evidenced_chain_passes_every_check(session):
    ws, *_ = _healthy_workshop(session)

    results = workshop_health(session, workshop_id=ws.id, today=TODAY)

    assert [r.check for r in results] == list(CHECKS)
    assert all(r.ok for r in results), [r for r in results if not r.ok]


def test_every_pitfall_of_the_article_has_at_least_one_check():
    assert {pitfall for pitfall, _ in CHECKS.values()} == set(Pitfall)


def test_a_claim_without_evidence_is_reported_as_an_assumption(session):
    ws, persona, *_ = _healthy_workshop(session)
    emap = empathy.create_map(session, persona_id=persona.id, scenario="Budget")
    empathy.add_note(session, map_id=emap.id, quadrant="thinks", text="Gut feeling only")

    assert _results(session, ws.id)["claim_without_evidence"] == (1, ["Gut feeling only"])


def test_more_than_five_key_pains_in_a_journey_fails_the_focus_check(session):
    ws, _, _, stage, *_ = _healthy_workshop(session)
    for n in range(MAX_KEY_PAINS):  # one already marked: this makes six
        journeys.add_touchpoint(session, stage_id=stage.id, name=f"Extra {n}", is_key_pain=True)

    count, _ = _results(session, ws.id)["too_many_key_pains"]

    assert count == 1


def test_a_missing_or_past_review_date_fails_the_one_off_check(session):
    ws, *_ = _healthy_workshop(session)
    assert _results(session, ws.id)["review_missing_or_overdue"][0] == 0

    ws = workshops.update_workshop(
        session, workshop_id=ws.id, expected_version=ws.version, next_review_on=TODAY - timedelta(days=1)
    )
    assert _results(session, ws.id)["review_missing_or_overdue"][0] == 1

    workshops.update_workshop(session, workshop_id=ws.id, expected_version=ws.version, next_review_on=None)
    assert _results(session, ws.id)["review_missing_or_overdue"][0] == 1


def test_a_persona_without_an_empathy_map_is_reported(session):
    ws, *_ = _healthy_workshop(session)
    personas.create_persona(session, workshop_id=ws.id, name="Finance manager")

    assert _results(session, ws.id)["persona_without_empathy_map"] == (1, ["Finance manager"])


def test_a_key_journey_pain_not_carried_into_a_canvas_is_reported(session):
    ws, _, _, stage, *_ = _healthy_workshop(session)
    journeys.add_touchpoint(session, stage_id=stage.id, name="Sign-up", pain_point="Form lost", is_key_pain=True)

    assert _results(session, ws.id)["journey_pain_not_in_canvas"] == (1, ["Form lost"])


def test_a_canvas_pain_with_no_reliever_is_reported(session):
    ws, *_, canvas, _ = _healthy_workshop(session)
    canvases.add_item(session, canvas_id=canvas.id, kind=ItemKind.PAIN, text="No visibility of HQ decisions")

    assert _results(session, ws.id)["canvas_pain_without_reliever"] == (1, ["No visibility of HQ decisions"])


def test_a_canvas_with_no_kpi_fails_the_executive_check(session):
    ws, persona, *_ = _healthy_workshop(session)
    canvases.create_canvas(session, persona_id=persona.id, title="Unmeasured canvas")

    assert _results(session, ws.id)["canvas_without_kpi"] == (1, ["Unmeasured canvas"])


def test_link_counts_report_the_links_that_hold_the_chain_together(session):
    ws = build_workshop(session, personas_count=2, pains_per_canvas=2)

    counts = link_counts(load_chain(session, workshop_id=ws.id))

    assert counts == {"trace": 8, "fit": 4, "kpi": 2, "evidence": 2}


def test_health_checks_run_on_a_loaded_chain_without_touching_the_database(session):
    ws, *_ = _healthy_workshop(session)
    chain = load_chain(session, workshop_id=ws.id)
    session.close()

    assert all(r.ok for r in chain_health(chain, today=TODAY))


def test_a_persona_on_fewer_than_30_respondents_and_5_interviews_is_named(session):
    ws = workshops.create_workshop(session, title="Thin")
    thin = personas.create_persona(session, workshop_id=ws.id, name="Thin")
    solid = personas.create_persona(session, workshop_id=ws.id, name="Solid")
    talked = personas.create_persona(session, workshop_id=ws.id, name="Talked to")
    for persona, kind, size in ((thin, "survey", 12), (solid, "survey", 48), (talked, "interview", 6)):
        evidence.attach_new_evidence(
            session, target=Ref(RefKind.PERSONA, persona.id), kind=kind, source="s", sample_size=size
        )
    session.flush()

    result = next(
        r for r in chain_health(load_chain(session, workshop_id=ws.id)) if r.check == "persona_on_thin_evidence"
    )

    assert [f.label for f in result.faults] == ["Thin (n = 12, 0 × 🎙)"]
