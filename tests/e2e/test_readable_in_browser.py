"""Readable from the back of the room: no text on any screen smaller than the app's body text.

Every screen of the demo workshop is opened in Chromium at 1920×1080 and 1280×720, in English and
Chinese, and every visible text measured at its computed size (inside the grid's iframe too, and
scaled for SVG charts and the chain graph, see tests/e2e/readability.py). The limit is the app's
body text (17.85 px) at 1920 and 16 px at 1280.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sqlmodel import Session

from pmo_insight.demo import create_demo_workshop
from pmo_insight.persistence.db import make_engine, migrate
from tests.e2e.conftest import screenshot
from tests.e2e.readability import measure, settle, too_small

pytestmark = pytest.mark.e2e
BODY_TEXT_PX = 17.85  # 1.05rem at the theme's baseFontSize 17
LIMITS = {(1920, 1080): BODY_TEXT_PX, (1280, 720): 16.0}
#: Screens by URL path; "journey:table" is the journey screen's Table tab (its grid is built only there).
SCREENS = ("", "personas", "empathy", "journey", "journey:table", "canvas", "chain", "export")
GRID = "iframe[title='st_aggrid.AgGrid.agGrid']"


def _load_demo(database_url: str, lang: str) -> None:
    engine = make_engine(database_url)
    migrate(engine)
    with Session(engine) as session:
        create_demo_workshop(session, lang=lang)
        session.commit()
    engine.dispose()


def _settle(page, screen: str) -> None:
    settle(page)
    if screen == "journey":
        expect(page.get_by_test_id("stVegaLiteChart").first.locator("svg text").first).to_be_attached()
    if screen == "journey:table":
        page.frame_locator(GRID).locator(".ag-row").first.wait_for(timeout=20_000)
    if screen == "chain":
        expect(page.get_by_test_id("stGraphVizChart").locator("svg text").first).to_be_attached()
    page.wait_for_timeout(800)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("size", list(LIMITS), ids=lambda s: f"{s[0]}x{s[1]}")
def test_no_text_on_any_screen_is_smaller_than_body_text(browser, running_app, size, lang):
    _load_demo(running_app.database_url, lang)
    width, height = size
    context = browser.new_context(
        viewport={"width": width, "height": height}, locale="zh-CN" if lang == "zh" else "en-US"
    )
    page = context.new_page()
    limit = LIMITS[size]
    failures: dict[str, list[str]] = {}
    smallest: dict[str, float] = {}
    page.goto(running_app.url)
    settle(page)
    links = page.get_by_test_id("stSidebarNavLink")
    expect(links.first).to_be_visible(timeout=120_000)
    for screen in SCREENS:
        path, _, tab = screen.partition(":")
        if tab:
            page.get_by_role("tab").filter(has_text="✏️").click()
        else:
            (links.first if not path else page.locator(f"[data-testid=stSidebarNavLink][href$='/{path}']")).click()
        expect(page.get_by_test_id("stMain").locator("h1").first).to_be_visible(timeout=120_000)
        _settle(page, screen)
        assert page.get_by_test_id("stException").count() == 0, screen
        texts = measure(page)
        for _ in range(20):  # a screen still being drawn has little text yet
            if len(texts) > 20:
                break
            page.wait_for_timeout(1000)
            texts = measure(page)
        assert len(texts) > 20, f"{screen or 'home'}: only {len(texts)} texts measured"
        smallest[screen or "home"] = texts[0].size
        small = too_small(texts, limit)
        if small:
            failures[screen or "home"] = [f"{t.size:.2f}px {t.where} [{t.frame}] {t.text!r}" for t in small[:8]]
            screenshot(page, f"too-small-{screen or 'home'}-{width}-{lang}")
    print(f"smallest text per screen at {width}x{height} {lang}: {smallest}")
    context.close()
    assert not failures, f"text under {limit}px at {width}x{height} ({lang}): {failures}"
