"""Colour is never the only signal (WCAG 1.4.1): each state a colour shows also carries a shape, an icon or words.

Checked where the app colours a state: the portfolio's RAG states, the emotion curve's two series and
its breaks, the canvas's fit links, the empathy quadrants on the live board (pains and gains among
them), the journey round's pains and opportunities, and the stakeholder map's quadrants.
"""

from __future__ import annotations

import json

import pytest

from pmo_insight.charts.emotion import emotion_curve
from pmo_insight.charts.stakeholder import Engagement, stakeholder_map
from pmo_insight.demo import create_demo_workshop
from pmo_insight.i18n import t
from pmo_insight.live.board_view import QUADRANTS, Card, Group, LiveBoardView
from pmo_insight.live.models import BoardKind
from pmo_insight.models import Persona
from pmo_insight.persistence.chain_loader import load_chain
from pmo_insight.portfolio.rag import RAG_ICONS, Rag
from pmo_insight.ui.empathy.board import ICONS
from pmo_insight.ui.live.board import board_html
from tests.apptest import open_page

LANGS = ("en", "zh")
#: Emoji that differ from one another only by their colour.
COLOURED_CIRCLES = set("🔴🟠🟡🟢🔵🟣🟤⚫⚪")
COLOURED_SQUARES = set("🟥🟧🟨🟩🟦🟪🟫⬛⬜")


@pytest.mark.parametrize("lang", LANGS)
def test_each_rag_state_has_its_own_shape_and_its_own_words(lang):
    icons = list(RAG_ICONS.values())
    assert len(set(icons)) == len(Rag)
    assert len(COLOURED_CIRCLES.intersection(icons)) <= 1, icons
    assert len(COLOURED_SQUARES.intersection(icons)) <= 1, icons
    words = {t(f"portfolio.rag.{rag.value}", lang) for rag in Rag}
    assert len(words) == len(Rag) and all(w and not w.startswith("portfolio.") for w in words)


def test_the_portfolio_writes_each_kpi_state_in_words_beside_its_shape(app_db):
    app_db.run(create_demo_workshop, lang="en")
    at = open_page("pages/portfolio.py")
    cells = " ".join(str(v) for frame in at.dataframe for v in frame.value.to_numpy().ravel())
    shown = [rag for rag in Rag if f"{RAG_ICONS[rag]} {t(f'portfolio.rag.{rag.value}', 'en')}" in cells]
    assert shown, cells[:500]


def _marks(spec: dict) -> list[dict]:
    found = []
    for layer in spec.get("layer", []):
        found += _marks(layer)
    if "mark" in spec:
        found.append(spec)
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_the_emotion_curve_tells_as_is_from_to_be_by_dashes_and_rings_breaks_with_words(session, lang):
    chain = load_chain(session, workshop_id=create_demo_workshop(session, lang=lang).id)
    journey = chain.journeys[0]
    spec = emotion_curve(chain.stages_of(journey.id), chain.touchpoints_of(journey.id), lang=lang).to_dict()
    marks = _marks(spec)
    lines = [m for m in marks if (m["mark"] if isinstance(m["mark"], str) else m["mark"]["type"]) == "line"]
    assert any("strokeDash" in m["encoding"] for m in lines), "the two series differ only by colour"
    shapes = {m["mark"].get("shape") for m in marks if isinstance(m["mark"], dict)}
    assert {"circle", "triangle-down"} <= shapes  # breaks are ringed, pains marked by a triangle
    texts = [m for m in marks if isinstance(m["mark"], dict) and m["mark"]["type"] == "text"]
    assert len(texts) >= 3  # stage names, pain labels, break labels: words beside the colours


def test_the_canvas_writes_each_fit_link_and_each_missing_one_in_words(app_db):
    app_db.run(create_demo_workshop, lang="en")
    at = open_page("pages/canvas.py")
    board = "".join(str(e.proto.body) for e in at.get("html"))
    assert "✅ eased by" in board and "→ eases" in board
    assert "⚠️ nothing relieves this yet" in board  # the demo's uncovered pain: not only its red outline


@pytest.mark.parametrize("lang", LANGS)
def test_the_live_board_names_each_quadrant_and_marks_pains_and_opportunities_by_icon(lang):
    card = Card(id=1, text="Slow approvals", author="", kind="", dots=None)
    groups = tuple(Group(q.value, "", (Card(1, "note", "", q.value, None),)) for q in QUADRANTS)
    empathy = board_html(LiveBoardView(BoardKind.EMPATHY, 1, groups, 3, 0, False), lang)
    for quadrant in QUADRANTS:
        assert f"{ICONS[quadrant]} {t(f'empathy.quadrant.{quadrant.value}', lang)}" in empathy
    stage = Group("s", "Sign up", (Card(1, card.text, "", "pain", None), Card(2, "Prefill", "", "opportunity", None)))
    journey = board_html(LiveBoardView(BoardKind.JOURNEY, 1, (stage,), 3, 0, False), lang)
    assert "😣 Slow approvals" in journey and "💡 Prefill" in journey


@pytest.mark.parametrize("lang", LANGS)
def test_the_stakeholder_map_names_its_quadrants_and_every_point(lang):
    people = [Persona(id=1, workshop_id=1, name="Zhang Wei", influence=5, interest=5)]
    spec = json.dumps(stakeholder_map(people, lang=lang).to_dict(), ensure_ascii=False)
    for quadrant in Engagement:
        name = t(f"stakeholder.{quadrant.value}", lang)
        assert (name.upper() if lang == "en" else name) in spec
    assert "Zhang Wei" in spec
