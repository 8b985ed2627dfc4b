"""The chain as a graph and a table: the demo's approval pain can be followed to the 85% utilisation KPI."""

from __future__ import annotations

import pytest

from pmo_insight.demo import create_demo_workshop
from pmo_insight.domain.refs import Ref
from pmo_insight.domain.traceability import (
    EdgeKind,
    Gap,
    Layer,
    chain_graph,
    node_id,
    to_dot,
    trace_rows,
    wrap,
)
from pmo_insight.models import ItemKind, RefKind
from pmo_insight.persistence.chain_loader import load_chain
from pmo_insight.services import canvases, links


@pytest.fixture
def demo(session):
    ws = create_demo_workshop(session, lang="en")
    return load_chain(session, workshop_id=ws.id)


def _by_label(graph, layer: Layer, startswith: str) -> str:
    (found,) = [n.id for n in graph.nodes.values() if n.layer == layer and n.label.startswith(startswith)]
    return found


def test_the_approval_step_pain_leads_through_a_reliever_to_the_85_percent_utilisation_kpi(demo):
    graph = chain_graph(demo)
    approval = _by_label(graph, Layer.TOUCHPOINT, "Waits for the cross-region approval")
    utilisation = _by_label(graph, Layer.KPI, "Resource utilisation: 68% → 85%")
    persona = _by_label(graph, Layer.PERSONA, "🧭 Huang Jun")

    assert graph.path_exists(approval, utilisation)
    assert graph.path_exists(persona, utilisation)  # persona -> feeling -> touchpoint -> pain -> reliever -> KPI
    story = graph.through(_by_label(graph, Layer.PAIN, "Cross-region request and approval is slow"))
    assert {approval, utilisation, persona} <= set(story.nodes)
    assert {n.layer for n in story.nodes.values()} == set(Layer)
    assert not any(n.label.startswith("Training") for n in story.nodes.values())  # other canvas left out


def test_the_graph_is_built_from_trace_fit_and_kpi_links_with_gaps_marked(demo):
    graph = chain_graph(demo)

    kinds = {e.kind for e in graph.edges}
    assert kinds == set(EdgeKind)
    assert len([e for e in graph.edges if e.kind == EdgeKind.KPI]) == len(
        [kl for kl in demo.kpi_links if any(i.id == kl.item_id and i.kind == ItemKind.RELIEVER for i in demo.items)]
    )
    partial = [e for e in graph.edges if e.kind == EdgeKind.FIT and e.partial]
    assert len(partial) == 3  # tiers->autonomy, tracking->slow, tracking->anxiety
    gaps = sorted(n.label for n in graph.nodes.values() if n.gap)
    assert gaps == [
        "Case studies from the group's own projects",  # a reliever no KPI measures
        "Duplicate reporting: HQ templates differ from the region's own report",  # a pain nothing relieves
    ]
    gains = {node_id(Ref(RefKind.CANVAS_ITEM, i.id)) for i in demo.items if i.kind == ItemKind.GAIN}
    assert gains.isdisjoint(graph.nodes)  # the graph follows pains; gains stay on the canvas


def test_the_traceability_table_lists_every_canvas_pain_with_sources_relievers_kpis_and_gaps(demo):
    rows = trace_rows(demo)

    assert len(rows) == len([i for i in demo.items if i.kind == ItemKind.PAIN]) == 8
    by_pain = {r.pain.text: r for r in rows}
    slow = by_pain["Cross-region request and approval is slow and opaque"]
    assert [demo.label(s) for s in slow.sources][:2] == [
        "Waits for the cross-region approval",
        "Chases the request by phone",
    ]
    assert "Huang Jun" in [demo.label(s) for s in slow.sources]
    assert [k.name for k in slow.kpis] == [
        "Resource utilisation",
        "Average project delay (-20%)",
        "Cross-region approval lead time",
    ]
    assert slow.gaps == ()
    assert by_pain["Fear of losing local autonomy under stricter HQ governance"].gaps == (
        Gap.NO_SOURCE,
        Gap.NO_EVIDENCE,
    )
    assert by_pain["Duplicate reporting: HQ templates differ from the region's own report"].gaps == (
        Gap.NO_SOURCE,
        Gap.NO_RELIEVER,
    )
    assert by_pain["Theory-heavy content, far from real projects"].gaps == (Gap.NO_KPI,)
    assert [r.pain.rank for r in rows if r.canvas.id == rows[0].canvas.id] == [5, 5, 4, 3, 2]


def test_closing_a_gap_through_the_services_clears_it_from_the_table(session, demo):
    reporting = next(i for i in demo.items if i.text.startswith("Duplicate reporting"))
    rules = next(i for i in demo.items if i.text.startswith("Published allocation rules"))
    region_tp = next(t for t in demo.touchpoints if t.name.startswith("Reviews delivery"))
    canvases.link_fit(session, value_item_id=rules.id, customer_item_id=reporting.id)
    links.add_trace(
        session, source=Ref(RefKind.TOUCHPOINT, region_tp.id), target=Ref(RefKind.CANVAS_ITEM, reporting.id)
    )

    rows = {r.pain.id: r for r in trace_rows(load_chain(session, workshop_id=demo.workshop.id))}

    assert rows[reporting.id].gaps == ()
    assert rows[reporting.id].relievers[0][0].id == rules.id


def test_dot_output_escapes_quotes_backslashes_and_newlines_in_user_text(session, demo):
    pain = next(i for i in demo.items if i.kind == ItemKind.PAIN)
    canvases.update_item(session, item_id=pain.id, expected_version=pain.version, text='Say "hi" \\ then\nrun } ];')
    graph = chain_graph(load_chain(session, workshop_id=demo.workshop.id))

    dot = to_dot(graph, layer_titles={}, highlight=node_id(Ref(RefKind.CANVAS_ITEM, pain.id)))

    line = next(ln for ln in dot.splitlines() if ln.strip().startswith(node_id(Ref(RefKind.CANVAS_ITEM, pain.id))))
    assert 'Say \\"hi\\" \\\\ then run } ];' in line
    assert "penwidth=3.2" in line
    assert dot.count("{") - dot.count("\\{") >= 1 and dot.rstrip().endswith("}")


def test_labels_wrap_by_display_width_so_chinese_lines_stay_as_wide_as_english_ones():
    assert wrap("Cross-region request and approval is slow and opaque", width=20) == [
        "Cross-region request",
        "and approval is slow",
        "and opaque",
    ]
    assert wrap("跨区域申请和审批慢且不透明", width=10) == ["跨区域申请", "和审批慢且", "不透明"]
    assert wrap("x " * 100, width=10, max_lines=2)[-1].endswith("…")
