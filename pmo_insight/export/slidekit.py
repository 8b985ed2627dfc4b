"""The deck's building blocks: measured paragraphs, text written as XML, text flowed over columns and
slides, and tables paginated by measured row heights.

Nothing here is cut short. A paragraph that does not fit where it is placed moves to the next
column or slide, or is split at a line break the renderer would also make; a table continues on
further slides with its header repeated, rows balanced so no continuation holds a single row.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from xml.sax.saxutils import escape

from lxml import etree
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import nsdecls, qn

from pmo_insight.export.textfit import cjk_spacing, line_count, split_at_line

FONT = "Noto Sans CJK SC"
#: Line height as a multiple of the font size, written as exact spacing so every renderer agrees.
LINE = 1.22
PAD_X, PAD_Y = 8, 6
#: Smallest type anywhere on a slide, and in tables.
BODY_MIN, TABLE_MIN = 14, 12

NAVY, TEAL, INK, GREY = (
    RGBColor(0x1F, 0x3A, 0x5F),
    RGBColor(0x00, 0x83, 0x8F),
    RGBColor(0x26, 0x32, 0x38),
    RGBColor(0x54, 0x6E, 0x7A),
)
WHITE, LIGHT, RULE = RGBColor(0xFF, 0xFF, 0xFF), RGBColor(0xF3, 0xF6, 0xF9), RGBColor(0xCF, 0xD8, 0xDC)
RED, GREEN, AMBER = RGBColor(0xC6, 0x28, 0x28), RGBColor(0x2E, 0x7D, 0x32), RGBColor(0xB2, 0x4A, 0x00)


# --- slide geometry (points) ----------------------------------------------------------------

SLIDE_W, SLIDE_H = 960, 540  # points: 13.333 x 7.5 in, 16:9
MARGIN = 36
BODY_W = SLIDE_W - 2 * MARGIN
#: Where slide content ends; the page number sits below.
BODY_BOTTOM = 498
GAP = 14
#: Title sizes tried in turn: the largest that takes at most two lines wins.
TITLE_SIZES = (28, 24, 20)
SUBTITLE_SIZE = 16
TITLE_TOP = 20
COLUMN_GAP = 20


def columns(count: int, x: float = MARGIN, width: float = BODY_W) -> list[tuple[float, float]]:
    w = (width - (count - 1) * COLUMN_GAP) / count
    return [(x + i * (w + COLUMN_GAP), w) for i in range(count)]


Rect = tuple[float, float, float, float]  # x, y, width, height in points


@dataclass(frozen=True)
class Para:
    """One paragraph to place: its text and look; ``keep`` keeps it with the next (a heading)."""

    text: str
    size: float = BODY_MIN
    bold: bool = False
    italic: bool = False
    color: RGBColor = INK
    bullet: bool = False
    space_after: float = 4
    align: PP_ALIGN = PP_ALIGN.LEFT
    keep: bool = False
    #: Indented like a bullet but without the mark: the rest of a bullet split over two columns.
    hanging: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", cjk_spacing(self.text))

    @property
    def line_height(self) -> float:
        return self.size * LINE

    def indent(self) -> float:
        return self.size * 1.0 if self.bullet or self.hanging else 0

    def lines(self, width: float) -> int:
        return line_count(self.text, width - self.indent(), self.size, bold=self.bold)

    def height(self, width: float) -> float:
        return self.lines(width) * self.line_height + self.space_after

    def split(self, width: float, lines: int) -> tuple[Para, Para | None]:
        """The first ``lines`` lines of this paragraph, and the rest (None when it all fits)."""
        head, rest = split_at_line(self.text, width - self.indent(), self.size, lines, bold=self.bold)
        if not rest:
            return self, None
        return replace(self, text=head, space_after=0), replace(self, text=rest, bullet=False, hanging=self.bullet)


def height_of(paras: Sequence[Para], width: float) -> float:
    return sum(p.height(width) for p in paras)


# --- writing text ---------------------------------------------------------------------------

_ANCHORS = {MSO_ANCHOR.TOP: "t", MSO_ANCHOR.MIDDLE: "ctr", MSO_ANCHOR.BOTTOM: "b"}
_ALIGNS = {PP_ALIGN.LEFT: "l", PP_ALIGN.CENTER: "ctr", PP_ALIGN.RIGHT: "r"}
#: Characters XML cannot hold; line breaks inside a paragraph become spaces.
_UNWRITABLE = re.compile("[\x00-\x08\x0a-\x1f\ufffe\uffff]")
_P, _BODY_PR = qn("a:p"), qn("a:bodyPr")
_FONTS = f'<a:latin typeface="{FONT}"/><a:ea typeface="{FONT}"/><a:cs typeface="{FONT}"/>'


def emu(points: float) -> int:
    return int(round(points * 12700))


def para_xml(para: Para) -> str:
    """One paragraph as DrawingML: exact line spacing, the fonts for both scripts, one run."""
    attrs = f'algn="{_ALIGNS[para.align]}"'
    bullet = ""
    if para.bullet or para.hanging:
        indent = emu(para.indent())
        attrs += f' marL="{indent}" indent="{-indent if para.bullet else 0}"'
        bullet = f'<a:buFont typeface="{FONT}"/><a:buChar char="•"/>' if para.bullet else "<a:buNone/>"
    spacing = (
        f'<a:lnSpc><a:spcPts val="{round(para.line_height * 100)}"/></a:lnSpc>'
        '<a:spcBef><a:spcPts val="0"/></a:spcBef>'
        f'<a:spcAft><a:spcPts val="{round(para.space_after * 100)}"/></a:spcAft>'
    )
    text = escape(_UNWRITABLE.sub(" ", para.text))
    end = f'<a:endParaRPr sz="{round(para.size * 100)}" dirty="0"/>'
    if not text:  # an empty paragraph (an empty table cell): no run, only its size, so rows stay even
        return f"<a:p><a:pPr {attrs}>{spacing}{bullet}</a:pPr>{end}</a:p>"
    return (
        f"<a:p><a:pPr {attrs}>{spacing}{bullet}</a:pPr><a:r>"
        f'<a:rPr lang="{_lang(para.text)}" sz="{round(para.size * 100)}"'
        f' b="{int(para.bold)}" i="{int(para.italic)}" dirty="0">'
        f'<a:solidFill><a:srgbClr val="{para.color}"/></a:solidFill>{_FONTS}</a:rPr>'
        f"<a:t>{text}</a:t></a:r>{end}</a:p>"
    )


def _lang(text: str) -> str:
    return "zh-CN" if re.search("[\u4e00-\u9fff]", text) else "en-US"


def body_pr(anchor: MSO_ANCHOR = MSO_ANCHOR.TOP, pad_x: float = PAD_X, pad_y: float = PAD_Y, vert: str = "") -> str:
    vertical = f' vert="{vert}"' if vert else ""
    return (
        f'<a:bodyPr wrap="square" lIns="{emu(pad_x)}" rIns="{emu(pad_x)}" tIns="{emu(pad_y)}" bIns="{emu(pad_y)}"'
        f' anchor="{_ANCHORS[anchor]}"{vertical}><a:noAutofit/></a:bodyPr>'
    )


def txbody_xml(
    paras: Sequence[Para], anchor=MSO_ANCHOR.TOP, pad_y: float = PAD_Y, vert: str = "", tag="p:txBody", decls=""
) -> str:
    return (
        f"<{tag}{decls}>{body_pr(anchor, PAD_X, pad_y, vert)}<a:lstStyle/>"
        + "".join(para_xml(p) for p in paras or [Para("")])
        + f"</{tag}>"
    )


def write(frame, paras: Sequence[Para], *, anchor: MSO_ANCHOR = MSO_ANCHOR.TOP, pad_y: float = PAD_Y, vert="") -> None:
    """Replace a text frame's content with ``paras`` (already measured to fit), in one parse."""
    body = frame._txBody
    new = etree.fromstring(txbody_xml(paras, anchor, pad_y, vert, tag="a:txBody", decls=" " + nsdecls("a")))
    for child in list(body):
        body.remove(child)
    for child in list(new):
        body.append(child)


def shape_xml(
    shape_id: int,
    rect: Rect,
    paras: Sequence[Para] | None = None,
    *,
    fill: RGBColor | None = None,
    line: RGBColor | None = None,
    geometry: str = "rect",
    anchor: MSO_ANCHOR = MSO_ANCHOR.TOP,
    pad_y: float = PAD_Y,
) -> str:
    """A whole shape as PresentationML: a text box (no fill) or a filled rectangle (or another
    preset geometry), with exactly the fill and line asked for (no theme style, no shadow)."""
    x, y, w, h = rect
    textbox = fill is None and line is None and geometry == "rect"
    name = f"TextBox {shape_id - 1}" if textbox else f"Shape {shape_id - 1}"
    kind = ' txBox="1"' if textbox else ""
    fill_xml = f'<a:solidFill><a:srgbClr val="{fill}"/></a:solidFill>' if fill is not None else "<a:noFill/>"
    line_xml = (
        f'<a:ln w="12700"><a:solidFill><a:srgbClr val="{line}"/></a:solidFill></a:ln>'
        if line is not None
        else "<a:ln><a:noFill/></a:ln>"
    )
    body = txbody_xml(paras, anchor, pad_y) if paras is not None else ""
    return (
        f'<p:sp {nsdecls("a", "p")}><p:nvSpPr><p:cNvPr id="{shape_id}" name="{name}"/>'
        f"<p:cNvSpPr{kind}/><p:nvPr/></p:nvSpPr>"
        f'<p:spPr><a:xfrm><a:off x="{emu(x)}" y="{emu(y)}"/><a:ext cx="{emu(w)}" cy="{emu(h)}"/></a:xfrm>'
        f'<a:prstGeom prst="{geometry}"><a:avLst/></a:prstGeom>{fill_xml}{line_xml}</p:spPr>{body}</p:sp>'
    )


def table_frame_xml(
    shape_id: int, x: float, y: float, widths: Sequence[float], header: Sequence[str], rows, size: float
) -> str:
    """A native table as one graphic frame, its height the sum of its measured rows."""
    height = table_height(widths, header, rows, size)
    return (
        f"<p:graphicFrame {nsdecls('a', 'p')}><p:nvGraphicFramePr>"
        f'<p:cNvPr id="{shape_id}" name="Table {shape_id - 1}"/>'
        '<p:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></p:cNvGraphicFramePr><p:nvPr/></p:nvGraphicFramePr>'
        f'<p:xfrm><a:off x="{emu(x)}" y="{emu(y)}"/><a:ext cx="{emu(sum(widths))}" cy="{emu(height)}"/></p:xfrm>'
        '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/table">'
        f"{table_xml(widths, header, rows, size)}</a:graphicData></a:graphic></p:graphicFrame>"
    )


# --- flowing text over columns and slides ---------------------------------------------------


def flow(paras: Sequence[Para], size: Callable[[int], tuple[float, float]]) -> list[list[Para]]:
    """``paras`` poured into columns, column ``i`` being ``size(i)`` = (width, height) points.

    A paragraph moves whole to the next column when it fits there; one taller than a column is
    split at a line. A heading (``keep``) never ends a column.
    """
    columns: list[list[Para]] = []
    queue = list(paras)
    while queue:
        width, room = size(len(columns))
        column: list[Para] = []
        used = 0.0
        while queue:
            para = queue[0]
            need = para.height(width)
            if used + need <= room:
                column.append(queue.pop(0))
                used += need
                continue
            next_width, next_room = size(len(columns) + 1)
            need = para.height(next_width)
            lines_left = int((room - used - para.space_after) // para.line_height)
            if column and (need <= next_room or lines_left < 2):
                break  # the whole paragraph moves on to the next column
            head, rest = para.split(width, max(1, lines_left))
            column.append(head)
            if rest is None:
                queue.pop(0)
            else:
                queue[0] = rest
            break
        while len(column) > 1 and column[-1].keep:
            queue.insert(0, column.pop())
        columns.append(column)
    return columns


def even(paras: Sequence[Para], width: float, height: float, count: int) -> list[list[Para]] | None:
    """``paras`` over ``count`` columns of equal width, as evenly tall as they go (None: they do not
    fit in ``count`` columns of ``height``)."""
    low, high = 0.0, height
    best = flow(paras, lambda _i: (width, height))
    if len(best) > count:
        return None
    for _ in range(12):
        middle = (low + high) / 2
        trial = flow(paras, lambda _i, h=middle: (width, h))
        if len(trial) <= count and all(trial):
            best, high = trial, middle
        else:
            low = middle
    return best


# --- tables ---------------------------------------------------------------------------------

CELL_PAD, CELL_PAD_Y = 5, 3
#: Marks the first cell of the rest of a row too tall for one slide, continued on the next.
CONTINUES = "↳ "


def row_height(lines: int, size: float) -> float:
    return lines * size * LINE + 2 * CELL_PAD_Y + 2


def cell_lines(value: str, width: float, size: float, bold: bool = False) -> int:
    return line_count(value, width - 2 * CELL_PAD, size, bold=bold) if value else 1


def table_pages(
    rows: Sequence[Sequence[str]], widths: Sequence[float], first: float, height: float, size: float = TABLE_MIN
) -> list[list[list[str]]]:
    """Rows split into pages (``first`` points for the first, ``height`` for the rest, header
    included), balanced so no continuation holds a single row. A row taller than a whole page is
    the one exception: it is split between its lines into parts, each later part continuing on the
    next page with its first cell marked ``↳``."""
    header = row_height(1, size)
    pages: list[list[list[str]]] = []
    page: list[list[str]] = []
    room = first - header
    pending = [list(r) for r in rows]
    while pending:
        row = pending.pop(0)
        lines = max(cell_lines(v, w, size) for v, w in zip(row, widths, strict=True))
        need = row_height(lines, size)
        if need <= room:
            page.append(row)
            room -= need
            continue
        full = height - header
        if page and need <= full:
            pages.append(page)
            page, room = [row], full - need
            continue
        # Taller than what is left (and than a whole page): split it at the lines that fit.
        fit_lines = int((room - 2 * CELL_PAD_Y - 2) // (size * LINE))
        if fit_lines < 2 and page:
            pages.append(page)
            page, room = [], full
            pending.insert(0, row)
            continue
        fit_lines = max(1, fit_lines)
        head, rest = [], []
        for value, width in zip(row, widths, strict=True):
            a, b = split_at_line(value, width - 2 * CELL_PAD, size, fit_lines)
            head.append(a)
            rest.append(b)
        if not rest[0]:
            rest[0] = CONTINUES + row[0].removeprefix(CONTINUES)
        page.append(head)
        pages.append(page)
        page, room = [], full
        pending.insert(0, rest)
    if page or not pages:
        pages.append(page)
    # No continuation with a lone row: move rows over from the page before while they fit.
    if len(pages) >= 2 and len(pages[-1]) == 1:
        last, before = pages[-1], pages[-2]

        def tall(row: list[str]) -> float:
            return row_height(max(cell_lines(v, w, size) for v, w in zip(row, widths, strict=True)), size)

        used = header + tall(last[0])
        while len(last) < 2 and len(before) > 2 and used + tall(before[-1]) <= height:
            used += tall(before[-1])
            last.insert(0, before.pop())
    return pages


def table_xml(widths: Sequence[float], header: Sequence[str], rows: Sequence[Sequence[str]], size: float) -> str:
    """A whole DrawingML table: a navy header row, banded rows, each row as tall as its text."""
    grid = "".join(f'<a:gridCol w="{emu(w)}"/>' for w in widths)
    parts = [f'<a:tbl><a:tblPr firstRow="1"/><a:tblGrid>{grid}</a:tblGrid>']
    margins = f'marL="{emu(CELL_PAD)}" marR="{emu(CELL_PAD)}" marT="{emu(CELL_PAD_Y)}" marB="{emu(CELL_PAD_Y)}"'
    for index, values in enumerate([header, *rows]):
        is_head = index == 0
        lines = max(cell_lines(v, w, size, is_head) for v, w in zip(values, widths, strict=True))
        fill = NAVY if is_head else (WHITE if index % 2 else LIGHT)
        parts.append(f'<a:tr h="{emu(row_height(lines, size))}">')
        for value in values:
            para = Para(value, size, bold=is_head, color=WHITE if is_head else INK, space_after=0)
            parts.append(
                f"<a:tc><a:txBody>{body_pr(pad_x=CELL_PAD, pad_y=CELL_PAD_Y)}<a:lstStyle/>{para_xml(para)}</a:txBody>"
                f'<a:tcPr {margins}><a:solidFill><a:srgbClr val="{fill}"/></a:solidFill></a:tcPr></a:tc>'
            )
        parts.append("</a:tr>")
    parts.append("</a:tbl>")
    return "".join(parts)


def table_height(widths: Sequence[float], header: Sequence[str], rows: Sequence[Sequence[str]], size: float) -> float:
    return sum(
        row_height(max(cell_lines(v, w, size, i == 0) for v, w in zip(values, widths, strict=True)), size)
        for i, values in enumerate([header, *rows])
    )
