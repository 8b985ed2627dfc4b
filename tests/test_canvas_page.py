"""The canvas screen under Streamlit's AppTest: the demo's board, linking fit, adding items, stale saves."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from pmo_insight.demo import create_demo_workshop
from pmo_insight.models import ItemKind
from pmo_insight.persistence.chain_loader import load_chain
from pmo_insight.services import canvases
from tests.apptest import open_page

PAGE = "pages/canvas.py"


@pytest.fixture
def demo_app(app_db):
    app_db.run(lambda s: create_demo_workshop(s, lang="en"))
    return open_page(PAGE)


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _board(at: AppTest) -> str:
    return "".join(str(e.proto.body) for e in at.get("html"))


def test_without_a_workshop_the_screen_points_to_home(app_db):
    at = open_page(PAGE)

    assert "Choose or create a workshop" in at.info[0].value


def test_the_demo_canvas_shows_its_fit_score_and_the_uncovered_pain_by_name(demo_app):
    assert _metrics(demo_app) == {"😣 Pains covered": "82%", "😊 Gains covered": "100%", "⇄ Overall fit": "89%"}
    texts = "\n".join(m.value for m in demo_app.markdown)
    assert "P5 · Duplicate reporting\\: HQ templates" in texts
    assert "(5×1 + 5×1 + 4×1 + 3×½ + 2×0) / 19 = 82%" in texts  # the formula, worked for this canvas


def test_the_board_draws_the_value_map_left_of_the_customer_profile_with_sources_and_fit(demo_app):
    board = _board(demo_app)

    assert board.index("Value map") < board.index("Customer profile")
    assert "🗺️ Waits for the cross-region approval +1" in board  # where the pain was carried in from
    assert "→ eases P2, P4½" in board  # a reliever shows which pains it relieves
    assert "cov-none" in board and "⚠️ nothing relieves this yet" in board


def test_linking_a_reliever_to_the_uncovered_pain_raises_the_pain_score(demo_app, app_db):
    at = demo_app
    chain = app_db.run(lambda s: load_chain(s, workshop_id=at.session_state["workshop_id"]))
    rules = next(i for i in chain.items if i.text.startswith("Published allocation rules"))
    reporting = next(i for i in chain.items if i.text.startswith("Duplicate reporting"))

    at.selectbox(key="fit_value").set_value(rules.id).run()
    at.selectbox(key="fit_target_pain").set_value(reporting.id).run()
    at.button(key="fit_link").click().run()

    assert not at.exception
    assert _metrics(at)["😣 Pains covered"] == "92%"  # (15.5 + 2) / 19
    assert "R1 now linked to P5." in at.success[0].value

    link = next(f for f in app_db.run(lambda s: load_chain(s, workshop_id=chain.workshop.id)).fit_links
                if f.customer_item_id == reporting.id)  # fmt: skip
    at.button(key=f"fit_unlink_{link.id}").click().run()
    assert _metrics(at)["😣 Pains covered"] == "82%"


def test_adding_a_pain_with_markup_shows_it_escaped_and_empties_the_field(demo_app):
    at = demo_app
    at.text_input(key="add_text_pain_0").input('<img src=x onerror="alert(1)"> 审批 😤')
    at.button(key="add_item_pain").click().run()

    assert not at.exception
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; 审批 😤" in _board(at)
    assert "<img src=x" not in _board(at)
    assert at.text_input(key="add_text_pain_1").value == ""
    assert _metrics(at)["😣 Pains covered"] == "70%"  # a new severity-3 pain nobody relieves: 15.5 / 22


def test_an_empty_item_is_refused_with_a_message_and_nothing_added(demo_app):
    at = demo_app
    at.button(key="add_item_gain").click().run()

    assert "Text: required" in at.error[0].value
    assert _metrics(at)["😊 Gains covered"] == "100%"


def test_an_item_edit_from_a_stale_screen_is_refused_and_keeps_the_typed_text(demo_app, app_db):
    at = demo_app
    chain = app_db.run(lambda s: load_chain(s, workshop_id=at.session_state["workshop_id"]))
    job = chain.items_of(chain.canvases[0].id, ItemKind.JOB)[0]
    app_db.run(lambda s: canvases.update_item(s, item_id=job.id, expected_version=job.version, text="Theirs"))

    at.text_area(key=f"item_text_{job.id}").input("Mine").run()
    at.button(key=f"item_save_{job.id}").click().run()

    assert any("changed by someone else" in e.value for e in at.error)
    assert at.text_area(key=f"item_text_{job.id}").value == "Mine"
    saved = app_db.run(lambda s: load_chain(s, workshop_id=chain.workshop.id))
    assert next(i.text for i in saved.items if i.id == job.id) == "Theirs"


def test_the_statement_tab_offers_the_written_statement_and_saves_it(demo_app, app_db):
    at = demo_app
    canvas_id = at.session_state["canvas_id"]
    at.button(key="statement_use").click().run()
    at.button(key="statement_save").click().run()

    chain = app_db.run(lambda s: load_chain(s, workshop_id=at.session_state["workshop_id"]))
    saved = next(c for c in chain.canvases if c.id == canvas_id).value_statement
    assert saved.startswith("For Huang Jun (Business director, South China region), who needs to")
    assert "resource utilisation rising from 68% to 85%" in saved


def test_a_new_kpi_appears_in_the_written_statement(demo_app):
    at = demo_app
    at.text_input(key="kpi_new_0_name").input("Customer NPS").run()
    at.number_input(key="kpi_new_0_baseline").set_value(20).run()
    at.number_input(key="kpi_new_0_target").set_value(45).run()
    at.button(key="kpi_add").click().run()

    assert not at.exception
    suggestion = [m.value for m in at.markdown if m.value.startswith("### For Huang Jun")]
    assert suggestion  # still three KPIs in the sentence; the fourth is listed on the KPI tab
    assert at.text_input(key="kpi_new_1_name").value == ""


def test_the_screen_reads_in_chinese(demo_app):
    at = demo_app
    at.radio(key="lang").set_value("zh").run()

    assert at.title[0].value == "🎯 价值主张画布"
    assert "痛点覆盖" in "".join(_metrics(at))
    assert "价值地图" in _board(at) and "客户概况" in _board(at)
