"""The touchpoint grid: a streamlit-aggrid table the facilitator edits in bulk, then saves at once.

Every cell edit reaches the server (``cellValueChanged``), so adding or deleting rows rebuilds the
grid from what the user typed, never from the database, and nothing typed is lost. The rows as
loaded are kept per journey: a save sends only the cells the user changed, each quoting the
version it started from, so untouched rows never overwrite a colleague's work and a touched row
edited elsewhere meanwhile is refused with the conflict message.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import streamlit as st
from st_aggrid import AgGrid, DataReturnMode

from pmo_insight import web
from pmo_insight.domain.journey_analysis import journey_order
from pmo_insight.models import JourneyStage, Touchpoint
from pmo_insight.services import journeys as svc
from pmo_insight.ui.common.grid_look import HEADER_HEIGHT, ROW_HEIGHT, grid_theme, locale_text

STAGE = svc.STAGE
FIELDS = svc.TOUCHPOINT_FIELDS
COLUMNS = (STAGE, *FIELDS)
NUMBERS = ("emotion_now", "emotion_target", "impact", "effort")
FLAGS = ("is_key_pain",)
LONG_TEXT = ("action", "need", "pain_point", "opportunity", "backstage")
#: Display order after stage and touchpoint: the emotion scores and the pain first, since they drive the curve;
#: stage, touchpoint, both emotions and the pain fit a 1280 px projector without scrolling, the rest scroll.
SHOWN_ORDER = ("emotion_now", "emotion_target", "pain_point", "is_key_pain", "opportunity", "impact", "effort",
               "channel", "action", "need", "owner", "backstage")  # fmt: skip
#: Problems listed under the grid before "and N more".
SHOWN_PROBLEMS = 8
ROW_ID = "::auto_unique_id::"
WARNING_KEY = "_journey_grid_warning"


def grid_key(journey_id: int, generation: int) -> str:
    return f"journey_grid_{journey_id}_{generation}"


def _state_key(journey_id: int) -> str:
    return f"_journey_grid_state_{journey_id}"


# --- pure conversions (no Streamlit) ----------------------------------------------------------


def clean_cell(column: str, value: Any) -> Any:
    """A grid cell as the service expects it; what cannot be read is passed on to be reported."""
    missing = value is None or (isinstance(value, float) and math.isnan(value)) or str(value).strip() == ""
    if column in FLAGS:
        return (str(value).strip().lower() in ("true", "1", "yes")) if not missing else False
    if column in NUMBERS or column in ("id", "version"):
        if missing:
            return None
        if isinstance(value, bool):
            return value
        if isinstance(value, int):
            return value
        if isinstance(value, float):
            return int(value) if value.is_integer() else value
        text = str(value).strip()
        try:
            number = float(text)
        except ValueError:
            return text
        return int(number) if number.is_integer() else number
    return "" if missing else str(value)


def db_rows(stages: Sequence[JourneyStage], touchpoints: Sequence[Touchpoint]) -> list[dict[str, Any]]:
    """The journey as grid rows, in journey order, with the id and version each row was loaded at."""
    names = {s.id: s.name for s in stages}
    return [
        {"id": tp.id, "version": tp.version, STAGE: names.get(tp.stage_id, ""), **{f: getattr(tp, f) for f in FIELDS}}
        for tp in journey_order(stages, touchpoints)
    ]


def _displayed(payload: Mapping[str, Any] | None) -> list[Mapping[str, Any]]:
    """The grid's row nodes in display order (drag-and-drop included), from what the browser sent."""
    nodes = [n for n in (payload or {}).get("nodes") or [] if not n.get("group")]
    order = sorted(
        range(len(nodes)), key=lambda i: (nodes[i].get("rowIndex") is None, nodes[i].get("rowIndex") or 0, i)
    )
    return [nodes[i] for i in order]


def rows_from_payload(payload: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The grid's rows as the user sees them, cleaned for the service."""
    return [
        {c: clean_cell(c, (node.get("data") or {}).get(c)) for c in ("id", "version", *COLUMNS)}
        for node in _displayed(payload)
    ]


def selected_positions(payload: Mapping[str, Any] | None) -> set[int]:
    """Display positions of the rows ticked in the grid."""
    return {position for position, node in enumerate(_displayed(payload)) if node.get("isSelected")}


def blank(stage: str) -> dict[str, Any]:
    row = {"id": None, "version": None, STAGE: stage, **{f: clean_cell(f, None) for f in FIELDS}}
    row["emotion_now"] = 0
    return row


def is_blank(row: Mapping[str, Any]) -> bool:
    """A new row nobody typed into: skipped on save rather than reported as incomplete."""
    template = blank("")
    return row.get("id") is None and all(row.get(c) == template[c] for c in FIELDS)


def changes(
    rows: Sequence[Mapping[str, Any]], loaded: Sequence[Mapping[str, Any]]
) -> tuple[list[svc.TouchpointRow], dict[int, int]]:
    """What to save: every row (for the order) with the cells changed since loading, and the deletions."""
    before = {row["id"]: row for row in loaded}
    result = []
    for row in rows:
        if is_blank(row):
            continue
        values = {c: row[c] for c in COLUMNS}
        original = before.get(row["id"]) if row["id"] is not None else None
        if original is None:
            result.append(svc.TouchpointRow(values=values))
        else:
            edited = frozenset(c for c in COLUMNS if values[c] != original[c])
            result.append(svc.TouchpointRow(values, row["id"], original["version"], edited))
    kept = {row["id"] for row in rows}
    deleted = {row["id"]: row["version"] for row in loaded if row["id"] not in kept}
    return result, deleted


def pending(rows: Sequence[Mapping[str, Any]], loaded: Sequence[Mapping[str, Any]]) -> int:
    """How many rows differ from what was loaded (edited, added, deleted or moved)."""
    saved, deleted = changes(rows, loaded)
    edited = sum(1 for r in saved if r.changed is None or r.changed)
    moved = [r.id for r in saved if r.id is not None] != [r["id"] for r in loaded if r["id"] not in deleted]
    return edited + len(deleted) + (1 if moved and not edited and not deleted else 0)


# --- the widget -------------------------------------------------------------------------------


def _column_defs(stage_names: Sequence[str]) -> list[dict[str, Any]]:
    def header(column: str) -> str:
        return web.tr("journey.col.name") if column == "name" else web.tr(f"field.{column}")

    defs: list[dict[str, Any]] = [
        {"field": "id", "hide": True, "editable": False},
        {"field": "version", "hide": True, "editable": False},
        {
            "field": STAGE,
            "headerName": web.tr("field.stage_id"),
            "rowDrag": True,
            "pinned": "left",
            "width": 150,
            "wrapText": True,
            "autoHeight": True,
            "cellEditor": "agSelectCellEditor",
            "cellEditorParams": {"values": list(stage_names)},
        },
        {
            "field": "name",
            "headerName": header("name"),
            "pinned": "left",
            "width": 220,
            "cellDataType": "text",
            "wrapText": True,
            "autoHeight": True,
            "cellEditor": "agLargeTextCellEditor",
            "cellEditorPopup": True,
        },
    ]
    for column in SHOWN_ORDER:
        col: dict[str, Any] = {"field": column, "headerName": header(column)}
        if column in NUMBERS:
            col.update(width=96, cellDataType="number", headerTooltip=web.tr(f"journey.col.{column}.hint"))
        elif column in FLAGS:
            col.update(width=110, cellDataType="boolean")
        else:
            col.update(width=260 if column in LONG_TEXT else 170, cellDataType="text", tooltipField=column)
            if column == "pain_point":
                col.update(width=250, wrapText=True, autoHeight=True, cellEditor="agLargeTextCellEditor",
                           cellEditorPopup=True)  # fmt: skip
        defs.append(col)
    return defs


def _grid_options(stage_names: Sequence[str]) -> dict[str, Any]:
    return {
        "columnDefs": _column_defs(stage_names),
        "defaultColDef": {
            "editable": True,
            "sortable": False,
            "filter": False,
            "resizable": True,
            "wrapHeaderText": True,
            "autoHeaderHeight": True,
        },
        "selectionColumnDef": {"width": 44, "pinned": "left"},
        "localeText": locale_text(),
        "rowSelection": {"mode": "multiRow", "checkboxes": True, "headerCheckbox": True, "enableClickSelection": False},
        "rowDragManaged": True,
        "rowHeight": ROW_HEIGHT,
        "headerHeight": HEADER_HEIGHT,
        "stopEditingWhenCellsLoseFocus": True,
        "enterNavigatesVerticallyAfterEdit": True,
        "tooltipShowDelay": 300,
    }


def _state(journey_id: int, fresh: list[dict[str, Any]]) -> dict[str, Any]:
    """This journey's grid: generation, the rows it was drawn from, the rows as loaded from the database."""
    state = st.session_state.setdefault(_state_key(journey_id), {"generation": 0, "loaded": None})
    if state["loaded"] is None:
        state["rows"] = state["loaded"] = fresh
    return state


def _redraw(state: dict[str, Any], rows: list[dict[str, Any]], *, loaded: list[dict[str, Any]] | None = None) -> None:
    state["generation"] += 1
    state["rows"] = state["draft"] = rows
    if loaded is not None:
        state["loaded"] = loaded
        state["restored"] = False
    st.rerun()


def _current_rows(state: dict[str, Any], payload: Mapping[str, Any] | None) -> list[dict[str, Any]]:
    """The rows as the user last left them, kept in the session as a draft.

    Streamlit forgets a widget's state once a run does not draw it (another page, another persona
    or journey), so every edit is copied into the draft; a grid drawn again without its state is
    rebuilt from the draft (a new widget key) and the draft is offered back with a banner.
    """
    if payload and payload.get("nodes") is not None:
        state["draft"] = rows_from_payload(payload)
        return state["draft"]
    draft = state.get("draft")
    if draft is not None and draft != state["rows"]:
        state["generation"] += 1
        state["rows"] = draft
        state["restored"] = True
    return state["rows"]


def unsaved_changes(journey_id: int) -> int:
    """How many unsaved changes the grid holds, without drawing it (the map tab locks its cards on them)."""
    state = st.session_state.get(_state_key(journey_id))
    if not state or state["loaded"] is None:
        return 0
    payload = st.session_state.get(grid_key(journey_id, state["generation"]))
    if payload and payload.get("nodes") is not None:
        return pending(rows_from_payload(payload), state["loaded"])
    return pending(state.get("draft") or state["rows"], state["loaded"])


def touchpoint_grid(journey_id: int, stages: Sequence[JourneyStage], touchpoints: Sequence[Touchpoint]) -> bool:
    """Draw the grid and its actions; True when it holds unsaved changes (stage edits wait for them)."""
    fresh = db_rows(stages, touchpoints)
    state = _state(journey_id, fresh)
    payload = st.session_state.get(grid_key(journey_id, state["generation"]))
    rows = _current_rows(state, payload)
    unsaved = pending(rows, state["loaded"])
    if unsaved and state.get("restored"):
        st.warning(web.tr("draft.restored", count=unsaved), icon="📝")
    if not unsaved and fresh != state["loaded"]:
        # Saved elsewhere (or from the map's dialog) and nothing of ours pending: show theirs. Drawn in
        # this run, not by a rerun, which would swallow the confirmation the page just showed.
        state["generation"] += 1
        state["rows"] = state["loaded"] = rows = fresh
        payload = None
    stage_names = [s.name for s in stages]

    st.caption(web.tr("journey.grid.help"))
    AgGrid(
        _frame(state["rows"]),
        gridOptions=_grid_options(stage_names),
        height=min(140 + ROW_HEIGHT * max(len(state["rows"]), 6), 640),
        update_on=["cellValueChanged", "rowDragEnd", "selectionChanged"],
        data_return_mode=DataReturnMode.AS_INPUT,
        use_json_serialization=True,
        theme=grid_theme(),
        key=grid_key(journey_id, state["generation"]),
    )
    ticked = selected_positions(payload)
    # One row that wraps: each button as wide as its label (fixed columns cut "Delete selected (3)" at 1280×720).
    row = st.container(horizontal=True, gap="small", vertical_alignment="center", key=f"grid_actions_{journey_id}")
    save_col = add_col = delete_col = discard_col = status_col = row
    if save_col.button(f"💾 {web.tr('journey.grid.save')}", key=f"grid_save_{journey_id}", type="primary"):
        _save(journey_id, state, rows, stage_names)
    if add_col.button(f"➕ {web.tr('journey.grid.add')}", key=f"grid_add_{journey_id}", disabled=not stages):
        last = rows[-1][STAGE] if rows else stage_names[0]
        _redraw(state, [*rows, blank(last)])
    delete_label = f"🗑️ {web.tr('journey.grid.delete', count=len(ticked))}"
    if delete_col.button(delete_label, key=f"grid_delete_{journey_id}", disabled=not ticked):
        _redraw(state, [row for i, row in enumerate(rows) if i not in ticked])
    if discard_col.button(
        f"↩️ {web.tr('journey.grid.discard')}", key=f"grid_discard_{journey_id}", disabled=not unsaved
    ):
        _redraw(state, fresh, loaded=fresh)
    status_col.markdown(
        f"**⚠️ {web.tr('journey.grid.unsaved', count=unsaved)}**" if unsaved else f"✅ {web.tr('journey.grid.saved')}"
    )
    warning = st.session_state.pop(WARNING_KEY, None)
    if warning:
        st.warning(warning, icon="🎯")
    return bool(unsaved)


def _frame(rows: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    return pd.DataFrame([dict(row) for row in rows], columns=["id", "version", *COLUMNS], dtype=object)


def _save(journey_id: int, state: dict[str, Any], rows: list[dict[str, Any]], stage_names: Sequence[str]) -> None:
    to_save, deleted = changes(rows, state["loaded"])
    numbering = {id(row): n for n, row in enumerate(rows, start=1)}
    kept = [row for row in rows if not is_blank(row)]
    problems = svc.check_rows(to_save, stage_names)
    if problems:
        lines = [
            web.tr(
                "journey.grid.problem",
                row=numbering[id(kept[p.row - 1])],
                column=web.tr("journey.col.name") if p.field == "name" else web.tr(f"field.{p.field}"),
                problem=web.tr(p.key, **p.params),
            )
            for p in problems
        ]
        more = len(lines) - SHOWN_PROBLEMS
        text = "  \n".join(web.md(line) for line in lines[:SHOWN_PROBLEMS])
        if more > 0:
            text += "  \n" + web.tr("journey.grid.more_problems", count=more)
        st.error(f"{web.tr('journey.grid.invalid', count=len(problems))}  \n{text}", icon="⚠️")
        return
    summary = web.call(svc.save_touchpoints, journey_id=journey_id, rows=to_save, deleted=deleted)
    if summary is None:
        return  # the error is shown; the grid keeps the user's input
    web.flash(web.tr("journey.grid.done", added=summary.inserted, changed=summary.updated, deleted=summary.deleted))
    if summary.focus_lost:
        st.session_state[WARNING_KEY] = web.tr("journey.key_pains.too_many", count=summary.key_pains)
    state["generation"] += 1  # a new grid, drawn from what is now stored
    state["loaded"] = state["draft"] = None
    state["restored"] = False
    st.rerun()
