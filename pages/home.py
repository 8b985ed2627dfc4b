"""Home: the workshops, their progress along the chain, and the demo in one click."""

from datetime import date, timedelta

import streamlit as st

from pmo_insight import web
from pmo_insight.demo import create_demo_workshop
from pmo_insight.domain.health import chain_health
from pmo_insight.services import workshops as svc
from pmo_insight.services.chain_cache import cached_chain, cached_workshop_list
from pmo_insight.ui.chain.health import health_panel
from pmo_insight.ui.common import conflict, drafts
from pmo_insight.ui.history.rhythm import overdue_banner
from pmo_insight.ui.portfolio.facts import create_fields, facts_popover
from pmo_insight.ui.review.share import review_panel
from pmo_insight.ui.shell.second_device import second_device_panel
from pmo_insight.ui.workshops.list import more_button, workshop_page
from pmo_insight.ui.workshops.participants import participants_panel

TOOL_ICONS = {"persona": "👤", "empathy_map": "🧠", "journey": "🗺️", "canvas": "🎯"}
tr = web.tr


def demo_button(primary: bool) -> None:
    if st.button(
        f"✨ {tr('home.demo.button')}",
        key="load_demo",
        type="primary" if primary else "secondary",
        width="stretch",
        wrap=True,
    ):
        demo = web.call(create_demo_workshop, lang=web.lang())
        if demo is not None:
            web.set_current_workshop(demo.id)
            web.flash(tr("home.demo.loaded", title=web.md(demo.title)))
            st.rerun()


def create_form() -> None:
    with st.form("create_workshop", clear_on_submit=False, border=False):
        title = st.text_input(tr("field.title"), key="new_title", max_chars=svc.TITLE_MAX)
        organisation = st.text_input(tr("field.organisation"), key="new_organisation")
        left, right = st.columns(2)
        facilitator = left.text_input(tr("field.facilitator"), key="new_facilitator")
        held_on = right.date_input(tr("field.held_on"), value=date.today(), key="new_held_on")
        facts = create_fields()
        goal = st.text_area(tr("field.goal"), key="new_goal", height=80)
        if st.form_submit_button(tr("home.create.button"), type="primary"):
            created = web.call(
                svc.create_workshop,
                title=title,
                organisation=organisation,
                facilitator=facilitator,
                goal=goal,
                held_on=held_on,
                language=web.lang(),
                next_review_on=held_on + timedelta(days=svc.REVIEW_INTERVAL_DAYS),
                **facts,
            )
            if created is not None:
                web.set_current_workshop(created.id)
                web.flash(tr("home.create.done", title=web.md(created.title)))
                st.rerun()


def workshop_card(summary: svc.WorkshopSummary) -> None:
    ws, progress = summary.workshop, summary.progress
    current = ws.id == web.current_workshop_id()
    with st.container(border=True, key=f"workshop_{ws.id}"):
        head, actions = st.columns([3, 2])
        head.subheader(f"{'📌 ' if current else ''}{web.md(ws.title)}", help=web.md(ws.goal) or None, anchor=False)
        facts = (ws.department, ws.organisation, ws.facilitator, web.fmt_date(ws.held_on))
        head.caption(web.md(" · ".join(x for x in facts if x)))
        cols = head.columns(len(svc.TOOLS))
        for col, (tool, count) in zip(cols, progress.by_tool.items(), strict=True):
            col.metric(f"{TOOL_ICONS[tool]} {tr(f'progress.{tool}')}", count)
        done = progress.tools_with_content
        head.progress(done / len(svc.TOOLS), text=tr("home.list.progress", done=done, total=len(svc.TOOLS)))
        with head:
            overdue_banner(ws, where="home")
        # A row that wraps rather than three fixed columns, so no label is cut on a narrow projector.
        buttons = actions.container(horizontal=True, gap="small")
        open_col = rename_col = delete_col = buttons
        open_col.button(
            tr("home.list.open"),
            key=f"open_{ws.id}",
            disabled=current,
            wrap=True,
            on_click=web.set_current_workshop,
            args=(ws.id,),
        )
        with rename_col.popover(tr("home.list.rename"), key=f"rename_{ws.id}", wrap=True):
            new_title = st.text_input(tr("field.title"), value=ws.title, **drafts.track(f"rename_title_{ws.id}"))
            clicked = st.button(tr("common.save"), key=f"rename_save_{ws.id}", type="primary")
            fields = [conflict.Field(tr("field.title"), f"rename_title_{ws.id}", ws.title)]
            if conflict.save(f"workshop:{ws.id}", svc.rename_workshop, version=ws.version, fields=fields,
                             clicked=clicked, part="title", workshop_id=ws.id, title=new_title):  # fmt: skip
                web.flash(tr("home.list.renamed", title=web.md(new_title.strip())))
                st.rerun()
        facts_popover(rename_col, ws)
        with delete_col.popover(tr("home.list.delete"), key=f"delete_{ws.id}", wrap=True):
            st.warning(tr("home.list.delete_confirm", title=web.md(ws.title)))
            deleting = st.button(tr("home.list.delete_button"), key=f"delete_confirm_{ws.id}", type="primary")
            fields = [conflict.Field(tr("field.title"), f"rename_title_{ws.id}", ws.title)]
            if conflict.delete(f"workshop:{ws.id}", svc.delete_workshop, version=ws.version, fields=fields,
                               clicked=deleting, workshop_id=ws.id):  # fmt: skip
                web.flash(tr("home.list.deleted", title=web.md(ws.title)))
                st.rerun()
        if current:
            chain = web.call(cached_chain, workshop_id=ws.id)
            with actions:
                if chain is not None:
                    health_panel(ws.id, results=chain_health(chain))
                    participants_panel(ws.id, people=list(chain.participants))
                    review_panel(chain)


web.require_shell()
st.title(f"🧭 {tr('app.title')}")
st.markdown(tr("home.tagline"))
st.caption(" → ".join(f"{TOOL_ICONS[tool]} {tr(f'tool.{tool}')}" for tool in svc.TOOLS))
web.show_flash()
second_device_panel()
summaries = web.call(cached_workshop_list) or []

if not summaries:
    # A new database: the demo and the first workshop are the only things to do.
    demo_col, create_col = st.columns(2)
    with demo_col, st.container(border=True):
        st.subheader(f"✨ {tr('home.demo.title')}")
        st.markdown(tr("home.demo.body"))
        demo_button(primary=True)
    with create_col, st.container(border=True):
        st.subheader(f"➕ {tr('home.create.title')}")
        create_form()
    st.info(tr("home.list.empty"), icon="👆")
else:
    heading, new_col, demo_col = st.columns([3, 1.2, 1.4], vertical_alignment="bottom")
    heading.header(tr("home.list.title"))
    with new_col.popover(f"➕ {tr('home.create.title')}", key="new_workshop", width="stretch", wrap=True):
        create_form()
    with demo_col:
        demo_button(primary=False)
    for summary in workshop_page(summaries):
        workshop_card(summary)
    more_button(summaries)
