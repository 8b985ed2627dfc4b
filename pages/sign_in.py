"""The only screen of a session nobody identified: what to do to get in, and facilitator sign-in when configured.

It names no workshop and shows no data. A phone that dropped its join code, a guessed address or
an old facilitator link all land here. A wrong attempt says only that it was wrong; after too
many, the screen says how long to wait.
"""

import streamlit as st

from pmo_insight import web
from pmo_insight.review.signin import passphrase_hash
from pmo_insight.ui.shell import access, gate

tr = web.tr

web.require_shell()
st.title(f"🔑 {tr('signin.title')}")
st.markdown(tr("gate.what_to_do"))
if access.sign_in_configured():
    st.markdown(tr("signin.body"))
message = st.empty()  # filled once this run's attempt (if any) has been decided

wrong = False
if passphrase_hash() is not None:
    with st.form("signin_form", border=True):
        attempt = st.text_input(tr("signin.passphrase"), type="password", key="signin_passphrase")
        if st.form_submit_button(tr("signin.button"), type="primary"):
            if access.try_passphrase(attempt):
                st.rerun()
            wrong = True
if access.oidc_configured():
    if st.button(f"🔐 {tr('signin.oidc')}", key="signin_oidc"):
        st.login()
st.caption(tr("signin.reviewers"))

wait = gate.refused_for()
last = gate.notice()
if wait:
    message.warning(tr("gate.locked", minutes=max(1, (wait + 59) // 60)), icon="⏳")
elif wrong:
    message.error(tr("signin.wrong"), icon="⚠️")
elif last is not None and last[0] == "link_invalid":
    message.error(tr("gate.link_invalid"), icon="⚠️")
