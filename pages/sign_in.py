"""Facilitator sign-in on a shared server: a passphrase, or the organisation's OpenID Connect login."""

import streamlit as st

from pmo_insight import web
from pmo_insight.review.signin import passphrase_hash
from pmo_insight.ui.shell import access

tr = web.tr

web.require_shell()
st.title(f"🔑 {tr('signin.title')}")
st.markdown(tr("signin.body"))
if passphrase_hash() is not None:
    with st.form("signin_form", border=True):
        attempt = st.text_input(tr("signin.passphrase"), type="password", key="signin_passphrase")
        if st.form_submit_button(tr("signin.button"), type="primary"):
            if access.try_passphrase(attempt):
                st.rerun()
            st.error(tr("signin.wrong"), icon="⚠️")
if access.oidc_configured():
    if st.button(f"🔐 {tr('signin.oidc')}", key="signin_oidc"):
        st.login()
st.caption(tr("signin.reviewers"))
