"""The slide deck read back with python-pptx: a headline, a story with speaker notes, an appendix,
native charts, type large enough to read, and nothing cut, hidden or overflowing, in both languages."""

from __future__ import annotations

import io
import re

import pytest
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE, XL_TICK_LABEL_POSITION
from pptx.oxml.ns import qn
from pptx.util import Pt

from pmo_insight.demo import create_demo_workshop
from pmo_insight.domain.journey_analysis import experience_breaks, journey_order
from pmo_insight.export import ExportOptions, export
from pmo_insight.export.deck import FONT, LINE, PAD_X, SLIDE_H, SLIDE_W
from pmo_insight.export.story import build_story
from pmo_insight.export.textfit import cjk_spacing, wrap
from pmo_insight.persistence.chain_loader import load_chain
from pmo_insight.services import journeys as journey_service
from tests.factories import build_workshop

APPENDIX = {"en": "Appendix", "zh": "附录"}
CONTINUED = {"en": "(continued)", "zh": "（续）"}


def _deck(session, workshop_id: int, **options) -> Presentation:
    chain = load_chain(session, workshop_id=workshop_id)
    return Presentation(io.BytesIO(export(chain, "pptx", ExportOptions.choose(**options))))


def _titles(prs: Presentation) -> list[str]:
    return [slide.shapes.title.text_frame.text for slide in prs.slides]


def _charts(prs: Presentation) -> list:
    return [shape.chart for slide in prs.slides for shape in slide.shapes if shape.has_chart]


def _story_slides(prs: Presentation, lang: str = "en") -> list:
    """The slides before the appendix (whose first slide is titled just "Appendix")."""
    slides = list(prs.slides)
    divider = _titles(prs).index(APPENDIX[lang])
    return slides[:divider]


def _runs(shape):
    """Every text run of a shape, table cells included, with whether it sits in a table."""
    if shape.has_text_frame:
        for paragraph in shape.text_frame.paragraphs:
            for run in paragraph.runs:
                yield run, False
    if shape.has_table:
        for row in shape.table.rows:
            for cell in row.cells:
                for paragraph in cell.text_frame.paragraphs:
                    for run in paragraph.runs:
                        yield run, True


def _all_runs(prs: Presentation):
    for number, slide in enumerate(prs.slides, start=1):
        for shape in slide.shapes:
            for run, in_table in _runs(shape):
                yield number, run, in_table


@pytest.fixture
def demo(session):
    return create_demo_workshop(session, lang="en")


@pytest.fixture
def demo_deck(session, demo) -> Presentation:
    return _deck(session, demo.id, lang="en")


@pytest.fixture
def zh_demo(session):
    return create_demo_workshop(session, lang="zh")


@pytest.fixture
def zh_deck(session, zh_demo) -> Presentation:
    return _deck(session, zh_demo.id, lang="zh")


def test_the_deck_is_16_by_9(demo_deck):
    assert demo_deck.slide_width * 9 == demo_deck.slide_height * 16
    assert demo_deck.slide_width == Pt(SLIDE_W) and demo_deck.slide_height == Pt(SLIDE_H)


# --- the headline ---------------------------------------------------------------------------


def _large_runs(slide, size: float = 28) -> list[str]:
    return [run.text for shape in slide.shapes for run, _ in _runs(shape) if run.font.size.pt >= size]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_slide_one_is_the_headline_every_value_statement_and_kpi_figure_in_large_type(session, lang):
    workshop = create_demo_workshop(session, lang=lang)
    chain = load_chain(session, workshop_id=workshop.id)
    story = build_story(chain, ExportOptions(lang=lang))

    prs = _deck(session, workshop.id, lang=lang)

    headline = prs.slides[0]
    # Spaces typed between Chinese and Latin text are dropped: renderers put a gap there themselves.
    assert headline.shapes.title.text_frame.text == cjk_spacing(workshop.title)
    large = " ".join(_large_runs(headline))
    for view in story.canvases:
        assert cjk_spacing(view.statement) in large
    figures = {
        "en": ["68% → 85%", "30 → 24", "11 → 3", "9 → 2", "35% → 90%"],
        "zh": ["68% → 85%", "30天 → 24天", "11工作日 → 3工作日", "9工作日 → 2工作日", "35% → 90%"],
    }[lang]
    assert [f for f in figures if f not in large] == []
    assert sum(len(view.kpis) for view in story.canvases) == len(figures)


def test_the_headline_shows_the_review_state_only_when_there_is_one(session, demo):
    plain = _deck(session, demo.id, lang="en")
    reviewed = _deck(session, demo.id, lang="en", review_state="Approved by Zhang Wei on 2026-11-20")

    def text(prs):
        return " ".join(run.text for shape in prs.slides[0].shapes for run, _ in _runs(shape))

    assert "Review: Approved by Zhang Wei on 2026-11-20" in text(reviewed)
    assert "Review:" not in text(plain)
    assert "Approved by Zhang Wei" in reviewed.slides[0].notes_slide.notes_text_frame.text


# --- the story and the appendix -------------------------------------------------------------


def test_the_story_comes_in_the_articles_order_then_the_appendix(session, demo, demo_deck):
    chain = load_chain(session, workshop_id=demo.id)
    titles = [t for t in _titles(demo_deck) if not t.endswith(CONTINUED["en"])]

    story = [demo.title, "One pain, followed from feeling to KPI", "The 5 key pains, worst first", "Quick wins first"]
    story += [f"Customer journey: {j.scenario}" for j in chain.journeys]
    story += [f"Value proposition canvas: {c.title}" for c in chain.canvases]
    story += ["Next steps", "Appendix"]
    assert titles[: len(story)] == story
    appendix = titles[len(story) :]
    assert appendix and all(t.startswith("Appendix: ") for t in appendix)
    expected = [f"Appendix: Persona: {p.name}" for p in chain.personas]
    expected += [f"Appendix: Empathy map: {p.name}" for m in chain.maps for p in chain.personas if p.id == m.persona_id]
    expected += [f"Appendix: Journey stages: {j.scenario}" for j in chain.journeys]
    expected += ["Appendix: Opportunities by impact and effort"]
    expected += [f"Appendix: Value proposition canvas: {c.title}" for c in chain.canvases]
    expected += ["Appendix: Traceability", "Appendix: Chain health"]
    assert appendix == expected


def test_every_story_slide_has_speaker_notes_saying_what_to_point_out(session, demo, demo_deck):
    chain = load_chain(session, workshop_id=demo.id)
    story = _story_slides(demo_deck)

    notes = [s.notes_slide.notes_text_frame.text if s.has_notes_slide else "" for s in story]
    assert len(story) >= 8 and all(len(n) > 40 for n in notes), notes
    by_title = dict(zip([s.shapes.title.text_frame.text for s in story], notes, strict=True))
    for journey in chain.journeys:
        ordered = journey_order(chain.stages_of(journey.id), chain.touchpoints_of(journey.id))
        note = by_title[f"Customer journey: {journey.scenario}"]
        assert all(tp.name in note for tp in experience_breaks(ordered))
    assert "Duplicate reporting" in by_title["Value proposition canvas: South China region: getting resources from HQ"]
    assert "Anxious about how HQ allocates resources" in by_title["One pain, followed from feeling to KPI"]


def test_the_followed_pain_runs_from_the_feeling_through_the_touchpoint_to_the_reliever_and_kpi(demo_deck):
    slide = _story_slides(demo_deck)[1]

    boxes = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame and shape.text_frame.text]
    text = "\n".join(boxes)
    order = [
        "Anxious about how HQ allocates resources",
        "Waits for the cross-region approval",
        "Anxiety about how HQ allocates resources",
        "Published allocation rules and priority scoring",
        "68% → 85%",
    ]
    positions = [text.index(part) for part in order]
    assert positions == sorted(positions)


def test_the_one_pain_nothing_relieves_is_visible_on_its_canvas_slide_and_nothing_says_more(demo_deck):
    canvas = next(
        s
        for s in _story_slides(demo_deck)
        if s.shapes.title.text_frame.text.startswith("Value proposition canvas: South")
    )

    text = " ".join(run.text for shape in canvas.shapes for run, _ in _runs(shape))
    assert "Not covered yet (1)" in text
    assert "Duplicate reporting: HQ templates differ from the region's own report" in text
    assert "Fit score" in text and "89%" in text
    assert not [run.text for _, run, _ in _all_runs(demo_deck) if re.search(r"\+\d+ more", run.text)]


# --- charts ---------------------------------------------------------------------------------


def test_each_journey_has_a_native_line_chart_with_stage_groups_and_its_breaks_marked(session, demo, demo_deck):
    chain = load_chain(session, workshop_id=demo.id)
    charts = _charts(demo_deck)

    assert len(charts) == len(chain.journeys)
    for chart, journey in zip(charts, chain.journeys, strict=True):
        stages = sorted(chain.stages_of(journey.id), key=lambda s: (s.position, s.id))
        touchpoints = journey_order(stages, chain.touchpoints_of(journey.id))
        breaks = {tp.id for tp in experience_breaks(touchpoints)}
        as_is, to_be, marked = chart.plots[0].series
        assert chart.chart_type == XL_CHART_TYPE.LINE_MARKERS
        assert as_is.values == tuple(float(tp.emotion_now) for tp in touchpoints)
        assert to_be.values == tuple(
            None if tp.emotion_target is None else float(tp.emotion_target) for tp in touchpoints
        )
        assert marked.values == tuple(float(tp.emotion_now) if tp.id in breaks else None for tp in touchpoints)
        assert (as_is.name, to_be.name, marked.name) == ("As-is", "To-be", "Experience break")
        categories = chart.plots[0].categories
        assert [str(c) for c in categories] == [str(n) for n in range(1, len(touchpoints) + 1)]
        assert [c.label for c in categories.levels[1]] == [s.name for s in stages if chain.touchpoints_of(journey.id)]


def test_the_chart_is_editable_data_with_labels_below_negative_values_and_no_smoothing(demo_deck):
    chart = _charts(demo_deck)[0]

    assert chart.part.chart_workbook.xlsx_part is not None  # the data sheet PowerPoint opens to edit
    assert chart.category_axis.tick_label_position == XL_TICK_LABEL_POSITION.LOW
    assert (chart.value_axis.minimum_scale, chart.value_axis.maximum_scale) == (-3, 3)
    assert not any(series.smooth for series in chart.plots[0].series)


# --- readable, whole, in both languages -----------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_text_is_smaller_than_14_pt_or_12_pt_in_tables(session, lang):
    workshop = create_demo_workshop(session, lang=lang)
    prs = _deck(session, workshop.id, lang=lang)

    small = [
        (number, run.text[:40], run.font.size.pt)
        for number, run, in_table in _all_runs(prs)
        if run.font.size is None or run.font.size.pt < (12 if in_table else 14)
    ]
    assert small == []
    assert any(in_table for _, _, in_table in _all_runs(prs))


def test_a_chinese_deck_speaks_chinese_declares_a_cjk_font_and_has_no_doubled_spaces(zh_demo, zh_deck):
    titles = _titles(zh_deck)
    assert titles[0] == "PMO客户洞察：从行政支持到战略核心" == cjk_spacing(zh_demo.title) != zh_demo.title
    assert "下一步" in titles
    assert [t for t in titles[titles.index("附录") + 1 :] if not t.startswith("附录：")] == []
    runs = [run for _, run, _ in _all_runs(zh_deck)]
    assert runs and all(run._r.rPr.find(qn("a:ea")).get("typeface") == FONT for run in runs)
    assert [run.text for run in runs if "  " in run.text] == []
    assert all(len(s.notes_slide.notes_text_frame.text) > 20 for s in _story_slides(zh_deck, "zh"))
    chart_font = _charts(zh_deck)[0]._chartSpace.find(".//" + qn("a:defRPr")).find(qn("a:ea"))
    assert chart_font.get("typeface") == FONT


def test_choosing_one_persona_one_journey_and_no_canvas_leaves_the_rest_out(session, demo):
    chain = load_chain(session, workshop_id=demo.id)
    persona, journey = chain.personas[0], chain.journeys[1]

    titles = _titles(_deck(session, demo.id, personas=[persona.id], journeys=[journey.id], canvases=[]))

    assert [t for t in titles if t.startswith("Appendix: Persona:")] == [f"Appendix: Persona: {persona.name}"]
    assert len([t for t in titles if t.startswith("Customer journey:")]) == 1
    assert not [t for t in titles if "Value proposition canvas" in t or "Traceability" in t]


def _text_shapes(prs: Presentation):
    for number, slide in enumerate(prs.slides, start=1):
        for shape in slide.shapes:
            yield number, shape


def _needed_height(frame) -> float:
    """The height the frame's text takes, wrapped as the deck measured it (points)."""
    width = frame._parent.width / 12700 - 2 * PAD_X
    total = 0.0
    for paragraph in frame.paragraphs:
        runs = paragraph.runs
        if not runs:
            continue
        size = runs[0].font.size.pt
        indent = int(paragraph._p.pPr.get("marL", "0")) / 12700 if paragraph._p.pPr is not None else 0
        lines = wrap(paragraph.text, width - indent, size, bold=bool(runs[0].font.bold))
        total += len(lines) * size * LINE + (paragraph.space_after.pt if paragraph.space_after else 0)
    return total


def _assert_nothing_overflows(prs: Presentation) -> None:
    for number, shape in _text_shapes(prs):
        right, bottom = (shape.left + shape.width) / 12700, (shape.top + shape.height) / 12700
        assert shape.left >= 0 and shape.top >= 0 and right <= SLIDE_W + 0.5 and bottom <= SLIDE_H + 0.5, number
        if shape.has_text_frame and shape.text_frame.text:
            frame = shape.text_frame
            room = shape.height / 12700 - (frame.margin_top + frame.margin_bottom) / 12700
            assert _needed_height(frame) <= room + 0.01, (number, frame.text[:80])
        if shape.has_table:
            height = sum(row.height for row in shape.table.rows) / 12700
            assert shape.top / 12700 + height <= SLIDE_H - 30, number


def _assert_nothing_cut(prs: Presentation) -> None:
    cut = [(n, run.text[:60]) for n, run, _ in _all_runs(prs) if "…" in run.text]
    assert cut == []


def _table_rows(slide) -> list[list[str]]:
    return [[c.text for c in row.cells] for shape in slide.shapes if shape.has_table for row in shape.table.rows][1:]


def _assert_no_lone_continuation_row(prs: Presentation, lang: str = "en") -> None:
    """A continuation slide holds at least two rows, unless its one row is part of a row too tall
    for a whole slide (the later parts start with "↳")."""
    slides = list(prs.slides)
    for index, slide in enumerate(slides):
        rows = _table_rows(slide)
        if not rows or not slide.shapes.title.text_frame.text.endswith(CONTINUED[lang]):
            continue
        following = _table_rows(slides[index + 1]) if index + 1 < len(slides) else []
        split_row = rows[0][0].startswith("↳") or (following and following[0][0].startswith("↳"))
        assert len(rows) >= 2 or split_row, (index + 1, rows)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_text_of_the_demo_deck_overflows_is_cut_or_continues_alone(session, lang):
    workshop = create_demo_workshop(session, lang=lang)
    prs = _deck(session, workshop.id, lang=lang)

    _assert_nothing_overflows(prs)
    _assert_nothing_cut(prs)
    _assert_no_lone_continuation_row(prs, lang)


def test_long_texts_wrap_and_continue_whole_and_long_tables_continue_without_a_lone_row(session):
    workshop = build_workshop(session, stages_per_journey=6, touchpoints_per_stage=8, notes_per_map=120)
    stage = journey_service.list_stages(
        session, journey_id=load_chain(session, workshop_id=workshop.id).journeys[0].id
    )[0]
    journey_service.add_touchpoint(session, stage_id=stage.id, name="Long " * 25, pain_point="很长的痛点描述。" * 250)

    prs = _deck(session, workshop.id, lang="en")

    titles = _titles(prs)
    assert any(t.startswith("Appendix: Journey stages") and t.endswith("(continued)") for t in titles)
    table_text = "".join(
        cell.text for _, shape in _text_shapes(prs) if shape.has_table for row in shape.table.rows for cell in row.cells
    )
    # Split over rows and slides at line breaks, never shortened: every character is there once.
    assert table_text.count("很") == 250 and table_text.count("述") == 250
    assert "↳" in table_text
    _assert_nothing_overflows(prs)
    _assert_nothing_cut(prs)
    _assert_no_lone_continuation_row(prs)
    notes = [
        run.text
        for slide, title in zip(prs.slides, titles, strict=True)
        if title.startswith("Appendix: Empathy map")
        for shape in slide.shapes
        for run, _ in _runs(shape)
    ]
    assert all(f"Note {n}" in " ".join(notes) for n in range(120))  # every note, none behind "+N more"
