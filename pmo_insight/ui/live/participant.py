"""The participant's screen, phone first: join once, add notes, spend dots, see the countdown.

Everything shown comes from :func:`participant_view`, which carries nobody else's counts before
the reveal; every action goes through ``web.call`` to a service that re-checks code and token.
"""

from __future__ import annotations

import streamlit as st

from pmo_insight import web
from pmo_insight.errors import DomainError
from pmo_insight.i18n import error_message, t
from pmo_insight.live import participants as svc
from pmo_insight.live.errors import SessionStopped, UnknownParticipant
from pmo_insight.live.models import PER_ITEM_MAX
from pmo_insight.live.participants import ItemView, ParticipantView
from pmo_insight.models import SHORT_MAX, TEXT_MAX, Quadrant
from pmo_insight.persistence.db import session_scope
from pmo_insight.roles import guard
from pmo_insight.ui.empathy.board import COLOURS, ICONS
from pmo_insight.ui.live.common import countdown, watch
from pmo_insight.ui.live.entry import join_code, participant_token, remember_token
from pmo_insight.ui.nudges import view as nudges

#: How often a phone checks whether the board changed: every phone reruns when anyone adds a note,
#: so 30 phones cost at most ~8 small reruns a second while the projector keeps its 1 s.
PHONE_POLL_SECONDS = 4.0
#: Items a phone draws at once, and its session keys for the chosen kind and the page's length.
ITEMS_PER_PAGE = 20
ALL_KINDS, SHOW_KEY, PAGE_KEY = "all", "join_show", "_join_page"
ENDED_KEY = "_live_ended"
FEEDBACK_KEY = "_join_feedback"


def _read(service, /, **kwargs):
    """A service call whose refusal the screen answers itself (ended session, unknown token, a spent
    budget), role-guarded like ``web.call``."""
    guard(web.role(), service)
    with session_scope(web.engine()) as session:
        return service(session, **kwargs)


def phone_css() -> None:
    """One column, no sidebar, inputs large enough that phones do not zoom (>= 16 px), every target 44 px."""
    per_quadrant = "\n".join(
        f'[class*="st-key-joinitem_{q.value}_"] {{ background: {colour}; }}' for q, colour in COLOURS.items()
    )
    st.html(
        f"""<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"]
  {{ display: none !important; }}
[data-testid="stMainBlockContainer"] {{ max-width: 640px; padding: 1rem .9rem 4rem; }}
input, textarea, select, [data-baseweb="select"] * {{ font-size: 16px !important; }}
[data-testid="stMarkdownContainer"] p {{ font-size: 1.05rem; }}
.st-key-join_status {{ position: sticky; top: 3.75rem; z-index: 990; background: #fff;
  padding: .3rem 0; border-bottom: 1px solid #e4e7ec; }}
.st-key-join_status [data-testid="stMetricValue"], .st-key-join_status [data-testid="stMetricValue"] * {{
  font-size: 1.6rem !important; font-weight: 700; }}
[class*="st-key-joinitem_"] {{ border-radius: 8px; padding: .6rem .8rem; background: #f2f4f7; }}
{per_quadrant}
[class*="st-key-joinitem_"] button {{ min-height: 2.75rem; min-width: 3rem; font-size: 1.2rem; }}
.live-dots {{ font-size: 1.2rem; letter-spacing: .1rem; }}
/* Touch targets of at least 44×44 CSS px (tests/e2e/test_accessible_in_browser.py measures them at 390×844). */
[data-testid="stRadio"] label {{ min-height: 44px; min-width: 44px; align-items: center; padding-right: .5rem; }}
[data-testid="stTextInputRootElement"], [data-testid="stTextInputField"],
[data-testid="stChatInput"] textarea {{ min-height: 44px !important; }}
[data-testid="stChatInput"] textarea {{ padding-top: .65rem; padding-bottom: .65rem; }}
[data-testid="stChatInputSubmitButton"] {{ min-width: 44px; min-height: 44px; }}
[data-testid="stButton"] button {{ min-height: 44px; min-width: 44px; }}
[data-testid="stHeaderActionElements"] {{ display: none; }}
[data-testid="stMainMenu"] button {{ min-width: 44px; min-height: 44px; }}
</style>"""
    )


def ended(message_key: str = "live.error.stopped") -> None:
    """The session is over (or the code never existed): say so and offer nothing to fill in."""
    st.session_state[ENDED_KEY] = True
    st.info(web.tr(message_key), icon="🏁")
    st.stop()


def join_form() -> None:
    code = join_code()
    if st.session_state.get(ENDED_KEY):
        ended()
    try:
        _read(svc.check_code, code=code)
    except SessionStopped:
        ended()
    except DomainError:
        ended("live.error.code_invalid")
    st.subheader(web.tr("live.join.title"), anchor=False)
    st.caption(web.tr("live.join.code", code=code))
    with st.form("join_form", border=False):
        name = st.text_input(web.tr("live.join.name"), key="join_name", max_chars=SHORT_MAX)
        department = st.text_input(web.tr("field.department"), key="join_department", max_chars=SHORT_MAX)
        if st.form_submit_button(web.tr("live.join.button"), key="join_submit", type="primary", width="stretch"):
            joined = web.call(svc.join_session, code=code, name=name, department=department)
            if joined is not None:
                remember_token(joined.token)
                st.rerun()


def current_view() -> ParticipantView:
    """The participant's view, or a final message when the session ended or the token is unknown."""
    try:
        return _read(svc.participant_view, code=join_code(), token=participant_token())
    except SessionStopped:
        ended()
    except UnknownParticipant:
        remember_token(None)
        st.rerun()
    raise AssertionError("unreachable")


def header(view: ParticipantView) -> None:
    who = " · ".join(x for x in (view.name, view.department) if x)
    st.markdown(f"**🙋 {web.md(who)}**")
    # Stays at the top while the list scrolls: the votes left are always in sight.
    with st.container(key="join_status", horizontal=True, vertical_alignment="center", gap="medium"):
        st.metric(web.tr("live.votes_left"), f"{view.remaining} / {view.budget}", width="content")
        countdown(view.timer_deadline, over_text=web.tr("live.timer.over"), key="phone", size="1.5rem")
    if view.timer_deadline is not None and not view.notes_open and view.board_kind == "empathy":
        st.warning(web.tr("live.notes_closed_now"), icon="⏰")


def _board_texts() -> list[tuple[int, str]]:
    """The notes on the board this phone shows (a group's notes each), to compare a new one with."""
    try:
        view = _read(svc.participant_view, code=join_code(), token=participant_token())
    except DomainError:
        return []
    return [(item.id, text) for item in view.items for text in (item.notes or (item.text,))]


#: Where the phone's held note and advice belong (one note box per phone).
PHONE_PLACE = "phone"


def _add_note() -> None:
    """A near-duplicate of a note on the board is held for one tap before it is sent (a nudge)."""
    text = st.session_state.get("join_note") or ""
    quadrant = Quadrant(st.session_state.get("join_quadrant", Quadrant.SAYS))
    if not nudges.hold_if_duplicate(PHONE_PLACE, text, _board_texts(), quadrant=quadrant.value):
        _send_note(text, quadrant)


def _send_note(text: str, quadrant: Quadrant | str) -> None:
    note = web.call(svc.add_live_note, code=join_code(), token=participant_token(), quadrant=quadrant, text=text)
    if note is not None:
        st.toast(web.tr("live.note_added"), icon="📝")
        nudges.after_saved(PHONE_PLACE, text)


def note_entry(view: ParticipantView) -> None:
    if view.board_kind != "empathy":
        return
    if not view.notes_open:
        st.info(web.tr("live.notes_closed"), icon="🔒")
        return
    language = web.lang()  # the labels in this run's language, also when formatted after the run
    with st.container(key="join_note_box"):
        st.radio(
            web.tr("live.quadrant"),
            list(Quadrant),
            key="join_quadrant",
            format_func=lambda q: f"{ICONS[q]} {t(f'empathy.quadrant.{q.value}', language)}",
            horizontal=True,
        )
        quadrant = Quadrant(st.session_state.get("join_quadrant", Quadrant.SAYS))
        st.chat_input(
            web.tr("empathy.add_placeholder", quadrant=web.tr(f"empathy.quadrant.{quadrant.value}")),
            key="join_note",
            max_chars=TEXT_MAX,
            on_submit=_add_note,
        )
        nudges.show_for_box(PHONE_PLACE, lambda held: _send_note(held["text"], held["quadrant"]))


def _vote(item_id: int, up: bool) -> None:
    """A refusal (budget spent, three on this item, voting closed) is shown on the item itself."""
    service = svc.cast_vote if up else svc.take_back_vote
    try:
        _read(service, code=join_code(), token=participant_token(), item_id=item_id)
        st.session_state.pop(FEEDBACK_KEY, None)
    except DomainError as error:
        st.session_state[FEEDBACK_KEY] = (item_id, error_message(error, web.lang()))


def vote_list(view: ParticipantView) -> None:
    st.subheader(web.tr("live.vote.title"), anchor=False)
    if view.revealed:
        st.success(web.tr("live.vote.revealed"), icon="🏆")
    elif view.votes_open:
        st.caption(web.tr("live.vote.hint", budget=view.budget, cap=PER_ITEM_MAX))
    else:
        st.info(web.tr("live.votes_closed"), icon="🔒")
    items = sorted(view.items, key=lambda i: -(i.total or 0)) if view.revealed else list(view.items)
    if not items:
        st.caption(web.tr("live.vote.empty"))
    shown, more = _page_of(items)
    for item in shown:
        _item(view, item)
    if more:
        if st.button(web.tr("live.vote.more", count=min(ITEMS_PER_PAGE, more)), key="join_more"):
            st.session_state[PAGE_KEY] = st.session_state.get(PAGE_KEY, ITEMS_PER_PAGE) + ITEMS_PER_PAGE
            st.rerun()


def _page_of(items: list[ItemView]) -> tuple[list[ItemView], int]:
    """A long board a page at a time: with 100 people writing, every phone would otherwise redraw
    hundreds of items (each with its buttons) at each poll. A choice of the board's kind of item
    (quadrant, pain or opportunity) narrows the list; "show more" adds the next page. Items the
    participant has dots on come first, so taking a dot back never needs a search; then, before the
    reveal, the newest (a note just sent is on the first page), after it the ranking. Returns the
    items to draw and how many more there are."""
    if len(items) <= ITEMS_PER_PAGE:
        return items, 0
    kinds = list(dict.fromkeys(i.group for i in items))
    # labels without counts: a label that changed with every note would make a new widget each poll
    # and drop the participant's choice
    # the labels in this run's language, also when the label function is called after the run
    language = web.lang()
    chosen = st.radio(
        web.tr("live.vote.show"),
        [ALL_KINDS, *kinds],
        key=SHOW_KEY,
        horizontal=True,
        format_func=lambda kind: _kind_label(kind, language),
    )
    if chosen not in (ALL_KINDS, *kinds):
        chosen = ALL_KINDS
    wanted = [i for i in items if chosen == ALL_KINDS or i.group == chosen]
    if not any(i.total is not None for i in wanted):  # before the reveal: the newest first, so a
        wanted.reverse()  # note just sent is on the first page
    wanted.sort(key=lambda i: i.mine == 0)  # stable: otherwise that order (or the ranking)
    limit = st.session_state.get(PAGE_KEY, ITEMS_PER_PAGE)
    shown = wanted[:limit]
    st.caption(web.tr("live.vote.showing", shown=len(shown), total=len(wanted)))
    return shown, len(wanted) - len(shown)


def _kind_label(kind: str, language: str) -> str:
    if kind == ALL_KINDS:
        return t("live.vote.all", language)
    quadrant = kind in {q.value for q in Quadrant}
    return t(f"empathy.quadrant.{kind}" if quadrant else f"live.group.{kind}", language)


def _item(view: ParticipantView, item: ItemView) -> None:
    with st.container(key=f"joinitem_{item.group}_{item.id}"):
        quadrant = item.group in {q.value for q in Quadrant}
        st.caption(web.tr(f"empathy.quadrant.{item.group}" if quadrant else f"live.group.{item.group}"))
        if item.notes:  # a group the facilitator made: its title, then the notes it holds
            st.markdown(f"**🧩 {web.md(item.text)}**")
            st.caption(web.tr("live.vote.group_notes", count=len(item.notes)))
            st.markdown("\n".join(f"- {web.md(text)}" for text in item.notes))
        else:
            st.markdown(web.md(item.text))
        with st.container(horizontal=True, vertical_alignment="center", gap="small"):
            dots = "●" * item.mine + "○" * (PER_ITEM_MAX - item.mine)
            st.markdown(f"<span class='live-dots'>{dots}</span>", unsafe_allow_html=True)
            if item.total is not None:
                st.markdown(f"**{web.tr('live.vote.total', count=item.total)}**")
            st.button(
                "➖",
                key=f"join_unvote_{item.id}",
                on_click=_vote,
                args=(item.id, False),
                disabled=not view.votes_open or item.mine == 0,
                help=web.tr("live.vote.down"),
            )
            st.button(
                "➕",
                key=f"join_vote_{item.id}",
                on_click=_vote,
                args=(item.id, True),
                disabled=not view.votes_open,
                help=web.tr("live.vote.up"),
            )
        feedback = st.session_state.get(FEEDBACK_KEY)
        if feedback and feedback[0] == item.id:
            st.warning(feedback[1], icon="✋")


def keep_in_step(view: ParticipantView) -> None:
    """The phone redraws when its board's workshop moved, polled through the join code (a participant
    reads nothing by a workshop's id)."""
    code = view.code
    watch(lambda: _poll(code), view.revision, view.timer_deadline, every=PHONE_POLL_SECONDS)


def _poll(code: str) -> int | None:
    try:
        return _read(svc.board_revision, code=code)
    except DomainError:
        return None
