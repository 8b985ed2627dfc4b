"""The review rhythm on screen: the overdue banner (Home, the chain, History) and "Start the review"."""

from __future__ import annotations

from datetime import date

import streamlit as st

from pmo_insight import web
from pmo_insight.iterate.rhythm import review_status, start_review
from pmo_insight.models import Workshop
from pmo_insight.services.workshops import update_workshop
from pmo_insight.ui.common import drafts

tr = web.tr


def overdue_banner(workshop: Workshop, *, where: str) -> bool:
    """Once the next-review date has passed: say so, with the button that starts the review."""
    status = review_status(workshop)
    if not status.overdue:
        return False
    with st.container(border=True, key=f"rhythm_overdue_{where}_{workshop.id}"):
        st.warning(
            tr("iterate.rhythm.overdue", date=web.fmt_date(status.next_review_on), days=status.days_overdue),
            icon="⏰",
        )
        start_review_button(workshop, where=where)
    return True


def start_review_button(workshop: Workshop, *, where: str, primary: bool = True) -> None:
    if st.button(
        f"🔁 {tr('iterate.rhythm.start')}",
        key=f"rhythm_start_{where}_{workshop.id}",
        type="primary" if primary else "secondary",
        help=tr("iterate.rhythm.start_help", months=review_status(workshop).cycle_months),
    ):
        label = tr("iterate.rhythm.label", date=date.today().isoformat())
        started = web.call(start_review, workshop_id=workshop.id, label=label, started_by=workshop.facilitator)
        if started is not None:
            link = (
                tr("iterate.rhythm.link_created") if started.review_link is not None else tr("iterate.rhythm.no_link")
            )
            web.flash(
                tr("iterate.rhythm.started", label=web.md(label), date=web.fmt_date(started.next_review_on))
                + " "
                + link
            )
            st.rerun()


def rhythm_panel(workshop: Workshop) -> None:
    """History's rhythm box: the cycle, the next review, and starting the review."""
    status = review_status(workshop)
    with st.container(border=True, key="rhythm_panel"):
        st.subheader(f"🔁 {tr('iterate.rhythm.title')}", anchor=False)
        if overdue_banner(workshop, where="history"):
            return
        next_col, cycle_col, save_col = st.columns([2, 1.4, 1], vertical_alignment="bottom")
        next_col.metric(tr("field.next_review_on"), web.fmt_date(status.next_review_on))
        seen = web.seen_version(f"workshop:{workshop.id}", workshop.version)
        months = cycle_col.number_input(
            tr("field.review_cycle_months"),
            min_value=1,
            max_value=24,
            value=status.cycle_months,
            **drafts.track("rhythm_cycle"),
        )
        drafts.unsaved_mark(["rhythm_cycle"], [status.cycle_months], where=cycle_col)
        if save_col.button(tr("common.save"), key="rhythm_cycle_save"):
            if web.call(update_workshop, workshop_id=workshop.id, expected_version=seen, review_cycle_months=months):
                web.forget_seen(f"workshop:{workshop.id}")
                drafts.clear("rhythm_cycle")
                web.flash(tr("iterate.rhythm.cycle_saved", months=months))
                st.rerun()
        start_review_button(workshop, where="history", primary=False)
