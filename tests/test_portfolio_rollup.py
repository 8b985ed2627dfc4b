"""The portfolio roll-up on workshops built through the services: progress, RAG, departments, pains."""

from __future__ import annotations

from datetime import date

import pytest

from pmo_insight.portfolio.rag import Rag, rag, time_elapsed
from pmo_insight.portfolio.rollup import contract
from pmo_insight.portfolio.services import clear_cache, portfolio_view
from tests.portfolio_builders import portfolio_workshop

TODAY = date(2026, 7, 1)


@pytest.fixture(autouse=True)
def _fresh_cache():
    clear_cache()
    yield
    clear_cache()


def _kpis(portfolio) -> dict[str, object]:
    return {k.name: k for k in portfolio.kpis}


def test_progress_is_the_unclipped_share_from_baseline_to_target_with_the_latest_actual(session):
    portfolio_workshop(
        session,
        title="Sales",
        department="Sales",
        kpis=[
            # the latest by date counts, not the last entered
            dict(
                name="Win rate",
                baseline=20,
                target=40,
                due_on=date(2026, 12, 31),
                actuals=[(35, date(2026, 6, 1)), (25, date(2026, 3, 1))],
            ),
            dict(name="Past target", baseline=10, target=20, actuals=[(25, date(2026, 5, 1))]),
            dict(name="Got worse", baseline=50, target=60, actuals=[(45, date(2026, 5, 1))]),
            dict(name="Not measured", baseline=1, target=2),
        ],
    )

    kpis = _kpis(portfolio_view(session, today=TODAY))

    assert kpis["Win rate"].actual == 35 and kpis["Win rate"].progress == pytest.approx(0.75)
    assert kpis["Past target"].progress == pytest.approx(1.5)
    assert kpis["Got worse"].progress == pytest.approx(-0.5)
    assert kpis["Not measured"].actual is None and kpis["Not measured"].progress is None
    assert kpis["Not measured"].rag == Rag.UNKNOWN
    assert kpis["Got worse"].rag == Rag.RED and kpis["Past target"].rag == Rag.GREEN


def test_a_kpi_that_should_go_down_counts_progress_downwards(session):
    portfolio_workshop(
        session,
        title="Finance",
        department="Finance",
        kpis=[
            dict(
                name="Days to close", baseline=10, target=4, due_on=date(2026, 12, 31), actuals=[(7, date(2026, 6, 1))]
            ),
            dict(name="Days up", baseline=10, target=4, actuals=[(12, date(2026, 6, 1))]),
        ],
    )

    kpis = _kpis(portfolio_view(session, today=TODAY))

    assert kpis["Days to close"].progress == pytest.approx(0.5)
    assert kpis["Days up"].progress == pytest.approx(-1 / 3)
    # half way on 1 July of a year to 31 Dec: on pace
    assert kpis["Days to close"].rag == Rag.GREEN


def test_rag_compares_progress_with_the_time_elapsed_to_the_due_date():
    assert time_elapsed(date(2026, 1, 1), date(2026, 12, 31), date(2026, 7, 2)) == pytest.approx(182 / 364)
    assert time_elapsed(date(2026, 1, 1), date(2026, 12, 31), date(2027, 3, 1)) == 1.0
    assert rag(0.45, 0.5, past_due=False) == Rag.GREEN
    assert rag(0.30, 0.5, past_due=False) == Rag.AMBER
    assert rag(0.20, 0.5, past_due=False) == Rag.RED
    assert rag(0.90, 1.0, past_due=True) == Rag.RED
    assert rag(1.20, 1.0, past_due=True) == Rag.GREEN
    assert rag(0.50, None, past_due=False) == Rag.UNKNOWN
    assert rag(None, 0.1, past_due=False) == Rag.UNKNOWN


def test_departments_roll_up_apart_and_a_group_with_an_unmeasured_kpi_is_unknown(session):
    due = date(2026, 12, 31)
    portfolio_workshop(
        session,
        title="S1",
        department="Sales",
        kpis=[
            dict(name="A", baseline=0, target=10, due_on=due, actuals=[(6, date(2026, 6, 1))]),
            dict(name="B", baseline=0, target=10, due_on=due, actuals=[(14, date(2026, 6, 1))]),
        ],
    )
    portfolio_workshop(
        session,
        title="R1",
        department="R&D",
        kpis=[
            dict(name="C", baseline=0, target=10, due_on=due, actuals=[(1, date(2026, 6, 1))]),
            dict(name="D", baseline=0, target=10, due_on=due),
        ],
    )

    portfolio = portfolio_view(session, today=TODAY)
    by_department = {r.label: r for r in portfolio.departments}

    assert set(by_department) == {"Sales", "R&D"}
    sales, rnd = by_department["Sales"], by_department["R&D"]
    # each capped to 0..1 before the mean: (0.6 + 1.0) / 2
    assert sales.progress == pytest.approx(0.8) and sales.state == Rag.GREEN
    assert {k.name for k in sales.kpis} == {"A", "B"}
    assert rnd.progress == pytest.approx(0.1) and rnd.measured == 1 and rnd.state == Rag.UNKNOWN
    assert portfolio.total.state == Rag.UNKNOWN and len(portfolio.total.kpis) == 4
    assert portfolio.total.progress == pytest.approx((0.6 + 1.0 + 0.1) / 3)


def test_similar_pains_recur_across_workshops_and_departments_ranked_first(session):
    a = portfolio_workshop(
        session,
        title="Sales East",
        department="Sales",
        pains=[("Status reports take too long to compile", 4), ("Travel budget is tiny", 2)],
        note="I spend Fridays on the status report",
    )
    b = portfolio_workshop(
        session, title="R&D", department="R&D", pains=[("Compiling the status report takes too long", 3)]
    )
    c = portfolio_workshop(
        session,
        title="Finance",
        department="Finance",
        pains=[("周报汇总太耗时", 5), ("Status reports take too long to compile!", 2)],
    )
    d = portfolio_workshop(session, title="Finance 2", department="Finance", pains=[("汇总周报太耗时间", 3)])

    pains = portfolio_view(session, today=TODAY).pains

    top = pains[0]
    assert top.workshop_ids == tuple(sorted((a.id, b.id, c.id)))
    assert top.departments == ("Finance", "R&D", "Sales")
    assert top.severity == 4 and top.text == "Status reports take too long to compile"
    chinese = next(g for g in pains if "周报" in g.text)
    assert chinese.workshop_ids == tuple(sorted((c.id, d.id))) and chinese.departments == ("Finance",)
    travel = next(g for g in pains if g.text.startswith("Travel"))
    assert travel.workshop_ids == (a.id,)
    assert [g.text for g in pains].index(travel.text) > [g.text for g in pains].index(chinese.text)
    # drill-down: the note behind the pain
    sources = [s.text for p in top.pains for s in p.sources]
    assert sources == ["I spend Fridays on the status report"]


def test_a_department_filter_keeps_its_workshops_and_only_their_pains(session):
    sales = portfolio_workshop(session, title="Sales", department="Sales", pains=[("Leads go cold", 3)])
    portfolio_workshop(session, title="R&D", department="R&D", pains=[("Leads go cold fast", 3), ("Builds slow", 2)])

    portfolio = portfolio_view(session, department="Sales", today=TODAY)

    assert [ws.id for ws in portfolio.workshops] == [sales.id]
    assert [(g.text, g.workshop_ids, g.departments) for g in portfolio.pains] == [
        ("Leads go cold", (sales.id,), ("Sales",))
    ]
    assert portfolio.all_departments == ("R&D", "Sales")


def test_review_state_date_range_and_overdue(session):
    approved = portfolio_workshop(
        session,
        title="Approved",
        department="Ops",
        verdict="approve",
        held_on=date(2026, 3, 1),
        next_review_on=date(2026, 6, 1),
    )
    asked = portfolio_workshop(
        session,
        title="Asked",
        department="Ops",
        verdict="request_changes",
        held_on=date(2026, 5, 1),
        next_review_on=date(2026, 9, 1),
    )

    everything = portfolio_view(session, today=TODAY)
    by_id = {ws.id: ws for ws in everything.workshops}
    assert by_id[approved.id].review_states == ["approved"] and by_id[approved.id].overdue
    assert by_id[asked.id].review_states == ["changes_requested"] and not by_id[asked.id].overdue
    only = portfolio_view(session, review_state="changes_requested", today=TODAY)
    assert [ws.id for ws in only.workshops] == [asked.id]
    spring = portfolio_view(session, date_from=date(2026, 2, 1), date_to=date(2026, 4, 1), today=TODAY)
    assert [ws.id for ws in spring.workshops] == [approved.id]


def test_the_contract_has_exactly_the_issues_keys(session):
    ws = portfolio_workshop(
        session,
        title="Sales",
        department="Sales",
        pains=[("Slow quotes", 3)],
        kpis=[dict(name="Quote days", baseline=5, target=2, actuals=[(4, date(2026, 6, 1))])],
    )

    document = contract(portfolio_view(session, today=TODAY))

    assert set(document) == {"workshops", "recurring_pains"}
    row = document["workshops"][0]
    assert set(row) == {
        "id",
        "title",
        "department",
        "health_passed",
        "health_total",
        "review_states",
        "next_review_on",
        "overdue",
        "kpis",
    }
    assert row["id"] == ws.id and row["review_states"] == ["none"]
    assert row["kpis"] == [
        {"name": "Quote days", "baseline": 5.0, "target": 2.0, "actual": 4.0, "progress": pytest.approx(1 / 3)}
    ]
    assert document["recurring_pains"] == [{"text": "Slow quotes", "workshop_ids": [ws.id], "departments": ["Sales"]}]


def test_a_change_to_one_workshop_is_seen_at_the_next_look(session):
    ws = portfolio_workshop(session, title="Sales", department="Sales")
    assert portfolio_view(session, today=TODAY).workshops[0].department == "Sales"
    from pmo_insight.services import workshops

    workshops.update_workshop(session, workshop_id=ws.id, expected_version=ws.version, department="Sales East")
    assert portfolio_view(session, today=TODAY).workshops[0].department == "Sales East"
    session.commit()

    assert portfolio_view(session, today=TODAY).workshops[0].department == "Sales East"
