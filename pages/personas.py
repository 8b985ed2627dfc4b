"""Personas: who the PMO serves, drawn from evidence, placed on the stakeholder map."""

import streamlit as st

from pmo_insight import web
from pmo_insight.charts.cache import chart_spec
from pmo_insight.charts.stakeholder import stakeholder_map
from pmo_insight.domain.health import chain_health
from pmo_insight.domain.refs import Ref
from pmo_insight.models import RefKind
from pmo_insight.review.models import CommentTarget
from pmo_insight.services import evidence as evidence_svc
from pmo_insight.surveys.figures import persona_figures, segment_figure
from pmo_insight.ui.chain.health import health_panel
from pmo_insight.ui.personas.card import (
    CREATE_ERROR_KEY,
    CREATE_PREFIX,
    FORM_USED_KEY,
    CardContext,
    create_from_form,
    details_need_opening,
    editing_persona,
    form_error,
    persona_card,
    persona_css,
    persona_editor,
    persona_form,
)
from pmo_insight.ui.personas.compact import FULL_CARDS_UP_TO, active_persona, persona_compact
from pmo_insight.ui.personas.table import persona_table
from pmo_insight.ui.review.comments import open_badge

PER_ROW = 3
tr = web.tr

web.require_shell()
st.title(f"👤 {tr('nav.personas')}")
chain = web.current_chain()
workshop_id = chain.workshop.id
st.caption(tr("persona.tagline"))
health_panel(workshop_id, results=chain_health(chain))
open_badge(chain, CommentTarget.PERSONA)
persona_css()
with st.container():  # a fixed slot: a message coming or going must not shift the board (and its focus)
    web.show_flash()

counts = evidence_svc.evidence_counts(chain)
figures = {pid: segment_figure(seg, web.lang()) for pid, seg in persona_figures(chain).items()}
persona_counts = {p.id: counts[Ref(RefKind.PERSONA, p.id)] for p in chain.personas}

with st.expander(f"➕ {tr('persona.new')}", expanded=not chain.personas or FORM_USED_KEY in st.session_state):
    with st.form(CREATE_PREFIX, border=False):
        refusal = st.session_state.get(CREATE_ERROR_KEY)
        persona_form(CREATE_PREFIX, open_details=details_need_opening(refusal))
        form_error()
        st.form_submit_button(
            f"➕ {tr('persona.create')}", type="primary", on_click=create_from_form, args=(workshop_id,)
        )

gallery_tab, map_tab, table_tab = st.tabs(
    [f"🗂️ {tr('persona.tab.gallery')}", f"🧭 {tr('persona.tab.map')}", f"📋 {tr('persona.tab.table')}"]
)
with gallery_tab:
    if not chain.personas:
        st.info(tr("persona.empty"), icon="👆")
    maps_per_persona = {p.id: sum(m.persona_id == p.id for m in chain.maps) for p in chain.personas}
    full, others = list(chain.personas), []
    if len(full) > FULL_CARDS_UP_TO:  # a large workshop: the active persona in full, the others compact
        active = active_persona([p.id for p in full])
        full, others = [p for p in full if p.id == active], [p for p in full if p.id != active]
    for start in range(0, len(full), PER_ROW):
        row = full[start : start + PER_ROW]
        for column, persona in zip(st.columns(PER_ROW), row, strict=False):
            with column:
                persona_card(
                    persona,
                    CardContext(
                        evidence_count=persona_counts[persona.id],
                        attached=evidence_svc.evidence_in_chain(chain, Ref(RefKind.PERSONA, persona.id)),
                        workshop_evidence=chain.evidence,
                        map_count=maps_per_persona[persona.id],
                        segment_figure=figures.get(persona.id),
                    ),
                )
        for persona in row:
            if editing_persona() == persona.id:
                persona_editor(persona)
    if others:
        with st.expander(tr("persona.compact.others", count=len(others)), expanded=True):
            for start in range(0, len(others), PER_ROW):
                for column, persona in zip(st.columns(PER_ROW), others[start : start + PER_ROW], strict=False):
                    with column:
                        persona_compact(persona, evidence_count=persona_counts[persona.id])

with map_tab:
    if chain.personas:
        st.vega_lite_chart(
            chart_spec(stakeholder_map, chain.personas, lang=web.lang()), width="stretch", key="stakeholder"
        )
        st.caption(tr("stakeholder.caption"))
    else:
        st.info(tr("persona.empty"), icon="👆")

with table_tab:
    if chain.personas:
        persona_table(chain.personas, persona_counts)
    else:
        st.info(tr("persona.empty"), icon="👆")
