"""The Portfolio screen's body, drawn from a :class:`~pmo_insight.portfolio.rollup.Portfolio` (no query).

Shared by the facilitator's page and the portfolio link's read-only page: filters, the headline
numbers (each opening the items behind it), the workshops table, KPIs with their roll-ups and the
method, the recurring pains, and one workshop's drill-down. Selecting a row of any table, or an item
under a headline number, opens that workshop's drill-down: one click from a number to its evidence.
A recurring pain's evidence is built only while its expander is open (a pain of 200 workshops is
200 rows of notes and buttons). All user text is shown as text (``web.md`` or a dataframe cell).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from pmo_insight import web
from pmo_insight.portfolio.facts import TOOLS, KpiFact, WorkshopFacts
from pmo_insight.portfolio.rag import RAG_ICONS, Rag
from pmo_insight.portfolio.rollup import Portfolio, Rollup
from pmo_insight.review.state import STATE_ICONS, ReviewState

tr = web.tr
DRILL_KEY = "portfolio_workshop"
STATES = [s.value for s in ReviewState]
#: Recurring pains shown before "show all".
PAINS_SHOWN = 12


FILTER_KEYS = {
    "department": "portfolio_department",
    "date_from": "portfolio_from",
    "date_to": "portfolio_to",
    "review_state": "portfolio_state",
}


def chosen_filters(*, fixed_department: str | None = None) -> dict[str, Any]:
    """The filters as the widgets hold them this run (read before the service call, which gives
    the department list the widgets are then drawn with: one call per rerun)."""
    chosen = {name: st.session_state.get(key) for name, key in FILTER_KEYS.items()}
    if fixed_department is not None:
        chosen["department"] = fixed_department
    return chosen


def filters(departments: tuple[str, ...], *, fixed_department: str | None = None) -> dict[str, Any]:
    """Department, date range and review state; returns the service's keyword arguments."""
    cols = st.columns([2, 1.2, 1.2, 2])
    if fixed_department is None:
        options = [None, *departments]
        department = cols[0].selectbox(
            tr("field.department"), options, key="portfolio_department", format_func=_department_label
        )
    else:
        department = fixed_department
        cols[0].text_input(tr("field.department"), value=_department_label(department), disabled=True)
    date_from = cols[1].date_input(tr("portfolio.filter.from"), value=None, key="portfolio_from")
    date_to = cols[2].date_input(tr("portfolio.filter.to"), value=None, key="portfolio_to")
    state = cols[3].selectbox(
        tr("portfolio.filter.review_state"), [None, *STATES], key="portfolio_state", format_func=_state_filter_label
    )
    return {"department": department, "date_from": date_from, "date_to": date_to, "review_state": state}


def _department_label(value: str | None) -> str:
    if value is None:
        return tr("portfolio.filter.all_departments")
    return value or tr("portfolio.no_department")


def _state_filter_label(value: str | None) -> str:
    return tr("portfolio.filter.any_state") if value is None else state_label(value)


def state_label(value: str) -> str:
    return f"{STATE_ICONS[ReviewState(value)]} {tr(f'portfolio.state.{value}')}"


def rag_label(value: Rag) -> str:
    return f"{RAG_ICONS[value]} {tr(f'portfolio.rag.{value.value}')}"


def percent(value: float | None) -> str:
    return "—" if value is None else f"{round(value * 100) + 0:.0f} %"


def number(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _drill_to(workshop_id: int) -> None:
    st.session_state[DRILL_KEY] = workshop_id


# --- headline ---------------------------------------------------------------------------------


def headline(portfolio: Portfolio) -> None:
    kpis = portfolio.kpis
    on_track = [k for k in kpis if k.rag == Rag.GREEN]
    waiting = [(ws, c) for ws in portfolio.workshops for c in ws.canvases if c.state != ReviewState.APPROVED]
    departments = {ws.department for ws in portfolio.workshops}
    with st.container(key="portfolio_headline"):
        cols = st.columns(5)
        cols[0].metric(tr("portfolio.head.workshops"), len(portfolio.workshops))
        cols[1].metric(tr("portfolio.head.departments"), len(departments))
        cols[2].metric(tr("portfolio.head.kpis_on_track"), f"{len(on_track)} / {len(kpis)}")
        cols[3].metric(tr("portfolio.head.reviews_overdue"), len(portfolio.overdue))
        cols[4].metric(tr("portfolio.head.awaiting_decision"), len(waiting))
        items: list[tuple[str, list[tuple[int, str]]]] = [
            ("kpis_on_track", [(k.workshop_id, f"{RAG_ICONS[k.rag]} {k.name}") for k in kpis]),
            (
                "reviews_overdue",
                [(ws.id, f"{ws.title} · {web.fmt_date(ws.next_review_on)}") for ws in portfolio.overdue],
            ),
            ("awaiting_decision", [(ws.id, f"{state_label(c.state)} · {c.title} ({ws.title})") for ws, c in waiting]),
        ]
        for col, (name, rows) in zip(cols[2:], items, strict=True):
            with col.popover(tr("portfolio.head.show"), key=f"portfolio_head_{name}", width="stretch"):
                if not rows:
                    st.caption(tr("portfolio.none"))
                for index, (workshop_id, label) in enumerate(rows[:50]):
                    st.button(
                        label,
                        key=f"portfolio_head_{name}_{index}",
                        on_click=_drill_to,
                        args=(workshop_id,),
                        type="tertiary",
                    )
                if len(rows) > 50:
                    st.caption(tr("portfolio.more", count=len(rows) - 50))


# --- tables -----------------------------------------------------------------------------------


def _select_row(table_key: str, ids: list[int]) -> Callable[[], None]:
    def on_select() -> None:
        rows = st.session_state[table_key].selection.rows
        if rows and rows[0] < len(ids):
            _drill_to(ids[rows[0]])

    return on_select


def workshops_table(portfolio: Portfolio) -> None:
    st.subheader(f"📋 {tr('portfolio.workshops.title')}", anchor=False)
    if not portfolio.workshops:
        st.info(tr("portfolio.workshops.empty"), icon="🔍")
        return
    col = _labels("field.title", "field.department", "field.held_on", "portfolio.col.chain", "portfolio.col.health")
    col |= _labels("portfolio.col.review", "portfolio.col.next_review", "portfolio.no_department", "portfolio.overdue")
    rows = [
        {
            col["field.title"]: ws.title,
            col["field.department"]: ws.department or col["portfolio.no_department"],
            col["field.held_on"]: web.fmt_date(ws.held_on),
            col["portfolio.col.chain"]: f"{ws.tools_done}/{len(TOOLS)}",
            col["portfolio.col.health"]: f"{ws.health_passed}/{ws.health_total}",
            col["portfolio.col.review"]: " ".join(STATE_ICONS[ReviewState(s)] for s in ws.review_states) or "—",
            col["portfolio.col.next_review"]: web.fmt_date(ws.next_review_on)
            + (f" ⚠️ {col['portfolio.overdue']}" if ws.overdue else ""),
        }
        for ws in portfolio.workshops
    ]
    frame = pd.DataFrame(rows)
    next_col = col["portfolio.col.next_review"]
    styled = frame.style.map(lambda v: "color: #c62828; font-weight: 600" if "⚠️" in str(v) else "", subset=[next_col])
    ids = [ws.id for ws in portfolio.workshops]
    st.dataframe(
        styled,
        hide_index=True,
        width="stretch",
        key="portfolio_table",
        on_select=_select_row("portfolio_table", ids),
        selection_mode="single-row",
    )
    st.caption(tr("portfolio.workshops.hint"))


def kpi_section(portfolio: Portfolio) -> None:
    st.subheader(f"📈 {tr('portfolio.kpis.title')}", anchor=False)
    st.caption(tr("portfolio.kpis.method"))
    rollups = [portfolio.total, *portfolio.departments]
    st.dataframe(
        pd.DataFrame([_rollup_row(r) for r in rollups]), hide_index=True, width="stretch", key="portfolio_rollups"
    )
    kpis = sorted(portfolio.kpis, key=lambda k: (_RAG_RANK[k.rag], k.progress if k.progress is not None else 9, k.name))
    if not kpis:
        st.info(tr("portfolio.kpis.empty"), icon="📏")
        return
    titles = {ws.id: ws for ws in portfolio.workshops}
    col = _kpi_labels()
    st.dataframe(
        pd.DataFrame([_kpi_row(k, titles[k.workshop_id], col) for k in kpis]),
        hide_index=True,
        width="stretch",
        key="portfolio_kpis",
        on_select=_select_row("portfolio_kpis", [k.workshop_id for k in kpis]),
        selection_mode="single-row",
    )


_RAG_RANK = {Rag.RED: 0, Rag.AMBER: 1, Rag.UNKNOWN: 2, Rag.GREEN: 3}


def _rollup_row(r: Rollup) -> dict[str, str]:
    counts = " ".join(
        f"{RAG_ICONS[Rag(k)]} {v}" for k, v in sorted(r.counts.items(), key=lambda kv: _RAG_RANK[Rag(kv[0])])
    )
    return {
        tr("portfolio.col.group"): tr("portfolio.whole") if r.whole else r.label or tr("portfolio.no_department"),
        tr("portfolio.col.progress"): percent(r.progress),
        tr("portfolio.col.expected"): percent(r.expected),
        tr("portfolio.col.state"): rag_label(r.state),
        tr("portfolio.col.measured"): f"{r.measured} / {len(r.kpis)}",
        tr("portfolio.col.states"): counts or "—",
    }


def _labels(*keys: str) -> dict[str, str]:
    """Each key's text, looked up once per table rather than once per cell."""
    return {key: tr(key) for key in keys}


_KPI_COLUMNS = (
    "portfolio.col.kpi",
    "portfolio.col.state",
    "portfolio.col.progress",
    "portfolio.col.expected",
    "portfolio.col.path",
    "portfolio.col.due",
    "portfolio.col.workshop",
    "field.department",
    "portfolio.no_department",
)


def _kpi_labels() -> dict[str, str]:
    return _labels(*_KPI_COLUMNS) | {rag.value: rag_label(rag) for rag in Rag}


def _kpi_row(k: KpiFact, ws: WorkshopFacts, col: dict[str, str]) -> dict[str, str]:
    unit = f" {k.unit}" if k.unit else ""
    return {
        col["portfolio.col.kpi"]: k.name,
        col["portfolio.col.state"]: col[k.rag.value],
        col["portfolio.col.progress"]: percent(k.progress),
        col["portfolio.col.expected"]: percent(k.expected),
        col["portfolio.col.path"]: f"{number(k.baseline)} → {number(k.actual)} → {number(k.target)}{unit}",
        col["portfolio.col.due"]: web.fmt_date(k.due_on),
        col["portfolio.col.workshop"]: ws.title,
        col["field.department"]: ws.department or col["portfolio.no_department"],
    }


def pains_section(portfolio: Portfolio) -> None:
    st.subheader(f"🔁 {tr('portfolio.pains.title')}", anchor=False)
    st.caption(tr("portfolio.pains.method"))
    if not portfolio.pains:
        st.info(tr("portfolio.pains.empty"), icon="🧩")
        return
    titles = {ws.id: ws for ws in portfolio.workshops}
    show_all = st.toggle(tr("portfolio.pains.show_all", count=len(portfolio.pains)), key="portfolio_pains_all")
    groups = portfolio.pains if show_all else portfolio.pains[:PAINS_SHOWN]
    for index, group in enumerate(groups):
        label = tr(
            "portfolio.pains.label",
            text=web.md(group.text),
            workshops=len(group.workshop_ids),
            departments=len(group.departments),
            severity=group.severity,
        )
        box = st.expander(label, key=f"portfolio_pain_{index}", on_change="rerun")
        if not box.open:  # built only while open: a pain of 200 workshops is 200 rows of evidence
            continue
        with box:
            if group.departments:
                st.caption(web.md(" · ".join(group.departments)))
            for n, pain in enumerate(group.pains):
                ws = titles[pain.workshop_id]
                left, right = st.columns([4, 1.4], vertical_alignment="center")
                left.markdown(
                    f"**{web.md(pain.text)}** · {tr('portfolio.severity', severity=pain.rank)}  \n"
                    f"{web.md(ws.title)} · {web.md(ws.department or tr('portfolio.no_department'))}"
                    f" · {web.md(pain.canvas_title)}"
                )
                right.button(
                    tr("portfolio.drill.open"), key=f"portfolio_pain_{index}_{n}", on_click=_drill_to, args=(ws.id,)
                )
                for source in pain.sources:
                    icon = "🗒️" if source.kind == "empathy_note" else "📍"
                    who = f" ({web.md(source.department)})" if source.department else ""
                    st.markdown(f"&nbsp;&nbsp;&nbsp;{icon} {web.md(source.text)}{who}")
                if not pain.sources:
                    st.caption(tr("portfolio.pains.no_source"))


# --- drill-down ---------------------------------------------------------------------------------


def drill_down(portfolio: Portfolio, *, open_workshop: Callable[[int], None] | None = None) -> None:
    """One workshop's canvases, KPIs and pains; ``open_workshop`` (facilitators) opens it on Home."""
    st.subheader(f"🔎 {tr('portfolio.drill.title')}", anchor=False)
    ids = [ws.id for ws in portfolio.workshops]
    if not ids:
        return
    if st.session_state.get(DRILL_KEY) not in ids:
        st.session_state[DRILL_KEY] = ids[0]
    by_id = {ws.id: ws for ws in portfolio.workshops}
    workshop_id = st.selectbox(tr("portfolio.drill.choose"), ids, key=DRILL_KEY, format_func=lambda i: by_id[i].title)
    ws = by_id[workshop_id]
    with st.container(border=True, key="portfolio_drill"):
        facts = [ws.department or tr("portfolio.no_department"), ws.sponsor, web.fmt_date(ws.held_on)]
        st.markdown(f"#### {web.md(ws.title)}")
        st.caption(web.md(" · ".join(f for f in facts if f)))
        cols = st.columns(4)
        cols[0].metric(tr("portfolio.col.chain"), f"{ws.tools_done}/{len(TOOLS)}")
        cols[1].metric(tr("portfolio.col.health"), f"{ws.health_passed}/{ws.health_total}")
        cols[2].metric(tr("portfolio.col.next_review"), web.fmt_date(ws.next_review_on))
        if ws.overdue:
            cols[2].markdown(f":red[**⚠️ {tr('portfolio.overdue')}**]")
        cols[3].metric(
            tr("portfolio.head.kpis_on_track"), f"{sum(k.rag == Rag.GREEN for k in ws.kpis)} / {len(ws.kpis)}"
        )
        for canvas in ws.canvases:
            st.markdown(f"- {web.md(canvas.title)}: {state_label(canvas.state)}")
        if ws.kpis:
            col = _kpi_labels()
            st.dataframe(
                pd.DataFrame([_kpi_row(k, ws, col) for k in ws.kpis]),
                hide_index=True,
                width="stretch",
                key="portfolio_drill_kpis",
            )
        for pain in sorted(ws.pains, key=lambda p: -p.rank):
            st.markdown(f"**{web.md(pain.text)}** · {tr('portfolio.severity', severity=pain.rank)}")
            for source in pain.sources:
                st.markdown(f"&nbsp;&nbsp;&nbsp;🗒️ {web.md(source.text)}")
        if open_workshop is not None:
            st.button(
                f"🏠 {tr('portfolio.drill.open_workshop')}",
                key="portfolio_open_workshop",
                on_click=open_workshop,
                args=(ws.id,),
                type="primary",
            )


def deck_download(portfolio: Portfolio) -> None:
    """Build the deck of what is on screen (the filters applied) on request, then offer it."""
    from pmo_insight.portfolio.deck import portfolio_deck

    if st.button(f"📊 {tr('portfolio.deck.prepare')}", key="portfolio_deck_prepare"):
        st.session_state["_portfolio_deck"] = portfolio_deck(portfolio, lang=web.lang())
    data = st.session_state.get("_portfolio_deck")
    if data:
        st.download_button(
            f"⬇️ {tr('portfolio.deck.download')}",
            data,
            file_name=f"portfolio-{portfolio.today.isoformat()}.pptx",
            mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
            key="portfolio_deck_download",
            on_click="ignore",
        )


def body(portfolio: Portfolio, *, open_workshop: Callable[[int], None] | None = None) -> None:
    deck_download(portfolio)
    headline(portfolio)
    st.caption(tr("portfolio.as_of", day=portfolio.today.isoformat()))
    workshops_table(portfolio)
    kpi_section(portfolio)
    pains_section(portfolio)
    drill_down(portfolio, open_workshop=open_workshop)
