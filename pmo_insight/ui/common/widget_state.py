"""Open/closed and chosen states of Streamlit containers that should survive a rerun, or end with one.

Keyed popovers, tabs and expanders keep their state in ``st.session_state``; these helpers change it
at the start of the next run, before the widget is drawn again (Streamlit refuses a change after).
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

_CLOSE = "_close_next_run:"


def close_next_run(key: str) -> None:
    """The popover (or expander) ``key`` is drawn closed on the next run: e.g. after it created something."""
    st.session_state[_CLOSE + key] = True


def closed_if_asked(key: str) -> str:
    """Call just before drawing the keyed popover or expander; returns the key for the widget call."""
    if st.session_state.pop(_CLOSE + key, False):
        st.session_state[key] = False
    return key


def closable(key: str) -> dict[str, str]:
    """The keyword arguments of a popover that closes itself with ``close_next_run(key)``.

    A popover keeps its open state in ``st.session_state`` (and so can be closed from the script)
    only when it tracks its state, i.e. with ``on_change`` set; with the default ``"ignore"`` the
    browser alone holds it and it stays open over the board after the thing is created.
    """
    return {"key": closed_if_asked(key), "on_change": "rerun"}


def keep_tab(key: str, labels: Sequence[str]) -> str:
    """Keyed tabs whose labels carry counts ("KPIs (3)"): when a count changes, stay on the same tab,
    recognised by its first word (the icon), instead of jumping back to the first one."""
    current = st.session_state.get(key)
    if current is not None and current not in labels:
        head = str(current).split(" ", 1)[0]
        st.session_state[key] = next((label for label in labels if label.split(" ", 1)[0] == head), labels[0])
    return key
