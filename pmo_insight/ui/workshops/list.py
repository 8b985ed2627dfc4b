"""Home's list of workshops when a PMO has many: a search over each workshop's facts and a page of
cards at a time (the current workshop first), so Home stays quick with a few years of workshops."""

from __future__ import annotations

import streamlit as st

from pmo_insight import web
from pmo_insight.models import NAME_MAX
from pmo_insight.services import workshops as svc

tr = web.tr

#: Cards drawn at once: a PMO's four years (200 workshops) would otherwise draw 200 cards, each
#: with its popovers, at every rerun; the rest are one search or one "show more" away.
CARDS_PER_PAGE = 12
SHOWN_KEY, FIND_KEY = "_home_cards_shown", "home_find"


def _matches(summary: svc.WorkshopSummary, words: list[str]) -> bool:
    ws = summary.workshop
    text = " ".join((ws.title, ws.department, ws.organisation, ws.facilitator, ws.sponsor)).casefold()
    return all(w in text for w in words)


def workshop_page(summaries: list[svc.WorkshopSummary]) -> list[svc.WorkshopSummary]:
    """The cards to draw: the current workshop first, then the others (or those a search finds)."""
    if len(summaries) <= CARDS_PER_PAGE:
        return summaries
    words = (
        st.text_input(tr("home.list.find"), key=FIND_KEY, placeholder=tr("home.list.find_hint"), max_chars=NAME_MAX)
        .casefold()
        .split()
    )
    current = web.current_workshop_id()
    found = sorted((s for s in summaries if _matches(s, words)), key=lambda s: s.workshop.id != current)
    shown = found[: st.session_state.get(SHOWN_KEY, CARDS_PER_PAGE)]
    st.caption(tr("home.list.showing", shown=len(shown), found=len(found), total=len(summaries)))
    st.session_state["_home_cards_found"] = len(found)
    return shown


def more_button(summaries: list[svc.WorkshopSummary]) -> None:
    found = st.session_state.get("_home_cards_found", len(summaries))
    shown = st.session_state.get(SHOWN_KEY, CARDS_PER_PAGE)
    if len(summaries) > CARDS_PER_PAGE and found > shown:
        if st.button(tr("home.list.more", count=min(CARDS_PER_PAGE, found - shown)), key="home_more"):
            st.session_state[SHOWN_KEY] = shown + CARDS_PER_PAGE
            st.rerun()
