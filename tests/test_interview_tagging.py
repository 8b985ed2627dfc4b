"""Tagging interview quotes one key per quadrant on the evidence screen (AppTest; the keys themselves in
tests/e2e/test_interview_keys_in_browser.py): each quadrant's button carries the quote and moves on."""

from __future__ import annotations

import pytest
from sqlmodel import select

from pmo_insight.models import EmpathyNote
from pmo_insight.services import empathy, personas, workshops
from pmo_insight.surveys.services import import_interview
from pmo_insight.ui.surveys.interviews import TAG_KEYS, TAGGER
from tests.apptest import open_page

PAGE = "pages/evidence.py"
NOTES = "Reports eat my Friday.\n\nApprovals take three days.\n\nNobody reads the dashboard."


def _interview(app_db) -> int:
    workshop = app_db.run(workshops.create_workshop, title="Workshop")
    persona = app_db.run(personas.create_persona, workshop_id=workshop.id, name="Xiao Li")
    board = app_db.run(empathy.create_map, persona_id=persona.id, scenario="Reporting")
    app_db.run(import_interview, workshop_id=workshop.id, interviewee="PM Shenzhen", text=NOTES)
    return board.id


def _notes(app_db, map_id: int) -> list[tuple[str, str, str]]:
    return app_db.run(
        lambda s: [
            (n.text, str(n.quadrant), n.author)
            for n in s.exec(select(EmpathyNote).where(EmpathyNote.map_id == map_id).order_by(EmpathyNote.id))
        ]
    )


def test_each_quadrant_has_its_own_key_shown_on_its_button(app_db):
    _interview(app_db)
    at = open_page(PAGE, timeout=60)

    buttons = {b.key: b for b in at.button if b.key and b.key.startswith(TAGGER)}
    assert [buttons[f"{TAGGER}_{q.value}"].proto.shortcut for q in TAG_KEYS] == ["1", "2", "3", "4", "5"]
    assert (buttons[f"{TAGGER}_back"].proto.shortcut, buttons[f"{TAGGER}_next"].proto.shortcut) == ("left", "right")
    assert "Quote 1 of 3" in "\n".join(c.value for c in at.caption)


def test_a_key_carries_the_quote_to_its_quadrant_and_moves_to_the_next(app_db):
    map_id = _interview(app_db)
    at = open_page(PAGE, timeout=60)

    at.button(key=f"{TAGGER}_pains").click().run()  # key 4
    assert not at.exception, at.exception
    assert "Quote 2 of 3" in "\n".join(c.value for c in at.caption)
    at.button(key=f"{TAGGER}_next").click().run()  # → skips the second quote
    at.button(key=f"{TAGGER}_says").click().run()  # key 1
    assert "Quote 3 of 3" in "\n".join(c.value for c in at.caption)
    at.button(key=f"{TAGGER}_back").click().run()
    at.button(key=f"{TAGGER}_back").click().run()
    assert "Quote 1 of 3" in "\n".join(c.value for c in at.caption)
    assert "Already on this map as: Pains" in "\n".join(c.value for c in at.caption)

    assert _notes(app_db, map_id) == [
        ("Reports eat my Friday.", "pains", "PM Shenzhen ¶1"),
        ("Nobody reads the dashboard.", "says", "PM Shenzhen ¶3"),
    ]


@pytest.mark.parametrize(("lang", "words"), [("en", "one key per quadrant"), ("zh", "每个象限一个按键")])
def test_the_tagger_speaks_both_languages(app_db, lang, words):
    _interview(app_db)
    at = open_page(PAGE, lang=lang, timeout=60)
    assert any(words in m.value for m in at.markdown)
