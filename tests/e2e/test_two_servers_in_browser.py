"""Two app server processes on one database, each with its own browser: what one writes, the other shows.

Run on PostgreSQL too (marker ``both_databases``): it is the team deployment without its proxy.
The other screen sees the change when it reruns (here: a reload). Seeing it live, without any
interaction, needs the live screens that poll the workshop revision; that test builds on the
``running_apps`` fixture used here.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

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
