"""Checking a workshop backup before anything is written: the whole file, every problem named.

A backup may come from another machine, another app version or a text editor, so nothing in it is
trusted: the size, the JSON, the format and schema version, every field's type and length (through
the same ``*Create`` schemas the screens use), and every reference between rows are checked before
the first row is written (:mod:`pmo_insight.persistence.restore` writes it). A rejected file
leaves the database exactly as it was, and the message lists each problem with where it is
(``touchpoints[3].pain_point``) in the user's language.
"""

from __future__ import annotations

import json
import math
import re
import types
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Union, get_args, get_origin

from pydantic import ValidationError
from sqlmodel import SQLModel

from pmo_insight.domain.backup_format import (
    FORMAT,
    HEADER_KEYS,
    LINK_FIELDS,
    SCHEMA_MINOR,
    SCHEMA_VERSION,
    SECTIONS,
    Section,
)
from pmo_insight.domain.problems import PYDANTIC_TO_KEY, problem_params
from pmo_insight.errors import DomainError
from pmo_insight.i18n import t
from pmo_insight.models import FIT_TARGET, VALUE_MAP_KINDS, ItemKind, WorkshopCreate, new_uid

#: The largest backup accepted (uploads and files): far above a real workshop, well below trouble.
MAX_BACKUP_BYTES = 16 * 1024 * 1024
#: How many problems a message lists before it only counts the rest.
PROBLEMS_SHOWN = 8
#: Longest piece of a location echoed back: keys in a hostile file can be arbitrarily long.
WHERE_PART_MAX = 40
#: A row's stable identity as backups carry it (uuid4 hex, or any short token an older tool wrote).
UID_PATTERN = re.compile(r"[0-9A-Za-z_-]{1,32}")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a backup: where (a path into the document) and what (an i18n key)."""

    where: str
    key: str
    params: dict[str, Any] = field(default_factory=dict)

    def render(self, lang: str) -> str:
        problem = t(self.key, lang, **self.params)
        return t("restore.problem", lang, where=self.where, problem=problem) if self.where else problem


@dataclass(frozen=True)
class Problems:
    """The problem list of a rejected backup, rendered in the language named by the format spec.

    Domain errors reach users through :func:`pmo_insight.i18n.error_message`, which fills the
    catalogue's message with the error's params; the message says ``{problems:en}`` or
    ``{problems:zh}``, so each problem is translated into the language of the sentence around it.
    """

    items: tuple[Problem, ...]

    def __format__(self, lang: str) -> str:
        lines = [problem.render(lang or "en") for problem in self.items[:PROBLEMS_SHOWN]]
        if len(self.items) > PROBLEMS_SHOWN:
            lines.append(t("restore.problem.more", lang or "en", count=len(self.items) - PROBLEMS_SHOWN))
        return "".join(f"\n- {line}" for line in lines)


class BackupRejected(DomainError):
    """The file cannot be restored; nothing was written."""

    key = "restore.error.rejected"

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(self.key, count=len(problems), problems=Problems(tuple(problems)))


# --- reading --------------------------------------------------------------------------------


def parse_backup(data: bytes) -> Any:
    """The JSON inside ``data``, refusing oversized, non-UTF-8 or malformed files."""
    check_size(len(data))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise BackupRejected([Problem("", "restore.problem.not_utf8", {"offset": error.start})]) from None
    try:
        return json.loads(text, parse_constant=_not_json, parse_float=_finite)
    except json.JSONDecodeError as error:
        params = {"line": error.lineno, "column": error.colno}
        raise BackupRejected([Problem("", "restore.problem.not_json", params)]) from None


def _finite(literal: str) -> float:
    """A JSON number too large for a float (``1e309``) would become infinity: refuse it."""
    value = float(literal)
    if not math.isfinite(value):
        _not_json(literal)
    return value


def _not_json(literal: str) -> Any:
    """``NaN``, ``Infinity`` and ``-Infinity``: Python's json reads them, standard JSON has none."""
    raise BackupRejected([Problem("", "restore.problem.not_finite", {"literal": literal})])


def check_size(size: int) -> None:
    """Refuse a file larger than :data:`MAX_BACKUP_BYTES` before reading it whole."""
    if size > MAX_BACKUP_BYTES:
        params = {"size": _mb(size), "max": _mb(MAX_BACKUP_BYTES)}
        raise BackupRejected([Problem("", "restore.problem.too_big", params)])


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}"


# --- checking -------------------------------------------------------------------------------


@dataclass
class _Row:
    """A row that passed its own checks: its structural fields and its validated content."""

    entry: dict[str, Any]
    content: dict[str, Any]


@dataclass
class CheckedBackup:
    """A backup every part of which was checked: ready to write without further validation."""

    workshop: dict[str, Any]
    rows: dict[str, list[_Row]]


def check_backup(document: Any) -> CheckedBackup:
    """Check the whole document; raise :class:`BackupRejected` listing every problem found."""
    problems: list[Problem] = []
    if not isinstance(document, dict):
        raise BackupRejected([Problem("", "restore.problem.not_backup")])
    if document.get("format") != FORMAT:
        raise BackupRejected([Problem("format", "restore.problem.not_backup")])
    version = document.get("schema_version")
    if not _is_int(version) or version != SCHEMA_VERSION:
        shown = version if _is_int(version) else _clip(json.dumps(version, ensure_ascii=False))
        params = {"version": shown, "supported": SCHEMA_VERSION}
        raise BackupRejected([Problem("schema_version", "restore.problem.schema_version", params)])
    minor = document.get("schema_minor", 0)
    if not _is_int(minor) or not 0 <= minor <= SCHEMA_MINOR:
        shown = minor if _is_int(minor) else _clip(json.dumps(minor, ensure_ascii=False))
        params = {"version": f"{SCHEMA_VERSION}.{shown}", "supported": f"{SCHEMA_VERSION}.{SCHEMA_MINOR}"}
        raise BackupRejected([Problem("schema_minor", "restore.problem.schema_version", params)])

    known = set(HEADER_KEYS) | {s.key for s in SECTIONS}
    problems += [Problem(_clip(k), "error.unknown_field") for k in document if k not in known]
    workshop = _content(WorkshopCreate, document.get("workshop"), "workshop", problems)

    checker = _Checker(problems)
    rows = {
        section.key: checker.section(section, document.get(section.key, [] if minor < section.since_minor else None))
        for section in SECTIONS
    }
    checker.cross_checks(rows)
    if problems:
        raise BackupRejected(problems)
    return CheckedBackup(workshop=workshop or {}, rows=rows)


class _Checker:
    """Checks section by section, remembering the ids each section declares for later references."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        #: Ids each section declares, with the row when it is valid (None when it is not).
        self.ids: dict[str, dict[int, _Row | None]] = {}
        #: Stable identities each section declares, so a duplicate is refused.
        self.uids: dict[str, set[str]] = {}

    def problem(self, where: str, key: str, **params: Any) -> None:
        self.problems.append(Problem(where, key, params))

    def section(self, section: Section, rows: Any) -> list[_Row]:
        """The section's valid rows; ids of invalid rows are still known, so references to them are not
        reported a second time as dangling."""
        self.ids[section.key] = {}
        self.uids[section.key] = set()
        if rows is None:
            self.problem(section.key, "error.required")
            return []
        if not isinstance(rows, list):
            self.problem(section.key, "restore.problem.expected_list")
            return []
        checked = []
        for index, entry in enumerate(rows):
            row = self.row(section, entry, f"{section.key}[{index}]")
            if row is not None:
                checked.append(row)
        return checked

    def row(self, section: Section, entry: Any, where: str) -> _Row | None:
        if not isinstance(entry, dict):
            self.problem(where, "restore.problem.expected_object")
            return None
        before = len(self.problems)
        row_id = self.declared_id(section, entry.get("id"), where) if section.identified else None
        if section.identified:
            self.declared_uid(section, entry.get("uid"), where)
        for name, parent in section.parents:
            self.reference(entry.get(name), parent, f"{where}.{name}", optional=name in section.optional_parents)
        for type_field, id_field in section.refs:
            kind = entry.get(type_field)
            if not isinstance(kind, str) or kind not in section.ref_kinds():
                self.problem(f"{where}.{type_field}", "error.invalid_choice")
            elif section.ref_section(kind) is None:
                if entry.get(id_field) is not None:
                    self.problem(f"{where}.{id_field}", "restore.problem.expected_id")
            else:
                self.reference(entry.get(id_field), section.ref_section(kind), f"{where}.{id_field}")
        if section.positioned:
            position = entry.get("position")
            if not _is_int(position) or position < 0:
                self.problem(f"{where}.position", "restore.problem.expected_position")
        rest = {k: v for k, v in entry.items() if k not in section.structural_fields}
        if section.content is not None:
            content = _content(section.content, rest, where, self.problems)
        else:
            content = self.link_fields(section, rest, where)
        if len(self.problems) > before or content is None:
            return None
        row = _Row(entry={k: entry.get(k) for k in section.structural_fields}, content=content)
        if row_id is not None:
            self.ids[section.key][row_id] = row
        return row

    def declared_id(self, section: Section, row_id: Any, where: str) -> int | None:
        if not _is_int(row_id) or row_id < 1:
            self.problem(f"{where}.id", "restore.problem.expected_id")
            return None
        if row_id in self.ids[section.key]:
            self.problem(f"{where}.id", "restore.problem.duplicate_id", id=row_id)
            return None
        self.ids[section.key][row_id] = None
        return row_id

    def declared_uid(self, section: Section, uid: Any, where: str) -> None:
        """A stable identity is optional (older backups have none, restore gives one) but never shared."""
        if uid is None:
            return
        if not isinstance(uid, str) or not UID_PATTERN.fullmatch(uid):
            self.problem(f"{where}.uid", "restore.problem.expected_uid")
        elif uid in self.uids[section.key]:
            self.problem(f"{where}.uid", "restore.problem.duplicate_uid")
        else:
            self.uids[section.key].add(uid)

    def reference(self, value: Any, parent: str, where: str, *, optional: bool = False) -> None:
        if value is None and optional:
            return
        if not _is_int(value):
            self.problem(where, "restore.problem.expected_id")
        elif value not in self.ids.get(parent, {}):
            self.problem(where, "restore.problem.dangling", section=parent, id=value)

    def link_fields(self, section: Section, rest: dict[str, Any], where: str) -> dict[str, Any] | None:
        allowed = LINK_FIELDS.get(section.key, {})
        content = {}
        for name, value in rest.items():
            if name not in allowed:
                self.problem(f"{where}.{_clip(name)}", "error.unknown_field")
                continue
            try:
                content[name] = allowed[name](value)
            except (ValueError, TypeError):
                self.problem(f"{where}.{name}", "error.invalid_choice")
        return content

    def cross_checks(self, rows: dict[str, list[_Row]]) -> None:
        """Rules between rows: a stage in the touchpoint's journey, fits and KPIs inside one canvas.

        Only rows whose own checks passed take part, so one bad row is reported once.
        """
        items, stages, kpis = self.ids["canvas_items"], self.ids["journey_stages"], self.ids["kpis"]
        for index, row in enumerate(rows["touchpoints"]):
            stage = stages.get(row.entry["stage_id"])
            if stage and stage.entry["journey_id"] != row.entry["journey_id"]:
                self.problem(f"touchpoints[{index}].stage_id", "error.other_journey")
        seen: set[tuple] = set()
        for index, row in enumerate(rows["fit_links"]):
            where = f"fit_links[{index}]"
            value, customer = items.get(row.entry["value_item_id"]), items.get(row.entry["customer_item_id"])
            if value and customer:
                if {value.entry["canvas_id"], customer.entry["canvas_id"]} != {row.entry["canvas_id"]}:
                    self.problem(f"{where}.customer_item_id", "error.other_canvas")
                elif FIT_TARGET.get(ItemKind(value.content["kind"])) != ItemKind(customer.content["kind"]):
                    self.problem(f"{where}.customer_item_id", "error.fit_kind")
            self.unique(seen, where, ("fit", row.entry["value_item_id"], row.entry["customer_item_id"]))
        for index, row in enumerate(rows["kpi_links"]):
            where = f"kpi_links[{index}]"
            kpi, item = kpis.get(row.entry["kpi_id"]), items.get(row.entry["item_id"])
            if kpi and item:
                if item.entry["canvas_id"] != kpi.entry["canvas_id"]:
                    self.problem(f"{where}.item_id", "error.other_canvas")
                elif ItemKind(item.content["kind"]) not in VALUE_MAP_KINDS:
                    self.problem(f"{where}.item_id", "error.kpi_kind")
            self.unique(seen, where, ("kpi", row.entry["kpi_id"], row.entry["item_id"]))
        for index, row in enumerate(rows["evidence_links"]):
            self.unique(seen, f"evidence_links[{index}]", ("evidence", *row.entry.values()))
        for index, row in enumerate(rows["dot_votes"]):
            self.unique(seen, f"dot_votes[{index}]", ("dot", *row.entry.values()))
        self.group_checks(rows)
        for index, row in enumerate(rows["trace_links"]):
            e = row.entry
            if (e["source_type"], e["source_id"]) == (e["target_type"], e["target_id"]):
                self.problem(f"trace_links[{index}]", "error.self_link")
            self.unique(seen, f"trace_links[{index}]", ("trace", *e.values()))

    def group_checks(self, rows: dict[str, list[_Row]]) -> None:
        """A group's member is a note of the group's map and quadrant, and a note is in one group only."""
        groups, notes = self.ids["note_groups"], self.ids["empathy_notes"]
        grouped: set[Any] = set()
        for index, row in enumerate(rows["note_group_members"]):
            where = f"note_group_members[{index}]"
            group, note = groups.get(row.entry["group_id"]), notes.get(row.entry["note_id"])
            if (
                group
                and note
                and (
                    group.entry["map_id"] != note.entry["map_id"]
                    or str(group.content["quadrant"]) != str(note.content["quadrant"])
                )
            ):
                self.problem(f"{where}.note_id", "error.other_group_board")
            if row.entry["note_id"] in grouped:
                self.problem(f"{where}.note_id", "error.note_already_grouped")
            grouped.add(row.entry["note_id"])
        self.pain_group_checks(rows)

    def pain_group_checks(self, rows: dict[str, list[_Row]]) -> None:
        """A pain group's member is a touchpoint of its journey that names a pain, and in one group only."""
        groups, touchpoints = self.ids["pain_groups"], self.ids["touchpoints"]
        grouped: set[Any] = set()
        for index, row in enumerate(rows.get("pain_group_members", ())):
            where = f"pain_group_members[{index}]"
            group, touchpoint = groups.get(row.entry["group_id"]), touchpoints.get(row.entry["touchpoint_id"])
            if group and touchpoint:
                if group.entry["journey_id"] != touchpoint.entry["journey_id"]:
                    self.problem(f"{where}.touchpoint_id", "error.other_pain_journey")
                elif not str(touchpoint.content.get("pain_point") or "").strip():
                    self.problem(f"{where}.touchpoint_id", "error.no_pain_to_group")
            if row.entry["touchpoint_id"] in grouped:
                self.problem(f"{where}.touchpoint_id", "error.pain_already_grouped")
            grouped.add(row.entry["touchpoint_id"])

    def unique(self, seen: set[tuple], where: str, key: tuple) -> None:
        if key in seen:
            self.problem(where, "restore.problem.duplicate_link")
        seen.add(key)


def _content(schema: type[SQLModel], data: Any, where: str, problems: list[Problem]) -> dict[str, Any] | None:
    """Validate a row's content against its Create schema: JSON types strictly, then limits."""
    if not isinstance(data, dict):
        problems.append(Problem(where, "restore.problem.expected_object"))
        return None
    before = len(problems)
    for name, value in data.items():
        info = schema.model_fields.get(name)
        if info is not None and not _json_type_ok(info.annotation, value):
            problems.append(Problem(f"{where}.{name}", f"restore.problem.expected_{_expected(info.annotation)}"))
    if len(problems) > before:
        return None
    try:
        return schema.model_validate(data).model_dump()
    except ValidationError as error:
        for err in error.errors():
            path = ".".join(_clip(str(p)) if isinstance(p, str) else f"[{p}]" for p in err["loc"]).replace(".[", "[")
            problems.append(_problem(f"{where}.{path}" if path else where, err))
        return None


def _problem(where: str, err: Any) -> Problem:
    params = problem_params(err)
    if err["type"].startswith("date"):
        return Problem(where, "restore.problem.expected_date")
    return Problem(where, PYDANTIC_TO_KEY.get(err["type"], "error.invalid_value"), params)


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """``Optional[X]`` -> (X, True); anything else -> (itself, False)."""
    if get_origin(annotation) in (Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        return args[0], len(args) < len(get_args(annotation))
    return annotation, False


def _expected(annotation: Any) -> str:
    base, _ = _unwrap(annotation)
    if base is bool:
        return "true_false"
    if base is int:
        return "whole_number"
    if base is float:
        return "number"
    if base is date:
        return "date"
    if get_origin(base) is list:
        return "list_of_text"
    return "text"


def _json_type_ok(annotation: Any, value: Any) -> bool:
    """Whether a JSON value has the type the field holds: no "3" for 3, no 1 for true."""
    _, nullable = _unwrap(annotation)
    if value is None:
        return nullable
    expected = _expected(annotation)
    if expected == "true_false":
        return isinstance(value, bool)
    if expected == "whole_number":
        return _is_int(value)
    if expected == "number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    if expected == "list_of_text":
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    return isinstance(value, str)  # text, choices and ISO dates


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _clip(text: str) -> str:
    """A piece of the file echoed in a message: short, and no Markdown code fences."""
    text = text.replace("`", "'")
    return text if len(text) <= WHERE_PART_MAX else text[: WHERE_PART_MAX - 1] + "…"


def _columns(section: Section, row: _Row, workshop_id: int, new_ids: dict[str, dict[int, int]]) -> dict[str, Any]:
    columns = dict(row.content)
    if section.has_uid:
        columns["uid"] = row.entry.get("uid") or new_uid()
    if "workshop_id" in section.model.model_fields:
        columns["workshop_id"] = workshop_id
    for name, parent in section.parents:
        local = row.entry[name]
        columns[name] = None if local is None else new_ids[parent][local]
    for type_field, id_field in section.refs:
        kind = section.ref_kind(row.entry[type_field])
        target_section = section.ref_section(kind)
        target = None if target_section is None else new_ids[target_section][row.entry[id_field]]
        columns[type_field], columns[id_field] = kind, target
    if section.positioned:
        columns["position"] = row.entry["position"]
    return columns
