"""What a link says about the browser session: ``?join=CODE`` makes it a participant in the room,
``?workshop=ID`` opens a screen on that workshop (the projector's link, ``/empathy?workshop=ID``).

Query parameters vanish on page navigation and the whole session is lost when a phone's connection
drops, so the code is copied into the session here and the participant's token lives in the URL
(``/?join=CODE&p=TOKEN``): a reload or a locked phone comes back as the same person.
"""

from __future__ import annotations

import streamlit as st

from pmo_insight import web
from pmo_insight.live.codes import normalise_code
from pmo_insight.roles import Role

JOIN_PARAM, TOKEN_PARAM, WORKSHOP_PARAM = "join", "p", "workshop"
CODE_KEY, TOKEN_KEY, LINKED_WORKSHOP_KEY = "_join_code", "_join_token", "_linked_workshop"


def claim_links() -> None:
    """Run by app.py before anything is drawn."""
    params = st.query_params
    if JOIN_PARAM in params:
        web.set_role(Role.PARTICIPANT)
        st.session_state[CODE_KEY] = normalise_code(params.get(JOIN_PARAM))
        if params.get(TOKEN_PARAM):
            st.session_state[TOKEN_KEY] = params.get(TOKEN_PARAM)
    elif web.role() is Role.PARTICIPANT and st.session_state.get(CODE_KEY):
        # Back in the address bar after a rerun lost it: the link stays shareable and reloadable.
        params[JOIN_PARAM] = st.session_state[CODE_KEY]
        if st.session_state.get(TOKEN_KEY):
            params[TOKEN_PARAM] = st.session_state[TOKEN_KEY]
    linked = params.get(WORKSHOP_PARAM)
    if linked and linked.isdigit() and st.session_state.get(LINKED_WORKSHOP_KEY) != linked:
        st.session_state[LINKED_WORKSHOP_KEY] = linked  # once per link, so the sidebar can still switch
        web.set_current_workshop(int(linked))


def join_code() -> str:
    return st.session_state.get(CODE_KEY, "")


def participant_token() -> str | None:
    return st.session_state.get(TOKEN_KEY)


def remember_token(token: str | None) -> None:
    if token is None:
        st.session_state.pop(TOKEN_KEY, None)
        st.query_params.pop(TOKEN_PARAM, None)
    else:
        st.session_state[TOKEN_KEY] = token
        st.query_params[TOKEN_PARAM] = token
