"""The journey's emotion curve, and the as-is curves of several personas side by side.

Drawn for a projector: large type, few colours, a zero line separating delight from
frustration, and the experience breaks ringed in red, so a room can point at the step where the
journey fails. Labels use a CJK font first so Chinese text renders the same in the browser and
in exported images.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Sequence

import altair as alt
import pandas as pd

from pmo_insight.domain.journey_analysis import StageEmotion, experience_breaks, journey_order
from pmo_insight.i18n import t
from pmo_insight.models import JourneyStage, Touchpoint

FONT = "Noto Sans CJK SC, Noto Sans CJK, Microsoft YaHei, PingFang SC, sans-serif"
AS_IS, TO_BE, PAIN, BREAK, STAGE_TEXT = "#1f4e99", "#2e9d5b", "#c0392b", "#d62728", "#374151"
BAND_SHADES = ("#eef2f7", "#ffffff")
Y_MIN, Y_MAX = -3, 3
#: Beyond this many touchpoints the axis drops labels that would overlap.
CROWDED = 25
LABEL_CHARS = 24
#: The smallest type any chart draws: the app's body text (17.85 px), so a chart reads like the page.
MIN_FONT = 18
#: Touchpoint names under the curve: two lines of this many Latin letters each.
AXIS_LINE_CHARS = 17


def short(text: str, limit: int = LABEL_CHARS) -> str:
    """One line about ``limit`` Latin letters wide (a Chinese character counts two), for labels that must fit."""
    flat = " ".join((text or "").split())
    used = 0
    for end, char in enumerate(flat):
        used += 2 if unicodedata.east_asian_width(char) in "WF" else 1
        if used > limit:
            return flat[: max(end - 1, 1)] + "…"
    return flat


def projector_style(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """Large type in a CJK-capable font on every text of the chart."""
    return (
        chart.configure(font=FONT)
        .configure_axis(
            labelFont=FONT, titleFont=FONT, labelFontSize=MIN_FONT, titleFontSize=MIN_FONT + 1, gridColor="#e5e7eb"
        )
        .configure_legend(labelFont=FONT, titleFont=FONT, labelFontSize=MIN_FONT, titleFontSize=MIN_FONT, orient="top")
        .configure_text(fontSize=MIN_FONT)
        .configure_title(font=FONT, fontSize=22)
        .configure_view(stroke=None)
    )


def two_lines(text: str, width: int = AXIS_LINE_CHARS) -> list[str]:
    """A label wrapped on word boundaries (or between CJK characters) into at most two lines."""
    flat = " ".join((text or "").split())
    first, used, cut = "", 0, 0
    for end, char in enumerate(flat):
        used += 2 if unicodedata.east_asian_width(char) in "WF" else 1
        if used > width:
            space = flat.rfind(" ", 0, end + 1)
            cut = space + 1 if space > 0 else end
            first = flat[:cut].rstrip()
            break
    else:
        return [flat]
    return [first, short(flat[cut:], width)]


def curve_frame(stages: Sequence[JourneyStage], touchpoints: Sequence[Touchpoint]) -> pd.DataFrame:
    """One row per touchpoint in journey order, with what the curve needs to know about it."""
    ordered = journey_order(stages, touchpoints)
    names = {s.id: s.name for s in stages}
    breaks = {id(tp) for tp in experience_breaks(ordered)}
    return pd.DataFrame(
        [
            {
                "step": i,
                "touchpoint": tp.name,
                "stage": names.get(tp.stage_id, ""),
                "now": tp.emotion_now,
                "target": tp.emotion_target,
                "pain": tp.pain_point or "",
                "key_pain": bool(tp.is_key_pain),
                "is_break": id(tp) in breaks,
            }
            for i, tp in enumerate(ordered)
        ],
        columns=["step", "touchpoint", "stage", "now", "target", "pain", "key_pain", "is_break"],
    )


def curve_summary(frame: pd.DataFrame, lang: str) -> str:
    """The chart's text alternative: how many touchpoints, the lowest point, how many experience breaks."""
    if frame.empty:
        return t("a11y.emotion.empty", lang)
    lowest = frame.loc[frame["now"].idxmin()]
    return t(
        "a11y.emotion.summary",
        lang,
        count=len(frame),
        lowest=f"{int(lowest['now']):+d}",
        name=lowest["touchpoint"],
        breaks=int(frame["is_break"].sum()),
    )


def _stage_bands(frame: pd.DataFrame) -> pd.DataFrame:
    bands = frame.groupby("stage", sort=False)["step"].agg(["min", "max"]).reset_index()
    bands["start"], bands["end"] = bands["min"] - 0.5, bands["max"] + 0.5
    bands["middle"] = (bands["min"] + bands["max"]) / 2
    bands["shade"] = [BAND_SHADES[i % 2] for i in range(len(bands))]
    bands["label"] = bands["stage"].map(lambda s: short(s, 18))
    return bands


def emotion_curve(
    stages: Sequence[JourneyStage],
    touchpoints: Sequence[Touchpoint],
    *,
    lang: str,
    width: int | str = "container",
    height: int = 480,
) -> alt.TopLevelMixin:
    """As-is and to-be emotion per touchpoint, grouped under stage headers, breaks highlighted."""
    frame = curve_frame(stages, touchpoints)
    as_is, to_be = t("journey.chart.as_is", lang), t("journey.chart.to_be", lang)
    count = len(frame)
    x_scale = alt.Scale(domain=[-0.5, max(count - 0.5, 0.5)], nice=False, zero=False)
    y_scale = alt.Scale(domain=[Y_MIN - 1.3, Y_MAX + 1.1], nice=False)
    labels = json.dumps([two_lines(name) for name in frame["touchpoint"]], ensure_ascii=False)
    x_axis = alt.Axis(
        title=None,
        values=list(range(count)),
        labelExpr=f"{labels}[datum.value] || ''",
        labelAngle=-50,
        labelAlign="right",
        labelBaseline="middle",
        labelLimit=260,
        labelOverlap=count > CROWDED,
        grid=False,
    )
    x = alt.X("step:Q", scale=x_scale, axis=x_axis)
    y_axis = alt.Axis(title=t("journey.chart.emotion", lang), values=list(range(Y_MIN, Y_MAX + 1)), tickMinStep=1)
    y = alt.Y("value:Q", scale=y_scale, axis=y_axis)

    bands = _stage_bands(frame)
    band_layer = (
        alt.Chart(bands)
        .mark_rect(stroke="#cbd5e1", strokeWidth=1)
        .encode(
            x=alt.X("start:Q", scale=x_scale, axis=x_axis),
            x2="end:Q",
            y=alt.datum(Y_MIN - 1.3, scale=y_scale),
            y2=alt.datum(Y_MAX + 1.1),
            color=alt.Color("shade:N", scale=None),
            tooltip=[alt.Tooltip("stage:N", title=t("field.stage_id", lang))],
        )
    )
    stage_text = (
        alt.Chart(bands)
        .mark_text(fontSize=MIN_FONT + 1, fontWeight="bold", color=STAGE_TEXT, baseline="middle")
        .encode(x=alt.X("middle:Q", scale=x_scale), y=alt.datum(Y_MAX + 0.65, scale=y_scale), text="label:N")
    )
    zero = alt.Chart(pd.DataFrame({"value": [0]})).mark_rule(color="#111827", strokeWidth=2).encode(y=y)

    lines = pd.concat(
        [
            frame.assign(series=as_is, value=frame["now"]),
            frame[frame["target"].notna()].assign(series=to_be, value=frame["target"]),
        ]
    )
    series_color = alt.Color(
        "series:N", scale=alt.Scale(domain=[as_is, to_be], range=[AS_IS, TO_BE]), legend=alt.Legend(title=None)
    )
    tooltip = [
        alt.Tooltip("stage:N", title=t("field.stage_id", lang)),
        alt.Tooltip("touchpoint:N", title=t("journey.col.name", lang)),
        alt.Tooltip("series:N", title=" "),
        alt.Tooltip("value:Q", title=t("journey.chart.emotion", lang)),
        alt.Tooltip("pain:N", title=t("field.pain_point", lang)),
    ]
    curve = (
        alt.Chart(lines)
        .mark_line(point=alt.OverlayMarkDef(size=110, filled=True), strokeWidth=4)
        .encode(
            x=x,
            y=y,
            color=series_color,
            strokeDash=alt.StrokeDash(
                "series:N", scale=alt.Scale(domain=[as_is, to_be], range=[[1, 0], [8, 6]]), legend=None
            ),
            tooltip=tooltip,
        )
    )

    pains = frame[frame["pain"] != ""].assign(value=lambda f: f["now"])
    pain_marks = (
        alt.Chart(pains)
        .mark_point(shape="triangle-down", size=260, filled=True, color=PAIN, yOffset=24)
        .encode(x=x, y=y, tooltip=tooltip[:2] + [alt.Tooltip("pain:N", title=t("field.pain_point", lang))])
    )
    labelled = pains[pains["is_break"] | pains["key_pain"]].reset_index(drop=True)
    stagger = [0.85 + 0.5 * (i % 2) for i in range(len(labelled))]  # neighbours' labels on two lines
    labelled = labelled.assign(
        label=labelled["pain"].map(lambda p: short(p, 18)), value=labelled["now"] - pd.Series(stagger)
    )
    # Labels at either end of the curve open inwards, so none runs off the chart.
    sides = {"left": labelled["step"] == 0, "right": labelled["step"] >= max(count - 2, 1)}
    sides["center"] = ~(sides["left"] | sides["right"])
    pain_labels = [
        alt.Chart(labelled[chosen])
        .mark_text(
            fontSize=MIN_FONT, color=PAIN, baseline="top", align=side, dx={"left": -12, "right": 12}.get(side, 0)
        )
        .encode(x=x, y=y, text="label:N")
        for side, chosen in sides.items()
    ]
    breaks = frame[frame["is_break"]].assign(value=lambda f: f["now"]).reset_index(drop=True)
    # Neighbouring breaks' labels alternate between two heights, so they never overlap.
    breaks["offset"] = [-32 - 24 * (i % 2) for i in range(len(breaks))]
    break_rings = (
        alt.Chart(breaks)
        .mark_point(shape="circle", size=1100, filled=False, strokeWidth=4, color=BREAK)
        .encode(x=x, y=y, tooltip=tooltip[:2])
    )
    break_labels = [
        alt.Chart(breaks[breaks["offset"] == offset].assign(label=t("journey.chart.break_short", lang)))
        .mark_text(fontSize=MIN_FONT, fontWeight="bold", color=BREAK, yOffset=offset)
        .encode(x=x, y=y, text="label:N")
        for offset in (-32, -56)
    ]
    chart = alt.layer(
        band_layer, stage_text, zero, curve, pain_marks, *pain_labels, break_rings, *break_labels
    ).properties(width=width, height=height, description=curve_summary(frame, lang))
    return projector_style(chart)


def compare_curves(
    series: Sequence[tuple[str, Sequence[StageEmotion]]],
    *,
    stage_order: Sequence[str],
    lang: str,
    width: int | str = "container",
    height: int = 400,
) -> alt.TopLevelMixin:
    """Mean as-is emotion per shared stage, one line per persona's journey (up to five)."""
    rows = [
        {"persona": label, "stage": s.stage, "value": s.mean, "lowest": s.lowest}
        for label, emotions in series
        for s in emotions
        if s.stage in stage_order
    ]
    frame = pd.DataFrame(rows, columns=["persona", "stage", "value", "lowest"])
    y = alt.Y(
        "value:Q",
        scale=alt.Scale(domain=[Y_MIN, Y_MAX]),
        axis=alt.Axis(title=t("journey.chart.mean_emotion", lang), values=list(range(Y_MIN, Y_MAX + 1))),
    )
    x = alt.X(
        "stage:N",
        sort=list(stage_order),
        scale=alt.Scale(domain=list(stage_order)),
        axis=alt.Axis(title=None, labelAngle=0, labelFontSize=MIN_FONT, labelLimit=200),
    )
    zero = alt.Chart(pd.DataFrame({"value": [0]})).mark_rule(color="#111827", strokeWidth=2).encode(y="value:Q")
    lines = (
        alt.Chart(frame)
        .mark_line(point=alt.OverlayMarkDef(size=130, filled=True), strokeWidth=4)
        .encode(
            x=x,
            y=y,
            color=alt.Color("persona:N", legend=alt.Legend(title=None), scale=alt.Scale(scheme="tableau10")),
            tooltip=[
                alt.Tooltip("persona:N", title=t("entity.persona", lang)),
                alt.Tooltip("stage:N", title=t("field.stage_id", lang)),
                alt.Tooltip("value:Q", title=t("journey.chart.mean_emotion", lang)),
                alt.Tooltip("lowest:Q", title=t("journey.chart.lowest", lang)),
            ],
        )
    )
    return projector_style(alt.layer(zero, lines).properties(width=width, height=height))
