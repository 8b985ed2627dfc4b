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
from pmo_insight.grouping.proposals import Proposal, Suggestion
from pmo_insight.grouping.suggest import DUPLICATE_THRESHOLD, NoteGrouper, near_duplicates, normalise


@dataclass(frozen=True)
class PainSuggestion(Suggestion):
    """A journey's suggestion; its JSON names each group's ``touchpoint_ids`` (``note_ids`` hold them)."""

    member_key: ClassVar[str] = "touchpoint_ids"


def suggest_pains(chain: WorkshopChain, *, journey_id: int, n_groups: int | None = None) -> PainSuggestion:
    """Groups for a journey's pains: the existing ones, then proposals for the ungrouped pains.

    ``n_groups`` is the number of groups wanted in all (the "more" / "fewer" control); the existing
    groups count towards it, and the ungrouped pains get at least one.
    """
    pains = [t for t in chain.touchpoints_of(journey_id) if (t.pain_point or "").strip()]
    pains.sort(key=lambda t: (t.stage_id, t.position, t.id))
    ids = {t.id for t in pains}
    existing: list[Proposal] = []
    grouped: set[int] = set()
    for group in chain.pain_groups_of(journey_id):
        members = tuple(m.touchpoint_id for m in chain.pain_members_of(group.id) if m.touchpoint_id in ids)
        grouped.update(members)
        if members:
            existing.append(Proposal(group.title, members, group.id))
    loose = [t for t in pains if t.id not in grouped]
    wanted = None if n_groups is None else max(1, n_groups - len(existing))
    proposals: list[Proposal] = []
    if loose:
        grouper = NoteGrouper(n_groups=wanted).fit([t.pain_point for t in loose])
        proposals = [Proposal(title, tuple(loose[i].id for i in members)) for title, members in grouper.groups()]
    pairs = near_duplicates([normalise(t.pain_point) for t in pains], DUPLICATE_THRESHOLD)
    return PainSuggestion(tuple(existing + proposals), tuple((pains[i].id, pains[j].id) for i, j in pairs))
