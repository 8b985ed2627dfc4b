"""The fit score on hand-computed canvases: what a facilitator could work out on the whiteboard."""

from __future__ import annotations

import pytest

from pmo_insight.demo import create_demo_workshop
from pmo_insight.domain.fit import FitScore, coverage, fit_score, percent
from pmo_insight.models import ItemKind
from pmo_insight.persistence.chain_loader import load_chain
from pmo_insight.services import canvases, personas, workshops


@pytest.fixture
def canvas(session):
    ws = workshops.create_workshop(session, title="Fit")
    persona = personas.create_persona(session, workshop_id=ws.id, name="Huang Jun")
    return canvases.create_canvas(session, persona_id=persona.id, title="Canvas")


def _add(session, canvas, kind: ItemKind, rank: int, text: str | None = None):
    return canvases.add_item(session, canvas_id=canvas.id, kind=kind, text=text or f"{kind} {rank}", rank=rank)


def _score(session, canvas) -> FitScore:
    ws_id = canvas.workshop_id
    return fit_score(load_chain(session, workshop_id=ws_id), canvas.id)


def test_a_canvas_without_pains_or_gains_has_no_score_rather_than_zero(session, canvas):
    _add(session, canvas, ItemKind.RELIEVER, 5)

    score = _score(session, canvas)

    assert score == FitScore(pains=None, gains=None, overall=None, uncovered_pains=[])
    assert percent(score.pains) == "—"


def test_a_canvas_with_gains_but_no_pains_scores_the_gains_only(session, canvas):
    gain = _add(session, canvas, ItemKind.GAIN, 4)
    creator = _add(session, canvas, ItemKind.CREATOR, 3)
    canvases.link_fit(session, value_item_id=creator.id, customer_item_id=gain.id, strength="partial")

    score = _score(session, canvas)

    assert (score.pains, score.gains, score.overall) == (None, 0.5, 0.5)


def test_every_pain_fully_relieved_scores_one(session, canvas):
    reliever = _add(session, canvas, ItemKind.RELIEVER, 3)
    for rank in (5, 2, 1):
        pain = _add(session, canvas, ItemKind.PAIN, rank)
        canvases.link_fit(session, value_item_id=reliever.id, customer_item_id=pain.id, strength="full")

    score = _score(session, canvas)

    assert score.pains == 1.0 and score.overall == 1.0 and score.uncovered_pains == []


def test_partial_links_only_score_one_half_even_when_several_partials_meet_one_pain(session, canvas):
    first, second = _add(session, canvas, ItemKind.RELIEVER, 3), _add(session, canvas, ItemKind.RELIEVER, 3)
    severe, mild = _add(session, canvas, ItemKind.PAIN, 5), _add(session, canvas, ItemKind.PAIN, 1)
    for reliever in (first, second):
        canvases.link_fit(session, value_item_id=reliever.id, customer_item_id=severe.id, strength="partial")
    canvases.link_fit(session, value_item_id=first.id, customer_item_id=mild.id, strength="partial")

    score = _score(session, canvas)

    assert score.pains == 0.5
    assert score.uncovered_pains == []


def test_a_mixed_canvas_weights_pains_by_severity_and_gains_by_relevance(session, canvas):
    # Pains 5 (full), 3 (partial), 2 (none): (5*1 + 3*0.5 + 2*0) / 10 = 0.65
    # Gains 4 (full), 1 (none): (4*1 + 1*0) / 5 = 0.8; overall pools them: (5 + 1.5 + 4) / 15 = 0.7
    reliever, creator = _add(session, canvas, ItemKind.RELIEVER, 3), _add(session, canvas, ItemKind.CREATOR, 3)
    full, partial, none = (_add(session, canvas, ItemKind.PAIN, r, f"pain {r}") for r in (5, 3, 2))
    relevant = _add(session, canvas, ItemKind.GAIN, 4)
    _add(session, canvas, ItemKind.GAIN, 1)  # marginal, uncovered
    canvases.link_fit(session, value_item_id=reliever.id, customer_item_id=full.id, strength="full")
    canvases.link_fit(session, value_item_id=reliever.id, customer_item_id=partial.id, strength="partial")
    canvases.link_fit(session, value_item_id=creator.id, customer_item_id=relevant.id, strength="full")

    score = _score(session, canvas)

    assert score.pains == pytest.approx(0.65)
    assert score.gains == pytest.approx(0.8)
    assert score.overall == pytest.approx(0.7)
    assert [p.text for p in score.uncovered_pains] == ["pain 2"]
    assert percent(score.pains) == "65%"


def test_a_full_link_beside_a_partial_one_counts_as_full(session, canvas):
    pain = _add(session, canvas, ItemKind.PAIN, 4)
    for strength in ("partial", "full"):
        reliever = _add(session, canvas, ItemKind.RELIEVER, 3)
        canvases.link_fit(session, value_item_id=reliever.id, customer_item_id=pain.id, strength=strength)

    assert coverage(load_chain(session, workshop_id=canvas.workshop_id), canvas.id) == {pain.id: 1.0}


def test_uncovered_pains_are_listed_most_severe_first_then_in_board_order(session, canvas):
    for text, rank in (("b", 3), ("a", 5), ("c", 3), ("d", 1)):
        _add(session, canvas, ItemKind.PAIN, rank, text)

    assert [p.text for p in _score(session, canvas).uncovered_pains] == ["a", "b", "c", "d"]


def test_the_score_moves_as_links_are_made_weakened_and_removed(session, canvas):
    pain, other = _add(session, canvas, ItemKind.PAIN, 3), _add(session, canvas, ItemKind.PAIN, 1)
    reliever = _add(session, canvas, ItemKind.RELIEVER, 3)
    assert _score(session, canvas).pains == 0.0

    canvases.link_fit(session, value_item_id=reliever.id, customer_item_id=pain.id, strength="full")
    assert _score(session, canvas).pains == pytest.approx(0.75)
    canvases.link_fit(session, value_item_id=reliever.id, customer_item_id=pain.id, strength="partial")
    assert _score(session, canvas).pains == pytest.approx(0.375)
    canvases.unlink_fit(session, value_item_id=reliever.id, customer_item_id=pain.id)
    assert _score(session, canvas).pains == 0.0
    assert [p.id for p in _score(session, canvas).uncovered_pains] == [pain.id, other.id]


def test_the_demo_region_canvas_leaves_only_the_minor_reporting_pain_uncovered(session):
    ws = create_demo_workshop(session, lang="en")
    chain = load_chain(session, workshop_id=ws.id)
    region = next(c for c in chain.canvases if c.title.startswith("South China"))

    score = fit_score(chain, region.id)

    # Pains 5, 5, 4 full; 3 partial; 2 uncovered: 15.5 / 19.
    assert score.pains == pytest.approx(15.5 / 19)
    assert score.gains == 1.0
    assert [p.text for p in score.uncovered_pains] == [
        "Duplicate reporting: HQ templates differ from the region's own report"
    ]
