"""The emotion curve and the persona comparison as Vega-Lite specs, and rendered with Chinese labels."""

from __future__ import annotations

import json

import vl_convert as vlc

from pmo_insight.charts.emotion import FONT, MIN_FONT, compare_curves, curve_frame, emotion_curve, short, two_lines
from pmo_insight.demo import create_demo_workshop
from pmo_insight.domain.journey_analysis import StageEmotion
from pmo_insight.models import JourneyStage, Touchpoint
from pmo_insight.persistence.chain_loader import load_chain


def _training(session, lang):
    ws = create_demo_workshop(session, lang=lang)
    chain = load_chain(session, workshop_id=ws.id)
    journey = chain.journeys[0]
    return chain.stages_of(journey.id), chain.touchpoints_of(journey.id)


def _layers(chart) -> list[dict]:
    spec = chart.to_dict()
    return spec["layer"]


def _data(chart, layer: dict) -> list[dict]:
    spec = chart.to_dict()
    return spec["datasets"][layer["data"]["name"]]


def test_the_demo_curve_rings_the_approval_step_as_its_deepest_break(session):
    stages, touchpoints = _training(session, "en")
    chart = emotion_curve(stages, touchpoints, lang="en")
    layers = _layers(chart)

    rings = next(layer for layer in layers if layer["mark"].get("size") == 1100)
    broken = _data(chart, rings)
    assert min(broken, key=lambda r: r["now"])["touchpoint"].startswith("Waits for the cross-department approval")
    labels = [layer for layer in layers if layer["mark"].get("color") == "#d62728" and layer["mark"]["type"] == "text"]
    rows = [row for layer in labels for row in _data(chart, layer)]
    assert {row["label"] for row in rows} == {"Break"} and len(rows) == len(broken)
    # neighbouring breaks' labels sit at two heights, so they never overlap
    assert sorted(layer["mark"]["yOffset"] for layer in labels) == [-56, -32]


def test_the_curve_has_a_zero_line_an_as_is_and_a_to_be_line_and_stage_headers(session):
    stages, touchpoints = _training(session, "en")
    chart = emotion_curve(stages, touchpoints, lang="en")
    layers = _layers(chart)

    zero = next(layer for layer in layers if layer["mark"]["type"] == "rule")
    assert _data(chart, zero) == [{"value": 0}]
    line = next(layer for layer in layers if layer["mark"]["type"] == "line")
    assert {row["series"] for row in _data(chart, line)} == {"As-is", "To-be"}
    headers = next(
        layer
        for layer in layers
        if layer["mark"].get("fontWeight") == "bold" and layer["mark"].get("fontSize") == MIN_FONT + 1
    )
    assert [row["stage"] for row in _data(chart, headers)] == [s.name for s in stages]
    assert chart.to_dict()["config"]["font"] == FONT


def test_touchpoints_run_in_journey_order_under_their_stage():
    stages = [JourneyStage(id=1, name="Later", position=1), JourneyStage(id=2, name="First", position=0)]
    tps = [Touchpoint(id=1, stage_id=1, position=0, name="b", emotion_now=0),
           Touchpoint(id=2, stage_id=2, position=1, name="a", emotion_now=-1, emotion_target=2)]  # fmt: skip
    frame = curve_frame(stages, tps)
    assert list(frame["touchpoint"]) == ["a", "b"] and list(frame["stage"]) == ["First", "Later"]
    assert list(frame["is_break"]) == [True, False]


def test_long_labels_are_cut_and_chinese_counts_double():
    assert short("A very long touchpoint name indeed", 12) == "A very long…"
    assert short("跨部门审批流程非常慢", 10) == "跨部门审…"
    assert short("short", 12) == "short"


def test_the_chinese_curve_renders_to_png_with_chinese_labels(session, tmp_path):
    stages, touchpoints = _training(session, "zh")
    chart = emotion_curve(stages, touchpoints, lang="zh", width=1200)
    spec = json.dumps(chart.to_dict(), ensure_ascii=False)
    assert "断点" in spec and "报名" in spec and "现状" in spec

    png = vlc.vegalite_to_png(chart.to_dict(), scale=1)
    (tmp_path / "curve-zh.png").write_bytes(png)
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 20_000


def test_the_comparison_overlays_each_personas_curve_on_the_shared_stages():
    series = [
        ("Xiao Chen", [StageEmotion("Apply", -2.5, -3), StageEmotion("Use", 1, 1)]),
        ("Huang Jun", [StageEmotion("Apply", -1, -2)]),
    ]
    chart = compare_curves(series, stage_order=["Aware", "Apply", "Use"], lang="en")
    line = next(layer for layer in _layers(chart) if layer["mark"]["type"] == "line")
    rows = _data(chart, line)
    assert {(r["persona"], r["stage"], r["value"]) for r in rows} == {
        ("Xiao Chen", "Apply", -2.5), ("Xiao Chen", "Use", 1), ("Huang Jun", "Apply", -1)
    }  # fmt: skip
    assert line["encoding"]["x"]["sort"] == ["Aware", "Apply", "Use"]


def _font_sizes(node) -> list[float]:
    """Every font size a Vega-Lite spec sets, anywhere (marks, axes, legends, config)."""
    if isinstance(node, dict):
        found = [v for k, v in node.items() if k.lower().endswith("fontsize") and isinstance(v, int | float)]
        return found + [size for v in node.values() for size in _font_sizes(v)]
    if isinstance(node, list):
        return [size for v in node for size in _font_sizes(v)]
    return []


def test_no_chart_text_is_smaller_than_the_apps_body_text(session):
    from pmo_insight.charts.opportunity import opportunity_matrix
    from pmo_insight.domain.journey_analysis import journey_order, opportunities

    stages, touchpoints = _training(session, "en")
    series = [("A", [StageEmotion("Apply", -2.5, -3)])]
    charts = [
        emotion_curve(stages, touchpoints, lang="en"),
        compare_curves(series, stage_order=["Apply"], lang="en"),
        opportunity_matrix(opportunities(journey_order(stages, touchpoints)), lang="en"),
    ]
    for chart in charts:
        spec = chart.to_dict()
        sizes = _font_sizes(spec)
        assert sizes and min(sizes) >= MIN_FONT >= 17.85, sizes
        # text marks without their own size take the configured one
        assert spec["config"]["text"]["fontSize"] >= MIN_FONT


def test_touchpoint_names_wrap_on_two_lines_under_the_curve():
    assert two_lines("Waits for the cross-department approval", 17) == ["Waits for the", "cross-department…"]
    assert two_lines("short", 17) == ["short"]
    assert two_lines("等待报名的跨部门审批结果通知", 10) == ["等待报名的", "跨部门审…"]
