"""The insight chain in a real Chromium: follow the approval-step pain to the 85% utilisation KPI."""

from __future__ import annotations

from collections import deque

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import Session

from pmo_insight.demo import create_demo_workshop
from pmo_insight.domain.traceability import ChainGraph, Layer, chain_graph
from pmo_insight.persistence.chain_loader import load_chain
from pmo_insight.persistence.db import make_engine, migrate
from tests.e2e.conftest import screenshot, wait_for_app

pytestmark = pytest.mark.e2e


def _demo_graph(database_url: str) -> ChainGraph:
    engine = make_engine(database_url)
    migrate(engine)
    with Session(engine) as session:
        workshop = create_demo_workshop(session, lang="en")
        session.commit()
        graph = chain_graph(load_chain(session, workshop_id=workshop.id))
    engine.dispose()
    return graph


def _node(graph: ChainGraph, layer: Layer, startswith: str) -> str:
    (found,) = [n.id for n in graph.nodes.values() if n.layer == layer and n.label.startswith(startswith)]
    return found


def _drawn_edges(page: Page) -> list[tuple[str, str]]:
    """The arrows as the browser drew them: each SVG edge's <title> reads "source->target"."""
    titles = page.locator("[data-testid='stGraphVizChart'] svg g.edge > title").all_text_contents()
    return [tuple(t.split("->")) for t in titles]


def _reachable(edges: list[tuple[str, str]], start: str) -> set[str]:
    seen, queue = {start}, deque([start])
    while queue:
        current = queue.popleft()
        for source, target in edges:
            if source == current and target not in seen:
                seen.add(target)
                queue.append(target)
    return seen


def test_a_business_lead_follows_the_approval_pain_to_the_utilisation_kpi(page: Page, running_app):
    graph = _demo_graph(running_app.database_url)
    approval = _node(graph, Layer.TOUCHPOINT, "Waits for the cross-region approval")
    utilisation = _node(graph, Layer.KPI, "Resource utilisation")
    page.goto(running_app.url)
    wait_for_app(page)
    page.get_by_test_id("stSidebarNav").get_by_text("Insight chain").click()
    wait_for_app(page)

    chart = page.get_by_test_id("stGraphVizChart")
    expect(chart.locator("svg")).to_be_visible(timeout=20_000)
    assert utilisation in _reachable(_drawn_edges(page), approval)

    page.get_by_label("Follow one pain from the persona to its KPI").click()
    page.get_by_role("option", name="Cross-region request and approval is slow and opaque").first.click()
    wait_for_app(page)

    expect(chart.locator("svg")).to_contain_text("Waits for the cross-region")
    expect(chart.locator("svg")).to_contain_text("Resource utilisation: 68% → 85%")
    expect(chart.locator("svg")).not_to_contain_text("Training sign-up")
    assert utilisation in _reachable(_drawn_edges(page), approval)
    expect(page.get_by_test_id("stTable")).to_contain_text("no pain reliever")
    page.get_by_test_id("stMain").evaluate("el => el.scrollTo(0, 0)")
    screenshot(page, "chain-en")

    page.get_by_test_id("stSidebar").get_by_text("简体中文").click()
    wait_for_app(page)
    expect(chart.locator("svg")).to_contain_text("画布痛点")
    expect(page.get_by_text("洞察链健康度：五大误区")).to_be_visible()
    screenshot(page, "chain-zh")
