"""Loading a workshop's whole chain: complete, and at a cost that does not grow with its size."""

from __future__ import annotations

import dataclasses

from sqlmodel import Session

from pmo_insight.domain.chain import WorkshopChain
from pmo_insight.domain.refs import Ref
from pmo_insight.models import RefKind
from pmo_insight.persistence.chain_loader import load_chain
from tests.apptest import counting_statements
from tests.factories import build_workshop


def _statements_to_load(engine, workshop_id: int) -> int:
    with Session(engine) as session, counting_statements(engine) as statements:
        chain = load_chain(session, workshop_id=workshop_id)
        # Touch every relation a screen would use: no lazy loads may fire.
        for emap in chain.maps:
            chain.notes_of(emap.id)
        for journey in chain.journeys:
            chain.stages_of(journey.id)
            chain.touchpoints_of(journey.id)
        for canvas in chain.canvases:
            chain.items_of(canvas.id)
            chain.kpis_of(canvas.id)
        for item in chain.items:
            chain.traced_sources(Ref(RefKind.CANVAS_ITEM, item.id))
    return len(statements)


def test_loading_a_chain_costs_the_same_number_of_statements_for_a_small_and_a_large_workshop(engine, session):
    small = build_workshop(session, personas_count=1, notes_per_map=2, touchpoints_per_stage=1)
    large = build_workshop(session, personas_count=12, notes_per_map=40, stages_per_journey=5, touchpoints_per_stage=8)
    session.commit()

    small_count = _statements_to_load(engine, small.id)
    large_count = _statements_to_load(engine, large.id)

    assert small_count == large_count
    # one SELECT per table of the chain (the workshop and each record tuple), whatever the size
    tables = [f for f in dataclasses.fields(WorkshopChain) if not f.name.startswith("_")]
    assert small_count == len(tables)


def test_the_loaded_chain_holds_every_row_of_the_workshop_and_none_of_another(session):
    ours = build_workshop(session, personas_count=2, notes_per_map=6, stages_per_journey=3, touchpoints_per_stage=2)
    build_workshop(session, personas_count=1)
    session.commit()

    chain = load_chain(session, workshop_id=ours.id)

    assert len(chain.personas) == 2
    assert len(chain.maps) == 2 and len(chain.notes) == 12
    assert len(chain.journeys) == 2 and len(chain.stages) == 6 and len(chain.touchpoints) == 12
    assert len(chain.canvases) == 2 and len(chain.items) == 2 * 3
    assert len(chain.fit_links) == 4 and len(chain.kpis) == 2 and len(chain.kpi_links) == 2
    assert len(chain.trace_links) == 8 and len(chain.evidence_links) == 2
    assert len(chain.participants) == 1 and len(chain.evidence) == 1
    assert {p.workshop_id for p in chain.personas} == {ours.id}


def test_touchpoints_come_back_in_their_journey_order(session):
    ws = build_workshop(session, stages_per_journey=2, touchpoints_per_stage=3)
    chain = load_chain(session, workshop_id=ws.id)

    positions = [t.position for t in chain.touchpoints_of(chain.journeys[0].id)]

    assert positions == sorted(positions) == list(range(6))


def test_a_trace_can_be_followed_from_an_empathy_note_to_a_canvas_pain(session):
    ws = build_workshop(session)
    chain = load_chain(session, workshop_id=ws.id)

    note = chain.notes[0]
    (touchpoint,) = chain.traced_targets(Ref(RefKind.EMPATHY_NOTE, note.id))
    (pain,) = chain.traced_targets(touchpoint)

    assert touchpoint.kind == RefKind.TOUCHPOINT
    assert pain.kind == RefKind.CANVAS_ITEM
    assert chain.label(pain) == "Pain 0"
