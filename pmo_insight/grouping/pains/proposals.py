"""A journey's suggested pain groups, computed from the chain: what the journey's group step and the
``pains`` command show.

Pure (a :class:`~pmo_insight.domain.chain.WorkshopChain` in, a :class:`PainSuggestion` out), with
the board's own method (:class:`~pmo_insight.grouping.suggest.NoteGrouper`: character n-gram TF-IDF,
average linkage, jieba titles, rapidfuzz near-duplicates) over the touchpoints' pain texts. Groups
the facilitator made are kept as they are; only pains not in a group yet are clustered. The
suggestion covers every touchpoint that names a pain exactly once (a pain alone is a group of one).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from pmo_insight.domain.chain import WorkshopChain
from pmo_insight.grouping.proposals import Suggestion, suggest_over
from pmo_insight.grouping.suggest import CJK, NoteGrouper

#: Pains farther apart than this (cosine distance, average linkage) are never put in one group: a
#: journey's pains are longer and more varied than sticky notes, and the count alone forced unlike
#: pains together (the English demo journey: 7 of its 11 pains in one group).
PAIN_MAX_DISTANCE = 0.9
#: Character n-grams per script: one Chinese character carries meaning, one Latin letter none (with
#: single letters every two English sentences look alike).
CJK_NGRAMS, OTHER_NGRAMS = (1, 3), (2, 4)
#: Both chosen on the hand-labelled pains of tests/test_pain_groups.py at the default count (adjusted
#: Rand index; before: the board's (1, 3) and no cap): English 0.46 → 0.73, Chinese 0.54 → 0.80; the
#: English demo journey's 11 pains then fall into groups of 4, 2, 2 and three alone, not 7, 2, 1, 1.
#: A group is titled by its most central pain (a sentence reads as one; its keywords read as a list).


def pain_ngrams(texts: list[str]) -> tuple[int, int]:
    """The n-gram range for these pains: Chinese when most of them hold a Chinese character."""
    cjk = sum(bool(CJK.search(t)) for t in texts)
    return CJK_NGRAMS if texts and cjk * 2 >= len(texts) else OTHER_NGRAMS


@dataclass(frozen=True)
class PainSuggestion(Suggestion):
    """A journey's suggestion; its JSON names each group's ``touchpoint_ids`` (``note_ids`` hold them)."""

    member_key: ClassVar[str] = "touchpoint_ids"


def suggest_pains(chain: WorkshopChain, *, journey_id: int, n_groups: int | None = None) -> PainSuggestion:
    """Groups for a journey's pains: the existing ones, then proposals for the ungrouped pains.

    ``n_groups`` is the number of groups wanted in all (the "more" / "fewer" control); the existing
    groups count towards it, and the ungrouped pains get at least one. Pains farther apart than
    :data:`PAIN_MAX_DISTANCE` stay apart, so there may be more groups than asked for.
    """
    pains = [t for t in chain.touchpoints_of(journey_id) if (t.pain_point or "").strip()]
    stage_order = {s.id: (s.position, s.id) for s in chain.stages_of(journey_id)}
    pains.sort(key=lambda t: (stage_order.get(t.stage_id, (0, 0)), t.position, t.id))  # journey order
    groups = [
        (g.id, g.title, [m.touchpoint_id for m in chain.pain_members_of(g.id)])
        for g in chain.pain_groups_of(journey_id)
    ]
    return suggest_over(  # type: ignore[return-value]
        {t.id: t.pain_point for t in pains},
        groups,
        n_groups=n_groups,
        grouper=lambda wanted, texts: NoteGrouper(
            n_groups=wanted, max_distance=PAIN_MAX_DISTANCE, ngram_range=pain_ngrams(texts)
        ),
        suggestion=PainSuggestion,
    )
