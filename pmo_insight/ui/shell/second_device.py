"""Home's panel for the server's own browser: a facilitator link (with its QR code) for a second device.

Only the link's hash is stored, so the link is shown once, right after it is made; making one
replaces the previous link (devices that used it are signed out at their next click).
"""

from __future__ import annotations

from urllib.parse import urlsplit

import streamlit as st

from pmo_insight import web
from pmo_insight.access.peer import is_loopback
from pmo_insight.ui.live.common import qr_image
from pmo_insight.ui.shell import access, gate

SHOWN_KEY = "_second_device_link"


def second_device_panel() -> None:
    if not access.facilitator_is_local():
        return
    with st.expander(web.tr("gate.device.title"), expanded=SHOWN_KEY in st.session_state):
        st.markdown(web.tr("gate.device.body"))
        st.caption(web.tr("gate.device.warning"))
        if st.button(web.tr("gate.device.button"), key="second_device_link"):
            link = gate.new_second_device_link()
            if link:
                st.session_state[SHOWN_KEY] = link
        link = st.session_state.pop(SHOWN_KEY, None)  # shown for this run only
        if link:
            st.markdown(web.tr("gate.device.shown_once"))
            qr_col, link_col = st.columns([1, 3], vertical_alignment="center")
            with qr_col:
                qr_image(link, web.tr("a11y.qr_beside_alt"), 180)
            link_col.code(link, language=None)
            host = urlsplit(link).hostname or ""
            if host == "localhost" or is_loopback(host):
                link_col.caption(web.tr("gate.device.loopback_hint", host=host))
