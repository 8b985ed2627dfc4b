"""A business lead downloads the demo deck in a real Chromium and opens it."""

from __future__ import annotations

import io

import pytest
from playwright.sync_api import Page, expect
from pptx import Presentation

from tests.e2e.conftest import screenshot, wait_for_app

pytestmark = pytest.mark.e2e


def test_a_business_lead_downloads_the_demo_deck_in_chinese_and_it_opens_with_its_chart(page: Page, running_app):
    page.goto(running_app.url)
    wait_for_app(page)
    page.get_by_role("button", name="Load the demo workshop").click()
    wait_for_app(page)
    page.goto(f"{running_app.url}/export")  # a new session: the only workshop, the demo, is the current one
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Export and backup")).to_be_visible(timeout=20_000)
    page.get_by_test_id("stMain").get_by_text("简体中文").click()
    wait_for_app(page)
    screenshot(page, "export-en")

    with page.expect_download(timeout=30_000) as download_info:
        page.get_by_role("button", name="Slide deck (.pptx)").click()
    download = download_info.value

    assert download.suggested_filename.endswith("-zh.pptx")
    deck = Presentation(io.BytesIO(open(download.path(), "rb").read()))
    titles = [slide.shapes.title.text_frame.text for slide in deck.slides]
    assert titles[1].startswith("追踪一个痛点") and "下一步" in titles  # the story: one pain first
    assert any(title.startswith("附录") for title in titles)  # details go to the appendix
    assert any(shape.has_chart for slide in deck.slides for shape in slide.shapes)
    expect(page.get_by_role("button", name="Restore as a new workshop")).to_be_disabled()
