"""The five pitfalls on the chain screen: each check seen failing, then passing once fixed through the services."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from pmo_insight.demo import create_demo_workshop
from pmo_insight.domain.health import CHECKS, Fault, Pitfall, chain_health
from pmo_insight.domain.pitfalls import CHECK_PAGE, PITFALL_ORDER, REF_PAGE, fault_page, pitfall_views
from pmo_insight.domain.refs import Ref
from pmo_insight.models import ItemKind, RefKind
from pmo_insight.persistence.chain_loader import load_chain
from pmo_insight.services import canvases, empathy, evidence, journeys, links, personas, workshops
from pmo_insight.services.carry import carry_into_canvas

TODAY = date(2026, 11, 23)


def _views(session, workshop_id: int):
    return {
        v.pitfall: v for v in pitfall_views(chain_health(load_chain(session, workshop_id=workshop_id), today=TODAY))
    }


def _failing(session, workshop_id: int) -> set[str]:
    return {c.result.check for v in _views(session, workshop_id).values() for c in v.checks if not c.result.ok}


def test_every_health_check_names_the_screen_that_fixes_it():
    assert set(CHECK_PAGE) == set(CHECKS)
    assert all(page.startswith("pages/") and page.endswith(".py") for page in CHECK_PAGE.values())
    assert set(REF_PAGE) == set(RefKind)


def test_the_five_pitfalls_come_in_the_article_order_each_guarded_by_a_check(session):
    ws = workshops.create_workshop(session, title="Empty", next_review_on=TODAY + timedelta(days=30))
    views = pitfall_views(chain_health(load_chain(session, workshop_id=ws.id), today=TODAY))

    assert [v.pitfall for v in views] == list(PITFALL_ORDER) and set(PITFALL_ORDER) == set(Pitfall)
    assert all(v.checks for v in views)
    assert all(v.ok for v in views)  # an empty workshop has nothing at fault


def test_an_unevidenced_claim_is_fixed_on_the_screen_of_the_item_itself():
    assert fault_page("claim_without_evidence", Fault(Ref(RefKind.TOUCHPOINT, 1), "x")) == "pages/journey.py"
    assert fault_page("claim_without_evidence", Fault(Ref(RefKind.PERSONA, 1), "x")) == "pages/personas.py"
    assert fault_page("review_missing_or_overdue", Fault(None, "")) == "pages/chain.py"
    assert fault_page("canvas_without_kpi", Fault(None, "Canvas")) == "pages/canvas.py"


def test_the_demo_warns_on_its_three_assumptions_and_its_unrelieved_minor_pain_until_they_are_fixed(session):
    ws = create_demo_workshop(session, lang="en")
    views = _views(session, ws.id)
    assumptions = views[Pitfall.ASSUMPTIONS]
    assert not assumptions.ok and assumptions.fault_count == 3
    assert [c.pages for c in assumptions.checks] == [
        ["pages/empathy.py", "pages/journey.py", "pages/canvas.py"],
        ["pages/evidence.py"],  # every persona of the demo rests on enough data: nothing to fix there
    ]
    assert not views[Pitfall.ISOLATION].ok and views[Pitfall.ISOLATION].fault_count == 1
    assert {p for p, v in views.items() if v.ok} == {Pitfall.TOO_MANY_PAINS, Pitfall.ONE_OFF, Pitfall.NO_BUY_IN}

    chain = load_chain(session, workshop_id=ws.id)
    proof = chain.evidence[0]
    for check in assumptions.checks:
        for fault in check.result.faults:
            links.link_evidence(session, evidence_id=proof.id, target=fault.ref)
    reporting = next(i for i in chain.items if i.text.startswith("Duplicate reporting"))
    rules = next(i for i in chain.items if i.text.startswith("Published allocation rules"))
    canvases.link_fit(session, value_item_id=rules.id, customer_item_id=reporting.id, strength="partial")

    assert all(v.ok for v in _views(session, ws.id).values())


@pytest.fixture
def healthy(session):
    """A small chain passing every check, to break one link at a time."""
    ws = workshops.create_workshop(session, title="Healthy", next_review_on=TODAY + timedelta(days=90))
    persona = personas.create_persona(session, workshop_id=ws.id, name="Xiao Li")
    proof = evidence.create_evidence(session, workshop_id=ws.id, kind="survey", source="PM survey", sample_size=48)
    links.link_evidence(session, evidence_id=proof.id, target=Ref(RefKind.PERSONA, persona.id))
    empathy.create_map(session, persona_id=persona.id, scenario="Resourcing")
    journey = journeys.create_journey(session, persona_id=persona.id, scenario="Request", stage_names=["Apply"])
    canvas = canvases.create_canvas(session, persona_id=persona.id, title="Canvas", journey_id=journey.id)
    canvases.add_kpi(session, canvas_id=canvas.id, name="Approval days", baseline=10, target=3)
    assert _failing(session, ws.id) == set()
    return ws, persona, journey, canvas


def test_too_many_key_pains_fails_past_five_and_passes_when_the_team_focuses(session, healthy):
    ws, _, journey, canvas = healthy
    (stage,) = journeys.list_stages(session, journey_id=journey.id)
    tps = [journeys.add_touchpoint(session, stage_id=stage.id, name=f"Step {n}", is_key_pain=True) for n in range(6)]
    for tp in tps:
        carry_into_canvas(session, source=Ref(RefKind.TOUCHPOINT, tp.id), canvas_id=canvas.id)
    assert "too_many_key_pains" in _failing(session, ws.id)

    journeys.update_touchpoint(session, touchpoint_id=tps[-1].id, expected_version=tps[-1].version, is_key_pain=False)

    assert "too_many_key_pains" not in _failing(session, ws.id)


def test_a_missing_or_overdue_review_fails_until_a_future_date_is_set(session, healthy):
    ws, *_ = healthy
    ws = workshops.update_workshop(session, workshop_id=ws.id, expected_version=ws.version, next_review_on=None)
    assert "review_missing_or_overdue" in _failing(session, ws.id)
    ws = workshops.update_workshop(
        session, workshop_id=ws.id, expected_version=ws.version, next_review_on=TODAY - timedelta(days=1)
    )
    assert "review_missing_or_overdue" in _failing(session, ws.id)

    workshops.update_workshop(
        session, workshop_id=ws.id, expected_version=ws.version, next_review_on=TODAY + timedelta(days=182)
    )

    assert "review_missing_or_overdue" not in _failing(session, ws.id)


def test_isolated_tools_fail_each_missing_link_until_it_is_made(session, healthy):
    ws, persona, journey, canvas = healthy
    loner = personas.create_persona(session, workshop_id=ws.id, name="Loner")
    (stage,) = journeys.list_stages(session, journey_id=journey.id)
    tp = journeys.add_touchpoint(session, stage_id=stage.id, name="Approval", pain_point="Slow", is_key_pain=True)
    assert {"persona_without_empathy_map", "journey_pain_not_in_canvas"} <= _failing(session, ws.id)

    empathy.create_map(session, persona_id=loner.id, scenario="First week")
    pain = carry_into_canvas(session, source=Ref(RefKind.TOUCHPOINT, tp.id), canvas_id=canvas.id)
    assert _failing(session, ws.id) >= {"canvas_pain_without_reliever"}
    assert not {"persona_without_empathy_map", "journey_pain_not_in_canvas"} & _failing(session, ws.id)

    reliever = canvases.add_item(session, canvas_id=canvas.id, kind=ItemKind.RELIEVER, text="Tiered approval")
    canvases.link_fit(session, value_item_id=reliever.id, customer_item_id=pain.id)

    assert "canvas_pain_without_reliever" not in _failing(session, ws.id)


def test_a_canvas_without_a_kpi_fails_the_buy_in_pitfall_until_one_is_added(session, healthy):
    ws, persona, *_ = healthy
    bare = canvases.create_canvas(session, persona_id=persona.id, title="Second canvas")
    views = _views(session, ws.id)
    assert not views[Pitfall.NO_BUY_IN].ok
    assert views[Pitfall.NO_BUY_IN].checks[0].result.faults[0].label == "Second canvas"

    canvases.add_kpi(session, canvas_id=bare.id, name="NPS", baseline=10, target=40)

    assert _views(session, ws.id)[Pitfall.NO_BUY_IN].ok
