"""Presenter mode under AppTest: one artifact at a time, in chain order, with a live corner."""

from __future__ import annotations

from pmo_insight.demo import create_demo_workshop
from pmo_insight.domain.presenter import SlideKind, slides
from pmo_insight.live import sessions
from pmo_insight.persistence.chain_loader import load_chain
from tests.apptest import open_page

PAGE = "pages/present.py"


def _title(at) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("## "))


def test_presenter_mode_walks_the_chain_one_artifact_at_a_time(app_db):
    demo = app_db.run(create_demo_workshop, lang="en")
    deck = slides(app_db.run(load_chain, workshop_id=demo.id))
    assert [s.kind for s in deck][:1] == [SlideKind.EMPATHY]
    assert {SlideKind.JOURNEY, SlideKind.CANVAS, SlideKind.PAIN} <= {s.kind for s in deck}

    at = open_page(PAGE, timeout=60)
    assert deck[0].title.split(" · ")[-1] in _title(at)
    assert at.button(key="present_prev").disabled

    for expected in deck[1:4]:
        at.button(key="present_next").click().run(timeout=60)
        assert not at.exception, at.exception
        assert expected.title.split(" · ")[-1] in _title(at).replace("\\", "")


def test_the_join_code_shows_in_a_corner_while_a_session_runs(app_db):
    demo = app_db.run(create_demo_workshop, lang="zh")
    live = app_db.run(sessions.start_session, workshop_id=demo.id, minutes=5)

    at = open_page(PAGE, lang="zh", timeout=60)

    assert any(live.code in m.value for m in at.markdown)
    assert "同理心地图" in _title(at)
