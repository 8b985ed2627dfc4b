"""The workshop's findings as an editable 16:9 PowerPoint deck for an executive meeting.

Every slide is built from shapes, tables and native charts a presenter can edit: the emotion curve
is a real line chart whose data opens in PowerPoint's or LibreOffice's data sheet, not a picture.
Text is measured before it is placed (:mod:`textfit`): long entries end in an ellipsis, lists that
do not fit say how many more there are, and long tables continue on a further slide, so nothing
spills off a slide in either language. Every run declares Noto Sans CJK SC for Latin and East Asian
text, which LibreOffice uses directly and PowerPoint substitutes if it is not installed.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from lxml import etree
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION, XL_MARKER_STYLE, XL_TICK_LABEL_POSITION
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.slide import Slide
from pptx.util import Pt

from pmo_insight.chain import WorkshopChain
from pmo_insight.export.story import CanvasView, ExportOptions, JourneyView, Story, build_story
from pmo_insight.export.textfit import one_line, shorten, text_width, wrap
from pmo_insight.fit import percent
from pmo_insight.models import ItemKind, Quadrant, RefKind
from pmo_insight.refs import Ref
from pmo_insight.traceability import kpi_label

FONT = "Noto Sans CJK SC"
#: Line height as a multiple of the font size, written as exact spacing so every renderer agrees.
LINE = 1.22
SLIDE_W, SLIDE_H = 960, 540  # points: 13.333 x 7.5 in, 16:9
MARGIN = 36
BODY_TOP, BODY_BOTTOM = 104, 500
BODY_W = SLIDE_W - 2 * MARGIN
GAP = 12
PAD_X, PAD_Y = 8, 6
#: Charts label categories by number beyond this many touchpoints (the stage table names them).
NAMED_CATEGORIES_MAX = 12

NAVY, TEAL, INK, GREY = (
    RGBColor(0x1F, 0x3A, 0x5F),
    RGBColor(0x00, 0x83, 0x8F),
    RGBColor(0x26, 0x32, 0x38),
    RGBColor(0x60, 0x7D, 0x8B),
)
WHITE, LIGHT, RULE = RGBColor(0xFF, 0xFF, 0xFF), RGBColor(0xF3, 0xF6, 0xF9), RGBColor(0xCF, 0xD8, 0xDC)
RED, GREEN, AMBER = RGBColor(0xC6, 0x28, 0x28), RGBColor(0x2E, 0x7D, 0x32), RGBColor(0xEF, 0x6C, 0x00)
TINT = {
    "says": RGBColor(0xE3, 0xF2, 0xFD),
    "thinks": RGBColor(0xF3, 0xE5, 0xF5),
    "does": RGBColor(0xE8, 0xF5, 0xE9),
    "feels": RGBColor(0xFF, 0xF8, 0xE1),
    "pains": RGBColor(0xFF, 0xEB, 0xEE),
    "gains": RGBColor(0xE0, 0xF2, 0xF1),
    "quick_win": RGBColor(0xE8, 0xF5, 0xE9),
    "big_bet": RGBColor(0xE3, 0xF2, 0xFD),
    "fill_in": RGBColor(0xF5, 0xF5, 0xF5),
    "money_pit": RGBColor(0xFF, 0xEB, 0xEE),
}
COVERAGE_MARK = {1.0: "●", 0.5: "◐", 0.0: "○"}


# --- text that fits ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Para:
    """One paragraph to place: its text and look, and how many lines it may take at most."""

    text: str
    size: float = 12
    bold: bool = False
    italic: bool = False
    color: RGBColor = INK
    bullet: bool = False
    max_lines: int = 4
    space_after: float = 3
    align: PP_ALIGN = PP_ALIGN.LEFT

    @property
    def line_height(self) -> float:
        return self.size * LINE

    def indent(self) -> float:
        return self.size * 0.9 if self.bullet else 0

    def lines(self, width: float) -> list[str]:
        return shorten(self.text, width - self.indent(), self.size, max_lines=self.max_lines, bold=self.bold)

    def height(self, width: float) -> float:
        return len(self.lines(width)) * self.line_height + self.space_after


def fit(paras: Sequence[Para], width: float, height: float, more: Callable[[int], str] | None = None) -> list[Para]:
    """The paragraphs that fit ``width`` x ``height`` points, each shortened to its line limit.

    When some do not fit, the last one that partly fits is cut with an ellipsis (if it is text that
    may be cut) and a closing line says how many entries were left out.
    """
    out: list[Para] = []
    used = 0.0
    for index, para in enumerate(paras):
        lines = para.lines(width)
        need = len(lines) * para.line_height + para.space_after
        rest = len(paras) - index - 1
        reserve = para.line_height + 1 if rest and more else 0
        if used + need + reserve <= height:
            out.append(replace(para, text=_joined(lines, para.text)))
            used += need
            continue
        room = int((height - used - (para.line_height + 1 if more else 0)) // para.line_height)
        dropped = len(paras) - index
        if room >= 1:
            cut = shorten(para.text, width - para.indent(), para.size, max_lines=room, bold=para.bold)
            out.append(replace(para, text=_joined(cut, para.text), max_lines=room))
            dropped -= 1
        if dropped and more:
            out.append(Para(more(dropped), size=min(para.size, 11), italic=True, color=GREY, max_lines=1))
        break
    return out


def _joined(lines: list[str], original: str) -> str:
    """The text the fitted lines show: the original when nothing was cut, else the shortened text."""
    if not lines or not lines[-1].endswith("…") or original.endswith("…"):
        return original
    text = "".join(_glue(lines[:-1])) + lines[-1]
    return text


def _glue(lines: list[str]) -> list[str]:
    """Rejoin wrapped lines: Latin lines were split at spaces, CJK ones between characters."""
    out = []
    for line in lines:
        out.append(line + (" " if line and line[-1].isascii() and line[-1] != " " else ""))
    return out


# Element names, resolved once: a large deck writes tens of thousands of them.
_P, _PPR, _R, _RPR, _T = qn("a:p"), qn("a:pPr"), qn("a:r"), qn("a:rPr"), qn("a:t")
_LN_SPC, _SPC_BEF, _SPC_AFT, _SPC_PTS = qn("a:lnSpc"), qn("a:spcBef"), qn("a:spcAft"), qn("a:spcPts")
_BU_FONT, _BU_CHAR, _SOLID_FILL, _SRGB = qn("a:buFont"), qn("a:buChar"), qn("a:solidFill"), qn("a:srgbClr")
_FONT_TAGS = (qn("a:latin"), qn("a:ea"), qn("a:cs"))
_AUTOFIT_TAGS = (qn("a:noAutofit"), qn("a:normAutofit"), qn("a:spAutoFit"))
_NORM_AUTOFIT = qn("a:normAutofit")
_ANCHORS = {MSO_ANCHOR.TOP: "t", MSO_ANCHOR.MIDDLE: "ctr", MSO_ANCHOR.BOTTOM: "b"}
_ALIGNS = {PP_ALIGN.LEFT: "l", PP_ALIGN.CENTER: "ctr", PP_ALIGN.RIGHT: "r"}
#: Characters XML cannot hold (and line breaks, which the fitted text no longer relies on).
_UNWRITABLE = re.compile("[\x00-\x08\x0a-\x1f\ufffe\uffff]")


def _emu(points: float) -> str:
    return str(int(round(points * 12700)))


def write(frame, paras: Sequence[Para], *, anchor: MSO_ANCHOR = MSO_ANCHOR.TOP, pad_y: float = PAD_Y) -> None:
    """Put already fitted paragraphs into a text frame, fonts declared for Latin and East Asian text.

    Written as plain XML elements rather than through python-pptx's paragraph objects, which made
    a deck of a thousand touchpoints take twenty seconds instead of a few.
    """
    body = frame._txBody
    props = body.bodyPr
    for name, value in (
        ("wrap", "square"),
        ("lIns", _emu(PAD_X)),
        ("rIns", _emu(PAD_X)),
        ("tIns", _emu(pad_y)),
        ("bIns", _emu(pad_y)),
        ("anchor", _ANCHORS[anchor]),
    ):
        props.set(name, value)
    for child in [c for c in props if c.tag in _AUTOFIT_TAGS]:
        props.remove(child)
    # A safety net only: the text was measured to fit, so renderers that honour it change nothing.
    etree.SubElement(props, _NORM_AUTOFIT)
    for old in body.findall(_P):
        body.remove(old)
    for para in paras or [Para("")]:
        p = etree.SubElement(body, _P)
        pPr = etree.SubElement(p, _PPR, algn=_ALIGNS[para.align])
        for tag, points in ((_LN_SPC, para.line_height), (_SPC_BEF, 0), (_SPC_AFT, para.space_after)):
            etree.SubElement(etree.SubElement(pPr, tag), _SPC_PTS, val=str(int(round(points * 100))))
        if para.bullet:
            indent = int(Pt(para.indent()))
            pPr.set("marL", str(indent))
            pPr.set("indent", str(-indent))
            etree.SubElement(pPr, _BU_FONT, typeface=FONT)
            etree.SubElement(pPr, _BU_CHAR, char="•")
        run = etree.SubElement(p, _R)
        rPr = etree.SubElement(
            run,
            _RPR,
            sz=str(int(round(para.size * 100))),
            b="1" if para.bold else "0",
            i="1" if para.italic else "0",
            dirty="0",
        )
        etree.SubElement(etree.SubElement(rPr, _SOLID_FILL), _SRGB, val=str(para.color))
        for tag in _FONT_TAGS:
            etree.SubElement(rPr, tag, typeface=FONT)
        etree.SubElement(run, _T).text = _UNWRITABLE.sub(" ", para.text)


# --- the deck -------------------------------------------------------------------------------


class Deck:
    """A presentation under construction, with the slide furniture every slide shares."""

    def __init__(self, story: Story) -> None:
        self.story = story
        self.tr = story.tr
        self.prs = Presentation()
        self.prs.slide_width, self.prs.slide_height = Pt(SLIDE_W), Pt(SLIDE_H)
        self.prs.core_properties.title = story.workshop.title
        self.prs.core_properties.language = "zh-CN" if story.lang == "zh" else "en-US"

    def more(self, count: int) -> str:
        return self.tr("export.deck.more", count=count)

    # --- primitives -----------------------------------------------------------------------------

    def slide(self, title: str, subtitle: str = "", *, suffix: str = "") -> Slide:
        """A content slide; a long title is cut, but never its ``suffix`` (such as "(continued)")."""
        slide = self.prs.slides.add_slide(self.prs.slide_layouts[5])
        title_shape = slide.shapes.title
        title_shape.left, title_shape.top = Pt(MARGIN), Pt(24)
        title_shape.width, title_shape.height = Pt(BODY_W), Pt(44)
        room = BODY_W - 2 * PAD_X - text_width(suffix, 26, bold=True)
        heading = one_line(title, room, 26, bold=True) + suffix
        write(title_shape.text_frame, [Para(heading, 26, True, color=NAVY, max_lines=1, space_after=0)])
        title_shape.text_frame.vertical_anchor = MSO_ANCHOR.MIDDLE
        if subtitle:
            self.label(slide, MARGIN, 66, BODY_W, subtitle, 13)
        bar = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Pt(MARGIN), Pt(94), Pt(72), Pt(3))
        self._plain(bar, TEAL)
        return slide

    def _plain(self, shape, fill: RGBColor | None, line: RGBColor | None = None) -> None:
        """No theme style (no shadow, no theme colours): exactly the fill and line asked for."""
        style = shape._element.find(qn("p:style"))
        if style is not None:
            shape._element.remove(style)
        if fill is None:
            shape.fill.background()
        else:
            shape.fill.solid()
            shape.fill.fore_color.rgb = fill
        if line is None:
            shape.line.fill.background()
        else:
            shape.line.color.rgb = line
            shape.line.width = Pt(0.75)

    def label(self, slide: Slide, x, y, w, text: str, size: float, *, bold=False, color=GREY, align=PP_ALIGN.LEFT):
        """One line of text, cut with an ellipsis if it is too long; the box is exactly one line high."""
        para = Para(one_line(text, w - 2 * PAD_X, size, bold=bold), size, bold, color=color, align=align, space_after=0)
        box = slide.shapes.add_textbox(Pt(x), Pt(y), Pt(w), Pt(para.line_height + 4))
        write(box.text_frame, [para], pad_y=0)
        return box

    def text(self, slide: Slide, x, y, w, h, paras: Sequence[Para], *, more: bool = True, **kw) -> None:
        box = slide.shapes.add_textbox(Pt(x), Pt(y), Pt(w), Pt(h))
        fitted = fit(paras, w - 2 * PAD_X, h - 2 * PAD_Y - 2, self.more if more else None)
        write(box.text_frame, fitted, **kw)

    def panel(self, slide: Slide, x, y, w, h, heading: str, paras: Sequence[Para], *, fill=LIGHT, accent=NAVY):
        """A tinted box with a heading and a list that fits it, the unit most slides are made of."""
        shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Pt(x), Pt(y), Pt(w), Pt(h))
        self._plain(shape, fill)
        head = Para(heading, 13, bold=True, color=accent, max_lines=1, space_after=4)
        width, height = w - 2 * PAD_X, h - 2 * PAD_Y - 2
        body = fit(paras, width, height - head.height(width), self.more)
        write(shape.text_frame, [replace(head, text=one_line(heading, width, 13, bold=True)), *body])
        return shape

    def table(self, slide: Slide, x, y, widths: Sequence[float], header: Sequence[str], rows: Sequence[Sequence[str]]):
        shape = slide.shapes.add_table(len(rows) + 1, len(widths), Pt(x), Pt(y), Pt(sum(widths)), Pt(40))
        table = shape.table
        table.horz_banding = False
        for col, width in enumerate(widths):
            table.columns[col].width = Pt(width)
        total = 0.0
        for r, values in enumerate([header, *rows]):
            is_head = r == 0
            lines = 1
            fill = str(NAVY if is_head else (WHITE if r % 2 else LIGHT))
            for c, value in enumerate(values):
                cell = table.cell(r, c)
                para = Para(value, 11 if is_head else TABLE_SIZE, bold=is_head, color=WHITE if is_head else INK)
                para = replace(para, max_lines=TABLE_MAX_LINES, space_after=0)
                shown = para.lines(widths[c] - 2 * CELL_PAD)
                lines = max(lines, len(shown))
                write(cell.text_frame, [replace(para, text=_joined(shown, value))])
                tcPr = cell._tc.get_or_add_tcPr()
                for name, points in (
                    ("marL", CELL_PAD),
                    ("marR", CELL_PAD),
                    ("marT", CELL_PAD_Y),
                    ("marB", CELL_PAD_Y),
                ):
                    tcPr.set(name, _emu(points))
                etree.SubElement(etree.SubElement(tcPr, _SOLID_FILL), _SRGB, val=fill)
            height = row_height(lines, 11 if is_head else TABLE_SIZE)
            table._tbl.tr_lst[r].set("h", _emu(height))  # not rows[r].height: that resizes the frame each time
            total += height
        shape.height = Pt(total)
        return shape

    def paged_table(
        self, title: str, subtitle: str, widths: Sequence[float], header: Sequence[str], rows: Sequence[Sequence[str]]
    ) -> None:
        """A table over as many slides as it needs, the header repeated, "(continued)" in the title."""
        for page, chunk in enumerate(paginate(rows, widths, BODY_BOTTOM - BODY_TOP) or [[]]):
            suffix = f" {self.tr('export.deck.continued')}" if page else ""
            slide = self.slide(title, subtitle, suffix=suffix)
            if chunk:
                self.table(slide, MARGIN, BODY_TOP, widths, header, chunk)
            else:
                self.text(slide, MARGIN, BODY_TOP, BODY_W, 40, [Para(self.tr("export.empty"), 14, color=GREY)])

    # --- slides ---------------------------------------------------------------------------------

    def title_slide(self) -> None:
        ws, tr = self.story.workshop, self.tr
        slide = self.prs.slides.add_slide(self.prs.slide_layouts[5])
        background = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, Pt(SLIDE_W), Pt(SLIDE_H))
        self._plain(background, NAVY)
        slide.shapes._spTree.remove(background._element)
        slide.shapes._spTree.insert(2, background._element)
        band = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Pt(MARGIN + 20), Pt(230), Pt(96), Pt(5))
        self._plain(band, TEAL)
        title = slide.shapes.title
        title.left, title.top, title.width, title.height = Pt(MARGIN + 12), Pt(90), Pt(BODY_W - 24), Pt(136)
        width = BODY_W - 24 - 2 * PAD_X
        write(title.text_frame, fit([Para(ws.title, 36, bold=True, color=WHITE, max_lines=2)], width, 120))
        title.text_frame.vertical_anchor = MSO_ANCHOR.BOTTOM
        meta = [x for x in (ws.organisation, _date(ws.held_on)) if x]
        details = [Para(" · ".join(meta), 20, color=WHITE, max_lines=1, space_after=8)] if meta else []
        if ws.facilitator:
            details.append(Para(tr("export.facilitator", name=ws.facilitator), 15, color=RULE, max_lines=1))
        if ws.goal:
            details.append(Para(ws.goal, 14, italic=True, color=RULE, max_lines=3, space_after=8))
        self.text(slide, MARGIN + 12, 246, BODY_W - 24, 150, details, more=False)
        people = [f"{p.name} ({p.department})" if p.department else p.name for p in self.story.chain.participants]
        if people:
            label = tr("export.participants", count=len(people))
            paras = [Para(label, 12, bold=True, color=TEAL, max_lines=1), Para(" · ".join(people), 12, color=WHITE)]
            self.text(slide, MARGIN + 12, 404, BODY_W - 24, 90, paras, more=False)

    def summary_slide(self) -> None:
        story, tr = self.story, self.tr
        slide = self.slide(tr("export.summary.title"), story.workshop.title)
        w, h = (BODY_W - GAP) / 2, (BODY_BOTTOM - BODY_TOP - GAP) / 2
        left, right, top, low = MARGIN, MARGIN + w + GAP, BODY_TOP, BODY_TOP + h + GAP
        pains = [Para(_pain_line(kp.touchpoint, kp.journey), 12, bullet=True, max_lines=2) for kp in story.key_pains]
        self.panel(slide, left, top, w, h, tr("export.summary.key_pains"), pains or [_none(tr)], accent=RED)
        statements = [
            Para(f"{view.canvas.title}: {view.statement}", 12, italic=True, max_lines=5) for view in story.canvases
        ]
        self.panel(slide, right, top, w, h, tr("export.summary.value"), statements or [_none(tr)], accent=TEAL)
        kpis = [Para(_kpi_line(k), 12, bullet=True, max_lines=2) for view in story.canvases for k in view.kpis]
        self.panel(slide, left, low, w, h, tr("export.summary.kpis"), kpis or [_none(tr)], accent=NAVY)
        self.panel(slide, right, low, w, h, tr("export.summary.fit_health"), self._fit_health(), accent=NAVY)

    def _fit_health(self) -> list[Para]:
        story, tr = self.story, self.tr
        paras = [
            Para(tr("export.fit.line", canvas=view.canvas.title, **_fit_params(view)), 12, bullet=True, max_lines=2)
            for view in story.canvases
        ]
        passed = sum(r.ok for r in story.health)
        paras.append(Para(tr("health.title", passed=passed, total=len(story.health)), 12, bold=True, max_lines=1))
        for result in story.health:
            if not result.ok:
                paras.append(
                    Para(
                        tr(f"health.{result.check}", count=len(result.faults)),
                        11,
                        bullet=True,
                        color=AMBER,
                        max_lines=1,
                    )
                )
        return paras

    def persona_slide(self, persona) -> None:
        tr = self.tr
        kind = tr(f"export.stakeholder.{persona.stakeholder_type}")
        slide = self.slide(
            tr("export.persona.title", name=persona.name), " · ".join(x for x in (persona.role, kind) if x)
        )
        card_w = 300
        paras = [
            Para(persona.name, 20, bold=True, color=NAVY, max_lines=2),
            Para(persona.role, 13, color=GREY, max_lines=2, space_after=6),
            Para(tr("export.persona.influence", dots=_dots(persona.influence)), 12, max_lines=1, space_after=0),
            Para(tr("export.persona.interest", dots=_dots(persona.interest)), 12, max_lines=1, space_after=8),
        ]
        if persona.quote:
            paras.append(
                Para(tr("export.quote", text=persona.quote), 13, italic=True, color=TEAL, max_lines=5, space_after=8)
            )
        if persona.background:
            paras.append(Para(persona.background, 11, color=INK, max_lines=12))
        card = slide.shapes.add_shape(
            MSO_SHAPE.RECTANGLE, Pt(MARGIN), Pt(BODY_TOP), Pt(card_w), Pt(BODY_BOTTOM - BODY_TOP)
        )
        self._plain(card, LIGHT)
        write(card.text_frame, fit(paras, card_w - 2 * PAD_X, BODY_BOTTOM - BODY_TOP - 2 * PAD_Y - 2))
        x0 = MARGIN + card_w + GAP
        w = (SLIDE_W - MARGIN - x0 - GAP) / 2
        h = (BODY_BOTTOM - BODY_TOP - 2 * GAP) / 3
        evidence = self._evidence_of(Ref(RefKind.PERSONA, persona.id))
        lists = [
            ("field.goals", persona.goals, NAVY),
            ("field.needs", persona.needs, NAVY),
            ("field.pain_points", persona.pain_points, RED),
            ("field.motivations", persona.motivations, GREEN),
            ("field.behaviours", persona.behaviours, NAVY),
            ("export.persona.evidence", evidence, GREY),
        ]
        for index, (key, values, accent) in enumerate(lists):
            x, y = x0 + (index % 2) * (w + GAP), BODY_TOP + (index // 2) * (h + GAP)
            items = [Para(v, 11, bullet=True, max_lines=2, space_after=2) for v in values]
            heading = tr(key)
            if key == "export.persona.evidence" and not values:
                items = [Para(tr("export.persona.assumption"), 11, italic=True, color=AMBER)]
            self.panel(slide, x, y, w, h, heading, items or [_none(tr)], accent=accent)

    def _evidence_of(self, ref: Ref) -> list[str]:
        chain = self.story.chain
        ids = {link.evidence_id for link in chain.evidence_links if Ref(link.target_type, link.target_id) == ref}
        return [f"{e.source} (n={e.sample_size})" if e.sample_size else e.source for e in chain.evidence if e.id in ids]

    def empathy_slide(self, view) -> None:
        tr = self.tr
        slide = self.slide(tr("export.empathy.title", name=view.persona.name), view.map.scenario)
        board_w = 600
        w, h = (board_w - GAP) / 2, (BODY_BOTTOM - BODY_TOP - GAP) / 2
        for index, quadrant in enumerate((Quadrant.SAYS, Quadrant.THINKS, Quadrant.DOES, Quadrant.FEELS)):
            x, y = MARGIN + (index % 2) * (w + GAP), BODY_TOP + (index // 2) * (h + GAP)
            self.panel(
                slide, x, y, w, h, tr(f"export.quadrant.{quadrant}"), self._notes(view, quadrant), fill=TINT[quadrant]
            )
        x = MARGIN + board_w + GAP
        side_w = SLIDE_W - MARGIN - x
        for index, quadrant in enumerate((Quadrant.PAINS, Quadrant.GAINS)):
            y = BODY_TOP + index * (h + GAP)
            accent = RED if quadrant == Quadrant.PAINS else GREEN
            notes = self._notes(view, quadrant)
            self.panel(
                slide, x, y, side_w, h, tr(f"export.quadrant.{quadrant}"), notes, fill=TINT[quadrant], accent=accent
            )

    def _notes(self, view, quadrant) -> list[Para]:
        notes = view.notes.get(quadrant, [])
        if not notes:
            return [_none(self.tr)]
        return [Para(_votes(n.text, n.votes), 11, bullet=True, max_lines=3, space_after=2) for n in notes]

    def journey_slides(self, view: JourneyView) -> None:
        tr = self.tr
        title = tr("export.journey.title", scenario=view.journey.scenario)
        subtitle = tr("export.journey.subtitle", name=view.persona.name, count=len(view.touchpoints))
        slide = self.slide(title, subtitle)
        chart_w = 620
        if view.touchpoints:
            self.emotion_chart(slide, view, MARGIN, BODY_TOP, chart_w, BODY_BOTTOM - BODY_TOP)
        else:
            self.text(slide, MARGIN, BODY_TOP, chart_w, 40, [Para(tr("export.empty"), 14, color=GREY)])
        x = MARGIN + chart_w + GAP
        breaks = [Para(_pain_line(tp, view), 11, bullet=True, max_lines=6) for tp in view.breaks]
        heading = tr("export.journey.breaks", count=len(view.breaks))
        self.panel(
            slide,
            x,
            BODY_TOP,
            SLIDE_W - MARGIN - x,
            BODY_BOTTOM - BODY_TOP,
            heading,
            breaks or [_none(tr)],
            fill=TINT["pains"],
            accent=RED,
        )
        widths = (34, 110, 150, 88, 226, 72, 208)
        header = [
            "#",
            tr("export.col.stage"),
            tr("export.col.touchpoint"),
            tr("field.channel"),
            tr("field.pain_point"),
            tr("export.col.emotion"),
            tr("field.opportunity"),
        ]
        rows = []
        previous = None
        for number, tp in enumerate(view.touchpoints, start=1):
            stage = view.stage_name(tp)
            rows.append(
                [
                    str(number),
                    stage if stage != previous else "",
                    ("★ " if tp.is_key_pain else "") + tp.name,
                    tp.channel,
                    tp.pain_point,
                    _emotion(tp.emotion_now, tp.emotion_target),
                    tp.opportunity,
                ]
            )
            previous = stage
        self.paged_table(
            tr("export.journey.stages_title", scenario=view.journey.scenario), subtitle, widths, header, rows
        )

    def emotion_chart(self, slide: Slide, view: JourneyView, x, y, w, h) -> None:
        """A native line chart: as-is and to-be emotion per touchpoint, editable as data."""
        tr = self.tr
        data = CategoryChartData()
        count = len(view.touchpoints)
        if count <= NAMED_CATEGORIES_MAX:
            label_w = max(40.0, (w - 60) / count - 6)
            data.categories = ["\n".join(shorten(tp.name, label_w, 9, max_lines=2)) for tp in view.touchpoints]
        else:
            data.categories = [str(n) for n in range(1, count + 1)]
        data.add_series(tr("export.journey.as_is"), [tp.emotion_now for tp in view.touchpoints])
        data.add_series(tr("export.journey.to_be"), [tp.emotion_target for tp in view.touchpoints])
        frame = slide.shapes.add_chart(XL_CHART_TYPE.LINE_MARKERS, Pt(x), Pt(y), Pt(w), Pt(h), data)
        chart = frame.chart
        chart.has_title = False
        chart.has_legend = True
        chart.legend.position = XL_LEGEND_POSITION.TOP
        chart.legend.include_in_layout = False
        chart.font.size = Pt(10)
        value_axis = chart.value_axis
        value_axis.minimum_scale, value_axis.maximum_scale, value_axis.major_unit = -3, 3, 1
        value_axis.has_major_gridlines = True
        value_axis.major_gridlines.format.line.color.rgb = RULE
        value_axis.tick_labels.number_format = "+0;-0;0"
        value_axis.tick_labels.number_format_is_linked = False
        category_axis = chart.category_axis
        category_axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW
        category_axis.format.line.color.rgb = GREY
        category_axis.tick_labels.font.size = Pt(9)
        for series, color, dash, marker in (
            (chart.plots[0].series[0], RED, None, XL_MARKER_STYLE.CIRCLE),
            (chart.plots[0].series[1], TEAL, MSO_LINE_DASH_STYLE.DASH, XL_MARKER_STYLE.DIAMOND),
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
        _chart_font(chart)

    def quick_wins_slide(self) -> None:
        tr, story = self.tr, self.story
        slide = self.slide(tr("export.quick_wins.title"), tr("export.quick_wins.subtitle"))
        axis_w = 28
        x0 = MARGIN + axis_w
        w = (SLIDE_W - MARGIN - x0 - GAP) / 2
        h = (BODY_BOTTOM - 22 - BODY_TOP - GAP) / 2
        layout = (("quick_win", 0, 0), ("big_bet", 1, 0), ("fill_in", 0, 1), ("money_pit", 1, 1))
        for quadrant, col, row in layout:
            entries = [
                Para(_opportunity_line(tp, tr), 11, bullet=True, max_lines=2, space_after=2)
                for tp, q, _view in story.opportunities
                if q == quadrant
            ]
            heading = f"{tr(f'export.opportunity.{quadrant}')} ({len(entries)})"
            accent = {"quick_win": GREEN, "big_bet": NAVY, "fill_in": GREY, "money_pit": RED}[quadrant]
            x, y = x0 + col * (w + GAP), BODY_TOP + row * (h + GAP)
            self.panel(slide, x, y, w, h, heading, entries or [_none(tr)], fill=TINT[quadrant], accent=accent)
        impact = slide.shapes.add_textbox(Pt(MARGIN - 4), Pt(BODY_TOP), Pt(axis_w), Pt(2 * h + GAP))
        para = Para(tr("export.quick_wins.impact"), 11, bold=True, color=GREY, max_lines=1, align=PP_ALIGN.CENTER)
        write(impact.text_frame, [para], anchor=MSO_ANCHOR.MIDDLE)
        impact.text_frame._txBody.bodyPr.set("vert", "vert270")
        effort = tr("export.quick_wins.effort")
        self.label(slide, x0, BODY_BOTTOM - 18, 2 * w + GAP, effort, 11, bold=True, align=PP_ALIGN.CENTER)

    def canvas_slide(self, view: CanvasView) -> None:
        tr = self.tr
        slide = self.slide(tr("export.canvas.title", title=view.canvas.title), view.persona.name)
        half = (BODY_W - GAP) / 2
        band_h = 78
        h = BODY_BOTTOM - BODY_TOP - band_h - GAP
        column_w, wide_w = 150, half - 150 - 8
        inner_h = (h - 8) / 2

        def items(kind: ItemKind, marks: bool = False) -> list[Para]:
            ranked = sorted(view.items[kind], key=lambda i: (-i.rank, i.position, i.id))
            paras = [
                Para(
                    f"{COVERAGE_MARK[view.coverage.get(i.id, 0.0)]} {i.text}" if marks else i.text,
                    11,
                    bullet=not marks,
                    max_lines=3 if kind in (ItemKind.PRODUCT, ItemKind.JOB) else 2,
                    space_after=2,
                )
                for i in ranked
            ]
            return paras or [_none(tr)]

        def area(x, y, w, hh, kind: ItemKind, fill, accent, marks=False):
            self.panel(slide, x, y, w, hh, tr(f"export.kind.{kind}"), items(kind, marks), fill=fill, accent=accent)

        # The value map (left) and the customer profile (right), laid out as on the canvas itself.
        left, right = MARGIN, MARGIN + half + GAP
        self.label(slide, left, BODY_TOP, half, tr("export.canvas.value_map"), 10, bold=True)
        area(left, BODY_TOP + 18, column_w, h - 18, ItemKind.PRODUCT, LIGHT, NAVY)
        area(left + column_w + 8, BODY_TOP + 18, wide_w, inner_h - 9, ItemKind.CREATOR, TINT["gains"], GREEN)
        area(left + column_w + 8, BODY_TOP + inner_h + 17, wide_w, inner_h - 9, ItemKind.RELIEVER, TINT["says"], TEAL)
        self.label(slide, right, BODY_TOP, half, tr("export.canvas.profile"), 10, bold=True)
        area(right, BODY_TOP + 18, wide_w, inner_h - 9, ItemKind.GAIN, TINT["gains"], GREEN, marks=True)
        area(right, BODY_TOP + inner_h + 17, wide_w, inner_h - 9, ItemKind.PAIN, TINT["pains"], RED, marks=True)
        area(right + wide_w + 8, BODY_TOP + 18, column_w, h - 18, ItemKind.JOB, LIGHT, NAVY)
        band_y = BODY_BOTTOM - band_h
        fit_line = tr("export.fit.band", **_fit_params(view))
        uncovered = [p.text for p in view.fit.uncovered_pains]
        paras = [
            Para(fit_line, 14, bold=True, color=NAVY, max_lines=1),
            Para(tr("export.fit.legend"), 10, color=GREY, max_lines=1),
            Para(
                tr("export.fit.uncovered", items="; ".join(uncovered)) if uncovered else tr("export.fit.all_covered"),
                11,
                color=RED if uncovered else GREEN,
                max_lines=2,
            ),
        ]
        shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Pt(MARGIN), Pt(band_y), Pt(BODY_W), Pt(band_h))
        self._plain(shape, WHITE, RULE)
        write(shape.text_frame, fit(paras, BODY_W - 2 * PAD_X, band_h - 2 * PAD_Y - 2))

    def trace_slides(self) -> None:
        tr, chain = self.tr, self.story.chain
        widths = (210, 270, 190, 140, 78)
        header = [
            tr("export.col.pain"),
            tr("export.col.sources"),
            tr("export.col.relievers"),
            tr("export.col.kpis"),
            tr("export.col.gaps"),
        ]
        rows = []
        for row in self.story.trace:
            sources = "; ".join(chain.label(ref) for ref in row.sources if ref.kind != RefKind.PERSONA)
            relievers = "; ".join(
                item.text + (" (½)" if strength == "partial" else "") for item, strength in row.relievers
            )
            gaps = ", ".join(tr(f"export.gap.{gap}") for gap in row.gaps) or "✓"
            rows.append([row.pain.text, sources, relievers, "; ".join(kpi_label(k) for k in row.kpis), gaps])
        self.paged_table(tr("export.trace.title"), tr("export.trace.subtitle"), widths, header, rows)

    def next_steps_slide(self) -> None:
        tr = self.tr
        slide = self.slide(tr("export.next.title"), self.story.workshop.title)
        steps = [
            Para(f"{n}. {text}", 15, max_lines=2, space_after=8) for n, text in enumerate(self.story.next_steps, 1)
        ]
        self.panel(slide, MARGIN, BODY_TOP, BODY_W, BODY_BOTTOM - BODY_TOP, tr("export.next.heading"), steps)

    def footers(self) -> None:
        total = len(self.prs.slides)
        label = " · ".join(x for x in (self.story.workshop.title, self.story.workshop.organisation) if x)
        for number, slide in enumerate(self.prs.slides, start=1):
            if number == 1:
                continue
            self.label(slide, MARGIN, SLIDE_H - 28, BODY_W - 80, label, 9)
            self.label(slide, SLIDE_W - MARGIN - 80, SLIDE_H - 28, 80, f"{number} / {total}", 9, align=PP_ALIGN.RIGHT)

    def build(self) -> bytes:
        story = self.story
        self.title_slide()
        self.summary_slide()
        for persona in story.personas:
            self.persona_slide(persona)
        for view in story.empathy:
            self.empathy_slide(view)
        for view in story.journeys:
            self.journey_slides(view)
        if story.journeys:
            self.quick_wins_slide()
        for view in story.canvases:
            self.canvas_slide(view)
        if story.canvases:
            self.trace_slides()
        self.next_steps_slide()
        self.footers()
        out = io.BytesIO()
        self.prs.save(out)
        return out.getvalue()


# --- tables across slides -------------------------------------------------------------------

TABLE_SIZE = 10
TABLE_MAX_LINES = 3
CELL_PAD, CELL_PAD_Y = 5, 3


def row_height(lines: int, size: float) -> float:
    return lines * size * LINE + 2 * CELL_PAD_Y + 2


def paginate(rows: Sequence[Sequence[str]], widths: Sequence[float], height: float) -> list[list[Sequence[str]]]:
    """Rows split into pages whose measured heights (header included) fit ``height`` points."""
    header = row_height(1, 11)
    pages: list[list[Sequence[str]]] = []
    page: list[Sequence[str]] = []
    used = header
    for row in rows:
        lines = max(
            min(len(wrap(value, w - 2 * CELL_PAD, TABLE_SIZE)), TABLE_MAX_LINES)
            for value, w in zip(row, widths, strict=True)
        )
        need = row_height(max(lines, 1), TABLE_SIZE)
        if page and used + need > height:
            pages.append(page)
            page, used = [], header
        page.append(row)
        used += need
    if page:
        pages.append(page)
    return pages


# --- small formatting helpers ---------------------------------------------------------------


def _chart_font(chart) -> None:
    """Declare the CJK font on all of the chart's text (axis labels, legend) for both scripts."""
    chart.font.name = FONT
    for rPr in chart._chartSpace.iter(qn("a:defRPr")):
        for tag in ("a:latin", "a:ea"):
            for old in rPr.findall(qn(tag)):
                rPr.remove(old)
        latin = etree.SubElement(rPr, qn("a:latin"))
        latin.set("typeface", FONT)
        latin.addnext(etree.Element(qn("a:ea"), typeface=FONT))


def _none(tr) -> Para:
    return Para(tr("export.none"), 11, italic=True, color=GREY, max_lines=1)


def _date(value) -> str:
    return value.isoformat() if value else ""


def _dots(value: int) -> str:
    return "●" * value + "○" * (5 - value)


def _votes(text: str, votes: int) -> str:
    return f"{text} (▲{votes})" if votes else text


def _signed(value: int | None) -> str:
    return "—" if value is None else f"{value:+d}" if value else "0"


def _emotion(now: int, target: int | None) -> str:
    return f"{_signed(now)} → {_signed(target)}" if target is not None else _signed(now)


def _pain_line(tp, view: JourneyView) -> str:
    stage = view.stage_name(tp)
    what = tp.pain_point or tp.name
    return f"{stage} · {tp.name} ({_signed(tp.emotion_now)}): {what}" if tp.pain_point else f"{stage} · {what}"


def _kpi_line(kpi) -> str:
    due = f" ({kpi.due_on.isoformat()})" if kpi.due_on else ""
    return kpi_label(kpi) + due


def _opportunity_line(tp, tr) -> str:
    owner = f" — {tp.owner}" if tp.owner else ""
    return f"{tp.opportunity}{owner} ({tr('export.quick_wins.scores', impact=tp.impact, effort=tp.effort)})"


def _fit_params(view: CanvasView) -> dict[str, str]:
    return {"overall": percent(view.fit.overall), "pains": percent(view.fit.pains), "gains": percent(view.fit.gains)}


def export_pptx(chain: WorkshopChain, options: ExportOptions) -> bytes:
    """The deck for ``chain`` as .pptx bytes."""
    from pmo_insight.export.deck_diff import add_iteration_slides  # KPI progress; "what changed"

    return add_iteration_slides(Deck(build_story(chain, options)).build(), chain, options)
