"""A survey in a real Chromium: upload a 问卷星-style GB18030 CSV, import it, see the segments, draft a persona."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from pmo_insight.services import personas, workshops
from tests.apptest import AppDatabase
from tests.e2e.conftest import wait_for_app
from tests.survey_files import csv_bytes, planted_rows

pytestmark = pytest.mark.e2e


@pytest.fixture
def db(running_app):
    database = AppDatabase(running_app.database_url)
    yield database
    database.engine.dispose()


def test_upload_segments_persona(page: Page, running_app, db, tmp_path):
    ws = db.run(workshops.create_workshop, title="Survey workshop")
    headers, rows, _ = planted_rows("zh")
    survey = tmp_path / "问卷星导出.csv"
    survey.write_bytes(csv_bytes(headers, rows, "gb18030"))

    page.goto(running_app.url)
    wait_for_app(page)
    expect(page.get_by_role("heading", name="PMO Insight Studio").first).to_be_visible()
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Evidence in").click()
    wait_for_app(page)
    page.get_by_test_id("stFileUploaderDropzoneInput").first.set_input_files(str(survey))
    wait_for_app(page)
    expect(page.get_by_text("150 respondents × 15 columns read (gb18030)")).to_be_visible(timeout=20_000)
    page.get_by_role("button", name="Import as evidence").click()
    wait_for_app(page)

    expect(page.get_by_role("heading", name="Segment A", level=3)).to_be_visible(timeout=30_000)
    expect(page.get_by_text("n = 61 of 150 (41%)").first).to_be_visible()
    page.get_by_role("button", name="Draft a persona from segment A").click()
    wait_for_app(page)
    expect(page.get_by_text("Persona “Segment A” drafted").first).to_be_visible(timeout=20_000)

    drafted = db.run(personas.list_personas, workshop_id=ws.id)
    assert [p.name for p in drafted] == ["Segment A"]
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Personas").click()
    wait_for_app(page)
    expect(page.get_by_text("n = 61 of 150 (41%)").first).to_be_visible()
