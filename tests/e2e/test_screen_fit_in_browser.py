"""Frictions of issue 23 measured in Chromium on the demo, in both languages: nothing cut, nothing too small.

At 1280×720 the journey Table tab's buttons and the persona comparison's Save show their whole label
inside the window; at 1920×1080 the chain graph's last column is not cut; Streamlit's form hint and
character counter in the new-map popover are 14 px at least.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page

from pmo_insight.demo import create_demo_workshop
from tests.apptest import AppDatabase
from tests.e2e.conftest import screenshot, wait_for_app

pytestmark = pytest.mark.e2e
LOCALES = {"en": "en-US", "zh": "zh-CN"}
#: Each button: its label's overflow (px) and how far it reaches past the window's right edge (px).
CUT = """(sel) => [...document.querySelectorAll(sel)].map((el) => {
  const label = el.querySelector('[data-testid=stMarkdownContainer]') || el;
  const box = el.getBoundingClientRect();
  return [el.innerText.replace(/\\n/g, ' '), label.scrollWidth - label.clientWidth, box.right - innerWidth];
})"""


def _open(page: Page, url: str, tab: int | None = None) -> None:
    page.goto(url)
    wait_for_app(page)
    wait_for_app(page)
    if tab is not None:
        page.locator("[data-testid=stMain] [role=tab]").nth(tab).click()
        wait_for_app(page)
        page.wait_for_timeout(1_000)  # the grid's frame draws its rows


def _whole(page: Page, selector: str, at_least: int) -> None:
    found = page.evaluate(CUT, selector)
    assert len(found) >= at_least, found
    cut = [(text, over, past) for text, over, past in found if over > 1 or past > 0]
    assert not cut, f"buttons cut (label overflow px, px past the window): {cut}"


@pytest.mark.parametrize("lang", list(LOCALES))
def test_buttons_graph_and_form_hints_fit_at_1280_and_1920(browser: Browser, running_app, lang):
    db = AppDatabase(running_app.database_url)
    ws = db.run(create_demo_workshop, lang=lang).id
    db.engine.dispose()
    small = browser.new_context(viewport={"width": 1280, "height": 720}, locale=LOCALES[lang]).new_page()
    _open(small, f"{running_app.url}/journey?workshop={ws}", tab=1)
    _whole(small, "[class*=st-key-grid_actions_] button", at_least=4)
    _open(small, f"{running_app.url}/personas?workshop={ws}", tab=2)
    _whole(small, ".st-key-persona_table_actions button", at_least=2)
    _open(small, f"{running_app.url}/empathy?workshop={ws}")
    small.keyboard.press("Tab")
    small.locator(".st-key-new_map button").first.press("Enter")
    small.locator("[data-testid=stPopoverBody] [data-testid=InputInstructions]").first.wait_for()
    sizes = small.evaluate(
        "() => [...document.querySelectorAll('[data-testid=stPopoverBody] [data-testid=InputInstructions] *')]"
        ".map((e) => parseFloat(getComputedStyle(e).fontSize))"
    )
    assert sizes and min(sizes) >= 14, sizes
    small.context.close()

    large = browser.new_context(viewport={"width": 1920, "height": 1080}, locale=LOCALES[lang]).new_page()
    _open(large, f"{running_app.url}/chain?workshop={ws}")
    graph = large.get_by_test_id("stGraphVizChart")
    graph.locator("svg").wait_for()
    large.wait_for_timeout(500)
    widths = graph.evaluate("(g) => [g.querySelector('svg').getBoundingClientRect().width, g.clientWidth]")
    assert widths[0] <= widths[1] + 1, f"the chain graph is cut: svg {widths[0]} px in a {widths[1]} px box"
    screenshot(large, f"chain-fits-1920-{lang}")
    large.context.close()
