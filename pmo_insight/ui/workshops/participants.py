"""Who sits at the table: the seed asks for business, IT and finance alongside the PMO."""

from __future__ import annotations

import streamlit as st

from pmo_insight import web
from pmo_insight.models import SHORT_MAX
from pmo_insight.services import workshops as svc


def participants_panel(workshop_id: int, *, people: list | None = None) -> None:
    """List, add (name + department, Enter to submit) and remove the workshop's participants."""
    if people is None:
        people = web.call(svc.list_participants, workshop_id=workshop_id) or []
    with st.expander(f"👥 {web.tr('participants.title', count=len(people))}"):
        departments = sorted({p.department for p in people if p.department})
        if departments:
            st.caption(web.md(" · ".join(departments)))
        for person in people:
            name_col, remove_col = st.columns([5, 1], vertical_alignment="center")
            name_col.markdown(web.md(" — ".join(x for x in (person.name, person.department) if x)))
            if remove_col.button("✖", key=f"remove_participant_{person.id}", help=web.tr("participants.remove")):
                if web.attempt(svc.remove_participant, participant_id=person.id):
                    st.rerun()
        with st.form(f"add_participant_{workshop_id}", clear_on_submit=True, border=False):
            name_col, dept_col = st.columns(2)
            name = name_col.text_input(web.tr("field.name"), key=f"participant_name_{workshop_id}", max_chars=SHORT_MAX)
            department = dept_col.text_input(
                web.tr("field.department"), key=f"participant_department_{workshop_id}", max_chars=SHORT_MAX
            )
            if st.form_submit_button(web.tr("participants.add")):
                if web.call(svc.add_participant, workshop_id=workshop_id, name=name, department=department):
                    st.rerun()
