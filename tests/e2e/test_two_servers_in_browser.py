"""Two app server processes on one database, each with its own browser: what one writes, the other shows.

Run on PostgreSQL too (marker ``both_databases``): it is the team deployment without its proxy.
A screen that is not live sees the change when it reruns (the first test: a reload); a live
screen polls the workshop revision and shows it with nobody touching it (the second).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from pmo_insight.live import sessions
from pmo_insight.services import empathy, personas, workshops
from tests.apptest import AppDatabase
from tests.e2e.conftest import wait_for_app

pytestmark = [pytest.mark.e2e, pytest.mark.both_databases]


def test_a_demo_loaded_through_one_server_is_listed_by_the_other(browser, running_apps):
    first, second = running_apps(2)
    facilitator = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="en-US").new_page()
    colleague = browser.new_context(viewport={"width": 1280, "height": 720}, locale="en-US").new_page()
    facilitator.goto(first.url)
    colleague.goto(second.url)
    # Each server's first run imports the whole app; two at once on a loaded machine take a while.
    wait_for_app(facilitator, timeout=90_000)
    wait_for_app(colleague, timeout=90_000)
    expect(colleague.get_by_text("No workshops yet")).to_be_visible()

    facilitator.get_by_role("button", name="Load the demo workshop").click()
    # The demo writes about a thousand rows: on a loaded machine that outlasts the usual 20 s.
    expect(facilitator.get_by_text("4 of 4 tools hold content")).to_be_visible(timeout=90_000)
    colleague.reload()
    wait_for_app(colleague)

    expect(colleague.get_by_text("4 of 4 tools hold content")).to_be_visible()
    assert first.port != second.port and first.database_url == second.database_url


def test_a_note_sent_through_one_server_appears_on_the_other_servers_live_screen_untouched(browser, running_apps):
    """The room's phones on one process, the projector on another: the projector's live board polls
    the workshop revision in the shared database and shows the note with nobody touching it.
    (How fast, at the 50th and 95th percentile, is measured by ``benchmarks/live_room.py --servers 2``.)
    """
    first, second = running_apps(2)
    db = AppDatabase(first.database_url)
    ws = db.run(workshops.create_workshop, title="Two-server room")
    persona = db.run(personas.create_persona, workshop_id=ws.id, name="COO")
    db.run(empathy.create_map, persona_id=persona.id, scenario="Deciding on a PMO")
    code = db.run(sessions.start_session, workshop_id=ws.id).code
    db.engine.dispose()

    projector = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="en-US").new_page()
    projector.goto(f"{second.url}/empathy?workshop={ws.id}")
    expect(projector.locator(".live-code")).to_have_text(code, timeout=90_000)
    phone = browser.new_context(viewport={"width": 390, "height": 844}, locale="en-US", is_mobile=True).new_page()
    phone.goto(f"{first.url}/?join={code}")
    wait_for_app(phone, timeout=90_000)
    phone.locator(".st-key-join_name input").fill("Li Na")
    phone.locator(".st-key-join_submit button").click()
    box = phone.locator(".st-key-join_note textarea")
    box.fill("Sent through the first server")
    box.press("Enter")

    expect(projector.locator(".live-board [data-group='says']")).to_contain_text("Sent through the first server")
    expect(projector.get_by_test_id("stMetric").filter(has_text="Joined")).to_contain_text("1")
