"""KPI actuals (service, progress, health warning, backup) and the review rhythm's dates."""

from __future__ import annotations

import json
from datetime import date

import pytest

from pmo_insight.domain.health import chain_health
from pmo_insight.domain.kpi_progress import kpi_progress
from pmo_insight.domain.pitfalls import CHECK_PAGE
from pmo_insight.errors import ValidationFailed
from pmo_insight.export import export
from pmo_insight.iterate import rhythm
from pmo_insight.iterate.kpi_actuals import add_kpi_actual, list_kpi_actuals
from pmo_insight.iterate.snapshots import list_snapshots
from pmo_insight.persistence.chain_loader import load_chain
from pmo_insight.persistence.restore import restore_backup
from pmo_insight.services import canvases, workshops
from tests.factories import build_workshop


@pytest.fixture
def kpi(session):
    workshop = build_workshop(session)  # one KPI: lead time, baseline 10 days, target 8 days
    session.commit()
    return load_chain(session, workshop_id=workshop.id).kpis[0]


def test_actuals_are_kept_oldest_first_and_progress_runs_from_baseline_to_target(session, kpi):
    add_kpi_actual(session, kpi_id=kpi.id, value=8.5, measured_on=date(2027, 3, 1), source="HR system")
    add_kpi_actual(session, kpi_id=kpi.id, value=9.5, measured_on=date(2027, 1, 1))

    chain = load_chain(session, workshop_id=_canvas_workshop(session, kpi.canvas_id))
    progress = kpi_progress(chain, chain.kpis[0])

    assert [a.value for a in list_kpi_actuals(session, kpi_id=kpi.id)] == [9.5, 8.5]
    assert progress.latest.value == 8.5 and progress.share == pytest.approx(0.75)


def _canvas_workshop(session, canvas_id: int) -> int:
    from pmo_insight.models import ValueCanvas

    return session.get(ValueCanvas, canvas_id).workshop_id


@pytest.mark.parametrize(
    ("value", "measured_on"), [(float("nan"), date(2027, 1, 1)), (float("inf"), date(2027, 1, 1)), (None, None)]
)
def test_a_non_finite_or_missing_value_is_refused_and_nothing_is_stored(session, kpi, value, measured_on):
    with pytest.raises(ValidationFailed):
        add_kpi_actual(session, kpi_id=kpi.id, value=value, measured_on=measured_on)
    session.rollback()

    assert list_kpi_actuals(session, kpi_id=kpi.id) == []


def test_a_kpi_past_its_due_date_without_an_actual_is_a_one_off_use_warning(session, kpi):
    canvases.update_kpi(session, kpi_id=kpi.id, expected_version=kpi.version, due_on=date(2027, 1, 31))
    workshop_id = _canvas_workshop(session, kpi.canvas_id)

    def faults(today: date) -> int:
        results = {r.check: r for r in chain_health(load_chain(session, workshop_id=workshop_id), today=today)}
        result = results["kpi_past_due_without_actual"]
        assert result.pitfall == "one_off"
        return len(result.faults)

    assert faults(date(2027, 1, 31)) == 0  # due today: not yet late
    assert faults(date(2027, 2, 1)) == 1
    add_kpi_actual(session, kpi_id=kpi.id, value=9, measured_on=date(2027, 2, 1))
    assert faults(date(2027, 2, 1)) == 0
    assert CHECK_PAGE["kpi_past_due_without_actual"] == "pages/canvas.py"


def test_actuals_travel_in_the_backup_and_come_back_on_restore(session, kpi):
    add_kpi_actual(session, kpi_id=kpi.id, value=9, measured_on=date(2027, 2, 1), source="HR system")
    workshop_id = _canvas_workshop(session, kpi.canvas_id)
    data = export(load_chain(session, workshop_id=workshop_id), "json")

    restored = restore_backup(session, data=data)

    [actual] = load_chain(session, workshop_id=restored.id).kpi_actuals
    assert (actual.value, actual.measured_on, actual.source) == (9, date(2027, 2, 1), "HR system")
    assert json.loads(data)["kpi_actuals"][0]["kpi_id"] == 1


def test_an_older_backup_without_uids_actuals_or_minor_version_still_restores(session, kpi):
    workshop_id = _canvas_workshop(session, kpi.canvas_id)
    document = json.loads(export(load_chain(session, workshop_id=workshop_id), "json"))
    document.pop("schema_minor")
    document.pop("kpi_actuals")
    document["workshop"].pop("review_cycle_months")
    for rows in document.values():
        if isinstance(rows, list):
            for row in rows:
                row.pop("uid", None)

    restored = restore_backup(session, data=json.dumps(document).encode())

    chain = load_chain(session, workshop_id=restored.id)
    assert len(chain.touchpoints) == 6 and all(len(t.uid) == 32 for t in chain.touchpoints)
    assert chain.workshop.review_cycle_months == 6


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda d: d.__setitem__("schema_minor", 99), "schema_minor"),
        (lambda d: d["personas"][0].__setitem__("uid", "not a uid!"), "personas[0].uid"),
        (lambda d: d["touchpoints"][1].__setitem__("uid", d["touchpoints"][0]["uid"]), "touchpoints[1].uid"),
        (lambda d: d.pop("kpi_actuals"), "kpi_actuals"),
        (
            lambda d: d["kpi_actuals"].append({"id": 1, "kpi_id": 1, "value": 1, "measured_on": "soon"}),
            "kpi_actuals[0]",
        ),
    ],
)
def test_a_backup_with_a_bad_minor_version_uid_or_actual_is_refused_whole(session, kpi, change, where):
    from pmo_insight.domain.backup_check import BackupRejected

    workshop_id = _canvas_workshop(session, kpi.canvas_id)
    document = json.loads(export(load_chain(session, workshop_id=workshop_id), "json"))
    change(document)
    before = len(workshops.list_workshops(session))

    with pytest.raises(BackupRejected) as rejected:
        restore_backup(session, data=json.dumps(document).encode())

    assert any(p.where.startswith(where) for p in rejected.value.problems), rejected.value.problems
    assert len(workshops.list_workshops(session)) == before


@pytest.mark.parametrize(
    ("current", "today", "expected"),
    [
        (date(2027, 5, 16), date(2027, 6, 1), date(2027, 11, 16)),  # late: keep the calendar rhythm
        (date(2027, 5, 16), date(2027, 5, 1), date(2027, 11, 16)),  # started early
        (date(2026, 1, 10), date(2027, 3, 1), date(2027, 7, 10)),  # a year late: never a date already past
        (date(2026, 8, 31), date(2026, 9, 1), date(2027, 2, 28)),  # a shorter month
        (None, date(2027, 3, 1), date(2027, 9, 1)),
    ],
)
def test_the_next_review_moves_on_by_one_cycle_and_never_into_the_past(current, today, expected):
    assert rhythm.next_review_after(current, 6, today) == expected


def test_start_review_snapshots_moves_the_date_and_uses_a_registered_review_link_factory(session, kpi):
    workshop_id = _canvas_workshop(session, kpi.canvas_id)
    calls = []
    rhythm.register_review_link_factory(lambda s, **kw: calls.append(kw) or "link")
    try:
        started = rhythm.start_review(session, workshop_id=workshop_id, label="H1", today=date(2027, 6, 1))
    finally:
        rhythm.register_review_link_factory(None)

    assert started.review_link == "link" and calls == [{"workshop_id": workshop_id, "label": "H1"}]
    assert started.next_review_on == date(2027, 12, 1)
    assert [s.label for s in list_snapshots(session, workshop_id=workshop_id)] == ["H1"]
    session.expire_all()
    assert workshops.get_workshop(session, workshop_id=workshop_id).next_review_on == date(2027, 12, 1)
