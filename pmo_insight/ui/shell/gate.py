"""The front door for a browser session: the direct-loopback check, the facilitator link, the throttle.

- **Local browser**: the session's websocket comes straight from a loopback address (the TCP peer
  Streamlit records for the connection, ``client_context.remote_ip``, which a client cannot
  choose) and its handshake carries no proxy header. That is the browser on the machine that runs
  the server. No client context at all (nothing connected) is never local.
- **Facilitator link** (``/?facilitator=KEY``): the key is taken out of the address bar on the
  first run and checked against the stored hash (:mod:`pmo_insight.access.facilitator_key`); a
  right key leaves the hash in the session as its marker, and every run compares the marker with
  the hash in force, so a rotation takes the rights away at the session's next interaction.
- **Throttle**: a wrong key or passphrase counts against the session and the client address
  (:mod:`pmo_insight.access.throttle`); while refused, nothing is compared.

These calls run before a role exists, so they go to the database directly, not through the
role-guarded service layer (a signed-out session may call no service).
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass

import streamlit as st

from pmo_insight import web
from pmo_insight.access import facilitator_key, throttle
from pmo_insight.access.peer import is_direct_loopback
from pmo_insight.persistence.db import session_scope
from pmo_insight.roles import Role

KEY_MARKER = "_facilitator_key_sha256"
SUBJECT_KEY = "_sign_in_subject"
NOTICE_KEY = "_sign_in_notice"


@dataclass(frozen=True)
class Peer:
    """Where the session's connection comes from: the TCP peer address and the handshake's headers."""

    address: str | None
    headers: tuple[tuple[str, str], ...]


def client_peer() -> Peer:
    """The session's connection as Streamlit's runtime recorded it; an empty peer when there is none."""
    try:
        from streamlit import runtime
        from streamlit.runtime.scriptrunner import get_script_run_ctx

        ctx = get_script_run_ctx()
        if ctx is None or not runtime.exists():
            return Peer(None, ())
        client = runtime.get_instance().get_client(ctx.session_id)
        context = getattr(client, "client_context", None) if client is not None else None
        if context is None:
            return Peer(None, ())
        headers: Iterable[tuple[str, str]] = context.headers or ()
        return Peer(context.remote_ip, tuple((str(k), str(v)) for k, v in headers))
    except Exception:  # noqa: BLE001 - whatever goes wrong, the session is simply not local
        return Peer(None, ())


def is_local_browser() -> bool:
    peer = client_peer()
    return is_direct_loopback(peer.address, peer.headers)


def _subjects() -> list[str]:
    """Whom a sign-in attempt counts against: this browser session, and its client address."""
    mine = st.session_state.setdefault(SUBJECT_KEY, secrets.token_hex(16))
    found = [throttle.subject("session", mine)]
    address = client_peer().address
    if address:
        found.append(throttle.subject("address", address))
    return found


def refused_for() -> int:
    """Seconds this session must wait before it may try again (0: it may try now)."""
    with session_scope(web.engine()) as session:
        return throttle.refused_for(session, _subjects())


def _notice(kind: str, seconds: int = 0) -> None:
    st.session_state[NOTICE_KEY] = (kind, seconds)


def notice() -> tuple[str, int] | None:
    """What the sign-in screen should say about the last attempt: ("link_invalid"|"wrong"|"locked", seconds)."""
    return st.session_state.get(NOTICE_KEY)


def claim_facilitator_link() -> None:
    """``?facilitator=KEY``: out of the address bar at once; a right key marks the session."""
    key = st.query_params.get(facilitator_key.QUERY_PARAM)
    if key is None:
        return
    del st.query_params[facilitator_key.QUERY_PARAM]
    subjects = _subjects()
    with session_scope(web.engine()) as session:
        wait = throttle.refused_for(session, subjects)
        if wait:
            _notice("locked", wait)
            return
        matched = facilitator_key.matching_hash(session, key)
        if matched is None:
            wait = throttle.record_failure(session, subjects)
            _notice("locked" if wait else "link_invalid", wait)
            return
        throttle.forget_failures(session, subjects)
    st.session_state[KEY_MARKER] = matched
    st.session_state.pop(NOTICE_KEY, None)


def holds_current_key() -> bool:
    """The session claimed the key that is in force now (one primary-key look-up per run)."""
    marker = st.session_state.get(KEY_MARKER)
    if not marker:
        return False
    with session_scope(web.engine()) as session:
        current = facilitator_key.current_hash(session)
    if current != marker:
        st.session_state.pop(KEY_MARKER, None)
        _notice("link_invalid")
        return False
    return True


def _in_fragment_run() -> bool:
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    return bool(ctx is not None and ctx.fragment_ids_this_run)


def recheck_in_fragment() -> None:
    """Before a service call in a fragment's run (a live board polling on its own): a session
    whose facilitator link was replaced meanwhile is signed out there too, not only at its next
    full run. Full runs were checked by app.py already; sessions without a link cost nothing."""
    if st.session_state.get(KEY_MARKER) and _in_fragment_run() and not holds_current_key():
        web.set_role(Role.SIGNED_OUT)
        st.rerun()  # the whole page: app.py shows the sign-in screen


web.ROLE_CHECKS.append(recheck_in_fragment)


def check_passphrase(matches) -> bool:
    """One passphrase attempt through the throttle; ``matches()`` is only called when not refused."""
    subjects = _subjects()
    with session_scope(web.engine()) as session:
        wait = throttle.refused_for(session, subjects)
        if wait:
            _notice("locked", wait)
            return False
        if matches():
            throttle.forget_failures(session, subjects)
            st.session_state.pop(NOTICE_KEY, None)
            return True
        wait = throttle.record_failure(session, subjects)
    _notice("locked" if wait else "wrong", wait)
    return False


def new_second_device_link() -> str | None:
    """For the server's own browser only: a new facilitator link (the previous one stops working)."""
    if not is_local_browser():
        return None
    with session_scope(web.engine()) as session:
        key = facilitator_key.rotate_key(session)
    from pmo_insight.ui.live.common import public_base

    return public_base() + facilitator_key.link_path(key)
