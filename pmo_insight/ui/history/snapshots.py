"""Snapshots on screen: take one, the list (label, time, who), open one read-only, restore one."""

from __future__ import annotations

import streamlit as st

from pmo_insight import web
from pmo_insight.charts.emotion import emotion_curve
from pmo_insight.domain.chain import WorkshopChain
from pmo_insight.domain.fit import fit_score, percent
from pmo_insight.iterate.snapshots import (
    SnapshotInfo,
    base_snapshot,
    restore_snapshot,
    snapshot_chain,
    take_snapshot,
)
from pmo_insight.services.chain_cache import cached_snapshots
from pmo_insight.ui.canvas.board import board
from pmo_insight.ui.chain import views as chain_views
from pmo_insight.ui.common import drafts

tr = web.tr
OPEN_KEY = "history_open_snapshot"
_EMPTY_NEXT_RUN = "_history_label_taken"


def when(info: SnapshotInfo) -> str:
    return info.taken_at.strftime("%Y-%m-%d %H:%M") + " UTC"


def take_form(workshop_id: int, facilitator: str) -> None:
    # Plain widgets, not a form: a label being typed is kept as a draft across page switches.
    if st.session_state.pop(_EMPTY_NEXT_RUN, False):
        st.session_state.pop("history_label", None)  # taken: the box starts empty again
    with st.container(border=True, key="history_take"):
        st.markdown(f"**📸 {tr('iterate.snapshot.take_title')}**")
        label_col, by_col = st.columns([3, 2])
        label = label_col.text_input(
            tr("field.label"),
            placeholder=tr("iterate.snapshot.label_hint"),
            max_chars=200,
            **drafts.track("history_label"),
        )
        by = by_col.text_input(tr("field.taken_by"), value=facilitator, max_chars=120, **drafts.track("history_by"))
        drafts.unsaved_mark(["history_label"])
        if st.button(tr("iterate.snapshot.take"), key="history_take_button", type="primary"):
            taken = web.call(take_snapshot, workshop_id=workshop_id, label=label, taken_by=by)
            if taken is not None:
                drafts.clear("history_label", "history_by")
                st.session_state[_EMPTY_NEXT_RUN] = True
                web.flash(tr("iterate.snapshot.taken", label=web.md(taken.label)))
                st.rerun()


def snapshot_list(infos: list[SnapshotInfo]) -> None:
    """One row per snapshot, newest first: open read-only, or restore as a new workshop."""
    if not infos:
        st.info(tr("iterate.snapshot.none"), icon="📸")
        return
    for info in infos:
        with st.container(border=True, key=f"history_snapshot_{info.id}"):
            text, open_col, restore_col = st.columns([4, 1, 1.4], vertical_alignment="center")
            who = f" · {web.md(info.taken_by)}" if info.taken_by else ""
            text.markdown(f"**{web.md(info.label)}**  \n{when(info)}{who}")
            if open_col.button(tr("iterate.snapshot.open"), key=f"history_open_{info.id}"):
                st.session_state[OPEN_KEY] = info.id
            with restore_col.popover(tr("iterate.snapshot.restore"), key=f"history_restore_{info.id}"):
                st.caption(tr("iterate.snapshot.restore_help"))
                if st.button(
                    tr("iterate.snapshot.restore_confirm"), key=f"history_restore_go_{info.id}", type="primary"
                ):
                    restored = web.call(restore_snapshot, snapshot_id=info.id)
                    if restored is not None:
                        web.set_current_workshop(restored.id)
                        web.flash(tr("iterate.snapshot.restored", title=web.md(restored.title)))
                        st.rerun()


def opened_snapshot(workshop_id: int, infos: list[SnapshotInfo]) -> None:
    """The snapshot chosen with "Open", drawn read-only: graph, emotion curves, canvases and fit."""
    chosen = next((i for i in infos if i.id == st.session_state.get(OPEN_KEY)), None)
    if chosen is None:
        return
    chain = web.call(snapshot_chain, snapshot_id=chosen.id, workshop_id=workshop_id)
    if chain is None:
        return
    with st.container(border=True, key="history_snapshot_view"):
        head, close = st.columns([5, 1])
        head.subheader(f"🔒 {tr('iterate.snapshot.viewing', label=web.md(chosen.label), time=when(chosen))}")
        if close.button(tr("iterate.snapshot.close"), key="history_close"):
            st.session_state.pop(OPEN_KEY, None)
            st.rerun()
        st.caption(tr("iterate.snapshot.read_only"))
        read_only_chain(chain)


def read_only_chain(chain: WorkshopChain) -> None:
    personas = " · ".join(f"{p.avatar} {web.md(p.name)}" for p in chain.personas)
    st.markdown(f"**{tr('nav.personas')}**: {personas or '—'}")
    chain_views.chain_graph_view(chain)
    for journey in chain.journeys:
        st.markdown(f"**🗺️ {web.md(journey.scenario)}**")
        st.altair_chart(
            emotion_curve(chain.stages_of(journey.id), chain.touchpoints_of(journey.id), lang=web.lang(), height=360),
            width="stretch",
        )
    for canvas in chain.canvases:
        score = fit_score(chain, canvas.id)
        st.markdown(
            f"**🎯 {web.md(canvas.title)}** — "
            + tr(
                "export.fit.band",
                overall=percent(score.overall),
                pains=percent(score.pains),
                gains=percent(score.gains),
            )
        )
        board(chain, canvas)


def base_picker(workshop_id: int):
    """The Export screen's choice of a base snapshot for "What changed since the last review"."""
    infos = web.call(cached_snapshots, workshop_id=workshop_id) or []
    if not infos:
        return None
    labels = {i.id: f"{i.label} ({when(i)})" for i in infos}
    chosen = st.selectbox(
        tr("iterate.export.base"),
        [None, *labels],
        format_func=lambda i: tr("iterate.export.no_base") if i is None else labels[i],
        key=f"export_base_{workshop_id}",
        help=tr("iterate.export.base_help"),
    )
    return None if chosen is None else web.call(base_snapshot, snapshot_id=chosen, workshop_id=workshop_id)
