"""The stakeholder map: right quadrant per persona, every name on the chart, readable in Chinese."""

from __future__ import annotations

import json

import pytest

from pmo_insight.charts.stakeholder import FONT, Engagement, engagement, stakeholder_map, stakeholder_points
from pmo_insight.models import Persona


def _persona(name: str, influence: int, interest: int, avatar: str = "🙂") -> Persona:
    return Persona(name=name, influence=influence, interest=interest, avatar=avatar, workshop_id=1)


@pytest.mark.parametrize(
    ("influence", "interest", "expected"),
    [
        (5, 5, Engagement.MANAGE_CLOSELY),
        (3, 3, Engagement.MANAGE_CLOSELY),
        (5, 2, Engagement.KEEP_SATISFIED),
        (2, 5, Engagement.KEEP_INFORMED),
        (1, 1, Engagement.MONITOR),
        (2, 3, Engagement.KEEP_INFORMED),
    ],
)
def test_each_score_pair_falls_in_the_classic_quadrant(influence, interest, expected):
    assert engagement(influence=influence, interest=interest) == expected


def test_personas_sharing_a_score_pair_are_stacked_so_no_name_hides_another():
    points = stakeholder_points([_persona("A", 4, 4), _persona("B", 4, 4), _persona("C", 2, 5)])

    assert points["y"].tolist()[:2] != [4.0, 4.0]
    assert points["x"].tolist() == [4.0, 4.0, 5.0]
    assert points["engagement"].tolist() == ["Manage closely", "Manage closely", "Keep informed"]


def test_the_chart_labels_the_four_quadrants_names_every_persona_and_uses_a_cjk_font():
    chart = stakeholder_map([_persona("Zhang Wei", 5, 3, "👔"), _persona("小李", 2, 5)], lang="en")

    spec = json.dumps(chart.to_dict(), ensure_ascii=False)
    for label in ("MANAGE CLOSELY", "KEEP SATISFIED", "KEEP INFORMED", "MONITOR"):
        assert label in spec
    assert "👔 Zhang Wei" in spec and "🙂 小李" in spec
    assert chart.to_dict()["config"]["font"] == FONT and "Noto Sans CJK SC" in FONT
    assert chart.to_dict()["config"]["axis"]["labelFontSize"] >= 18


def test_the_chinese_chart_uses_chinese_quadrant_and_axis_titles():
    spec = json.dumps(stakeholder_map([_persona("小李", 2, 5)], lang="zh").to_dict(), ensure_ascii=False)

    assert all(label in spec for label in ("重点管理", "保持满意", "随时告知", "持续关注", "影响力", "关注度"))


def test_an_empty_workshop_still_draws_the_quadrants():
    spec = stakeholder_map([], lang="en").to_dict()

    assert "MONITOR" in json.dumps(spec)
