"""Presenter mode in real Chromium at 1920×1080: arrow keys walk the slides, nothing under 20 px."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from pmo_insight.demo import create_demo_workshop
from pmo_insight.live import sessions
from tests.apptest import AppDatabase
from tests.e2e.conftest import screenshot, wait_for_app

pytestmark = pytest.mark.e2e

#: Every element of the main area that shows text of its own, with its font size, if under 20 px.
SMALL_TEXT = """() => [...document.querySelectorAll('[data-testid="stMain"] *')]
  .filter((el) => el.offsetParent && [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim()))
  .map((el) => [el.textContent.trim().slice(0, 40), parseFloat(getComputedStyle(el).fontSize)])
  .filter(([, size]) => size < 20)"""


def _position(page: Page):
    return page.get_by_text(re.compile(r"^\d+ of \d+ · ← → to move$"))


def test_the_arrow_keys_walk_every_slide_and_no_text_is_under_20_px(page: Page, running_app):
    db = AppDatabase(running_app.database_url)
    workshop = db.run(create_demo_workshop, lang="en")
    code = db.run(sessions.start_session, workshop_id=workshop.id, minutes=10).code
    db.engine.dispose()

    page.goto(f"{running_app.url}/present?workshop={workshop.id}")
    wait_for_app(page, timeout=90_000)
    expect(_position(page)).to_contain_text("1 of ")
    total = int(_position(page).inner_text().split(" of ")[1].split(" ")[0])
    assert total >= 4
    expect(page.get_by_test_id("stSidebar")).to_be_hidden()
    expect(page.locator(".present-code")).to_have_text(code)

    for number in range(1, total + 1):
        expect(_position(page)).to_contain_text(f"{number} of {total}")
        wait_for_app(page)
        small = page.evaluate(SMALL_TEXT)
        assert small == [], f"slide {number}: {small}"
        if number == 1:
            screenshot(page, "present-first-slide-en")
        page.keyboard.press("ArrowRight")
    expect(_position(page)).to_contain_text(f"{total} of {total}")  # the last slide stays the last
    page.keyboard.press("ArrowLeft")
    expect(_position(page)).to_contain_text(f"{total - 1} of {total}")
