"""The story slides of the deck, in the article's order, each with speaker notes.

1. The headline: every canvas's value statement and each KPI's baseline → target, large.
2. One pain followed along the chain: the persona's feeling, the touchpoint, the canvas pain, the
   pain reliever and the KPI that proves it.
3. The key pains (the article's 3–5), worst first.
4. The quick wins first: every high-impact, low-effort opportunity with its owner.
5. Each journey's emotion curve (a native line chart, stages as category groups, experience breaks
   marked) beside what breaks there.
6. Each canvas's fit: the score, what is not covered yet and what is.
7. The next steps.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from itertools import groupby
from typing import TYPE_CHECKING

from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION, XL_MARKER_STYLE, XL_TICK_LABEL_POSITION
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.text import MSO_ANCHOR
from pptx.oxml.ns import qn
from pptx.util import Pt

from pmo_insight.domain.fit import percent
from pmo_insight.domain.traceability import TraceRow
from pmo_insight.domain.value_statement import TIGHT_UNITS, number
from pmo_insight.export.slidekit import (
    BODY_BOTTOM,
    BODY_MIN,
    BODY_W,
    FONT,
    GAP,
    GREEN,
    GREY,
    INK,
    LIGHT,
    MARGIN,
    NAVY,
    PAD_X,
    RED,
    RULE,
    SLIDE_H,
    SLIDE_W,
    TEAL,
    WHITE,
    Para,
    columns,
    write,
)
from pmo_insight.models import ItemKind, Quadrant, RefKind

if TYPE_CHECKING:
    from pptx.slide import Slide

    from pmo_insight.export.deck import Deck
    from pmo_insight.export.story import CanvasView, JourneyView

#: Large type on the headline slide: the value statement and the KPI figures.
HEADLINE_SIZE = 28
KPI_SIZE = 32
#: KPI tiles per row on the headline slide.
KPI_TILES = 4
ON_NAVY = RGBColor(0x9F, 0xE3, 0xEA)
CREAM = RGBColor(0xFF, 0xF8, 0xE1)
PINK = RGBColor(0xFF, 0xEB, 0xEE)
MINT = RGBColor(0xE8, 0xF5, 0xE9)
SKY = RGBColor(0xE3, 0xF2, 0xFD)


def tell(deck: Deck) -> None:
    story = deck.story
    headline(deck)
    followed_pain(deck)
    if story.key_pains:
        key_pains(deck)
    if story.journeys:
        quick_wins(deck)
    for view in story.journeys:
        journey(deck, view)
    for view in story.canvases:
        canvas(deck, view)
    next_steps(deck)


# --- formatting -----------------------------------------------------------------------------


def signed(value: int | None) -> str:
    """An emotion score as "+2", "−3" (a true minus sign: renderers do not break a line after it)."""
    return "—" if value is None else f"{value:+d}".replace("-", "−") if value else "0"


def amount(value: float | None, unit: str) -> str:
    """A KPI figure as the headline shows it: "68%", "30"; other units go on the name line."""
    if value is None:
        return "?"
    return f"{number(value)}{unit}" if unit in TIGHT_UNITS else number(value)


def kpi_figures(kpi) -> str:
    if kpi.baseline is None and kpi.target is None:
        return "—"
    return f"{amount(kpi.baseline, kpi.unit)} → {amount(kpi.target, kpi.unit)}"


def kpi_caption(deck: Deck, kpi) -> str:
    parts = [kpi.name]
    if kpi.unit and kpi.unit not in TIGHT_UNITS:
        parts.append(kpi.unit)
    if kpi.due_on:
        parts.append(deck.tr("deck.kpi.due", date=kpi.due_on.isoformat()))
    return " · ".join(parts)


def kpi_sentence(deck: Deck, kpi) -> str:
    return f"{kpi_caption(deck, kpi)}: {kpi_figures(kpi)}"


def _list(deck: Deck, values: list[str]) -> str:
    return deck.tr("deck.list_sep").join(values) if values else deck.tr("export.none")


# --- 1. the headline ------------------------------------------------------------------------


def _headline_page(deck: Deck, page: int, notes: str) -> tuple[Slide, float]:
    ws, tr = deck.story.workshop, deck.tr
    slide = deck.prs.slides.add_slide(deck._layout)
    deck.shape(slide, (0, 0, SLIDE_W, SLIDE_H), fill=NAVY)
    tree = slide.shapes._spTree
    background = tree[-1] if tree[-1].tag != qn("p:extLst") else tree[-2]
    tree.remove(background)
    tree.insert(2, background)  # behind the title

    title = ws.title + (f" {tr('export.deck.continued')}" if page else "")
    width = BODY_W - 2 * PAD_X
    size = 26 if Para(title, 26, bold=True).lines(width) <= 1 else 22
    head = Para(title, size, bold=True, color=WHITE, space_after=0)
    shape = slide.shapes.title
    height = head.height(width) + 8
    shape.left, shape.top, shape.width, shape.height = Pt(MARGIN), Pt(16), Pt(BODY_W), Pt(height)
    write(shape.text_frame, [head], pad_y=4)
    y = 16 + height
    meta = " · ".join(x for x in (ws.organisation, ws.held_on.isoformat() if ws.held_on else "") if x)
    if meta:
        para = Para(meta, 16, color=RULE, space_after=0)
        deck.text(slide, (MARGIN, y, BODY_W, para.height(width) + 4), [para], pad_y=2)
        y += para.height(width) + 4
    if deck.review_state:
        para = Para(tr("deck.review", state=deck.review_state), 16, bold=True, color=NAVY, space_after=0)
        chip_w = min(BODY_W, para_width(para) + 2 * PAD_X + 8)
        chip_h = para.height(chip_w - 2 * PAD_X) + 12
        deck.box(slide, (MARGIN + PAD_X, y + 6, chip_w, chip_h), [para], fill=ON_NAVY, anchor=MSO_ANCHOR.MIDDLE)
        y += chip_h + 8
    deck.notes(slide, notes)
    deck.story_slides.append(slide)
    return slide, y + 10


def para_width(para: Para) -> float:
    from pmo_insight.export.textfit import text_width

    return text_width(para.text, para.size, bold=para.bold)


def headline(deck: Deck) -> None:
    """Slide 1: what the work promises, in numbers, large enough for the back of the room."""

    story, tr = deck.story, deck.tr
    width = BODY_W - 2 * PAD_X
    elements: list[_Element] = []

    def add_text(para: Para, keep: bool = False) -> None:
        elements.append(_Element(para.height(width) + 4, keep=keep, para=para))

    for view in story.canvases:
        label = " · ".join(x for x in (view.canvas.title, view.persona.name) if x)
        add_text(Para(label, 16, bold=True, color=ON_NAVY, space_after=0), keep=True)
        add_text(Para(view.statement, HEADLINE_SIZE, color=WHITE, space_after=0))
        per_row = min(KPI_TILES, len(view.kpis)) or 1
        tile_w = (BODY_W - (per_row - 1) * GAP) / per_row
        for start in range(0, len(view.kpis), per_row):
            tiles = [_kpi_tile(deck, k, tile_w) for k in view.kpis[start : start + per_row]]
            h = max(deck.needed(t, tile_w) for t in tiles)

            def draw(slide, y, tiles=tiles, h=h, tile_w=tile_w):
                for index, paras in enumerate(tiles):
                    deck.box(slide, (MARGIN + index * (tile_w + GAP), y, tile_w, h), paras, fill=WHITE)

            elements.append(_Element(h + 8, draw))
        elements.append(_Element(8, lambda slide, y: None))
    if not story.canvases:
        if story.workshop.goal:
            add_text(Para(story.workshop.goal, HEADLINE_SIZE, color=WHITE))
        add_text(Para(tr("deck.headline.no_canvas"), 20, color=ON_NAVY))

    kpis = [kpi_sentence(deck, k) for view in story.canvases for k in view.kpis]
    statements = [view.statement for view in story.canvases]
    notes = tr("deck.notes.headline", statements=" / ".join(statements) or "—", kpis=_list(deck, kpis))
    if deck.review_state:
        notes += "\n" + tr("deck.notes.review", state=deck.review_state)
    page = 0
    slide, top = _headline_page(deck, page, notes)
    bottom = SLIDE_H - 10  # the headline slide has no page number
    y, room = top, bottom - top
    while elements:
        element = elements[0]
        follow = elements[1].height if element.keep and len(elements) > 1 else 0
        if y + element.height + min(follow, room / 2) > bottom and y > top:
            page += 1
            slide, y = _headline_page(deck, page, notes)
        if element.para is not None and element.height > bottom - y:
            # A statement taller than the slide: split it at a line, the rest on the next slide.
            head, rest = element.para.split(width, max(1, int((bottom - y - 8) // element.para.line_height)))
            parts = [p for p in (head, rest) if p is not None]
            elements[0:1] = [_Element(p.height(width) + 4, para=p) for p in parts]
            element = elements[0]
        elements.pop(0)
        if element.para is not None:
            deck.text(slide, (MARGIN, y, BODY_W, element.height), [element.para], pad_y=2)
        else:
            element.draw(slide, y)
        y += element.height


@dataclass
class _Element:
    """Something placed on the headline slide, top to bottom: a paragraph or a drawing."""

    height: float
    draw: Callable[[Slide, float], None] | None = None
    keep: bool = False
    para: Para | None = None


def _kpi_tile(deck: Deck, kpi, width: float) -> list[Para]:
    """A KPI as the headline shows it: baseline → target large, then its name, unit and due date.
    Figures too wide for one line break after the arrow, never inside a number or unit."""
    figures = kpi_figures(kpi)
    inner = width - 2 * PAD_X
    caption = Para(kpi_caption(deck, kpi), BODY_MIN, color=INK, space_after=0)
    for size in (KPI_SIZE, HEADLINE_SIZE):
        if Para(figures, size, bold=True).lines(inner) == 1:
            return [Para(figures, size, bold=True, color=TEAL, space_after=0), caption]
    before, arrow, after = figures.partition("→ ")
    lines = [before + arrow.strip(), after] if arrow else [figures]
    return [*(Para(line, HEADLINE_SIZE, bold=True, color=TEAL, space_after=0) for line in lines), caption]


# --- 2. one pain along the chain ------------------------------------------------------------

FEELING_ORDER = (Quadrant.FEELS, Quadrant.PAINS, Quadrant.THINKS, Quadrant.SAYS, Quadrant.DOES, Quadrant.GAINS)


def _followed(deck: Deck) -> TraceRow | None:
    """The pain to follow: the most complete chain (feeling, touchpoint, reliever, KPI), most severe."""
    rows = deck.story.trace
    if not rows:
        return None

    def score(row: TraceRow):
        kinds = {s.kind for s in row.sources}
        return (
            bool(row.relievers) and bool(row.kpis),
            RefKind.TOUCHPOINT in kinds,
            RefKind.EMPATHY_NOTE in kinds,
            row.pain.rank,
        )

    return max(rows, key=score)


def followed_pain(deck: Deck) -> None:

    row = _followed(deck)
    if row is None:
        return
    tr, chain = deck.tr, deck.story.chain
    notes_by_id = {n.id: n for n in chain.notes}
    touchpoints = {t.id: t for t in chain.touchpoints}
    stages = {s.id: s.name for s in chain.stages}
    persona = next((p for p in chain.personas if p.id == row.canvas.persona_id), None)
    feelings = [notes_by_id[s.id] for s in row.sources if s.kind == RefKind.EMPATHY_NOTE and s.id in notes_by_id]
    feelings.sort(key=lambda n: FEELING_ORDER.index(Quadrant(n.quadrant)))
    steps_tp = [touchpoints[s.id] for s in row.sources if s.kind == RefKind.TOUCHPOINT and s.id in touchpoints]
    steps_tp.sort(key=lambda t: t.emotion_now)
    name = persona.name if persona else ""
    feeling = feelings[0] if feelings else None
    tp = steps_tp[0] if steps_tp else None
    title = tr("deck.chain.title")
    subtitle = " · ".join(x for x in (name, row.canvas.title) if x)
    notes = tr(
        "deck.notes.chain",
        persona=name,
        feeling=feeling.text if feeling else "—",
        touchpoint=tp.name if tp else "—",
        emotion=signed(tp.emotion_now) if tp else "—",
        pain=row.pain.text,
        relievers=_list(deck, [item.text for item, _ in row.relievers]),
        kpis=_list(deck, [kpi_sentence(deck, k) for k in row.kpis]),
    )

    def steps(size: float) -> list[tuple[list[Para], RGBColor]]:
        none = [Para(tr("export.none"), size, italic=True, color=GREY)]
        where = " · ".join(x for x in (stages.get(tp.stage_id, ""), tp.name) if x) if tp else ""
        parts = [
            (
                "deck.chain.feels",
                [Para(tr("export.quote", text=feeling.text), size + 2, italic=True, color=TEAL)] if feeling else none,
                CREAM,
            ),
            (
                "deck.chain.touchpoint",
                [
                    Para(where, size, bold=True),
                    Para(tr("deck.chain.emotion", value=signed(tp.emotion_now)), size, bold=True, color=RED),
                    *([Para(tp.pain_point, size)] if tp.pain_point else []),
                ]
                if tp
                else none,
                SKY,
            ),
            (
                "deck.chain.pain",
                [
                    Para(row.pain.text, size + 2, bold=True, color=RED),
                    Para(tr("deck.chain.severity", rank=row.pain.rank), size, color=GREY),
                ],
                PINK,
            ),
            (
                "deck.chain.relieved",
                [
                    Para(item.text + (tr("deck.partly") if strength == "partial" else ""), size, bullet=True)
                    for item, strength in row.relievers
                ]
                or none,
                MINT,
            ),
            (
                "deck.chain.kpi",
                [
                    para
                    for kpi in row.kpis
                    for para in (
                        Para(kpi_figures(kpi), size + 6, bold=True, color=TEAL, space_after=0),
                        Para(kpi_caption(deck, kpi), size, space_after=8),
                    )
                ]
                or none,
                LIGHT,
            ),
        ]
        return [
            ([Para(tr(key, name=name), size, bold=True, color=NAVY, space_after=6), *body], fill)
            for key, body, fill in parts
        ]

    arrow = 22
    step_w = (BODY_W - 4 * arrow) / 5
    top = deck.body_top(title, subtitle)
    room = BODY_BOTTOM - top
    chosen = next(
        (steps(size) for size in (18, 16, BODY_MIN) if all(deck.fits(p, step_w, room) for p, _ in steps(size))), None
    )
    if chosen is None:
        # Too much text for five boxes side by side: the same steps as headed paragraphs in columns.
        paras = [replace(p, keep=True) if i == 0 else p for body, _ in steps(BODY_MIN) for i, p in enumerate(body)]
        deck.flow_slides(title, subtitle, paras, count=2, notes=lambda _page: notes)
        return
    slide, top = deck.slide(title, subtitle, notes=notes)
    height = min(room, max(deck.needed(p, step_w) for p, _ in chosen) + 24)
    for index, (paras, fill) in enumerate(chosen):
        x = MARGIN + index * (step_w + arrow)
        deck.box(slide, (x, top, step_w, height), paras, fill=fill)
        if index < len(chosen) - 1:
            deck.shape(slide, (x + step_w + 3, top + height / 2 - 10, arrow - 6, 20), fill=TEAL, geometry="rightArrow")


# --- 3. key pains ---------------------------------------------------------------------------


def key_pains(deck: Deck) -> None:
    story, tr = deck.story, deck.tr
    title, subtitle = tr("deck.key_pains.title", count=len(story.key_pains)), tr("deck.key_pains.subtitle")

    def paras_at(size: float) -> list[Para]:
        paras = []
        for number_, kp in enumerate(story.key_pains, start=1):
            tp, view = kp.touchpoint, kp.journey
            where = " · ".join(x for x in (view.stage_name(tp), tp.name) if x)
            heading = f"{number_}. {where} ({signed(tp.emotion_now)})"
            paras.append(Para(heading, size + 2, bold=True, color=RED, keep=True))
            if tp.pain_point:
                paras.append(Para(tp.pain_point, size, space_after=2, keep=True))
            paras.append(Para(f"{view.persona.name} · {view.journey.scenario}", size, color=GREY, space_after=14))
        return paras

    pains = [f"{kp.touchpoint.name} ({signed(kp.touchpoint.emotion_now)})" for kp in story.key_pains]
    notes = tr("deck.notes.key_pains", count=len(story.key_pains), pains=_list(deck, pains))
    paras = _largest(deck, title, subtitle, paras_at, 2)
    deck.flow_slides(title, subtitle, paras, count=2, notes=lambda _page: notes)


def _largest(deck: Deck, title: str, subtitle: str, paras_at, count: int) -> list[Para]:
    """The paragraphs at 16 pt when they fit one slide that way, else at 14 pt (over more slides)."""
    large = paras_at(16)
    return large if deck.fits_one_slide(title, subtitle, large, count) else paras_at(BODY_MIN)


# --- 4. quick wins --------------------------------------------------------------------------


def quick_wins(deck: Deck) -> None:
    story, tr = deck.story, deck.tr
    wins = [(tp, view) for tp, quadrant, view in story.opportunities if quadrant == "quick_win"]
    counts = Counter(quadrant for _, quadrant, _ in story.opportunities)
    others = tr("deck.quick_wins.others", big=counts["big_bet"], fill=counts["fill_in"], pit=counts["money_pit"])

    def paras_at(size: float) -> list[Para]:
        paras = []
        for tp, _view in wins:
            owner = tp.owner.strip() or tr("export.next.no_owner")
            paras.append(Para(tp.opportunity, size, bold=True, bullet=True, space_after=1, keep=True))
            detail = tr("deck.quick_wins.detail", owner=owner, impact=tp.impact, effort=tp.effort, touchpoint=tp.name)
            paras.append(Para(detail, size, color=GREY, hanging=True, space_after=8))
        if not wins:
            paras.append(Para(tr("deck.quick_wins.none"), size, italic=True, color=GREY))
        return [*paras, Para(others, size, italic=True, color=NAVY)]

    notes = tr(
        "deck.notes.quick_wins",
        count=len(wins),
        first=wins[0][0].opportunity if wins else "—",
        big=counts["big_bet"],
    )
    title = tr("deck.quick_wins.title")
    subtitle = tr("deck.quick_wins.subtitle", count=len(wins), total=len(story.opportunities))
    paras = _largest(deck, title, subtitle, paras_at, 2)
    deck.flow_slides(title, subtitle, paras, count=2, notes=lambda _page: notes)


# --- 5. journeys ----------------------------------------------------------------------------


def journey(deck: Deck, view: JourneyView) -> None:

    tr = deck.tr
    numbers = {tp.id: n for n, tp in enumerate(view.touchpoints, start=1)}
    title = tr("export.journey.title", scenario=view.journey.scenario)
    subtitle = tr(
        "deck.journey.subtitle",
        name=view.persona.name,
        count=len(view.touchpoints),
        stages=len(view.stages),
    )
    breaks = []
    for tp in view.breaks:
        where = " · ".join(x for x in (view.stage_name(tp), tp.name) if x)
        breaks.append(
            Para(
                f"#{numbers[tp.id]} {where} ({signed(tp.emotion_now)})",
                BODY_MIN,
                bold=True,
                color=RED,
                keep=True,
                space_after=2,
            )
        )
        if tp.pain_point:
            breaks.append(Para(tp.pain_point, BODY_MIN, space_after=10))
    lowest = [f"#{numbers[tp.id]} {tp.name} ({signed(tp.emotion_now)})" for tp in view.breaks]
    notes = tr("deck.notes.journey", breaks=_list(deck, lowest), count=len(view.breaks))
    slide, top = deck.slide(title, subtitle, notes=notes)
    height = BODY_BOTTOM - top
    if not view.touchpoints:
        deck.text(slide, (MARGIN, top, BODY_W, 40), [Para(tr("export.empty"), BODY_MIN, color=GREY)])
        return
    panel_w = 300
    heading = Para(tr("export.journey.breaks", count=len(view.breaks)), 16, bold=True, color=RED, space_after=8)
    panel = [heading, *(breaks or [Para(tr("export.none"), BODY_MIN, italic=True, color=GREY)])]
    if deck.fits(panel, panel_w, height):
        emotion_chart(deck, slide, view, (MARGIN, top, BODY_W - panel_w - GAP, height))
        deck.box(slide, (MARGIN + BODY_W - panel_w, top, panel_w, height), panel, fill=PINK)
        return
    emotion_chart(deck, slide, view, (MARGIN, top, BODY_W, height))
    deck.flow_slides(
        tr("deck.journey.breaks_title", scenario=view.journey.scenario),
        subtitle,
        breaks,
        count=2,
        notes=lambda _page: notes,
    )


def emotion_chart(deck: Deck, slide: Slide, view: JourneyView, rect) -> None:
    """A native line chart: as-is and to-be emotion per touchpoint (numbered as in the appendix's
    stage table), grouped by stage, the experience breaks ringed; editable as data."""
    tr = deck.tr
    x, y, w, h = rect
    data = CategoryChartData(number_format="0")
    numbering = 0
    for _stage, group in groupby(view.touchpoints, key=lambda tp: tp.stage_id):
        members = list(group)
        stage = data.add_category(view.stage_name(members[0]) or "—")
        for _tp in members:
            numbering += 1
            stage.add_sub_category(str(numbering))
    broken = {tp.id for tp in view.breaks}
    data.add_series(tr("export.journey.as_is"), [tp.emotion_now for tp in view.touchpoints])
    data.add_series(tr("export.journey.to_be"), [tp.emotion_target for tp in view.touchpoints])
    data.add_series(
        tr("deck.journey.break_series"), [tp.emotion_now if tp.id in broken else None for tp in view.touchpoints]
    )
    frame = slide.shapes.add_chart(XL_CHART_TYPE.LINE_MARKERS, Pt(x), Pt(y), Pt(w), Pt(h), data)
    chart = frame.chart
    chart.has_title = False
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.TOP
    chart.legend.include_in_layout = False
    chart.font.size = Pt(BODY_MIN)
    value_axis = chart.value_axis
    value_axis.minimum_scale, value_axis.maximum_scale, value_axis.major_unit = -3, 3, 1
    value_axis.has_major_gridlines = True
    value_axis.major_gridlines.format.line.color.rgb = RULE
    value_axis.tick_labels.number_format = "+0;-0;0"
    value_axis.tick_labels.number_format_is_linked = False
    category_axis = chart.category_axis
    category_axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW
    category_axis.format.line.color.rgb = GREY
    category_axis.tick_labels.font.size = Pt(12)
    as_is, to_be, marks = chart.plots[0].series
    for series, color, dash, marker in (
        (as_is, RED, None, XL_MARKER_STYLE.CIRCLE),
        (to_be, TEAL, MSO_LINE_DASH_STYLE.DASH, XL_MARKER_STYLE.DIAMOND),
    ):
        series.smooth = False
        series.format.line.color.rgb = color
        series.format.line.width = Pt(2.25)
        if dash is not None:
            series.format.line.dash_style = dash
        series.marker.style = marker
        series.marker.size = 8
        series.marker.format.fill.solid()
        series.marker.format.fill.fore_color.rgb = color
        series.marker.format.line.color.rgb = color
    marks.smooth = False
    marks.format.line.fill.background()
    marks.marker.style = XL_MARKER_STYLE.CIRCLE
    marks.marker.size = 14
    marks.marker.format.fill.solid()
    marks.marker.format.fill.fore_color.rgb = INK
    marks.marker.format.line.color.rgb = INK
    _chart_font(chart)


def _chart_font(chart) -> None:
    """Declare the CJK font on all of the chart's text (axis labels, legend) for both scripts."""
    from lxml import etree

    chart.font.name = FONT
    for rPr in chart._chartSpace.iter(qn("a:defRPr")):
        for tag in ("a:latin", "a:ea"):
            for old in rPr.findall(qn(tag)):
                rPr.remove(old)
        latin = etree.SubElement(rPr, qn("a:latin"))
        latin.set("typeface", FONT)
        latin.addnext(etree.Element(qn("a:ea"), typeface=FONT))


# --- 6. canvases ----------------------------------------------------------------------------

COVERAGE_MARK = {1.0: "●", 0.5: "◐", 0.0: "○"}


def canvas(deck: Deck, view: CanvasView) -> None:

    tr, chain = deck.tr, deck.story.chain
    items = {i.id: i for i in chain.items}
    relievers: dict[int, list[str]] = {}
    for link in chain.fit_links:
        if link.canvas_id == view.canvas.id and link.value_item_id in items:
            text = items[link.value_item_id].text + (tr("deck.partly") if link.strength == "partial" else "")
            relievers.setdefault(link.customer_item_id, []).append(text)
    customer = [(ItemKind.PAIN, i) for i in view.items[ItemKind.PAIN]] + [
        (ItemKind.GAIN, i) for i in view.items[ItemKind.GAIN]
    ]
    customer.sort(key=lambda e: (e[0] != ItemKind.PAIN, -e[1].rank, e[1].position, e[1].id))
    open_ = [(k, i) for k, i in customer if view.coverage.get(i.id, 0.0) == 0.0]
    covered = [(k, i) for k, i in customer if view.coverage.get(i.id, 0.0) > 0.0]
    paras = [Para(tr("deck.canvas.not_covered", count=len(open_)), 16, bold=True, color=RED, keep=True, space_after=6)]
    for kind, item in open_:
        paras.append(
            Para(
                f"○ {tr(f'deck.canvas.{kind}')} · {item.text}",
                BODY_MIN,
                color=RED if kind == ItemKind.PAIN else INK,
                space_after=6,
            )
        )
    if not open_:
        paras.append(Para(tr("export.fit.all_covered"), BODY_MIN, color=GREEN, space_after=6))
    paras.append(
        Para(tr("deck.canvas.covered", count=len(covered)), 16, bold=True, color=GREEN, keep=True, space_after=6)
    )
    for kind, item in covered:
        mark = COVERAGE_MARK[view.coverage[item.id]]
        is_pain = kind == ItemKind.PAIN
        line = f"{mark} {tr(f'deck.canvas.{kind}')} · {item.text}"
        paras.append(Para(line, BODY_MIN, space_after=1 if is_pain else 6, keep=is_pain))
        if is_pain:  # the story follows pains to their relievers; gains' creators are in the appendix
            by = tr("deck.canvas.by", items="; ".join(relievers.get(item.id, [])))
            paras.append(Para(by, BODY_MIN, color=GREY, hanging=True, space_after=6))
    fit = view.fit
    summary = [
        Para(tr("deck.canvas.fit"), 16, color=GREY, space_after=0),
        Para(percent(fit.overall), 44, bold=True, color=NAVY, space_after=4),
        Para(tr("deck.canvas.pains_covered", value=percent(fit.pains)), 16, bold=True, space_after=2),
        Para(tr("deck.canvas.gains_covered", value=percent(fit.gains)), 16, bold=True, space_after=10),
        *(Para(part.strip(), BODY_MIN, color=GREY, space_after=1) for part in tr("deck.fit.legend").split("·")),
    ]
    notes = tr(
        "deck.notes.canvas",
        fit=percent(fit.overall),
        pains=percent(fit.pains),
        gains=percent(fit.gains),
        open=_list(deck, [i.text for _, i in open_]),
    )
    side_w = 190

    def first(slide, top):
        deck.box(
            slide, (MARGIN, top, side_w, min(BODY_BOTTOM - top, deck.needed(summary, side_w))), summary, fill=LIGHT
        )
        x = MARGIN + side_w + GAP
        return [(cx, top, cw, BODY_BOTTOM - top) for cx, cw in columns(2, x, BODY_W - side_w - GAP)]

    deck.flow_slides(
        tr("export.canvas.title", title=view.canvas.title),
        view.persona.name,
        paras,
        count=3,
        first=first,
        notes=lambda _page: notes,
    )


# --- 7. next steps --------------------------------------------------------------------------


def next_steps(deck: Deck) -> None:
    story, tr = deck.story, deck.tr
    paras = [Para(f"{n}. {text}", 16, space_after=10) for n, text in enumerate(story.next_steps, start=1)]
    notes = tr("deck.notes.next", first=story.next_steps[0] if story.next_steps else "—")
    deck.flow_slides(tr("export.next.title"), tr("export.next.heading"), paras, count=1, notes=lambda _page: notes)
