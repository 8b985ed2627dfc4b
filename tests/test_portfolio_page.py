"""The Portfolio screen under AppTest, in English and Chinese: rows, roll-ups, pains, filters, drill-down."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session

from pmo_insight.portfolio.services import clear_cache
from tests.apptest import open_page
from tests.portfolio_builders import portfolio_workshop

PAGE = "pages/portfolio.py"


@pytest.fixture
def two_departments(app_db):
    clear_cache()
    with Session(app_db.engine) as session:
        sales = portfolio_workshop(
            session, title="Sales East", department="Sales", pains=[("Quotes take too long to prepare", 4)],
            note="<b>Quotes</b> eat my Fridays", next_review_on=date(2020, 1, 1),
            kpis=[dict(name="Quote days", baseline=10, target=4, due_on=date(2030, 1, 1),
                       actuals=[(7, date(2026, 1, 1))])],
        )  # fmt: skip
        rnd = portfolio_workshop(
            session, title="研发季度", department="研发", pains=[("Quotes take too long to prepare!", 3)],
            next_review_on=date(2099, 1, 1),
        )  # fmt: skip
        ids = sales.id, rnd.id
    yield ids
    clear_cache()


def _texts(at) -> str:
    parts = [m.value for m in at.markdown] + [m.value for m in at.caption] + [e.label for e in at.expander]
    parts += [str(m.label) + str(m.value) for m in at.metric]
    return "\n".join(str(p) for p in parts)


def _frames(at) -> list:
    return [d.value for d in at.dataframe]


@pytest.mark.parametrize("lang, overdue, whole", [("en", "overdue", "Whole portfolio"), ("zh", "已逾期", "整个组合")])
def test_every_workshop_its_kpis_and_the_recurring_pain_in_both_languages(
    app_db, two_departments, lang, overdue, whole
):
    sales, rnd = two_departments
    at = open_page(PAGE, lang=lang)

    workshops, rollups, kpis = _frames(at)[:3]
    assert sorted(workshops.iloc[:, 0]) == sorted(["Sales East", "研发季度"])
    assert any(overdue in str(v) for v in workshops.iloc[:, -1])
    assert rollups.iloc[0, 0] == whole
    assert list(kpis.iloc[:, 0]) == ["Quote days"] and "50 %" in kpis.iloc[0].tolist()
    text = _texts(at)
    assert "Quotes take too long to prepare" in text and "2" in at.expander[0].label
    # user text shown as text: the note's markup escaped, not rendered
    assert any("\\<b\\>Quotes\\</b\\>" in m.value for m in at.markdown)


def test_the_department_filter_and_the_drill_down(app_db, two_departments):
    sales, rnd = two_departments
    at = open_page(PAGE)

    at.selectbox(key="portfolio_department").select("研发").run()

    assert not at.exception
    workshops = _frames(at)[0]
    assert list(workshops.iloc[:, 0]) == ["研发季度"]
    assert at.selectbox(key="portfolio_workshop").value == rnd

    at.selectbox(key="portfolio_department").select(None).run()
    at.button(key="portfolio_pain_0_0").click().run()
    assert at.selectbox(key="portfolio_workshop").value == sales
    assert "Sales East" in [m.value for m in at.markdown if m.value.startswith("####")][0]


def test_open_this_workshop_goes_home_with_it_current(app_db, two_departments):
    sales, _ = two_departments
    at = open_page(PAGE)
    at.selectbox(key="portfolio_workshop").select(sales).run()

    at.button(key="portfolio_open_workshop").click().run()

    assert not at.exception
    assert at.session_state["workshop_id"] == sales
