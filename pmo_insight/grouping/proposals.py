"""A quadrant's suggested groups, computed from the chain: what the group step and the CLI show.

Pure (a :class:`~pmo_insight.domain.chain.WorkshopChain` in, a :class:`Suggestion` out). Groups the
facilitator already made are kept as they are; only the notes not in a group yet are clustered by
:class:`~pmo_insight.grouping.suggest.NoteGrouper`. The suggestion covers every note of the quadrant
exactly once (a note alone is a group of one); near-duplicates are looked for among all its notes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
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


def suggest_over(
    texts: Mapping[int, str],
    groups: Sequence[tuple[int, str, Sequence[int]]],
    *,
    n_groups: int | None,
    grouper: Callable[[int | None, list[str]], NoteGrouper] = lambda wanted, _texts: NoteGrouper(n_groups=wanted),
    suggestion: type[Suggestion] = Suggestion,
) -> Suggestion:
    """The one suggestion step of every board: ``texts`` (item id → text, in board order) and the
    ``groups`` made already (id, title, member ids) in, a suggestion covering every item once out.

    Existing groups are kept as they are; the items in none are clustered by ``grouper(wanted,
    texts)``, ``wanted`` being ``n_groups`` less the existing groups (at least one); near-duplicates
    are looked for among all the items.
    """
    existing = []
    grouped: set[int] = set()
    for group_id, title, member_ids in groups:
        members = tuple(i for i in member_ids if i in texts)
        grouped.update(members)
        if members:
            existing.append(Proposal(title, members, group_id))
    loose = [i for i in texts if i not in grouped]
    wanted = None if n_groups is None else max(1, n_groups - len(existing))
    proposals: list[Proposal] = []
    if loose:
        fitted = grouper(wanted, [texts[i] for i in loose]).fit([texts[i] for i in loose])
        proposals = [Proposal(title, tuple(loose[i] for i in members)) for title, members in fitted.groups()]
    ids = list(texts)
    pairs = near_duplicates([normalise(texts[i]) for i in ids], DUPLICATE_THRESHOLD)
    return suggestion(tuple(existing + proposals), tuple((ids[i], ids[j]) for i, j in pairs))


def suggest_for(
    chain: WorkshopChain, *, map_id: int, quadrant: Quadrant | str, n_groups: int | None = None
) -> Suggestion:
    """Groups for one quadrant: the existing ones, then proposals for the ungrouped notes.

    ``n_groups`` is the number of groups wanted in all (the "more" / "fewer" control); the existing
    groups count towards it, and the ungrouped notes get at least one.
    """
    quadrant = Quadrant(quadrant)
    texts = {n.id: n.text for n in chain.notes_of(map_id) if Quadrant(n.quadrant) == quadrant}
    groups = [
        (g.id, g.title, [m.note_id for m in chain.members_of(g.id)])
        for g in chain.groups_of(map_id)
        if Quadrant(g.quadrant) == quadrant
    ]
    return suggest_over(texts, groups, n_groups=n_groups)
