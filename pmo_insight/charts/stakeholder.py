"""The stakeholder map: every persona placed by influence × interest, in the four classic quadrants.

The quadrant tells the PMO how to engage each stakeholder (manage closely, keep satisfied, keep
informed, monitor). Scores run 1-5; 3 or more counts as high, so the dividers sit at 2.5 and every
point lies clearly inside the quadrant it is classified in. Text is projector-sized and the font
names a CJK family so Chinese names render in the browser and in exported PNGs alike.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from enum import StrEnum

import altair as alt
import pandas as pd

from pmo_insight.i18n import t
from pmo_insight.models import Persona

#: Scores at or above this are "high".
HIGH_FROM = 3
DIVIDER = HIGH_FROM - 0.5
SCALE = (0.5, 5.5)
FONT = "Noto Sans CJK SC, Noto Sans CJK, sans-serif"
#: Stacking step for personas sharing one score pair, in score units.
STACK_STEP = 0.32


class Engagement(StrEnum):
    MANAGE_CLOSELY = "manage_closely"
    KEEP_SATISFIED = "keep_satisfied"
    KEEP_INFORMED = "keep_informed"
    MONITOR = "monitor"


#: Quadrant -> (background, point colour, where its label sits (x, y)).
_LOOK = {
    Engagement.MANAGE_CLOSELY: ("#fde2e1", "#b42318", (SCALE[1] - 0.1, SCALE[1] - 0.15)),
    Engagement.KEEP_SATISFIED: ("#fef0c7", "#b54708", (SCALE[0] + 0.1, SCALE[1] - 0.15)),
    Engagement.KEEP_INFORMED: ("#dbeafe", "#175cd3", (SCALE[1] - 0.1, SCALE[0] + 0.15)),
    Engagement.MONITOR: ("#eaecf0", "#475467", (SCALE[0] + 0.1, SCALE[0] + 0.15)),
}


def engagement(*, influence: int, interest: int) -> Engagement:
    """How to engage a stakeholder with these scores."""
    if influence >= HIGH_FROM:
        return Engagement.MANAGE_CLOSELY if interest >= HIGH_FROM else Engagement.KEEP_SATISFIED
    return Engagement.KEEP_INFORMED if interest >= HIGH_FROM else Engagement.MONITOR


def stakeholder_points(personas: Iterable[Persona], *, lang: str = "en") -> pd.DataFrame:
    """One row per persona; personas sharing a score pair are stacked so no name hides another."""
    seen: dict[tuple[int, int], int] = defaultdict(int)
    rows = []
    for persona in personas:
        spot = (persona.interest, persona.influence)
        offset = seen[spot] * STACK_STEP
        seen[spot] += 1
        quadrant = engagement(influence=persona.influence, interest=persona.interest)
        rows.append(
            {
                "label": f"{persona.avatar} {persona.name}".strip(),
                "name": persona.name,
                "role": persona.role,
                "influence": persona.influence,
                "interest": persona.interest,
                "x": float(persona.interest),
                "y": float(persona.influence) - offset,
                "engagement": t(f"stakeholder.{quadrant.value}", lang),
                "colour": _LOOK[quadrant][1],
                # Names of the right-most column go left of their point, inside the chart.
                "label_side": "right" if persona.interest >= SCALE[1] - 0.5 else "left",
            }
        )
    columns = ["label", "name", "role", "influence", "interest", "x", "y", "engagement", "colour", "label_side"]
    return pd.DataFrame(rows, columns=columns)


def stakeholder_map(personas: Iterable[Persona], *, lang: str = "en", height: int = 620) -> alt.LayerChart:
    """Influence (up) against interest (right), quadrants shaded and labelled, names beside the points."""
    points = stakeholder_points(personas, lang=lang)
    lo, hi = SCALE
    quadrants = pd.DataFrame(
        [
            {"x": DIVIDER if q in (Engagement.MANAGE_CLOSELY, Engagement.KEEP_INFORMED) else lo,
             "x2": hi if q in (Engagement.MANAGE_CLOSELY, Engagement.KEEP_INFORMED) else DIVIDER,
             "y": DIVIDER if q in (Engagement.MANAGE_CLOSELY, Engagement.KEEP_SATISFIED) else lo,
             "y2": hi if q in (Engagement.MANAGE_CLOSELY, Engagement.KEEP_SATISFIED) else DIVIDER,
             "fill": _LOOK[q][0], "lx": _LOOK[q][2][0], "ly": _LOOK[q][2][1],
             "align": "right" if _LOOK[q][2][0] > DIVIDER else "left",
             "label": t(f"stakeholder.{q.value}", lang).upper() if lang == "en" else t(f"stakeholder.{q.value}", lang)}
            for q in Engagement
        ]
    )  # fmt: skip
    x_scale = alt.Scale(domain=list(SCALE), nice=False, zero=False)
    y_scale = alt.Scale(domain=list(SCALE), nice=False, zero=False)
    x_axis = alt.Axis(values=[1, 2, 3, 4, 5], format="d", grid=False, title=t("stakeholder.axis_interest", lang))
    y_axis = alt.Axis(values=[1, 2, 3, 4, 5], format="d", grid=False, title=t("stakeholder.axis_influence", lang))

    background = (
        alt.Chart(quadrants)
        .mark_rect(opacity=0.9)
        .encode(
            x=alt.X("x:Q", scale=x_scale, axis=x_axis),
            x2="x2:Q",
            y=alt.Y("y:Q", scale=y_scale, axis=y_axis),
            y2="y2:Q",
            color=alt.Color("fill:N", scale=None, legend=None),
        )
    )
    layers: list[alt.Chart] = [background]
    for align in ("left", "right"):
        layers.append(
            alt.Chart(quadrants[quadrants["align"] == align])
            .mark_text(align=align, baseline="middle", fontSize=22, fontWeight="bold", color="#344054", opacity=0.75)
            .encode(x=alt.X("lx:Q", scale=x_scale), y=alt.Y("ly:Q", scale=y_scale), text="label:N")
        )
    tooltip = [
        alt.Tooltip("name:N", title=t("field.name", lang)),
        alt.Tooltip("role:N", title=t("field.role", lang)),
        alt.Tooltip("influence:Q", title=t("field.influence", lang)),
        alt.Tooltip("interest:Q", title=t("field.interest", lang)),
        alt.Tooltip("engagement:N", title=t("stakeholder.engagement", lang)),
    ]
    base = alt.Chart(points).encode(x=alt.X("x:Q", scale=x_scale), y=alt.Y("y:Q", scale=y_scale), tooltip=tooltip)
    layers.append(base.mark_circle(size=520, opacity=1, stroke="white", strokeWidth=2).encode(
        color=alt.Color("colour:N", scale=None, legend=None)
    ))  # fmt: skip
    for side, dx in (("left", 20), ("right", -20)):
        layers.append(
            alt.Chart(points[points["label_side"] == side])
            .mark_text(align=side, baseline="middle", dx=dx, fontSize=22, fontWeight="bold", color="#101828", limit=330)
            .encode(x=alt.X("x:Q", scale=x_scale), y=alt.Y("y:Q", scale=y_scale), text="label:N", tooltip=tooltip)
        )
    return (
        alt.layer(*layers)
        .properties(height=height, width="container")
        .configure(font=FONT)
        .configure_axis(labelFontSize=20, titleFontSize=22, titlePadding=14, domainColor="#98a2b3", tickColor="#98a2b3")
        .configure_view(stroke="#98a2b3")
    )
