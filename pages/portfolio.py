"""Portfolio: every workshop at once — health, reviews, KPIs against their targets, recurring pains."""

import streamlit as st

from pmo_insight import web
from pmo_insight.portfolio.services import portfolio_view
from pmo_insight.ui.portfolio import links_panel, screen

tr = web.tr


def open_workshop(workshop_id: int) -> None:
    web.set_current_workshop(workshop_id)
    st.session_state["_portfolio_go_home"] = True


web.require_shell()
st.title(f"🗂️ {tr('portfolio.page.title')}")
st.caption(tr("portfolio.page.subtitle"))
web.show_flash()
if st.session_state.pop("_portfolio_go_home", False):
    st.switch_page("pages/home.py")

portfolio = web.call(portfolio_view, **screen.chosen_filters())
if portfolio is not None:
    screen.filters(portfolio.all_departments)
    screen.body(portfolio, open_workshop=open_workshop)
    links_panel.panel(portfolio.all_departments)
