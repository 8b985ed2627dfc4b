"""The journey's group step: the touchpoints' pains grouped into the few the room names, ranked,
marked key and carried into the canvas as one pain each, with every touchpoint behind it.

Suggest groups (offline, both languages: the board's own method), accept or reject each proposal,
undo the whole step, merge near-duplicate pains, rename, merge and ungroup groups, and move a pain
in or out of a group through a picker (no dragging: WCAG 2.5.7). Each write goes through
``web.call`` quoting the versions the screen showed, so a colleague's regrouping in between is
reported, not overwritten. User text is shown through ``web.md`` only.
"""

from __future__ import annotations

import streamlit as st

from pmo_insight import web
from pmo_insight.domain.chain import WorkshopChain
from pmo_insight.domain.health import MAX_KEY_PAINS
from pmo_insight.grouping.pains import carry
from pmo_insight.grouping.pains import services as svc
from pmo_insight.grouping.pains.board import PainItem, key_pain_items, ranked_pains
from pmo_insight.grouping.pains.proposals import CJK_NGRAMS, OTHER_NGRAMS, PAIN_MAX_DISTANCE
from pmo_insight.grouping.suggest import DUPLICATE_THRESHOLD, NoteGrouper
from pmo_insight.models import NAME_MAX, Journey
from pmo_insight.ui.common.group_pickers import chosen, titles_tag

PROPOSALS_KEY, STEP_KEY, VERSIONS_KEY = "_pain_proposals", "_pain_step", "_pain_group_versions"
NO_GROUP = 0


def _pains(chain: WorkshopChain, journey_id: int) -> list:
    return [t for t in chain.touchpoints_of(journey_id) if (t.pain_point or "").strip()]


def pain_group_section(chain: WorkshopChain, journey: Journey) -> None:
    """The expander holding the journey's group step (open while a suggestion waits)."""
    pains = _pains(chain, journey.id)
    groups = chain.pain_groups_of(journey.id)
    pending = st.session_state.get(PROPOSALS_KEY)
    label = f"🧩 {web.tr('pain_groups.step', pains=len(pains), groups=len(groups))}"
    with st.expander(label, expanded=bool(pending and pending.get("journey_id") == journey.id)):
        if not pains:
            st.caption(web.tr("pain_groups.no_pains"))
            return
        _suggest(chain, journey.id, pains)
        _proposals(journey.id, {t.id: t for t in pains})
        _undo(journey.id)
        _groups(chain, journey.id, pains)
        _ranking(chain, journey)


def _suggest(chain: WorkshopChain, journey_id: int, pains: list) -> None:
    tr = web.tr
    grouped = {m.touchpoint_id for g in chain.pain_groups_of(journey_id) for m in chain.pain_members_of(g.id)}
    loose = sum(t.id not in grouped for t in pains)
    grouper = NoteGrouper()
    (low, high), (low_other, high_other) = CJK_NGRAMS, OTHER_NGRAMS
    st.caption(
        tr(
            "pain_groups.method",
            low=low,
            high=high,
            low_other=low_other,
            high_other=high_other,
            threshold=f"{DUPLICATE_THRESHOLD:g}",
            max_distance=f"{PAIN_MAX_DISTANCE:g}",
        )
    )
    count_col, suggest_col = st.columns([2, 2], vertical_alignment="bottom")
    wanted = count_col.number_input(
        tr("pain_groups.how_many"),
        min_value=1,
        max_value=max(1, len(pains)),
        value=max(1, min(len(pains), grouper.default_groups(max(1, len(pains))))),
        step=1,
        key=f"pain_group_count_{journey_id}",
        help=tr("pain_groups.how_many_help"),
    )
    if suggest_col.button(
        f"💡 {tr('pain_groups.suggest')}", key="pain_group_suggest", type="primary", disabled=loose == 0
    ):
        suggestion = web.call(svc.suggest_pain_groups, journey_id=journey_id, n_groups=int(wanted))
        if suggestion is not None:
            st.session_state[PROPOSALS_KEY] = {
                "journey_id": journey_id,
                "groups": [(p.title, list(p.note_ids)) for p in suggestion.new if len(p.note_ids) > 1],
                "duplicates": [list(d) for d in suggestion.duplicates],
            }
            st.rerun()


def _pain_line(touchpoint) -> str:
    return f"- {web.md(touchpoint.pain_point)} · _{web.md(touchpoint.name)}_"


def _proposals(journey_id: int, pains: dict[int, object]) -> None:
    tr = web.tr
    pending = st.session_state.get(PROPOSALS_KEY)
    if not pending or pending["journey_id"] != journey_id:
        return
    groups = [(t, ids) for t, ids in pending["groups"] if all(i in pains for i in ids)]
    duplicates = [d for d in pending["duplicates"] if all(i in pains for i in d)]
    if not groups and not duplicates:
        st.info(tr("pain_groups.nothing_to_suggest"), icon="ℹ️")
    for title, ids in groups:
        tag = min(ids)  # keyed by the proposal's first pain: an accepted one never hands its title on
        with st.container(border=True, key=f"pain_proposal_{tag}"):
            name = st.text_input(
                tr("pain_groups.title"), value=title, max_chars=NAME_MAX, key=f"pain_proposal_title_{tag}"
            )
            st.markdown("\n".join(_pain_line(pains[i]) for i in ids))
            accept_col, reject_col = st.columns(2)
            if accept_col.button(f"✅ {tr('pain_groups.accept')}", key=f"pain_proposal_accept_{tag}", type="primary"):
                created = web.call(svc.create_pain_group, journey_id=journey_id, title=name, touchpoint_ids=ids)
                if created is not None:
                    st.session_state.setdefault(STEP_KEY, {}).setdefault(str(journey_id), {})[created.id] = (
                        created.version
                    )
                    _drop(pending, ids)
                    st.rerun()
            if reject_col.button(f"✖️ {tr('pain_groups.reject')}", key=f"pain_proposal_reject_{tag}"):
                _drop(pending, ids)
                st.rerun()
    for a, b in duplicates:
        with st.container(border=True, key=f"pain_duplicate_{a}_{b}"):
            st.caption(tr("pain_groups.duplicate_explain"))
            st.markdown("\n".join(_pain_line(pains[i]) for i in (a, b)))
            if st.button(f"🔗 {tr('pain_groups.merge_duplicates')}", key=f"pain_merge_duplicate_{a}_{b}"):
                merged = web.call(
                    svc.merge_duplicate_pains,
                    keep_id=a,
                    other_id=b,
                    title=pains[a].pain_point[:NAME_MAX],
                    versions=st.session_state.get(VERSIONS_KEY, {}),
                )
                if merged is not None:
                    pending["duplicates"] = [d for d in pending["duplicates"] if d != [a, b]]
                    st.rerun()


def _drop(pending: dict, ids: list[int]) -> None:
    pending["groups"] = [g for g in pending["groups"] if list(g[1]) != list(ids)]


def _undo(journey_id: int) -> None:
    step = st.session_state.get(STEP_KEY, {}).get(str(journey_id), {})
    if step and st.button(f"↩️ {web.tr('pain_groups.undo', count=len(step))}", key="pain_group_undo"):
        if web.call(svc.undo_pain_step, versions=dict(step)) is not None:
            st.session_state[STEP_KEY][str(journey_id)] = {}
            st.rerun()


def _groups(chain: WorkshopChain, journey_id: int, pains: list) -> None:
    tr = web.tr
    groups = chain.pain_groups_of(journey_id)
    st.session_state[VERSIONS_KEY] = {g.id: web.seen_version(f"pain_group:{g.id}", g.version) for g in groups}
    titles = {g.id: g.title for g in groups}
    tag = titles_tag(titles)
    by_id = {t.id: t for t in pains}
    in_group = {m.touchpoint_id: g.id for g in groups for m in chain.pain_members_of(g.id)}
    if groups:
        st.markdown(f"**{tr('pain_groups.groups')}**")
    for group in groups:
        version = web.seen_version(f"pain_group:{group.id}", group.version)
        with st.container(border=True, key=f"pain_group_{group.id}"):
            title_col, save_col, ungroup_col = st.columns([5, 1.2, 1.4], vertical_alignment="bottom")
            title = title_col.text_input(
                tr("pain_groups.title"), value=group.title, max_chars=NAME_MAX, key=f"pain_group_title_{group.id}"
            )
            if save_col.button(tr("common.save"), key=f"pain_group_rename_{group.id}"):
                if web.call(
                    svc.rename_pain_group,
                    seen_key=f"pain_group:{group.id}",
                    group_id=group.id,
                    expected_version=version,
                    title=title,
                ):
                    web.forget_seen(f"pain_group:{group.id}")
                    st.rerun()
            if ungroup_col.button(tr("pain_groups.ungroup"), key=f"pain_group_ungroup_{group.id}"):
                if web.attempt(
                    svc.ungroup_pains, seen_key=f"pain_group:{group.id}", group_id=group.id, expected_version=version
                ):
                    st.rerun()
            members = [by_id[m.touchpoint_id] for m in chain.pain_members_of(group.id) if m.touchpoint_id in by_id]
            if members:
                st.markdown("\n".join(_pain_line(t) for t in members))
            else:
                st.caption(tr("pain_groups.empty"))
            others = [g.id for g in groups if g.id != group.id]
            if others:
                into_col, merge_col = st.columns([5, 2], vertical_alignment="bottom")
                other = into_col.selectbox(
                    tr("pain_groups.merge_with"),
                    others,
                    format_func=titles.get,
                    key=f"pain_group_merge_pick_{group.id}_{tag}",
                )
                if merge_col.button(tr("pain_groups.merge"), key=f"pain_group_merge_{group.id}") and chosen(
                    other, others
                ):
                    if web.call(
                        svc.merge_pain_groups,
                        into_id=group.id,
                        into_version=version,
                        other_id=other,
                        other_version=web.seen_version(
                            f"pain_group:{other}", next(g.version for g in groups if g.id == other)
                        ),
                    ):
                        web.forget_seen(f"pain_group:{group.id}")
                        st.rerun()
    with st.expander(f"↔️ {tr('pain_groups.move')}", expanded=False):
        options = [NO_GROUP, *titles]
        # the label made now, in this run's language (a picker's value may be formatted after the run)
        no_group = tr("pain_groups.no_group")
        for touchpoint in pains:
            current = in_group.get(touchpoint.id, NO_GROUP)
            st.selectbox(
                f"{web.md(touchpoint.pain_point)} · {web.md(touchpoint.name)}",
                options,
                index=options.index(current),
                format_func=lambda gid: titles.get(gid, no_group),
                # the touchpoint's group in the key: a picker drawn for another membership never replays
                key=f"move_pain_{touchpoint.id}_{current}_{tag}",
                on_change=_move,
                args=(touchpoint.id, current, tag, tuple(options)),
            )


def _move(touchpoint_id: int, current: int, tag: str, options: tuple[int, ...]) -> None:
    target = chosen(st.session_state[f"move_pain_{touchpoint_id}_{current}_{tag}"], options)
    if target is None or target == current:
        return
    versions = st.session_state.get(VERSIONS_KEY, {})
    web.call(
        svc.move_pain_to_group,
        touchpoint_id=touchpoint_id,
        group_id=target or None,
        from_version=versions.get(current) if current else None,
        to_version=versions.get(target) if target else None,
    )
    for gid in (current, target):
        if gid:
            web.forget_seen(f"pain_group:{gid}")


def _ranking(chain: WorkshopChain, journey: Journey) -> None:
    tr = web.tr
    items = ranked_pains(chain, journey_id=journey.id)
    if not any(i.is_group for i in items):
        return
    st.markdown(f"**{tr('pain_groups.ranking')}**")
    st.caption(tr("pain_groups.ranking_method"))
    keys = len(key_pain_items(chain, journey_id=journey.id))
    if keys > MAX_KEY_PAINS:
        st.warning(tr("pain_groups.too_many_keys", count=keys), icon="🎯")
    persona = next((p.name for p in chain.personas if p.id == journey.persona_id), "")
    for rank, item in enumerate(items, start=1):
        _ranked_row(rank, item, persona)


def _ranked_row(rank: int, item: PainItem, persona: str) -> None:
    tr = web.tr
    text_col, facts_col, key_col, carry_col = st.columns([4, 2.6, 1.7, 2], vertical_alignment="center")
    badge = "🧩 " if item.is_group else ""
    star = " 🔑" if item.is_key else ""
    text_col.markdown(f"**{rank}.** {badge}{web.md(item.title)}{star}")
    worst = "–" if item.worst_emotion is None else f"{item.worst_emotion:+d}"
    facts_col.caption(
        tr(
            "pain_groups.facts",
            touchpoints=len(item.touchpoint_ids),
            stages=item.stages,
            emotion=worst,
            impact=item.impact or "–",
        )
    )
    if not item.is_group:
        return
    group = item.group
    version = web.seen_version(f"pain_group:{group.id}", group.version)
    label = tr("pain_groups.unmark_key") if item.is_key else tr("pain_groups.mark_key")
    if key_col.button(label, key=f"pain_group_key_{group.id}"):
        marked = web.call(
            svc.mark_group_key_pain,
            seen_key=f"pain_group:{group.id}",
            group_id=group.id,
            expected_version=version,
            key=not item.is_key,
        )
        if marked is not None:
            web.forget_seen(f"pain_group:{group.id}")
            if marked.focus_lost:
                web.flash(tr("pain_groups.too_many_keys", count=marked.key_pains))
            st.rerun()
    if carry_col.button(f"🎯 {tr('pain_groups.carry')}", key=f"pain_group_carry_{group.id}"):
        created = web.call(
            carry.carry_pain_group,
            group_id=group.id,
            canvas_title=tr("journey.key_pains.canvas_title", persona=persona),
        )
        if created is not None:
            web.flash(tr("pain_groups.carried", title=web.md(item.title), count=len(item.touchpoint_ids)))
            st.rerun()
