"""Votes and ranking by group: what the board ranks once notes are grouped. Pure, from the chain.

A board item is a group or a note in no group. Its dots are its notes' dots (each note's ``votes``:
the participants' dots plus the facilitator's), its voters the number of distinct live participants
holding a dot on any of its notes (the facilitator's dots count as dots, not as a voter). Ranking:
most dots, then most voters, then board order; the key pains are the first few ranked items of the
pains and feels quadrants.
"""

from __future__ import annotations

from dataclasses import dataclass

from pmo_insight.domain.chain import WorkshopChain
from pmo_insight.models import Quadrant, RefKind

#: The article's advice: the key 3–5 pains, not twenty.
KEY_PAINS = 5
PAIN_QUADRANTS = (Quadrant.PAINS, Quadrant.FEELS)


@dataclass(frozen=True)
class BoardItem:
    """A group (``group`` set) or a lone note, with its summed dots and distinct voters."""

    title: str
    quadrant: Quadrant
    note_ids: tuple[int, ...]
    dots: int
    voters: int
    group: object | None = None
    order: int = 0

    @property
    def is_group(self) -> bool:
        return self.group is not None


def _voters_by_note(chain: WorkshopChain) -> dict[int, set[int]]:
    out: dict[int, set[int]] = {}
    for vote in chain.dot_votes:
        if vote.target_type == RefKind.EMPATHY_NOTE:
            out.setdefault(vote.target_id, set()).add(vote.participant_id)
    return out


def board_items(chain: WorkshopChain, *, map_id: int, quadrant: Quadrant | str | None = None) -> list[BoardItem]:
    """The map's groups and ungrouped notes (of one quadrant, or all), in board order."""
    notes = {n.id: n for n in chain.notes_of(map_id)}
    voters = _voters_by_note(chain)
    items: list[BoardItem] = []
    grouped: set[int] = set()
    for group in chain.groups_of(map_id):
        member_ids = tuple(m.note_id for m in chain.members_of(group.id) if m.note_id in notes)
        grouped.update(member_ids)
        people = set().union(*(voters.get(i, set()) for i in member_ids))
        dots = sum(notes[i].votes for i in member_ids)
        order = min((notes[i].position for i in member_ids), default=group.position)
        items.append(BoardItem(group.title, Quadrant(group.quadrant), member_ids, dots, len(people), group, order))
    for note in notes.values():
        if note.id not in grouped:
            people = voters.get(note.id, set())
            items.append(
                BoardItem(note.text, Quadrant(note.quadrant), (note.id,), note.votes, len(people), None, note.position)
            )
    if quadrant is not None:
        items = [i for i in items if i.quadrant == Quadrant(quadrant)]
    return sorted(items, key=lambda i: (i.order, not i.is_group))


def ranked_items(chain: WorkshopChain, *, map_id: int, quadrant: Quadrant | str | None = None) -> list[BoardItem]:
    """Most dots first, then most voters; equal items keep board order."""
    return sorted(board_items(chain, map_id=map_id, quadrant=quadrant), key=lambda i: (-i.dots, -i.voters, i.order))


def key_pains(chain: WorkshopChain, *, map_id: int, limit: int = KEY_PAINS) -> list[BoardItem]:
    """The top-ranked groups or notes of the pains and feels quadrants: what goes into the canvas."""
    items = [i for i in ranked_items(chain, map_id=map_id) if i.quadrant in PAIN_QUADRANTS and i.dots > 0]
    return items[:limit]
