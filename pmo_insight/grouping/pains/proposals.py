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

from pmo_insight.domain.chain import WorkshopChain
from pmo_insight.grouping.suggest import DUPLICATE_THRESHOLD, NoteGrouper, near_duplicates, normalise


@dataclass(frozen=True)
class PainProposal:
    title: str
    #: The touchpoints (named ``note_ids`` like the board's proposals, so both read alike).
    note_ids: tuple[int, ...]
    #: The id of the group it already is (kept as is), None for a new proposal.
    group_id: int | None = None


@dataclass(frozen=True)
class PainSuggestion:
    groups: tuple[PainProposal, ...]
    duplicates: tuple[tuple[int, int], ...]

    @property
    def new(self) -> tuple[PainProposal, ...]:
        return tuple(p for p in self.groups if p.group_id is None)

    def as_json(self) -> dict:
        """The command line's contract: ``{"groups": [{"title", "touchpoint_ids"}], "duplicates": [[a, b]]}``."""
        return {
            "groups": [{"title": p.title, "touchpoint_ids": list(p.note_ids)} for p in self.groups],
            "duplicates": [list(pair) for pair in self.duplicates],
        }


def suggest_pains(chain: WorkshopChain, *, journey_id: int, n_groups: int | None = None) -> PainSuggestion:
    """Groups for a journey's pains: the existing ones, then proposals for the ungrouped pains.

    ``n_groups`` is the number of groups wanted in all (the "more" / "fewer" control); the existing
    groups count towards it, and the ungrouped pains get at least one.
    """
    pains = [t for t in chain.touchpoints_of(journey_id) if (t.pain_point or "").strip()]
    pains.sort(key=lambda t: (t.stage_id, t.position, t.id))
    ids = {t.id for t in pains}
    existing: list[PainProposal] = []
    grouped: set[int] = set()
    for group in chain.pain_groups_of(journey_id):
        members = tuple(m.touchpoint_id for m in chain.pain_members_of(group.id) if m.touchpoint_id in ids)
        grouped.update(members)
        if members:
            existing.append(PainProposal(group.title, members, group.id))
    loose = [t for t in pains if t.id not in grouped]
    wanted = None if n_groups is None else max(1, n_groups - len(existing))
    proposals: list[PainProposal] = []
    if loose:
        grouper = NoteGrouper(n_groups=wanted).fit([t.pain_point for t in loose])
        proposals = [PainProposal(title, tuple(loose[i].id for i in members)) for title, members in grouper.groups()]
    pairs = near_duplicates([normalise(t.pain_point) for t in pains], DUPLICATE_THRESHOLD)
    return PainSuggestion(tuple(existing + proposals), tuple((pains[i].id, pains[j].id) for i, j in pairs))
