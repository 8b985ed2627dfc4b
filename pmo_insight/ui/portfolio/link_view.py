"""What a portfolio link opens: the Portfolio screen read-only, its reads through the link's token.

The first run counts the opening (the link's view log); every later run re-checks the token through
the read itself, so a revoked or expired link stops at the next click.
"""

from __future__ import annotations

import streamlit as st

from pmo_insight import web
from pmo_insight.portfolio.links import portfolio_by_link, record_portfolio_open
from pmo_insight.ui.portfolio import screen
from pmo_insight.ui.shell.access import portfolio_token

tr = web.tr
ACCESS_KEY = "_portfolio_access"


def show() -> None:
    token = portfolio_token()
    access = st.session_state.get(ACCESS_KEY)
    if access is None:
        access, _error = web.call_quietly(record_portfolio_open, token=token)
        if access is None:
            invalid()
            return
        st.session_state[ACCESS_KEY] = access
    st.title(f"🗂️ {tr('portfolio.page.title')}")
    st.caption(tr("portfolio.link.reading", label=web.md(access.label)))
    fixed = access.department or None
    portfolio, _error = web.call_quietly(
        portfolio_by_link, token=token, **screen.chosen_filters(fixed_department=fixed)
    )
    if portfolio is None:
        st.session_state.pop(ACCESS_KEY, None)
        invalid()
        return
    screen.filters(portfolio.all_departments, fixed_department=fixed)
    screen.body(portfolio)


def invalid() -> None:
    st.title(f"🗂️ {tr('portfolio.page.title')}")
    st.error(tr("portfolio.error.invalid_link"), icon="⛔")
