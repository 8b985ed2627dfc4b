"""The Chinese screens speak Chinese, even where Streamlit and AG Grid draw their own texts."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import Session

from pmo_insight.demo import create_demo_workshop
from pmo_insight.persistence.chain_loader import load_chain
from pmo_insight.persistence.db import make_engine, migrate
from pmo_insight.services import journeys
from tests.e2e.conftest import screenshot
from tests.e2e.readability import settle

pytestmark = pytest.mark.e2e
ENGLISH = ("No Rows To Show", "Press Enter to submit form", "Choose options", "yyyy", "Upload", "MB per file")
GRID = "iframe[title='st_aggrid.AgGrid.agGrid']"


def _zh_demo_with_an_empty_journey(database_url: str) -> None:
    engine = make_engine(database_url)
    migrate(engine)
    with Session(engine) as session:
        workshop = create_demo_workshop(session, lang="zh")
        chain = load_chain(session, workshop_id=workshop.id)
        for tp in chain.touchpoints_of(chain.journeys[0].id):  # the journey the screen opens on
            journeys.delete_touchpoint(session, touchpoint_id=tp.id)
        session.commit()
    engine.dispose()


def _open(page: Page, path: str) -> None:
    """The screen at ``/path``, whatever its place in the navigation."""
    page.locator(f"[data-testid=stSidebarNavLink][href$='/{path}']").click()
    settle(page)


def _no_english(page: Page) -> None:
    texts = page.get_by_test_id("stMain").inner_text()
    placeholders = page.locator("[data-testid=stMain] input[placeholder]").evaluate_all(
        "els => els.map(e => e.placeholder)"
    )
    for english in ENGLISH:
        assert english not in texts and english not in " ".join(placeholders), english


def test_library_texts_are_in_chinese(browser, running_app):
    _zh_demo_with_an_empty_journey(running_app.database_url)
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 720})
    page = context.new_page()
    page.goto(running_app.url)
    settle(page)

    _open(page, "personas")  # personas: the create form's hint after typing
    page.get_by_text("新建人物角色").first.click()
    page.locator(".st-key-new_persona_name input").fill("小王")
    expect(page.get_by_test_id("InputInstructions").first).to_contain_text("按回车键提交表单")
    _no_english(page)

    _open(page, "journey")  # journey: the empty grid, on its Table tab
    page.get_by_role("tab").filter(has_text="✏️").click()
    settle(page)
    expect(page.frame_locator(GRID).locator(".ag-overlay-no-rows-center")).to_contain_text("没有可显示的行")
    _no_english(page)

    _open(page, "canvas")  # canvas: an empty multiselect and an empty date on the KPI tab
    page.get_by_role("tab").nth(2).click()
    settle(page)
    expect(page.locator("[class*=st-key-kpi_new_] [data-testid=stDateInputField]").first).to_contain_text("年")
    placeholder = page.locator("[class*=st-key-kpi_new_] [data-testid=stMultiSelect] input").first
    expect(placeholder).to_have_attribute("placeholder", "请选择(可多选)")
    _no_english(page)

    _open(page, "export")  # export: the uploader's button and size line
    dropzone = page.get_by_test_id("stFileUploaderDropzone")
    expect(dropzone).to_contain_text("上传")
    expect(dropzone).to_contain_text("每个文件不超过 16 MB")
    _no_english(page)
    screenshot(page, "export-zh-1280")
    context.close()
