"""The emotion curve before and after: two lines over one journey's touchpoints, in the projector
style of :mod:`pmo_insight.charts.emotion`; a touchpoint added or removed has a point on one line only."""

from __future__ import annotations

import json

import altair as alt
import pandas as pd

from pmo_insight.charts.emotion import AS_IS, Y_MAX, Y_MIN, projector_style, short
from pmo_insight.domain.diff import JourneyEmotion
from pmo_insight.i18n import t

BEFORE_COLOUR = "#9ca3af"


def emotion_overlay(journey: JourneyEmotion, *, lang: str, width: int | str = "container", height: int = 380):
    before, after = t("iterate.emotion.before", lang), t("iterate.emotion.after", lang)
    rows = []
    for step, point in enumerate(journey.points):
        for series, value in ((before, point.before), (after, point.after)):
            if value is not None:
                rows.append(
                    {
                        "step": step,
                        "series": series,
                        "value": value,
                        "touchpoint": point.touchpoint,
                        "stage": point.stage,
                    }
                )
    frame = pd.DataFrame(rows, columns=["step", "series", "value", "touchpoint", "stage"])
    count = len(journey.points)
    labels = json.dumps([short(p.touchpoint, 20) for p in journey.points], ensure_ascii=False)
    x = alt.X(
        "step:Q",
        scale=alt.Scale(domain=[-0.5, max(count - 0.5, 0.5)], nice=False, zero=False),
        axis=alt.Axis(
            title=None,
            values=list(range(count)),
            labelExpr=f"{labels}[datum.value] || ''",
            labelAngle=-35,
            labelAlign="right",
            labelLimit=220,
            grid=False,
        ),
    )
    y = alt.Y(
        "value:Q",
        scale=alt.Scale(domain=[Y_MIN - 0.5, Y_MAX + 0.5], nice=False),
        axis=alt.Axis(title=t("journey.chart.emotion", lang), values=list(range(Y_MIN, Y_MAX + 1))),
    )
    zero = alt.Chart(pd.DataFrame({"value": [0]})).mark_rule(color="#111827", strokeWidth=2).encode(y="value:Q")
    lines = (
        alt.Chart(frame)
        .mark_line(point=alt.OverlayMarkDef(size=110, filled=True), strokeWidth=4)
        .encode(
            x=x,
            y=y,
            color=alt.Color(
                "series:N",
                scale=alt.Scale(domain=[before, after], range=[BEFORE_COLOUR, AS_IS]),
                legend=alt.Legend(title=None),
            ),
            strokeDash=alt.StrokeDash(
                "series:N", scale=alt.Scale(domain=[before, after], range=[[8, 6], [1, 0]]), legend=None
            ),
            tooltip=[
                alt.Tooltip("stage:N", title=t("field.stage_id", lang)),
                alt.Tooltip("touchpoint:N", title=t("journey.col.name", lang)),
                alt.Tooltip("series:N", title=" "),
                alt.Tooltip("value:Q", title=t("journey.chart.emotion", lang)),
            ],
        )
    )
    return projector_style(alt.layer(zero, lines).properties(width=width, height=height))


def kpi_progress_chart(progress, *, lang: str, width: int | str = "container", height: int = 220):
    """Baseline → actuals over time, with the target as a dashed rule (the canvas and reading view)."""
    kpi = progress.kpi
    rows = [{"when": a.measured_on.isoformat(), "value": a.value, "source": a.source} for a in progress.actuals]
    frame = pd.DataFrame(rows, columns=["when", "value", "source"])
    x = alt.X("when:T", title=None, axis=alt.Axis(format="%Y-%m-%d", labelAngle=0))
    y_title = kpi.unit or t("field.value", lang)
    line = (
        alt.Chart(frame)
        .mark_line(point=alt.OverlayMarkDef(size=90, filled=True), strokeWidth=3, color=AS_IS)
        .encode(
            x=x,
            y=alt.Y("value:Q", title=y_title, scale=alt.Scale(zero=False)),
            tooltip=[
                alt.Tooltip("when:T", title=t("field.measured_on", lang), format="%Y-%m-%d"),
                alt.Tooltip("value:Q", title=t("field.value", lang)),
                alt.Tooltip("source:N", title=t("field.source", lang)),
            ],
        )
    )
    layers = [line]
    for value, colour, dash in ((kpi.target, "#2e9d5b", [8, 6]), (kpi.baseline, BEFORE_COLOUR, [2, 4])):
        if value is not None:
            layers.append(
                alt.Chart(pd.DataFrame({"value": [value]}))
                .mark_rule(color=colour, strokeWidth=2, strokeDash=dash)
                .encode(y="value:Q")
            )
    return projector_style(alt.layer(*layers).properties(width=width, height=height))
