"""The home page under Streamlit's AppTest: create, list, open, rename, delete, demo, language."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from pmo_insight.services import workshops
from tests.apptest import open_page


@pytest.fixture
def app(app_db):
    return open_page()


def _titles(app_db) -> list[str]:
    return [title for _, title in app_db.run(workshops.list_workshop_titles)]


def _texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [m.value for m in at.info] + [m.value for m in at.success]
    parts += [m.value for m in at.error] + [m.value for m in at.caption]
    return "\n".join(str(p) for p in parts)


def test_an_empty_database_offers_the_demo_and_says_there_are_no_workshops(app):
    assert app.button(key="load_demo").proto.type == "primary"
    assert "No workshops yet" in _texts(app)


def test_creating_a_workshop_lists_it_and_makes_it_current(app, app_db):
    app.text_input(key="new_title").input("Regional PMO kick-off")
    app.text_input(key="new_organisation").input("Acme")
    app.button(key="FormSubmitter:create_workshop-Create workshop").click().run()

    assert not app.exception
    assert _titles(app_db) == ["Regional PMO kick-off"]
    assert "Regional PMO kick" in _texts(app)
    assert app.session_state["workshop_id"] is not None
    assert app.selectbox(key="workshop_id").value == app.session_state["workshop_id"]


def test_creating_a_workshop_without_a_title_explains_why_and_keeps_the_input(app, app_db):
    app.text_input(key="new_organisation").input("Acme")
    app.button(key="FormSubmitter:create_workshop-Create workshop").click().run()

    assert [e.value for e in app.error] and "Title: required" in app.error[0].value
    assert app.text_input(key="new_organisation").value == "Acme"
    assert _titles(app_db) == []


def test_loading_the_demo_creates_the_linked_workshop_in_one_click(app, app_db):
    app.button(key="load_demo").click().run()

    assert not app.exception
    assert len(_titles(app_db)) == 1
    metrics = {m.label: m.value for m in app.metric}
    assert all(int(value) > 0 for value in metrics.values()), metrics
    assert "4 of 4 tools hold content" in str([p.proto.text for p in app.get("progress")])


def test_renaming_a_workshop_saves_the_new_title(app, app_db):
    app.text_input(key="new_title").input("Old name")
    app.button(key="FormSubmitter:create_workshop-Create workshop").click().run()
    wid = app.session_state["workshop_id"]

    app.text_input(key=f"rename_title_{wid}").input("New name")
    app.button(key=f"rename_save_{wid}").click().run()

    assert _titles(app_db) == ["New name"]


def test_deleting_a_workshop_after_confirming_removes_it_and_the_sidebar_forgets_it(app, app_db):
    app.text_input(key="new_title").input("Short-lived")
    app.button(key="FormSubmitter:create_workshop-Create workshop").click().run()
    wid = app.session_state["workshop_id"]

    app.button(key=f"delete_confirm_{wid}").click().run()

    assert _titles(app_db) == []
    assert "Short\\-lived” deleted" in _texts(app)  # the confirmation names what was deleted
    assert app.session_state["workshop_id"] is None


def test_a_rename_from_a_stale_screen_is_refused_with_the_reload_message(app, app_db):
    app.text_input(key="new_title").input("Shared title")
    app.button(key="FormSubmitter:create_workshop-Create workshop").click().run()
    wid = app.session_state["workshop_id"]
    app_db.run(
        lambda other_user: workshops.rename_workshop(
            other_user, workshop_id=wid, title="Changed elsewhere", expected_version=1
        )
    )

    app.text_input(key=f"rename_title_{wid}").input("Mine")
    app.button(key=f"rename_save_{wid}").click().run()

    assert any("changed by someone else" in e.value for e in app.error)
    assert _titles(app_db) == ["Changed elsewhere"]


def test_switching_to_chinese_translates_the_page(app):
    app.radio(key="lang").set_value("zh").run()

    assert app.title[0].value.endswith("PMO 洞察工作室")
    assert app.button(key="load_demo").label.endswith("载入示例工作坊")


def test_a_title_with_markup_is_shown_as_literal_text(app, app_db):
    app.text_input(key="new_title").input("[click](javascript:alert(1)) <b>bold</b> **x**")
    app.button(key="FormSubmitter:create_workshop-Create workshop").click().run()

    headings = [h.value for h in app.subheader]
    assert headings and "\\[click\\]" in headings[0] and "\\<b\\>" in headings[0] and "\\*\\*x\\*\\*" in headings[0]


def test_participants_of_the_current_workshop_are_added_with_their_department_and_removed(app, app_db):
    app.text_input(key="new_title").input("Kick-off")
    app.button(key="FormSubmitter:create_workshop-Create workshop").click().run()
    wid = app.session_state["workshop_id"]

    for name, department in [("Wang Lei", "Business"), ("赵敏", "IT")]:
        app.text_input(key=f"participant_name_{wid}").input(name)
        app.text_input(key=f"participant_department_{wid}").input(department)
        app.button(key=f"FormSubmitter:add_participant_{wid}-Add participant").click().run()

    people = app_db.run(workshops.list_participants, workshop_id=wid)
    assert [(p.name, p.department) for p in people] == [("Wang Lei", "Business"), ("赵敏", "IT")]

    app.button(key=f"remove_participant_{people[0].id}").click().run()

    assert [p.name for p in app_db.run(workshops.list_participants, workshop_id=wid)] == ["赵敏"]


def test_a_participant_without_a_name_is_refused(app, app_db):
    app.text_input(key="new_title").input("Kick-off")
    app.button(key="FormSubmitter:create_workshop-Create workshop").click().run()
    wid = app.session_state["workshop_id"]

    app.text_input(key=f"participant_department_{wid}").input("Finance")
    app.button(key=f"FormSubmitter:add_participant_{wid}-Add participant").click().run()

    assert any("Name: required" in e.value for e in app.error)
    assert app_db.run(workshops.list_participants, workshop_id=wid) == []


def test_department_and_sponsor_are_set_on_create_and_edited_on_the_card(app, app_db):
    app.text_input(key="new_title").input("Sales Q1")
    app.text_input(key="new_department").input("Sales")
    app.text_input(key="new_sponsor").input("Li Wei")
    app.button(key="FormSubmitter:create_workshop-Create workshop").click().run()
    wid = app.session_state["workshop_id"]
    assert (app_db.run(workshops.get_workshop, workshop_id=wid).department) == "Sales"

    app.text_input(key=f"facts_department_{wid}").input("Sales East")
    app.text_input(key=f"facts_sponsor_{wid}").input("Ana")
    app.button(key=f"facts_save_{wid}").click().run()

    assert not app.exception
    saved = app_db.run(workshops.get_workshop, workshop_id=wid)
    assert (saved.department, saved.sponsor) == ("Sales East", "Ana")
    assert "Sales East" in _texts(app)


def test_with_many_workshops_home_draws_a_page_of_cards_finds_one_by_department_and_shows_more(app_db):
    for i in range(30):
        app_db.run(workshops.create_workshop, title=f"Workshop {i:02}", department="R&D" if i == 17 else "Sales")
    at = open_page()
    assert len([h for h in at.subheader if "Workshop " in h.value]) == 12
    assert any("Showing 12 of 30 found (30 workshops)" in c.value for c in at.caption)
    at.button(key="home_more").click().run()
    assert len([h for h in at.subheader if "Workshop " in h.value]) == 24
    at.text_input(key="home_find").input("r&d").run()
    titles = [h.value for h in at.subheader]
    assert "Workshop 17" in titles and "Workshop 16" not in titles
    assert any("Showing 1 of 1 found (30 workshops)" in c.value for c in at.caption)
