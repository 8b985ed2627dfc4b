"""Evidence in: the survey a PMO already ran becomes segments with their numbers and words, then personas."""

import streamlit as st

from pmo_insight import web
from pmo_insight.ui.surveys.interviews import interview_panel
from pmo_insight.ui.surveys.segments import survey_segments_panel
from pmo_insight.ui.surveys.upload import survey_upload

tr = web.tr

web.require_shell()
st.title(f"📊 {tr('nav.evidence')}")
chain = web.current_chain(responses=True)
st.caption(tr("survey.tagline"))
with st.container():
    web.show_flash()
with st.expander(f"📥 {tr('survey.upload')}", expanded=not chain.survey_columns):
    if survey_upload(chain.workshop.id) is not None:
        st.rerun()
survey_segments_panel(chain)
st.divider()
interview_panel(chain)
