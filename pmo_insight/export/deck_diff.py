"""Slides for the iteration loop: "What changed since the last review" and KPI progress.

Kept apart from the main deck (pmo_insight/export/deck.py calls :func:`add_iteration_slides` once,
on the finished file): the diff slides appear when a base snapshot is chosen, a KPI progress slide
whenever a KPI has measured actuals. Everything is native and editable: text boxes, tables (≥ 12 pt)
and line charts (the emotion curve before and after, a KPI's actuals against its target); body
text is at least 14 pt. User text goes into text frames as plain text, never markup.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from typing import Any

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION, XL_TICK_LABEL_POSITION
from pptx.enum.text import MSO_ANCHOR
from pptx.slide import Slide
from pptx.util import Emu, Pt

from pmo_insight.domain.chain import WorkshopChain
from pmo_insight.domain.diff import JourneyEmotion, WorkshopDiff
from pmo_insight.domain.kpi_progress import KpiProgress, kpi_progress
from pmo_insight.i18n import t
from pmo_insight.iterate import diff_text as fmt

FONT = "Noto Sans CJK SC"
NAVY, INK, GREY = RGBColor(0x1F, 0x3A, 0x5F), RGBColor(0x26, 0x32, 0x38), RGBColor(0x60, 0x6B, 0x73)
BEFORE, AFTER = RGBColor(0x9E, 0xA7, 0xAD), RGBColor(0x1F, 0x4E, 0x99)
GREEN, RED = RGBColor(0x2E, 0x7D, 0x32), RGBColor(0xC6, 0x28, 0x28)
TITLE_PT, BODY_PT, TABLE_PT, CHART_PT = 26, 16, 13, 13
MARGIN = 36
TOP = 100
ROWS_PER_SLIDE = 8
CATEGORY_LABEL = 22


class _Slides:
    def __init__(self, prs: Any, lang: str) -> None:
        self.prs = prs
        self.lang = lang
        self.width = Emu(prs.slide_width).pt
        self.height = Emu(prs.slide_height).pt

    def tr(self, key: str, **params: object) -> str:
        return t(key, self.lang, **params)

    def slide(self, title: str, subtitle: str = "") -> Slide:
        layout = self.prs.slide_layouts[6] if len(self.prs.slide_layouts) > 6 else self.prs.slide_layouts[-1]
        slide = self.prs.slides.add_slide(layout)
        self.text(slide, title, MARGIN, 24, self.width - 2 * MARGIN, 44, size=TITLE_PT, bold=True, color=NAVY)
        if subtitle:
            self.text(slide, subtitle, MARGIN, 66, self.width - 2 * MARGIN, 28, size=BODY_PT, color=GREY)
        return slide

    def text(
        self,
        slide: Slide,
        text: str | Sequence[str],
        x: float,
        y: float,
        w: float,
        h: float,
        *,
        size: int = BODY_PT,
        bold: bool = False,
        color: RGBColor = INK,
    ) -> None:
        box = slide.shapes.add_textbox(Pt(x), Pt(y), Pt(w), Pt(h))
        frame = box.text_frame
        frame.word_wrap = True
        frame.vertical_anchor = MSO_ANCHOR.TOP
        lines = [text] if isinstance(text, str) else list(text)
        for index, line in enumerate(lines):
            paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            run = paragraph.add_run()
            run.text = line
            run.font.size, run.font.bold, run.font.name = Pt(size), bold, FONT
            run.font.color.rgb = color

    def table(
        self, slide: Slide, header: Sequence[str], rows: Sequence[Sequence[str]], y: float, widths: Sequence[float]
    ) -> None:
        total = self.width - 2 * MARGIN
        height = 30 * (len(rows) + 1)
        shape = slide.shapes.add_table(len(rows) + 1, len(header), Pt(MARGIN), Pt(y), Pt(total), Pt(height))
        table = shape.table
        for index, share in enumerate(widths):
            table.columns[index].width = Pt(total * share)
        for r, row in enumerate([header, *rows]):
            for c, value in enumerate(row):
                cell = table.cell(r, c)
                cell.text = str(value)
                for paragraph in cell.text_frame.paragraphs:
                    for run in paragraph.runs:
                        run.font.size, run.font.name, run.font.bold = Pt(TABLE_PT), FONT, r == 0

    def line_chart(
        self,
        slide: Slide,
        categories: Sequence[str],
        series: Sequence[tuple[str, Sequence[float | None], RGBColor]],
        y: float,
        h: float,
        *,
        number_format: str = "General",
    ) -> None:
        data = CategoryChartData()
        data.categories = [fmt.short(c, CATEGORY_LABEL) for c in categories]
        for name, values, _ in series:
            data.add_series(name, list(values))
        w = self.width - 2 * MARGIN
        chart = slide.shapes.add_chart(XL_CHART_TYPE.LINE_MARKERS, Pt(MARGIN), Pt(y), Pt(w), Pt(h), data).chart
        chart.has_legend = True
        chart.legend.position = XL_LEGEND_POSITION.TOP
        chart.legend.include_in_layout = False
        chart.legend.font.size, chart.legend.font.name = Pt(CHART_PT), FONT
        for plot_series, (_, _, color) in zip(chart.plots[0].series, series, strict=True):
            plot_series.smooth = False
            plot_series.format.line.color.rgb = color
            plot_series.format.line.width = Pt(2.5)
            plot_series.marker.format.fill.solid()
            plot_series.marker.format.fill.fore_color.rgb = color
        category_axis, value_axis = chart.category_axis, chart.value_axis
        category_axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW
        for axis in (category_axis, value_axis):
            axis.tick_labels.font.size, axis.tick_labels.font.name = Pt(CHART_PT), FONT
        value_axis.tick_labels.number_format = number_format
        value_axis.tick_labels.number_format_is_linked = False
        value_axis.has_major_gridlines = True


def _pages(rows: list, per_slide: int = ROWS_PER_SLIDE) -> list[list]:
    """Rows spread evenly over as few slides as hold them: never a slide with one leftover row."""
    if not rows:
        return []
    count = math.ceil(len(rows) / per_slide)
    size = math.ceil(len(rows) / count)
    return [rows[i : i + size] for i in range(0, len(rows), size)]


# --- what changed -------------------------------------------------------------------------------


def add_diff_slides(prs: Any, diff: WorkshopDiff, lang: str) -> int:
    """Append the "what changed" slides for ``diff``; returns how many were added."""
    s = _Slides(prs, lang)
    before = len(prs.slides)
    _summary_slide(s, diff)
    if diff.fits or diff.kpis:
        _fit_and_kpi_slide(s, diff)
    for journey in diff.emotions:
        if journey.changed:
            _emotion_slide(s, journey)
    _items_slides(s, diff)
    return len(prs.slides) - before


def _between(s: _Slides, diff: WorkshopDiff) -> str:
    from pmo_insight.iterate.diff_markdown import side_text

    return s.tr("iterate.report.between", base=side_text(diff.base, s.lang), head=side_text(diff.head, s.lang))


def _summary_slide(s: _Slides, diff: WorkshopDiff) -> None:
    slide = s.slide(s.tr("iterate.report.title"), _between(s, diff))
    headline = s.tr("iterate.report.counts", **diff.counts)
    if diff.unchanged:
        headline += " — " + s.tr("iterate.report.unchanged")
    s.text(slide, headline, MARGIN, TOP, s.width - 2 * MARGIN, 36, size=22, bold=True)
    rows = [
        [
            s.tr(f"chain.pitfall.{p.pitfall}.title"),
            str(p.before),
            str(p.after),
            "✓" if p.after < p.before else "!" if p.after > p.before else "=",
        ]
        for p in diff.pitfalls
    ]
    header = [s.tr("iterate.col.pitfall"), s.tr("iterate.emotion.before"), s.tr("iterate.emotion.after"), ""]
    s.text(slide, s.tr("iterate.pitfalls.title"), MARGIN, TOP + 46, s.width - 2 * MARGIN, 28, size=18, bold=True)
    s.table(slide, header, rows, TOP + 80, (0.55, 0.15, 0.15, 0.15))


def _fit_and_kpi_slide(s: _Slides, diff: WorkshopDiff) -> None:
    slide = s.slide(f"{s.tr('iterate.fit.title')} · {s.tr('iterate.kpi.title')}")
    y = TOP - 10
    if diff.fits:
        rows = [
            [
                fmt.short(f.title, 50),
                fmt.fit_pair(f.before.overall if f.before else None, f.after.overall if f.after else None),
                fmt.fit_pair(f.before.pains if f.before else None, f.after.pains if f.after else None),
            ]
            for f in diff.fits
        ]
        header = [s.tr("export.col.canvas"), s.tr("export.col.fit_overall"), s.tr("export.col.fit_pains")]
        s.table(slide, header, rows, y, (0.5, 0.25, 0.25))
        y += 30 * (len(rows) + 1) + 8
        notes = [
            f"✓ {s.tr('iterate.fit.relieved')}: " + "; ".join(fmt.short(x, 60) for x in f.newly_relieved)
            for f in diff.fits
            if f.newly_relieved
        ] + [
            f"! {s.tr('iterate.fit.uncovered')}: " + "; ".join(fmt.short(x, 60) for x in f.newly_uncovered)
            for f in diff.fits
            if f.newly_uncovered
        ]
        if notes:
            s.text(slide, notes[:3], MARGIN, y, s.width - 2 * MARGIN, 24 * min(len(notes), 3), size=14)
            y += 24 * min(len(notes), 3) + 8
    if diff.kpis:
        rows = [
            [
                fmt.short(k.name, 40),
                fmt.pair(fmt.number(k.target[0], k.unit), fmt.number(k.target[1], k.unit)),
                fmt.pair(fmt.actual_text(k.latest[0], k.unit), fmt.actual_text(k.latest[1], k.unit)),
                fmt.fit_pair(*k.progress),
            ]
            for k in diff.kpis[:6]
        ]
        header = [
            s.tr("export.col.kpi"),
            s.tr("field.target"),
            s.tr("iterate.kpi.latest"),
            s.tr("iterate.kpi.progress"),
        ]
        s.table(slide, header, rows, y, (0.4, 0.18, 0.27, 0.15))


def _emotion_slide(s: _Slides, journey: JourneyEmotion) -> None:
    slide = s.slide(s.tr("iterate.emotion.title"), f"{fmt.short(journey.scenario, 80)} · {journey.persona}")
    categories = [p.touchpoint for p in journey.points]
    s.line_chart(
        slide,
        categories,
        [
            (s.tr("iterate.emotion.before"), [p.before for p in journey.points], BEFORE),
            (s.tr("iterate.emotion.after"), [p.after for p in journey.points], AFTER),
        ],
        TOP - 6,
        300,
        number_format="+0;-0;0",
    )
    moved = [f"{fmt.short(p.touchpoint, 40)}: {fmt.emotion_pair(p.before, p.after)}" for p in journey.changed]
    s.text(slide, moved[:4], MARGIN, TOP + 300, s.width - 2 * MARGIN, 110, size=14)


def _items_slides(s: _Slides, diff: WorkshopDiff) -> None:
    rows = []
    for tool in diff.tools:
        name = s.tr(f"tool.{tool.tool}")
        rows += [[name, fmt.item_title(i, s.lang), s.tr("iterate.status.added")] for i in tool.added]
        rows += [[name, fmt.item_title(i, s.lang), s.tr("iterate.status.removed")] for i in tool.removed]
        for item in tool.changed:
            changes = "; ".join(fmt.change_text(c, s.lang, section=item.section) for c in item.fields[:2])
            more = len(item.fields) - 2
            rows.append([name, fmt.item_title(item, s.lang), changes + (f" (+{more})" if more > 0 else "")])
    header = [s.tr("iterate.col.tool"), s.tr("iterate.col.item"), s.tr("iterate.col.change")]
    pages = _pages([[fmt.short(c, 110) for c in row] for row in rows])
    for number, page in enumerate(pages, 1):
        suffix = f" ({number}/{len(pages)})" if len(pages) > 1 else ""
        slide = s.slide(s.tr("iterate.deck.items") + suffix)
        s.table(slide, header, page, TOP - 10, (0.18, 0.4, 0.42))


# --- KPI progress ---------------------------------------------------------------------------------


def add_kpi_progress_slides(prs: Any, chain: WorkshopChain, lang: str) -> int:
    """One slide per KPI with measured actuals: baseline → actuals → target as a native line chart."""
    s = _Slides(prs, lang)
    added = 0
    for kpi in chain.kpis:
        progress = kpi_progress(chain, kpi)
        if progress.actuals:
            kpi_chart_slide(s, progress)
            added += 1
    return added


def kpi_chart_slide(s: _Slides, progress: KpiProgress) -> None:
    kpi = progress.kpi
    latest = progress.latest
    subtitle = s.tr(
        "iterate.kpi.line",
        baseline=fmt.number(kpi.baseline, kpi.unit),
        latest=fmt.actual_text(latest, kpi.unit),
        target=fmt.number(kpi.target, kpi.unit),
        progress=fmt.fit_pair(progress.share, progress.share),
    )
    slide = s.slide(f"{s.tr('iterate.kpi.slide')}: {fmt.short(kpi.name, 60)}", subtitle)
    series, categories = kpi_series(progress, s.lang)
    s.line_chart(slide, categories, series, TOP - 6, 330)
    sources = [f"{a.measured_on.isoformat()}: {fmt.number(a.value, kpi.unit)} — {a.source}" for a in progress.actuals]
    s.text(slide, [x for x in sources if not x.endswith("— ")][-3:], MARGIN, TOP + 330, s.width - 2 * MARGIN, 80)


def kpi_series(progress: KpiProgress, lang: str) -> tuple[list[tuple[str, list, RGBColor]], list[str]]:
    """Categories (baseline, each measurement date, the due date) and the measured and target lines."""
    kpi = progress.kpi
    categories = [t("field.baseline", lang)] + [a.measured_on.isoformat() for a in progress.actuals]
    measured = [kpi.baseline] + [a.value for a in progress.actuals]
    if kpi.due_on is not None:
        categories.append(t("iterate.kpi.due", lang, date=kpi.due_on.isoformat()))
        measured.append(None)
    series = [(t("iterate.kpi.measured", lang), measured, AFTER)]
    if kpi.target is not None:
        series.append((t("field.target", lang), [kpi.target] * len(categories), GREEN))
    return series, categories


# --- the one hook the main deck calls ---------------------------------------------------------------


def add_iteration_slides(data: bytes, chain: WorkshopChain, options: Any) -> bytes:
    """The finished deck with KPI progress slides and, when ``options.base_snapshot`` is set, the
    "what changed" slides, placed after the opening slides. Unchanged bytes when there is nothing to add."""
    base = getattr(options, "base_snapshot", None)
    if base is None and not chain.kpi_actuals:
        return data
    prs = Presentation(io.BytesIO(data))
    count_before = len(prs.slides)
    lang = getattr(options, "lang", "en")
    if base is not None:
        from pmo_insight.domain.diff import diff_against

        add_diff_slides(prs, diff_against(chain, base.document, base.side), lang)
    add_kpi_progress_slides(prs, chain, lang)
    _move_after(prs, count_before, position=min(2, count_before))
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def _move_after(prs: Any, first_new: int, *, position: int) -> None:
    """Move the slides added from index ``first_new`` on to ``position`` (after the opening slides)."""
    ids = prs.slides._sldIdLst  # python-pptx keeps slide order in this element
    added = list(ids)[first_new:]
    for offset, element in enumerate(added):
        ids.remove(element)
        ids.insert(position + offset, element)
