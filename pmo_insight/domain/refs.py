"""A typed pointer at any chain item, used by the polymorphic evidence and trace links."""

from __future__ import annotations

from dataclasses import dataclass

from pmo_insight.models import (
    CanvasItem,
    EmpathyNote,
    Kpi,
    Persona,
    RefKind,
    Touchpoint,
)

#: The table behind each kind of reference.
REF_MODELS = {
    RefKind.PERSONA: Persona,
    RefKind.EMPATHY_NOTE: EmpathyNote,
    RefKind.TOUCHPOINT: Touchpoint,
    RefKind.CANVAS_ITEM: CanvasItem,
    RefKind.KPI: Kpi,
}


@dataclass(frozen=True, order=True)
class Ref:
    kind: RefKind
    id: int

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", RefKind(self.kind))

    def __str__(self) -> str:
        return f"{self.kind.value}:{self.id}"
