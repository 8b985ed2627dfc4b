"""Many personas side by side in an editable grid, saved together at their expected versions.

Cards are for the room; the grid is for the facilitator tidying ten personas' scores and roles in
one pass. Edits stay in the grid until saved; a save that meets someone else's newer version is
refused whole, and the grid keeps the edits so nothing typed is lost.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st
from st_aggrid import AgGrid, DataReturnMode, GridOptionsBuilder

from pmo_insight import web
from pmo_insight.models import Persona, StakeholderType
from pmo_insight.services import personas as svc
from pmo_insight.ui.common.grid_look import HEADER_HEIGHT, ROW_HEIGHT, grid_theme, locale_text

DRAFT_KEY = "_persona_table_draft"
GENERATION_KEY = "_persona_grid_generation"
INT_FIELDS = ("influence", "interest")


def table_rows(personas: list[Persona], counts: dict[int, int]) -> list[dict[str, Any]]:
    return [
        {
            "id": p.id,
            "version": p.version,
            **{field: getattr(p, field) for field in svc.TABLE_FIELDS},
            "stakeholder_type": StakeholderType(p.stakeholder_type).value,
            "evidence": counts.get(p.id, 0),
        }
        for p in personas
    ]


def normalise(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The grid's rows as plain Python values: pandas 3 hands back Int64/str dtypes and NA."""
    rows = []
    for record in frame.to_dict("records"):
        row: dict[str, Any] = {"id": int(record["id"]), "version": int(record["version"])}
        for field in svc.TABLE_FIELDS:
            value = record.get(field)
            if value is None or (not isinstance(value, list | dict) and pd.isna(value)):
                value = None if field in INT_FIELDS else ""
            elif field in INT_FIELDS:
                try:
                    value = int(float(value))
                except (TypeError, ValueError):
                    value = str(value)  # left for validation to explain
            else:
                value = str(value)
            row[field] = value
        rows.append(row)
    return rows


def _drawn_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows the table is drawn from: the stored ones, or the user's unsaved draft.

    Streamlit forgets the grid's edits once a run does not draw it (another page); the edits are
    kept as a draft in the session and, when the grid comes back without them, a new grid is
    drawn from the draft (each row still quoting the version it was edited from) with a banner.
    """
    generation = st.session_state.setdefault(GENERATION_KEY, 0)
    draft = st.session_state.get(DRAFT_KEY)
    if f"persona_grid_{generation}" not in st.session_state and draft and svc.table_changes(rows, draft):
        generation = st.session_state[GENERATION_KEY] = generation + 1
        st.session_state[f"{DRAFT_KEY}_drawn_{generation}"] = draft
    drawn = st.session_state.get(f"{DRAFT_KEY}_drawn_{generation}")
    if drawn is not None and svc.table_changes(rows, drawn):
        st.warning(web.tr("draft.restored", count=len(svc.table_changes(rows, drawn))), icon="📝")
    return drawn if drawn is not None else rows


def _forget_draft() -> None:
    for key in [k for k in st.session_state if str(k).startswith(DRAFT_KEY)]:
        del st.session_state[key]


def persona_table(personas: list[Persona], counts: dict[int, int]) -> None:
    rows = table_rows(personas, counts)
    frame = pd.DataFrame(_drawn_rows(rows), columns=["id", "version", *svc.TABLE_FIELDS, "evidence"])
    builder = GridOptionsBuilder.from_dataframe(frame)
    builder.configure_default_column(editable=True, resizable=True, wrapText=True, autoHeight=True, filter=True)
    builder.configure_column("id", hide=True)
    builder.configure_column("version", hide=True)
    layout: dict[str, dict[str, Any]] = {
        "avatar": {"width": 90, "flex": 0},
        "name": {"pinned": "left", "flex": 2},
        "role": {"flex": 2},
        "quote": {"flex": 3},
        "stakeholder_type": {
            "flex": 2,
            "cellEditor": "agSelectCellEditor",
            "cellEditorParams": {"values": [k.value for k in StakeholderType]},
        },
        **{
            f: {"width": 130, "flex": 0, "cellEditor": "agNumberCellEditor", "type": ["numericColumn"]}
            for f in INT_FIELDS
        },
    }
    for field in svc.TABLE_FIELDS:
        builder.configure_column(field, web.tr(f"field.{field}"), **layout.get(field, {}))
    builder.configure_column("evidence", f"📎 {web.tr('field.evidence')}", editable=False, width=130, flex=0)
    builder.configure_grid_options(
        domLayout="autoHeight",
        rowHeight=ROW_HEIGHT,
        headerHeight=HEADER_HEIGHT,
        singleClickEdit=False,
        localeText=locale_text(),
    )
    generation = st.session_state.setdefault(GENERATION_KEY, 0)
    grid = AgGrid(
        frame,
        gridOptions=builder.build(),
        update_on=["cellValueChanged"],
        data_return_mode=DataReturnMode.AS_INPUT,
        key=f"persona_grid_{generation}",
        theme=grid_theme(),
    )
    edited = normalise(grid.data if grid.data is not None else frame)
    st.session_state[DRAFT_KEY] = edited
    versions = {row["id"]: row["version"] for row in edited}
    changes = svc.table_changes(rows, edited)
    st.caption(web.tr("persona.table.hint"))
    # One row that wraps: each button as wide as its label (a fixed column cut "Save 3 change(s)" at 1280×720).
    save_col = reload_col = st.container(horizontal=True, gap="small", key="persona_table_actions")
    if save_col.button(
        f"💾 {web.tr('persona.table.save', count=len(changes))}",
        key="persona_table_save",
        type="primary" if changes else "secondary",
        disabled=not changes,
    ):
        saved = web.call(svc.update_personas, changes={pid: (versions[pid], fields) for pid, fields in changes.items()})
        if saved is not None:
            _forget_draft()
            st.session_state[GENERATION_KEY] = generation + 1
            web.flash(web.tr("persona.table.saved", count=len(saved)))
            st.rerun()
    if reload_col.button(f"↻ {web.tr('persona.table.reload')}", key="persona_table_reload"):
        _forget_draft()
        st.session_state[GENERATION_KEY] = generation + 1
        st.rerun()
