"""What a facilitator does first, in a real Chromium: load the demo, see it, switch language."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import Session

from pmo_insight.persistence.db import make_engine
from pmo_insight.services import workshops
from tests.e2e.conftest import screenshot, wait_for_app

pytestmark = pytest.mark.e2e


def _workshops_in(database_url: str) -> list[workshops.WorkshopSummary]:
    engine = make_engine(database_url)
    with Session(engine) as session:
        summaries = workshops.list_workshops(session)
    engine.dispose()
    return summaries


def test_a_facilitator_loads_the_demo_sees_its_progress_and_switches_to_chinese(page: Page, running_app):
    page.goto(running_app.url)
    wait_for_app(page)
    expect(page.get_by_text("No workshops yet")).to_be_visible()

    page.get_by_role("button", name="Load the demo workshop").click()
    expect(page.get_by_text("4 of 4 tools hold content")).to_be_visible()

    (summary,) = _workshops_in(running_app.database_url)
    assert summary.progress.tools_with_content == 4
    expect(page.get_by_role("heading", name=summary.workshop.title)).to_be_visible()
    expect(page.get_by_text("4 of 4 tools hold content")).to_be_visible()
    personas_metric = page.get_by_test_id("stMetric").filter(has_text="Personas").first
    expect(personas_metric).to_contain_text(str(summary.progress.personas))
    screenshot(page, "home-en")

    page.get_by_test_id("stSidebar").get_by_text("简体中文").click()
    wait_for_app(page)

    expect(page.get_by_role("heading", name="PMO 洞察工作室").first).to_be_visible()
    expect(page.get_by_role("button", name="载入示例工作坊")).to_be_visible()
    expect(page.get_by_text("四项工具中已有 4/4 项有内容")).to_be_visible()
    screenshot(page, "home-zh")


def test_a_chinese_browser_gets_the_chinese_interface_by_default(browser, running_app):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1920, "height": 1080})
    page = context.new_page()
    page.goto(running_app.url)
    wait_for_app(page)

    expect(page.get_by_role("button", name="载入示例工作坊")).to_be_visible()
    context.close()


def test_a_workshop_title_with_html_and_script_is_shown_as_text_and_never_runs(page: Page, running_app):
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    hostile = '<img src=x onerror="alert(1)"> <script>alert(2)</script> [link](javascript:alert(3))'
    page.goto(running_app.url)
    wait_for_app(page)

    page.get_by_label("Title").fill(hostile)
    page.get_by_role("button", name="Create workshop").click()
    expect(page.get_by_text("0 of 4 tools hold content")).to_be_visible()

    assert [s.workshop.title for s in _workshops_in(running_app.database_url)] == [hostile]
    heading = page.get_by_role("heading", level=3).filter(has_text="onerror").first
    expect(heading).to_contain_text('<img src=x onerror="alert(1)">')
    expect(heading).to_contain_text("[link](javascript:alert(3))")
    assert page.locator("[data-testid='stMain'] img[src='x']").count() == 0
    page.wait_for_timeout(500)
    assert dialogs == []


def test_a_page_url_opened_first_on_a_fresh_server_still_gets_the_sidebar(page: Page, running_app):
    """Streamlit's old pages-folder mode would run the page file alone, without app.py's sidebar."""
    page.goto(f"{running_app.url}/home")
    wait_for_app(page)

    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_text("简体中文")).to_be_visible()
    expect(page.get_by_role("heading", name="PMO Insight Studio").first).to_be_visible()


def test_the_chosen_language_survives_switching_screens(browser, running_app):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1920, "height": 1080})
    page = context.new_page()
    page.goto(running_app.url)
    expect(page.get_by_role("button", name="载入示例工作坊")).to_be_visible()
    page.get_by_role("button", name="载入示例工作坊").click()
    expect(page.get_by_text("四项工具中已有 4/4 项有内容")).to_be_visible()

    page.get_by_test_id("stSidebarNav").get_by_text("洞察链").click()
    wait_for_app(page)

    chinese = page.get_by_test_id("stSidebar").get_by_role("radio", name="简体中文")
    expect(chinese).to_be_checked()
    expect(page.get_by_role("heading", name="洞察链").first).to_be_visible()
    context.close()
