"""The seed article's five pitfalls as the chain screen shows them: which checks guard each, and where to fix.

:mod:`pmo_insight.domain.health` owns the checks; this module only groups their results by pitfall, in the
article's order, and says which screen fixes each item at fault, so a warning is always one click
away from its remedy. A check added to the registry without a screen here fails a test.
"""

from __future__ import annotations

from dataclasses import dataclass

from pmo_insight.domain.health import CHECKS, CheckResult, Fault, Pitfall
from pmo_insight.models import RefKind

#: The article's order: assumptions, too many pains, one-off use, isolation, no executive buy-in.
PITFALL_ORDER = (
    Pitfall.ASSUMPTIONS,
    Pitfall.TOO_MANY_PAINS,
    Pitfall.ONE_OFF,
    Pitfall.ISOLATION,
    Pitfall.NO_BUY_IN,
)
PITFALL_ICONS = {
    Pitfall.ASSUMPTIONS: "🔬",
    Pitfall.TOO_MANY_PAINS: "🎯",
    Pitfall.ONE_OFF: "🔁",
    Pitfall.ISOLATION: "🔗",
    Pitfall.NO_BUY_IN: "📈",
}

CHAIN_PAGE = "pages/chain.py"
#: The screen that edits each kind of chain item.
REF_PAGE = {
    RefKind.PERSONA: "pages/personas.py",
    RefKind.EMPATHY_NOTE: "pages/empathy.py",
    RefKind.TOUCHPOINT: "pages/journey.py",
    RefKind.CANVAS_ITEM: "pages/canvas.py",
    RefKind.KPI: "pages/canvas.py",
}
#: The screen that fixes each check's faults when the fault itself does not say (no item ref).
CHECK_PAGE = {
    "claim_without_evidence": "pages/canvas.py",
    "persona_on_thin_evidence": "pages/evidence.py",  # bring the survey or interviews in
    "too_many_key_pains": "pages/journey.py",
    "review_missing_or_overdue": CHAIN_PAGE,  # the chain screen sets the next review date
    "kpi_past_due_without_actual": "pages/canvas.py",  # actuals are recorded under each KPI
    "persona_without_empathy_map": "pages/empathy.py",
    "journey_pain_not_in_canvas": "pages/canvas.py",  # carry the pain in from the canvas screen
    "canvas_pain_without_reliever": "pages/canvas.py",
    "canvas_without_kpi": "pages/canvas.py",
}


def fault_page(check: str, fault: Fault) -> str:
    """Where to go to fix one fault: the screen of the item at fault, else the check's screen."""
    if check == "claim_without_evidence" and fault.ref is not None:
        return REF_PAGE[fault.ref.kind]  # evidence is attached on the item's own screen
    return CHECK_PAGE.get(check, CHAIN_PAGE)


@dataclass(frozen=True)
class CheckView:
    result: CheckResult

    @property
    def pages(self) -> list[str]:
        """The screens that fix this check's faults, in the order the faults appear."""
        pages = [fault_page(self.result.check, f) for f in self.result.faults]
        return list(dict.fromkeys(pages)) or [CHECK_PAGE.get(self.result.check, CHAIN_PAGE)]


@dataclass(frozen=True)
class PitfallView:
    pitfall: Pitfall
    checks: tuple[CheckView, ...]

    @property
    def ok(self) -> bool:
        return all(c.result.ok for c in self.checks)

    @property
    def fault_count(self) -> int:
        return sum(len(c.result.faults) for c in self.checks)

    @property
    def title_key(self) -> str:
        return f"chain.pitfall.{self.pitfall.value}.title"

    @property
    def why_key(self) -> str:
        return f"chain.pitfall.{self.pitfall.value}.why"


def pitfall_views(results: list[CheckResult]) -> list[PitfallView]:
    """The five pitfalls in the article's order, each with the results of the checks that guard it."""
    return [
        PitfallView(pitfall, tuple(CheckView(r) for r in results if r.pitfall == pitfall)) for pitfall in PITFALL_ORDER
    ]


__all__ = ["CHECKS", "CHECK_PAGE", "PITFALL_ORDER", "PitfallView", "fault_page", "pitfall_views"]
