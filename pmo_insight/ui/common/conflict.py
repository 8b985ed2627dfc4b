"""One conflict widget for every versioned editor: a refused save becomes a decision, never a loss.

An editor quotes the version it first showed (``web.seen_version``). When a colleague saved in
between, the service refuses the save (``StaleVersion``): the user's input stays in the widgets,
and this module shows the colleague's current value beside it with two choices — keep mine (save
over theirs, quoting their version) or take theirs (drop my input and show theirs). Until the user
chooses, Save keeps being refused, so an overwrite is always a decision. Only the refused item's
state changes; every other open editor keeps the version it showed.

A stale delete is a decision too (:func:`delete`): when a colleague changed the item since this
user's view, nothing is deleted and their current version is shown, with the choice to delete
anyway (quoting their version) or keep theirs.

Typed input is kept across page switches as drafts (``pmo_insight.ui.common.drafts``): a successful save
or delete, or taking the colleague's version, ends the drafts of the item's fields, and while a
draft is held the editor says it is not saved.

Widget keys are stable: ``conflict_keep_<item>``, ``conflict_take_<item>`` and the container
``conflict_<item>`` (for a delete: ``conflict_delete_<item>``, ``conflict_keeptheirs_<item>`` and
``conflict_del_<item>``), where ``<item>`` is the editor's item key with ``:`` replaced by ``_`` (and
``_<part>`` added when two editors of one row, e.g. a canvas's title and its statement, each have one).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import streamlit as st

from pmo_insight import web
from pmo_insight.errors import DomainError, StaleVersion
from pmo_insight.ui.common import drafts

T = TypeVar("T")
CONFLICT_PREFIX = "_conflict:"
DELETE_PREFIX = "_conflict_delete:"


@dataclass(frozen=True)
class Field:
    """One edited value: its label, the widget holding the user's input, and the stored value in
    the widget's own form (what ``value=`` would be), with an optional way to show a value."""

    label: str
    widget_key: str
    theirs: Any
    show: Callable[[Any], str] | None = None

    def shown(self, value: Any) -> str:
        if self.show is not None:
            return self.show(value)
        if value is None or value == "" or value == []:
            return web.tr("conflict.empty")
        if isinstance(value, list | tuple):
            return ", ".join(str(v) for v in value)
        return str(value)


@dataclass(frozen=True)
class _Editor:
    item_key: str
    part: str

    @property
    def slug(self) -> str:
        return self.item_key.replace(":", "_") + (f"_{self.part}" if self.part else "")

    @property
    def state_key(self) -> str:
        return CONFLICT_PREFIX + self.slug


def mark(item_key: str, part: str = "") -> None:
    """Open the item's conflict panel after a batch save (several items at once) was refused for it."""
    st.session_state[_Editor(item_key, part).state_key] = True


def forget(item_key: str, part: str = "") -> None:
    """A fresh start for the item's editor: no open conflict, the next save quotes today's version."""
    _clear(_Editor(item_key, part))


def in_conflict(item_key: str, part: str = "") -> bool:
    return bool(st.session_state.get(_Editor(item_key, part).state_key))


def _clear(editor: _Editor) -> None:
    st.session_state.pop(editor.state_key, None)
    web.forget_seen(editor.item_key)


def save(
    item_key: str,
    service: Callable[..., T],
    /,
    *,
    version: int,
    fields: Sequence[Field],
    clicked: bool,
    part: str = "",
    **kwargs: Any,
) -> T | None:
    """Draw the save's outcome for one versioned item; the saved row when this run saved it.

    Call it on every run, after the editor's widgets, with ``clicked`` = the Save button's value,
    ``version`` = the row's version as loaded now, and the service's arguments except
    ``expected_version`` (the seen version is quoted). A stale refusal opens the conflict panel.
    """
    editor = _Editor(item_key, part)
    seen = web.seen_version(item_key, version)
    if clicked:
        result = _attempt(editor, fields, service, expected_version=seen, **kwargs)
        if result is not None:
            return result
    drafts.unsaved_mark([f.widget_key for f in fields], [f.theirs for f in fields])
    if st.session_state.get(editor.state_key):
        return _panel(editor, service, version, fields, kwargs)
    return None


def _attempt(editor: _Editor, fields: Sequence[Field], service: Callable[..., T], /, **kwargs: Any) -> T | None:
    try:
        result = web.run(service, **kwargs)
    except StaleVersion as error:
        st.session_state[editor.state_key] = True
        web.report(error)
        return None
    except DomainError as error:
        web.report(error)
        return None
    _clear(editor)
    drafts.clear(*(f.widget_key for f in fields))
    return result


def _panel(
    editor: _Editor, service: Callable[..., T], version: int, fields: Sequence[Field], kwargs: dict[str, Any]
) -> T | None:
    slug = editor.slug
    differing = [f for f in fields if st.session_state.get(f.widget_key, f.theirs) != f.theirs] or list(fields)
    with st.container(border=True, key=f"conflict_{slug}"):
        st.warning(web.tr("conflict.title"), icon="🔀")
        theirs_col, mine_col = st.columns(2)
        theirs_col.markdown(f"**{web.tr('conflict.theirs')}**")
        mine_col.markdown(f"**{web.tr('conflict.mine')}**")
        for field in differing:
            mine = st.session_state.get(field.widget_key, field.theirs)
            theirs_col.markdown(f"*{web.md(field.label)}*  \n{web.md(field.shown(field.theirs))}")
            mine_col.markdown(f"*{web.md(field.label)}*  \n{web.md(field.shown(mine))}")
        keep_col, take_col = st.columns(2)
        keep = keep_col.button(f"✍️ {web.tr('conflict.keep_mine')}", key=f"conflict_keep_{slug}", type="primary")
        take_col.button(
            f"↩️ {web.tr('conflict.take_theirs')}",
            key=f"conflict_take_{slug}",
            on_click=_take_theirs,
            args=(editor, tuple(fields)),
        )
    if keep:
        # Quoting the version shown beside the user's input: if it moved again, refused again.
        result = _attempt(editor, fields, service, expected_version=version, **kwargs)
        if result is not None:
            web.flash(web.tr("conflict.kept_mine"))
            return result
    return None


def _take_theirs(editor: _Editor, fields: tuple[Field, ...]) -> None:
    """A callback (it runs before the widgets are drawn): the widgets show the stored values."""
    _show_theirs(fields)
    _clear(editor)
    web.flash(web.tr("conflict.took_theirs"))


def _show_theirs(fields: Sequence[Field]) -> None:
    for field in fields:
        st.session_state[field.widget_key] = field.theirs
    drafts.clear(*(f.widget_key for f in fields))


# --- delete -----------------------------------------------------------------------------------


def delete(
    item_key: str,
    service: Callable[..., object],
    /,
    *,
    version: int,
    fields: Sequence[Field],
    clicked: bool,
    **kwargs: Any,
) -> bool:
    """Draw a delete's outcome for one versioned item; True when this run deleted it.

    Call it on every run where the Delete button is drawn, with ``clicked`` = the button's value,
    ``version`` = the row's version as loaded now, ``fields`` = what the item holds (shown as the
    colleague's version when the delete is refused as stale), and the service's arguments except
    ``expected_version`` (the seen version is quoted).
    """
    editor = _Editor(item_key, "")
    seen = web.seen_version(item_key, version)
    if clicked and _attempt_delete(editor, fields, service, expected_version=seen, **kwargs):
        return True
    if st.session_state.get(DELETE_PREFIX + editor.slug):
        return _delete_panel(editor, service, version, fields, kwargs)
    return False


def _attempt_delete(editor: _Editor, fields: Sequence[Field], service: Callable[..., object], /, **kwargs: Any) -> bool:
    try:
        web.run(service, **kwargs)
    except StaleVersion:
        # The panel says it (the save's wording, "your input was not saved", does not fit a delete).
        st.session_state[DELETE_PREFIX + editor.slug] = True
        return False
    except DomainError as error:
        web.report(error)
        return False
    st.session_state.pop(DELETE_PREFIX + editor.slug, None)
    _clear(editor)
    drafts.clear(*(f.widget_key for f in fields))
    return True


def _delete_panel(
    editor: _Editor, service: Callable[..., object], version: int, fields: Sequence[Field], kwargs: dict[str, Any]
) -> bool:
    slug = editor.slug
    with st.container(border=True, key=f"conflict_del_{slug}"):
        st.warning(web.tr("conflict.deleted_meanwhile_title"), icon="🔀")
        st.markdown(f"**{web.tr('conflict.theirs')}**")
        for field in fields:
            st.markdown(f"*{web.md(field.label)}*  \n{web.md(field.shown(field.theirs))}")
        delete_col, keep_col = st.columns(2)
        anyway = delete_col.button(f"🗑️ {web.tr('conflict.delete_anyway')}", key=f"conflict_delete_{slug}")
        keep_col.button(
            f"↩️ {web.tr('conflict.keep_theirs')}",
            key=f"conflict_keeptheirs_{slug}",
            type="primary",
            on_click=_keep_theirs,
            args=(editor, tuple(fields)),
        )
    # Quoting the version shown in the panel: if it moved again, refused again.
    if anyway and _attempt_delete(editor, fields, service, expected_version=version, **kwargs):
        web.flash(web.tr("conflict.deleted_anyway"))
        return True
    return False


def _keep_theirs(editor: _Editor, fields: tuple[Field, ...]) -> None:
    _show_theirs(fields)
    st.session_state.pop(DELETE_PREFIX + editor.slug, None)
    _clear(editor)
    web.flash(web.tr("conflict.kept_theirs"))
