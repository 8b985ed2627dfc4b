"""Experience breaks and the impact x effort quadrants, on plain touchpoint rows and on the demo."""

from __future__ import annotations

import pytest

from pmo_insight.demo import create_demo_workshop
from pmo_insight.domain.journey_analysis import (
    aligned_stage_emotions,
    experience_breaks,
    journey_order,
    opportunities,
    opportunity_quadrant,
    stage_emotions,
)
from pmo_insight.models import JourneyStage, Touchpoint
from pmo_insight.persistence.chain_loader import load_chain


def _tps(*emotions: int) -> list[Touchpoint]:
    return [
        Touchpoint(id=i + 1, journey_id=1, stage_id=1, position=i, name=f"T{i}", emotion_now=e)
        for i, e in enumerate(emotions)
    ]


def _names(tps) -> list[str]:
    return [tp.name for tp in tps]


def test_the_deepest_point_below_zero_is_a_break_and_so_is_every_local_low_at_minus_two():
    assert _names(experience_breaks(_tps(1, -1, -3, 1, -2, 0, -2))) == ["T2", "T4", "T6"]


def test_a_dip_to_minus_one_is_a_break_only_when_it_is_the_journeys_lowest_point():
    assert _names(experience_breaks(_tps(2, -1, 1, 0))) == ["T1"]
    assert _names(experience_breaks(_tps(-1, -3, -1))) == ["T1"]


def test_a_journey_that_never_dips_below_zero_has_no_break():
    assert experience_breaks(_tps(0, 1, 3, 0)) == []
    assert experience_breaks([]) == []


def test_a_slope_down_to_minus_two_is_not_a_local_low_until_it_stops_falling():
    assert _names(experience_breaks(_tps(0, -2, -3, 0))) == ["T2"]


@pytest.mark.parametrize(
    ("impact", "effort", "quadrant"),
    [(5, 1, "quick_win"), (3, 2, "quick_win"), (5, 3, "big_bet"), (3, 5, "big_bet"),
     (2, 2, "fill_in"), (1, 1, "fill_in"), (2, 3, "money_pit"), (1, 5, "money_pit")],
)  # fmt: skip
def test_impact_and_effort_from_three_up_count_as_high(impact, effort, quadrant):
    assert opportunity_quadrant(impact, effort) == quadrant


def test_opportunities_list_quick_wins_first_then_by_impact_and_effort_and_skip_unrated_ones():
    rows = [
        Touchpoint(id=1, name="big", opportunity="x", impact=5, effort=5),
        Touchpoint(id=2, name="win small", opportunity="x", impact=3, effort=2),
        Touchpoint(id=3, name="win big", opportunity="x", impact=4, effort=1),
        Touchpoint(id=4, name="no rating", opportunity="x", impact=None, effort=1),
        Touchpoint(id=5, name="no text", opportunity="  ", impact=5, effort=1),
        Touchpoint(id=6, name="fill", opportunity="x", impact=2, effort=1),
        Touchpoint(id=7, name="pit", opportunity="x", impact=2, effort=4),
    ]
    ranked = opportunities(rows)
    assert [(tp.name, q) for tp, q in ranked] == [
        ("win big", "quick_win"),
        ("win small", "quick_win"),
        ("big", "big_bet"),
        ("fill", "fill_in"),
        ("pit", "money_pit"),
    ]


def test_journey_order_goes_stage_by_stage_whatever_the_positions():
    stages = [
        JourneyStage(id=10, journey_id=1, name="B", position=1),
        JourneyStage(id=20, journey_id=1, name="A", position=0),
    ]
    tps = [
        Touchpoint(id=1, stage_id=10, position=0, name="b1"),
        Touchpoint(id=2, stage_id=20, position=5, name="a1"),
        Touchpoint(id=3, stage_id=20, position=6, name="a2"),
    ]
    assert _names(journey_order(stages, tps)) == ["a1", "a2", "b1"]


def test_another_journeys_stages_are_matched_by_name_ignoring_case_and_spaces():
    mine = [JourneyStage(id=1, name="Apply", position=0), JourneyStage(id=2, name="Use", position=1)]
    theirs = [JourneyStage(id=7, name=" apply ", position=0), JourneyStage(id=8, name="Other", position=1)]
    tps = [Touchpoint(id=1, stage_id=7, emotion_now=-2), Touchpoint(id=2, stage_id=7, emotion_now=0),
           Touchpoint(id=3, stage_id=8, emotion_now=3)]  # fmt: skip
    (aligned,) = aligned_stage_emotions(mine, theirs, tps)
    assert (aligned.stage, aligned.mean, aligned.lowest) == ("Apply", -1, -2)
    assert [s.stage for s in stage_emotions(theirs, tps)] == [" apply ", "Other"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_demo_training_journey_breaks_at_the_approval_step_and_has_quick_wins(session, lang):
    ws = create_demo_workshop(session, lang=lang)
    chain = load_chain(session, workshop_id=ws.id)
    training = chain.journeys[0]
    ordered = journey_order(chain.stages_of(training.id), chain.touchpoints_of(training.id))
    breaks = experience_breaks(ordered)
    deepest = min(breaks, key=lambda tp: tp.emotion_now)
    assert deepest.emotion_now == -3 and deepest.is_key_pain
    assert ("approval" in deepest.name) if lang == "en" else ("审批" in deepest.name)
    wins = [tp for tp, q in opportunities(ordered) if q == "quick_win"]
    assert len(wins) >= 3 and all(tp.effort <= 2 and tp.impact >= 3 for tp in wins)
