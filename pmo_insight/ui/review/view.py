"""The reading view's sections: the promise first, then the chain as a story, read-only.

Each section draws from one loaded chain and ends with the reviewer's comment box for its items;
no section draws an edit widget. Helpers reuse the chain screens' logic (fit, traceability, health,
the emotion curve), never their editors.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from pmo_insight import web
from pmo_insight.charts.emotion import emotion_curve
from pmo_insight.domain.chain import WorkshopChain
from pmo_insight.domain.fit import fit_score, percent
from pmo_insight.domain.health import chain_health
from pmo_insight.domain.journey_analysis import experience_breaks, journey_order, opportunities
from pmo_insight.domain.pitfalls import PITFALL_ICONS, pitfall_views
from pmo_insight.domain.refs import Ref
from pmo_insight.domain.traceability import LAYER_ICONS, LAYERS, Layer, chain_graph
from pmo_insight.domain.value_statement import build_statement, quantity
from pmo_insight.models import CUSTOMER_KINDS, VALUE_MAP_KINDS, RefKind
from pmo_insight.review.models import CommentTarget
from pmo_insight.surveys.figures import persona_figures, segment_figure
from pmo_insight.ui.review.comments import Target, comment_box
from pmo_insight.ui.review.decisions import decision_panel, states

tr = web.tr
QUADRANT_ICONS = {"says": "💬", "thinks": "💭", "does": "🏃", "feels": "❤️", "pains": "😣", "gains": "🌱"}
TOP_NOTES = 5
CARDS_PER_ROW = 3


def _evidence_badge(chain: WorkshopChain, ref: Ref) -> str:
    return f"📎 {tr('review.evidence')}" if chain.has_evidence(ref) else f"💭 {tr('review.assumption')}"


def _persona_name(chain: WorkshopChain, persona_id: int) -> str:
    return next((p.name for p in chain.personas if p.id == persona_id), "—")


def header(chain: WorkshopChain) -> None:
    ws = chain.workshop
    st.title(f"📖 {web.md(ws.title)}")
    meta = [x for x in (ws.organisation, web.fmt_date(ws.held_on) if ws.held_on else "", ws.facilitator) if x]
    if meta:
        st.caption(web.md(" · ".join(meta)))
    if ws.goal:
        st.markdown(f"> {web.md(ws.goal)}")
    st.markdown(tr("review.intro"))


def promise(token: str, chain: WorkshopChain) -> None:
    """What the workshop promises: each canvas's value statement and its KPI targets, first."""
    st.header(f"🎯 {tr('review.promise.title')}", anchor="promise")
    if not chain.canvases:
        st.info(tr("review.promise.empty"), icon="🎯")
    for canvas in chain.canvases:
        with st.container(border=True, key=f"review_promise_{canvas.id}"):
            st.subheader(f"{web.md(canvas.title)}", anchor=False)
            statement = canvas.value_statement or build_statement(chain, canvas.id, web.lang())
            st.markdown(f"### 💬 {web.md(statement)}")
            if not canvas.value_statement:
                st.caption(tr("review.promise.drafted"))
            kpis = chain.kpis_of(canvas.id)
            if kpis:
                st.table(
                    pd.DataFrame(
                        [
                            {
                                tr("review.kpi.name"): k.name,
                                tr(
                                    "review.kpi.change"
                                ): f"{quantity(k.baseline, k.unit)} → {quantity(k.target, k.unit)}",
                                tr("review.kpi.due"): web.fmt_date(k.due_on),
                            }
                            for k in kpis
                        ]
                    ).set_index(tr("review.kpi.name"))
                )
            else:
                st.caption(tr("review.kpi.none"))
            states(chain, canvas)
    targets = [Target(CommentTarget.WORKSHOP, None, tr("review.comment.workshop"))]
    targets += [Target(CommentTarget.CANVAS, c.id, c.title) for c in chain.canvases]
    targets += [Target(CommentTarget.KPI, k.id, k.name) for k in chain.kpis]
    comment_box(token, chain, "promise", targets)


def personas(token: str, chain: WorkshopChain) -> None:
    st.header(f"👤 {tr('review.personas.title')}", anchor="personas")
    segments = persona_figures(chain)
    for start in range(0, len(chain.personas), CARDS_PER_ROW):
        row = chain.personas[start : start + CARDS_PER_ROW]
        for col, persona in zip(st.columns(CARDS_PER_ROW), row, strict=False):
            with col, st.container(border=True, key=f"review_persona_{persona.id}"):
                st.markdown(f"#### {web.md(persona.avatar)} {web.md(persona.name)}")
                st.caption(web.md(persona.role) if persona.role else "")
                st.markdown(_evidence_badge(chain, Ref(RefKind.PERSONA, persona.id)))
                segment = segments.get(persona.id)
                if segment is not None:
                    figure = segment_figure(segment, web.lang())
                    st.markdown(tr("review.persona.segment", figure=figure, label=web.md(segment.label)))
                if persona.quote:
                    st.markdown(f"*“{web.md(persona.quote)}”*")
                for title, entries in (
                    (tr("field.goals"), persona.goals),
                    (tr("field.pain_points"), persona.pain_points),
                ):
                    if entries:
                        st.markdown(f"**{title}**  \n" + "  \n".join(f"• {web.md(e)}" for e in entries[:3]))
    comment_box(token, chain, "personas", [Target(CommentTarget.PERSONA, p.id, p.name) for p in chain.personas])


def empathy(token: str, chain: WorkshopChain) -> None:
    st.header(f"🧠 {tr('review.empathy.title')}", anchor="empathy")
    st.caption(tr("review.empathy.caption", count=TOP_NOTES))
    shown = []
    for col, emap in zip(st.columns(max(len(chain.maps), 1)), chain.maps, strict=False):
        top = sorted(chain.notes_of(emap.id), key=lambda n: (-n.votes, n.position, n.id))[:TOP_NOTES]
        shown += top
        with col, st.container(border=True, key=f"review_map_{emap.id}"):
            st.markdown(f"**{web.md(_persona_name(chain, emap.persona_id))}** · {web.md(emap.scenario)}")
            for note in top:
                badge = "📎" if chain.has_evidence(Ref(RefKind.EMPATHY_NOTE, note.id)) else ""
                st.markdown(
                    f"{QUADRANT_ICONS.get(str(note.quadrant), '•')} {web.md(note.text)} · 👍 {note.votes} {badge}"
                )
    comment_box(token, chain, "empathy", [Target(CommentTarget.EMPATHY_NOTE, n.id, n.text) for n in shown])


def journeys(token: str, chain: WorkshopChain) -> None:
    st.header(f"🗺️ {tr('review.journeys.title')}", anchor="journeys")
    for journey in chain.journeys:
        stages, touchpoints = chain.stages_of(journey.id), chain.touchpoints_of(journey.id)
        with st.container(border=True, key=f"review_journey_{journey.id}"):
            st.subheader(
                f"{web.md(_persona_name(chain, journey.persona_id))} · {web.md(journey.scenario)}", anchor=False
            )
            if touchpoints:
                st.altair_chart(
                    emotion_curve(stages, touchpoints, lang=web.lang(), height=360), width="stretch", theme=None
                )
            ordered = journey_order(stages, touchpoints)
            breaks = experience_breaks(ordered)
            if breaks:
                st.markdown(
                    f"⚡ **{tr('review.journeys.breaks')}** "
                    + "; ".join(f"{web.md(tp.name)} ({tp.emotion_now:+d}): {web.md(tp.pain_point)}" for tp in breaks)
                )
            wins = [tp for tp, quadrant in opportunities(ordered) if quadrant == "quick_win"]
            if wins:
                st.markdown(
                    f"**🚀 {tr('journey.quadrant.quick_win')}**  \n"
                    + "  \n".join(f"• {web.md(tp.opportunity)} ({web.md(tp.name)})" for tp in wins)
                )
    targets = [Target(CommentTarget.TOUCHPOINT, tp.id, tp.name) for tp in chain.touchpoints]
    comment_box(token, chain, "journeys", targets)


def _items_list(chain: WorkshopChain, canvas_id: int, kinds) -> None:
    for kind in kinds:
        items = chain.items_of(canvas_id, kind)
        if items:
            lines = "  \n".join(f"• {web.md(i.text)} {'●' * i.rank}" for i in items)
            st.markdown(f"**{tr(f'canvas.kind.{kind.value}')}**  \n{lines}")


def canvases(token: str, chain: WorkshopChain) -> None:
    st.header(f"🧩 {tr('review.canvases.title')}", anchor="canvases")
    st.caption(tr("review.canvases.rank_hint"))
    for canvas in chain.canvases:
        with st.container(border=True, key=f"review_canvas_{canvas.id}"):
            st.subheader(web.md(canvas.title), anchor=False)
            states(chain, canvas)
            score = fit_score(chain, canvas.id)
            pains, gains, overall = st.columns(3)
            pains.metric(tr("canvas.fit.pains"), percent(score.pains))
            gains.metric(tr("canvas.fit.gains"), percent(score.gains))
            overall.metric(tr("canvas.fit.overall"), percent(score.overall))
            profile, value_map = st.columns(2)
            with profile:
                _items_list(chain, canvas.id, CUSTOMER_KINDS)
            with value_map:
                _items_list(chain, canvas.id, VALUE_MAP_KINDS)
            if score.uncovered_pains:
                st.warning(
                    tr("review.canvases.unrelieved")
                    + "  \n"
                    + "  \n".join(f"• {web.md(p.text)}" for p in score.uncovered_pains),
                    icon="⚠️",
                )
    targets = [Target(CommentTarget.CANVAS, c.id, c.title) for c in chain.canvases]
    targets += [
        Target(CommentTarget.CANVAS_ITEM, i.id, f"{tr(f'canvas.kind.{i.kind.value}')}: {i.text}") for i in chain.items
    ]
    targets += [Target(CommentTarget.KPI, k.id, k.name) for k in chain.kpis]
    comment_box(token, chain, "canvases", targets)
    st.subheader(f"🖊️ {tr('review.decide.title')}", anchor="decide")
    with st.container(border=True, key="review_decision"):
        decision_panel(token, chain)


def follow_pain(chain: WorkshopChain) -> None:
    """One pain from what the persona felt to the KPI that will prove it gone."""
    st.header(f"🔎 {tr('review.follow.title')}", anchor="follow")
    graph = chain_graph(chain)
    pains = {n.id: n.label for n in graph.nodes.values() if n.layer == Layer.PAIN}
    if not pains:
        st.caption(tr("review.follow.none"))
        return
    focus = st.selectbox(tr("review.follow.pick"), list(pains), key="review_follow_pain", format_func=pains.get)
    shown = graph.through(focus)
    layers = [layer for layer in LAYERS if any(n.layer == layer for n in shown.nodes.values())]
    with st.container(border=True, key="review_follow_path"):
        for col, layer in zip(st.columns(len(layers)), layers, strict=True):
            col.markdown(f"**{LAYER_ICONS[layer]} {tr(f'chain.layer.{layer}')}**")
            for node in (n for n in shown.nodes.values() if n.layer == layer):
                col.markdown(f"• {web.md(node.label)}")


def health(chain: WorkshopChain) -> None:
    """The chain against the five pitfalls: a pass or a warning each, with the items at fault."""
    st.header(f"🩺 {tr('review.health.title')}", anchor="health")
    views = pitfall_views(chain_health(chain))
    for col, view in zip(st.columns(len(views)), views, strict=True):
        with col, st.container(border=True, key=f"review_pitfall_{view.pitfall.value}"):
            st.markdown(f"**{'✅' if view.ok else '⚠️'} {PITFALL_ICONS[view.pitfall]} {tr(view.title_key)}**")
            if view.ok:
                st.caption(tr("chain.pitfall.ok"))
            else:
                st.caption(tr("chain.pitfall.faults", count=view.fault_count))
                labels = [f.label for check in view.checks for f in check.result.faults if f.label][:3]
                st.markdown("  \n".join(f"• {web.md(label)}" for label in labels))


def contents() -> None:
    sections = ("promise", "personas", "empathy", "journeys", "canvases", "follow", "health")
    st.markdown(" · ".join(f"[{tr(f'review.toc.{s}')}](#{s})" for s in sections))
