"""An unsaved grid edit survives a page switch in a real Chromium: offered back, never claimed saved."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import screenshot, wait_for_app
from tests.e2e.test_journey_in_browser import _emotion, _grid, _load_demo, _open_journey

pytestmark = pytest.mark.e2e


def test_an_unsaved_cell_edit_is_offered_back_after_a_page_switch_and_then_saved(page: Page, running_app):
    first = _load_demo(running_app.database_url, "en")
    _open_journey(page, running_app.url, "Journey map")
    cell = _grid(page).locator(".ag-row[row-index='0'] .ag-cell[col-id='emotion_now']")
    cell.dblclick()
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type("-2")
    page.keyboard.press("Enter")
    wait_for_app(page)
    expect(page.get_by_text("1 unsaved change(s)")).to_be_visible()

    page.get_by_test_id("stSidebarNav").get_by_text("Personas").click()
    wait_for_app(page)
    page.get_by_test_id("stSidebarNav").get_by_text("Journey map").click()
    wait_for_app(page)

    expect(page.get_by_text("You have unsaved edits to this grid from earlier")).to_be_visible()
    expect(page.get_by_text("1 unsaved change(s)")).to_be_visible()
    expect(page.get_by_text("All changes saved")).to_have_count(0)
    expect(_grid(page).locator(".ag-row[row-index='0'] .ag-cell[col-id='emotion_now']")).to_have_text("-2")
    screenshot(page, "journey-grid-draft-offered-back-en")
    assert _emotion(running_app.database_url, first) == 1  # a draft, not saved behind the user's back

    page.get_by_role("button", name="Save journey").click()
    wait_for_app(page)

    expect(page.get_by_text("Journey saved: 0 added, 1 changed, 0 deleted.")).to_be_visible()
    assert _emotion(running_app.database_url, first) == -2
    expect(page.get_by_text("You have unsaved edits to this grid from earlier")).to_have_count(0)
