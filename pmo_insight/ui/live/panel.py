"""The shared screen's live part: the join code and QR, who joined, the timer, and the
facilitator's controls (notes and votes open or closed, timebox, reveal, stop).

The page under it keeps itself current with :func:`keep_current`: a one-second poll of the
workshop's revision that reruns the page only when something changed.
"""

from __future__ import annotations

from html import escape

import streamlit as st

from pmo_insight import web
from pmo_insight.domain.chain import WorkshopChain
from pmo_insight.live import sessions as svc
from pmo_insight.live.models import (
    BUDGET_DEFAULT,
    BUDGET_MAX,
    BUDGET_MIN,
    TIMER_MAX,
    TIMER_MIN,
    BoardKind,
    LiveSession,
)
from pmo_insight.live.state import notes_accepted, timer_over
from pmo_insight.ui.live.common import countdown, join_link, qr_image, watch, workshop_revision

#: The projector's poll: half a second of latency on average, one primary-key look-up a second.
SCREEN_POLL_SECONDS = 1.0
FOLLOWED_KEY = "_live_followed_session"


def running(chain: WorkshopChain) -> LiveSession | None:
    return svc.running_session(chain)


def follow(chain: WorkshopChain, next_board_key: str, kind: BoardKind = BoardKind.EMPATHY) -> None:
    """A screen open when a session starts switches to its board (an empathy map on the empathy
    screen, a journey on the journey screen), once: the facilitator may look elsewhere."""
    live = running(chain)
    if live is None or BoardKind(live.board_kind) is not kind:
        return
    followed = f"{FOLLOWED_KEY}_{kind.value}"
    if st.session_state.get(followed) != live.id:
        st.session_state[followed] = live.id
        boards = chain.maps if kind is BoardKind.EMPATHY else chain.journeys
        board = next((b for b in boards if b.id == live.board_id), None)
        if board is not None:
            st.session_state[next_board_key] = (board.persona_id, board.id)


def votes_hidden(chain: WorkshopChain, map_id: int) -> bool:
    """While a session on this map runs unrevealed, the board shows no counts and keeps its order."""
    live = running(chain)
    return live is not None and live.board_id == map_id and live.board_kind == BoardKind.EMPATHY and not live.revealed


def keep_current(chain: WorkshopChain) -> None:
    """Rerun the screen whenever anything in the workshop changed."""
    live = running(chain)
    poll = workshop_revision(chain.workshop.id)
    watch(poll, chain.workshop.revision, live.timer_deadline if live else None, every=SCREEN_POLL_SECONDS)


def panel(
    chain: WorkshopChain, *, kind: BoardKind, board_id: int | None, metrics: bool = True, compact: bool = False
) -> None:
    """The running session's code, QR, timer and controls; without one, the button to start a
    round on this board. ``metrics=False`` when the live board below shows who joined and the dots;
    ``compact`` for the room's view (a smaller QR and code, so the board starts high)."""
    live = running(chain)
    if live is None:
        if board_id is not None:
            _start(chain.workshop.id, kind, board_id)
        return
    with st.container(border=True, key="live_panel_compact" if compact else "live_panel"):
        qr_col, code_col, stats_col, controls_col = st.columns([1.1, 3, 2.2, 1.6], vertical_alignment="center")
        link = join_link(live.code)
        with qr_col:
            qr_image(link, web.tr("a11y.qr_join_alt", link=link), 104 if compact else 150)
        with code_col:
            st.markdown(f"<div class='live-code'>{escape(live.code)}</div>", unsafe_allow_html=True)
            st.caption(web.tr("live.panel.join_at", link=web.md(link)))
        with stats_col:
            if metrics:
                left, right = st.columns(2)
                left.metric(web.tr("live.panel.joined"), svc.joined(chain, live))
                right.metric(web.tr("live.panel.dots"), sum(svc.totals(chain, live).values()))
            countdown(live.timer_deadline, over_text=web.tr("live.timer.over"), key="screen")
            _status(live)
        with controls_col:
            _controls(live)
    live_css()


def _status(live: LiveSession) -> None:
    parts = [web.tr("live.status.votes_open" if live.votes_open else "live.status.votes_closed")]
    if BoardKind(live.board_kind) is BoardKind.EMPATHY:  # a journey round votes; it takes no notes
        parts.insert(0, web.tr("live.status.notes_open" if notes_accepted(live) else "live.status.notes_closed"))
    if live.revealed:
        parts.append(web.tr("live.status.revealed"))
    st.caption(" · ".join(parts))
    if timer_over(live) and not notes_accepted(live) and live.notes_open:
        st.warning(web.tr("live.notes_closed_now"), icon="⏰")


def live_css() -> None:
    st.html(
        """<style>
.live-code { font-size: 3.4rem; font-weight: 800; letter-spacing: .5rem; font-family: monospace; line-height: 1.1; }
.st-key-live_panel { background: #f5f8ff; }
.st-key-live_panel [data-testid="stMetricValue"], .st-key-live_panel [data-testid="stMetricValue"] *,
.st-key-live_board_stats [data-testid="stMetricValue"], .st-key-live_board_stats [data-testid="stMetricValue"] * {
  font-size: 2.6rem !important; font-weight: 700; line-height: 1.1; }
.st-key-live_panel [data-testid="stMetricLabel"] p, .st-key-live_board_stats [data-testid="stMetricLabel"] p,
.st-key-live_board_stats p { font-size: 1.15rem; }
.st-key-live_panel [data-testid="stCaptionContainer"] p { font-size: 1.15rem; }
.st-key-live_panel_compact { background: #f5f8ff; padding: .35rem .8rem !important; }
.st-key-live_panel_compact .live-code { font-size: 2.6rem; }
.st-key-live_panel_compact [data-testid="stCaptionContainer"] p { font-size: 1.05rem; }
</style>"""
    )


def room_css() -> None:
    """The room's view of a running round: the page's chrome tightened so the first row of notes
    shows without scrolling on a 1280×720 projector (Streamlit's own top padding is 6rem; 3.6rem
    still clears its header bar)."""
    st.html(
        """<style>
[data-testid="stMainBlockContainer"] { padding-top: 3.6rem !important; padding-bottom: 1rem !important; }
[data-testid="stMain"] h1 { font-size: 1.7rem; padding: 0 0 .2rem; }
[data-testid="stMainBlockContainer"] [data-testid="stVerticalBlock"] { gap: .6rem; }
</style>"""
    )


def _start(workshop_id: int, kind: BoardKind, board_id: int) -> None:
    with st.popover(f"📡 {web.tr('live.start.open')}", key="live_start"):
        budget = st.number_input(
            web.tr("live.start.budget"), BUDGET_MIN, BUDGET_MAX, BUDGET_DEFAULT, key="live_start_budget"
        )
        minutes = st.number_input(web.tr("live.start.minutes"), 0, TIMER_MAX, 0, key="live_start_minutes")
        anonymous = st.checkbox(web.tr("live.start.anonymous"), key="live_start_anonymous")
        if st.button(web.tr("live.start.button"), key="live_start_submit", type="primary"):
            live = web.call(
                svc.start_session,
                workshop_id=workshop_id,
                **({"map_id": board_id} if kind is BoardKind.EMPATHY else {"journey_id": board_id}),
                budget=int(budget),
                minutes=int(minutes) or None,
                anonymous=anonymous,
            )
            if live is not None:
                st.session_state[f"{FOLLOWED_KEY}_{kind.value}"] = live.id
                st.rerun()


def _controls(live: LiveSession) -> None:
    wid = live.workshop_id
    with st.popover(f"⚙️ {web.tr('live.controls')}", key="live_controls", use_container_width=True):
        for flag, service in (("notes_open", svc.set_notes_open), ("votes_open", svc.set_votes_open)):
            # Keyed by the stored value: a change made elsewhere redraws the toggle, never writes back.
            key = f"live_{flag}_{live.id}_{int(getattr(live, flag))}"
            st.toggle(
                web.tr(f"live.control.{flag}"),
                value=getattr(live, flag),
                key=key,
                on_change=lambda s=service, k=key: web.attempt(s, workshop_id=wid, is_open=st.session_state[k]),
            )
        st.divider()
        minutes = st.number_input(web.tr("live.timer.minutes"), TIMER_MIN, TIMER_MAX, 5, key="live_timer_minutes")
        keep = st.checkbox(web.tr("live.timer.keep_open"), key="live_timer_keep")
        if st.button(f"⏱️ {web.tr('live.timer.start')}", key="live_timer_start"):
            if web.attempt(svc.start_timer, workshop_id=wid, minutes=int(minutes), keep_notes_open=keep):
                st.rerun()
        if live.timer_deadline is not None and st.button(web.tr("live.timer.clear"), key="live_timer_clear"):
            if web.attempt(svc.clear_timer, workshop_id=wid):
                st.rerun()
        st.divider()
    if not live.revealed and st.button(
        f"🏆 {web.tr('live.reveal')}", key="live_reveal", type="primary", use_container_width=True
    ):
        if web.attempt(svc.reveal_votes, workshop_id=wid):
            st.rerun()
    if st.button(f"⏹️ {web.tr('live.stop')}", key="live_stop", use_container_width=True):
        if web.attempt(svc.stop_session, workshop_id=wid):
            st.rerun()
