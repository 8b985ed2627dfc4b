"""The participant's screen: join a live session from a phone with its code, add notes, vote."""

import streamlit as st

from pmo_insight import web
from pmo_insight.ui.live import participant as ui
from pmo_insight.ui.live.entry import participant_token

web.require_shell()
ui.phone_css()
st.markdown(f"#### 🧭 {web.tr('app.title')}")
if participant_token() is None:
    ui.join_form()
    st.divider()
    web.language_picker()
    st.stop()

view = ui.current_view()
ui.header(view)
ui.note_entry(view)
ui.vote_list(view)
st.divider()
web.language_picker()
ui.keep_in_step(view)
