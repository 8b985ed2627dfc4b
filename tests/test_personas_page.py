"""The persona screen under AppTest: create, validate, edit, stale edit, duplicate, delete, evidence, table."""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from pmo_insight.domain.refs import Ref
from pmo_insight.models import RefKind
from pmo_insight.services import evidence, personas, workshops
from tests.apptest import open_page, statements_in_one_rerun
from tests.factories import build_workshop

PAGE = "pages/personas.py"
TIMEOUT = 30
CREATE = "FormSubmitter:new_persona-➕ Create persona"


@pytest.fixture
def workshop(app_db):
    return app_db.run(workshops.create_workshop, title="Workshop")


def _personas(app_db, workshop):
    return app_db.run(personas.list_personas, workshop_id=workshop.id)


def _texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [m.value for m in at.error] + [m.value for m in at.success]
    parts += [m.value for m in at.info] + [m.value for m in at.warning] + [m.value for m in at.caption]
    return "\n".join(str(p) for p in parts)


def test_a_persona_is_created_from_just_a_name_and_the_form_is_ready_for_the_next(app_db, workshop):
    at = open_page(PAGE, timeout=TIMEOUT)
    at.text_input(key="new_persona_name").input("Xiao Li")
    at.text_input(key="new_persona_role").input("Project manager")
    at.button(key=CREATE).click().run()

    assert [(p.name, p.role) for p in _personas(app_db, workshop)] == [("Xiao Li", "Project manager")]
    assert "Persona “Xiao Li” created" in _texts(at)
    assert at.text_input(key="new_persona_name").value == ""
    assert any(m.value == "### Xiao Li" for m in at.markdown)


def test_list_fields_are_saved_one_entry_per_line(app_db, workshop):
    at = open_page(PAGE, timeout=TIMEOUT)
    at.text_input(key="new_persona_name").input("COO")
    at.text_area(key="new_persona_goals").input("See risk early\n\nControl overhead 💰\n")
    at.slider(key="new_persona_influence").set_value(5)
    at.button(key=CREATE).click().run()

    (coo,) = _personas(app_db, workshop)
    assert (coo.goals, coo.influence) == (["See risk early", "Control overhead 💰"], 5)


def test_a_persona_without_a_name_is_refused_with_the_reason_and_the_input_is_kept(app_db, workshop):
    at = open_page(PAGE, timeout=TIMEOUT)
    at.text_input(key="new_persona_role").input("Finance director")
    at.button(key=CREATE).click().run()

    assert any("Name: required" in e.value for e in at.error)
    assert at.text_input(key="new_persona_role").value == "Finance director"
    assert _personas(app_db, workshop) == []


def test_editing_a_persona_saves_the_change(app_db, workshop):
    xiaoli = app_db.run(personas.create_persona, workshop_id=workshop.id, name="Xiao Li", interest=3)
    at = open_page(PAGE, timeout=TIMEOUT)
    at.button(key=f"persona_edit_{xiaoli.id}").click().run()
    at.text_input(key=f"persona_{xiaoli.id}_role").input("Senior PM")
    at.slider(key=f"persona_{xiaoli.id}_interest").set_value(5)
    at.button(key=f"persona_save_{xiaoli.id}").click().run()

    (saved,) = _personas(app_db, workshop)
    assert (saved.role, saved.interest, saved.version) == ("Senior PM", 5, 2)
    assert "Persona “Xiao Li” saved" in _texts(at)


def test_an_edit_of_a_persona_someone_else_changed_is_refused_and_the_input_kept(app_db, workshop):
    xiaoli = app_db.run(personas.create_persona, workshop_id=workshop.id, name="Xiao Li")
    at = open_page(PAGE, timeout=TIMEOUT)
    at.button(key=f"persona_edit_{xiaoli.id}").click().run()
    app_db.run(personas.update_persona, persona_id=xiaoli.id, expected_version=1, role="Changed elsewhere")

    at.text_input(key=f"persona_{xiaoli.id}_role").input("Mine")
    at.button(key=f"persona_save_{xiaoli.id}").click().run()

    assert any("changed by someone else" in e.value for e in at.error)
    assert at.text_input(key=f"persona_{xiaoli.id}_role").value == "Mine"
    assert _personas(app_db, workshop)[0].role == "Changed elsewhere"


def test_duplicating_a_persona_creates_a_named_copy(app_db, workshop):
    xiaoli = app_db.run(personas.create_persona, workshop_id=workshop.id, name="Xiao Li", goals=["Ship"])
    at = open_page(PAGE, timeout=TIMEOUT)
    at.button(key=f"persona_duplicate_{xiaoli.id}").click().run()

    assert [(p.name, p.goals) for p in _personas(app_db, workshop)] == [
        ("Xiao Li", ["Ship"]),
        ("Xiao Li (copy)", ["Ship"]),
    ]


def test_deleting_a_persona_after_confirming_removes_it(app_db, workshop):
    xiaoli = app_db.run(personas.create_persona, workshop_id=workshop.id, name="Xiao Li")
    at = open_page(PAGE, timeout=TIMEOUT)
    at.button(key=f"persona_delete_confirm_{xiaoli.id}").click().run()

    assert _personas(app_db, workshop) == []
    assert "Persona “Xiao Li” deleted" in _texts(at)


def test_a_persona_without_evidence_is_badged_as_an_assumption_until_evidence_is_attached(app_db, workshop):
    xiaoli = app_db.run(personas.create_persona, workshop_id=workshop.id, name="Xiao Li")
    at = open_page(PAGE, timeout=TIMEOUT)
    assert any("Assumption" in m.value for m in at.markdown)

    at.text_input(key=f"persona_ev_{xiaoli.id}_new_source").input("12 PM interviews")
    at.number_input(key=f"persona_ev_{xiaoli.id}_new_size").set_value(12)
    at.button(key=f"persona_ev_{xiaoli.id}_new_add").click().run()

    attached = app_db.run(evidence.evidence_for, target=Ref(RefKind.PERSONA, xiaoli.id))
    assert [(e.kind, e.source, e.sample_size) for e in attached] == [("interview", "12 PM interviews", 12)]
    assert not any("Assumption" in m.value for m in at.markdown)
    assert any("1 evidence" in m.value for m in at.markdown)


def test_existing_evidence_can_be_attached_and_detached(app_db, workshop):
    xiaoli = app_db.run(personas.create_persona, workshop_id=workshop.id, name="Xiao Li")
    survey = app_db.run(evidence.create_evidence, workshop_id=workshop.id, kind="survey", source="PM survey")
    at = open_page(PAGE, timeout=TIMEOUT)
    at.selectbox(key=f"persona_ev_{xiaoli.id}_existing").set_value(survey.id)
    at.button(key=f"persona_ev_{xiaoli.id}_attach").click().run()
    assert [e.id for e in app_db.run(evidence.evidence_for, target=Ref(RefKind.PERSONA, xiaoli.id))] == [survey.id]

    at.button(key=f"persona_ev_{xiaoli.id}_detach_{survey.id}").click().run()
    assert app_db.run(evidence.evidence_for, target=Ref(RefKind.PERSONA, xiaoli.id)) == []


def test_a_name_with_markup_is_shown_as_literal_text(app_db, workshop):
    app_db.run(personas.create_persona, workshop_id=workshop.id, name="<img src=x onerror=alert(1)> [x](javascript:1)")

    at = open_page(PAGE, timeout=TIMEOUT)

    headings = [m.value for m in at.markdown if m.value.startswith("### ") and "PMO Insight" not in m.value]
    assert headings == ["### \\<img src=x onerror=alert\\(1\\)\\> \\[x\\]\\(javascript\\:1\\)"]


def test_the_table_saves_edited_cells_at_the_versions_shown(app_db, workshop, monkeypatch):
    a = app_db.run(personas.create_persona, workshop_id=workshop.id, name="A", influence=2)
    b = app_db.run(personas.create_persona, workshop_id=workshop.id, name="B", role="CFO")

    class FakeGrid:
        """The browser's answer after two cells were edited (pandas 3 dtypes, as st_aggrid returns them)."""

        def __init__(self, frame: pd.DataFrame) -> None:
            edited = frame.convert_dtypes()
            edited.loc[edited["id"] == a.id, "influence"] = 4
            edited.loc[edited["id"] == b.id, "role"] = "Finance director"
            self.data = edited

    monkeypatch.setattr("pmo_insight.ui.personas.table.AgGrid", lambda frame, **_: FakeGrid(frame))
    at = open_page(PAGE, timeout=TIMEOUT)
    assert at.button(key="persona_table_save").label.endswith("Save 2 change(s)")
    at.button(key="persona_table_save").click().run()

    saved = {p.name: p for p in _personas(app_db, workshop)}
    assert (saved["A"].influence, saved["B"].role) == (4, "Finance director")
    assert (saved["A"].version, saved["B"].version) == (2, 2)


def test_switching_to_chinese_translates_the_screen(app_db, workshop):
    app_db.run(personas.create_persona, workshop_id=workshop.id, name="小李")
    at = open_page(PAGE, timeout=TIMEOUT)
    at.radio(key="lang").set_value("zh").run()

    assert at.title[0].value == "👤 人物角色"
    assert any("假设" in m.value for m in at.markdown)
    assert [t.label for t in at.tabs] == ["🗂️ 角色卡片", "🧭 利益相关者地图", "📋 对比与编辑"]


def test_a_rerun_costs_the_same_number_of_queries_for_two_or_six_personas(app_db):
    counts = []
    for size in (2, 6):
        ws = app_db.run(build_workshop, personas_count=size)
        app_db.run(workshops.rename_workshop, workshop_id=ws.id, title=f"{size} personas", expected_version=ws.version)

        at = open_page(timeout=TIMEOUT)
        at.selectbox(key="workshop_id").set_value(ws.id).run()
        at.switch_page(PAGE).run()
        assert sum(m.value.startswith("### Persona ") for m in at.markdown) == size
        counts.append(statements_in_one_rerun(at))

    assert counts[0] == counts[1], counts
