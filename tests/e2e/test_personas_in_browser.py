"""Personas on the shared screen, in a real Chromium: create by keyboard, the stakeholder map, the grid.

Keyboard cost of one persona, as this flow performs it: its name and Enter, after one click into the
Name box for the session (plus one click on "New persona" when personas already exist and the form
is folded). The box keeps the focus, so the next persona is again just its name and Enter.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from pmo_insight.demo import create_demo_workshop
from pmo_insight.services import personas, workshops
from tests.apptest import AppDatabase
from tests.e2e.conftest import screenshot, wait_for_app

pytestmark = pytest.mark.e2e


@pytest.fixture
def db(running_app):
    database = AppDatabase(running_app.database_url)
    yield database
    database.engine.dispose()


def _open_personas(page: Page, url: str) -> None:
    page.goto(url)
    wait_for_app(page)
    # The first run after start-up lists the bare pages/ folder until app.py's navigation is up.
    expect(page.get_by_role("heading", name="PMO Insight Studio").first).to_be_visible()
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Personas").click()
    wait_for_app(page)


def test_personas_are_created_with_their_name_and_enter_and_the_name_box_stays_ready(page: Page, running_app, db):
    ws = db.run(workshops.create_workshop, title="Live workshop")
    _open_personas(page, running_app.url)

    page.get_by_label("Name", exact=True).click()
    clicks, keys = 1, 0
    for name in ("Xiao Li", "张伟 👔"):
        page.keyboard.type(name)
        page.keyboard.press("Enter")
        keys += len(name) + 1
        wait_for_app(page)
        expect(page.get_by_role("heading", name=name, level=3)).to_be_visible()
        expect(page.get_by_label("Name", exact=True)).to_have_value("")
        expect(page.get_by_label("Name", exact=True)).to_be_focused()  # ready for the next persona

    assert [p.name for p in db.run(personas.list_personas, workshop_id=ws.id)] == ["Xiao Li", "张伟 👔"]
    # One click for the whole session, then each persona is its name and Enter.
    assert (clicks, keys) == (1, len("Xiao Li") + len("张伟 👔") + 2)
    expect(page.get_by_text("Assumption").first).to_be_visible()


def test_the_stakeholder_map_renders_every_persona(page: Page, running_app, db):
    db.run(create_demo_workshop, lang="en")
    _open_personas(page, running_app.url)
    screenshot(page, "personas-gallery-en")

    page.get_by_role("tab", name="Stakeholder map").click()
    chart = page.get_by_test_id("stVegaLiteChart").locator("svg.marks").first
    expect(chart).to_be_visible()
    box = chart.bounding_box()
    assert box["width"] > 1000 and box["height"] > 500
    for text in ("MANAGE CLOSELY", "KEEP SATISFIED", "KEEP INFORMED", "MONITOR", "Xiao Li", "Zhang Wei"):
        expect(chart).to_contain_text(text)
    screenshot(page, "personas-map-en")


def test_editing_a_cell_in_the_grid_and_saving_updates_the_persona(page: Page, running_app, db):
    ws = db.run(workshops.create_workshop, title="Workshop")
    db.run(personas.create_persona, workshop_id=ws.id, name="Xiao Li", role="PM")
    _open_personas(page, running_app.url)
    page.get_by_role("tab", name="Compare and edit").click()

    grid = page.frame_locator("iframe[title='st_aggrid.AgGrid.agGrid']")
    cell = grid.locator(".ag-cell[col-id='role']").first
    expect(cell).to_have_text("PM")
    cell.dblclick()
    page.keyboard.press("Control+A")
    page.keyboard.type("Senior PM")
    page.keyboard.press("Enter")
    wait_for_app(page)
    save = page.get_by_role("button", name="Save 1 change(s)")
    expect(save).to_be_enabled()
    save.click()
    wait_for_app(page)

    expect(page.get_by_text("1 persona(s) saved.")).to_be_visible()
    assert [p.role for p in db.run(personas.list_personas, workshop_id=ws.id)] == ["Senior PM"]
    screenshot(page, "personas-table-en")


def test_the_chinese_persona_screen_and_map(page: Page, running_app, db):
    db.run(create_demo_workshop, lang="zh")
    _open_personas(page, running_app.url)
    page.get_by_test_id("stSidebar").get_by_text("简体中文").click()
    wait_for_app(page)

    expect(page.get_by_role("heading", name="👤 人物角色")).to_be_visible()
    expect(page.get_by_text("影响力 2 · 关注度 5")).to_be_visible()  # Xiao Li's scores on his card
    screenshot(page, "personas-gallery-zh")
    page.get_by_role("tab", name="利益相关者地图").click()
    chart = page.get_by_test_id("stVegaLiteChart").locator("svg.marks").first
    expect(chart).to_contain_text("重点管理")
    expect(chart).to_contain_text("小李")
    screenshot(page, "personas-map-zh")
