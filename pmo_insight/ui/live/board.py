"""The shared screen's live board: what the room adds, on the projector within a second or two.

One fragment polls the workshop (``cached_chain``: one primary-key look-up while nothing changed)
every second and draws the running session's board as one block of escaped HTML, built once per
(chain, language) and shared by every screen: a rerun with nothing new sends the same block, and a
new note re-renders only this fragment, never the page with its editors. Only a change to the
session itself (reveal, stop, timer, open/close) reruns the whole page, so its controls redraw.

User text only ever reaches the HTML through ``html.escape``: typed markup shows as text.
"""

from __future__ import annotations

from functools import lru_cache
from html import escape

import streamlit as st

from pmo_insight import web
from pmo_insight.domain.chain import WorkshopChain
from pmo_insight.i18n import t
from pmo_insight.live.board_view import QUADRANTS, LiveBoardView, board_view, shows, signature
from pmo_insight.live.models import BoardKind
from pmo_insight.live.sessions import running_session
from pmo_insight.models import TEXT_MAX, EmpathyMap, Persona, Quadrant
from pmo_insight.services.chain_cache import cached_chain
from pmo_insight.ui.empathy.board import COLOURS, ICONS, UNSAVED_KEY, add_held, add_note_from
from pmo_insight.ui.live.common import ran_out_since_now
from pmo_insight.ui.nudges import view as nudges

#: A quarter of a second of latency on average; two primary-key look-ups a second per screen while
#: nothing changes (a look-up is well under a millisecond; a changed board is loaded once for all).
POLL_SECONDS = 0.5
KIND_LOOK = {"pain": ("😣", "#ffd9c4"), "opportunity": ("💡", "#d6f5d3")}


def edit_key(chain: WorkshopChain) -> str | None:
    live = running_session(chain)
    return None if live is None else f"live_edit_board_{live.id}_{int(bool(live.revealed))}"


def wanted(chain: WorkshopChain, kind: BoardKind, board_id: int | None) -> bool:
    """Whether this screen shows the live board: a session runs on this board and the facilitator
    has not switched to editing it (an empathy board switches to editing by itself at the reveal,
    where the top notes are marked key and carried into the canvas)."""
    live = running_session(chain)
    if not shows(live, kind, board_id):
        return False
    if kind is BoardKind.JOURNEY:
        return True  # the journey's editors stay below the live board
    key = edit_key(chain)
    return not st.session_state.get(key, bool(live.revealed))


def edit_toggle(chain: WorkshopChain, map_id: int) -> None:
    """Switch between the live board and the full, editable board of the same map."""
    live = running_session(chain)
    if not shows(live, BoardKind.EMPATHY, map_id):
        return
    key = edit_key(chain)
    st.toggle(web.tr("live.board.edit"), value=bool(live.revealed), key=key, help=web.tr("live.board.edit_help"))


def entry_row(chain: WorkshopChain, persona: Persona, emap: EmpathyMap) -> None:
    """One row above the live board: whose map the room fills, and the facilitator's own entry box
    (pick the quadrant, type, Enter), so the board starts high on a projector."""
    who_col, quadrant_col, text_col, edit_col = st.columns([3, 1.6, 4.4, 2.4], vertical_alignment="center")
    with who_col.container(key="live_board_persona"):
        st.markdown(f"#### {escape(persona.avatar or '🙂')} {web.md(persona.name)}")
        st.caption(web.md(emap.scenario))
    labels = {q: f"{ICONS[q]} {web.tr(f'empathy.quadrant.{q.value}')}" for q in QUADRANTS}
    quadrant = quadrant_col.selectbox(
        web.tr("live.board.quadrant"),
        list(QUADRANTS),
        format_func=labels.get,
        key="live_add_quadrant",
        label_visibility="collapsed",
    )
    with text_col:
        st.chat_input(
            web.tr("empathy.add_placeholder", quadrant=web.tr(f"empathy.quadrant.{quadrant.value}")),
            key="live_add_note",
            max_chars=TEXT_MAX,
            on_submit=_add_note,
            args=(emap.id,),
        )
    with edit_col:
        edit_toggle(chain, emap.id)
    unsaved = st.session_state.get(UNSAVED_KEY)
    if unsaved:
        st.warning(web.tr("empathy.unsaved", text=web.md(unsaved[1])), icon="📝")
    nudges.show_for_box(f"live_{emap.id}", lambda held: add_held(emap.id, held))


def _add_note(map_id: int) -> None:
    """The quadrant as chosen when Enter was pressed, not when the box was drawn."""
    quadrant = Quadrant(st.session_state.get("live_add_quadrant", Quadrant.SAYS))
    add_note_from(map_id, quadrant, "live_add_note", place=f"live_{map_id}")


def live_board(chain: WorkshopChain) -> None:
    """Draw the running session's board and keep it current without a click."""
    workshop_id, lang = chain.workshop.id, web.lang()
    live = running_session(chain)
    drawn = signature(live)
    ran_out = ran_out_since_now(live.timer_deadline if live is not None else None)

    @st.fragment(run_every=POLL_SECONDS)
    def _board() -> None:
        current = web.call(cached_chain, workshop_id=workshop_id)
        if current is None:
            return
        if signature(running_session(current)) != drawn or ran_out():
            st.rerun()  # the session itself changed: the whole screen redraws its controls
        view = board_view(current)
        if view is None:
            st.rerun()
        with st.container(horizontal=True, key="live_board_stats", vertical_alignment="center", gap="large"):
            st.metric(web.tr("live.panel.joined"), view.joined, width="content")
            st.metric(web.tr("live.panel.dots"), view.dots_cast, width="content")
            if not view.revealed:
                st.markdown(f"🙈 {web.tr('live.board.hidden')}")
        st.html(board_html(view, lang))

    _board()


def watch_sessions(chain: WorkshopChain) -> None:
    """For a screen that is not the live board: rerun it only when a session starts, stops or
    changes, not at every note or vote the room adds (those would redraw its editors each time)."""
    workshop_id, drawn = chain.workshop.id, signature(running_session(chain))

    @st.fragment(run_every=POLL_SECONDS)
    def _watch() -> None:
        current = web.call(cached_chain, workshop_id=workshop_id)
        if current is not None and signature(running_session(current)) != drawn:
            st.rerun()

    _watch()


@lru_cache(maxsize=32)
def board_html(view: LiveBoardView, lang: str) -> str:
    """The board as escaped HTML, once per view (one per cached chain) and language."""
    groups = []
    for group in view.groups:
        if view.kind is BoardKind.EMPATHY:
            quadrant = Quadrant(group.key)
            title = f"{ICONS[quadrant]} {escape(t(f'empathy.quadrant.{quadrant.value}', lang))}"
        else:
            title = f"🧭 {escape(group.title)}"
        cards = "".join(_card(view, card, lang) for card in group.cards) or "<div class='live-empty'>—</div>"
        groups.append(
            f"<section class='live-group' data-group='{escape(group.key)}'>"
            f"<h3>{title} <span class='live-count'>· {len(group.cards)}</span></h3>"
            f"<div class='live-cards'>{cards}</div></section>"
        )
    kind = "empathy" if view.kind is BoardKind.EMPATHY else "journey"
    return f"{_CSS}<div class='live-board live-board-{kind}'>{''.join(groups)}</div>"


def _card(view: LiveBoardView, card, lang: str) -> str:
    if view.kind is BoardKind.EMPATHY:
        icon, colour = ("🧩 " if card.notes else ""), COLOURS[Quadrant(card.kind)]
    else:
        icon, colour = KIND_LOOK[card.kind]
        icon += " "
    author = f"<div class='live-author' dir='auto'>✍️ {escape(card.author)}</div>" if card.author else ""
    if card.notes:  # a group: its notes, small, under its title
        count = escape(t("live.vote.group_notes", lang, count=len(card.notes)))
        listed = "".join(f"<li dir='auto'>{escape(text)}</li>" for text in card.notes)
        author = f"<div class='live-author'>{count}</div><ul class='live-members'>{listed}</ul>"
    dots = f"<div class='vote-dots'>● {card.dots}</div>" if card.dots is not None else ""
    look = "live-note live-group-card" if card.notes else "live-note"
    return (
        f"<div class='{look}' data-item='{card.id}' style='background:{colour}'>"
        f"<div class='live-text' dir='auto'>{icon}{escape(card.text)}</div>{author}{dots}</div>"
    )


_CSS = """<style>
.live-board { display: grid; gap: .8rem; grid-template-columns: repeat(3, minmax(0, 1fr)); }
.live-board-journey { grid-template-columns: none; grid-auto-flow: column;
  grid-auto-columns: minmax(260px, 1fr); overflow-x: auto; }
.live-group { border: 1px solid #d0d5dd; border-radius: .6rem; padding: .6rem .7rem; background: #fff; min-width: 0; }
.live-group h3 { font-size: 1.6rem; margin: 0 0 .5rem; padding: 0; }
.live-count { color: #667085; font-weight: 600; }
.live-cards { display: flex; flex-wrap: wrap; gap: .55rem; }
.live-note { flex: 1 1 220px; max-width: 100%; border-radius: 4px 4px 14px 4px; padding: .55rem .75rem;
  box-shadow: 2px 4px 10px rgba(16,24,40,.16); color: #101828; min-width: 0; }
.live-text { font-size: 1.3rem; line-height: 1.3; white-space: pre-wrap; overflow-wrap: anywhere; }
.live-author { font-size: 1rem; color: #344054; margin-top: .25rem; overflow-wrap: anywhere; }
.live-note .vote-dots { font-size: 1.25rem; font-weight: 700; margin-top: .2rem; }
.live-empty { color: #98a2b3; font-size: 1.3rem; }
.live-members { margin: .2rem 0 0 1.1rem; padding: 0; font-size: 1rem; color: #344054; overflow-wrap: anywhere; }
</style>"""
