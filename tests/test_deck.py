"""The slide deck read back with python-pptx: its story, its native chart, Chinese text, nothing overflowing."""

from __future__ import annotations

import io

import pytest
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE, XL_TICK_LABEL_POSITION
from pptx.oxml.ns import qn
from pptx.util import Pt

from pmo_insight.chain import load_chain
from pmo_insight.demo import create_demo_workshop
from pmo_insight.export import ExportOptions, export
from pmo_insight.export.deck import FONT, LINE, PAD_X, SLIDE_H, SLIDE_W
from pmo_insight.export.textfit import wrap
from pmo_insight.journey_analysis import journey_order
from pmo_insight.services import journeys as journey_service
from tests.factories import build_workshop


def _deck(session, workshop_id: int, **options) -> Presentation:
    chain = load_chain(session, workshop_id=workshop_id)
    return Presentation(io.BytesIO(export(chain, "pptx", ExportOptions.choose(**options))))


def _titles(prs: Presentation) -> list[str]:
    return [slide.shapes.title.text_frame.text for slide in prs.slides]


def _charts(prs: Presentation) -> list:
    return [shape.chart for slide in prs.slides for shape in slide.shapes if shape.has_chart]


@pytest.fixture
def demo(session):
    return create_demo_workshop(session, lang="en")


@pytest.fixture
def demo_deck(session, demo) -> Presentation:
    return _deck(session, demo.id, lang="en")


def test_the_deck_is_16_by_9(demo_deck):
    assert demo_deck.slide_width * 9 == demo_deck.slide_height * 16


def test_the_slides_tell_the_chain_in_order(session, demo, demo_deck):
    chain = load_chain(session, workshop_id=demo.id)
    titles = [t for t in _titles(demo_deck) if not t.endswith("(continued)")]

    expected = [demo.title, "Executive summary"]
    expected += [f"Persona: {p.name}" for p in chain.personas]
    expected += [f"Empathy map: {next(p.name for p in chain.personas if p.id == m.persona_id)}" for m in chain.maps]
    for journey in chain.journeys:
        expected += [f"Customer journey: {journey.scenario}", f"Journey stages: {journey.scenario}"]
    expected += ["Quick wins matrix"]
    expected += [f"Value proposition canvas: {c.title}" for c in chain.canvases]
    expected += ["Traceability", "Next steps"]
    assert len(titles) == len(expected)
    for title, wanted in zip(titles, expected, strict=True):
        assert title == wanted or (title.endswith("…") and wanted.startswith(title[:-1])), (title, wanted)


def test_each_journey_has_a_native_line_chart_whose_series_are_the_databases_emotion_scores(session, demo, demo_deck):
    chain = load_chain(session, workshop_id=demo.id)
    charts = _charts(demo_deck)

    assert len(charts) == len(chain.journeys)
    for chart, journey in zip(charts, chain.journeys, strict=True):
        touchpoints = journey_order(chain.stages_of(journey.id), chain.touchpoints_of(journey.id))
        as_is, to_be = chart.plots[0].series
        assert chart.chart_type == XL_CHART_TYPE.LINE_MARKERS
        assert as_is.values == tuple(float(tp.emotion_now) for tp in touchpoints)
        assert to_be.values == tuple(
            None if tp.emotion_target is None else float(tp.emotion_target) for tp in touchpoints
        )
        assert (as_is.name, to_be.name) == ("As-is", "To-be")


def test_the_chart_is_editable_data_with_labels_below_negative_values_and_no_smoothing(demo_deck):
    chart = _charts(demo_deck)[0]

    assert chart.part.chart_workbook.xlsx_part is not None  # the data sheet PowerPoint opens to edit
    assert chart.category_axis.tick_label_position == XL_TICK_LABEL_POSITION.LOW
    assert (chart.value_axis.minimum_scale, chart.value_axis.maximum_scale) == (-3, 3)
    assert not any(series.smooth for series in chart.plots[0].series)


def test_a_chinese_deck_has_chinese_titles_and_declares_a_cjk_font_on_every_run(session):
    workshop = create_demo_workshop(session, lang="zh")

    prs = _deck(session, workshop.id, lang="zh")

    titles = _titles(prs)
    assert titles[0] == workshop.title and titles[1] == "管理层摘要" and "下一步" in titles
    runs = [
        run
        for slide in prs.slides
        for shape in slide.shapes
        if shape.has_text_frame
        for paragraph in shape.text_frame.paragraphs
        for run in paragraph.runs
    ]
    assert runs and all(run._r.rPr.find(qn("a:ea")).get("typeface") == FONT for run in runs)
    chart_font = _charts(prs)[0]._chartSpace.find(".//" + qn("a:defRPr")).find(qn("a:ea"))
    assert chart_font.get("typeface") == FONT


def test_choosing_one_persona_one_journey_and_no_canvas_leaves_the_rest_out(session, demo):
    chain = load_chain(session, workshop_id=demo.id)
    persona, journey = chain.personas[0], chain.journeys[1]

    titles = _titles(_deck(session, demo.id, personas=[persona.id], journeys=[journey.id], canvases=[]))

    assert [t for t in titles if t.startswith("Persona:")] == [f"Persona: {persona.name}"]
    assert len([t for t in titles if t.startswith("Customer journey:")]) == 1
    assert not [t for t in titles if t.startswith(("Value proposition canvas", "Traceability"))]


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


def test_no_text_of_the_demo_deck_overflows_its_box_or_the_slide(demo_deck):
    _assert_nothing_overflows(demo_deck)


def test_long_texts_are_shortened_with_an_ellipsis_and_long_tables_continue_on_another_slide(session):
    workshop = build_workshop(session, stages_per_journey=6, touchpoints_per_stage=8, notes_per_map=120)
    stage = journey_service.list_stages(
        session, journey_id=load_chain(session, workshop_id=workshop.id).journeys[0].id
    )[0]
    journey_service.add_touchpoint(
        session, stage_id=stage.id, name="Long\x0b\x07 " * 25, pain_point="很长的痛点描述。" * 250
    )

    prs = _deck(session, workshop.id, lang="en")

    titles = _titles(prs)
    assert any(t.startswith("Journey stages") and t.endswith("(continued)") for t in titles)
    table_text = " ".join(
        cell.text for _, shape in _text_shapes(prs) if shape.has_table for row in shape.table.rows for cell in row.cells
    )
    assert "很长的痛点描述。很长" in table_text and "…" in table_text
    assert "很长的痛点描述。" * 250 not in table_text
    _assert_nothing_overflows(prs)
    empathy = next(s for s, t in zip(prs.slides, titles, strict=True) if t.startswith("Empathy map"))
    assert any("more" in shape.text_frame.text for shape in empathy.shapes if shape.has_text_frame)


def test_the_deck_renders_every_slide_element_inside_the_16_by_9_frame(demo_deck):
    assert demo_deck.slide_width == Pt(SLIDE_W) and demo_deck.slide_height == Pt(SLIDE_H)
