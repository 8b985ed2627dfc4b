"""A journey's pains as a board: its pain groups and the pains in no group, ranked. Pure, from the chain.

A pain item is a group or one touchpoint that names a pain and is in no group. Its weight is what
its touchpoints say: how many touchpoints name it (how often the customer meets it along the
journey), how many stages it spans, the lowest current emotion among them (−3 … 3) and the highest
impact a fix would have (1–5). Ranking: most touchpoints, then the lowest emotion, then the highest
impact, then journey order. A group counts as one key pain however many touchpoints it holds (any
of them marked key marks the group), so "the key 3–5" is counted in groups, as the room sees them.
"""

from __future__ import annotations

from dataclasses import dataclass

from pmo_insight.domain.chain import WorkshopChain


@dataclass(frozen=True)
class PainItem:
    """A pain group (``group`` set) or a lone pain, with what its touchpoints say about it."""

    title: str
    touchpoint_ids: tuple[int, ...]
    stages: int
    worst_emotion: int | None
    impact: int | None
    is_key: bool
    group: object | None = None
    order: int = 0

    @property
    def is_group(self) -> bool:
        return self.group is not None


def _has_pain(touchpoint: object) -> bool:
    return bool(str(getattr(touchpoint, "pain_point", "") or "").strip())


def _item(title: str, touchpoints: list, group: object | None, order: int) -> PainItem:
    emotions = [t.emotion_now for t in touchpoints if t.emotion_now is not None]
    impacts = [t.impact for t in touchpoints if t.impact is not None]
    return PainItem(
        title,
        tuple(t.id for t in touchpoints),
        len({t.stage_id for t in touchpoints}),
        min(emotions) if emotions else None,
        max(impacts) if impacts else None,
        any(t.is_key_pain for t in touchpoints),
        group,
        order,
    )


def pain_items(chain: WorkshopChain, *, journey_id: int) -> list[PainItem]:
    """The journey's pain groups and ungrouped pains, in journey order (stage, then touchpoint)."""
    stage_rank = {s.id: i for i, s in enumerate(sorted(chain.stages_of(journey_id), key=lambda s: (s.position, s.id)))}
    touchpoints = sorted(
        (t for t in chain.touchpoints_of(journey_id) if _has_pain(t)),
        key=lambda t: (stage_rank.get(t.stage_id, 0), t.position, t.id),
    )
    order = {t.id: i for i, t in enumerate(touchpoints)}
    by_id = {t.id: t for t in touchpoints}
    items: list[PainItem] = []
    grouped: set[int] = set()
    for group in chain.pain_groups_of(journey_id):
        members = sorted(
            (by_id[m.touchpoint_id] for m in chain.pain_members_of(group.id) if m.touchpoint_id in by_id),
            key=lambda t: order[t.id],
        )
        grouped.update(t.id for t in members)
        first = order[members[0].id] if members else len(order) + group.position
        items.append(_item(group.title, members, group, first))
    for touchpoint in touchpoints:
        if touchpoint.id not in grouped:
            items.append(_item(touchpoint.pain_point, [touchpoint], None, order[touchpoint.id]))
    return sorted(items, key=lambda i: (i.order, not i.is_group))


def ranked_pains(chain: WorkshopChain, *, journey_id: int) -> list[PainItem]:
    """Most touchpoints first, then the lowest emotion, then the highest impact; ties keep journey order."""
    return sorted(
        (i for i in pain_items(chain, journey_id=journey_id) if i.touchpoint_ids),
        key=lambda i: (
            -len(i.touchpoint_ids),
            i.worst_emotion if i.worst_emotion is not None else 99,
            -(i.impact or 0),
            i.order,
        ),
    )


def key_pain_items(chain: WorkshopChain, *, journey_id: int) -> list[PainItem]:
    """The journey's key pains counted as the room sees them: a group once, a lone touchpoint once."""
    return [i for i in pain_items(chain, journey_id=journey_id) if i.is_key]
