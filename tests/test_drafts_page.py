"""No lost input: text typed into an editor and not saved survives a page switch (and a switch to
another canvas) with an "Unsaved draft" mark, which goes once it is saved; a stale delete shows the
colleague's version and a decision instead of silently resetting the item."""

from __future__ import annotations

import pytest

from pmo_insight.demo import create_demo_workshop
from pmo_insight.persistence.chain_loader import load_chain
from pmo_insight.services import canvases
from tests.apptest import open_page

CANVAS = "pages/canvas.py"
UNSAVED = "Unsaved draft"


@pytest.fixture
def demo(app_db):
    workshop = app_db.run(lambda s: create_demo_workshop(s, lang="en"))
    return app_db, workshop.id


def _chain(app_db, workshop_id):
    return app_db.run(lambda s: load_chain(s, workshop_id=workshop_id))


def _captions(at) -> str:
    return " ".join(c.value for c in at.caption)


def _away_and_back(at, page: str) -> None:
    at.switch_page("pages/home.py").run()
    assert not at.exception, at.exception
    at.switch_page(page).run()
    assert not at.exception, at.exception


def test_a_canvas_item_typed_but_not_saved_comes_back_after_a_page_switch_marked_unsaved(demo):
    app_db, workshop_id = demo
    at = open_page(CANVAS)
    item = _chain(app_db, workshop_id).items_of(at.session_state["canvas_id"])[0]
    at.text_area(key=f"item_text_{item.id}").input("Typed, not saved yet").run()
    assert UNSAVED in _captions(at)

    _away_and_back(at, CANVAS)

    assert at.text_area(key=f"item_text_{item.id}").value == "Typed, not saved yet"
    assert UNSAVED in _captions(at)
    at.button(key=f"item_save_{item.id}").click().run()
    assert not at.exception, at.exception
    stored = next(i.text for i in _chain(app_db, workshop_id).items if i.id == item.id)
    assert stored == "Typed, not saved yet"
    assert UNSAVED not in _captions(at)
    _away_and_back(at, CANVAS)
    assert UNSAVED not in _captions(at)
    assert at.text_area(key=f"item_text_{item.id}").value == "Typed, not saved yet"


def test_a_kpi_target_typed_survives_switching_to_another_canvas_and_back(demo):
    app_db, workshop_id = demo
    at = open_page(CANVAS)
    chain = _chain(app_db, workshop_id)
    first = at.session_state["canvas_id"]
    other = next(c.id for c in chain.canvases if c.id != first)
    kpi = chain.kpis_of(first)[0]
    at.number_input(key=f"kpi_{kpi.id}_target").set_value(4242).run()

    at.selectbox(key="canvas_id").set_value(other).run()
    assert not at.exception, at.exception
    at.selectbox(key="canvas_id").set_value(first).run()

    assert at.number_input(key=f"kpi_{kpi.id}_target").value == 4242
    assert UNSAVED in _captions(at)


def test_without_typing_no_draft_mark_is_shown(demo):
    at = open_page(CANVAS)
    _away_and_back(at, CANVAS)
    assert UNSAVED not in _captions(at)


def test_take_theirs_ends_the_draft(demo):
    app_db, workshop_id = demo
    at = open_page(CANVAS)
    item = _chain(app_db, workshop_id).items_of(at.session_state["canvas_id"])[0]
    app_db.run(lambda s: canvases.update_item(s, item_id=item.id, text="Theirs", expected_version=item.version))
    at.text_area(key=f"item_text_{item.id}").input("Mine").run()
    at.button(key=f"item_save_{item.id}").click().run()
    at.button(key=f"conflict_take_item_{item.id}").click().run()

    assert at.text_area(key=f"item_text_{item.id}").value == "Theirs"
    assert UNSAVED not in _captions(at)
    _away_and_back(at, CANVAS)
    assert at.text_area(key=f"item_text_{item.id}").value == "Theirs"


@pytest.fixture
def stale_item(demo):
    """The user opened the canvas, then a colleague changed its first item: (AppTest, item, app_db)."""
    app_db, workshop_id = demo
    at = open_page(CANVAS)
    item = _chain(app_db, workshop_id).items_of(at.session_state["canvas_id"])[0]
    app_db.run(lambda s: canvases.update_item(s, item_id=item.id, text="Colleague's", expected_version=item.version))
    at.run()
    at.button(key=f"item_delete_{item.id}").click().run()
    assert not at.exception, at.exception
    return at, item, app_db, workshop_id


def _exists(app_db, workshop_id, item_id) -> bool:
    return any(i.id == item_id for i in _chain(app_db, workshop_id).items)


def test_a_stale_delete_shows_the_colleagues_version_and_deletes_nothing(stale_item):
    at, item, app_db, workshop_id = stale_item

    assert any("Nothing was deleted" in w.value for w in at.warning)
    assert "Colleague's" in " ".join(m.value for m in at.markdown)
    assert _exists(app_db, workshop_id, item.id)
    at.button(key=f"item_delete_{item.id}").click().run()  # pressing Delete again decides nothing
    assert _exists(app_db, workshop_id, item.id)


def test_delete_anyway_deletes_the_colleagues_version(stale_item):
    at, item, app_db, workshop_id = stale_item
    at.button(key=f"conflict_delete_item_{item.id}").click().run()

    assert not at.exception, at.exception
    assert not _exists(app_db, workshop_id, item.id)


def test_keep_theirs_deletes_nothing_and_shows_their_text(stale_item):
    at, item, app_db, workshop_id = stale_item
    at.button(key=f"conflict_keeptheirs_item_{item.id}").click().run()

    assert _exists(app_db, workshop_id, item.id)
    assert at.text_area(key=f"item_text_{item.id}").value == "Colleague's"
    assert not [b for b in at.button if b.key == f"conflict_delete_item_{item.id}"]


def test_a_touchpoint_card_typed_into_comes_back_after_a_page_switch_and_saves(demo):
    app_db, workshop_id = demo
    journey_page = "pages/journey.py"
    at = open_page(journey_page)
    tp = _chain(app_db, workshop_id).touchpoints_of(at.session_state["journey_id"])[0]
    at.button(key=f"tp_card_{tp.id}").click().run()
    key = f"tp_dialog_{tp.id}"
    at.text_area(key=f"{key}_pain").input("A pain typed before leaving").run()

    _away_and_back(at, journey_page)

    assert at.text_area(key=f"{key}_pain").value == "A pain typed before leaving"
    assert UNSAVED in _captions(at)
    at.button(key=f"{key}_save").click().run()
    assert not at.exception, at.exception
    stored = next(t.pain_point for t in _chain(app_db, workshop_id).touchpoints if t.id == tp.id)
    assert stored == "A pain typed before leaving"
    assert UNSAVED not in _captions(at)


def test_a_note_edit_comes_back_after_a_page_switch(demo):
    app_db, workshop_id = demo
    empathy_page = "pages/empathy.py"
    at = open_page(empathy_page)
    note = _chain(app_db, workshop_id).notes_of(at.session_state["empathy_map"])[0]
    at.session_state["editing_note"] = note.id
    at.run()
    at.text_area(key=f"note_text_{note.id}").input("Edited, not saved").run()

    _away_and_back(at, empathy_page)

    assert at.text_area(key=f"note_text_{note.id}").value == "Edited, not saved"
    assert UNSAVED in _captions(at)


def test_a_persona_edit_comes_back_after_a_page_switch_and_cancel_drops_it(demo):
    app_db, workshop_id = demo
    personas_page = "pages/personas.py"
    at = open_page(personas_page)
    persona = _chain(app_db, workshop_id).personas[0]
    at.button(key=f"persona_edit_{persona.id}").click().run()
    at.text_area(key=f"persona_{persona.id}_background").input("Background typed, not saved").run()

    _away_and_back(at, personas_page)

    assert at.text_area(key=f"persona_{persona.id}_background").value == "Background typed, not saved"
    assert UNSAVED in _captions(at)
    at.button(key=f"persona_cancel_{persona.id}").click().run()
    at.button(key=f"persona_edit_{persona.id}").click().run()
    assert at.text_area(key=f"persona_{persona.id}_background").value == persona.background
    assert UNSAVED not in _captions(at)


def test_a_stale_persona_delete_shows_their_version_and_deletes_nothing(demo):
    from pmo_insight.services import personas

    app_db, workshop_id = demo
    at = open_page("pages/personas.py")
    persona = _chain(app_db, workshop_id).personas[0]
    app_db.run(
        lambda s: personas.update_persona(s, persona_id=persona.id, expected_version=persona.version, role="Renamed")
    )
    at.run()  # the card now shows the colleague's role, but this user's view began before it
    at.button(key=f"persona_delete_confirm_{persona.id}").click().run()

    assert any("Nothing was deleted" in w.value for w in at.warning)
    assert [b for b in at.button if b.key == f"conflict_delete_persona_{persona.id}"]
    assert any(p.id == persona.id for p in _chain(app_db, workshop_id).personas)


def test_a_stale_map_delete_shows_the_colleagues_scenario_and_delete_anyway_deletes_it(demo):
    from pmo_insight.services import empathy

    app_db, workshop_id = demo
    at = open_page("pages/empathy.py")
    emap = next(m for m in _chain(app_db, workshop_id).maps if m.id == at.session_state["empathy_map"])
    app_db.run(
        lambda s: empathy.rename_map(s, map_id=emap.id, scenario="Their scenario", expected_version=emap.version)
    )
    at.run()
    at.button(key=f"delete_map_{emap.id}").click().run()

    assert any("Nothing was deleted" in w.value for w in at.warning)
    assert "Their scenario" in " ".join(m.value for m in at.markdown)
    assert any(m.id == emap.id for m in _chain(app_db, workshop_id).maps)
    at.button(key=f"conflict_delete_map_{emap.id}").click().run()
    assert not at.exception, at.exception
    assert not any(m.id == emap.id for m in _chain(app_db, workshop_id).maps)
