"""Guessing the passphrase across two server processes on one database, in real Chromium.

Three wrong passphrases on one process and two on the other make five from one client address:
both processes then refuse the next attempt, the right passphrase included, and say so.
"""

from __future__ import annotations

import hashlib

import pytest
from playwright.sync_api import Browser, Page, expect

from pmo_insight.review.signin import HASH_ENV
from tests.e2e.conftest import wait_for_app
from tests.servers import app_servers

pytestmark = pytest.mark.e2e
PASSPHRASE = "correct horse battery"
FIRST_LOAD_MS = 60_000


def _try(page: Page, passphrase: str) -> None:
    box = page.locator(".st-key-signin_passphrase input")
    box.fill(passphrase)
    page.get_by_role("button", name="Sign in").click()
    wait_for_app(page)


@pytest.fixture
def two_servers(new_database, tmp_path):
    env = {HASH_ENV: hashlib.sha256(PASSPHRASE.encode()).hexdigest()}
    with app_servers(2, new_database(), tmp_path, extra_env=env) as apps:
        yield apps


def test_five_wrong_passphrases_over_two_processes_lock_both_and_the_screens_say_so(browser: Browser, two_servers):
    first, second = (browser.new_context(locale="en-US").new_page() for _ in two_servers)
    for page, app in zip((first, second), two_servers, strict=True):
        page.goto(app.url + "/")
        wait_for_app(page)
        expect(page.get_by_role("heading", name="Facilitator sign-in")).to_be_visible(timeout=FIRST_LOAD_MS)

    for n in range(3):
        _try(first, f"wrong {n}")
        expect(first.get_by_text("That passphrase is not right.")).to_be_visible()
    _try(second, "wrong 3")
    expect(second.get_by_text("That passphrase is not right.")).to_be_visible()
    _try(second, "wrong 4")
    expect(second.get_by_text("Too many wrong attempts from here")).to_be_visible()

    _try(first, PASSPHRASE)  # the other process counts the same attempts
    expect(first.get_by_text("Too many wrong attempts from here")).to_be_visible()
    expect(first.get_by_role("heading", name="Facilitator sign-in")).to_be_visible()
    assert first.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").count() == 0
