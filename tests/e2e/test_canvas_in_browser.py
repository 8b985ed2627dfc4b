"""The value canvas in a real Chromium: link a reliever to a pain and watch the fit score move."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import Session

from pmo_insight.demo import create_demo_workshop
from pmo_insight.models import ItemKind
from pmo_insight.persistence.chain_loader import load_chain
from pmo_insight.persistence.db import make_engine, migrate
from pmo_insight.services import canvases
from tests.e2e.conftest import screenshot, wait_for_app

pytestmark = pytest.mark.e2e
HOSTILE = '<img src=x onerror="alert(1)"> <script>alert(2)</script> 分级治理 🚀'


def _demo_with_hostile_product(database_url: str) -> None:
    """The demo, with one product note renamed to markup that would run if the board did not escape it."""
    engine = make_engine(database_url)
    migrate(engine)
    with Session(engine) as session:
        workshop = create_demo_workshop(session, lang="en")
        chain = load_chain(session, workshop_id=workshop.id)
        product = chain.items_of(chain.canvases[0].id, ItemKind.PRODUCT)[0]
        canvases.update_item(session, item_id=product.id, expected_version=product.version, text=HOSTILE)
        session.commit()
    engine.dispose()


def _pick(page: Page, label: str, option: str) -> None:
    page.get_by_label(label).click()
    page.get_by_role("option", name=option).first.click()
    wait_for_app(page)


def test_linking_a_reliever_to_the_unrelieved_pain_raises_the_fit_score(page: Page, running_app):
    _demo_with_hostile_product(running_app.database_url)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(running_app.url)
    wait_for_app(page)
    page.get_by_test_id("stSidebarNav").get_by_text("Value canvas").click()
    wait_for_app(page)

    pains_metric = page.get_by_test_id("stMetric").filter(has_text="Pains covered")
    expect(pains_metric).to_contain_text("82%")
    board = page.get_by_test_id("stHtml").filter(has_text="Value map")
    expect(board).to_contain_text("P5Duplicate reporting")
    expect(board).to_contain_text(HOSTILE)  # the markup shows as text...
    assert page.locator("[data-testid='stMain'] img[src='x']").count() == 0  # ...and never becomes an element

    page.get_by_role("tab", name="Fit").click()
    _pick(page, "Pain it relieves", "P5 · Duplicate reporting")
    page.get_by_role("button", name="Link", exact=False).filter(has_text="Link").first.click()
    wait_for_app(page)

    expect(pains_metric).to_contain_text("92%")
    expect(page.get_by_text("R1 now linked to P5.")).to_be_visible()
    expect(board).to_contain_text("eased by R1")
    assert dialogs == []
    page.get_by_test_id("stMain").evaluate("el => el.scrollTo(0, 0)")
    screenshot(page, "canvas-en")

    page.get_by_test_id("stSidebar").get_by_text("简体中文").click()
    wait_for_app(page)
    expect(page.get_by_test_id("stMetric").filter(has_text="痛点覆盖")).to_contain_text("92%")
    expect(page.get_by_test_id("stHtml").filter(has_text="价值地图")).to_contain_text("客户概况")
    screenshot(page, "canvas-zh")
