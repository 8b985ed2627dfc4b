"""Two people on one canvas: a refused save never makes another editor's stale save go through, and
after a refusal the user sees the colleague's value beside theirs and decides."""

from __future__ import annotations

import pytest

from pmo_insight.demo import create_demo_workshop
from pmo_insight.persistence.chain_loader import load_chain
from tests.apptest import open_page

PAGE = "pages/canvas.py"


@pytest.fixture
def two_kpis(app_db):
    """Both users have the canvas with two KPIs open; returns (A, B, [K1, K2])."""
    workshop = app_db.run(lambda s: create_demo_workshop(s, lang="en"))
    a, b = open_page(PAGE), open_page(PAGE)
    chain = app_db.run(lambda s: load_chain(s, workshop_id=workshop.id))
    canvas_id = a.session_state["canvas_id"]
    kpis = chain.kpis_of(canvas_id)
    assert len(kpis) >= 2 and b.session_state["canvas_id"] == canvas_id
    return a, b, kpis[:2]


def _target(app_db, kpi_id: int) -> float | None:
    return app_db.run(lambda s: next(k.target for k in load_chain(s, workshop_id=1).kpis if k.id == kpi_id))


def _save_target(at, kpi_id: int, value: float) -> None:
    at.number_input(key=f"kpi_{kpi_id}_target").set_value(value).run()
    at.button(key=f"kpi_save_{kpi_id}").click().run()
    assert not at.exception, at.exception


def test_after_one_refused_save_the_other_stale_editor_is_refused_too(app_db, two_kpis):
    a, b, (k1, k2) = two_kpis
    _save_target(a, k1.id, 111)
    _save_target(a, k2.id, 222)

    _save_target(b, k1.id, 999)
    assert any("changed by someone else" in e.value for e in b.error)
    _save_target(b, k2.id, 888)

    assert any("changed by someone else" in e.value for e in b.error)
    assert (_target(app_db, k1.id), _target(app_db, k2.id)) == (111, 222)
    assert b.number_input(key=f"kpi_{k2.id}_target").value == 888  # B's input is kept


def test_a_second_save_without_deciding_is_refused_again(app_db, two_kpis):
    a, b, (k1, _k2) = two_kpis
    _save_target(a, k1.id, 111)

    _save_target(b, k1.id, 999)
    b.button(key=f"kpi_save_{k1.id}").click().run()

    assert any("changed by someone else" in e.value for e in b.error)
    assert _target(app_db, k1.id) == 111


def test_the_conflict_shows_theirs_beside_mine_and_keep_mine_overwrites_by_decision(app_db, two_kpis):
    a, b, (k1, _k2) = two_kpis
    _save_target(a, k1.id, 111)
    _save_target(b, k1.id, 999)

    shown = " ".join(m.value for m in b.markdown)
    assert "Their current version" in shown and "Your input (not saved)" in shown
    assert "111" in shown and "999" in shown
    b.button(key=f"conflict_keep_kpi_{k1.id}").click().run()

    assert _target(app_db, k1.id) == 999
    assert any("Your version was saved over theirs" in s.value for s in b.success)
    assert not [button for button in b.button if button.key == f"conflict_keep_kpi_{k1.id}"]  # decided: panel gone


def test_take_theirs_drops_my_input_and_the_next_save_starts_from_their_version(app_db, two_kpis):
    a, b, (k1, _k2) = two_kpis
    _save_target(a, k1.id, 111)
    _save_target(b, k1.id, 999)

    b.button(key=f"conflict_take_kpi_{k1.id}").click().run()
    assert b.number_input(key=f"kpi_{k1.id}_target").value == 111
    _save_target(b, k1.id, 333)

    assert _target(app_db, k1.id) == 333
    assert not any("changed by someone else" in e.value for e in b.error)


def test_a_stage_renamed_meanwhile_opens_its_conflict_and_take_theirs_shows_their_name(app_db):
    from pmo_insight.services import journeys

    workshop = app_db.run(lambda s: create_demo_workshop(s, lang="en"))
    at = open_page("pages/journey.py")
    chain = app_db.run(lambda s: load_chain(s, workshop_id=workshop.id))
    stage = chain.stages_of(at.session_state["journey_id"])[0]
    at.session_state[f"stage_section_{at.session_state['journey_id']}"] = True  # the facilitator opens "Stages"
    at.run()
    app_db.run(lambda s: journeys.rename_stage(s, stage_id=stage.id, name="Theirs", expected_version=stage.version))

    at.text_input(key=f"stage_name_{stage.id}").input("Mine").run()
    at.button(key="stage_save_names").click().run()

    assert any("changed by someone else" in e.value for e in at.error)
    assert "Theirs" in " ".join(m.value for m in at.markdown)
    at.button(key=f"conflict_take_stage_{stage.id}").click().run()
    assert at.text_input(key=f"stage_name_{stage.id}").value == "Theirs"
    stored = app_db.run(
        lambda s: next(x.name for x in load_chain(s, workshop_id=workshop.id).stages if x.id == stage.id)
    )
    assert stored == "Theirs"
