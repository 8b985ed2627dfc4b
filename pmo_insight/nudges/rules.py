"""Quality nudges: pure rules that say why a note, a board or a canvas could be better, never block.

Two registries (name → rule), in the style of :data:`pmo_insight.domain.health.CHECKS`:

- :data:`NOTE_RULES` look at one note as it is written, against the notes already on its board:
  a *vague* note (short, and no who, when or how much in it) and a *near-duplicate* of a note on the
  board (the grouping's own measure: rapidfuzz ``fuzz.ratio`` of the normalised texts ≥ 85, see
  :mod:`pmo_insight.grouping.suggest`);
- :data:`BOARD_RULES` look at a loaded chain: a persona whose pains outnumber its gains 5 to 1 or
  more (over all its empathy maps), a canvas with more than the key 5 pains, and canvas pains with
  no evidence behind them (nothing linked, nothing traced from).

A nudge is data (an i18n key, its parameters, the item it is about); the screens word it. No rule
queries a database or imports Streamlit.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from pmo_insight.domain.chain import WorkshopChain
from pmo_insight.domain.refs import Ref
from pmo_insight.grouping.suggest import DUPLICATE_THRESHOLD, normalise
from pmo_insight.models import ItemKind, Quadrant, RefKind

#: Shorter than this says too little to act on: Latin-script words, or CJK characters.
MIN_WORDS, MIN_CJK_CHARACTERS = 4, 6
#: A persona's pains to its gains from this ratio on: a one-sided map (the article's key 3–5 pains
#: are weighed against what the persona wants to gain).
PAIN_GAIN_RATIO = 5
#: More pains than this on one canvas is the article's second pitfall.
KEY_PAINS = 5
_CJK = re.compile(r"[\u3400-\u9fff]")
#: Words that make a note concrete: who, when, how often, how much (a digit counts too).
_CONCRETE = re.compile(
    r"\d|%|¥|\$|€|每|天|周|月|年|小时|分钟|次|谁|经理|总监|部门|客户|团队|之前|之后|时候"
    r"|\b(every|each|daily|weekly|monthly|hours?|days?|weeks?|months?|years?|always|never|when|after|before"
    r"|manager|director|team|customer|client|finance|sales|cfo|ceo|coo|pm|we|i|they)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Nudge:
    """Why something could be better: ``key`` names the message (``nudge.<rule>``) and its advice."""

    rule: str
    params: Mapping[str, object] = field(default_factory=dict)
    #: The item it is about (None: the note being written, or a canvas named in ``params``).
    ref: Ref | None = None

    @property
    def key(self) -> str:
        return f"nudge.{self.rule}"


def is_vague(text: str) -> bool:
    """Short and without a who, when or how much: "slow", "太慢了", "Bad reports"."""
    clean = normalise(text)
    if not clean:
        return False
    cjk = len(_CJK.findall(clean))
    short = cjk < MIN_CJK_CHARACTERS if cjk else len(clean.split()) < MIN_WORDS
    return short and not _CONCRETE.search(clean)


def near_duplicate(text: str, existing: Sequence[tuple[int, str]]) -> tuple[int, str] | None:
    """The note on the board most like ``text`` at the grouping's duplicate threshold, if any."""
    from rapidfuzz import fuzz, process

    clean = normalise(text)
    if not clean or not existing:
        return None
    choices = {note_id: normalise(other) for note_id, other in existing}
    best = process.extractOne(clean, choices, scorer=fuzz.ratio, score_cutoff=DUPLICATE_THRESHOLD)
    if best is None:
        return None
    note_id = best[2]
    return note_id, next(other for i, other in existing if i == note_id)


def _vague(text: str, _existing: Sequence[tuple[int, str]]) -> list[Nudge]:
    return [Nudge("vague")] if is_vague(text) else []


def _duplicate(text: str, existing: Sequence[tuple[int, str]]) -> list[Nudge]:
    found = near_duplicate(text, existing)
    if found is None:
        return []
    return [Nudge("near_duplicate", {"text": found[1]}, Ref(RefKind.EMPATHY_NOTE, found[0]))]


NoteRule = Callable[[str, Sequence[tuple[int, str]]], list[Nudge]]
NOTE_RULES: dict[str, NoteRule] = {"near_duplicate": _duplicate, "vague": _vague}


def note_nudges(text: str, *, existing: Sequence[tuple[int, str]] = ()) -> list[Nudge]:
    """Every note rule's nudges for ``text`` written onto a board holding ``existing`` (id, text)."""
    return [nudge for rule in NOTE_RULES.values() for nudge in rule(text, existing)]


def _one_sided_persona(chain: WorkshopChain) -> list[Nudge]:
    nudges = []
    for persona in chain.personas:
        notes = [n for m in chain.maps if m.persona_id == persona.id for n in chain.notes_of(m.id)]
        pains = sum(Quadrant(n.quadrant) == Quadrant.PAINS for n in notes)
        gains = sum(Quadrant(n.quadrant) == Quadrant.GAINS for n in notes)
        if pains >= PAIN_GAIN_RATIO and pains >= PAIN_GAIN_RATIO * gains:
            params = {"name": persona.name, "pains": pains, "gains": gains}
            nudges.append(Nudge("pains_outnumber_gains", params, Ref(RefKind.PERSONA, persona.id)))
    return nudges


def _too_many_canvas_pains(chain: WorkshopChain) -> list[Nudge]:
    nudges = []
    for canvas in chain.canvases:
        pains = chain.items_of(canvas.id, ItemKind.PAIN)
        if len(pains) > KEY_PAINS:
            params = {"title": canvas.title, "count": len(pains), "limit": KEY_PAINS, "canvas_id": canvas.id}
            nudges.append(Nudge("too_many_pains", params))
    return nudges


def _pain_without_evidence(chain: WorkshopChain) -> list[Nudge]:
    nudges = []
    for item in chain.items:
        ref = Ref(RefKind.CANVAS_ITEM, item.id)
        if item.kind == ItemKind.PAIN and not chain.has_evidence(ref) and not chain.traced_sources(ref):
            nudges.append(Nudge("pain_without_evidence", {"text": item.text}, ref))
    return nudges


BoardRule = Callable[[WorkshopChain], list[Nudge]]
BOARD_RULES: dict[str, BoardRule] = {
    "pains_outnumber_gains": _one_sided_persona,
    "too_many_pains": _too_many_canvas_pains,
    "pain_without_evidence": _pain_without_evidence,
}


def board_nudges(chain: WorkshopChain, *, rules: Sequence[str] | None = None) -> list[Nudge]:
    """The board rules' nudges over a loaded chain (``rules``: only these, by name)."""
    chosen = BOARD_RULES if rules is None else {name: BOARD_RULES[name] for name in rules}
    return [nudge for rule in chosen.values() for nudge in rule(chain)]
