"""The empathy map live on a shared screen, in a real Chromium: notes by keyboard, markup as text.

Keyboard cost of one note, as this flow performs it: one click into the quadrant's box (only for
the first note in that quadrant), the note's characters, and Enter. No other click or key.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from pmo_insight.demo import create_demo_workshop
from pmo_insight.models import Quadrant
from pmo_insight.persistence.chain_loader import load_chain
from pmo_insight.services import empathy, personas, workshops
from tests.apptest import AppDatabase
from tests.e2e.conftest import screenshot, wait_for_app

pytestmark = pytest.mark.e2e


@pytest.fixture
def db(running_app):
    database = AppDatabase(running_app.database_url)
    yield database
    database.engine.dispose()


def _open_board(page: Page, url: str, nav: str = "Empathy map") -> None:
    page.goto(url)
    wait_for_app(page)
    # The first run after start-up lists the bare pages/ folder until app.py's navigation is up.
    expect(page.get_by_role("heading", name="PMO Insight Studio").first).to_be_visible()
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=nav).click()
    wait_for_app(page)


def _box(page: Page, quadrant: str):
    return page.locator(f".st-key-quadrant_{quadrant} textarea")


def _is_focused(page: Page, quadrant: str) -> bool:
    return page.evaluate(
        "q => document.activeElement?.tagName === 'TEXTAREA'"
        " && !!document.activeElement.closest('.st-key-quadrant_' + q)",
        quadrant,
    )


def test_three_notes_typed_with_enter_land_in_the_quadrant_and_the_box_stays_ready(page: Page, running_app, db):
    ws = db.run(workshops.create_workshop, title="Live workshop")
    persona = db.run(personas.create_persona, workshop_id=ws.id, name="Zhang Wei", avatar="👔")
    _open_board(page, running_app.url)

    page.get_by_role("button", name="New map").click()
    page.get_by_label("Scenario").fill("Deciding whether to introduce a PMO")
    page.get_by_label("Scenario").press("Enter")
    wait_for_app(page)
    expect(_box(page, "says")).to_be_visible()

    typed = ["What will a PMO cost us?", "I need to see risks early", "领导：别再加一层官僚 😤"]
    clicks, keys = 1, 0
    _box(page, "says").click()
    for text in typed:
        page.keyboard.type(text, delay=15)  # ~65 characters a second: faster than anyone types
        page.keyboard.press("Enter")
        keys += len(text) + 1
    wait_for_app(page)

    says = page.locator(".st-key-quadrant_says [class*='st-key-stickytext_']")
    expect(says).to_have_count(3)
    expect(says.nth(2)).to_contain_text("领导：别再加一层官僚 😤")
    assert _box(page, "says").input_value() == ""
    assert _is_focused(page, "says")
    chain = db.run(load_chain, workshop_id=ws.id)
    assert [(n.quadrant, n.text) for n in chain.notes] == [(Quadrant.SAYS, t) for t in typed]
    assert chain.maps[0].persona_id == persona.id
    # One click, then the note's characters and Enter: nothing else.
    assert (clicks, keys) == (1, sum(len(t) for t in typed) + 3)
    screenshot(page, "empathy-three-notes")


def test_a_note_with_script_and_img_markup_shows_literally_and_nothing_runs(page: Page, running_app, db):
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    ws = db.run(workshops.create_workshop, title="Workshop")
    persona = db.run(personas.create_persona, workshop_id=ws.id, name="<b>COO</b>")
    db.run(empathy.create_map, persona_id=persona.id, scenario="<i>PMO</i> decision")
    hostile = '<script>alert(1)</script> <img src=x onerror="alert(2)"> [link](javascript:alert(3)) **bold**'
    _open_board(page, running_app.url)

    _box(page, "feels").click()
    page.keyboard.type(hostile)
    page.keyboard.press("Enter")
    wait_for_app(page)

    note = page.locator(".st-key-quadrant_feels [class*='st-key-stickytext_']")
    expect(note).to_have_count(1)
    expect(note).to_have_text(hostile)
    expect(page.locator(".st-key-board_persona")).to_contain_text("<b>COO</b>")
    expect(page.locator(".st-key-board_persona")).to_contain_text("<i>PMO</i> decision")
    assert page.locator("[data-testid='stMain'] img[src='x']").count() == 0
    assert page.locator("[data-testid='stMain'] a[href^='javascript']").count() == 0
    page.wait_for_timeout(500)
    assert dialogs == []


def test_chinese_emoji_and_very_long_notes_wrap_inside_their_quadrant(page: Page, running_app, db):
    ws = db.run(workshops.create_workshop, title="Workshop")
    persona = db.run(personas.create_persona, workshop_id=ws.id, name="区域业务总监")
    emap = db.run(empathy.create_map, persona_id=persona.id, scenario="总部资源分配")
    db.run(empathy.add_note, map_id=emap.id, quadrant="thinks", text="总部是不是又要抢我的工程师？" * 8 + " 😟🙈")
    db.run(empathy.add_note, map_id=emap.id, quadrant="thinks", text="x" * 400)
    _open_board(page, running_app.url)

    quadrant = page.locator(".st-key-quadrant_thinks").bounding_box()
    notes = page.locator(".st-key-quadrant_thinks [class*='st-key-sticky_']")
    expect(notes).to_have_count(2)
    for i in range(2):
        box = notes.nth(i).bounding_box()
        assert quadrant["x"] <= box["x"] and box["x"] + box["width"] <= quadrant["x"] + quadrant["width"] + 1
    feels = page.locator(".st-key-quadrant_feels").bounding_box()
    assert feels["x"] > quadrant["x"] - 1  # the board's columns are still side by side


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_demo_board_reads_at_projector_size(page: Page, running_app, db, lang):
    db.run(create_demo_workshop, lang=lang)
    _open_board(page, running_app.url)
    if lang == "zh":
        page.get_by_test_id("stSidebar").get_by_text("简体中文").click()
        wait_for_app(page)

    first_note = page.locator("[class*='st-key-stickytext_'] p").first
    expect(first_note).to_be_visible()
    assert float(first_note.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) >= 22  # ~1.4 × body text
    expect(page.locator(".st-key-quadrant_says h3")).to_contain_text("说" if lang == "zh" else "Says")
    screenshot(page, f"empathy-demo-{lang}")
