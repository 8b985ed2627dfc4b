"""Which role this browser session has, decided once per run before any screen is drawn.

- A session that opened ``/?review=TOKEN`` is a **reviewer**; the token is copied to the session
  and written back to the address bar on every run, so a reload or a page change keeps the role.
  Dropping it from the address bar in the same session changes nothing.
- A session that claimed the **facilitator link** (``/?facilitator=KEY``, :mod:`pmo_insight.ui.shell.gate`)
  is the facilitator while that key is the one in force.
- When facilitator sign-in is configured (a passphrase hash in the environment, or OpenID
  Connect through ``st.login`` with an ``[auth]`` section in the secrets), the session is the
  **facilitator** only after signing in.
- With nothing configured (the single-laptop default), the **browser on the server's own
  machine** (direct loopback peer, no proxy header) is the facilitator.
- Everything else is **signed out**: the sign-in screen only, no workshop data, and the web
  layer's guard refuses it every service.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import streamlit as st

from pmo_insight import web
from pmo_insight.domain.chain import WorkshopChain
from pmo_insight.errors import DomainError
from pmo_insight.persistence.db import session_scope
from pmo_insight.review.signin import passphrase_hash, passphrase_matches
from pmo_insight.roles import Role, guard
from pmo_insight.services.review_links import QUERY_PARAM, ReviewAccess, check_review_link, review_chain
from pmo_insight.ui.shell import gate

TOKEN_KEY = "_review_token"
SIGNED_IN_KEY = "_facilitator_signed_in"
#: How this session became the facilitator: "local", "link" or "sign_in" (None: it is not one).
VIA_KEY = "_facilitator_via"
WORKSHOP_PARAM = "workshop"
_APPLIED_WORKSHOP = "_workshop_param_applied"


class Access(StrEnum):
    FACILITATOR = "facilitator"
    REVIEWER = "reviewer"
    SIGN_IN = "sign_in"
    PORTFOLIO = "portfolio"


PORTFOLIO_TOKEN_KEY = "_portfolio_token"
PORTFOLIO_PARAM = "portfolio"


def portfolio_token() -> str | None:
    return st.session_state.get(PORTFOLIO_TOKEN_KEY)


def review_token() -> str | None:
    return st.session_state.get(TOKEN_KEY)


def _secrets_files_exist() -> bool:
    from streamlit import config

    return any(Path(path).expanduser().is_file() for path in config.get_option("secrets.files") or [])


def oidc_configured() -> bool:
    """An ``[auth]`` section in the Streamlit secrets. Without a secrets file, ``st.secrets`` is not
    touched at all (reading it watches the missing files, which kept the first run from finishing)."""
    if not _secrets_files_exist():
        return False
    try:
        return "auth" in st.secrets
    except Exception:  # an unreadable secrets file: no OpenID Connect
        return False


def oidc_signed_in() -> bool:
    try:
        return bool(oidc_configured() and st.user.is_logged_in)
    except Exception:
        return False


def sign_in_configured() -> bool:
    return passphrase_hash() is not None or oidc_configured()


def resolve() -> Access:
    """Decide (and record for the web layer's guard) what this session is."""
    portfolio = st.query_params.get(PORTFOLIO_PARAM) or portfolio_token()
    if portfolio and not review_token():
        # ?portfolio=TOKEN: read-only, the portfolio link's reads only (pmo_insight/portfolio/links.py)
        st.session_state[PORTFOLIO_TOKEN_KEY] = portfolio
        if st.query_params.get(PORTFOLIO_PARAM) != portfolio:
            st.query_params[PORTFOLIO_PARAM] = portfolio
        web.set_role(Role.PORTFOLIO)
        return Access.PORTFOLIO
    token = st.query_params.get(QUERY_PARAM) or review_token()
    if token:
        st.session_state[TOKEN_KEY] = token
        if st.query_params.get(QUERY_PARAM) != token:
            st.query_params[QUERY_PARAM] = token
        web.set_role(Role.REVIEWER)
        return Access.REVIEWER
    gate.claim_facilitator_link()
    via = _facilitator_via()
    st.session_state[VIA_KEY] = via
    if via is None:
        web.set_role(Role.SIGNED_OUT)  # every service refused, and no screen reads a workshop
        return Access.SIGN_IN
    web.set_role(Role.FACILITATOR)
    return Access.FACILITATOR


def _facilitator_via() -> str | None:
    if gate.holds_current_key():
        return "link"
    if sign_in_configured():
        return "sign_in" if st.session_state.get(SIGNED_IN_KEY) or oidc_signed_in() else None
    return "local" if gate.is_local_browser() else None


def facilitator_is_local() -> bool:
    """The facilitator of this run is the browser on the server's own machine (nothing configured)."""
    return st.session_state.get(VIA_KEY) == "local"


def try_passphrase(attempt: str) -> bool:
    """One passphrase attempt, throttled; a refused one is not even compared."""
    if gate.check_passphrase(lambda: passphrase_matches(attempt, passphrase_hash())):
        st.session_state[SIGNED_IN_KEY] = True
        return True
    return False


def follow_workshop_link() -> None:
    """``?workshop=ID`` opens that workshop (once per value), before the sidebar's picker is drawn."""
    raw = st.query_params.get(WORKSHOP_PARAM)
    if raw and raw != st.session_state.get(_APPLIED_WORKSHOP):
        st.session_state[_APPLIED_WORKSHOP] = raw
        if raw.isdigit():
            web.set_current_workshop(int(raw))


def show_workshop_in_url() -> None:
    """After the picker: the address bar names the current workshop, so the URL can be shared."""
    current = web.current_workshop_id()
    if current is None:
        return
    value = str(current)
    st.session_state[_APPLIED_WORKSHOP] = value
    if st.query_params.get(WORKSHOP_PARAM) != value:
        st.query_params[WORKSHOP_PARAM] = value


def open_review(token: str | None) -> tuple[ReviewAccess, WorkshopChain] | None:
    """What the token opens, read in one transaction through the role guard; None for a link that is
    unknown, expired or revoked, so the page can say so once instead of showing an error box."""
    if not token:
        return None
    try:
        guard(web.role(), check_review_link)
        guard(web.role(), review_chain)
        with session_scope(web.engine()) as session:
            return check_review_link(session, token=token), review_chain(session, token=token)
    except DomainError:
        return None
