"""The iteration slides and report section: what changed since a base snapshot, and KPI progress."""

from __future__ import annotations

import dataclasses
import io
from datetime import date

import pytest
from pptx import Presentation
from pptx.util import Pt

from pmo_insight.export import ExportOptions, export
from pmo_insight.iterate.kpi_actuals import add_kpi_actual
from pmo_insight.iterate.snapshots import base_snapshot, take_snapshot
from pmo_insight.persistence.chain_loader import load_chain
from pmo_insight.services import canvases, journeys
from tests.factories import build_workshop


@pytest.fixture
def changed(session):
    """A workshop, a snapshot, then a new pain, an emotion change and a KPI actual."""
    workshop = build_workshop(session)
    snapshot = take_snapshot(session, workshop.id, "H1 review", "PMO")
    session.commit()
    chain = load_chain(session, workshop_id=workshop.id)
    tp = chain.touchpoints[1]
    journeys.update_touchpoint(session, touchpoint_id=tp.id, expected_version=tp.version, emotion_now=2)
    canvases.add_item(session, canvas_id=chain.canvases[0].id, kind="pain", text="Budget approvals sit with HQ")
    add_kpi_actual(session, kpi_id=chain.kpis[0].id, value=9, measured_on=date(2027, 2, 1), source="HR system")
    session.commit()
    chain = load_chain(session, workshop_id=workshop.id)
    return chain, base_snapshot(session, snapshot_id=snapshot.id, workshop_id=workshop.id)


def _slides(data: bytes):
    return list(Presentation(io.BytesIO(data)).slides)


def _title(slide) -> str:
    texts = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame and shape.text_frame.text]
    return texts[0] if texts else ""


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_chosen_base_snapshot_adds_the_what_changed_slides_after_the_opening(changed, lang):
    chain, base = changed
    plain = _slides(export(chain, "pptx", ExportOptions(lang=lang)))

    slides = _slides(export(chain, "pptx", dataclasses.replace(ExportOptions(lang=lang), base_snapshot=base)))

    titles = [_title(s) for s in slides]
    heading = {"en": "What changed since the last review", "zh": "自上次复盘以来的变化"}[lang]
    assert titles.index(heading) == 2
    assert len(slides) > len(plain)
    text = "\n".join(shape.text_frame.text for s in slides for shape in s.shapes if shape.has_text_frame)
    assert "\u22121 → +2" in text  # the emotion change, as numbers read
    charts = [shape.chart for s in slides for shape in s.shapes if shape.has_chart]
    overlay = [c for c in charts if len(c.plots[0].series) == 2 and len(list(c.plots[0].categories)) == 6]
    assert overlay, "the emotion curve before and after, as one native chart"


def test_the_iteration_slides_keep_body_text_at_14_pt_and_tables_at_12_pt(changed):
    chain, base = changed
    slides = _slides(export(chain, "pptx", dataclasses.replace(ExportOptions(), base_snapshot=base)))
    plain_count = len(_slides(export(chain, "pptx", ExportOptions())))
    added = slides[2 : 2 + len(slides) - plain_count]

    sizes, table_sizes = [], []
    for slide in added:
        for shape in slide.shapes:
            if shape.has_text_frame:
                sizes += [r.font.size for p in shape.text_frame.paragraphs for r in p.runs]
            if shape.has_table:
                cells = [c for row in shape.table.rows for c in row.cells]
                table_sizes += [r.font.size for c in cells for p in c.text_frame.paragraphs for r in p.runs]
    assert sizes and min(sizes) >= Pt(14)
    assert table_sizes and min(table_sizes) >= Pt(12)


def test_a_kpi_with_actuals_gets_a_native_progress_chart_without_a_base(changed):
    chain, _ = changed

    slides = _slides(export(chain, "pptx", ExportOptions()))

    [slide] = [s for s in slides if _title(s).startswith("KPI progress")]
    [chart] = [shape.chart for shape in slide.shapes if shape.has_chart]
    measured, target = chart.plots[0].series
    assert list(measured.values)[:2] == [10.0, 9.0] and set(target.values) == {8.0}


def test_the_markdown_report_gets_a_what_changed_section_only_with_a_base(changed):
    chain, base = changed

    plain = export(chain, "md", ExportOptions()).decode()
    report = export(chain, "md", dataclasses.replace(ExportOptions(), base_snapshot=base)).decode()

    assert "What changed since the last review" not in plain
    assert "## What changed since the last review" in report
    assert "\u22121 → +2" in report and "Budget approvals sit with HQ" in report
    assert report.index("What changed") < report.index("## " + "The insight chain")
