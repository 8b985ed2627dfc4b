"""The portfolio deck: headline, recurring pains, the native KPI chart, a slide per workshop, readable."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pptx import Presentation

from pmo_insight.portfolio.deck import portfolio_deck
from pmo_insight.portfolio.services import clear_cache, portfolio_view
from tests.portfolio_builders import portfolio_workshop
from tests.test_deck import _all_runs, _assert_nothing_cut, _assert_nothing_overflows, _charts, _titles

TODAY = date(2026, 7, 1)


@pytest.fixture
def portfolio(session):
    clear_cache()
    long_name = "New project managers trained before their first kickoff, by region and by business line"
    portfolio_workshop(
        session,
        title="Sales East",
        department="Sales",
        next_review_on=date(2026, 1, 1),
        verdict="approve",
        pains=[("Quotes take too long to prepare", 4)] + [(f"Pain number {n} about approvals", 2) for n in range(12)],
        kpis=[
            dict(
                name=long_name if n == 0 else f"KPI {n}",
                baseline=0,
                target=10,
                due_on=date(2026, 12, 31),
                actuals=[(n, date(2026, 6, 1))],
            )
            for n in range(14)
        ],
    )
    portfolio_workshop(
        session,
        title="研发季度回顾",
        department="研发",
        pains=[("报价准备太耗时", 5), ("Quotes take too long to prepare!", 3)],
    )
    yield portfolio_view(session, today=TODAY)
    clear_cache()


def _deck(portfolio, lang: str) -> Presentation:
    return Presentation(io.BytesIO(portfolio_deck(portfolio, lang=lang)))


@pytest.mark.parametrize("lang, title", [("en", "PMO portfolio"), ("zh", "PMO项目组合")])
def test_headline_pains_chart_then_one_slide_per_workshop(portfolio, lang, title):
    prs = _deck(portfolio, lang)

    titles = _titles(prs)
    assert titles[0] == title
    assert titles[-2:] == [ws.title for ws in portfolio.workshops]
    headline = " ".join(s.text_frame.text for s in prs.slides[0].shapes if s.has_text_frame)
    # KPIs 4..13 of 0 → 10 are at or past pace half way through the year: 10 of 14 on track
    assert "10 / 14" in headline
    charts = _charts(prs)
    assert len(charts) == 1
    categories = list(charts[0].plots[0].categories)
    assert len(categories) == 3 and {"Sales", "研发"} <= set(categories)
    pains = [c.text for s in prs.slides for sh in s.shapes if sh.has_table for c in sh.table.rows[1].cells][:2]
    assert pains[0] == "Quotes take too long to prepare" and pains[1] == "2"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_text_under_14_pt_or_12_in_tables_and_nothing_overflows(portfolio, lang):
    prs = _deck(portfolio, lang)

    small = [
        (n, run.text[:30], run.font.size.pt if run.font.size else None)
        for n, run, in_table in _all_runs(prs)
        if run.font.size is None or run.font.size.pt < (12 if in_table else 14)
    ]
    assert small == []
    _assert_nothing_overflows(prs)
    _assert_nothing_cut(prs)


def test_a_workshop_slide_says_how_many_more_kpis_and_pains_it_did_not_list(portfolio):
    prs = _deck(portfolio, "en")
    slide = next(s for s in prs.slides if s.shapes.title.text_frame.text == "Sales East")

    texts = " ".join(sh.text_frame.text for sh in slide.shapes if sh.has_text_frame)
    assert "more" in texts
    listed = [row.cells[0].text for sh in slide.shapes if sh.has_table for row in list(sh.table.rows)[1:]]
    assert 0 < len(listed) < 14


def _figure_color(prs, slide: int, value: str):
    runs = [
        r
        for sh in prs.slides[slide].shapes
        if sh.has_text_frame
        for p in sh.text_frame.paragraphs
        for r in p.runs
        if r.text == value
    ]
    assert runs, value
    return runs[0].font.color.rgb


def test_the_on_track_figure_is_green_only_when_every_kpi_is(portfolio):
    from pmo_insight.export.slidekit import AMBER, GREEN, NAVY, RED

    prs = _deck(portfolio, "en")
    # the headline: 10 of 14 on track is amber, not a green that reads "all well"
    assert _figure_color(prs, 0, "10 / 14") == AMBER
    # the second workshop has no KPI at all: nothing to colour
    slide = _titles(prs).index("研发季度回顾")
    assert _figure_color(prs, slide, "0 / 0") == NAVY
    assert _figure_color(prs, _titles(prs).index("Sales East"), "10 / 14") == AMBER
    from pmo_insight.portfolio.deck import on_track_color
    from pmo_insight.portfolio.rag import Rag

    class K:
        def __init__(self, rag):
            self.rag = rag

    assert on_track_color([K(Rag.GREEN), K(Rag.GREEN)]) == GREEN
    assert on_track_color([K(Rag.RED), K(Rag.AMBER)]) == RED
