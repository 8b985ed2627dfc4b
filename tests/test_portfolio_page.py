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


def _open_pain(at, index: int = 0):
    """Open a recurring pain as a click on it would: its evidence is built only while it is open."""
    at.session_state[f"portfolio_pain_{index}"] = True
    at.run()
    assert not at.exception, at.exception
    return at


def _opened_on_the_first_pain(lang: str):
    """The screen opened with its first recurring pain open (set before the page's first run: a rerun
    under AppTest formats the select boxes' values outside the session, in English)."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file("../app.py", default_timeout=60)
    at.session_state["lang"] = lang
    at.session_state["portfolio_pain_0"] = True
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    return at


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
    assert not any("Fridays" in m.value for m in at.markdown)  # closed: its evidence is not built
    opened = _opened_on_the_first_pain(lang)
    text = _texts(opened)
    assert "Quotes take too long to prepare" in text and "2" in opened.expander[0].label
    # user text shown as text: the note's markup escaped, not rendered
    assert any("\\<b\\>Quotes\\</b\\>" in m.value for m in opened.markdown)


def test_the_department_filter_and_the_drill_down(app_db, two_departments):
    sales, rnd = two_departments
    at = open_page(PAGE)

    at.selectbox(key="portfolio_department").select("研发").run()

    assert not at.exception
    workshops = _frames(at)[0]
    assert list(workshops.iloc[:, 0]) == ["研发季度"]
    assert at.selectbox(key="portfolio_workshop").value == rnd

    at.selectbox(key="portfolio_department").select(None).run()
    _open_pain(at).button(key="portfolio_pain_0_0").click().run()
    assert at.selectbox(key="portfolio_workshop").value == sales
    assert "Sales East" in [m.value for m in at.markdown if m.value.startswith("####")][0]


def test_open_this_workshop_goes_home_with_it_current(app_db, two_departments):
    sales, _ = two_departments
    at = open_page(PAGE)
    at.selectbox(key="portfolio_workshop").select(sales).run()

    at.button(key="portfolio_open_workshop").click().run()

    assert not at.exception
    assert at.session_state["workshop_id"] == sales


# --- the read-only portfolio link ---------------------------------------------------------------


def _open_link(token: str, lang: str = "en"):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file("../app.py", default_timeout=60)
    at.session_state["lang"] = lang
    at.query_params["portfolio"] = token
    at.run()
    assert not at.exception, at.exception
    return at


def _new_link(app_db, **kw):
    from pmo_insight.portfolio.links import create_portfolio_link

    return app_db.run(create_portfolio_link, label=kw.pop("label", "ExCo"), **kw)


@pytest.mark.parametrize("lang, heading", [("en", "Portfolio"), ("zh", "项目组合")])
def test_a_portfolio_link_opens_the_screen_read_only_and_counts_the_opening(app_db, two_departments, lang, heading):
    from pmo_insight.portfolio.links import list_portfolio_links
    from pmo_insight.roles import Role

    new = _new_link(app_db)
    at = _open_link(new.token, lang)

    assert heading in at.title[0].value
    assert at.session_state["_role"] is Role.PORTFOLIO
    assert sorted(_frames(at)[0].iloc[:, 0]) == sorted(["Sales East", "研发季度"])
    keys = {b.key for b in at.button}
    assert "portfolio_open_workshop" not in keys and "portfolio_link_create" not in keys
    assert "workshop_id" not in at.session_state
    _open_pain(at).button(key="portfolio_pain_0_0").click().run()
    at.run()
    assert app_db.run(list_portfolio_links)[0].open_count == 1


def test_a_departments_link_and_a_revoked_one(app_db, two_departments):
    from pmo_insight.portfolio.links import revoke_portfolio_link

    new = _new_link(app_db, department="研发")
    at = _open_link(new.token)
    assert list(_frames(at)[0].iloc[:, 0]) == ["研发季度"]

    app_db.run(revoke_portfolio_link, link_id=new.link.id)
    at.run()

    assert not at.dataframe
    assert "not valid" in at.error[0].value
    again = _open_link("made-up-token")
    assert "not valid" in again.error[0].value and not again.dataframe


def test_the_facilitator_creates_a_link_shown_once(app_db, two_departments):
    from pmo_insight.portfolio.links import list_portfolio_links

    at = open_page(PAGE)
    at.text_input(key="portfolio_link_label").input("ExCo March")
    at.button(key="portfolio_link_create").click().run()

    assert not at.exception
    assert "/?portfolio=" in at.code[0].value
    assert [link.label for link in app_db.run(list_portfolio_links)] == ["ExCo March"]


def test_the_deck_of_what_is_on_screen_is_offered_for_download(app_db, two_departments):
    at = open_page(PAGE)
    at.button(key="portfolio_deck_prepare").click().run()

    assert not at.exception
    data = at.session_state["_portfolio_deck"]
    assert data[:2] == b"PK" and len(data) > 10_000
