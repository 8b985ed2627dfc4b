"""The workshop's findings as an editable 16:9 PowerPoint deck an executive can be shown as it is.

The deck opens with the headline (the value statement and each KPI's baseline → target, large),
then tells the story in the article's order (:mod:`deck_story`): one pain followed from the
persona's feeling to its KPI, the key pains, the quick wins first, each journey's emotion curve
with its stages and experience breaks, each canvas's fit, and the next steps, each story slide
with speaker notes. Persona details, full empathy boards and long tables follow in an appendix
(:mod:`deck_appendix`).

Every slide is built from shapes, tables and native charts a presenter can edit. Text is measured
before it is placed (:mod:`textfit`, :mod:`slidekit`) and never cut: long titles wrap, long lists
flow on to the next column or slide, long tables continue with their header repeated. Body text
is at least 14 pt and tables at least 12 pt. Every run declares Noto Sans CJK SC for Latin and
East Asian text, which LibreOffice uses directly and PowerPoint substitutes if it is missing.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence

from pptx import Presentation
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.oxml import parse_xml
from pptx.oxml.slide import CT_NotesSlide
from pptx.parts.slide import NotesSlidePart
from pptx.slide import Slide
from pptx.util import Pt

from pmo_insight.domain.chain import WorkshopChain
from pmo_insight.export import deck_appendix, deck_story
from pmo_insight.export.slidekit import (
    BODY_BOTTOM,
    BODY_MIN,
    BODY_W,
    FONT,
    GREY,
    LINE,
    MARGIN,
    NAVY,
    PAD_X,
    PAD_Y,
    SLIDE_H,
    SLIDE_W,
    SUBTITLE_SIZE,
    TABLE_MIN,
    TEAL,
    TITLE_SIZES,
    TITLE_TOP,
    Para,
    Rect,
    columns,
    even,
    flow,
    height_of,
    shape_xml,
    table_frame_xml,
    table_pages,
    write,
)
from pmo_insight.export.story import ExportOptions, Story, build_story

__all__ = ["FONT", "LINE", "PAD_X", "SLIDE_H", "SLIDE_W", "Deck", "export_pptx"]


#: Points kept free below a table: renderers may draw rows a little taller than measured.
TABLE_SAFETY = 10


class Deck:
    """A presentation under construction, with the slide furniture every slide shares."""

    def __init__(self, story: Story, *, review_state: str = "") -> None:
        self.story = story
        self.tr = story.tr
        self.review_state = review_state.strip()
        self.prs = Presentation()
        self.prs.slide_width, self.prs.slide_height = Pt(SLIDE_W), Pt(SLIDE_H)
        self.prs.core_properties.title = story.workshop.title
        self.prs.core_properties.language = "zh-CN" if story.lang == "zh" else "en-US"
        self._layout = self.prs.slide_layouts[5]  # title only
        #: Slides the story tells (with speaker notes), as opposed to the appendix.
        self.story_slides: list[Slide] = []
        self._notes_master = None
        self._notes_count = 0

    # --- slides -------------------------------------------------------------------------------

    def slide(
        self,
        title: str,
        subtitle: str = "",
        *,
        notes: str = "",
        appendix: bool = False,
        page: int = 0,
        prefix: bool = True,
    ) -> tuple[Slide, float]:
        """A content slide and the y where its body starts (below a title that wraps, never cut).

        Appendix slides' titles start with "Appendix:"; later pages of one topic say "(continued)".
        """
        if appendix and prefix:
            title = self.tr("deck.appendix.title", title=title)
        if page:
            title = f"{title} {self.tr('export.deck.continued')}"
        slide = self.prs.slides.add_slide(self._layout)
        head, sub = self._heading(title, subtitle)
        width = BODY_W - 2 * PAD_X
        height = head.height(width) + 8
        shape = slide.shapes.title
        shape.left, shape.top, shape.width, shape.height = Pt(MARGIN), Pt(TITLE_TOP), Pt(BODY_W), Pt(height)
        write(shape.text_frame, [head], anchor=MSO_ANCHOR.TOP, pad_y=4)
        y = TITLE_TOP + height + 2
        if sub is not None:
            sub_h = sub.height(width) + 4
            self.text(slide, (MARGIN, y, BODY_W, sub_h), [sub], pad_y=2)
            y += sub_h
        self.shape(slide, (MARGIN + PAD_X, y + 4, 72, 3), fill=TEAL)
        if notes:
            self.notes(slide, notes)
        if not appendix:
            self.story_slides.append(slide)
        return slide, y + 16

    def _heading(self, title: str, subtitle: str) -> tuple[Para, Para | None]:
        width = BODY_W - 2 * PAD_X
        size = next((s for s in TITLE_SIZES if Para(title, s, bold=True).lines(width) <= 2), TITLE_SIZES[-1])
        head = Para(title, size, bold=True, color=NAVY, space_after=0)
        sub = Para(subtitle, SUBTITLE_SIZE, color=GREY, space_after=0) if subtitle else None
        return head, sub

    def body_top(self, title: str, subtitle: str = "") -> float:
        """Where the body of a (non-appendix, first) slide with this title and subtitle starts."""
        head, sub = self._heading(title, subtitle)
        width = BODY_W - 2 * PAD_X
        y = TITLE_TOP + head.height(width) + 8 + 2
        if sub is not None:
            y += sub.height(width) + 4
        return y + 16

    def notes(self, slide: Slide, text: str) -> None:
        """Speaker notes: what the presenter should point out on this slide.

        The notes part is made here rather than by ``slide.notes_slide``, which looks for a free
        part name by scanning every part of the package, once per slide; the deck numbers them.
        """
        if self._notes_master is None:
            self._notes_master = self.prs.part.notes_master_part
        self._notes_count += 1
        slide_part = slide.part
        name = PackURI(f"/ppt/notesSlides/notesSlide{self._notes_count}.xml")
        part = NotesSlidePart(name, CT.PML_NOTES_SLIDE, slide_part.package, CT_NotesSlide.new())
        part.relate_to(self._notes_master, RT.NOTES_MASTER)
        part.relate_to(slide_part, RT.SLIDE)
        slide_part.relate_to(part, RT.NOTES_SLIDE)
        part.notes_slide.clone_master_placeholders(self._notes_master.notes_master)
        part.notes_slide.notes_text_frame.text = text

    # Shapes are written as whole XML elements, one parse each, rather than through python-pptx's
    # shape objects (which search the slide's XML several times per shape added).

    @staticmethod
    def _append(slide: Slide, xml: str) -> None:
        slide.shapes._spTree.insert_element_before(parse_xml(xml), "p:extLst")

    @staticmethod
    def _next_id(slide: Slide) -> int:
        """One more than the largest shape id on the slide (every shape element's first grandchild
        is its cNvPr, which holds the id)."""
        tree = slide.shapes._spTree
        ids = [int(child[0][0].get("id", 0)) for child in tree.iterchildren() if len(child) and len(child[0])]
        return max(ids, default=1) + 1

    def shape(self, slide: Slide, rect: Rect, paras=None, *, fill=None, line=None, geometry="rect", **text) -> None:
        """A filled shape (a rectangle unless ``geometry`` names another preset), with text if given."""
        self._append(
            slide, shape_xml(self._next_id(slide), rect, paras, fill=fill, line=line, geometry=geometry, **text)
        )

    def text(self, slide: Slide, rect: Rect, paras: Sequence[Para], *, anchor=MSO_ANCHOR.TOP, pad_y=PAD_Y) -> None:
        """A text box holding ``paras`` (already measured to fit it)."""
        self._append(slide, shape_xml(self._next_id(slide), rect, paras, anchor=anchor, pad_y=pad_y))

    def box(self, slide: Slide, rect: Rect, paras: Sequence[Para], *, fill=None, line=None, anchor=MSO_ANCHOR.TOP):
        """A filled rectangle holding text (already measured to fit it)."""
        self.shape(slide, rect, paras, fill=fill, line=line, anchor=anchor)

    @staticmethod
    def fits(paras: Sequence[Para], width: float, height: float) -> bool:
        return height_of(paras, width - 2 * PAD_X) <= height - 2 * PAD_Y

    @staticmethod
    def needed(paras: Sequence[Para], width: float) -> float:
        return height_of(paras, width - 2 * PAD_X) + 2 * PAD_Y + 2

    # --- text over columns and slides -----------------------------------------------------------

    def fits_one_slide(self, title: str, subtitle: str, paras: Sequence[Para], count: int) -> bool:
        """Whether ``paras`` fit the body of one slide in ``count`` columns."""
        top = self.body_top(title, subtitle)
        width = columns(count)[0][1] - 2 * PAD_X
        return len(flow(paras, lambda _i: (width, BODY_BOTTOM - top - 2 * PAD_Y - 2))) <= count

    def flow_slides(
        self,
        title: str,
        subtitle: str,
        paras: Sequence[Para],
        *,
        count: int = 2,
        first: Callable[[Slide, float], list[Rect]] | None = None,
        notes: Callable[[int], str] | None = None,
        appendix: bool = False,
    ) -> list[Slide]:
        """``paras`` poured into columns over as many slides as they need, nothing cut.

        ``first`` may give the first slide its own columns (beside a chart, say); later slides
        have ``count`` columns across the body. Items are balanced so the last slide does not
        hold a lone item when the one before has several.
        """
        slides: list[Slide] = []
        slide, top = self.slide(title, subtitle, notes=notes(0) if notes else "", appendix=appendix)
        slides.append(slide)
        first_rects = first(slide, top) if first else [(x, top, w, BODY_BOTTOM - top) for x, w in columns(count)]
        # Continuation slides: same title and subtitle, so the same body top.
        later_rects = [(x, top, w, BODY_BOTTOM - top) for x, w in columns(count)]

        def size(index: int) -> tuple[float, float]:
            if index < len(first_rects):
                rect = first_rects[index]
            else:
                rect = later_rects[(index - len(first_rects)) % len(later_rects)]
            return rect[2] - 2 * PAD_X, rect[3] - 2 * PAD_Y - 2

        poured = flow(paras, size)
        pages: list[list[list[Para]]] = [poured[: len(first_rects)]]
        rest = poured[len(first_rects) :]
        for start in range(0, len(rest), len(later_rects)):
            pages.append(rest[start : start + len(later_rects)])
        _balance_columns(pages)
        last_rects = first_rects if len(pages) == 1 else later_rects
        if len(last_rects) > 1 and len({round(r[2]) for r in last_rects}) == 1:
            width, height = size(0 if len(pages) == 1 else len(first_rects))
            evened = even([p for col in pages[-1] for p in col], width, height, len(last_rects))
            if evened is not None:
                pages[-1] = evened
        for page, cols in enumerate(pages):
            if page:
                slide, _ = self.slide(title, subtitle, notes=notes(page) if notes else "", appendix=appendix, page=page)
                slides.append(slide)
            rects = first_rects if page == 0 else later_rects
            for rect, column in zip(rects, cols, strict=False):
                if column:
                    self.text(slide, rect, column)
        return slides

    def table_slides(
        self,
        title: str,
        subtitle: str,
        widths: Sequence[float],
        header: Sequence[str],
        rows: Sequence[Sequence[str]],
        *,
        appendix: bool = True,
        notes: str = "",
    ) -> None:
        """A table over as many slides as it needs, the header repeated, "(continued)" in the title."""
        slide, top = self.slide(title, subtitle, appendix=appendix, notes=notes)
        height = BODY_BOTTOM - top - TABLE_SAFETY
        for page, chunk in enumerate(table_pages(rows, widths, height, height)):
            if page:
                slide, _ = self.slide(title, subtitle, appendix=appendix, page=page, notes=notes)
            if chunk:
                self.table(slide, MARGIN, top, widths, header, chunk)
            else:
                self.text(slide, (MARGIN, top, BODY_W, 40), [Para(self.tr("export.empty"), BODY_MIN, color=GREY)])

    def table(self, slide: Slide, x, y, widths: Sequence[float], header, rows, size: float = TABLE_MIN):
        """A native table written in one piece: a navy header row, banded rows as tall as their text."""
        self._append(slide, table_frame_xml(self._next_id(slide), x, y, widths, header, rows, size))

    # --- finishing ------------------------------------------------------------------------------

    def footers(self) -> None:
        total = len(self.prs.slides)
        for number, slide in enumerate(self.prs.slides, start=1):
            if number == 1:
                continue
            para = Para(f"{number} / {total}", BODY_MIN, color=GREY, align=PP_ALIGN.RIGHT, space_after=0)
            self.text(slide, (SLIDE_W - MARGIN - 120, SLIDE_H - 34, 120, para.line_height + 4), [para], pad_y=0)

    def build(self) -> bytes:
        deck_story.tell(self)
        deck_appendix.append(self)
        self.footers()
        out = io.BytesIO()
        self.prs.save(out)
        return out.getvalue()


def _items(columns: list[list[Para]]) -> int:
    """How many entries the columns hold: headings (``keep``) go with the entry after them."""
    return sum(1 for column in columns for para in column if not para.keep)


def _balance_columns(pages: list[list[list[Para]]]) -> None:
    """When the last slide would hold one lone entry, move one more over from the slide before
    (with its heading, if it has one)."""
    if len(pages) < 2 or _items(pages[-1]) != 1 or _items(pages[-2]) <= 2:
        return
    before, last = [c for c in pages[-2] if c], pages[-1]
    moved = [before[-1].pop()]
    while before[-1] and before[-1][-1].keep:
        moved.insert(0, before[-1].pop())
    last[0][0:0] = moved


def export_pptx(chain: WorkshopChain, options: ExportOptions) -> bytes:
    """The deck for ``chain`` as .pptx bytes; the headline shows the business review's state, if any."""
    from pmo_insight.export.deck_diff import add_iteration_slides  # KPI progress; "what changed"
    from pmo_insight.review.state import review_state_text

    review_state = options.review_state or review_state_text(chain, options.lang) or ""
    deck = Deck(build_story(chain, options), review_state=review_state).build()
    return add_iteration_slides(deck, chain, options)
