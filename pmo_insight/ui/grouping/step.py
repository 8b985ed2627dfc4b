"""The group step on the empathy screen: suggest groups for a quadrant, accept or reject each, undo
the whole step, merge near-duplicates, and manage groups without dragging (WCAG 2.5.7).

Every control is a button or a picker: a note joins or leaves a group through its "move to group"
picker, never by drag and drop. Each write goes through ``web.call`` quoting the versions the
screen showed, so a colleague's regrouping in between is reported, not overwritten. User text is
shown through ``web.md`` only.
"""

from __future__ import annotations

import streamlit as st

from pmo_insight import web
from pmo_insight.domain.chain import WorkshopChain
from pmo_insight.domain.refs import Ref
from pmo_insight.grouping import carry
from pmo_insight.grouping import services as svc
from pmo_insight.grouping.ranking import KEY_PAINS, PAIN_QUADRANTS, BoardItem, ranked_items
from pmo_insight.grouping.suggest import NoteGrouper
from pmo_insight.models import NAME_MAX, Quadrant, RefKind
from pmo_insight.ui.common.group_pickers import chosen, titles_tag

QUADRANT_KEY, COUNT_KEY = "group_quadrant", "group_count"
PROPOSALS_KEY, STEP_KEY = "_group_proposals", "_group_step"
ON_KEY = "group_step_on"
NO_GROUP = 0


def group_step_toggle() -> bool:
    """The switch between the board and the group step."""
    return st.toggle(f"🧩 {web.tr('grouping.step')}", key=ON_KEY)


def group_step(chain: WorkshopChain, map_id: int) -> None:
    tr = web.tr
    notes = chain.notes_of(map_id)
    counts = {q: sum(Quadrant(n.quadrant) == q for n in notes) for q in Quadrant}
    quadrant_col, count_col, suggest_col = st.columns([3, 2, 2], vertical_alignment="bottom")
    quadrant = quadrant_col.selectbox(
        tr("field.quadrant"),
        list(Quadrant),
        index=list(Quadrant).index(Quadrant.PAINS),
        format_func=lambda q: f"{tr(f'empathy.quadrant.{q.value}')} ({counts[q]})",
        key=QUADRANT_KEY,
    )
    loose = counts[quadrant]
    wanted = count_col.number_input(
        tr("grouping.how_many"),
        min_value=1,
        max_value=max(1, loose),
        value=max(1, min(loose, NoteGrouper().default_groups(max(1, loose)))),
        step=1,
        key=f"{COUNT_KEY}_{map_id}_{quadrant.value}",
        help=tr("grouping.how_many_help"),
    )
    if suggest_col.button(f"💡 {tr('grouping.suggest')}", key="group_suggest", type="primary", disabled=loose == 0):
        suggestion = web.call(svc.suggest_groups, map_id=map_id, quadrant=quadrant, n_groups=int(wanted))
        if suggestion is not None:
            st.session_state[PROPOSALS_KEY] = {
                "map_id": map_id,
                "quadrant": quadrant.value,
                "groups": [(p.title, list(p.note_ids)) for p in suggestion.new if len(p.note_ids) > 1],
                "duplicates": [list(d) for d in suggestion.duplicates],
            }
            st.rerun()
    texts = {n.id: n.text for n in notes}
    _proposals(map_id, quadrant, texts)
    _undo(map_id)
    _groups(chain, map_id, quadrant)
    _ranking(chain, map_id, quadrant)


def _proposals(map_id: int, quadrant: Quadrant, texts: dict[int, str]) -> None:
    tr = web.tr
    pending = st.session_state.get(PROPOSALS_KEY)
    if not pending or pending["map_id"] != map_id or pending["quadrant"] != quadrant.value:
        return
    groups = [(t, ids) for t, ids in pending["groups"] if all(i in texts for i in ids)]
    duplicates = [d for d in pending["duplicates"] if all(i in texts for i in d)]
    if not groups and not duplicates:
        st.info(tr("grouping.nothing_to_suggest"), icon="ℹ️")
    for title, note_ids in groups:
        # keyed by the proposal's first note, not its place: accepting one must not hand its title
        # (a widget's state) to the proposal that moves up into its place
        tag = min(note_ids)
        with st.container(border=True, key=f"proposal_{tag}"):
            name = st.text_input(tr("grouping.title"), value=title, max_chars=NAME_MAX, key=f"proposal_title_{tag}")
            for note_id in note_ids:
                st.markdown(f"- {web.md(texts[note_id])}")
            accept_col, reject_col = st.columns(2)
            if accept_col.button(f"✅ {tr('grouping.accept')}", key=f"proposal_accept_{tag}", type="primary"):
                created = web.call(svc.create_group, map_id=map_id, quadrant=quadrant, title=name, note_ids=note_ids)
                if created is not None:
                    st.session_state.setdefault(STEP_KEY, {}).setdefault(str(map_id), {})[created.id] = created.version
                    _drop(pending, note_ids)
                    st.rerun()
            if reject_col.button(f"✖️ {tr('grouping.reject')}", key=f"proposal_reject_{tag}"):
                _drop(pending, note_ids)
                st.rerun()
    for a, b in duplicates:
        with st.container(border=True, key=f"duplicate_{a}_{b}"):
            st.caption(tr("grouping.duplicate_explain"))
            st.markdown(f"1. {web.md(texts[a])}\n2. {web.md(texts[b])}")
            if st.button(f"🔗 {tr('grouping.merge_duplicates')}", key=f"merge_duplicate_{a}_{b}"):
                merged = web.call(
                    svc.merge_duplicates,
                    keep_note_id=a,
                    other_note_id=b,
                    title=texts[a][:NAME_MAX],
                    versions=_versions_shown(),
                )
                if merged is not None:
                    pending["duplicates"] = [d for d in pending["duplicates"] if d != [a, b]]
                    st.rerun()


def _drop(pending: dict, note_ids: list[int]) -> None:
    pending["groups"] = [g for g in pending["groups"] if list(g[1]) != list(note_ids)]


def _versions_shown() -> dict[int, int]:
    return st.session_state.get("_group_versions", {})


def _undo(map_id: int) -> None:
    step = st.session_state.get(STEP_KEY, {}).get(str(map_id), {})
    if not step:
        return
    if st.button(f"↩️ {web.tr('grouping.undo', count=len(step))}", key="group_undo"):
        if web.call(svc.undo_step, versions=dict(step)) is not None:
            st.session_state[STEP_KEY][str(map_id)] = {}
            st.rerun()


def _groups(chain: WorkshopChain, map_id: int, quadrant: Quadrant) -> None:
    tr = web.tr
    groups = [g for g in chain.groups_of(map_id) if Quadrant(g.quadrant) == quadrant]
    st.session_state["_group_versions"] = {g.id: web.seen_version(f"group:{g.id}", g.version) for g in groups}
    if not groups:
        return
    st.subheader(tr("grouping.groups"))
    titles = {g.id: g.title for g in groups}
    tag = titles_tag(titles)
    notes = [n for n in chain.notes_of(map_id) if Quadrant(n.quadrant) == quadrant]
    in_group = {m.note_id: g.id for g in groups for m in chain.members_of(g.id)}
    for group in groups:
        version = web.seen_version(f"group:{group.id}", group.version)
        with st.container(border=True, key=f"group_{group.id}"):
            title_col, save_col, ungroup_col = st.columns([5, 1, 1], vertical_alignment="bottom")
            title = title_col.text_input(
                tr("grouping.title"), value=group.title, max_chars=NAME_MAX, key=f"group_title_{group.id}"
            )
            if save_col.button(tr("common.save"), key=f"group_rename_{group.id}"):
                if web.call(
                    svc.rename_group,
                    seen_key=f"group:{group.id}",
                    group_id=group.id,
                    expected_version=version,
                    title=title,
                ):
                    web.forget_seen(f"group:{group.id}")
                    st.rerun()
            if ungroup_col.button(tr("grouping.ungroup"), key=f"group_ungroup_{group.id}"):
                if web.attempt(svc.ungroup, seen_key=f"group:{group.id}", group_id=group.id, expected_version=version):
                    st.rerun()
            for member in chain.members_of(group.id):
                st.markdown(f"- {web.md(chain.label(_note_ref(member.note_id)))}")
            others = [g.id for g in groups if g.id != group.id]
            if others:
                into_col, merge_col = st.columns([5, 2], vertical_alignment="bottom")
                other = into_col.selectbox(
                    tr("grouping.merge_with"), others, format_func=titles.get, key=f"group_merge_pick_{group.id}_{tag}"
                )
                if merge_col.button(tr("grouping.merge"), key=f"group_merge_{group.id}") and chosen(other, others):
                    if web.call(
                        svc.merge_groups,
                        into_id=group.id,
                        into_version=version,
                        other_id=other,
                        other_version=web.seen_version(
                            f"group:{other}", next(g.version for g in groups if g.id == other)
                        ),
                    ):
                        web.forget_seen(f"group:{group.id}")
                        st.rerun()
    with st.expander(f"↔️ {tr('grouping.move_notes')}", expanded=False):
        options = [NO_GROUP, *titles]
        for note in notes:
            current = in_group.get(note.id, NO_GROUP)
            st.selectbox(
                web.md(note.text),
                options,
                index=options.index(current),
                format_func=lambda gid: titles.get(gid, tr("grouping.no_group")),
                # the note's group in the key: a picker drawn for another membership never replays
                key=f"move_to_group_{note.id}_{current}_{tag}",
                on_change=_move,
                args=(note.id, current, tag, tuple(options)),
            )


def _note_ref(note_id: int) -> Ref:
    return Ref(RefKind.EMPATHY_NOTE, note_id)


def _move(note_id: int, current: int, tag: str, options: tuple[int, ...]) -> None:
    target = chosen(st.session_state[f"move_to_group_{note_id}_{current}_{tag}"], options)
    if target is None or target == current:
        return
    versions = _versions_shown()
    web.call(
        svc.move_note_to_group,
        note_id=note_id,
        group_id=target or None,
        from_version=versions.get(current) if current else None,
        to_version=versions.get(target) if target else None,
    )
    for gid in (current, target):
        if gid:
            web.forget_seen(f"group:{gid}")


def _ranking(chain: WorkshopChain, map_id: int, quadrant: Quadrant) -> None:
    tr = web.tr
    items = ranked_items(chain, map_id=map_id, quadrant=quadrant)
    if not items:
        return
    st.subheader(tr("grouping.ranking"))
    canvases = [c for c in chain.canvases if c.persona_id == next(m.persona_id for m in chain.maps if m.id == map_id)]
    for rank, item in enumerate(items, start=1):
        _ranked_row(rank, item, canvases, quadrant in PAIN_QUADRANTS and rank <= KEY_PAINS)


def _ranked_row(rank: int, item: BoardItem, canvases: list, carriable: bool) -> None:
    tr = web.tr
    text_col, dots_col, carry_col = st.columns([6, 2, 2], vertical_alignment="center")
    badge = "🧩 " if item.is_group else ""
    text_col.markdown(f"**{rank}.** {badge}{web.md(item.title)}")
    dots_col.caption(tr("grouping.dots", dots=item.dots, voters=item.voters, notes=len(item.note_ids)))
    if (
        carriable
        and item.is_group
        and carry_col.button(f"🎯 {tr('grouping.carry')}", key=f"group_carry_{item.group.id}")
    ):
        created = web.call(
            carry.carry_group,
            group_id=item.group.id,
            canvas_id=canvases[0].id if canvases else None,
            new_canvas_title=tr("grouping.new_canvas"),
        )
        if created is not None:
            web.flash(tr("grouping.carried", title=web.md(item.title), count=len(item.note_ids)))
            st.rerun()
