"""An unsaved grid edit survives a page switch in a real Chromium: offered back, never claimed saved."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import screenshot
from tests.e2e.test_journey_in_browser import GRID, _emotion, _load_demo

pytestmark = pytest.mark.e2e
#: Page switches rebuild the grid's iframe; on a busy machine that takes well over the default wait.
SLOW = 120_000


def _idle(page: Page) -> None:
    page.wait_for_timeout(1500)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=SLOW)


def _go(page: Page, nav_title: str) -> None:
    page.get_by_test_id("stSidebarNav").get_by_text(nav_title).click()
    _idle(page)


def _emotion_cell(page: Page):
    return page.frame_locator(GRID).locator(".ag-row[row-index='0'] .ag-cell[col-id='emotion_now']")


def test_an_unsaved_cell_edit_is_offered_back_after_a_page_switch_and_then_saved(page: Page, running_app):
    first = _load_demo(running_app.database_url, "en")
    page.goto(running_app.url)
    _idle(page)
    _go(page, "Journey map")
    page.get_by_role("tab").filter(has_text="✏️").click()  # the grid is on the Table tab
    _idle(page)
    _emotion_cell(page).wait_for(timeout=SLOW)
    _emotion_cell(page).dblclick()
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type("-2")
    page.keyboard.press("Enter")
    _idle(page)
    expect(page.get_by_text("1 unsaved change(s)")).to_be_visible(timeout=SLOW)

    _go(page, "Personas")
    _go(page, "Journey map")  # back on the tab it was left on

    expect(page.get_by_text("You have unsaved edits to this grid from earlier")).to_be_visible(timeout=SLOW)
    expect(page.get_by_text("1 unsaved change(s)")).to_be_visible()
    expect(page.get_by_text("All changes saved")).to_have_count(0)
    expect(_emotion_cell(page)).to_have_text("-2", timeout=SLOW)
    screenshot(page, "journey-grid-draft-offered-back-en")
    assert _emotion(running_app.database_url, first) == 1  # a draft, not saved behind the user's back

    page.get_by_role("button", name="Save journey").click()
    _idle(page)

    expect(page.get_by_text("Journey saved: 0 added, 1 changed, 0 deleted.")).to_be_visible(timeout=SLOW)
    assert _emotion(running_app.database_url, first) == -2
    expect(page.get_by_text("You have unsaved edits to this grid from earlier")).to_have_count(0)
