"""The portfolio deck (python-pptx): what the executive committee sees of every workshop at once.

A headline slide (workshops, departments, KPIs on track, reviews overdue, canvases awaiting a
decision), the recurring pains (a table continued over slides as needed), the KPI progress chart
(a native, editable bar chart of each department's progress against the time elapsed) with the
roll-up table and its method, then one summary slide per workshop. Built on the workshop deck's
kit (:mod:`pmo_insight.export.deck`, :mod:`pmo_insight.export.slidekit`), so the same readability
rules hold: measured text, nothing under 14 pt (12 pt in tables), nothing cut — a workshop's
slide lists its most severe pains and its KPIs worst first and says how many more there are.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from types import SimpleNamespace

from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION, XL_TICK_LABEL_POSITION
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Pt

from pmo_insight.export.deck import TABLE_SAFETY, Deck
from pmo_insight.export.deck_story import _chart_font
from pmo_insight.export.slidekit import (
    AMBER,
    BODY_BOTTOM,
    BODY_MIN,
    BODY_W,
    GREEN,
    GREY,
    INK,
    LIGHT,
    MARGIN,
    NAVY,
    RED,
    RULE,
    TABLE_MIN,
    TEAL,
    Para,
    columns,
    table_height,
)
from pmo_insight.i18n import t
from pmo_insight.portfolio.facts import TOOLS, WorkshopFacts
from pmo_insight.portfolio.rag import Rag
from pmo_insight.portfolio.rollup import Portfolio
from pmo_insight.review.state import ReviewState

#: Recurring pains on the story slides (the rest are on the screen).
PAINS_IN_DECK = 20
RAG_COLORS = {Rag.GREEN: GREEN, Rag.AMBER: AMBER, Rag.RED: RED, Rag.UNKNOWN: GREY}
_RAG_RANK = {Rag.RED: 0, Rag.AMBER: 1, Rag.UNKNOWN: 2, Rag.GREEN: 3}


@dataclass(frozen=True)
class _Story:
    """What the workshop deck's furniture needs of a story: the language and a title."""

    lang: str
    workshop: SimpleNamespace

    def tr(self, key: str, **params: object) -> str:
        return t(key, self.lang, **params)


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{round(value * 100) + 0:.0f} %"


def _num(value: float | None) -> str:
    return "—" if value is None else f"{value:,.2f}".rstrip("0").rstrip(".")


def portfolio_deck(portfolio: Portfolio, *, lang: str = "en") -> bytes:
    story = _Story(lang, SimpleNamespace(title=t("portfolio.deck.title", lang)))
    deck = Deck(story)  # type: ignore[arg-type]
    _headline(deck, portfolio)
    _pains(deck, portfolio)
    _kpis(deck, portfolio)
    for ws in portfolio.workshops:
        _workshop(deck, ws)
    deck.footers()
    out = io.BytesIO()
    deck.prs.save(out)
    return out.getvalue()


def on_track_color(kpis: Sequence) -> RGBColor:
    """The "on track" figure's colour: green only when every KPI is, red when none is, amber between;
    navy when there is no KPI (nothing to be on track with)."""
    if not kpis:
        return NAVY
    green = sum(k.rag == Rag.GREEN for k in kpis)
    return GREEN if green == len(kpis) else RED if green == 0 else AMBER


def _on_track(kpis: Sequence, label: str) -> tuple[str, str, RGBColor]:
    """The "KPIs on track" figure: "N / M", its label and its colour."""
    return f"{sum(k.rag == Rag.GREEN for k in kpis)} / {len(kpis)}", label, on_track_color(kpis)


def _department(deck: Deck, name: str) -> str:
    return name or deck.tr("portfolio.no_department")


def _headline(deck: Deck, portfolio: Portfolio) -> None:
    tr = deck.tr
    scope = portfolio.filters.department
    subtitle = tr("portfolio.deck.as_of", day=portfolio.today.isoformat())
    if scope is not None:
        subtitle += " · " + _department(deck, scope)
    slide, top = deck.slide(tr("portfolio.deck.title"), subtitle, notes=tr("portfolio.deck.notes.headline"))
    kpis = portfolio.kpis
    waiting = sum(1 for ws in portfolio.workshops for c in ws.canvases if c.state != ReviewState.APPROVED)
    figures = [
        (str(len(portfolio.workshops)), tr("portfolio.head.workshops"), NAVY),
        (str(len({ws.department for ws in portfolio.workshops})), tr("portfolio.head.departments"), NAVY),
        _on_track(kpis, tr("portfolio.head.kpis_on_track")),
        (str(len(portfolio.overdue)), tr("portfolio.head.reviews_overdue"), RED if portfolio.overdue else NAVY),
        (str(waiting), tr("portfolio.head.awaiting_decision"), AMBER if waiting else NAVY),
    ]
    height = 150
    for (x, w), (value, label, color) in zip(columns(len(figures)), figures, strict=True):
        paras = [
            Para(value, 40, bold=True, color=color, align=PP_ALIGN.CENTER, space_after=6),
            Para(label, BODY_MIN + 2, color=INK, align=PP_ALIGN.CENTER, space_after=0),
        ]
        deck.box(slide, (x, top + 10, w, height), paras, fill=LIGHT, line=RULE, anchor=MSO_ANCHOR.MIDDLE)
    total = portfolio.total
    lines = [
        Para(
            tr(
                "portfolio.deck.rollup_line",
                progress=_pct(total.progress),
                expected=_pct(total.expected),
                state=tr(f"portfolio.rag.{total.state.value}"),
                measured=total.measured,
                total=len(total.kpis),
            ),
            BODY_MIN + 4,
            color=INK,
            space_after=8,
        ),
        Para(tr("portfolio.deck.method_short"), BODY_MIN, color=GREY, space_after=0),
    ]
    y = top + height + 30
    deck.text(slide, (MARGIN, y, BODY_W, BODY_BOTTOM - y), lines)


def _pains(deck: Deck, portfolio: Portfolio) -> None:
    tr = deck.tr
    groups = list(portfolio.pains[:PAINS_IN_DECK])
    subtitle = tr("portfolio.deck.pains_subtitle", shown=len(groups), total=len(portfolio.pains))
    widths = [BODY_W - 380, 110, 190, 80]
    header = [
        tr("portfolio.deck.col.pain"),
        tr("portfolio.head.workshops"),
        tr("portfolio.head.departments"),
        tr("portfolio.deck.col.severity"),
    ]
    rows = [[g.text, str(len(g.workshop_ids)), ", ".join(g.departments) or "—", f"{g.severity}/5"] for g in groups]
    deck.table_slides(
        tr("portfolio.pains.title"),
        subtitle,
        widths,
        header,
        rows,
        appendix=False,
        notes=tr("portfolio.deck.notes.pains"),
    )


def _kpis(deck: Deck, portfolio: Portfolio) -> None:
    tr = deck.tr
    slide, top = deck.slide(
        tr("portfolio.kpis.title"), tr("portfolio.deck.kpis_subtitle"), notes=tr("portfolio.kpis.method")
    )
    groups = [portfolio.total, *portfolio.departments]
    (cx, cw), (tx, tw) = columns(2)
    data = CategoryChartData(number_format="0%")
    data.categories = [tr("portfolio.whole") if g.whole else _department(deck, g.label) for g in groups]
    data.add_series(tr("portfolio.col.progress"), [g.progress or 0 for g in groups])
    data.add_series(tr("portfolio.col.expected"), [g.expected or 0 for g in groups])
    height = BODY_BOTTOM - top
    chart = slide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, Pt(cx), Pt(top), Pt(cw), Pt(height), data).chart
    chart.has_title = False
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.TOP
    chart.legend.include_in_layout = False
    chart.font.size = Pt(BODY_MIN)
    value_axis = chart.value_axis
    value_axis.minimum_scale, value_axis.maximum_scale, value_axis.major_unit = 0, 1, 0.25
    value_axis.tick_labels.number_format = "0%"
    value_axis.tick_labels.number_format_is_linked = False
    value_axis.has_major_gridlines = True
    value_axis.major_gridlines.format.line.color.rgb = RULE
    category_axis = chart.category_axis
    category_axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW
    category_axis.reverse_order = True  # the whole portfolio on top, as in the table
    progress, expected = chart.plots[0].series
    for series, color in ((progress, TEAL), (expected, RULE)):
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = color
    chart.plots[0].gap_width = 60
    _chart_font(chart)
    widths = [tw * 0.40, tw * 0.22, tw * 0.38]
    header = [tr("portfolio.col.group"), tr("portfolio.col.progress"), tr("portfolio.col.state")]
    rows = []
    for g in groups:
        name = tr("portfolio.whole") if g.whole else _department(deck, g.label)
        state = f"{tr(f'portfolio.rag.{g.state.value}')} ({g.measured}/{len(g.kpis)})"
        rows.append([name, _pct(g.progress), state])
    while rows and table_height(widths, header, rows, TABLE_MIN) > height - TABLE_SAFETY - 30:
        rows.pop()
    deck.table(slide, tx, top, widths, header, rows)
    if len(rows) < len(groups):
        more = Para(tr("portfolio.more", count=len(groups) - len(rows)), BODY_MIN, color=GREY)
        y = top + table_height(widths, header, rows, TABLE_MIN) + 4
        deck.text(slide, (tx, y, tw, deck.needed([more], tw)), [more])


def _workshop(deck: Deck, ws: WorkshopFacts) -> None:
    tr = deck.tr
    facts = [_department(deck, ws.department), ws.sponsor, ws.held_on.isoformat() if ws.held_on else ""]
    slide, top = deck.slide(ws.title, " · ".join(f for f in facts if f))
    figures = [
        (f"{ws.tools_done}/{len(TOOLS)}", tr("portfolio.col.chain"), NAVY),
        (f"{ws.health_passed}/{ws.health_total}", tr("portfolio.col.health"), NAVY),
        (
            ws.next_review_on.isoformat() if ws.next_review_on else "—",
            tr("portfolio.col.next_review") + (f" · {tr('portfolio.overdue')}" if ws.overdue else ""),
            RED if ws.overdue else NAVY,
        ),
        _on_track(ws.kpis, tr("portfolio.head.kpis_on_track")),
    ]
    box_h = 78
    for (x, w), (value, label, color) in zip(columns(len(figures)), figures, strict=True):
        paras = [
            Para(value, 24, bold=True, color=color, align=PP_ALIGN.CENTER, space_after=2),
            Para(label, BODY_MIN, color=INK, align=PP_ALIGN.CENTER, space_after=0),
        ]
        deck.box(slide, (x, top, w, box_h), paras, fill=LIGHT, line=RULE, anchor=MSO_ANCHOR.MIDDLE)
    y = top + box_h + 12
    (lx, lw), (rx, rw) = columns(2, width=BODY_W)
    room = BODY_BOTTOM - y
    # left: KPIs worst first, as many rows as fit
    widths = [lw * 0.40, lw * 0.34, lw * 0.26]
    header = [tr("portfolio.col.kpi"), tr("portfolio.col.path"), tr("portfolio.col.state")]
    kpis = sorted(ws.kpis, key=lambda k: (_RAG_RANK[k.rag], k.progress if k.progress is not None else 9))
    rows = [
        [
            k.name,
            f"{_num(k.baseline)} → {_num(k.actual)} → {_num(k.target)}",
            f"{tr(f'portfolio.rag.{k.rag.value}')} {_pct(k.progress)}",
        ]
        for k in kpis
    ]
    while rows and table_height(widths, header, rows, TABLE_MIN) > room - TABLE_SAFETY - 30:
        rows.pop()
    if rows:
        deck.table(slide, lx, y, widths, header, rows)
        if len(rows) < len(kpis):
            more = Para(tr("portfolio.more", count=len(kpis) - len(rows)), BODY_MIN, color=GREY)
            below = y + table_height(widths, header, rows, TABLE_MIN) + 4
            deck.text(slide, (lx, below, lw, deck.needed([more], lw)), [more])
    else:
        empty = [Para(tr("portfolio.kpis.empty"), BODY_MIN, color=GREY)]
        deck.text(slide, (lx, y, lw, deck.needed(empty, lw)), empty)
    # right: review states, then the most severe pains, as many as fit
    paras = [Para(tr("portfolio.col.review"), BODY_MIN + 2, bold=True, color=NAVY, keep=True)]
    paras += [Para(f"{c.title}: {tr(f'portfolio.state.{c.state}')}", BODY_MIN, bullet=True) for c in ws.canvases]
    if not ws.canvases:
        paras.append(Para("—", BODY_MIN, color=GREY))
    paras.append(Para(tr("portfolio.deck.top_pains"), BODY_MIN + 2, bold=True, color=NAVY, keep=True))
    pains = sorted(ws.pains, key=lambda p: (-p.rank, p.item_id))
    shown = 0
    for pain in pains:
        trial = [*paras, Para(f"{pain.text} ({pain.rank}/5)", BODY_MIN, bullet=True)]
        left = len(pains) - shown - 1
        tail = [Para(tr("portfolio.more", count=left), BODY_MIN, color=GREY)] if left else []
        if not deck.fits([*trial, *tail], rw, room):
            break
        paras, shown = trial, shown + 1
    if shown < len(pains):
        paras.append(Para(tr("portfolio.more", count=len(pains) - shown), BODY_MIN, color=GREY))
    if not pains:
        paras.append(Para("—", BODY_MIN, color=GREY))
    deck.text(slide, (rx, y, rw, room), paras)
