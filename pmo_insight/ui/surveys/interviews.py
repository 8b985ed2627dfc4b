"""Interview notes on the evidence screen: add one (paste or file), then carry its paragraphs onto maps."""

from __future__ import annotations

import streamlit as st

from pmo_insight import web
from pmo_insight.domain.chain import WorkshopChain
from pmo_insight.errors import DomainError
from pmo_insight.surveys.reading import SurveyRejected
from pmo_insight.surveys.services import import_interview, interview_quotes, interviews_in, problem_lines
from pmo_insight.ui.surveys.segments import carry_popover

FORM = "interview_form"


def interview_panel(chain: WorkshopChain) -> None:
    tr = web.tr
    st.subheader(f"🎙️ {tr('interview.title')}")
    st.caption(tr("interview.help"))
    with st.expander(f"➕ {tr('interview.add')}", expanded=not interviews_in(chain)):
        with st.form(FORM, border=False, clear_on_submit=True):
            name_col, date_col = st.columns([3, 1])
            name = name_col.text_input(tr("interview.interviewee"), key=f"{FORM}_name", max_chars=200)
            held_on = date_col.date_input(tr("interview.held_on"), value=None, key=f"{FORM}_date")
            text = st.text_area(tr("interview.text"), key=f"{FORM}_text", height=160)
            upload = st.file_uploader(tr("interview.file"), type=["txt", "md", "docx"], key=f"{FORM}_file")
            if st.form_submit_button(tr("interview.add"), type="primary"):
                _add(chain.workshop.id, name.strip(), held_on, text, upload)
    interviews = interviews_in(chain)
    if not interviews:
        return
    names = {e.id: e.source for e in interviews}
    evidence_id = st.selectbox(
        tr("interview.choose"), list(names), format_func=names.__getitem__, index=len(names) - 1, key="interview_pick"
    )
    for paragraph, text in interview_quotes(chain, evidence_id):
        with st.container(border=True):
            st.markdown(f"{web.md(paragraph)} · {web.md(text)}")
            carry_popover(chain, evidence_id, paragraph, f"icarry_{evidence_id}_{paragraph[1:]}")


def _add(workshop_id: int, name: str, held_on, text: str, upload) -> None:
    if not name:
        st.error(web.tr("interview.need_name"), icon="⚠️")
        return
    fields = {"data": upload.getvalue(), "filename": upload.name} if upload is not None else {"text": text}
    try:
        evidence = web.run(import_interview, workshop_id=workshop_id, interviewee=name, held_on=held_on, **fields)
    except SurveyRejected as error:
        st.error("\n".join(f"- {web.md(line)}" for line in problem_lines(error, web.lang())), icon="⚠️")
        return
    except DomainError as error:
        web.report(error)
        return
    web.flash(web.tr("interview.added", name=web.md(evidence.source)))
    st.rerun()
