"""How well a canvas's value map fits its customer profile, as one number a business lead can trust.

The score is deliberately simple enough for a facilitator to compute on a whiteboard:

* each pain counts with its severity (rank 1-5), each gain with its relevance (rank 1-5);
* an item is covered 1 when at least one link to it is *full*, ½ when its links are all *partial*,
  0 when nothing relieves or creates it (several partial links still make ½: two half-answers are
  not one full answer);
* ``pains`` = Σ severity × coverage / Σ severity, ``gains`` likewise with relevance;
* ``overall`` pools pains and gains: Σ rank × coverage / Σ rank over all pains and gains, so each
  item weighs what its rank says whether it is a pain or a gain.

Every part is ``None`` when there is nothing to cover, rather than a misleading 0 % or 100 %.
Pure: it reads an already loaded chain and issues no query.
"""

from __future__ import annotations

from dataclasses import dataclass

from pmo_insight.domain.chain import WorkshopChain
from pmo_insight.models import CanvasItem, FitStrength, ItemKind

FULL_COVERAGE = 1.0
PARTIAL_COVERAGE = 0.5


@dataclass(frozen=True)
class FitScore:
    """Coverage ratios 0..1 (None when the canvas has no such items) and the pains nothing relieves."""

    pains: float | None
    gains: float | None
    overall: float | None
    uncovered_pains: list[CanvasItem]


def coverage(chain: WorkshopChain, canvas_id: int) -> dict[int, float]:
    """Each pain's and gain's coverage (1, ½ or 0) by item id: what the canvas drawing colours."""
    strongest: dict[int, float] = {}
    for link in chain.fit_links:
        if link.canvas_id != canvas_id:
            continue
        value = FULL_COVERAGE if FitStrength(link.strength) == FitStrength.FULL else PARTIAL_COVERAGE
        strongest[link.customer_item_id] = max(value, strongest.get(link.customer_item_id, 0.0))
    customer = chain.items_of(canvas_id, ItemKind.PAIN) + chain.items_of(canvas_id, ItemKind.GAIN)
    return {item.id: strongest.get(item.id, 0.0) for item in customer}


def _weighted(items: list[CanvasItem], covered: dict[int, float]) -> float | None:
    total = sum(item.rank for item in items)
    if not total:
        return None
    return sum(item.rank * covered[item.id] for item in items) / total


def fit_score(chain: WorkshopChain, canvas_id: int) -> FitScore:
    """Severity-weighted pain coverage, relevance-weighted gain coverage, and both pooled."""
    covered = coverage(chain, canvas_id)
    pains = chain.items_of(canvas_id, ItemKind.PAIN)
    gains = chain.items_of(canvas_id, ItemKind.GAIN)
    uncovered = sorted(
        (p for p in pains if covered[p.id] == 0.0),
        key=lambda p: (-p.rank, p.position, p.id),
    )
    return FitScore(
        pains=_weighted(pains, covered),
        gains=_weighted(gains, covered),
        overall=_weighted(pains + gains, covered),
        uncovered_pains=uncovered,
    )


def percent(value: float | None) -> str:
    """A ratio as the whole percentage screens and exports show ("—" when there is nothing to score)."""
    return "—" if value is None else f"{round(value * 100)}%"


def terms(chain: WorkshopChain, canvas_id: int, kind: ItemKind) -> list[tuple[CanvasItem, float]]:
    """Each pain (or gain) with its coverage: the numbers behind the score, for showing the sum."""
    covered = coverage(chain, canvas_id)
    return [(item, covered[item.id]) for item in chain.items_of(canvas_id, kind)]
