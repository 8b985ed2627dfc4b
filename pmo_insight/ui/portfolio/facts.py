"""Home's editor for the facts a portfolio needs: each workshop's department and sponsor.

A versioned save like every editor (a colleague's change meanwhile opens the conflict panel), with
drafts kept across screens.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from pmo_insight import web
from pmo_insight.models import SHORT_MAX
from pmo_insight.services import workshops as svc
from pmo_insight.ui.common import conflict, drafts

tr = web.tr


def create_fields() -> dict[str, str]:
    """The department and sponsor inputs of the create-workshop form (inside its ``st.form``)."""
    left, right = st.columns(2)
    department = left.text_input(tr("field.department"), key="new_department", max_chars=SHORT_MAX)
    sponsor = right.text_input(tr("field.sponsor"), key="new_sponsor", max_chars=SHORT_MAX)
    return {"department": department, "sponsor": sponsor}


def facts_popover(container: Any, ws: Any) -> None:
    """A "Department & sponsor" popover in ``container`` for one workshop card."""
    with container.popover(f"🏢 {tr('portfolio.home.facts')}", key=f"facts_{ws.id}", wrap=True):
        department = st.text_input(
            tr("field.department"), value=ws.department, max_chars=SHORT_MAX,
            **drafts.track(f"facts_department_{ws.id}"),
        )  # fmt: skip
        sponsor = st.text_input(
            tr("field.sponsor"), value=ws.sponsor, max_chars=SHORT_MAX, **drafts.track(f"facts_sponsor_{ws.id}")
        )
        clicked = st.button(tr("common.save"), key=f"facts_save_{ws.id}", type="primary")
        fields = [
            conflict.Field(tr("field.department"), f"facts_department_{ws.id}", ws.department),
            conflict.Field(tr("field.sponsor"), f"facts_sponsor_{ws.id}", ws.sponsor),
        ]
        saved = conflict.save(
            f"workshop:{ws.id}",
            svc.update_workshop,
            version=ws.version,
            fields=fields,
            clicked=clicked,
            part="facts",
            workshop_id=ws.id,
            department=department,
            sponsor=sponsor,
        )
        if saved is not None:
            web.flash(tr("portfolio.home.facts_saved", title=web.md(ws.title)))
            st.rerun()
