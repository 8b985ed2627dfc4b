"""Read-outs of a journey under its grid: the emotion curve, persona comparison, the stage map,
the opportunity matrix with its quick wins, and the key pains ready to carry into the canvas."""

from __future__ import annotations

from collections.abc import Sequence
from statistics import mean

import streamlit as st

from pmo_insight import web
from pmo_insight.charts.cache import chart_spec
from pmo_insight.charts.emotion import compare_curves, curve_frame, curve_summary, emotion_curve
from pmo_insight.charts.opportunity import opportunity_matrix
from pmo_insight.domain.chain import WorkshopChain
from pmo_insight.domain.health import MAX_KEY_PAINS
from pmo_insight.domain.journey_analysis import (
    aligned_stage_emotions,
    experience_breaks,
    journey_order,
    opportunities,
    shared_stage_count,
    stage_emotions,
)
from pmo_insight.domain.refs import Ref
from pmo_insight.grouping.pains import carry as pain_carry
from pmo_insight.grouping.pains.board import key_pain_items
from pmo_insight.grouping.pains.models import PainGroup
from pmo_insight.models import Journey, JourneyStage, RefKind, Touchpoint
from pmo_insight.services import journeys as svc
from pmo_insight.ui.journey.touchpoint_cards import open_dialog, stage_cards

#: Persona comparison: the current journey plus up to four others.
MAX_COMPARED = 5
FACES = ((-2, "😫"), (-1, "🙁"), (0.5, "😐"), (1.5, "🙂"), (9, "😀"))


def face(emotion: float) -> str:
    return next(icon for limit, icon in FACES if emotion <= limit)


def emotion_section(stages: Sequence[JourneyStage], touchpoints: Sequence[Touchpoint]) -> None:
    st.subheader(f"📈 {web.tr('journey.curve.title')}")
    if not touchpoints:
        st.info(web.tr("journey.curve.empty"), icon="✏️")
        return
    st.caption(curve_summary(curve_frame(stages, touchpoints), web.lang()))  # the chart's text alternative
    st.vega_lite_chart(chart_spec(emotion_curve, stages, touchpoints, lang=web.lang()), width="stretch", theme=None)
    breaks = experience_breaks(journey_order(stages, touchpoints))
    if breaks:
        names = "; ".join(f"**{web.md(tp.name)}** ({tp.emotion_now:+d})" for tp in breaks)
        st.markdown(f"⚡ {web.tr('journey.curve.breaks')} {names}")
    else:
        st.caption(web.tr("journey.curve.no_breaks"))


def compare_section(chain: WorkshopChain, journey: Journey) -> None:
    # Built only while open: a closed comparison costs the screen nothing.
    box = st.expander(f"👥 {web.tr('journey.compare.title')}", key="journey_compare", on_change="rerun")
    if not box.open:
        return
    stages = chain.stages_of(journey.id)
    personas = {p.id: p.name for p in chain.personas}
    others = [j for j in chain.journeys if j.id != journey.id and shared_stage_count(stages, chain.stages_of(j.id)) > 0]
    with box:
        if not others:
            st.caption(web.tr("journey.compare.none"))
            return
        chosen = st.multiselect(
            web.tr("journey.compare.pick", count=MAX_COMPARED - 1),
            [j.id for j in others],
            format_func=lambda jid: next(
                f"{personas.get(j.persona_id, '')} · {j.scenario}" for j in others if j.id == jid
            ),
            max_selections=MAX_COMPARED - 1,
            key=f"compare_{journey.id}",
            placeholder=web.tr("library.choose_options"),
        )
        label = f"{personas.get(journey.persona_id, '')} · {journey.scenario}"
        series = [(label, stage_emotions(stages, chain.touchpoints_of(journey.id)))]
        for jid in chosen:
            other = next(j for j in others if j.id == jid)
            emotions = aligned_stage_emotions(stages, chain.stages_of(jid), chain.touchpoints_of(jid))
            series.append((f"{personas.get(other.persona_id, '')} · {other.scenario}", emotions))
        order = [s.name for s in stages]
        st.vega_lite_chart(
            chart_spec(compare_curves, series, stage_order=order, lang=web.lang()), width="stretch", theme=None
        )


def stage_map(stages: Sequence[JourneyStage], touchpoints: Sequence[Touchpoint], *, locked: bool = False) -> None:
    """The familiar journey map: one column per stage, one row per kind of content; touchpoints are
    cards that open their editor, and each stage adds one with "➕". No heading of its own: the Map tab
    names it, so the map starts higher on a 1280×720 projector."""
    if not stages:
        return
    st.caption(web.tr("journey.card.locked") if locked else web.tr("journey.card.hint"))
    by_stage = {s.id: [tp for tp in journey_order(stages, touchpoints) if tp.stage_id == s.id] for s in stages}
    widths = [1.8] + [2] * len(stages)  # the row names ("Opportunities") whole at 1280
    with st.container(border=True, key="journey_map"):
        head = st.columns(widths)
        head[0].markdown(f"**{web.tr('field.stage_id')}**")
        for col, stage in zip(head[1:], stages, strict=True):
            tps = by_stage[stage.id]
            mood = f" {face(mean(tp.emotion_now for tp in tps))}" if tps else ""
            col.markdown(f"#### {web.md(stage.name)}{mood}")
        cards = st.columns(widths)
        cards[0].markdown(f"**{web.tr('journey.map.touchpoints')}**")
        for col, stage in zip(cards[1:], stages, strict=True):
            with col:
                stage_cards(stage, by_stage[stage.id], stages, locked=locked)
        for row_key, field in (
            ("actions", "action"),
            ("pains", "pain_point"),
            ("opportunities", "opportunity"),
        ):
            cells = st.columns(widths)
            cells[0].markdown(f"**{web.tr(f'journey.map.{row_key}')}**")
            for col, stage in zip(cells[1:], stages, strict=True):
                items = [getattr(tp, field) for tp in by_stage[stage.id] if getattr(tp, field)]
                marker = "🔴 " if field == "pain_point" else "💡 " if field == "opportunity" else "• "
                col.markdown("  \n".join(marker + web.md(text) for text in items) or "—")
    if not locked:
        open_dialog(stages, touchpoints)


def opportunity_section(touchpoints: Sequence[Touchpoint], stages: Sequence[JourneyStage]) -> None:
    st.subheader(f"🚀 {web.tr('journey.opportunities.title')}")
    ranked = opportunities(journey_order(stages, touchpoints))
    if not ranked:
        st.info(web.tr("journey.opportunities.empty"), icon="💡")
        return
    chart_col, list_col = st.columns([3, 2])
    chart_col.vega_lite_chart(chart_spec(opportunity_matrix, ranked, lang=web.lang()), width="stretch", theme=None)
    with list_col:
        wins = [(n, tp) for n, (tp, quadrant) in enumerate(ranked, start=1) if quadrant == "quick_win"]
        st.markdown(f"#### ⚡ {web.tr('journey.opportunities.quick_wins', count=len(wins))}")
        st.caption(web.tr("journey.opportunities.advice"))
        for number, tp in wins:
            st.markdown(
                f"**{number}. {web.md(tp.opportunity)}**  \n{web.md(tp.name)} · "
                f"{web.tr('field.impact')} {tp.impact} · {web.tr('field.effort')} {tp.effort}"
                + (f" · {web.md(tp.owner)}" if tp.owner else "")
            )
        if not wins:
            st.caption(web.tr("journey.opportunities.no_quick_wins"))
        rest = [(n, tp, q) for n, (tp, q) in enumerate(ranked, start=1) if q != "quick_win"]
        if rest:
            st.markdown(f"**{web.tr('journey.opportunities.others')}**")
            st.markdown(
                "  \n".join(f"{n}. {web.md(tp.opportunity)} · *{web.tr(f'journey.quadrant.{q}')}*" for n, tp, q in rest)
            )


def key_pains_section(chain: WorkshopChain, journey: Journey) -> None:
    """The focused 3-5 key pains, each carried into the persona's canvas with a trace link."""
    st.subheader(f"🔑 {web.tr('journey.key_pains.title')}")
    keys = [tp for tp in chain.touchpoints_of(journey.id) if tp.is_key_pain]
    counted = len(key_pain_items(chain, journey_id=journey.id))  # a pain group counts once
    if counted > MAX_KEY_PAINS:
        st.warning(web.tr("journey.key_pains.too_many", count=counted), icon="🎯")
    if not keys:
        st.caption(web.tr("journey.key_pains.empty"))
        return
    items = {i.id for i in chain.items}
    persona = next((p.name for p in chain.personas if p.id == journey.persona_id), "")
    title = web.tr("journey.key_pains.canvas_title", persona=persona)
    group_of = {m.touchpoint_id: g for g in chain.pain_groups_of(journey.id) for m in chain.pain_members_of(g.id)}
    shown: set[int] = set()
    for tp in keys:
        group = group_of.get(tp.id)
        if group is None:
            _key_pain_row(chain, tp, items, title)
        elif group.id not in shown:  # a pain group is one key pain, shown and carried once
            shown.add(group.id)
            members = [t for t in chain.touchpoints_of(journey.id) if group_of.get(t.id) is group]
            _key_group_row(chain, group, members, items, title)


def _carried_into(chain: WorkshopChain, touchpoint_ids: list[int], items: set[int]) -> bool:
    """Some canvas item is traced from every one of these touchpoints."""
    targets = [
        {
            r.id
            for r in chain.traced_targets(Ref(RefKind.TOUCHPOINT, i))
            if r.kind == RefKind.CANVAS_ITEM and r.id in items
        }
        for i in touchpoint_ids
    ]
    return bool(targets) and bool(set.intersection(*targets))


def _key_pain_row(chain: WorkshopChain, tp: Touchpoint, items: set[int], title: str) -> None:
    ref = Ref(RefKind.TOUCHPOINT, tp.id)
    from_notes = [r for r in chain.traced_sources(ref) if r.kind == RefKind.EMPATHY_NOTE]
    text_col, action_col = st.columns([4, 1], vertical_alignment="center")
    text_col.markdown(f"**{web.md(tp.pain_point or tp.name)}**  \n{web.md(tp.name)} · {tp.emotion_now:+d}")
    if from_notes:
        text_col.caption("🧠 " + " · ".join(web.md(chain.label(r)) for r in from_notes[:2]))
    if _carried_into(chain, [tp.id], items):
        action_col.markdown(f"✅ {web.tr('journey.key_pains.carried')}")
    elif action_col.button(f"➡️ {web.tr('journey.key_pains.carry')}", key=f"carry_{tp.id}"):
        if web.call(svc.carry_key_pain, touchpoint_id=tp.id, canvas_title=title) is not None:
            web.flash(web.tr("journey.key_pains.carried_done", pain=web.md(tp.pain_point or tp.name)))
            st.rerun()


def _key_group_row(
    chain: WorkshopChain, group: PainGroup, members: list[Touchpoint], items: set[int], title: str
) -> None:
    text_col, action_col = st.columns([4, 1], vertical_alignment="center")
    worst = min(t.emotion_now for t in members)
    names = " · ".join(web.md(t.name) for t in members)
    text_col.markdown(f"🧩 **{web.md(group.title)}**  \n{names} · {worst:+d}")
    if _carried_into(chain, [t.id for t in members], items):
        action_col.markdown(f"✅ {web.tr('journey.key_pains.carried')}")
    elif action_col.button(f"➡️ {web.tr('journey.key_pains.carry')}", key=f"carry_group_{group.id}"):
        if web.call(pain_carry.carry_pain_group, group_id=group.id, canvas_title=title) is not None:
            web.flash(web.tr("journey.key_pains.carried_done", pain=web.md(group.title)))
            st.rerun()
