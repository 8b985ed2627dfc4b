"""The diff's values as text a business lead reads: numbers as numbers, choices in their language.

Shared by the screen, the Markdown report and the deck, so an emotion reads ``−1 → +2`` (a true
minus sign and an explicit plus) and a fit ``89% → 95%`` everywhere.
"""

from __future__ import annotations

from typing import Any

from pmo_insight.domain.diff import Actual, FieldChange, ItemChange
from pmo_insight.domain.fit import percent
from pmo_insight.domain.value_statement import quantity
from pmo_insight.i18n import t

ARROW = " → "
MINUS = "\u2212"
NONE = "—"
TEXT_SHOWN = 90
EMOTION_FIELDS = frozenset({"emotion_now", "emotion_target"})
#: Parent fields shown as a field of the child ("moved stage").
PARENT_LABEL_KEYS = {
    "persona_id": "iterate.parent.persona_id",
    "journey_id": "iterate.parent.journey_id",
    "stage_id": "iterate.parent.stage_id",
    "map_id": "iterate.parent.map_id",
    "canvas_id": "iterate.parent.canvas_id",
    "strength": "iterate.field.strength",
}
#: Choice fields whose values are translated, by field name: the catalogue key prefix.
CHOICES = {
    "quadrant": "export.quadrant.",
    "kind": "export.kind.",
    "stakeholder_type": "export.stakeholder.",
    "strength": "iterate.strength.",
}
EVIDENCE_KIND = "evidence.kind."


def signed(value: int | float | None) -> str:
    """An emotion as it reads: ``−1``, ``0``, ``+2`` (U+2212 minus, explicit plus)."""
    if value is None:
        return NONE
    text = f"{value:g}"
    if value > 0:
        return "+" + text
    return text.replace("-", MINUS)


def number(value: float | int | None, unit: str = "") -> str:
    if value is None:
        return NONE
    return quantity(value, unit).replace("-", MINUS) if value < 0 else quantity(value, unit)


def short(text: str, limit: int = TEXT_SHOWN) -> str:
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def field_name(name: str, lang: str) -> str:
    return t(PARENT_LABEL_KEYS.get(name, f"field.{name}"), lang)


def value_text(name: str, value: Any, lang: str, *, section: str = "") -> str:
    """One field's value as text."""
    if value is None or value == "" or value == []:
        return NONE
    if name in EMOTION_FIELDS:
        return signed(value)
    if name == "kind" and section == "evidence":
        return t(EVIDENCE_KIND + str(value), lang)
    if name in CHOICES:
        return t(CHOICES[name] + str(value), lang)
    if isinstance(value, bool):
        return t("iterate.yes" if value else "iterate.no", lang)
    if isinstance(value, int | float):
        return number(value)
    if isinstance(value, list):
        return short("; ".join(str(v) for v in value))
    return short(str(value))


def change_text(change: FieldChange, lang: str, *, section: str = "") -> str:
    """``Field: before → after``."""
    before = value_text(change.field, change.before, lang, section=section)
    after = value_text(change.field, change.after, lang, section=section)
    return f"{field_name(change.field, lang)}: {before}{ARROW}{after}"


def pair(before: str, after: str) -> str:
    """``before → after``, or the value once when it did not change."""
    return before if before == after else f"{before}{ARROW}{after}"


def fit_pair(before: float | None, after: float | None) -> str:
    """``89% → 95%``."""
    return pair(percent(before), percent(after))


def emotion_pair(before: int | None, after: int | None) -> str:
    return pair(signed(before), signed(after))


def actual_text(actual: Actual | None, unit: str = "") -> str:
    if actual is None:
        return NONE
    return f"{number(actual.value, unit)} ({actual.measured_on})"


def item_title(item: ItemChange, lang: str) -> str:
    """What an item is, in the reader's words: "Pain: Approval takes 5 days"."""
    kind = item.kind if item.section in ("canvas_items", "empathy_notes") else None
    if kind:
        prefix = t(("iterate.kind." if item.section == "canvas_items" else CHOICES["quadrant"]) + kind, lang)
    else:
        prefix = t(f"iterate.section.{item.section}", lang)
    return f"{prefix}: {short(item.label, 80)}"
