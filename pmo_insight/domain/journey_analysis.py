"""Reading a customer journey: where the experience breaks and which improvements to start with.

Pure functions on touchpoint rows (no database, no Streamlit), shared by the journey screen, its
charts and the exports, so all of them point at the same steps. Touchpoints are expected in
journey order (stage by stage, then by position): :func:`journey_order` puts them there.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from statistics import mean

from pmo_insight.models import JourneyStage, Touchpoint

#: A local low point counts as an experience break from this emotion down (scale -3..+3).
BREAK_THRESHOLD = -2
#: On the 1-5 scales, this value and above is "high" impact or "high" effort.
HIGH = 3
QUADRANTS = ("quick_win", "big_bet", "fill_in", "money_pit")


def journey_order(stages: Sequence[JourneyStage], touchpoints: Sequence[Touchpoint]) -> list[Touchpoint]:
    """Touchpoints as the customer lives them: by stage order, then by position within the journey."""
    stage_rank = {stage.id: (stage.position, stage.id) for stage in stages}
    missing = (len(stage_rank), 0)
    return sorted(touchpoints, key=lambda tp: (stage_rank.get(tp.stage_id, missing), tp.position, tp.id or 0))


def experience_breaks(touchpoints: Sequence[Touchpoint]) -> list[Touchpoint]:
    """The lowest points of the as-is curve, in journey order.

    The rule: every touchpoint at the journey's minimum emotion when that minimum is below zero
    (the deepest break, e.g. the cross-department approval at sign-up), plus every local minimum
    at -2 or lower (not higher than the touchpoint before or after it), because a journey can
    break at more than one step. A journey that never dips below zero has no break.
    """
    if not touchpoints:
        return []
    emotions = [tp.emotion_now for tp in touchpoints]
    lowest = min(emotions)
    breaks = []
    for i, tp in enumerate(touchpoints):
        emotion = emotions[i]
        neighbours = emotions[max(0, i - 1) : i] + emotions[i + 1 : i + 2]
        is_lowest = lowest < 0 and emotion == lowest
        is_local_low = emotion <= BREAK_THRESHOLD and all(emotion <= other for other in neighbours)
        if is_lowest or is_local_low:
            breaks.append(tp)
    return breaks


def opportunity_quadrant(impact: int, effort: int) -> str:
    """Where an improvement sits in the impact x effort matrix (both 1-5; 3 and up is high)."""
    high_impact, high_effort = impact >= HIGH, effort >= HIGH
    if high_impact:
        return "big_bet" if high_effort else "quick_win"
    return "money_pit" if high_effort else "fill_in"


def opportunities(touchpoints: Sequence[Touchpoint]) -> list[tuple[Touchpoint, str]]:
    """Touchpoints carrying a rated opportunity with their quadrant, quick wins first.

    The seed advises starting with the fastest visible improvement, so quick wins lead; within
    each group the highest impact comes first, then the lowest effort, then journey order.
    """
    rated = [
        (index, tp)
        for index, tp in enumerate(touchpoints)
        if (tp.opportunity or "").strip() and tp.impact is not None and tp.effort is not None
    ]
    ranked = sorted(
        rated,
        key=lambda pair: (
            opportunity_quadrant(pair[1].impact, pair[1].effort) != "quick_win",
            -pair[1].impact,
            pair[1].effort,
            pair[0],
        ),
    )
    return [(tp, opportunity_quadrant(tp.impact, tp.effort)) for _, tp in ranked]


@dataclass(frozen=True)
class StageEmotion:
    """One stage's as-is emotion, for comparing personas whose journeys share stage names."""

    stage: str
    mean: float
    lowest: int


def stage_key(name: str) -> str:
    """Stage names match across journeys regardless of case and surrounding spaces."""
    return " ".join(name.split()).casefold()


def stage_emotions(stages: Sequence[JourneyStage], touchpoints: Sequence[Touchpoint]) -> list[StageEmotion]:
    """Mean and lowest as-is emotion per stage, in stage order; stages without touchpoints are left out."""
    by_stage: dict[int, list[int]] = {}
    for tp in touchpoints:
        by_stage.setdefault(tp.stage_id, []).append(tp.emotion_now)
    ordered = sorted(stages, key=lambda s: (s.position, s.id or 0))
    return [
        StageEmotion(stage.name, round(mean(by_stage[stage.id]), 2), min(by_stage[stage.id]))
        for stage in ordered
        if by_stage.get(stage.id)
    ]


def aligned_stage_emotions(
    reference: Sequence[JourneyStage], stages: Sequence[JourneyStage], touchpoints: Sequence[Touchpoint]
) -> list[StageEmotion]:
    """Another journey's stage emotions under the reference journey's stage names, shared stages only."""
    names = {stage_key(s.name): s.name for s in reference}
    return [
        StageEmotion(names[stage_key(e.stage)], e.mean, e.lowest)
        for e in stage_emotions(stages, touchpoints)
        if stage_key(e.stage) in names
    ]


def shared_stage_count(a: Sequence[JourneyStage], b: Sequence[JourneyStage]) -> int:
    """How many stage names two journeys have in common: the basis for comparing their curves."""
    return len({stage_key(s.name) for s in a} & {stage_key(s.name) for s in b})


__all__ = [
    "BREAK_THRESHOLD",
    "HIGH",
    "QUADRANTS",
    "StageEmotion",
    "aligned_stage_emotions",
    "experience_breaks",
    "journey_order",
    "opportunities",
    "opportunity_quadrant",
    "shared_stage_count",
    "stage_emotions",
    "stage_key",
]
