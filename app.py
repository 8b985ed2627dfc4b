"""PMO Insight Studio: the front door. Page config, the database, navigation and the sidebar."""

from pathlib import Path

import streamlit as st

from pmo_insight import web
from pmo_insight.services.workshops import list_workshop_titles

ASSETS = Path(__file__).parent / "assets"

st.set_page_config(page_title="PMO Insight Studio", page_icon="🧭", layout="wide")
st.html(ASSETS / "style.css")
web.engine()

with st.sidebar:
    st.markdown(f"### 🧭 {web.tr('app.title')}")
    web.language_picker()
    web.workshop_picker(web.call(list_workshop_titles) or [])

page = st.navigation(
    [
        st.Page("pages/home.py", title=web.tr("nav.home"), icon="🏠", default=True),
    ]
)
page.run()
