"""The empathy-map board: the persona in the centre, Says / Thinks / Does / Feels around it,
Pains and Gains below, and sticky notes big enough to read from the back of the room.

Notes are Streamlit containers styled by their key (``st-key-sticky_<quadrant>_<id>``), and their
text goes through ``web.md``: the board never builds HTML from user text, so typed markup can
only ever be shown as text. Each quadrant has its own entry box at its top: click (or Tab) into
the quadrant, type, press Enter, type the next. The box is a ``st.chat_input`` whose submit
callback stores the note before the page reruns: the browser clears the box itself and keeps the
focus, and notes typed faster than the page reruns are each stored, in order.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import streamlit as st

from pmo_insight import web
from pmo_insight.domain.chain import WorkshopChain
from pmo_insight.domain.refs import Ref
from pmo_insight.models import SHORT_MAX, TEXT_MAX, EmpathyMap, EmpathyNote, Persona, Quadrant, RefKind
from pmo_insight.nudges.rules import board_nudges
from pmo_insight.services import empathy as svc
from pmo_insight.services import evidence as evidence_svc
from pmo_insight.services.chain_cache import cached_chain
from pmo_insight.ui.common import conflict, drafts
from pmo_insight.ui.nudges import view as nudges
from pmo_insight.ui.personas.card import persona_css, show_avatar
from pmo_insight.ui.personas.evidence import evidence_badge, evidence_panel

ICONS = {
    Quadrant.SAYS: "🗣️",
    Quadrant.THINKS: "💭",
    Quadrant.DOES: "🏃",
    Quadrant.FEELS: "❤️",
    Quadrant.PAINS: "😣",
    Quadrant.GAINS: "🌟",
}
#: Sticky-note colours, one per quadrant, dark text on each for contrast on a projector.
COLOURS = {
    Quadrant.SAYS: "#fff3a3",
    Quadrant.THINKS: "#d4eaff",
    Quadrant.DOES: "#d6f5d3",
    Quadrant.FEELS: "#ffd6e7",
    Quadrant.PAINS: "#ffd9c4",
    Quadrant.GAINS: "#e4dbff",
}
NOTE_WIDTH = 250
EDITING_KEY = "editing_note"
UNSAVED_KEY = "_unsaved_note"
AUTHOR_KEY, DEPARTMENT_KEY = "note_author", "note_department"
_REMEMBERED = {AUTHOR_KEY: "_remember_author", DEPARTMENT_KEY: "_remember_department"}


def board_css() -> None:
    """Static styles only: no user text ever reaches this HTML."""
    per_quadrant = "\n".join(
        f'[class*="st-key-sticky_{q.value}_"] {{ background: {colour}; }}' for q, colour in COLOURS.items()
    )
    st.html(
        f"""<style>
[class*="st-key-sticky_"] {{ border-radius: 4px 4px 14px 4px; box-shadow: 2px 4px 10px rgba(16,24,40,.18);
  padding: .7rem .9rem .5rem; border: none !important; min-height: 150px; }}
{per_quadrant}
[class*="st-key-stickytext_"] [data-testid="stMarkdownContainer"] {{ max-height: 16rem; overflow-y: auto; }}
[class*="st-key-stickytext_"] p {{ font-size: 1.4rem !important; line-height: 1.35; color: #101828;
  overflow-wrap: anywhere; word-break: break-word; margin-bottom: .2rem; }}
[class*="st-key-sticky_"] [data-testid="stCaptionContainer"] p {{ font-size: 1.05rem !important; color: #344054; }}
[class*="st-key-sticky_"] button {{ min-height: 2.2rem !important; padding: 0 .6rem;
  background: rgba(255,255,255,.65); }}
[class*="st-key-quadrant_"] h3 {{ font-size: 1.7rem; padding-bottom: .2rem; }}
.st-key-board_persona {{ background: #f2f4f7; text-align: center; }}
.st-key-board_persona p {{ overflow-wrap: anywhere; }}
.vote-dots {{ font-size: 1.25rem; font-weight: 700; }}
</style>"""
    )


def remembered_author_fields() -> tuple[str, str]:
    """Author and department, optional, remembered for the whole browser session across pages."""
    author_col, department_col, hint_col = st.columns([2, 2, 3], vertical_alignment="bottom")
    for key, column in ((AUTHOR_KEY, author_col), (DEPARTMENT_KEY, department_col)):
        if key not in st.session_state:
            st.session_state[key] = st.session_state.get(_REMEMBERED[key], "")
        column.text_input(
            web.tr(f"field.{'author' if key == AUTHOR_KEY else 'department'}"),
            key=key,
            max_chars=SHORT_MAX,
            placeholder=web.tr("empathy.optional"),
        )
        st.session_state[_REMEMBERED[key]] = st.session_state[key]
    hint_col.caption(web.tr("empathy.add_hint"))
    return st.session_state[AUTHOR_KEY], st.session_state[DEPARTMENT_KEY]


def _add_note(map_id: int, quadrant: Quadrant) -> None:
    add_note_from(map_id, quadrant, f"add_{quadrant.value}")


def board_texts(map_id: int) -> list[tuple[int, str]]:
    """The notes on a map as (id, text), from the cached chain: what a new note is compared with."""
    chain = web.call(cached_chain, workshop_id=web.current_workshop_id())
    return [] if chain is None else [(n.id, n.text) for n in chain.notes_of(map_id)]


def add_note_from(
    map_id: int,
    quadrant: Quadrant,
    text_key: str,
    *,
    place: str | None = None,
    text: str | None = None,
    again: bool = False,
) -> None:
    """A chat input's submit callback: runs before the page reruns, so a note typed right after this
    one is not lost; a refused note is kept on screen as unsaved. A near-duplicate of a note on the
    board is held for the writer's choice first (``again``: they chose to add it anyway)."""
    text = (st.session_state.get(text_key) or "") if text is None else text
    place = place or f"{map_id}_{quadrant.value}"
    if not again and nudges.hold_if_duplicate(place, text, board_texts(map_id), quadrant=quadrant.value):
        return
    note = web.call(
        svc.add_note,
        map_id=map_id,
        quadrant=quadrant,
        text=text,
        author=st.session_state.get(_REMEMBERED[AUTHOR_KEY], ""),
        department=st.session_state.get(_REMEMBERED[DEPARTMENT_KEY], ""),
    )
    if note is None and text.strip():
        st.session_state[UNSAVED_KEY] = (quadrant.value, text)
    elif note is not None:
        nudges.after_saved(place, text)


def add_held(map_id: int, held: dict) -> None:
    """The writer chose to add a held near-duplicate anyway."""
    add_note_from(map_id, Quadrant(held["quadrant"]), "", place=held["place"], text=held["text"], again=True)


def _vote(note_id: int, delta: int) -> None:
    web.call(svc.vote, note_id=note_id, delta=delta)


def _start_editing(note_id: int) -> None:
    if not drafts.has_draft(*(f"note_{field}_{note_id}" for field in ("text", "quadrant", "author", "department"))):
        web.forget_seen(f"note:{note_id}")  # a draft still quotes the version it was typed against
    st.session_state[EDITING_KEY] = note_id


def _stop_editing() -> None:
    st.session_state.pop(EDITING_KEY, None)


@dataclass(frozen=True)
class BoardContext:
    """What the board needs from the loaded chain: every badge and list without a query per note."""

    chain: WorkshopChain
    emap: EmpathyMap
    persona: Persona
    #: A live session's votes are not revealed yet: no counts, no re-ordering, no facilitator dots.
    votes_hidden: bool = False


def empathy_board(ctx: BoardContext) -> None:
    persona_css()
    board_css()
    notes = svc.board(ctx.chain, map_id=ctx.emap.id, by_votes=not ctx.votes_hidden)
    counts = evidence_svc.evidence_counts(ctx.chain)
    persona_ref = Ref(RefKind.PERSONA, ctx.persona.id)
    nudges.show_board([n for n in board_nudges(ctx.chain, rules=["pains_outnumber_gains"]) if n.ref == persona_ref])
    left, centre, right = st.columns([5, 2.6, 5], gap="small")
    with left:
        _quadrant(ctx, Quadrant.SAYS, notes[Quadrant.SAYS], counts)
        _quadrant(ctx, Quadrant.DOES, notes[Quadrant.DOES], counts)
    with centre:
        _persona_centre(ctx, counts)
    with right:
        _quadrant(ctx, Quadrant.THINKS, notes[Quadrant.THINKS], counts)
        _quadrant(ctx, Quadrant.FEELS, notes[Quadrant.FEELS], counts)
    for column, quadrant in zip(st.columns(2, gap="medium"), svc.BELOW_PERSONA, strict=True):
        with column:
            _quadrant(ctx, quadrant, notes[quadrant], counts)


def _persona_centre(ctx: BoardContext, counts) -> None:
    persona = ctx.persona
    with st.container(border=True, key="board_persona"):
        show_avatar(st, persona.avatar)
        st.markdown(f"### {web.md(persona.name)}")
        if persona.role:
            st.markdown(web.md(persona.role))
        st.markdown(f"**{web.tr('field.scenario')}:** {web.md(ctx.emap.scenario)}")
        evidence_badge(counts[Ref(RefKind.PERSONA, persona.id)])
        if persona.quote:
            st.caption(f"💬 {web.md(persona.quote)}")


def _quadrant(ctx: BoardContext, quadrant: Quadrant, notes: list[EmpathyNote], counts) -> None:
    with st.container(border=True, key=f"quadrant_{quadrant.value}"):
        st.subheader(f"{ICONS[quadrant]} {web.tr(f'empathy.quadrant.{quadrant.value}')} · {len(notes)}", anchor=False)
        st.caption(web.tr(f"empathy.prompt.{quadrant.value}"))
        st.chat_input(
            web.tr("empathy.add_placeholder", quadrant=web.tr(f"empathy.quadrant.{quadrant.value}")),
            key=f"add_{quadrant.value}",
            max_chars=TEXT_MAX,
            on_submit=_add_note,
            args=(ctx.emap.id, quadrant),
        )
        unsaved = st.session_state.get(UNSAVED_KEY)
        if unsaved and unsaved[0] == quadrant.value:
            st.warning(web.tr("empathy.unsaved", text=web.md(unsaved[1])), icon="📝")
            if st.button(web.tr("empathy.unsaved_dismiss"), key=f"unsaved_dismiss_{quadrant.value}"):
                st.session_state.pop(UNSAVED_KEY, None)
                st.rerun()
        nudges.show_for_box(f"{ctx.emap.id}_{quadrant.value}", lambda held: add_held(ctx.emap.id, held))
        with st.container(horizontal=True, gap="small", key=f"notes_{quadrant.value}"):
            for note in notes:
                _note(ctx, note, counts[Ref(RefKind.EMPATHY_NOTE, note.id)])


@lru_cache(maxsize=16)
def group_titles(chain: WorkshopChain, map_id: int) -> dict[int, str]:
    """Each grouped note's group title on a map, once per cached chain (chains compare by identity)."""
    return {m.note_id: g.title for g in chain.groups_of(map_id) for m in chain.members_of(g.id)}


def _note(ctx: BoardContext, note: EmpathyNote, evidence_count: int) -> None:
    editing = st.session_state.get(EDITING_KEY) == note.id
    quadrant = Quadrant(note.quadrant)
    with st.container(key=f"sticky_{quadrant.value}_{note.id}", width="stretch" if editing else NOTE_WIDTH):
        with st.container(key=f"stickytext_{note.id}"):
            st.markdown(web.md(note.text))
        who = " · ".join(x for x in (note.author, note.department) if x)
        if who:
            st.caption(f"✍️ {web.md(who)}")
        group = group_titles(ctx.chain, ctx.emap.id).get(note.id)
        if group:  # grouped in the group step: its dots count for the group there
            st.caption(f"🧩 {web.md(group)}")
        with st.container(horizontal=True, gap="small", vertical_alignment="center"):
            if not ctx.votes_hidden:
                _vote_buttons(note)
            st.button(
                "✏️",
                key=f"note_edit_{note.id}",
                on_click=_stop_editing if editing else _start_editing,
                args=() if editing else (note.id,),
                help=web.tr("empathy.edit"),
            )
        with st.container(horizontal=True, gap="small"):
            evidence_badge(evidence_count)
            promoted = svc.promoted_to(ctx.chain, note)
            if promoted:
                st.badge(web.tr("empathy.promoted_badge"), icon="🎯", color="violet")
        if editing:
            _note_editor(ctx, note)


def _vote_buttons(note: EmpathyNote) -> None:
    st.markdown(f"<span class='vote-dots'>● {note.votes}</span>", unsafe_allow_html=True)
    st.button("➕", key=f"vote_up_{note.id}", on_click=_vote, args=(note.id, 1), help=web.tr("empathy.vote_up"))
    st.button(
        "➖",
        key=f"vote_down_{note.id}",
        on_click=_vote,
        args=(note.id, -1),
        disabled=note.votes <= 0,
        help=web.tr("empathy.vote_down"),
    )


def _note_editor(ctx: BoardContext, note: EmpathyNote) -> None:
    edit_tab, promote_tab, evidence_tab = st.tabs(
        [f"✏️ {web.tr('empathy.edit')}", f"🎯 {web.tr('empathy.promote.tab')}", f"📎 {web.tr('field.evidence')}"]
    )
    with edit_tab:
        text = st.text_area(
            web.tr("field.text"), value=note.text, max_chars=TEXT_MAX, **drafts.track(f"note_text_{note.id}")
        )
        quadrant_col, author_col, department_col = st.columns(3)
        quadrant = quadrant_col.selectbox(
            web.tr("empathy.move_to"),
            list(Quadrant),
            index=list(Quadrant).index(Quadrant(note.quadrant)),
            format_func=lambda q: f"{ICONS[q]} {web.tr(f'empathy.quadrant.{q.value}')}",
            **drafts.track(f"note_quadrant_{note.id}"),
        )
        author = author_col.text_input(
            web.tr("field.author"), value=note.author, **drafts.track(f"note_author_{note.id}")
        )
        department = department_col.text_input(
            web.tr("field.department"), value=note.department, **drafts.track(f"note_department_{note.id}")
        )
        save_col, close_col, delete_col = st.columns(3)
        clicked = save_col.button(f"💾 {web.tr('common.save')}", key=f"note_save_{note.id}", type="primary")
        close_col.button(web.tr("empathy.close"), key=f"note_close_{note.id}", on_click=_stop_editing)
        fields = [
            conflict.Field(web.tr("field.text"), f"note_text_{note.id}", note.text),
            conflict.Field(web.tr("empathy.move_to"), f"note_quadrant_{note.id}", Quadrant(note.quadrant),
                           lambda q: web.tr(f"empathy.quadrant.{Quadrant(q).value}")),
            conflict.Field(web.tr("field.author"), f"note_author_{note.id}", note.author),
            conflict.Field(web.tr("field.department"), f"note_department_{note.id}", note.department),
        ]  # fmt: skip
        with delete_col.popover(f"🗑️ {web.tr('empathy.delete')}", key=f"note_delete_{note.id}"):
            st.warning(web.tr("empathy.delete_confirm"))
            deleting = st.button(web.tr("empathy.delete_button"), key=f"note_delete_confirm_{note.id}", type="primary")
            if conflict.delete(f"note:{note.id}", svc.delete_note, version=note.version, fields=fields,
                               clicked=deleting, note_id=note.id):  # fmt: skip
                _stop_editing()
                web.flash(web.tr("empathy.deleted"))
                st.rerun()
        values = {"note_id": note.id, "text": text, "quadrant": quadrant, "author": author, "department": department}
        saved = conflict.save(
            f"note:{note.id}", svc.edit_note, version=note.version, fields=fields, clicked=clicked, **values
        )
        if saved is not None:
            _stop_editing()
            web.flash(web.tr("empathy.saved"))
            st.rerun()
    with promote_tab:
        _promote(ctx, note)
    with evidence_tab:
        evidence_panel(
            Ref(RefKind.EMPATHY_NOTE, note.id),
            attached=evidence_svc.evidence_in_chain(ctx.chain, Ref(RefKind.EMPATHY_NOTE, note.id)),
            workshop_evidence=ctx.chain.evidence,
            key=f"note_ev_{note.id}",
        )


NEW_CANVAS = 0


def _promote(ctx: BoardContext, note: EmpathyNote) -> None:
    if not svc.can_promote(note):
        st.info(web.tr("empathy.promote.not_possible"), icon="ℹ️")
        return
    canvas_titles = {c.id: c.title for c in ctx.chain.canvases}
    for item in svc.promoted_to(ctx.chain, note):
        st.success(web.tr("empathy.promote.already", canvas=web.md(canvas_titles.get(item.canvas_id, ""))), icon="🎯")
    kind = web.tr(f"empathy.promote.kind.{'gain' if Quadrant(note.quadrant) == Quadrant.GAINS else 'pain'}")
    st.caption(web.tr("empathy.promote.explain", kind=kind))
    options = [c.id for c in svc.canvases_of(ctx.chain, persona_id=ctx.persona.id)] + [NEW_CANVAS]
    canvas_id = st.selectbox(
        web.tr("empathy.promote.canvas"),
        options,
        format_func=lambda cid: canvas_titles[cid] if cid else f"➕ {web.tr('empathy.promote.new_canvas')}",
        key=f"promote_canvas_{note.id}",
    )
    title = ""
    if canvas_id == NEW_CANVAS:
        title = st.text_input(
            web.tr("empathy.promote.new_title"),
            value=web.tr("empathy.promote.default_title", persona=ctx.persona.name),
            key=f"promote_title_{note.id}",
        )
    if st.button(f"🎯 {web.tr('empathy.promote.button', kind=kind)}", key=f"promote_{note.id}", type="primary"):
        item = web.call(svc.promote_note, note_id=note.id, canvas_id=canvas_id or None, new_canvas_title=title)
        if item is not None:
            web.flash(web.tr("empathy.promote.done", kind=kind))
            st.rerun()
