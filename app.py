"""PMO Insight Studio: the front door. Page config, the database, navigation and the sidebar."""

from pathlib import Path

import streamlit as st

from pmo_insight import web
from pmo_insight.services.workshops import list_workshop_titles
from pmo_insight.ui import library_text

ROOT = Path(__file__).parent
#: The screens in workshop order: (file, title key, icon). A screen is listed once its file exists.
SCREENS = [
    ("pages/home.py", "nav.home", "🏠"),
    ("pages/personas.py", "nav.personas", "👤"),
    ("pages/empathy.py", "nav.empathy", "🧠"),
    ("pages/journey.py", "nav.journey", "🗺️"),
    ("pages/canvas.py", "nav.canvas", "🎯"),
    ("pages/chain.py", "nav.chain", "🔗"),
    ("pages/export.py", "nav.export", "📤"),
]

st.set_page_config(page_title="PMO Insight Studio", page_icon="🧭", layout="wide")
st.html(ROOT / "assets" / "style.css")
library_text.install()  # the few texts Streamlit draws itself, in the session's language
web.engine()
web.mark_shell()

with st.sidebar:
    st.markdown(f"### 🧭 {web.tr('app.title')}")
    web.language_picker()
    web.workshop_picker(web.call(list_workshop_titles) or [])

pages = [
    st.Page(path, title=web.tr(title_key), icon=icon, default=path == SCREENS[0][0])
    for path, title_key, icon in SCREENS
    if (ROOT / path).exists()
]
st.navigation(pages).run()
