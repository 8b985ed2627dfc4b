"""The Streamlit side of the app: one engine, the browser session's choices, and service calls.

Pages stay thin by calling services through :func:`call`, which owns the unit of work and turns
domain errors into a translated message, so no page opens a session or catches an exception.
This is the only module of the package that imports Streamlit.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

import streamlit as st
from sqlalchemy import Engine

from pmo_insight.domain.chain import WorkshopChain
from pmo_insight.errors import DomainError, StaleVersion
from pmo_insight.i18n import LANGUAGES, error_message, language_from_locale, t
from pmo_insight.persistence.db import make_engine, migrate, session_scope
from pmo_insight.roles import Role, guard
from pmo_insight.services.chain_cache import cached_chain

T = TypeVar("T")
LANG_KEY = "lang"
WORKSHOP_KEY = "workshop_id"
FLASH_KEY = "_flash"
NEXT_WORKSHOP_KEY = "_next_workshop_id"
SEEN_PREFIX = "_seen_version:"
SHELL_KEY = "_shell_ran"
ROLE_KEY = "_role"


@st.cache_resource(show_spinner=False)
def engine() -> Engine:
    """The app's engine, created and migrated once per server process."""
    eng = make_engine()
    migrate(eng)
    return eng


def mark_shell() -> None:
    """Called by app.py on every run, before the page: the shell (sidebar, navigation) is drawn."""
    st.session_state[SHELL_KEY] = True


def require_shell() -> None:
    """First line of every page: make sure the page runs inside app.py.

    Because the client's layout has a ``pages/`` folder, Streamlit starts in its old folder
    mode and, until app.py has run once in the process, serves a page URL opened directly by
    running that page file alone: no sidebar, no current workshop. Switching the mode off and
    rerunning sends the same URL through app.py's navigation.
    """
    if not st.session_state.pop(SHELL_KEY, False):
        from streamlit.runtime.pages_manager import PagesManager

        PagesManager.uses_pages_directory = False
        st.rerun()


def lang() -> str:
    """The browser session's language: chosen in the sidebar, else the browser's locale."""
    if LANG_KEY not in st.session_state:
        st.session_state[LANG_KEY] = language_from_locale(st.context.locale)
    return st.session_state[LANG_KEY]


def tr(key: str, **params: object) -> str:
    return t(key, lang(), **params)


def role() -> Role:
    """The browser session's role; a session nobody identified is signed out (it may call nothing)."""
    return st.session_state.get(ROLE_KEY, Role.SIGNED_OUT)


def set_role(new_role: Role) -> None:
    st.session_state[ROLE_KEY] = new_role


#: Checks that may take the role away before a service call (the front door registers one: a
#: fragment's run does not pass through app.py, where the role is decided at each full run).
ROLE_CHECKS: list[Callable[[], None]] = []


def _current_role() -> Role:
    for check in ROLE_CHECKS:
        check()
    return role()


def run(service: Callable[..., T], /, **kwargs: Any) -> T:
    """Run one service in its own transaction, the role guarded first; domain errors propagate."""
    guard(_current_role(), service)
    with session_scope(engine()) as session:
        return service(session, **kwargs)


def call(service: Callable[..., T], /, *, seen_key: str | None = None, **kwargs: Any) -> T | None:
    """Run one service in its own transaction; on a domain error show why and return None.

    This is where the session's role is enforced: a service the role may not call is refused
    before any transaction opens, whatever widget (or forged widget event) asked for it.
    ``seen_key`` names the item whose seen version a stale refusal resets (only that one).
    """
    try:
        return run(service, **kwargs)
    except DomainError as error:
        report(error, seen_key=seen_key)
        return None


def report(error: DomainError, *, seen_key: str | None = None) -> None:
    """Show a domain error. A stale refusal resets the refused item's seen version, never another's:
    every other open editor still holds input typed against the version it showed."""
    if isinstance(error, StaleVersion) and seen_key is not None:
        forget_seen(seen_key)
    st.error(error_message(error, lang()), icon="⚠️")


def seen_version(item_key: str, current: int) -> int:
    """The version an edit started from: the one shown when the editor was first drawn.

    Every rerun reloads rows, so quoting the freshly loaded version would silently overwrite
    a colleague's save made in between; quoting the first-seen one makes the service refuse it.
    """
    return st.session_state.setdefault(SEEN_PREFIX + item_key, current)


def forget_seen(item_key: str) -> None:
    """After the user's own save: the next edit starts from the new version."""
    st.session_state.pop(SEEN_PREFIX + item_key, None)


def attempt(service: Callable[..., object], /, *, seen_key: str | None = None, **kwargs: Any) -> bool:
    """Like :func:`call` for services that return nothing: True when the change was made."""
    try:
        run(service, **kwargs)
        return True
    except DomainError as error:
        report(error, seen_key=seen_key)
        return False


def call_quietly(service: Callable[..., T], /, **kwargs: Any) -> tuple[T | None, str | None]:
    """Like :func:`call`, but the refusal is returned as a message instead of shown: for a callback,
    which runs before the page is drawn, to show it next to its own form."""
    try:
        guard(_current_role(), service)
        with session_scope(engine()) as session:
            return service(session, **kwargs), None
    except DomainError as error:
        if isinstance(error, StaleVersion):
            for key in [k for k in st.session_state if str(k).startswith(SEEN_PREFIX)]:
                del st.session_state[key]
        return None, error_message(error, lang())


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&])")


def md(text: str) -> str:
    """User text made literal inside Markdown: no links, emphasis, HTML or directives."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text).replace("\n", "  \n")


def current_workshop_id() -> int | None:
    return st.session_state.get(WORKSHOP_KEY)


def set_current_workshop(workshop_id: int | None) -> None:
    """Takes effect at the next run: the sidebar's selector owns the value once it is drawn."""
    st.session_state[NEXT_WORKSHOP_KEY] = workshop_id


def current_chain(*, responses: bool = False) -> WorkshopChain:
    """The current workshop's whole chain, from the process-wide cache (one look-up when unchanged).

    The survey answers come only with ``responses`` (the evidence screen, the history's diff);
    other screens never read them. Without a current workshop the screen says where to get one
    and stops there.
    """
    workshop_id = current_workshop_id()
    if workshop_id is None:
        st.info(tr("common.no_workshop"), icon="🏠")
        st.page_link("pages/home.py", label=tr("nav.home"), icon="🏠")
        st.stop()
    chain = call(cached_chain, workshop_id=workshop_id, responses=responses)
    if chain is None:
        st.stop()
    return chain


def flash(message: str) -> None:
    """A confirmation that survives the rerun a successful action triggers."""
    st.session_state[FLASH_KEY] = message


def show_flash() -> None:
    message = st.session_state.pop(FLASH_KEY, None)
    if message:
        st.success(message, icon="✅")


def language_picker() -> None:
    # Re-asserting a widget's own value keeps it across page switches; otherwise Streamlit may
    # redraw the radio at its default while the session still speaks the chosen language.
    st.session_state[LANG_KEY] = lang()
    st.radio(
        t("sidebar.language", lang()),
        LANGUAGES,
        key=LANG_KEY,
        format_func=lambda code: t(f"language.{code}", code),
        horizontal=True,
    )


def workshop_picker(workshops: list[tuple[int, str]]) -> None:
    """The sidebar's current-workshop selector; forgets a workshop that no longer exists."""
    ids = [wid for wid, _ in workshops]
    titles = dict(workshops)
    if NEXT_WORKSHOP_KEY in st.session_state:
        st.session_state[WORKSHOP_KEY] = st.session_state.pop(NEXT_WORKSHOP_KEY)
    # Re-asserted on every run, like the language, so a page switch never loses it.
    st.session_state[WORKSHOP_KEY] = current_workshop_id() if current_workshop_id() in ids else (ids or [None])[0]
    if not ids:
        st.caption(tr("sidebar.no_workshop"))
        return
    st.selectbox(tr("sidebar.workshop"), ids, key=WORKSHOP_KEY, format_func=lambda wid: titles.get(wid, str(wid)))


def fmt_date(value: date | None) -> str:
    return value.isoformat() if value else "—"
