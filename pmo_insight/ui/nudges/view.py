"""Quality nudges on screen: where a note is written (the facilitator's boxes and the phone's) and on
the boards. A nudge never blocks: a near-duplicate is held for one tap ("add mine anyway" or "keep
it out"), shown with the note it resembles, before anything is saved; a vague note is saved and the
box says what would make the next one better. User text is shown through ``web.md`` only.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import streamlit as st

from pmo_insight import web
from pmo_insight.nudges.rules import Nudge, is_vague, note_nudges

#: Session keys: a note held back as a near-duplicate, and the advice after a vague note was saved.
HELD_KEY, ADVICE_KEY = "_nudge_held", "_nudge_advice"


def message(nudge: Nudge) -> str:
    """The nudge's sentence: why, and what would make it better (user text escaped)."""
    params = {k: web.md(v) if isinstance(v, str) else v for k, v in nudge.params.items()}
    return web.tr(nudge.key, **params)


def hold_if_duplicate(place: str, text: str, existing: Sequence[tuple[int, str]], **context: object) -> bool:
    """Before a note is saved: when it resembles one on the board, keep it (not saved, not lost) for
    the writer's choice and return True. ``context`` (its quadrant, say) comes back with it."""
    duplicates = [n for n in note_nudges(text, existing=existing) if n.rule == "near_duplicate"]
    if not duplicates:
        return False
    st.session_state[HELD_KEY] = {"place": place, "text": text, "nudge": duplicates[0], **context}
    return True


def after_saved(place: str, text: str) -> None:
    """After a note was saved: remember advice for its box when it was vague, else forget any."""
    if is_vague(text):
        st.session_state[ADVICE_KEY] = {"place": place, "nudge": Nudge("vague")}
    else:
        st.session_state.pop(ADVICE_KEY, None)


def held_note(place: str) -> str | None:
    held = st.session_state.get(HELD_KEY)
    return held["text"] if held and held["place"] == place else None


def show_for_box(place: str, add_anyway: Callable[[dict], None]) -> None:
    """Under a note box: the held near-duplicate with its two choices, or the advice after a vague note."""
    held = st.session_state.get(HELD_KEY)
    if held and held["place"] == place:
        with st.container(border=True, key=f"nudge_held_{place}"):
            st.markdown(f"💡 {message(held['nudge'])}")
            st.markdown(f"> {web.md(held['text'])}")
            add_col, drop_col = st.columns(2)
            if add_col.button(web.tr("nudge.add_anyway"), key=f"nudge_add_{place}", type="primary"):
                st.session_state.pop(HELD_KEY, None)
                add_anyway(held)
                st.rerun()
            if drop_col.button(web.tr("nudge.keep_out"), key=f"nudge_drop_{place}"):
                st.session_state.pop(HELD_KEY, None)
                st.rerun()
    advice = st.session_state.get(ADVICE_KEY)
    if advice and advice["place"] == place:
        st.caption(f"💡 {message(advice['nudge'])}")


def show_board(nudges: Sequence[Nudge]) -> None:
    """A board's nudges, each with why and what to do, folded into one line until opened."""
    if not nudges:
        return
    with st.expander(f"💡 {web.tr('nudge.board_title', count=len(nudges))}", expanded=False):
        for nudge in nudges:
            st.markdown(f"- {message(nudge)}")
