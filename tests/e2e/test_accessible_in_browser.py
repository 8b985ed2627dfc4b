"""Accessible to everyone in the room: axe-core over every screen, role and language of the demo.

One server and one database hold the demo workshop in English and in Chinese, with a live session on
each and a review link. In each language the audit opens every facilitator screen of app.py's
``SCREENS`` (with every expander open, each popover open, then each tab), the
reviewer's reading view, the participant's phone (390×844) before and after joining, and the sign-in
screen; the phone's touch targets are measured (44×44 CSS px at least). Any serious or critical
WCAG 2.0/2.1/2.2 A/AA violation fails unless the README's "Accessibility" section lists it as upstream.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from playwright.sync_api import Browser, Page, expect

from pmo_insight.demo import create_demo_workshop
from pmo_insight.live import sessions
from pmo_insight.services.review_links import create_review_link
from tests.apptest import AppDatabase
from tests.e2e.a11y import AUDITED, Violation, audit, documented, is_documented, screens, small_targets
from tests.e2e.conftest import wait_for_app
from tests.servers import RunningApp, app_server

pytestmark = pytest.mark.e2e
LANGS = {"en": "en-US", "zh": "zh-CN"}
#: What ``<html lang>`` must say in each language (SC 3.1.1); Streamlit itself always writes "en".
DOCUMENT_LANG = {"en": "en", "zh": "zh-CN"}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
FIRST_LOAD_MS = 90_000
TOUCH_PX = 44
#: Opens every visible closed expander of the main area (Streamlit toggles them on the summary's click).
OPEN_EXPANDERS = """() => {
  const closed = [...document.querySelectorAll('[data-testid=stMain] details:not([open]) > summary')]
    .filter((s) => s.getClientRects().length > 0);
  closed.forEach((s) => s.click());
  return closed.length;
}"""


@dataclass(frozen=True)
class Room:
    app: RunningApp
    workshops: dict[str, int]
    codes: dict[str, str]
    reviews: dict[str, str]


@pytest.fixture(scope="module")
def room(databases, tmp_path_factory) -> Iterator[Room]:
    """One server for the whole audit, on a database with the demo in both languages."""
    url = databases.create(migrated=True)
    db = AppDatabase(url)
    workshops, codes, reviews = {}, {}, {}
    for lang in LANGS:
        workshops[lang] = db.run(create_demo_workshop, lang=lang).id
        codes[lang] = db.run(sessions.start_session, workshop_id=workshops[lang], minutes=10).code
        reviews[lang] = db.run(create_review_link, workshop_id=workshops[lang], label="Li Wei").token
    db.engine.dispose()
    with app_server(url, tmp_path_factory.mktemp("a11y")) as app:
        yield Room(app, workshops, codes, reviews)
    databases.drop(url)


def _settle(page: Page) -> None:
    wait_for_app(page, timeout=FIRST_LOAD_MS)
    page.wait_for_timeout(400)


def _open_expanders(page: Page) -> int:
    count = page.evaluate(OPEN_EXPANDERS)
    if count:
        page.wait_for_timeout(300)
    return count


def _audit_screen(page: Page, view: str) -> list[Violation]:
    """The screen with its expanders open (what a closed one hides is not on the page), each popover open,
    and then each tab."""
    _open_expanders(page)
    found = audit(page, view)
    popovers = page.locator("[data-testid=stMain] [data-testid=stPopover] > div > button")
    for i in range(popovers.count()):
        button = popovers.nth(i)
        if not button.is_visible():
            continue
        button.click()
        body = page.get_by_test_id("stPopoverBody")
        body.first.wait_for(timeout=5_000)
        found += audit(page, f"{view} (popover {i + 1})", include="[data-testid=stPopoverBody]")
        page.keyboard.press("Escape")
        page.wait_for_timeout(200)
    tabs = page.locator("[data-testid=stMain] [role=tab]")
    for i in range(1, tabs.count()):
        tabs.nth(i).click()
        _settle(page)
        _open_expanders(page)
        found += audit(page, f"{view} (tab {i + 1})")
    return found


def _speaks(page: Page, lang: str) -> None:
    expect(page.locator("html")).to_have_attribute("lang", DOCUMENT_LANG[lang], timeout=10_000)


def _fingers_fit(phone: Page, view: str, *, at_least: int) -> None:
    """Every target on the phone page is at least 44×44 CSS px (WCAG 2.5.5; 2.5.8's floor is 24)."""
    count, small = small_targets(phone, TOUCH_PX)
    assert count >= at_least, f"{view}: only {count} targets found"
    assert not small, f"{view}: touch targets under {TOUCH_PX} px: {small}"


def _walk(browser: Browser, room: Room, lang: str) -> list[Violation]:
    url, locale = room.app.url, LANGS[lang]
    found: list[Violation] = []
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale=locale)
    page = context.new_page()
    for path, _key in screens():
        page.goto(f"{url}/{path}?workshop={room.workshops[lang]}")
        _settle(page)
        expect(page.get_by_test_id("stMain").locator("h1, h2").first).to_be_visible(timeout=FIRST_LOAD_MS)
        assert page.get_by_test_id("stException").count() == 0, path
        _speaks(page, lang)
        found += _audit_screen(page, f"{lang}/{path or 'home'}")
    context.close()

    reviewer = browser.new_context(viewport={"width": 1440, "height": 900}, locale=locale).new_page()
    reviewer.goto(f"{url}/?review={room.reviews[lang]}")
    _settle(reviewer)
    _speaks(reviewer, lang)
    found += _audit_screen(reviewer, f"{lang}/review")
    reviewer.context.close()

    phone = browser.new_context(**PHONE, locale=locale).new_page()
    phone.goto(f"{url}/?join={room.codes[lang]}")
    _settle(phone)
    found += audit(phone, f"{lang}/join (before)")
    _fingers_fit(phone, f"{lang}/join (before)", at_least=5)
    phone.locator(".st-key-join_name input").fill("Li Na")
    phone.locator(".st-key-join_department input").fill("Finance")
    phone.locator(".st-key-join_submit button").click()
    expect(phone.locator(".st-key-join_note textarea")).to_be_visible(timeout=FIRST_LOAD_MS)
    _settle(phone)
    _speaks(phone, lang)
    found += audit(phone, f"{lang}/join (joined)")
    _fingers_fit(phone, f"{lang}/join (joined)", at_least=20)
    phone.context.close()

    outsider = browser.new_context(locale=locale, extra_http_headers={"X-Forwarded-For": "192.0.2.7"}).new_page()
    outsider.goto(f"{url}/")
    _settle(outsider)
    expect(outsider.locator(".st-key-signin_passphrase input, [data-testid=stMain] h1").first).to_be_visible()
    _speaks(outsider, lang)
    found += audit(outsider, f"{lang}/sign-in")
    outsider.context.close()
    return found


@pytest.mark.parametrize("lang", list(LANGS))
def test_no_serious_or_critical_axe_violation_on_any_screen_of_any_role(browser: Browser, room: Room, lang):
    found = _walk(browser, room, lang)
    views = {v for v in AUDITED if v.startswith(f"{lang}/")}
    assert len(views) >= len(screens()) + 4, sorted(views)  # every screen, reviewer, phone twice, sign-in
    rows = documented()
    by_impact = Counter(v.impact for v in found)
    by_view = Counter(v.view.split(" (")[0] for v in found)
    failing = len({v.view for v in found})
    print(f"\naxe {lang}: {len(views)} views audited; {dict(by_impact)} on {failing}; {dict(by_view)}")
    for v in found:
        print("  ", v)
    left = [str(v) for v in found if not is_documented(v, rows)]
    assert not left, f"{len(left)} serious/critical violations not documented as upstream:\n" + "\n".join(left)


def test_the_page_speaks_its_language_and_follows_a_switch(browser: Browser, room: Room):
    page = browser.new_context(locale="zh-CN").new_page()
    page.goto(f"{room.app.url}/?workshop={room.workshops['zh']}")
    _settle(page)
    _speaks(page, "zh")
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_text("English", exact=True).click()
    expect(page.get_by_test_id("stMain").locator("h1").first).to_be_visible()
    _speaks(page, "en")
    sidebar.get_by_text("简体中文", exact=True).click()
    _speaks(page, "zh")
    page.context.close()


def test_the_emotion_curve_and_the_chain_graph_have_a_text_alternative_and_the_graph_takes_focus(
    browser: Browser, room: Room
):
    page = browser.new_context(viewport={"width": 1440, "height": 900}, locale="en-US").new_page()
    page.goto(f"{room.app.url}/journey?workshop={room.workshops['en']}")
    _settle(page)
    curve = re.compile(r"^Emotion curve of \d+ touchpoints")
    summary = page.get_by_test_id("stCaptionContainer").filter(has_text=curve)
    expect(summary).to_contain_text(re.compile(r"lowest [−+-]\d at '.+'; \d+ experience breaks"))
    page.goto(f"{room.app.url}/chain?workshop={room.workshops['en']}")
    _settle(page)
    expect(page.get_by_test_id("stCaptionContainer").filter(has_text="Chain graph:")).to_contain_text(
        re.compile(r"Persona \d+.*KPIs \d+; \d+ links")
    )
    graph = page.get_by_test_id("stGraphVizChart")
    expect(graph).to_have_attribute("tabindex", "0")
    expect(graph).to_have_attribute("aria-label", re.compile(r"scrolls sideways"))
    graph.focus()
    before = graph.evaluate("(el) => el.scrollLeft")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(300)
    assert graph.evaluate("(el) => el.scrollWidth > el.clientWidth ? el.scrollLeft > 0 : true"), before
    page.context.close()


def _tab_to(page: Page, selector: str, *, limit: int = 40) -> None:
    """Press Tab until the focused element is inside ``selector`` (never a click, never a scroll)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => !!document.activeElement && !!document.activeElement.closest(s)", selector):
            return
    raise AssertionError(f"{selector} not reached by {limit} presses of Tab")


def test_a_participant_joins_adds_a_note_and_votes_with_the_keyboard_alone(browser: Browser, room: Room):
    phone = browser.new_context(**PHONE, locale="en-US").new_page()
    phone.goto(f"{room.app.url}/?join={room.codes['en']}")
    _settle(phone)
    _tab_to(phone, ".st-key-join_name")
    phone.keyboard.type("Wang Fang")
    _tab_to(phone, ".st-key-join_department")
    phone.keyboard.type("Sales")
    phone.keyboard.press("Enter")
    expect(phone.get_by_text("Wang Fang · Sales")).to_be_visible(timeout=FIRST_LOAD_MS)
    _settle(phone)
    _tab_to(phone, ".st-key-join_note")
    phone.keyboard.type("Typed without a mouse")
    phone.keyboard.press("Enter")
    expect(phone.get_by_text("Typed without a mouse").first).to_be_visible()
    _settle(phone)
    _tab_to(phone, "[class*='st-key-join_vote_']")
    phone.keyboard.press("Enter")
    expect(phone.get_by_test_id("stMetricValue").first).to_have_text("4 / 5")
    phone.context.close()
