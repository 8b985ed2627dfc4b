"""What the shared screen shows of a running live session, as plain frozen data.

Built from the cached chain without a query, once per (chain, session): the projector polls the
workshop's revision every second and redraws this view only when the revision moved. Groups are
an empathy map's quadrants (notes in the order they came in, or by dots once revealed) or a
journey's stages (each touchpoint's pain or opportunity, the items a journey round votes on).
Counts are part of the view only after the reveal: before it the screen cannot show them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from pmo_insight.domain.chain import WorkshopChain
from pmo_insight.live.models import BoardKind, LiveSession
from pmo_insight.live.sessions import joined, running_session, totals
from pmo_insight.models import Quadrant

#: The shared screen's quadrant order: the four around the persona, then pains and gains.
QUADRANTS = (Quadrant.SAYS, Quadrant.THINKS, Quadrant.DOES, Quadrant.FEELS, Quadrant.PAINS, Quadrant.GAINS)


@dataclass(frozen=True, slots=True)
class Card:
    id: int
    text: str
    #: "Name · Department", or "" when the session is anonymous or nobody signed it.
    author: str
    #: "pain" or "opportunity" on a journey board; the quadrant on an empathy board.
    kind: str
    #: Dots from this session, or None while the counts are hidden.
    dots: int | None
    #: A group's notes (the card's text is then the group's title); empty for a single note.
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Group:
    #: A quadrant's value ("says") or a stage's name.
    key: str
    title: str
    cards: tuple[Card, ...]


@dataclass(frozen=True, slots=True, eq=False)
class LiveBoardView:
    """Compared and hashed by identity: one view per cached chain, drawn once per language."""

    kind: BoardKind
    board_id: int
    groups: tuple[Group, ...]
    joined: int
    dots_cast: int
    revealed: bool


def signature(live: LiveSession | None) -> tuple | None:
    """What, when it changes, needs the whole screen redrawn (controls, timer, the board itself);
    notes and votes change only the view and never this."""
    if live is None:
        return None
    return (
        live.id, live.board_kind, live.board_id, live.notes_open, live.votes_open, live.revealed, live.budget,
        live.anonymous, str(live.timer_deadline), live.keep_notes_open, live.stopped_at is None,
    )  # fmt: skip


def shows(live: LiveSession | None, kind: BoardKind, board_id: int | None) -> bool:
    """Whether ``live`` runs on this board."""
    return live is not None and BoardKind(live.board_kind) is kind and live.board_id == board_id


@lru_cache(maxsize=64)
def board_view(chain: WorkshopChain) -> LiveBoardView | None:
    """The running session's board, or None when no session runs (or its board is gone); once per
    chain (chains compare by identity)."""
    live = running_session(chain)
    if live is None:
        return None
    counts = totals(chain, live)
    revealed = bool(live.revealed)
    if BoardKind(live.board_kind) is BoardKind.EMPATHY:
        if not any(m.id == live.board_id for m in chain.maps):
            return None
        groups = _quadrants(chain, live, counts if revealed else None)
    else:
        if not any(j.id == live.board_id for j in chain.journeys):
            return None
        groups = _stages(chain, live, counts if revealed else None)
    return LiveBoardView(
        kind=BoardKind(live.board_kind),
        board_id=live.board_id,
        groups=groups,
        joined=joined(chain, live),
        dots_cast=sum(counts.values()),
        revealed=revealed,
    )


def _ranked(cards: list[Card], revealed: bool) -> tuple[Card, ...]:
    """Before the reveal in the order they came; after it most dots first (ties keep that order)."""
    return tuple(sorted(cards, key=lambda c: -(c.dots or 0)) if revealed else cards)


def _quadrants(chain: WorkshopChain, live: LiveSession, counts) -> tuple[Group, ...]:
    """Each quadrant's cards: a group of notes is one card (its title, its notes' dots summed, on its
    first note's place), as the phones vote on it; a note in no group is a card of its own."""
    notes = sorted(chain.notes_of(live.board_id), key=lambda n: (n.position, n.id))
    group_of = {m.note_id: g for g in chain.groups_of(live.board_id) for m in chain.members_of(g.id)}
    members: dict[int, list] = {}
    for note in notes:
        if note.id in group_of:
            members.setdefault(group_of[note.id].id, []).append(note)
    by_quadrant: dict[str, list[Card]] = {q.value: [] for q in QUADRANTS}
    for note in notes:
        group = group_of.get(note.id)
        if group is not None and members[group.id][0] is not note:
            continue  # drawn with its group's first note
        held = members[group.id] if group is not None else [note]
        dots = None if counts is None else sum(counts.get(n.id, 0) for n in held)
        if group is None:
            author = "" if live.anonymous else " · ".join(x for x in (note.author, note.department) if x)
            card = Card(note.id, note.text, author, note.quadrant, dots)
        else:
            card = Card(note.id, group.title, "", note.quadrant, dots, notes=tuple(n.text for n in held))
        by_quadrant[Quadrant(note.quadrant).value].append(card)
    return tuple(Group(q.value, q.value, _ranked(by_quadrant[q.value], counts is not None)) for q in QUADRANTS)


def _stages(chain: WorkshopChain, live: LiveSession, counts) -> tuple[Group, ...]:
    groups = []
    touchpoints = chain.touchpoints_of(live.board_id)
    for stage in sorted(chain.stages_of(live.board_id), key=lambda s: (s.position, s.id)):
        cards = []
        for tp in sorted((t for t in touchpoints if t.stage_id == stage.id), key=lambda t: (t.position, t.id)):
            if not (tp.pain_point or tp.opportunity):
                continue  # nothing to vote on: the participants' list leaves it out too
            kind = "pain" if tp.pain_point else "opportunity"
            text = f"{tp.name}: {tp.pain_point or tp.opportunity}"
            cards.append(Card(tp.id, text, "", kind, None if counts is None else counts.get(tp.id, 0)))
        groups.append(Group(str(stage.id), stage.name, _ranked(cards, counts is not None)))
    return tuple(groups)
