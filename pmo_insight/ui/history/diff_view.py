"""What changed, on screen: pick two states, then the counts, pitfalls, fit, KPIs, curves and items."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from pmo_insight import web
from pmo_insight.charts.emotion_diff import emotion_overlay
from pmo_insight.domain.chain import WorkshopChain
from pmo_insight.domain.diff import WorkshopDiff
from pmo_insight.domain.health import Pitfall
from pmo_insight.domain.pitfalls import PITFALL_ICONS
from pmo_insight.iterate import diff_text as fmt
from pmo_insight.iterate.diff import workshop_diff
from pmo_insight.iterate.diff_markdown import TOOL_ICONS, side_text
from pmo_insight.iterate.snapshots import SnapshotInfo
from pmo_insight.ui.history.snapshots import when

tr = web.tr
NOW = 0


def compare(chain: WorkshopChain, infos: list[SnapshotInfo]) -> None:
    """Choose "from" (a snapshot) and "to" (a later snapshot or now), and show the diff."""
    if not infos:
        return
    labels = {i.id: f"{i.label} ({when(i)})" for i in infos}
    base_col, head_col = st.columns(2)
    base = base_col.selectbox(tr("iterate.compare.from"), list(labels), format_func=labels.get, key="history_from")
    head = head_col.selectbox(
        tr("iterate.compare.to"),
        [NOW, *labels],
        format_func=lambda i: tr("iterate.compare.now") if i == NOW else labels[i],
        key="history_to",
    )
    diff = web.call(
        workshop_diff, workshop_id=chain.workshop.id, base_id=base, head_id=None if head == NOW else head, chain=chain
    )
    if diff is not None:
        show(diff)


def show(diff: WorkshopDiff) -> None:
    lang = web.lang()
    st.caption(tr("iterate.report.between", base=side_text(diff.base, lang), head=side_text(diff.head, lang)))
    added, removed, changed = st.columns(3)
    added.metric(f"➕ {tr('iterate.compare.added')}", diff.counts["added"])
    removed.metric(f"➖ {tr('iterate.compare.removed')}", diff.counts["removed"])
    changed.metric(f"✏️ {tr('iterate.compare.changed')}", diff.counts["changed"])
    if diff.unchanged:
        st.success(tr("iterate.report.unchanged"), icon="✅")

    st.markdown(f"#### 🩺 {tr('iterate.pitfalls.title')}")
    _table(
        pd.DataFrame(
            [
                {
                    tr(
                        "iterate.col.pitfall"
                    ): f"{PITFALL_ICONS[Pitfall(p.pitfall)]} {tr(f'chain.pitfall.{p.pitfall}.title')}",
                    tr("iterate.col.warnings"): fmt.pair(str(p.before), str(p.after)),
                    " ": "✅" if p.after < p.before else "⚠️" if p.after > p.before else "=",
                }
                for p in diff.pitfalls
            ]
        ),
    )
    _fits(diff)
    _kpis(diff)
    for journey in diff.emotions:
        if journey.changed:
            st.markdown(f"#### 🗺️ {tr('iterate.emotion.title')}: {web.md(journey.scenario)}")
            st.altair_chart(emotion_overlay(journey, lang=lang), width="stretch")
    _items(diff)


def _table(frame: pd.DataFrame) -> None:
    """A static table (text stays text; large and readable on a projector), first column as its label."""
    st.table(frame.set_index(frame.columns[0]))


def _fits(diff: WorkshopDiff) -> None:
    if not diff.fits:
        return
    st.markdown(f"#### 🎯 {tr('iterate.fit.title')}")
    rows = [
        {
            tr("export.col.canvas"): f.title,
            tr("export.col.fit_overall"): fmt.fit_pair(
                f.before.overall if f.before else None, f.after.overall if f.after else None
            ),
            tr("export.col.fit_pains"): fmt.fit_pair(
                f.before.pains if f.before else None, f.after.pains if f.after else None
            ),
            tr("export.col.fit_gains"): fmt.fit_pair(
                f.before.gains if f.before else None, f.after.gains if f.after else None
            ),
        }
        for f in diff.fits
    ]
    _table(pd.DataFrame(rows))
    for f in diff.fits:
        if f.newly_relieved:
            st.markdown(
                f"✅ **{web.md(f.title)}** — {tr('iterate.fit.relieved')}: "
                + "; ".join(web.md(x) for x in f.newly_relieved)
            )
        if f.newly_uncovered:
            st.markdown(
                f"⚠️ **{web.md(f.title)}** — {tr('iterate.fit.uncovered')}: "
                + "; ".join(web.md(x) for x in f.newly_uncovered)
            )


def _kpis(diff: WorkshopDiff) -> None:
    if not diff.kpis:
        return
    st.markdown(f"#### 📈 {tr('iterate.kpi.title')}")
    rows = [
        {
            tr("export.col.kpi"): k.name,
            tr("field.baseline"): fmt.pair(fmt.number(k.baseline[0], k.unit), fmt.number(k.baseline[1], k.unit)),
            tr("field.target"): fmt.pair(fmt.number(k.target[0], k.unit), fmt.number(k.target[1], k.unit)),
            tr("iterate.kpi.latest"): fmt.pair(
                fmt.actual_text(k.latest[0], k.unit), fmt.actual_text(k.latest[1], k.unit)
            ),
            tr("iterate.kpi.progress"): fmt.fit_pair(*k.progress),
        }
        for k in diff.kpis
    ]
    _table(pd.DataFrame(rows))


def _items(diff: WorkshopDiff) -> None:
    lang = web.lang()
    if diff.workshop:
        with st.expander(f"🧭 {tr('iterate.workshop.title')} ({len(diff.workshop)})"):
            for change in diff.workshop:
                st.markdown(f"- {web.md(fmt.change_text(change, lang))}")
    for tool in diff.tools:
        if tool.empty:
            continue
        count = len(tool.added) + len(tool.removed) + len(tool.changed)
        with st.expander(f"{TOOL_ICONS[tool.tool]} {tr(f'tool.{tool.tool}')} ({count})", expanded=count <= 6):
            for heading, items, icon in (("added", tool.added, "➕"), ("removed", tool.removed, "➖")):
                if items:
                    st.markdown(f"**{icon} {tr(f'iterate.items.{heading}', count=len(items))}**")
                    for item in items:
                        st.markdown(f"- {web.md(fmt.item_title(item, lang))}")
            if tool.changed:
                st.markdown(f"**✏️ {tr('iterate.items.changed', count=len(tool.changed))}**")
                for item in tool.changed:
                    lines = [f"- {web.md(fmt.item_title(item, lang))}"]
                    lines += [f"    - {web.md(fmt.change_text(c, lang, section=item.section))}" for c in item.fields]
                    st.markdown("\n".join(lines))
