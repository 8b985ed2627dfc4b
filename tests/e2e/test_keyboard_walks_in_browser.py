"""Keyboard-only walks in a real Chromium: the facilitator and the reviewer, with no mouse at all.

Each walk opens its page by address and then only presses keys (Tab, Shift+Tab, typing, Enter, Space,
arrows): no click, no hover, no scroll by script. Playwright's focus follows the page's own focus
order, so a control the keyboard cannot reach fails the walk. The results are read from the
database, and at least once per walk the focused control must show a visible focus indicator (a
computed outline or box-shadow). The participant's walk on the phone is in
tests/e2e/test_accessible_in_browser.py.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from pmo_insight.demo import create_demo_workshop
from pmo_insight.models import ItemKind, Quadrant
from pmo_insight.persistence.chain_loader import load_chain
from pmo_insight.review.models import Verdict
from pmo_insight.services import empathy, journeys, personas, workshops
from pmo_insight.services.review_links import create_review_link
from tests.apptest import AppDatabase
from tests.e2e.conftest import screenshot, wait_for_app

pytestmark = pytest.mark.e2e
VIEWPORT = {"width": 1440, "height": 900}
#: True when the focused element is inside the selector.
FOCUS_IN = "(s) => !!document.activeElement && !!document.activeElement.closest(s)"
#: The focused element's visible focus indicator: its outline (width and style) or box-shadow, or "".
FOCUS_RING = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return '';
  const s = getComputedStyle(el);
  const drawn = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
  const outline = drawn ? `${s.outlineWidth} ${s.outlineStyle}` : '';
  const shadow = s.boxShadow && s.boxShadow !== 'none' ? s.boxShadow : '';
  return [outline, shadow].filter(Boolean).join(' | ');
}"""


@pytest.fixture
def db(running_app):
    database = AppDatabase(running_app.database_url)
    yield database
    database.engine.dispose()


def _focused_in(page: Page, selector: str) -> bool:
    return page.evaluate(FOCUS_IN, selector)


def _tab_to(page: Page, selector: str, *, limit: int = 80, back: bool = False) -> None:
    """Press Tab (Shift+Tab with ``back``) until the focused element is inside ``selector``."""
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        if _focused_in(page, selector):
            return
    raise AssertionError(f"{selector} not reached by {limit} presses of {'Shift+Tab' if back else 'Tab'}")


def _focus_ring(page: Page) -> str:
    ring = page.evaluate(FOCUS_RING)
    focused = page.evaluate("() => document.activeElement ? document.activeElement.outerHTML.slice(0, 200) : ''")
    assert ring, f"the focused control shows no outline or box-shadow (focus is on {focused})"
    return ring


def _open(page: Page, url: str) -> None:
    page.goto(url)
    wait_for_app(page)
    wait_for_app(page)


def test_the_facilitator_adds_an_empathy_note_and_a_touchpoint_with_the_keyboard_alone(
    browser: Browser, running_app, db
):
    ws = db.run(workshops.create_workshop, title="Keyboard workshop")
    persona = db.run(personas.create_persona, workshop_id=ws.id, name="Zhang Wei")
    emap = db.run(empathy.create_map, persona_id=persona.id, scenario="Deciding on a PMO")
    journey = db.run(
        journeys.create_journey, persona_id=persona.id, scenario="Training", stage_names=["Hear", "Sign up"]
    )
    stage = db.run(journeys.list_stages, journey_id=journey.id)[1]
    page = browser.new_context(viewport=VIEWPORT, locale="en-US").new_page()

    _open(page, f"{running_app.url}/empathy?workshop={ws.id}")
    _tab_to(page, ".st-key-quadrant_thinks textarea")
    _focus_ring(page)
    page.keyboard.type("Will the PMO slow us down?")
    page.keyboard.press("Enter")
    expect(page.locator(".st-key-quadrant_thinks [class*='st-key-stickytext_']")).to_have_count(1)
    wait_for_app(page)

    _open(page, f"{running_app.url}/journey?workshop={ws.id}")
    _tab_to(page, f".st-key-tp_add_{stage.id} button")
    _focus_ring(page)
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    wait_for_app(page)
    _tab_to(page, "[role=dialog] .st-key-tp_dialog_new_name input")
    page.keyboard.type("Fills in the form twice")
    # One tab stop for the seven choices: focus lands on −3, the arrow keys move within, Space picks.
    _tab_to(page, "[role=dialog] .st-key-tp_dialog_new_now button")
    assert "-3" in page.evaluate("() => document.activeElement.innerText")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Space")
    wait_for_app(page)
    screenshot(page, "keyboard-touchpoint-dialog")
    _tab_to(page, "[role=dialog] .st-key-tp_dialog_new_save button")
    _focus_ring(page)
    page.keyboard.press("Enter")
    expect(dialog).to_have_count(0)
    wait_for_app(page)

    chain = db.run(load_chain, workshop_id=ws.id)
    assert [(n.quadrant, n.text) for n in chain.notes_of(emap.id)] == [(Quadrant.THINKS, "Will the PMO slow us down?")]
    added = [(t.stage_id, t.name, t.emotion_now) for t in chain.touchpoints_of(journey.id)]
    assert added == [(stage.id, "Fills in the form twice", -2)]
    page.context.close()


def test_a_reviewer_comments_and_approves_with_the_keyboard_alone(browser: Browser, running_app, db):
    ws = db.run(create_demo_workshop, lang="en")
    token = db.run(create_review_link, workshop_id=ws.id, label="Li Wei").token
    chain = db.run(load_chain, workshop_id=ws.id)
    canvas = chain.canvases[0]
    pain = next(i for i in chain.items_of(canvas.id, ItemKind.PAIN))
    page = browser.new_context(viewport=VIEWPORT, locale="en-US").new_page()
    _open(page, f"{running_app.url}/?review={token}")

    # The canvases' comment box: open its expander, pick the pain by typing, write, send.
    _tab_to(page, "[data-testid=stExpander]:has(.st-key-review_comment_text_canvases) summary", limit=200)
    _focus_ring(page)
    page.keyboard.press("Enter")
    wait_for_app(page)
    _tab_to(page, ".st-key-review_comment_target_canvases input")
    page.keyboard.type(pain.text[:30])
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    wait_for_app(page)
    _tab_to(page, ".st-key-review_comment_text_canvases textarea")
    page.keyboard.type("Typed without a mouse: is this the top pain?")
    _tab_to(page, ".st-key-review_comment_send_canvases button")
    wait_for_app(page)
    _focus_ring(page)
    page.keyboard.press("Enter")
    wait_for_app(page)
    expect(page.get_by_text("Typed without a mouse: is this the top pain?").first).to_be_visible()

    # The decision: a note, then Approve.
    _tab_to(page, ".st-key-review_decision_note textarea", limit=200)
    page.keyboard.type("Good to go")
    _tab_to(page, ".st-key-review_approve button")
    wait_for_app(page)
    _focus_ring(page)
    page.keyboard.press("Enter")
    expect(page.locator(".st-key-review_decision")).to_contain_text("approved by Li Wei")
    screenshot(page, "keyboard-review-approved")

    chain = db.run(load_chain, workshop_id=ws.id)
    assert [(c.target_type, c.target_id, c.text, c.author) for c in chain.comments] == [
        ("canvas_item", pain.id, "Typed without a mouse: is this the top pain?", "Li Wei")
    ]
    decisions = [(d.canvas_id, d.verdict, d.note) for d in chain.decisions]
    assert decisions == [(canvas.id, Verdict.APPROVE, "Good to go")]
    page.context.close()


#: The popover's own button, by its key (Streamlit writes ``st-key-<key>`` on the popover's element).
POPOVER_BUTTON = ".st-key-{key} button"
BODY = "[data-testid=stPopoverBody]"


def _focus_lands_in(page: Page, selector: str) -> None:
    """The focus moves into ``selector`` by itself (within 5 s), with no key pressed."""
    try:
        page.wait_for_function(FOCUS_IN, arg=selector, timeout=5_000)
    except PlaywrightTimeout as error:
        focused = page.evaluate("() => document.activeElement.outerHTML.slice(0, 200)")
        raise AssertionError(f"focus did not move into {selector}: it is on {focused}") from error


def _create_and_escape(page: Page, key: str, box: str, scenario: str, *, submit: str | None = None) -> None:
    """Open the ``key`` popover by keyboard (its field takes the focus), create with Enter (it closes by
    itself and the focus is back on its button), open it again, and close it with Escape: the focus is
    back on its button again."""
    button = POPOVER_BUTTON.format(key=key)
    _tab_to(page, button)
    _focus_ring(page)
    page.keyboard.press("Enter")
    expect(page.locator(BODY)).to_be_visible()
    _focus_lands_in(page, f"{BODY} {box} input")
    page.keyboard.type(scenario)
    if submit is not None:  # no form: Tab on to the create button
        _tab_to(page, f"{BODY} {submit} button")
        _focus_ring(page)
    page.keyboard.press("Enter")
    expect(page.get_by_text(scenario).first).to_be_visible()
    wait_for_app(page)
    expect(page.locator(BODY)).to_have_count(0)  # closed by itself once the map or journey exists
    _focus_lands_in(page, button)  # and the focus is back on its button

    page.keyboard.press("Enter")
    expect(page.locator(BODY)).to_be_visible()
    _focus_lands_in(page, f"{BODY} {box} input")
    # The app's focus script has settled on the field (it marks the body), and the run is over: an
    # Escape pressed while either was still under way raced them on a loaded machine.
    expect(page.locator(f"{BODY}[data-pmo-focused]")).to_have_count(1)
    wait_for_app(page)
    page.keyboard.press("Escape")
    expect(page.locator(BODY)).to_have_count(0)
    assert _focused_in(page, button), page.evaluate("() => document.activeElement.outerHTML.slice(0, 200)")
    _focus_ring(page)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_new_map_journey_and_canvas_popovers_close_after_creating_and_on_escape_with_focus_back(
    browser: Browser, running_app, db, lang
):
    ws = db.run(workshops.create_workshop, title="Popovers")
    db.run(personas.create_persona, workshop_id=ws.id, name="Zhang Wei")
    page = browser.new_context(viewport=VIEWPORT, locale={"en": "en-US", "zh": "zh-CN"}[lang]).new_page()
    _open(page, f"{running_app.url}/empathy?workshop={ws.id}")
    _create_and_escape(page, "new_map", ".st-key-new_map_scenario", "Deciding on a PMO")
    _open(page, f"{running_app.url}/journey?workshop={ws.id}")
    _create_and_escape(page, "new_journey", ".st-key-new_journey_scenario", "Signing up for training")
    _open(page, f"{running_app.url}/canvas?workshop={ws.id}")
    _create_and_escape(
        page, "new_canvas", "[class*=st-key-new_canvas_title_]", "PMO value", submit=".st-key-new_canvas_create"
    )
    chain = db.run(load_chain, workshop_id=ws.id)
    assert [m.scenario for m in chain.maps] == ["Deciding on a PMO"]
    assert [j.scenario for j in chain.journeys] == ["Signing up for training"]
    assert [c.title for c in chain.canvases] == ["PMO value"]
    page.context.close()
