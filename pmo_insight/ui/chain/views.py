"""The chain screen's widgets: the graph with one pain followed end to end, the traceability table, the pitfalls.

All three read one loaded chain; the graph is DOT rendered by ``st.graphviz_chart`` in the browser,
so nothing needs installing on the server.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

import pandas as pd
import streamlit as st

from pmo_insight import web
from pmo_insight.domain.chain import WorkshopChain
from pmo_insight.domain.health import CheckResult
from pmo_insight.domain.pitfalls import CHAIN_PAGE, PITFALL_ICONS, PitfallView, pitfall_views
from pmo_insight.domain.traceability import (
    LAYER_ICONS,
    LAYERS,
    Layer,
    TraceRow,
    chain_graph,
    kpi_label,
    to_dot,
    trace_rows,
)
from pmo_insight.models import FitStrength, RefKind
from pmo_insight.services.workshops import REVIEW_INTERVAL_DAYS, update_workshop
from pmo_insight.ui.common import conflict

tr = web.tr
ROOT = Path(__file__).resolve().parents[3]
FOCUS_KEY = "chain_focus"
#: Rows of the traceability table shown at once.
TABLE_PAGE_ROWS = 30
#: The focus option meaning "no single pain": a selectbox shows None as an empty placeholder.
WHOLE = "whole"
SOURCE_ICONS = {RefKind.PERSONA: "👤", RefKind.EMPATHY_NOTE: "🧠", RefKind.TOUCHPOINT: "🗺️"}
PAGE_ICONS = {
    "pages/personas.py": "👤",
    "pages/empathy.py": "🧠",
    "pages/journey.py": "🗺️",
    "pages/canvas.py": "🎯",
    "pages/home.py": "🏠",
    CHAIN_PAGE: "🔗",
}


# --- the graph --------------------------------------------------------------------------------
# A chain is immutable and shared by every session (see chain_cache), so what is derived from it is
# computed once per chain, not on every rerun of every session.


@lru_cache(maxsize=16)
def _graph(chain: WorkshopChain):
    return chain_graph(chain)


@lru_cache(maxsize=16)
def _rows(chain: WorkshopChain) -> tuple[TraceRow, ...]:
    return tuple(trace_rows(chain))


@lru_cache(maxsize=64)
def _dot(chain: WorkshopChain, titles: tuple[tuple[Layer, str], ...], focus: str | None) -> str:
    graph = _graph(chain)
    shown = graph.through(focus) if focus else graph
    return to_dot(shown, layer_titles=dict(titles), highlight=focus)


@lru_cache(maxsize=16)
def _pain_labels(chain: WorkshopChain) -> dict[str, str]:
    canvases = {c.id: c for c in chain.canvases}
    return {
        n.id: f"{canvases[item.canvas_id].title} · {item.text}"
        for n in _graph(chain).nodes.values()
        if n.layer == Layer.PAIN and (item := chain.row(n.ref)) is not None
    }


def chain_graph_view(chain: WorkshopChain) -> None:
    """The whole chain, or one pain's story from persona to KPI when the user picks it."""
    graph = _graph(chain)
    pains = _pain_labels(chain)
    if st.session_state.get(FOCUS_KEY) not in pains:
        st.session_state[FOCUS_KEY] = WHOLE
    focus = st.selectbox(
        f"🔎 {tr('chain.graph.focus')}",
        [WHOLE, *pains],
        key=FOCUS_KEY,
        format_func=lambda n: tr("chain.graph.whole") if n == WHOLE else pains[n],
    )
    focus = None if focus == WHOLE else focus
    shown = graph.through(focus) if focus else graph
    titles = {layer: tr(f"chain.layer.{layer}") for layer in LAYERS}
    st.caption(tr("chain.graph.legend"))
    with st.container(border=True, key="chain_graph"):
        if not shown.nodes:
            st.info(tr("chain.graph.empty"), icon="🔗")
        else:
            st.caption(graph_summary(shown))  # the graph's text alternative, read before the drawing
            # Drawn at its own size (14 pt = 18.7 px), never shrunk to the column: the box scrolls sideways instead.
            st.graphviz_chart(_dot(chain, tuple(titles.items()), focus), width="content")
    if focus:
        _path_columns(shown)


def graph_summary(graph) -> str:
    """What the graph shows in words: items per layer, links, and the gaps (unrelieved pains, unmeasured relievers)."""
    counts = ", ".join(
        f"{tr(f'chain.layer.{layer}')} {n}"
        for layer in LAYERS
        if (n := sum(1 for node in graph.nodes.values() if node.layer == layer))
    )
    gaps = sum(1 for node in graph.nodes.values() if node.gap)
    return tr("a11y.chain.summary", counts=counts, links=len(graph.edges), gaps=gaps)


def _path_columns(graph) -> None:
    """The followed pain's chain as text, column by column: readable aloud and by screen readers."""
    layers = [layer for layer in LAYERS if any(n.layer == layer for n in graph.nodes.values())]
    with st.container(key="chain_path"):
        for col, layer in zip(st.columns(len(layers)), layers, strict=True):
            col.markdown(f"**{LAYER_ICONS[layer]} {tr(f'chain.layer.{layer}')}**")
            for node in (n for n in graph.nodes.values() if n.layer == layer):
                col.markdown(f"- {web.md(node.label)}")


# --- the traceability table -------------------------------------------------------------------


def _sources_text(chain: WorkshopChain, row: TraceRow) -> str:
    return " · ".join(f"{SOURCE_ICONS.get(r.kind, '🔗')} {chain.label(r)}" for r in row.sources) or "—"


def trace_frame(chain: WorkshopChain, rows: list[TraceRow]) -> pd.DataFrame:
    """The table as plain strings in the UI language (user text stays text: st.table escapes it)."""
    half = tr("chain.table.partial")
    return pd.DataFrame(
        [
            {
                tr("chain.table.canvas"): row.canvas.title,
                tr("chain.table.pain"): row.pain.text,
                tr("chain.table.severity"): row.pain.rank,
                tr("chain.table.sources"): _sources_text(chain, row),
                tr("chain.table.relievers"): " · ".join(
                    item.text + (f" ({half})" if strength == FitStrength.PARTIAL else "")
                    for item, strength in row.relievers
                )
                or "—",
                tr("chain.table.kpis"): " · ".join(kpi_label(k) for k in row.kpis) or "—",
                tr("chain.table.gaps"): " · ".join(f"⚠️ {tr(f'chain.gap.{g}')}" for g in row.gaps) or "✅",
            }
            for row in rows
        ]
    )


def trace_table(chain: WorkshopChain) -> None:
    rows = list(_rows(chain))
    gaps = sum(bool(r.gaps) for r in rows)
    st.markdown(tr("chain.table.summary", total=len(rows), gaps=gaps))
    if not rows:
        st.info(tr("chain.table.empty"), icon="🎯")
        return
    if len(rows) > TABLE_PAGE_ROWS:  # a large workshop: a page at a time, gaps first so none hides
        rows.sort(key=lambda r: not r.gaps)
        pages = -(-len(rows) // TABLE_PAGE_ROWS)
        page = st.number_input(tr("chain.table.page", pages=pages), 1, pages, 1, key="trace_table_page")
        rows = rows[(page - 1) * TABLE_PAGE_ROWS : page * TABLE_PAGE_ROWS]
    # A plain frame, no pandas Styler (tinting the gap rows cost half of a large workshop's rerun):
    # rows with a gap come first and say so in their own column (⚠️).
    with st.container(key="trace_table"):
        st.table(trace_frame(chain, rows).set_index(tr("chain.table.canvas")))


# --- the five pitfalls ------------------------------------------------------------------------


def _page_link(page: str) -> None:
    if page == CHAIN_PAGE or not (ROOT / page).exists():
        return
    st.page_link(
        page, label=tr("chain.pitfall.fix_on", screen=tr(f"chain.screen.{Path(page).stem}")), icon=PAGE_ICONS.get(page)
    )


def pitfalls_view(chain: WorkshopChain, results: list[CheckResult]) -> None:
    """Each of the article's five pitfalls: pass or warning, the items at fault, and where to fix them."""
    views = pitfall_views(results)
    avoided = sum(v.ok for v in views)
    st.markdown(tr("chain.pitfall.summary", avoided=avoided, total=len(views)))
    for col, view in zip(st.columns(len(views)), views, strict=True):
        with col, st.container(border=True, key=f"pitfall_tile_{view.pitfall.value}"):
            mark = "✅" if view.ok else "⚠️"
            st.markdown(f"#### {mark} {PITFALL_ICONS[view.pitfall]} {tr(view.title_key)}")
            st.caption(tr("chain.pitfall.ok") if view.ok else tr("chain.pitfall.faults", count=view.fault_count))
    for view in views:
        _pitfall_details(chain, view)


def _pitfall_details(chain: WorkshopChain, view: PitfallView) -> None:
    mark = "✅" if view.ok else "⚠️"
    with st.expander(f"{mark} {PITFALL_ICONS[view.pitfall]} {tr(view.title_key)}", expanded=not view.ok):
        st.markdown(tr(view.why_key))
        for check in view.checks:
            result = check.result
            st.markdown(f"{'✅' if result.ok else '⚠️'} {tr(f'health.{result.check}', count=len(result.faults))}")
            if result.faults:
                shown = [f"- {web.md(f.label)}" for f in result.faults[:8] if f.label]
                if shown:
                    st.markdown("\n".join(shown))
                if len(result.faults) > 8:
                    st.caption(tr("health.more", count=len(result.faults) - 8))
                for page in check.pages:
                    _page_link(page)
            if result.check == "review_missing_or_overdue":
                _review_date(chain, overdue=not result.ok)
        if not view.checks:
            st.caption(tr("chain.pitfall.no_check"))


def _review_date(chain: WorkshopChain, *, overdue: bool) -> None:
    """The one-off pitfall is fixed here: set the date the team will look at the chain again."""
    workshop = chain.workshop
    key = f"workshop:{workshop.id}"
    current = workshop.next_review_on
    if current:
        st.caption(tr("chain.review.current", date=web.fmt_date(current)))
    default = current if current and not overdue else date.today() + timedelta(days=REVIEW_INTERVAL_DAYS)
    left, right = st.columns([2, 1], vertical_alignment="bottom")
    chosen = left.date_input(tr("field.next_review_on"), value=default, key="review_date")
    clicked = right.button(tr("chain.review.save"), key="review_save", type="primary" if overdue else "secondary")
    fields = [conflict.Field(tr("field.next_review_on"), "review_date", current)]
    if conflict.save(key, update_workshop, version=workshop.version, fields=fields, clicked=clicked, part="review",
                     workshop_id=workshop.id, next_review_on=chosen):  # fmt: skip
        web.flash(tr("chain.review.saved", date=web.fmt_date(chosen)))
        st.rerun()
