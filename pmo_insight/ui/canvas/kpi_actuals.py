"""Under each KPI on the canvas: baseline → actuals → target, progress, and recording a measurement."""

from __future__ import annotations

from datetime import date

import streamlit as st

from pmo_insight import web
from pmo_insight.charts.emotion_diff import kpi_progress_chart
from pmo_insight.domain.chain import WorkshopChain
from pmo_insight.domain.kpi_progress import KpiProgress, kpi_progress
from pmo_insight.iterate import diff_text as fmt
from pmo_insight.iterate import kpi_actuals as svc
from pmo_insight.models import Kpi
from pmo_insight.ui.common import drafts

tr = web.tr


def progress_line(progress: KpiProgress) -> str:
    kpi = progress.kpi
    return tr(
        "iterate.kpi.line",
        baseline=fmt.number(kpi.baseline, kpi.unit),
        latest=fmt.actual_text(progress.latest, kpi.unit),
        target=fmt.number(kpi.target, kpi.unit),
        progress=fmt.fit_pair(progress.share, progress.share),
    )


def kpi_progress_view(chain: WorkshopChain, kpi: Kpi, *, chart: bool = True) -> KpiProgress:
    """Read-only: the line, a progress bar towards the target, and the actuals over time."""
    progress = kpi_progress(chain, kpi)
    st.markdown(f"📏 {web.md(progress_line(progress))}")
    if progress.share is not None:
        st.progress(progress.share)
    if progress.overdue(date.today()):
        st.warning(tr("iterate.kpi.overdue", date=web.fmt_date(kpi.due_on)), icon="⏰")
    if chart and len(progress.actuals) >= 1:
        st.altair_chart(kpi_progress_chart(progress, lang=web.lang()), width="stretch")
    return progress


def kpi_actuals_panel(chain: WorkshopChain, kpi: Kpi) -> None:
    """The canvas's KPI box: progress, then the actuals with delete, then a form to add one."""
    with st.expander(f"📏 {tr('iterate.kpi.actuals', count=len(chain.actuals_of(kpi.id)))}", expanded=False):
        progress = kpi_progress_view(chain, kpi)
        for actual in reversed(progress.actuals):
            text_col, delete_col = st.columns([6, 1])
            source = f" — {web.md(actual.source)}" if actual.source else ""
            text_col.markdown(
                f"{web.fmt_date(actual.measured_on)}: **{web.md(fmt.number(actual.value, kpi.unit))}**{source}"
            )
            if delete_col.button("🗑️", key=f"kpi_actual_delete_{actual.id}", help=tr("iterate.kpi.delete")):
                if web.attempt(svc.delete_kpi_actual, actual_id=actual.id, expected_version=actual.version):
                    st.rerun()
        n = st.session_state.get(f"_nonce:kpi_actual_{kpi.id}", 0)
        value_col, date_col, source_col = st.columns([1.2, 1.2, 3])
        keys = [f"kpi_actual_{name}_{kpi.id}_{n}" for name in ("value", "date", "source")]
        value = value_col.number_input(tr("field.value"), value=None, format="%g", **drafts.track(keys[0]))
        measured_on = date_col.date_input(tr("field.measured_on"), value=date.today(), **drafts.track(keys[1]))
        source = source_col.text_input(tr("field.source"), **drafts.track(keys[2]))
        drafts.unsaved_mark(keys[::2])  # a value or a source typed (the date alone is today's default)
        if st.button(tr("iterate.kpi.record"), key=f"kpi_actual_add_{kpi.id}", type="primary"):
            added = web.call(svc.add_kpi_actual, kpi_id=kpi.id, value=value, measured_on=measured_on, source=source)
            if added is not None:
                drafts.clear(*keys)
                st.session_state[f"_nonce:kpi_actual_{kpi.id}"] = n + 1
                web.flash(tr("iterate.kpi.recorded", name=web.md(kpi.name)))
                st.rerun()
