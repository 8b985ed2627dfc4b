"""The impact x effort matrix of a journey's improvement opportunities.

The seed advises starting with the fastest visible improvement to build the PMO's credibility,
so the quick-win quadrant (high impact, low effort) is the first thing the eye finds: top left,
tinted green, and labelled in the room's language.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import altair as alt
import pandas as pd

from pmo_insight.charts.emotion import MIN_FONT, projector_style, short
from pmo_insight.domain.journey_analysis import HIGH, QUADRANTS
from pmo_insight.i18n import t
from pmo_insight.models import Touchpoint

LOW, TOP = 0.5, 5.5
SPLIT = HIGH - 0.5
#: How far apart points of the same cell are drawn.
NUDGE = 0.3
#: Quadrant: (effort from, effort to, impact from, impact to, tint, text colour).
QUADRANT_AREAS = {
    "quick_win": (LOW, SPLIT, SPLIT, TOP, "#dcfce7", "#166534"),
    "big_bet": (SPLIT, TOP, SPLIT, TOP, "#dbeafe", "#1e40af"),
    "fill_in": (LOW, SPLIT, LOW, SPLIT, "#f3f4f6", "#374151"),
    "money_pit": (SPLIT, TOP, LOW, SPLIT, "#fee2e2", "#991b1b"),
}


def matrix_frame(ranked: Sequence[tuple[Touchpoint, str]], *, lang: str) -> pd.DataFrame:
    """One row per opportunity, numbered as listed; same-cell points are nudged apart to stay readable."""
    seen: Counter[tuple[int, int]] = Counter()
    rows = []
    for number, (tp, quadrant) in enumerate(ranked, start=1):
        cell = (tp.impact, tp.effort)
        nudge = seen[cell]
        seen[cell] += 1
        rows.append(
            {
                "number": number,
                "label": f"{number}. {short(tp.name, 22)}",
                "touchpoint": tp.name,
                "opportunity": tp.opportunity,
                "impact": tp.impact,
                "effort": tp.effort,
                "x": tp.effort + NUDGE * (0, 1, -1)[nudge % 3],
                "y": tp.impact - NUDGE * (nudge // 3),
                "quadrant": t(f"journey.quadrant.{quadrant}", lang),
            }
        )
    return pd.DataFrame(
        rows, columns=["number", "label", "touchpoint", "opportunity", "impact", "effort", "x", "y", "quadrant"]
    )


def opportunity_matrix(
    ranked: Sequence[tuple[Touchpoint, str]], *, lang: str, width: int | str = "container", height: int = 520
) -> alt.TopLevelMixin:
    """Opportunities by impact (up) and effort (right), numbered as listed, the four quadrants tinted and named."""
    frame = matrix_frame(ranked, lang=lang)
    x_scale, y_scale = alt.Scale(domain=[LOW, TOP], nice=False), alt.Scale(domain=[LOW, TOP], nice=False)
    areas = pd.DataFrame(
        [
            {"quadrant": t(f"journey.quadrant.{q}", lang), "x": x0, "x2": x1, "y": y0, "y2": y1, "tint": tint,
             "ink": ink, "label_x": x0 + 0.12, "label_y": y1 - 0.12}
            for q in QUADRANTS
            for (x0, x1, y0, y1, tint, ink) in [QUADRANT_AREAS[q]]
        ]
    )  # fmt: skip
    background = (
        alt.Chart(areas)
        .mark_rect(stroke="#ffffff", strokeWidth=3)
        .encode(
            x=alt.X(
                "x:Q", scale=x_scale, axis=alt.Axis(title=t("field.effort", lang), values=[1, 2, 3, 4, 5], format="d")
            ),
            x2="x2:Q",
            y=alt.Y(
                "y:Q", scale=y_scale, axis=alt.Axis(title=t("field.impact", lang), values=[1, 2, 3, 4, 5], format="d")
            ),
            y2="y2:Q",
            color=alt.Color("tint:N", scale=None),
        )
    )
    names = (
        alt.Chart(areas)
        .mark_text(fontSize=22, fontWeight="bold", align="left", baseline="top", opacity=0.85)
        .encode(
            x=alt.X("label_x:Q", scale=x_scale),
            y=alt.Y("label_y:Q", scale=y_scale),
            text="quadrant:N",
            color=alt.Color("ink:N", scale=None),
        )
    )
    tooltip = [
        alt.Tooltip("touchpoint:N", title=t("journey.col.name", lang)),
        alt.Tooltip("opportunity:N", title=t("field.opportunity", lang)),
        alt.Tooltip("impact:Q", title=t("field.impact", lang)),
        alt.Tooltip("effort:Q", title=t("field.effort", lang)),
        alt.Tooltip("quadrant:N", title=" "),
    ]
    points = (
        alt.Chart(frame)
        .mark_circle(size=800, opacity=0.95, color="#1f2937", stroke="#ffffff", strokeWidth=2)
        .encode(x=alt.X("x:Q", scale=x_scale), y=alt.Y("y:Q", scale=y_scale), tooltip=tooltip)
    )
    labels = (
        alt.Chart(frame)
        .mark_text(fontSize=MIN_FONT, fontWeight="bold", color="#ffffff")
        .encode(x=alt.X("x:Q", scale=x_scale), y=alt.Y("y:Q", scale=y_scale), text="number:N", tooltip=tooltip)
    )
    return projector_style(alt.layer(background, names, points, labels).properties(width=width, height=height))
