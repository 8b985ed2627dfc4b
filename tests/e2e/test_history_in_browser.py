"""Six months later in a real Chromium: snapshot, change an emotion, and see exactly what changed."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import Session

from pmo_insight.demo import create_demo_workshop
from pmo_insight.persistence.chain_loader import load_chain
from pmo_insight.persistence.db import make_engine, migrate
from pmo_insight.services import journeys
from tests.e2e.conftest import screenshot, wait_for_app

pytestmark = pytest.mark.e2e


def _act(database_url: str, fn):
    engine = make_engine(database_url)
    migrate(engine)
    with Session(engine) as session:
        result = fn(session)
        session.commit()
    engine.dispose()
    return result


def test_a_pmo_takes_a_snapshot_and_later_sees_the_emotion_that_moved(page: Page, running_app):
    workshop_id = _act(running_app.database_url, lambda s: create_demo_workshop(s, lang="en").id)
    page.goto(running_app.url)
    wait_for_app(page)
    page.get_by_test_id("stSidebarNav").get_by_text("History").click()
    wait_for_app(page)

    page.get_by_label("Label").fill("Before the H1 review")
    page.get_by_role("button", name="Take the snapshot").click()
    wait_for_app(page)
    expect(page.get_by_text("Snapshot “Before the H1 review” taken.")).to_be_visible()
    expect(page.get_by_text("Nothing in the chain changed.")).to_be_visible()

    def improve(session):
        chain = load_chain(session, workshop_id=workshop_id)
        tp = next(t for t in chain.touchpoints if t.name.startswith("Waits for the cross-department approval"))
        journeys.update_touchpoint(session, touchpoint_id=tp.id, expected_version=tp.version, emotion_now=1)

    _act(running_app.database_url, improve)
    page.reload()
    wait_for_app(page)

    expect(page.get_by_text("Emotion now: −3 → +1")).to_be_visible()
    expect(page.get_by_test_id("stVegaLiteChart").first).to_be_visible()
    screenshot(page, "history-what-changed")
