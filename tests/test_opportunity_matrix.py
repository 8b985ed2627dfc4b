"""The impact x effort matrix: quadrants labelled in the room's language, quick wins numbered first."""

from __future__ import annotations

import vl_convert as vlc

from pmo_insight.charts.opportunity import matrix_frame, opportunity_matrix
from pmo_insight.demo import create_demo_workshop
from pmo_insight.domain.journey_analysis import journey_order, opportunities
from pmo_insight.models import Touchpoint
from pmo_insight.persistence.chain_loader import load_chain


def _ranked(session, lang):
    ws = create_demo_workshop(session, lang=lang)
    chain = load_chain(session, workshop_id=ws.id)
    journey = chain.journeys[0]
    return opportunities(journey_order(chain.stages_of(journey.id), chain.touchpoints_of(journey.id)))


def _datasets(chart) -> list[list[dict]]:
    return list(chart.to_dict()["datasets"].values())


def test_the_demo_matrix_numbers_its_quick_wins_first_and_names_all_four_quadrants(session):
    chart = opportunity_matrix(_ranked(session, "en"), lang="en")
    datasets = _datasets(chart)
    areas = next(rows for rows in datasets if rows and "tint" in rows[0])
    points = next(rows for rows in datasets if rows and "number" in rows[0])

    assert {a["quadrant"] for a in areas} == {"Quick wins", "Big bets", "Fill-ins", "Money pit"}
    quick = [p for p in points if p["quadrant"] == "Quick wins"]
    assert len(quick) == 4 and [p["number"] for p in quick] == [1, 2, 3, 4]
    assert all(p["effort"] <= 2 and p["impact"] >= 3 for p in quick)


def test_points_in_the_same_cell_are_drawn_apart():
    same = [Touchpoint(id=i, name=f"T{i}", opportunity="o", impact=4, effort=2) for i in range(4)]
    frame = matrix_frame([(tp, "quick_win") for tp in same], lang="en")
    assert len({(x, y) for x, y in zip(frame["x"], frame["y"], strict=True)}) == 4


def test_the_chinese_matrix_renders_with_chinese_quadrant_names(session):
    chart = opportunity_matrix(_ranked(session, "zh"), lang="zh", width=900)
    areas = next(rows for rows in _datasets(chart) if rows and "tint" in rows[0])
    assert {a["quadrant"] for a in areas} == {"速赢", "重大投入", "顺手改进", "投入陷阱"}
    png = vlc.vegalite_to_png(chart.to_dict(), scale=1)
    assert png[:4] == b"\x89PNG" and len(png) > 10_000
