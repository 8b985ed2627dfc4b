"""A quadrant's suggested groups, computed from the chain: what the group step and the CLI show.

Pure (a :class:`~pmo_insight.domain.chain.WorkshopChain` in, a :class:`Suggestion` out). Groups the
facilitator already made are kept as they are; only the notes not in a group yet are clustered by
:class:`~pmo_insight.grouping.suggest.NoteGrouper`. The suggestion covers every note of the quadrant
exactly once (a note alone is a group of one); near-duplicates are looked for among all its notes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from pmo_insight.domain.chain import WorkshopChain
from pmo_insight.grouping.suggest import DUPLICATE_THRESHOLD, NoteGrouper, near_duplicates, normalise
from pmo_insight.models import Quadrant


@dataclass(frozen=True)
class Proposal:
    title: str
    note_ids: tuple[int, ...]
    #: The id of the group it already is (kept as is), None for a new proposal.
    group_id: int | None = None


@dataclass(frozen=True)
class Suggestion:
    groups: tuple[Proposal, ...]
    duplicates: tuple[tuple[int, int], ...]
    #: What the JSON calls a group's members.
    member_key: ClassVar[str] = "note_ids"

    @property
    def new(self) -> tuple[Proposal, ...]:
        return tuple(p for p in self.groups if p.group_id is None)

    def as_json(self) -> dict:
        """The command line's contract: ``{"groups": [{"title", "note_ids"}], "duplicates": [[a, b]]}``."""
        return {
            "groups": [{"title": p.title, self.member_key: list(p.note_ids)} for p in self.groups],
            "duplicates": [list(pair) for pair in self.duplicates],
        }


def suggest_for(
    chain: WorkshopChain, *, map_id: int, quadrant: Quadrant | str, n_groups: int | None = None
) -> Suggestion:
    """Groups for one quadrant: the existing ones, then proposals for the ungrouped notes.

    ``n_groups`` is the number of groups wanted in all (the "more" / "fewer" control); the existing
    groups count towards it, and the ungrouped notes get at least one.
    """
    quadrant = Quadrant(quadrant)
    notes = [n for n in chain.notes_of(map_id) if Quadrant(n.quadrant) == quadrant]
    in_quadrant = {n.id for n in notes}
    existing = []
    grouped: set[int] = set()
    for group in chain.groups_of(map_id):
        if Quadrant(group.quadrant) != quadrant:
            continue
        members = tuple(m.note_id for m in chain.members_of(group.id) if m.note_id in in_quadrant)
        grouped.update(members)
        if members:
            existing.append(Proposal(group.title, members, group.id))
    loose = [n for n in notes if n.id not in grouped]
    wanted = None if n_groups is None else max(1, n_groups - len(existing))
    proposals: list[Proposal] = []
    if loose:
        grouper = NoteGrouper(n_groups=wanted).fit([n.text for n in loose])
        proposals = [Proposal(title, tuple(loose[i].id for i in members)) for title, members in grouper.groups()]
    all_pairs = near_duplicates([normalise(n.text) for n in notes], DUPLICATE_THRESHOLD)
    duplicates = tuple((notes[i].id, notes[j].id) for i, j in all_pairs)
    return Suggestion(tuple(existing + proposals), duplicates)
