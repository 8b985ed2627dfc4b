"""Text typed into a canvas item's editor and not saved survives a trip to another screen through
the sidebar, in a real Chromium: it comes back marked as an unsaved draft, and nothing is saved
behind the user's back."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from pmo_insight.demo import create_demo_workshop
from pmo_insight.models import CanvasItem
from pmo_insight.persistence.chain_loader import load_chain
from tests.apptest import AppDatabase
from tests.e2e.conftest import screenshot, wait_for_app

pytestmark = pytest.mark.e2e
SLOW = 120_000
TYPED = "Typed on the projector, not saved yet 草稿"


def _first_item(db: AppDatabase) -> tuple[int, str]:
    def first(session) -> tuple[int, str]:
        ws = create_demo_workshop(session, lang="en")
        session.flush()
        chain = load_chain(session, workshop_id=ws.id)
        item = chain.items_of(chain.canvases[0].id)[0]
        return item.id, item.text

    return db.run(first)


def _stored_text(db: AppDatabase, item_id: int) -> str:
    return db.run(lambda session: session.get(CanvasItem, item_id).text)


def _go(page: Page, nav_title: str) -> None:
    page.get_by_test_id("stSidebarNav").get_by_text(nav_title).click()
    wait_for_app(page, SLOW)


def _open_item(page: Page, item_id: int):
    page.locator(f".st-key-item_pop_{item_id} button").first.click()
    editor = page.locator(f".st-key-item_text_{item_id} textarea")
    editor.wait_for(timeout=SLOW)
    return editor


def test_a_canvas_item_typed_into_survives_a_sidebar_trip_to_another_screen(page: Page, running_app):
    db = AppDatabase(running_app.database_url)
    item_id, original = _first_item(db)
    page.goto(running_app.url)
    wait_for_app(page, SLOW)
    _go(page, "Value canvas")

    editor = _open_item(page, item_id)
    editor.fill(TYPED)
    # Straight from the box to the sidebar, no Save: the first click closes the popover (which
    # hands the typed text to the app), the second one opens the other screen.
    _go(page, "Personas")
    if "/personas" not in page.url:
        _go(page, "Personas")
    assert "/personas" in page.url
    _go(page, "Value canvas")

    editor = _open_item(page, item_id)
    expect(editor).to_have_value(TYPED, timeout=SLOW)
    expect(page.get_by_text("Unsaved draft").first).to_be_visible(timeout=SLOW)
    screenshot(page, "canvas-item-draft-after-page-switch-en")
    assert _stored_text(db, item_id) == original  # a draft, nothing saved yet

    page.locator(f".st-key-item_save_{item_id} button").click()
    wait_for_app(page, SLOW)
    assert _stored_text(db, item_id) == TYPED
    expect(page.get_by_text("Unsaved draft")).to_have_count(0, timeout=SLOW)
