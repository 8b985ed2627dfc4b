"""Presenter mode's running order: one artifact per slide, in the order the chain is told.

Every empathy map, then every journey (its emotion curve and breaks), then every canvas with its
fit, then the most severe canvas pains that can be followed back to the room (one slide each).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from pmo_insight.domain.chain import WorkshopChain
from pmo_insight.domain.traceability import TraceRow, trace_rows
from pmo_insight.models import RefKind

#: "One pain followed through the chain" is shown for at most this many pains (the key 3-5).
PAIN_SLIDES = 5


class SlideKind(StrEnum):
    EMPATHY = "empathy"
    JOURNEY = "journey"
    CANVAS = "canvas"
    PAIN = "pain"


@dataclass(frozen=True)
class Slide:
    kind: SlideKind
    id: int
    title: str


def slides(chain: WorkshopChain) -> list[Slide]:
    personas = {p.id: p.name for p in chain.personas}
    out = [Slide(SlideKind.EMPATHY, m.id, f"{personas.get(m.persona_id, '')} · {m.scenario}") for m in chain.maps]
    out += [Slide(SlideKind.JOURNEY, j.id, f"{personas.get(j.persona_id, '')} · {j.scenario}") for j in chain.journeys]
    out += [Slide(SlideKind.CANVAS, c.id, c.title) for c in chain.canvases]
    out += [Slide(SlideKind.PAIN, row.pain.id, row.pain.text) for row in followed_pains(chain)]
    return out


def followed_pains(chain: WorkshopChain) -> list[TraceRow]:
    """Canvas pains that come from the room (a note or a touchpoint), most severe first."""
    rows = [
        r for r in trace_rows(chain) if any(s.kind in (RefKind.EMPATHY_NOTE, RefKind.TOUCHPOINT) for s in r.sources)
    ]
    return sorted(rows, key=lambda r: -r.pain.rank)[:PAIN_SLIDES]


def clamp(index: int, count: int) -> int:
    return 0 if count == 0 else max(0, min(index, count - 1))
