"""PMO Insight Studio: the front door. Page config, the database, the session's role, navigation and the sidebar."""

from pathlib import Path

import streamlit as st

from pmo_insight import runtime, web
from pmo_insight.roles import Role
from pmo_insight.services.workshops import list_workshop_titles
from pmo_insight.ui.live import entry as live_entry
from pmo_insight.ui.shell import access, library_text, no_referrer, page_a11y

ROOT = Path(__file__).parent
runtime.freeze_start_up_heap()  # once per process: what the imports built is never collected again
#: The screens in workshop order: (file, title key, icon). A screen is listed once its file exists.
SCREENS = [
    ("pages/home.py", "nav.home", "🏠"),
    ("pages/evidence.py", "nav.evidence", "📊"),
    ("pages/personas.py", "nav.personas", "👤"),
    ("pages/empathy.py", "nav.empathy", "🧠"),
    ("pages/journey.py", "nav.journey", "🗺️"),
    ("pages/canvas.py", "nav.canvas", "🎯"),
    ("pages/chain.py", "nav.chain", "🔗"),
    ("pages/history.py", "nav.history", "🕰️"),
    ("pages/portfolio.py", "nav.portfolio", "🗂️"),
    ("pages/export.py", "nav.export", "📤"),
    ("pages/share.py", "nav.share", "📨"),
    ("pages/present.py", "nav.present", "🖥️"),
]
PARTICIPANT_SCREENS = [("pages/join.py", "nav.join", "🙋")]


def pages_for(who: access.Access | None) -> list[st.Page]:
    """The role decides which screens exist (writes are guarded in web.call, not here): a participant
    (``who`` None) has the join screen only, a reviewer the reading view only, a session that must
    sign in the sign-in screen only, the facilitator every workshop screen."""
    if who is None:
        return [st.Page(path, title=web.tr(key), icon=icon, default=True) for path, key, icon in PARTICIPANT_SCREENS]
    if who is access.Access.REVIEWER:
        return [st.Page("pages/review.py", title=web.tr("nav.review"), icon="📖", url_path="review", default=True)]
    if who is access.Access.PORTFOLIO:
        return [
            st.Page(
                "pages/portfolio_link.py",
                title=web.tr("nav.portfolio"),
                icon="🗂️",
                url_path="portfolio-view",
                default=True,
            )
        ]
    if who is access.Access.SIGN_IN:
        return [st.Page("pages/sign_in.py", title=web.tr("nav.sign_in"), icon="🔑", url_path="sign-in", default=True)]
    return [
        st.Page(path, title=web.tr(title_key), icon=icon, default=path == SCREENS[0][0])
        for path, title_key, icon in SCREENS
        if (ROOT / path).exists()
    ]


st.set_page_config(page_title="PMO Insight Studio", page_icon="🧭", layout="wide")
st.html(ROOT / "assets" / "style.css")
no_referrer.install()  # pages may hold a review, join or facilitator key in their address
library_text.install()  # the few texts Streamlit draws itself, in the session's language
page_a11y.install()  # the document's language, keyboard access to scrolling regions
web.engine()
web.mark_shell()
live_entry.claim_links()  # ?join=CODE: a participant, with the join screen only
participant = web.role() is Role.PARTICIPANT
who = None if participant else access.resolve()  # ?review=TOKEN, sign-in, or the facilitator

if not participant:
    with st.sidebar:
        st.markdown(f"### 🧭 {web.tr('app.title')}")
        web.language_picker()
        if who is access.Access.FACILITATOR:
            access.follow_workshop_link()
            web.workshop_picker(web.call(list_workshop_titles) or [])
            access.show_workshop_in_url()

st.navigation(pages_for(who), position="hidden" if participant else "sidebar").run()
