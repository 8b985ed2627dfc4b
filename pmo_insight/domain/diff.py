"""What changed between two states of a workshop, in the terms a business lead reads.

Pure: two backup documents in (a snapshot's, or the workshop as it is now), a structured diff out.
Items are matched by their stable identity (``uid``), never by database id or by text, so a renamed
pain is one changed item, not one removed and one added, and a workshop restored from a snapshot
compares with its original. The diff holds only JSON-ready values (text, numbers, ISO dates), so
the same object feeds the screen, the Markdown report, the deck and ``diff --format json``.

What it reports:

- per tool, the items added, removed and changed, with each changed field before → after (a
  touchpoint moved to another stage is a change of its ``stage``; a new position alone is not a
  change, since moving one item renumbers its neighbours);
- each journey's emotion per touchpoint before → after, in journey order, for the overlaid curve;
- each canvas's fit (overall, pains, gains) before → after, and the pains newly relieved (unrelieved
  before, relieved now) or newly uncovered (relieved before or new, and nothing relieves them now);
- each KPI's baseline, target, due date and latest actual before → after, and the actuals added;
- the five pitfalls: faults before → after, check by check.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlmodel import SQLModel

from pmo_insight.domain.backup_format import SECTION_BY_KEY, content_of
from pmo_insight.domain.chain import WorkshopChain
from pmo_insight.domain.documents import chain_from_document, document_day, document_of
from pmo_insight.domain.fit import coverage, fit_score
from pmo_insight.domain.health import chain_health
from pmo_insight.domain.journey_analysis import journey_order
from pmo_insight.domain.kpi_progress import kpi_progress
from pmo_insight.domain.pitfalls import pitfall_views
from pmo_insight.models import ItemKind, WorkshopCreate

#: The tools in chain order, and the sections (of the backup) each one's items come from.
TOOL_SECTIONS: dict[str, tuple[str, ...]] = {
    "persona": ("personas", "evidence", "survey_columns", "survey_segments"),
    "empathy_map": ("empathy_maps", "empathy_notes", "note_groups"),
    "journey": ("journeys", "journey_stages", "touchpoints", "pain_groups"),
    "canvas": ("canvases", "canvas_items", "kpis"),
}
#: How each section's rows are named in the diff.
LABEL_FIELD = {
    "personas": "name",
    "evidence": "source",
    "survey_columns": "header",
    "survey_segments": "label",
    "empathy_maps": "scenario",
    "empathy_notes": "text",
    "note_groups": "title",
    "journeys": "scenario",
    "journey_stages": "name",
    "touchpoints": "name",
    "pain_groups": "title",
    "canvases": "title",
    "canvas_items": "text",
    "kpis": "name",
}
#: The parent a row belongs to, shown (by its name) as a field when it changes: "moved stage".
PARENT_FIELDS = {
    "empathy_maps": {"persona_id": "personas"},
    "empathy_notes": {"map_id": "empathy_maps"},
    "note_groups": {"map_id": "empathy_maps"},
    "journeys": {"persona_id": "personas"},
    "journey_stages": {"journey_id": "journeys"},
    "touchpoints": {"stage_id": "journey_stages"},
    "pain_groups": {"journey_id": "journeys"},
    "canvases": {"persona_id": "personas", "journey_id": "journeys"},
    "canvas_items": {"canvas_id": "canvases"},
    "kpis": {"canvas_id": "canvases"},
}
#: The workshop's own fields that matter to a reader (not its language or bookkeeping).
WORKSHOP_FIELDS = ("title", "organisation", "goal", "facilitator", "held_on", "next_review_on", "review_cycle_months")


@dataclass(frozen=True)
class FieldChange:
    field: str
    before: Any
    after: Any


@dataclass(frozen=True)
class ItemChange:
    """One item: its section (``touchpoints``), kind where it has one (``pain``), label and changes."""

    section: str
    uid: str
    label: str
    kind: str | None = None
    context: str = ""
    fields: tuple[FieldChange, ...] = ()


@dataclass(frozen=True)
class ToolDiff:
    tool: str
    added: tuple[ItemChange, ...] = ()
    removed: tuple[ItemChange, ...] = ()
    changed: tuple[ItemChange, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


@dataclass(frozen=True)
class EmotionPoint:
    uid: str
    touchpoint: str
    stage: str
    before: int | None
    after: int | None

    @property
    def moved(self) -> bool:
        return self.before != self.after


@dataclass(frozen=True)
class JourneyEmotion:
    uid: str
    scenario: str
    persona: str
    points: tuple[EmotionPoint, ...]

    @property
    def changed(self) -> tuple[EmotionPoint, ...]:
        return tuple(p for p in self.points if p.moved)


@dataclass(frozen=True)
class Fit:
    overall: float | None
    pains: float | None
    gains: float | None


@dataclass(frozen=True)
class CanvasFit:
    uid: str
    title: str
    before: Fit | None
    after: Fit | None
    newly_relieved: tuple[str, ...] = ()
    newly_uncovered: tuple[str, ...] = ()


@dataclass(frozen=True)
class Actual:
    value: float
    measured_on: str
    source: str = ""


@dataclass(frozen=True)
class KpiChange:
    uid: str
    name: str
    canvas: str
    unit: str
    baseline: tuple[float | None, float | None]
    target: tuple[float | None, float | None]
    due_on: tuple[str | None, str | None]
    latest: tuple[Actual | None, Actual | None]
    progress: tuple[float | None, float | None]
    added_actuals: tuple[Actual, ...] = ()
    #: "added", "removed" or "kept".
    status: str = "kept"

    @property
    def changed(self) -> bool:
        pairs = (self.baseline, self.target, self.due_on, self.latest)
        return self.status != "kept" or bool(self.added_actuals) or any(a != b for a, b in pairs)


@dataclass(frozen=True)
class CheckCount:
    check: str
    before: int
    after: int


@dataclass(frozen=True)
class PitfallChange:
    pitfall: str
    before: int
    after: int
    checks: tuple[CheckCount, ...]


@dataclass(frozen=True)
class Side:
    """One end of the comparison: a snapshot (id and label) or the workshop now (id None)."""

    label: str
    taken_at: str
    snapshot_id: int | None = None


@dataclass(frozen=True)
class WorkshopDiff:
    title: str
    base: Side
    head: Side
    workshop: tuple[FieldChange, ...] = ()
    tools: tuple[ToolDiff, ...] = ()
    emotions: tuple[JourneyEmotion, ...] = ()
    fits: tuple[CanvasFit, ...] = ()
    kpis: tuple[KpiChange, ...] = ()
    pitfalls: tuple[PitfallChange, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def counts(self) -> dict[str, int]:
        """How many items were added, removed and changed over all tools."""
        return {
            "added": sum(len(t.added) for t in self.tools),
            "removed": sum(len(t.removed) for t in self.tools),
            "changed": sum(len(t.changed) for t in self.tools),
        }

    @property
    def unchanged(self) -> bool:
        return (
            not self.workshop
            and all(t.empty for t in self.tools)
            and not any(k.changed for k in self.kpis)
            and not any(f.before != f.after for f in self.fits)
        )


@dataclass(frozen=True)
class BaseSnapshot:
    """The snapshot an export compares with ("What changed since the last review"); hashable."""

    snapshot_id: int
    label: str
    taken_at: str
    document_text: str

    @property
    def document(self) -> dict[str, Any]:
        return json.loads(self.document_text)

    @property
    def side(self) -> Side:
        return Side(self.label, self.taken_at, self.snapshot_id)


# --- building -------------------------------------------------------------------------------


class _Side:
    """One state of the workshop, indexed by uid."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document
        self.chain = chain_from_document(document)
        self.today = document_day(document)
        self.rows: dict[str, dict[str, SQLModel]] = {}
        self.by_id: dict[str, dict[int, SQLModel]] = {}
        for key in (*LABEL_FIELD, "kpi_actuals"):
            section = SECTION_BY_KEY[key]
            rows = getattr(self.chain, section.chain_attr)
            self.rows[key] = {row.uid: row for row in rows}
            self.by_id[key] = {row.id: row for row in rows}

    def label(self, key: str, row_id: int | None) -> str | None:
        row = self.by_id[key].get(row_id) if row_id is not None else None
        return None if row is None else str(getattr(row, LABEL_FIELD[key]))

    def pain_members(self, group_id: int) -> dict[str, str]:
        """A pain group's touchpoints, uid → pain (a membership change is a change of the group)."""
        touchpoints = self.by_id["touchpoints"]
        members = [
            touchpoints[m.touchpoint_id] for m in self.chain.pain_members_of(group_id) if m.touchpoint_id in touchpoints
        ]
        return {t.uid: t.pain_point or t.name for t in members}

    def members(self, group_id: int) -> dict[str, str]:
        """A note group's member notes, uid → text (a membership change is a change of the group)."""
        notes = self.by_id["empathy_notes"]
        return {
            notes[m.note_id].uid: notes[m.note_id].text for m in self.chain.members_of(group_id) if m.note_id in notes
        }

    def parent_uid(self, key: str, row_id: int | None) -> str | None:
        row = self.by_id[key].get(row_id) if row_id is not None else None
        return None if row is None else row.uid


def _item(side: _Side, key: str, row: SQLModel, fields: tuple[FieldChange, ...] = ()) -> ItemChange:
    kind = getattr(row, "kind", None) if key == "canvas_items" else getattr(row, "quadrant", None)
    context = ""
    for parent_field, parent_key in PARENT_FIELDS.get(key, {}).items():
        context = side.label(parent_key, getattr(row, parent_field)) or context
        break
    return ItemChange(key, row.uid, str(getattr(row, LABEL_FIELD[key])), str(kind) if kind else None, context, fields)


def _field_changes(key: str, old: _Side, new: _Side, before: SQLModel, after: SQLModel) -> tuple[FieldChange, ...]:
    schema = SECTION_BY_KEY[key].content
    a, b = content_of(before, schema), content_of(after, schema)
    changes = [FieldChange(name, a[name], b[name]) for name in schema.model_fields if a[name] != b[name]]
    for parent_field, parent_key in PARENT_FIELDS.get(key, {}).items():
        was, now = getattr(before, parent_field), getattr(after, parent_field)
        if old.parent_uid(parent_key, was) != new.parent_uid(parent_key, now):
            changes.append(FieldChange(parent_field, old.label(parent_key, was), new.label(parent_key, now)))
    if key == "note_groups":
        was_in, now_in = old.members(before.id), new.members(after.id)
        if set(was_in) != set(now_in):
            changes.append(FieldChange("notes", sorted(was_in.values()), sorted(now_in.values())))
    if key == "pain_groups":
        was_in, now_in = old.pain_members(before.id), new.pain_members(after.id)
        if set(was_in) != set(now_in):
            changes.append(FieldChange("touchpoints", sorted(was_in.values()), sorted(now_in.values())))
    return tuple(changes)


def _tool_diff(tool: str, old: _Side, new: _Side) -> ToolDiff:
    added: list[ItemChange] = []
    removed: list[ItemChange] = []
    changed: list[ItemChange] = []
    for key in TOOL_SECTIONS[tool]:
        before, after = old.rows[key], new.rows[key]
        added += [_item(new, key, row) for uid, row in after.items() if uid not in before]
        removed += [_item(old, key, row) for uid, row in before.items() if uid not in after]
        for uid, row in after.items():
            if uid in before:
                fields = _field_changes(key, old, new, before[uid], row)
                if fields:
                    changed.append(_item(new, key, row, fields))
    if tool == "canvas":
        fit_added, fit_removed, fit_changed = _fit_link_changes(old, new)
        added, removed, changed = added + fit_added, removed + fit_removed, changed + fit_changed
    return ToolDiff(tool, tuple(added), tuple(removed), tuple(changed))


def _fit_links(side: _Side) -> dict[tuple[str, str], tuple[str, str]]:
    """Fit links by (value item uid, customer item uid): their label and strength."""
    items = side.by_id["canvas_items"]
    out = {}
    for link in side.chain.fit_links:
        value, customer = items.get(link.value_item_id), items.get(link.customer_item_id)
        if value is not None and customer is not None:
            out[(value.uid, customer.uid)] = (f"{value.text} → {customer.text}", str(link.strength))
    return out


def _fit_link_changes(old: _Side, new: _Side) -> tuple[list[ItemChange], list[ItemChange], list[ItemChange]]:
    before, after = _fit_links(old), _fit_links(new)

    def item(key: tuple[str, str], label: str, fields: tuple[FieldChange, ...] = ()) -> ItemChange:
        return ItemChange("fit_links", ":".join(key), label, None, "", fields)

    added = [item(k, v[0]) for k, v in after.items() if k not in before]
    removed = [item(k, v[0]) for k, v in before.items() if k not in after]
    changed = [
        item(k, v[0], (FieldChange("strength", before[k][1], v[1]),))
        for k, v in after.items()
        if k in before and before[k][1] != v[1]
    ]
    return added, removed, changed


def _points(side: _Side, journey_id: int) -> list[tuple[str, str, str, int]]:
    chain = side.chain
    stages = chain.stages_of(journey_id)
    names = {s.id: s.name for s in stages}
    ordered = journey_order(stages, chain.touchpoints_of(journey_id))
    return [(tp.uid, tp.name, names.get(tp.stage_id, ""), tp.emotion_now) for tp in ordered]


def _emotions(old: _Side, new: _Side) -> tuple[JourneyEmotion, ...]:
    out = []
    for uid in dict.fromkeys([*new.rows["journeys"], *old.rows["journeys"]]):
        was, now = old.rows["journeys"].get(uid), new.rows["journeys"].get(uid)
        before = _points(old, was.id) if was is not None else []
        after = _points(new, now.id) if now is not None else []
        journey, side = (now, new) if now is not None else (was, old)
        out.append(
            JourneyEmotion(
                uid,
                journey.scenario,
                side.label("personas", journey.persona_id) or "",
                tuple(_merge_points(before, after)),
            )
        )
    return tuple(out)


def _merge_points(before: list, after: list) -> list[EmotionPoint]:
    """The later journey order, with each removed touchpoint put back after its earlier neighbour."""
    old = {uid: (name, stage, emotion) for uid, name, stage, emotion in before}
    merged = [
        EmotionPoint(uid, name, stage, old[uid][2] if uid in old else None, emotion)
        for uid, name, stage, emotion in after
    ]
    present = {p.uid for p in merged}
    for index, (uid, name, stage, emotion) in enumerate(before):
        if uid in present:
            continue
        previous = next((before[i][0] for i in range(index - 1, -1, -1) if before[i][0] in present), None)
        at = 0 if previous is None else next(i for i, p in enumerate(merged) if p.uid == previous) + 1
        merged.insert(at, EmotionPoint(uid, name, stage, emotion, None))
        present.add(uid)
    return merged


def _fit(side: _Side, canvas_id: int) -> tuple[Fit, dict[str, float], dict[str, str]]:
    score = fit_score(side.chain, canvas_id)
    covered = coverage(side.chain, canvas_id)
    pains = side.chain.items_of(canvas_id, ItemKind.PAIN)
    return (
        Fit(score.overall, score.pains, score.gains),
        {p.uid: covered[p.id] for p in pains},
        {p.uid: p.text for p in pains},
    )


def _fits(old: _Side, new: _Side) -> tuple[CanvasFit, ...]:
    out = []
    uids = list(dict.fromkeys([*new.rows["canvases"], *old.rows["canvases"]]))
    for uid in uids:
        was, now = old.rows["canvases"].get(uid), new.rows["canvases"].get(uid)
        before, before_cover, _ = _fit(old, was.id) if was is not None else (None, {}, {})
        after, after_cover, texts = _fit(new, now.id) if now is not None else (None, {}, {})
        relieved = tuple(texts[p] for p, c in after_cover.items() if c > 0 and before_cover.get(p) == 0.0)
        uncovered = tuple(texts[p] for p, c in after_cover.items() if c == 0 and before_cover.get(p, 0.0) > 0)
        uncovered += tuple(texts[p] for p, c in after_cover.items() if c == 0 and p not in before_cover and was)
        title = (now or was).title
        out.append(CanvasFit(uid, title, before, after, relieved, uncovered))
    return tuple(out)


def _actual(row: Any) -> Actual | None:
    return None if row is None else Actual(row.value, row.measured_on.isoformat(), row.source)


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _kpis(old: _Side, new: _Side) -> tuple[KpiChange, ...]:
    out = []
    for uid in dict.fromkeys([*new.rows["kpis"], *old.rows["kpis"]]):
        was, now = old.rows["kpis"].get(uid), new.rows["kpis"].get(uid)
        p_before = kpi_progress(old.chain, was) if was is not None else None
        p_after = kpi_progress(new.chain, now) if now is not None else None
        known = {a.uid for a in p_before.actuals} if p_before else set()
        added = tuple(_actual(a) for a in (p_after.actuals if p_after else ()) if a.uid not in known)
        kpi, side = (now, new) if now is not None else (was, old)
        out.append(
            KpiChange(
                uid=uid,
                name=kpi.name,
                canvas=side.label("canvases", kpi.canvas_id) or "",
                unit=kpi.unit,
                baseline=(was.baseline if was else None, now.baseline if now else None),
                target=(was.target if was else None, now.target if now else None),
                due_on=(_iso(was.due_on) if was else None, _iso(now.due_on) if now else None),
                latest=(_actual(p_before.latest) if p_before else None, _actual(p_after.latest) if p_after else None),
                progress=(p_before.share if p_before else None, p_after.share if p_after else None),
                added_actuals=added,
                status="added" if was is None else "removed" if now is None else "kept",
            )
        )
    return tuple(out)


def _pitfalls(old: _Side, new: _Side) -> tuple[PitfallChange, ...]:
    before = pitfall_views(chain_health(old.chain, today=old.today))
    after = pitfall_views(chain_health(new.chain, today=new.today))
    out = []
    for was, now in zip(before, after, strict=True):
        checks = tuple(
            CheckCount(a.result.check, len(a.result.faults), len(b.result.faults))
            for a, b in zip(was.checks, now.checks, strict=True)
        )
        out.append(PitfallChange(str(was.pitfall), was.fault_count, now.fault_count, checks))
    return tuple(out)


def _workshop_changes(old: dict[str, Any], new: dict[str, Any]) -> tuple[FieldChange, ...]:
    defaults = {name: info.default for name, info in WorkshopCreate.model_fields.items()}
    return tuple(
        FieldChange(name, old.get(name, defaults.get(name)), new.get(name, defaults.get(name)))
        for name in WORKSHOP_FIELDS
        if old.get(name, defaults.get(name)) != new.get(name, defaults.get(name))
    )


def diff_documents(before: dict[str, Any], after: dict[str, Any], *, base: Side, head: Side) -> WorkshopDiff:
    """What changed from ``before`` to ``after`` (two backup documents of the same workshop's lineage)."""
    old, new = _Side(before), _Side(after)
    return WorkshopDiff(
        title=str(after["workshop"].get("title", "")),
        base=base,
        head=head,
        workshop=_workshop_changes(before["workshop"], after["workshop"]),
        tools=tuple(_tool_diff(tool, old, new) for tool in TOOL_SECTIONS),
        emotions=_emotions(old, new),
        fits=_fits(old, new),
        kpis=_kpis(old, new),
        pitfalls=_pitfalls(old, new),
    )


# --- from the database ------------------------------------------------------------------------


def side_of_snapshot(snapshot: Any) -> Side:
    return Side(snapshot.label, snapshot.taken_at.isoformat(timespec="seconds"), snapshot.id)


def diff_against(chain: WorkshopChain, base_document: dict[str, Any], base: Side) -> WorkshopDiff:
    """The diff from a base document to a chain already loaded (the report and the deck use this)."""
    from pmo_insight.models import utcnow

    now = utcnow()
    head = Side("", now.isoformat(timespec="seconds"))
    return diff_documents(base_document, document_of(chain, at=now), base=base, head=head)


def diff_as_json(diff: WorkshopDiff) -> dict[str, Any]:
    """The diff as plain JSON data (``diff --format json``)."""
    data = dataclasses.asdict(diff)
    data.pop("extra", None)
    data["counts"] = diff.counts
    return data
