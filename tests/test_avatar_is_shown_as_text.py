"""The avatar is the one user string placed inside HTML (to draw it large): it must stay text."""

from __future__ import annotations

import pytest

from pmo_insight.services import empathy, personas, workshops
from tests.apptest import open_page

HOSTILE_AVATAR = "<svg onload=x>"  # fits the avatar's 16 characters


@pytest.mark.parametrize("page", ["pages/personas.py", "pages/empathy.py"])
def test_markup_typed_as_an_avatar_is_escaped_on_every_screen_that_draws_it(app_db, page):
    ws = app_db.run(workshops.create_workshop, title="Workshop")
    persona = app_db.run(personas.create_persona, workshop_id=ws.id, name="Zhang Wei", avatar=HOSTILE_AVATAR)
    app_db.run(empathy.create_map, persona_id=persona.id, scenario="Deciding on a PMO")

    at = open_page(page, timeout=30)

    avatars = [m.value for m in at.markdown if "persona-avatar" in m.value]
    assert avatars, "the screen drew no avatar"
    assert all("&lt;svg onload=x&gt;" in a and "<svg" not in a for a in avatars)
