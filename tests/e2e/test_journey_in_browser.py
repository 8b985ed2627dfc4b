"""The journey screen in a real Chromium: edit an emotion in the grid, save, see the curve and the database follow."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import Session

from pmo_insight.demo import create_demo_workshop
from pmo_insight.models import Touchpoint
from pmo_insight.persistence.chain_loader import load_chain
from pmo_insight.persistence.db import make_engine, migrate
from tests.e2e.conftest import screenshot, wait_for_app

pytestmark = pytest.mark.e2e
GRID = "iframe[title='st_aggrid.AgGrid.agGrid']"


def _load_demo(database_url: str, lang: str) -> int:
    """The training journey's first touchpoint id."""
    engine = make_engine(database_url)
    migrate(engine)
    with Session(engine) as session:
        ws = create_demo_workshop(session, lang=lang)
        session.commit()
        chain = load_chain(session, workshop_id=ws.id)
        first = chain.touchpoints_of(chain.journeys[0].id)[0].id
    engine.dispose()
    return first


def _emotion(database_url: str, touchpoint_id: int) -> int:
    engine = make_engine(database_url)
    with Session(engine) as session:
        value = session.get(Touchpoint, touchpoint_id).emotion_now
    engine.dispose()
    return value


def _grid(page: Page):
    """The grid's frame, once a save's redraw has replaced the old grid."""
    expect(page.locator(GRID)).to_have_count(1, timeout=10_000)
    return page.frame_locator(GRID)


def _open_journey(page: Page, url: str, nav_title: str) -> None:
    page.goto(url)
    wait_for_app(page)
    page.get_by_test_id("stSidebarNav").get_by_text(nav_title).click()
    wait_for_app(page)
    page.get_by_role("tab").filter(has_text="✏️").click()  # the grid is on the Table tab
    wait_for_app(page)
    _grid(page).locator(".ag-row").first.wait_for(timeout=20_000)


def test_an_emotion_typed_into_the_grid_is_saved_and_moves_the_curve(page: Page, running_app):
    first = _load_demo(running_app.database_url, "en")
    _open_journey(page, running_app.url, "Journey map")
    breaks = page.get_by_text("Experience breaks:")
    expect(breaks).not_to_contain_text("Hears about the course")

    cell = _grid(page).locator(".ag-row[row-index='0'] .ag-cell[col-id='emotion_now']")
    expect(cell).to_have_text("1")
    cell.dblclick()
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type("-3")
    page.keyboard.press("Enter")
    wait_for_app(page)
    expect(page.get_by_text("1 unsaved change(s)")).to_be_visible()
    assert _emotion(running_app.database_url, first) == 1  # nothing stored before saving

    page.get_by_role("button", name="Save journey").click()
    wait_for_app(page)

    expect(page.get_by_text("Journey saved: 0 added, 1 changed, 0 deleted.")).to_be_visible()
    assert _emotion(running_app.database_url, first) == -3
    expect(breaks).to_contain_text("Hears about the course from a colleague (-3)")
    expect(_grid(page).locator(".ag-row[row-index='0'] .ag-cell[col-id='emotion_now']")).to_have_text("-3")
    page.get_by_test_id("stVegaLiteChart").first.scroll_into_view_if_needed()
    screenshot(page, "journey-curve-after-edit-en")


def test_the_chinese_curve_and_matrix_render_with_chinese_labels(browser, running_app):
    _load_demo(running_app.database_url, "zh")
    context = browser.new_context(locale="zh-CN", viewport={"width": 1920, "height": 1080})
    page = context.new_page()
    _open_journey(page, running_app.url, "旅程图")
    page.get_by_test_id("stSidebar").get_by_text(
        "简体中文"
    ).click()  # see the report: the choice can reset on navigation
    wait_for_app(page)

    expect(page.get_by_text("体验断点:")).to_contain_text("等待报名的跨部门审批", timeout=15_000)
    charts = page.get_by_test_id("stVegaLiteChart")
    expect(charts).to_have_count(2)
    expect(page.get_by_text("速赢(4)")).to_be_visible()
    for index, name in ((0, "journey-curve-zh"), (1, "journey-matrix-zh")):
        chart = charts.nth(index)
        chart.scroll_into_view_if_needed()
        expect(chart.locator("canvas, svg").first).to_be_visible()
        page.wait_for_timeout(500)
        chart.screenshot(path=str(screenshot(page, name).with_name(f"{name}-chart.png")))
    context.close()
