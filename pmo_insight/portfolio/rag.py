"""A KPI's red / amber / green state: its progress against the share of time elapsed to its due date.

Pure arithmetic, shown on the Portfolio screen as written here:

- *expected* = the share of the time from the start (the workshop's date, else the day the KPI was
  set) to the due date that has elapsed, 0..1;
- **green**: the target is reached (progress ≥ 1), or progress ≥ expected − :data:`GREEN_SLACK`;
- **amber**: progress ≥ expected − :data:`AMBER_SLACK`;
- **red**: further behind, past the due date without reaching the target, or worse than the
  baseline (progress < 0);
- **unknown**: no actual yet, no baseline or target, or (not reached and) no due date.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

GREEN_SLACK = 0.10
AMBER_SLACK = 0.25


class Rag(StrEnum):
    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    UNKNOWN = "unknown"


#: One shape per state (circle, diamond, square, question mark), not only one colour: a colour-blind reader
#: tells them apart too; the screens write the state in words beside it where there is room.
RAG_ICONS = {Rag.GREEN: "🟢", Rag.AMBER: "🔶", Rag.RED: "🟥", Rag.UNKNOWN: "❔"}
#: Worst first: the order lists and charts use.
RAG_ORDER = (Rag.RED, Rag.AMBER, Rag.GREEN, Rag.UNKNOWN)


def time_elapsed(start: date | None, due: date | None, today: date) -> float | None:
    """Share of the time from ``start`` to ``due`` elapsed on ``today`` (0..1); None without both."""
    if start is None or due is None:
        return None
    if due <= start:
        return 1.0 if today >= due else 0.0
    return min(1.0, max(0.0, (today - start).days / (due - start).days))


def rag(progress: float | None, expected: float | None, *, past_due: bool) -> Rag:
    if progress is None:
        return Rag.UNKNOWN
    if progress >= 1.0:
        return Rag.GREEN
    if progress < 0 or past_due:
        return Rag.RED
    if expected is None:
        return Rag.UNKNOWN
    if progress >= expected - GREEN_SLACK:
        return Rag.GREEN
    if progress >= expected - AMBER_SLACK:
        return Rag.AMBER
    return Rag.RED
