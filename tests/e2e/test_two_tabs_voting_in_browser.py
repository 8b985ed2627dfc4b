"""One participant, one link, two devices (two browser contexts) tapping "vote" at the same moment,
in real Chromium: every dot is counted once, within the cap, and neither screen shows an error box.

Run on PostgreSQL too (marker ``both_databases``): the lock a vote takes differs per database.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from pmo_insight.live import sessions
from pmo_insight.live.models import PER_ITEM_MAX
from pmo_insight.persistence.chain_loader import load_chain
from pmo_insight.services import empathy, personas, workshops
from tests.apptest import AppDatabase
from tests.e2e.conftest import wait_for_app

pytestmark = [pytest.mark.e2e, pytest.mark.both_databases]
PHONE = {"viewport": {"width": 390, "height": 844}, "locale": "en-US", "is_mobile": True, "has_touch": True}


@pytest.fixture
def db(running_app):
    database = AppDatabase(running_app.database_url)
    yield database
    database.engine.dispose()


def _both_tap(first: Page, second: Page, key: str) -> None:
    """Both devices tap the same button at once: the clicks are dispatched back to back, without
    waiting for either server round trip."""
    buttons = [page.locator(f".st-key-{key} button:visible").first for page in (first, second)]
    for button in buttons:
        expect(button).to_be_enabled()
    for button in buttons:
        button.dispatch_event("click")
    for page in (first, second):
        wait_for_app(page)


def test_one_link_open_on_two_devices_voting_at_once_counts_each_dot_once(browser: Browser, running_app, db):
    ws = db.run(workshops.create_workshop, title="Two tabs")
    persona = db.run(personas.create_persona, workshop_id=ws.id, name="COO")
    emap = db.run(empathy.create_map, persona_id=persona.id, scenario="Deciding on a PMO")
    note = db.run(empathy.add_note, map_id=emap.id, quadrant="pains", text="Reports nobody reads").id
    live = db.run(sessions.start_session, workshop_id=ws.id, budget=5)

    phone = browser.new_context(**PHONE).new_page()
    phone.goto(f"{running_app.url}/?join={live.code}")
    wait_for_app(phone)
    phone.locator(".st-key-join_name input").fill("Li Na")
    phone.locator(".st-key-join_submit button").click()
    expect(phone).to_have_url(re.compile(rf"join={live.code}&p=[\w-]{{20,}}"))
    laptop = browser.new_context(viewport={"width": 1280, "height": 720}, locale="en-US").new_page()
    laptop.goto(phone.url)  # the same person: the same link on a second device
    wait_for_app(laptop)
    wait_for_app(phone)

    # The first dot on the note from both at once, then two more taps at once past the cap of 3.
    _both_tap(phone, laptop, f"join_vote_{note}")
    _both_tap(phone, laptop, f"join_vote_{note}")

    chain = db.run(load_chain, workshop_id=ws.id)
    assert [(v.target_id, v.count) for v in chain.dot_votes] == [(note, PER_ITEM_MAX)]
    assert [n.votes for n in chain.notes] == [PER_ITEM_MAX]
    for page in (phone, laptop):
        expect(page.get_by_test_id("stMetricValue").first).to_have_text("2 / 5", timeout=15_000)
        assert page.get_by_test_id("stException").count() == 0
    refused = [page for page in (phone, laptop) if page.get_by_text("At most 3 of your votes").count()]
    assert len(refused) == 1  # of the four taps exactly one was refused, on the device that made it
