"""The room votes on groups, in real Chromium: the facilitator has grouped the board's notes, two
phones (390×844, each its own browser context) put dots on a group, and the projector (1920×1080),
which nobody touches, shows the group as one card whose dots are everyone's, once revealed.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from pmo_insight.grouping import services as grouping
from pmo_insight.grouping.ranking import ranked_items
from pmo_insight.live import sessions
from pmo_insight.persistence.chain_loader import load_chain
from pmo_insight.services import empathy, personas, workshops
from tests.apptest import AppDatabase
from tests.e2e.conftest import screenshot, wait_for_app

pytestmark = pytest.mark.e2e
FIRST_LOAD_MS = 60_000
PHONE = {"viewport": {"width": 390, "height": 844}, "locale": "en-US", "is_mobile": True, "has_touch": True}
PAINS = ["Approval takes two weeks", "Sign-off waits for one person", "Nobody reads the weekly report"]


@pytest.fixture
def db(running_app):
    database = AppDatabase(running_app.database_url)
    yield database
    database.engine.dispose()


@pytest.fixture
def grouped_room(db):
    ws = db.run(workshops.create_workshop, title="Grouped room")
    persona = db.run(personas.create_persona, workshop_id=ws.id, name="Zhang Wei", avatar="👔")
    emap = db.run(empathy.create_map, persona_id=persona.id, scenario="Approvals")
    notes = [db.run(empathy.add_note, map_id=emap.id, quadrant="pains", text=text) for text in PAINS]
    group = db.run(
        grouping.create_group, map_id=emap.id, quadrant="pains", title="Slow approvals",
        note_ids=[notes[0].id, notes[1].id],
    )  # fmt: skip
    live = db.run(sessions.start_session, workshop_id=ws.id, budget=3)
    return {"workshop": ws.id, "map": emap.id, "notes": [n.id for n in notes], "group": group.id, "code": live.code}


def _join(phone: Page, url: str, code: str, name: str) -> None:
    phone.goto(f"{url}/?join={code}")
    wait_for_app(phone)
    phone.locator(".st-key-join_name input").fill(name)
    phone.locator(".st-key-join_submit button").click()
    expect(phone.get_by_text(name)).to_be_visible()


def _tap(phone: Page, key: str) -> None:
    wait_for_app(phone)
    phone.locator(f".st-key-{key} button:visible").first.click()
    wait_for_app(phone)


def test_two_phones_vote_on_a_group_and_the_projector_shows_its_summed_dots(
    browser: Browser, running_app, db, grouped_room
):
    room = grouped_room
    first, _second, lone = room["notes"]
    projector = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="en-US").new_page()
    projector.goto(f"{running_app.url}/empathy?workshop={room['workshop']}")
    expect(projector.locator(".live-code")).to_have_text(room["code"], timeout=FIRST_LOAD_MS)
    card = projector.locator(f".live-board .live-group-card[data-item='{first}']")
    expect(card).to_contain_text("Slow approvals")
    expect(card).to_contain_text("Sign-off waits for one person")  # its notes, under its title
    expect(projector.locator(".live-board [data-group='pains'] .live-note")).to_have_count(2)

    li = browser.new_context(**PHONE).new_page()
    wang = browser.new_context(**PHONE).new_page()
    _join(li, running_app.url, room["code"], "Li Na")
    _join(wang, running_app.url, room["code"], "Wang Fang")
    # One item for the group on the phone (its first note's place), its notes listed under it.
    group_item = li.locator(f".st-key-joinitem_pains_{first}")
    expect(group_item).to_contain_text("Slow approvals")
    expect(group_item).to_contain_text("2 notes in this group")
    assert li.locator(".st-key-joinitem_pains_" + str(room["notes"][1])).count() == 0

    _tap(li, f"join_vote_{first}")
    _tap(li, f"join_vote_{first}")
    _tap(wang, f"join_vote_{first}")
    _tap(wang, f"join_vote_{lone}")
    expect(li.get_by_test_id("stMetricValue").first).to_have_text("1 / 3")
    expect(wang.get_by_test_id("stMetricValue").first).to_have_text("1 / 3")
    assert projector.locator(".vote-dots").count() == 0  # hidden until the reveal
    screenshot(li, "group-votes-phone")

    db.run(sessions.reveal_votes, workshop_id=room["workshop"])
    # The reveal opens the full board for editing; switched back, the room's board shows the counts.
    # While a rerun draws, the old switch and the new one can both be on the page: wait for exactly
    # one, checked, before clicking it.
    toggle = projector.get_by_role("switch", name="Edit the board", checked=True)
    expect(toggle).to_have_count(1)
    projector.locator("label").filter(has=toggle).click()
    expect(projector.get_by_role("switch", name="Edit the board", checked=False)).to_have_count(1)
    expect(card.locator(".vote-dots")).to_contain_text("3")
    expect(li.get_by_text("3 votes in total")).to_be_visible()
    screenshot(projector, "group-votes-projector-revealed")

    chain = db.run(load_chain, workshop_id=room["workshop"])
    top = ranked_items(chain, map_id=room["map"], quadrant="pains")[0]
    assert (top.title, top.dots, top.voters) == ("Slow approvals", 3, 2)
    assert sum(v.count for v in chain.dot_votes) == 4


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_the_projector_shows_the_first_row_of_notes_without_scrolling(browser: Browser, running_app, db, size):
    from pmo_insight.demo import create_demo_workshop

    ws = db.run(create_demo_workshop, lang="zh")
    chain = db.run(load_chain, workshop_id=ws.id)
    live = db.run(sessions.start_session, workshop_id=ws.id, map_id=chain.maps[0].id, budget=3)
    width, height = size
    projector = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN").new_page()
    projector.goto(f"{running_app.url}/empathy?workshop={ws.id}")
    expect(projector.locator(".live-code")).to_have_text(live.code, timeout=FIRST_LOAD_MS)
    wait_for_app(projector)
    first_note = projector.locator(".live-board .live-note").first
    expect(first_note).to_be_visible()
    box = first_note.bounding_box()
    assert box is not None and box["y"] + min(box["height"], 40) <= height, (box, size)
    assert projector.evaluate("() => document.scrollingElement.scrollTop") == 0
    screenshot(projector, f"room-view-{width}x{height}")

    phone = browser.new_context(**{**PHONE, "locale": "zh-CN"}).new_page()
    phone.goto(f"{running_app.url}/?join={live.code}")
    wait_for_app(phone)
    phone.locator(".st-key-join_name input").fill("李娜")
    phone.locator(".st-key-join_submit button").click()
    note_box = phone.locator(".st-key-join_note textarea")
    expect(note_box).to_be_visible()
    box = note_box.bounding_box()
    assert box is not None and box["y"] + box["height"] <= 844, box
