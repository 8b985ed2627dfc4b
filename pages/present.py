"""Presenter mode: one artifact at a time, full screen, next and previous by button or arrow key."""

import streamlit as st

from pmo_insight import web
from pmo_insight.domain.presenter import SlideKind, clamp, slides
from pmo_insight.live.sessions import running_session
from pmo_insight.ui.live.common import watch, workshop_revision
from pmo_insight.ui.present import views

INDEX_KEY = "present_index"
ICONS = {SlideKind.EMPATHY: "🧠", SlideKind.JOURNEY: "📈", SlideKind.CANVAS: "🎯", SlideKind.PAIN: "🔗"}

web.require_shell()
views.presenter_css()
chain = web.current_chain()
live = running_session(chain)
watch(workshop_revision(chain.workshop.id), chain.workshop.revision, live.timer_deadline if live else None, every=1.0)
deck = slides(chain)
if not deck:
    st.info(web.tr("present.empty"), icon="🖥️")
    st.stop()


def _move(shown: int, step: int) -> None:
    """A callback, so the run the click starts already draws the new slide (no second run). It moves
    from the slide the button was drawn on, so a click delivered twice (a key press while the page's
    poller reruns) still moves one slide, never two."""
    st.session_state[INDEX_KEY] = clamp(shown + step, len(deck))


index = clamp(st.session_state.get(INDEX_KEY, 0), len(deck))
st.session_state[INDEX_KEY] = index
slide = deck[index]
prev_col, title_col, corner_col, next_col = st.columns([1, 9, 2.2 if live else 0.01, 1], vertical_alignment="center")
with corner_col:
    views.corner(live)
prev_col.button(
    "◀",
    key="present_prev",
    on_click=_move,
    args=(index, -1),
    disabled=index == 0,
    help=web.tr("present.prev"),
    width="stretch",
)
title_col.markdown(f"## {ICONS[slide.kind]} {web.tr(f'present.kind.{slide.kind.value}')} · {web.md(slide.title)}")
title_col.caption(web.tr("present.position", current=index + 1, total=len(deck)))
next_col.button(
    "▶",
    key="present_next",
    on_click=_move,
    args=(index, 1),
    disabled=index == len(deck) - 1,
    help=web.tr("present.next"),
    width="stretch",
)
views.show(chain, slide, live)
views.navigation_keys()
