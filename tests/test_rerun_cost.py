"""A rerun with nothing changed costs the revision look-up and the sidebar list, nothing more."""

from __future__ import annotations

import pytest

from pmo_insight.demo import create_demo_workshop
from tests.apptest import open_page, statements_in_one_rerun

SCREENS = [
    None,
    "pages/personas.py",
    "pages/empathy.py",
    "pages/journey.py",
    "pages/canvas.py",
    "pages/chain.py",
    "pages/export.py",
]


@pytest.mark.parametrize("page", SCREENS, ids=lambda p: p or "pages/home.py")
def test_an_unchanged_screen_reruns_in_at_most_three_statements(app_db, page):
    app_db.run(create_demo_workshop)
    at = open_page(page, timeout=60)
    statements_in_one_rerun(at)  # the first rerun may still fill the caches

    assert statements_in_one_rerun(at) <= 3


def test_a_write_elsewhere_is_on_screen_at_the_next_rerun(app_db):
    from pmo_insight.services import personas

    workshop = app_db.run(create_demo_workshop)
    at = open_page("pages/personas.py", timeout=60)
    app_db.run(personas.create_persona, workshop_id=workshop.id, name="Added by a colleague")

    at.run()

    assert any("Added by a colleague" in m.value for m in at.markdown)
