"""A large workshop's persona gallery: one persona in full, the others compact, one click to swap."""

from __future__ import annotations

from pmo_insight.services import personas, workshops
from pmo_insight.ui.personas.compact import FULL_CARDS_UP_TO
from tests.apptest import open_page

PAGE = "pages/personas.py"


def _keys(at, prefix: str) -> set[str]:
    return {b.key for b in at.button if b.key and b.key.startswith(prefix)}


def _workshop(app_db, count: int) -> list[int]:
    ws = app_db.run(workshops.create_workshop, title="Large")
    return [app_db.run(personas.create_persona, workshop_id=ws.id, name=f"Persona {n}").id for n in range(count)]


def test_a_small_workshop_shows_every_persona_in_full(app_db):
    ids = _workshop(app_db, FULL_CARDS_UP_TO)

    at = open_page(PAGE, timeout=30)

    assert _keys(at, "persona_edit_") == {f"persona_edit_{i}" for i in ids}
    assert _keys(at, "persona_open_") == set()


def test_a_large_workshop_draws_one_full_card_and_brings_another_forward_in_one_click(app_db):
    ids = _workshop(app_db, FULL_CARDS_UP_TO + 3)
    at = open_page(PAGE, timeout=30)

    assert _keys(at, "persona_edit_") == {f"persona_edit_{ids[0]}"}
    assert _keys(at, "persona_open_") == {f"persona_open_{i}" for i in ids[1:]}
    assert any(f"Persona {n}" in m.value for m in at.markdown for n in range(1, len(ids)))

    at.button(key=f"persona_open_{ids[4]}").click().run()

    assert _keys(at, "persona_edit_") == {f"persona_edit_{ids[4]}"}
    assert f"persona_open_{ids[0]}" in _keys(at, "persona_open_")
