"""Typed-but-unsaved input that survives a page switch or a switch to another persona, map, journey
or canvas and back.

Streamlit drops the state of every widget not drawn in a run, so text typed into an editor and not
saved yet would vanish when the user leaves the screen. A tracked widget copies each change into a
plain session key (``_draft:<widget key>``), which Streamlit keeps; when the widget is drawn again
without its state, the draft is put back before it is drawn, and a caption says it is not saved.
The draft goes when the save succeeds (``clear``) or when the user takes a colleague's version in the
conflict panel (``conflict`` clears the drafts of the fields it resets).

Use: ``st.text_input(label, value=stored, **drafts.track(key))`` (``track`` returns ``key`` and
``on_change``), then ``drafts.unsaved_mark(key, ...)`` where the mark should show. Widgets inside an
``st.form`` cannot report a change before the form is submitted, so an editor that must keep typed
text is drawn without a form.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import streamlit as st

from pmo_insight import web

DRAFT_PREFIX = "_draft:"
_MISSING = object()


def _draft_key(key: str) -> str:
    return DRAFT_PREFIX + key


def restore(key: str) -> str:
    """Call before drawing the widget ``key``: if its state is gone but a draft exists, put it back."""
    draft = st.session_state.get(_draft_key(key), _MISSING)
    if draft is not _MISSING and key not in st.session_state:
        st.session_state[key] = draft
    return key


def remember(key: str, then: Callable[[], Any] | None = None) -> None:
    """The widget's ``on_change``: copy its value into the draft (and run ``then`` if given)."""
    st.session_state[_draft_key(key)] = st.session_state.get(key)
    if then is not None:
        then()


def track(key: str) -> dict[str, Any]:
    """``key`` and ``on_change`` for a widget whose input must outlive a page switch."""
    return {"key": restore(key), "on_change": remember, "args": (key,)}


def has_draft(*keys: str) -> bool:
    return any(_draft_key(key) in st.session_state for key in keys)


def clear(*keys: str) -> None:
    """The input was saved (or dropped on purpose): nothing left to restore."""
    for key in keys:
        st.session_state.pop(_draft_key(key), None)


def clear_prefix(prefix: str) -> None:
    """Forget the drafts of every widget whose key starts with ``prefix`` (e.g. an add form's keys)."""
    for name in [k for k in st.session_state if isinstance(k, str) and k.startswith(_draft_key(prefix))]:
        st.session_state.pop(name, None)


def unsaved(keys: Iterable[str], stored: Iterable[Any] | None = None) -> bool:
    """A draft is held for one of ``keys`` and differs from the stored value beside it (when given)."""
    keys = list(keys)
    values = list(stored) if stored is not None else [_MISSING] * len(keys)
    for key, value in zip(keys, values, strict=True):
        draft = st.session_state.get(_draft_key(key), _MISSING)
        if draft is _MISSING or (value is _MISSING and draft in (None, "", [])):
            continue
        if value is _MISSING or draft != value:
            return True
    return False


def unsaved_mark(keys: Iterable[str], stored: Iterable[Any] | None = None, *, where=None) -> bool:
    """Show "Unsaved draft" when the editor holds input not saved yet; returns whether it did."""
    if not unsaved(keys, stored):
        return False
    (where or st).caption(f"📝 {web.tr('draft.unsaved')}")
    return True
