"""The iteration loop on screen (AppTest): overdue banners, Start the review, snapshots, the diff, KPI actuals."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from pmo_insight.iterate.kpi_actuals import list_kpi_actuals
from pmo_insight.iterate.rhythm import add_months
from pmo_insight.iterate.snapshots import list_snapshots, take_snapshot
from pmo_insight.persistence.chain_loader import load_chain
from pmo_insight.services import journeys, workshops
from tests.apptest import open_page
from tests.factories import build_workshop

HISTORY, CHAIN, CANVAS = "pages/history.py", "pages/chain.py", "pages/canvas.py"


def _workshop(app_db, *, review_on: date | None):
    def build(s):
        ws = build_workshop(s)
        return workshops.update_workshop(s, workshop_id=ws.id, expected_version=ws.version, next_review_on=review_on)

    return app_db.run(build)


def _text(at) -> str:
    return "\n".join(w.value for w in [*at.warning, *at.success, *at.markdown, *at.info, *at.caption])


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_overdue_review_shows_a_banner_on_home_and_on_the_chain_screen(app_db, lang):
    overdue = date.today() - timedelta(days=10)
    workshop = _workshop(app_db, review_on=overdue)

    home = open_page(None, lang=lang)
    chain = open_page(CHAIN, lang=lang)

    for at in (home, chain):
        [banner] = [w for w in at.warning if overdue.isoformat() in w.value]
        assert ("10 days overdue" if lang == "en" else "逾期 10 天") in banner.value
    assert home.button(key=f"rhythm_start_home_{workshop.id}")
    assert chain.button(key=f"rhythm_start_chain_{workshop.id}")


def test_no_banner_while_the_review_is_not_due(app_db):
    _workshop(app_db, review_on=date.today() + timedelta(days=30))

    home, chain = open_page(None), open_page(CHAIN)

    assert not [w for w in [*home.warning, *chain.warning] if "overdue" in w.value]


def test_start_the_review_takes_a_snapshot_and_moves_the_date_by_one_cycle(app_db):
    due = date.today() - timedelta(days=3)
    workshop = _workshop(app_db, review_on=due)
    at = open_page(CHAIN)

    at.button(key=f"rhythm_start_chain_{workshop.id}").click().run()

    assert not at.exception
    [snapshot] = app_db.run(lambda s: list_snapshots(s, workshop_id=workshop.id))
    assert snapshot.label.startswith("Review started")
    moved = app_db.run(lambda s: workshops.get_workshop(s, workshop_id=workshop.id)).next_review_on
    assert moved == add_months(due, 6)
    assert not [w for w in at.warning if "overdue" in w.value]
    assert any("Review started" in s.value for s in at.success)


def test_history_takes_a_snapshot_lists_it_and_shows_what_changed_since(app_db):
    workshop = _workshop(app_db, review_on=date.today() + timedelta(days=30))
    at = open_page(HISTORY)
    assert any("Take a snapshot first" in i.value for i in at.info)

    at.text_input(key="history_label").set_value("Before the H1 review")
    at.button(key="history_take_button").click().run()

    assert not at.exception
    assert "Before the H1 review" in _text(at)

    def change(s):
        tp = load_chain(s, workshop_id=workshop.id).touchpoints[0]
        journeys.update_touchpoint(s, touchpoint_id=tp.id, expected_version=tp.version, emotion_now=3)

    app_db.run(change)
    at.run()

    assert not at.exception
    assert len(at.get("vega_lite_chart")) >= 1  # the emotion curve before and after
    assert "Emotion now\\: −1 → \\+3" in _text(at)


def test_a_snapshot_opens_read_only_and_restores_as_a_new_workshop(app_db):
    workshop = _workshop(app_db, review_on=date.today() + timedelta(days=30))
    snapshot = app_db.run(lambda s: take_snapshot(s, workshop.id, "H1", "PMO"))
    at = open_page(HISTORY)

    at.button(key=f"history_open_{snapshot.id}").click().run()
    assert not at.exception
    assert any("Read-only" in c.value for c in at.caption)

    at.button(key=f"history_restore_go_{snapshot.id}").click().run()
    assert not at.exception
    titles = [w.workshop.title for w in app_db.run(workshops.list_workshops)]
    assert "Synthetic workshop (H1)" in titles


def test_a_kpi_actual_is_recorded_on_the_canvas_and_a_bad_number_changes_nothing(app_db):
    workshop = _workshop(app_db, review_on=date.today() + timedelta(days=30))
    kpi = app_db.run(lambda s: load_chain(s, workshop_id=workshop.id)).kpis[0]
    at = open_page(CANVAS)

    at.button(key=f"kpi_actual_add_{kpi.id}").click().run()  # no value typed
    assert not at.exception and at.error
    assert app_db.run(lambda s: list_kpi_actuals(s, kpi_id=kpi.id)) == []

    at.number_input(key=f"kpi_actual_value_{kpi.id}_0").set_value(9.0)
    at.text_input(key=f"kpi_actual_source_{kpi.id}_0").set_value("HR system")
    at.button(key=f"kpi_actual_add_{kpi.id}").click().run()

    assert not at.exception
    [actual] = app_db.run(lambda s: list_kpi_actuals(s, kpi_id=kpi.id))
    assert (actual.value, actual.source, actual.measured_on) == (9.0, "HR system", date.today())
    assert any("latest 9 days" in m.value for m in at.markdown)
