"""The chain screen under AppTest: graph, one pain followed to its KPI, traceability gaps, pitfalls fixed."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from streamlit.testing.v1 import AppTest

from pmo_insight.demo import create_demo_workshop
from pmo_insight.domain.traceability import Layer, chain_graph
from pmo_insight.persistence.chain_loader import load_chain
from pmo_insight.services import workshops
from tests.apptest import open_page

PAGE = "pages/chain.py"


@pytest.fixture
def demo(app_db):
    workshop = app_db.run(lambda s: create_demo_workshop(s, lang="en"))
    return open_page(PAGE), workshop


def _dot(at: AppTest) -> str:
    (chart,) = at.get("graphviz_chart")
    return chart.proto.spec


def test_without_a_workshop_the_screen_points_to_home(app_db):
    assert "Choose or create a workshop" in open_page(PAGE).info[0].value


def test_the_whole_demo_chain_is_drawn_from_persona_to_kpi(demo):
    at, _ = demo
    dot = _dot(at)

    for heading in ("Persona", "Empathy notes", "Journey touchpoints", "Canvas pains", "Pain relievers", "KPIs"):
        assert heading in dot
    assert "Resource utilisation: 68% → 85%" in dot
    assert dot.count("->") > 30


def test_following_the_approval_pain_shows_only_its_story_down_to_the_utilisation_kpi(demo, app_db):
    at, workshop = demo
    graph = app_db.run(lambda s: chain_graph(load_chain(s, workshop_id=workshop.id)))
    slow = next(n.id for n in graph.nodes.values() if n.layer == Layer.PAIN and n.label.startswith("Cross-region"))

    at.selectbox(key="chain_focus").set_value(slow).run()

    dot = _dot(at)
    assert "Waits for the cross-region approval" in dot and "Resource utilisation: 68% → 85%" in dot
    assert "Training sign-up lead time" not in dot
    path = "\n".join(m.value for m in at.markdown)
    assert "Waits for the cross\\-region approval" in path and "Resource utilisation\\: 68% → 85%" in path


def test_the_traceability_table_lists_every_pain_and_names_the_gaps(demo):
    at, _ = demo
    (table,) = at.table
    frame = table.value

    assert len(frame) == 8
    assert list(frame.columns)[-1] == "Gaps"
    gaps = dict(zip(frame["Pain"], frame["Gaps"], strict=True))
    assert gaps["Duplicate reporting: HQ templates differ from the region's own report"] == (
        "⚠️ not traced to an empathy note or touchpoint · ⚠️ no pain reliever"
    )
    assert gaps["Cross-region request and approval is slow and opaque"] == "✅"
    assert any(m.value.startswith("8 canvas pains; **3** with a gap") for m in at.markdown)


def test_the_five_pitfalls_show_the_demo_warnings_with_links_to_the_fixing_screens(demo):
    at, _ = demo
    tiles = [m.value for m in at.markdown if m.value.startswith("#### ")]

    assert tiles == [
        "#### ⚠️ 🔬 Assumptions, not data",
        "#### ✅ 🎯 Too many pains",
        "#### ✅ 🔁 One-off use",
        "#### ⚠️ 🔗 Tools used in isolation",
        "#### ✅ 📈 No executive buy-in",
    ]
    links = [link.proto for link in at.get("page_link")]
    assert {"Fix on the Value canvas screen", "Fix on the Empathy map screen"} <= {link.label for link in links}


def test_an_overdue_review_warns_and_setting_a_date_on_the_screen_clears_it(demo, app_db):
    _, workshop = demo
    app_db.run(
        lambda s: workshops.update_workshop(
            s, workshop_id=workshop.id, expected_version=1, next_review_on=date.today() - timedelta(days=3)
        ),
    )
    at = open_page(PAGE)
    assert "#### ⚠️ 🔁 One-off use" in [m.value for m in at.markdown]

    at.date_input(key="review_date").set_value(date.today() + timedelta(days=180)).run()
    at.button(key="review_save").click().run()

    assert "#### ✅ 🔁 One-off use" in [m.value for m in at.markdown]
    stored = app_db.run(lambda s: workshops.get_workshop(s, workshop_id=workshop.id))
    assert stored.next_review_on == date.today() + timedelta(days=180)


def test_the_screen_reads_in_chinese(demo):
    at, _ = demo
    at.radio(key="lang").set_value("zh").run()

    assert at.title[0].value == "🔗 洞察链"
    assert "画布痛点" in _dot(at)
    assert "#### ⚠️ 🔬 脱离实际，主观臆断" in [m.value for m in at.markdown]
