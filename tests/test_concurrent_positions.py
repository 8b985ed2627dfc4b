"""Positions stay unique when several people add to one map, journey or canvas at the same moment."""

from __future__ import annotations

import threading
from collections import Counter

import pytest
from sqlalchemy import func
from sqlmodel import Session, select

from pmo_insight.models import CanvasItem, EmpathyNote, ItemKind, JourneyStage, Kpi, Touchpoint
from pmo_insight.persistence.chain_loader import load_chain
from pmo_insight.persistence.db import session_scope
from pmo_insight.services import canvases, empathy, journeys
from tests.factories import build_workshop

WRITERS = 2
ADDS_PER_WRITER = 25


def _ids(engine) -> dict[str, int]:
    with Session(engine) as s:
        ws = build_workshop(s, notes_per_map=0, stages_per_journey=1, touchpoints_per_stage=0, pains_per_canvas=0)
        s.commit()
        chain = load_chain(s, workshop_id=ws.id)
        return {
            "map": chain.maps[0].id,
            "journey": chain.journeys[0].id,
            "stage": chain.stages[0].id,
            "canvas": chain.canvases[0].id,
        }


ADDERS = {
    EmpathyNote: ("map_id", lambda s, ids, n: empathy.add_note(s, map_id=ids["map"], quadrant="says", text=f"n{n}")),
    JourneyStage: ("journey_id", lambda s, ids, n: journeys.add_stage(s, journey_id=ids["journey"], name=f"s{n}")),
    Touchpoint: ("journey_id", lambda s, ids, n: journeys.add_touchpoint(s, stage_id=ids["stage"], name=f"t{n}")),
    CanvasItem: (
        "canvas_id",
        lambda s, ids, n: canvases.add_item(s, canvas_id=ids["canvas"], kind=ItemKind.GAIN, text=f"g{n}"),
    ),
    Kpi: ("canvas_id", lambda s, ids, n: canvases.add_kpi(s, canvas_id=ids["canvas"], name=f"k{n}")),
}


@pytest.mark.parametrize("model", list(ADDERS), ids=lambda m: m.__name__)
def test_positions_are_unique_under_two_concurrent_writers(engine, model):
    parent, add = ADDERS[model]
    ids = _ids(engine)
    start = threading.Barrier(WRITERS)
    errors: list[BaseException] = []

    def writer(number: int) -> None:
        try:
            start.wait()
            for n in range(ADDS_PER_WRITER):
                with session_scope(engine) as s:
                    add(s, ids, f"{number}-{n}")
        except BaseException as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=writer, args=(w,)) for w in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    table = model.__table__
    with Session(engine) as s:
        pairs = s.execute(select(table.c[parent], table.c.position)).all()
        total = s.execute(select(func.count()).select_from(table)).scalar_one()
    duplicates = {pair: count for pair, count in Counter(pairs).items() if count > 1}
    assert duplicates == {}
    assert total >= WRITERS * ADDS_PER_WRITER
