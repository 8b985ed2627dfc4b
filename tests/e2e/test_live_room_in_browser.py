"""The room takes part, in real Chromium: a phone (390×844) joins by code and a projector
(1920×1080) shows what it adds, with nobody touching the projector.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from pmo_insight.live import sessions
from pmo_insight.persistence.chain_loader import load_chain
from pmo_insight.services import empathy, personas, workshops
from tests.apptest import AppDatabase
from tests.e2e.conftest import screenshot, wait_for_app

pytestmark = pytest.mark.e2e
#: The first screen of a freshly started server on a loaded machine can take this long.
FIRST_LOAD_MS = 60_000
PHONE = {"viewport": {"width": 390, "height": 844}, "locale": "en-US", "is_mobile": True, "has_touch": True}


@pytest.fixture
def db(running_app):
    database = AppDatabase(running_app.database_url)
    yield database
    database.engine.dispose()


@pytest.fixture
def room(db):
    ws = db.run(workshops.create_workshop, title="Live room")
    persona = db.run(personas.create_persona, workshop_id=ws.id, name="Zhang Wei", avatar="👔")
    emap = db.run(empathy.create_map, persona_id=persona.id, scenario="Deciding on a PMO")
    first = db.run(empathy.add_note, map_id=emap.id, quadrant="pains", text="Reports nobody reads")
    second = db.run(empathy.add_note, map_id=emap.id, quadrant="gains", text="Risks seen early")
    live = db.run(sessions.start_session, workshop_id=ws.id, budget=2)
    return {"workshop": ws.id, "map": emap.id, "notes": (first.id, second.id), "code": live.code}


def _join(phone: Page, url: str, code: str) -> None:
    phone.goto(f"{url}/?join={code}")
    wait_for_app(phone)
    phone.locator(".st-key-join_name input").fill("Li Na")
    phone.locator(".st-key-join_department input").fill("Finance")
    phone.locator(".st-key-join_submit button").click()
    expect(phone.get_by_text("Li Na · Finance")).to_be_visible()


def _press(phone: Page, key: str) -> None:
    wait_for_app(phone)
    phone.locator(f".st-key-{key} button:visible").first.click()


def _votes_left(phone: Page):
    return phone.get_by_test_id("stMetricValue").first


def test_a_phone_joins_adds_a_note_and_votes_and_the_projector_keeps_up_by_itself(
    browser: Browser, running_app, db, room
):
    projector = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="en-US").new_page()
    projector.goto(f"{running_app.url}/empathy?workshop={room['workshop']}")
    wait_for_app(projector)
    expect(projector.locator(".live-code")).to_have_text(room["code"], timeout=FIRST_LOAD_MS)
    phone_context = browser.new_context(**PHONE)
    phone = phone_context.new_page()
    _join(phone, running_app.url, room["code"])
    expect(phone).to_have_url(re.compile(rf"join={room['code']}&p=[\w-]{{20,}}"))
    expect(phone.locator("[data-testid='stSidebar']")).to_be_hidden()

    # A note typed on the phone appears on the projector, which nobody touches.
    box = phone.locator(".st-key-join_note textarea")
    box.fill("Status meetings eat my Mondays")
    box.press("Enter")
    expect(projector.locator(".live-board [data-group='says']")).to_contain_text("Status meetings eat my Mondays")
    expect(box).to_have_value("")
    # Markup a participant types is shown as text on the projector, never run.
    box.fill("<script>window.__pwned = 1</script><b>not bold</b>")
    box.press("Enter")
    says = projector.locator(".live-board [data-group='says']")
    expect(says).to_contain_text("<script>window.__pwned = 1</script><b>not bold</b>")
    assert says.locator("script, b").count() == 0
    assert projector.evaluate("() => window.__pwned") is None
    expect(projector.get_by_test_id("stMetric").filter(has_text="Joined")).to_contain_text("1")

    # Two dots of a budget of two, then a third is refused by the server.
    first, second = room["notes"]
    _press(phone, f"join_vote_{first}")
    expect(_votes_left(phone)).to_have_text("1 / 2")
    _press(phone, f"join_vote_{first}")
    expect(_votes_left(phone)).to_have_text("0 / 2")
    _press(phone, f"join_vote_{second}")
    expect(phone.get_by_text("You have used all 2 of your votes")).to_be_visible()
    chain = db.run(load_chain, workshop_id=room["workshop"])
    assert sum(v.count for v in chain.dot_votes) == 2
    # Counts stay hidden on both screens until the reveal.
    expect(projector.get_by_test_id("stMetric").filter(has_text="Votes cast")).to_contain_text("2")
    assert projector.locator(".vote-dots").count() == 0
    assert phone.get_by_text("votes in total").count() == 0
    screenshot(phone, "live-phone-voted")
    screenshot(projector, "live-projector-before-reveal")

    # A closed and reopened phone with its link is the same person with the same votes.
    link = phone.url
    phone_context.close()
    phone = browser.new_context(**PHONE).new_page()
    phone.goto(link)
    wait_for_app(phone)
    expect(phone.get_by_text("Li Na · Finance")).to_be_visible()
    expect(_votes_left(phone)).to_have_text("0 / 2")
    assert phone.locator(".st-key-join_name").count() == 0

    db.run(sessions.reveal_votes, workshop_id=room["workshop"])
    expect(phone.get_by_text("2 votes in total")).to_be_visible()
    expect(projector.locator(".st-key-quadrant_pains .vote-dots").first).to_contain_text("2")

    # Stopping the session: the phone is told, and the link no longer offers a join form.
    db.run(sessions.stop_session, workshop_id=room["workshop"])
    expect(phone.get_by_text("This live session has ended")).to_be_visible()
    fresh = browser.new_context(**PHONE).new_page()
    fresh.goto(f"{running_app.url}/?join={room['code']}")
    wait_for_app(fresh)
    expect(fresh.get_by_text("This live session has ended")).to_be_visible()
    assert fresh.locator(".st-key-join_name").count() == 0
    expect(projector.locator(".live-code")).to_have_count(0)


def test_an_open_screen_switches_to_a_session_started_elsewhere_and_keeps_its_input_across_pages(
    page: Page, running_app, db
):
    ws = db.run(workshops.create_workshop, title="Switching room")
    persona = db.run(personas.create_persona, workshop_id=ws.id, name="COO")
    db.run(empathy.create_map, persona_id=persona.id, scenario="First map")
    second = db.run(empathy.create_map, persona_id=persona.id, scenario="Second map")
    page.goto(f"{running_app.url}/empathy?workshop={ws.id}")
    wait_for_app(page)
    author = page.locator(".st-key-note_author input")
    expect(author).to_be_visible(timeout=FIRST_LOAD_MS)
    author.fill("Facilitator Wu")
    author.press("Tab")
    wait_for_app(page)

    live = db.run(sessions.start_session, workshop_id=ws.id, map_id=second.id)
    expect(page.locator(".live-code")).to_have_text(live.code)
    expect(page.locator(".st-key-live_board_persona")).to_contain_text("Second map")

    # Page switches with the live fragment on the page keep the other widgets' state.
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Personas").click()
    wait_for_app(page)
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Empathy map").click()
    wait_for_app(page)
    expect(page.locator(".st-key-note_author input")).to_have_value("Facilitator Wu")
    expect(page.locator(".live-code")).to_have_text(live.code)
