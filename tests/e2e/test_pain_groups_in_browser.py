"""The journey's group step in a real Chromium, with two facilitators' browsers on one journey:
one suggests pain groups and accepts one, renames it; the other's screen, drawn before the rename,
is refused when it saves its own title (nothing overwritten); the group goes into the canvas as
one pain traced to every touchpoint in it."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlmodel import Session, select

from pmo_insight.demo import create_demo_workshop
from pmo_insight.grouping.pains.models import PainGroup, PainGroupMember
from pmo_insight.models import CanvasItem, RefKind, TraceLink
from pmo_insight.persistence.db import make_engine, migrate
from tests.e2e.conftest import screenshot, wait_for_app

pytestmark = pytest.mark.e2e
SECTION = "[data-testid='stExpander']"


def _load_demo(database_url: str) -> None:
    engine = make_engine(database_url)
    migrate(engine)
    with Session(engine) as session:
        create_demo_workshop(session, lang="en")
        session.commit()
    engine.dispose()


def _group_id(database_url: str) -> int:
    engine = make_engine(database_url)
    with Session(engine) as session:
        (group_id,) = session.exec(select(PainGroup.id)).all()
    engine.dispose()
    return group_id


def _groups(database_url: str) -> list[tuple[str, set[int]]]:
    engine = make_engine(database_url)
    with Session(engine) as session:
        groups = session.exec(select(PainGroup).order_by(PainGroup.id)).all()
        out = [
            (
                g.title,
                set(session.exec(select(PainGroupMember.touchpoint_id).where(PainGroupMember.group_id == g.id)).all()),
            )
            for g in groups
        ]
    engine.dispose()
    return out


def _carried(database_url: str, title: str) -> set[int]:
    """The touchpoints the canvas pain titled ``title`` is traced to."""
    engine = make_engine(database_url)
    with Session(engine) as session:
        (item,) = session.exec(select(CanvasItem).where(CanvasItem.text == title)).all()
        sources = session.exec(
            select(TraceLink.source_id).where(
                TraceLink.target_type == RefKind.CANVAS_ITEM,
                TraceLink.target_id == item.id,
                TraceLink.source_type == RefKind.TOUCHPOINT,
            )
        ).all()
    engine.dispose()
    return set(sources)


def _open_step(page: Page, url: str) -> None:
    page.goto(url)
    wait_for_app(page)
    page.get_by_test_id("stSidebarNav").get_by_text("Journey map").click()
    wait_for_app(page)
    section = page.locator(SECTION).filter(has_text="Group pains").first
    section.locator("summary").first.click()
    wait_for_app(page)


def test_two_facilitators_group_the_journeys_pains_without_overwriting_each_other(browser: Browser, running_app):
    _load_demo(running_app.database_url)
    first = browser.new_context(viewport={"width": 1280, "height": 720}, locale="en-US").new_page()
    second = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="en-US").new_page()
    _open_step(first, running_app.url)

    first.get_by_role("button", name="Suggest pain groups").click()
    wait_for_app(first)
    first.get_by_role("button", name="Accept").first.click()
    wait_for_app(first)
    [(suggested, members)] = _groups(running_app.database_url)
    assert len(members) >= 2, members
    expect(first.get_by_role("button", name="Undo this group step (1 group(s))")).to_be_visible()

    card = f".st-key-pain_group_{_group_id(running_app.database_url)}"
    _open_step(second, running_app.url)  # the colleague's screen shows the group as it is now
    expect(second.locator(card).get_by_label("Group title")).to_have_value(suggested)

    title = first.locator(card).get_by_label("Group title")
    title.fill("Slow sign-up")
    title.press("Enter")
    wait_for_app(first)
    first.locator(card).get_by_role("button", name="Save", exact=True).click()
    wait_for_app(first)
    assert _groups(running_app.database_url) == [("Slow sign-up", members)]

    theirs = second.locator(card).get_by_label("Group title")
    theirs.fill("Their title")
    theirs.press("Enter")
    wait_for_app(second)
    second.locator(card).get_by_role("button", name="Save", exact=True).click()
    wait_for_app(second)
    expect(second.get_by_test_id("stAlert").filter(has_text="changed").first).to_be_visible()
    assert _groups(running_app.database_url) == [("Slow sign-up", members)]  # refused, not overwritten
    screenshot(second, "pain-groups-stale-rename-refused")

    first.reload()
    _open_step(first, running_app.url)
    carry = first.get_by_role("button", name="🎯 To canvas").first
    carry.scroll_into_view_if_needed()
    carry.click()
    wait_for_app(first)
    expect(first.get_by_text("is now one pain in the canvas").first).to_be_visible()
    assert _carried(running_app.database_url, "Slow sign-up") == members
