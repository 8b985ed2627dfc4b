"""PMO Insight Studio: the front door. Page config, the database, navigation and the sidebar."""

from pathlib import Path

import streamlit as st

from pmo_insight import web
from pmo_insight.roles import Role
from pmo_insight.services.workshops import list_workshop_titles
from pmo_insight.ui import live_entry

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
    ("pages/present.py", "nav.present", "🖥️"),
]
PARTICIPANT_SCREENS = [("pages/join.py", "nav.join", "🙋")]


def screens_for(role: Role) -> list[tuple[str, str, str]]:
    """The screens a role's navigation lists; the first is its landing page. (Writes are guarded in web.call.)"""
    if role is Role.PARTICIPANT:
        return PARTICIPANT_SCREENS
    return SCREENS


st.set_page_config(page_title="PMO Insight Studio", page_icon="🧭", layout="wide")
st.html(ROOT / "assets" / "style.css")
web.engine()
web.mark_shell()
live_entry.claim_links()

if web.role() is not Role.PARTICIPANT:
    with st.sidebar:
        st.markdown(f"### 🧭 {web.tr('app.title')}")
        web.language_picker()
        web.workshop_picker(web.call(list_workshop_titles) or [])

screens = screens_for(web.role())
pages = [
    st.Page(path, title=web.tr(title_key), icon=icon, default=path == screens[0][0])
    for path, title_key, icon in screens
    if (ROOT / path).exists()
]
st.navigation(pages, position="hidden" if web.role() is Role.PARTICIPANT else "sidebar").run()
