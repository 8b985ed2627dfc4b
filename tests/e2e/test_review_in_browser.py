"""A business lead reviews in a real Chromium while the facilitator works in another browser."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from sqlmodel import Session

from pmo_insight.demo import create_demo_workshop
from pmo_insight.models import ItemKind
from pmo_insight.persistence.chain_loader import load_chain
from pmo_insight.persistence.db import make_engine, migrate
from tests.e2e.conftest import screenshot, wait_for_app

pytestmark = pytest.mark.e2e


def _demo(database_url: str) -> tuple[str, int, str]:
    """The demo workshop: the first canvas's title, its first pain's id and text."""
    engine = make_engine(database_url)
    migrate(engine)
    with Session(engine) as session:
        workshop = create_demo_workshop(session, lang="en")
        chain = load_chain(session, workshop_id=workshop.id)
        canvas = chain.canvases[0]
        pain = chain.items_of(canvas.id, ItemKind.PAIN)[0]
        found = canvas.title, pain.id, pain.text
        session.commit()
    engine.dispose()
    return found


def _key(page: Page, key: str):
    return page.locator(f".st-key-{key}")


def _choose(page: Page, box, typed: str, option: re.Pattern) -> None:
    """Type into a select box and take the one option left, opening the list again whenever a scroll
    closed it, until the box shows the choice."""
    box.click()
    box.fill(typed)
    match = page.get_by_role("option", name=option)
    for _ in range(20):
        if option.search(box.input_value() or "") and box.get_attribute("aria-expanded") != "true":
            return
        if match.count() == 1:
            try:
                match.click(timeout=2_000)
            except PlaywrightTimeout:
                pass  # the list closed under the pointer; open it again
        elif box.get_attribute("aria-expanded") != "true":
            box.press("ArrowDown")
        page.wait_for_timeout(300)
    raise AssertionError(f"no option {option.pattern!r} taken after typing {typed!r}")


def test_a_reviewer_comments_and_approves_then_an_edit_outdates_it_and_revoking_locks_them_out(
    browser: Browser, running_app
):
    canvas_title, pain_id, pain_text = _demo(running_app.database_url)
    facilitator = browser.new_context(viewport={"width": 1440, "height": 900}, locale="en-US").new_page()
    reviewer = browser.new_context(viewport={"width": 1440, "height": 900}, locale="en-US").new_page()

    # The facilitator creates a link for Li Wei.
    facilitator.goto(running_app.url)
    wait_for_app(facilitator)
    facilitator.get_by_test_id("stSidebarNav").get_by_text("Share for review").click()
    wait_for_app(facilitator)
    _key(facilitator, "share_label").locator("input").fill("Li Wei, COO")
    facilitator.get_by_role("button", name="Create review link").click()
    wait_for_app(facilitator)
    link = facilitator.get_by_test_id("stCode").inner_text().strip()
    assert "/?review=" in link

    # The reviewer opens it: the value statement comes first; no workshop screens, no workshop picker.
    reviewer.goto(link)
    wait_for_app(reviewer)
    expect(reviewer.get_by_test_id("stHeading").nth(1)).to_contain_text("What this workshop promises")
    expect(_key(reviewer, f"review_promise_{1}")).to_contain_text("💬")
    expect(reviewer.get_by_test_id("stSidebarNav")).to_have_count(0)
    expect(reviewer.get_by_test_id("stSidebar").get_by_text("Workshop", exact=True)).to_have_count(0)
    screenshot(reviewer, "review-reader-en")

    # ...comments on a pain...
    comments = reviewer.get_by_test_id("stExpander").filter(has=_key(reviewer, "review_comment_text_canvases"))
    comments.locator("summary").click()
    # The list is long; typing filters it down to the one match, which is taken. Opening it scrolls the
    # page a little, and the list closes when the page scrolls under it (the combobox's own rule), so
    # it is opened again with ArrowDown (the keyboard's way) until the match shows.
    target = _key(reviewer, "review_comment_target_canvases").get_by_role("combobox")
    _choose(reviewer, target, pain_text[:30], re.compile(re.escape(pain_text)))
    expect(target).to_have_value(re.compile(re.escape(pain_text)))
    wait_for_app(reviewer)
    box = _key(reviewer, "review_comment_text_canvases").locator("textarea")
    box.fill("Is this really the top pain? <b>bold?</b>")
    box.blur()  # the typed text reaches the app (and is kept as a draft) before Send is pressed
    wait_for_app(reviewer)
    _key(reviewer, "review_comment_send_canvases").locator("button").click()
    wait_for_app(reviewer)
    # Sent, not merely kept as a draft (whose mark quotes the same text): the thread counts it.
    expect(comments.locator("summary")).to_contain_text("(1)")
    expect(comments.get_by_text("Is this really the top pain? <b>bold?</b>").first).to_be_visible()

    # ...and approves the first canvas.
    _key(reviewer, "review_decision_note").locator("textarea").fill("Good to go")
    _key(reviewer, "review_approve").locator("button").click()
    wait_for_app(reviewer)
    expect(_key(reviewer, "review_decision")).to_contain_text("approved by Li Wei, COO")

    # The facilitator sees the comment and the approval, then edits that pain on the canvas screen.
    facilitator.get_by_test_id("stSidebarNav").get_by_text("Value canvas").click()
    wait_for_app(facilitator)
    expect(facilitator.get_by_text("approved by Li Wei, COO")).to_be_visible()
    expect(facilitator.get_by_text("1 open review comment")).to_be_visible()
    _key(facilitator, f"item_pop_{pain_id}").locator("button").first.click()
    _key(facilitator, f"item_text_{pain_id}").locator("textarea").fill(pain_text + " (reworded)")
    _key(facilitator, f"item_save_{pain_id}").locator("button").click()
    wait_for_app(facilitator)
    expect(facilitator.get_by_text("is outdated since")).to_be_visible()

    # The reviewer's next look shows the approval outdated too (a reload keeps the reviewer role).
    reviewer.reload()
    wait_for_app(reviewer)
    expect(_key(reviewer, "review_decision")).to_contain_text("is outdated since")
    expect(reviewer.get_by_test_id("stSidebarNav")).to_have_count(0)

    # The facilitator revokes the link; the reviewer's next click lands on the invalid-link page.
    facilitator.get_by_test_id("stSidebarNav").get_by_text("Share for review").click()
    wait_for_app(facilitator)
    _key(facilitator, "share_revoke").locator("button").click()
    wait_for_app(facilitator)
    expect(facilitator.get_by_test_id("stTable")).to_contain_text("revoked")

    _key(reviewer, "review_request_changes").locator("button").click()
    wait_for_app(reviewer)
    expect(reviewer.get_by_text("This review link does not work")).to_be_visible()
    expect(reviewer.get_by_text(canvas_title)).to_have_count(0)
    screenshot(reviewer, "review-invalid-en")
