"""Interview quotes tagged from the keyboard in a real Chromium: 4 carries the quote to Pains, → skips, 1 to Says."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import select

from pmo_insight.models import EmpathyNote
from pmo_insight.services import empathy, personas, workshops
from pmo_insight.surveys.services import import_interview
from tests.apptest import AppDatabase
from tests.e2e.conftest import screenshot, wait_for_app

pytestmark = pytest.mark.e2e


@pytest.fixture
def db(running_app):
    database = AppDatabase(running_app.database_url)
    yield database
    database.engine.dispose()


def test_one_key_per_quadrant_tags_the_quote_and_moves_on(page: Page, running_app, db):
    ws = db.run(workshops.create_workshop, title="Interview workshop")
    persona = db.run(personas.create_persona, workshop_id=ws.id, name="Xiao Li")
    board = db.run(empathy.create_map, persona_id=persona.id, scenario="Reporting")
    notes = "Reports eat my Friday.\n\nApprovals take three days.\n\nNobody reads the dashboard."
    db.run(import_interview, workshop_id=ws.id, interviewee="PM Shenzhen", text=notes)

    page.goto(running_app.url)
    wait_for_app(page)
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Evidence in").click()
    wait_for_app(page)
    expect(page.get_by_text("Quote 1 of 3", exact=False)).to_be_visible(timeout=20_000)
    # typed into a field, the digit is text, not a shortcut
    page.get_by_text("Add interview").first.click()
    name = page.get_by_label("Interviewee")
    name.click()
    name.press_sequentially("Team 4")
    expect(name).to_have_value("Team 4")
    page.wait_for_timeout(800)
    expect(page.get_by_text("Quote 1 of 3", exact=False)).to_be_visible()
    page.get_by_role("heading", name="Evidence in").first.click()  # focus on the page, not in a field

    page.keyboard.press("4")
    wait_for_app(page)
    expect(page.get_by_text("Quote 2 of 3", exact=False)).to_be_visible(timeout=20_000)
    page.keyboard.press("ArrowRight")
    wait_for_app(page)
    expect(page.get_by_text("Quote 3 of 3", exact=False)).to_be_visible(timeout=20_000)
    page.keyboard.press("1")
    wait_for_app(page)
    expect(page.get_by_text("¶3 carried to Says").first).to_be_visible(timeout=20_000)
    screenshot(page, "interview-tagger-en")

    stored = db.run(
        lambda s: [
            (n.text, str(n.quadrant))
            for n in s.exec(select(EmpathyNote).where(EmpathyNote.map_id == board.id).order_by(EmpathyNote.id))
        ]
    )
    assert stored == [("Reports eat my Friday.", "pains"), ("Nobody reads the dashboard.", "says")]
