"""The evidence behind one chain item (a persona or a note): what backs it, attach more, detach.

Persona cards and sticky notes both use it, so a claim is turned from an assumption into an
insight the same way everywhere. It draws from the already loaded chain: no query per item.
"""

from __future__ import annotations

import streamlit as st

from pmo_insight import web
from pmo_insight.domain.refs import Ref
from pmo_insight.models import NAME_MAX, Evidence, EvidenceKind
from pmo_insight.services import evidence as svc
from pmo_insight.ui.common import drafts

KIND_ICONS = {
    EvidenceKind.INTERVIEW: "🎙️",
    EvidenceKind.SURVEY: "📊",
    EvidenceKind.SYSTEM_DATA: "🗄️",
    EvidenceKind.OBSERVATION: "👀",
    EvidenceKind.DOCUMENT: "📄",
}


def evidence_label(item: Evidence, *, markdown: bool = True) -> str:
    """One line naming an evidence item; escaped for Markdown unless it goes into a plain-text label."""
    kind = EvidenceKind(item.kind)
    parts = [
        f"{KIND_ICONS[kind]} {web.tr(f'evidence.kind.{kind.value}')}",
        web.md(item.source) if markdown else item.source,
    ]
    if item.collected_on:
        parts.append(web.fmt_date(item.collected_on))
    if item.sample_size is not None:
        parts.append(web.tr("evidence.sample", n=item.sample_size))
    return " · ".join(parts)


def evidence_badge(count: int) -> None:
    """Evidence count, or the assumption warning the seed's first pitfall calls for."""
    if count:
        st.badge(web.tr("evidence.badge", count=count), icon="📎", color="green")
    else:
        st.badge(web.tr("evidence.assumption"), icon="❔", color="orange", help=web.tr("evidence.assumption_help"))


def evidence_panel(target: Ref, *, attached: list[Evidence], workshop_evidence: list[Evidence], key: str) -> None:
    """List, detach, attach existing, or record new evidence for ``target``."""
    if not attached:
        st.caption(web.tr("evidence.none"))
    for item in attached:
        text_col, button_col = st.columns([5, 1], vertical_alignment="center")
        text_col.markdown(evidence_label(item), help=web.md(item.summary) or None)
        if button_col.button("✖️", key=f"{key}_detach_{item.id}", help=web.tr("evidence.detach")):
            if web.attempt(svc.detach_evidence, target=target, evidence_id=item.id):
                web.flash(web.tr("evidence.detached"))
                st.rerun()

    attached_ids = {item.id for item in attached}
    available = {item.id: item for item in workshop_evidence if item.id not in attached_ids}
    if available:
        pick_col, attach_col = st.columns([5, 1], vertical_alignment="bottom")
        chosen = pick_col.selectbox(
            web.tr("evidence.existing"),
            list(available),
            format_func=lambda eid: evidence_label(available[eid], markdown=False),
            key=f"{key}_existing",
        )
        if attach_col.button(web.tr("evidence.attach"), key=f"{key}_attach") and chosen is not None:
            if web.attempt(svc.attach_evidence, target=target, evidence_id=chosen):
                web.flash(web.tr("evidence.attached"))
                st.rerun()

    # Plain widgets, not a form: what is typed is kept as a draft across page switches.
    with st.container(border=True, key=f"{key}_new"):
        st.markdown(f"**{web.tr('evidence.new')}**")
        kind_col, source_col = st.columns([1, 2])
        kind = kind_col.selectbox(
            web.tr("field.kind"),
            list(EvidenceKind),
            format_func=lambda k: f"{KIND_ICONS[k]} {web.tr(f'evidence.kind.{k.value}')}",
            **drafts.track(f"{key}_new_kind"),
        )
        source = source_col.text_input(
            web.tr("field.source"),
            **drafts.track(f"{key}_new_source"),
            max_chars=NAME_MAX,
            placeholder=web.tr("evidence.source_hint"),
        )
        date_col, size_col = st.columns(2)
        collected_on = date_col.date_input(web.tr("field.collected_on"), value=None, **drafts.track(f"{key}_new_date"))
        sample_size = size_col.number_input(
            web.tr("field.sample_size"), min_value=0, value=None, step=1, **drafts.track(f"{key}_new_size")
        )
        summary = st.text_area(web.tr("field.summary"), **drafts.track(f"{key}_new_summary"), height=68)
        drafts.unsaved_mark([f"{key}_new_{suffix}" for suffix in ("source", "date", "size", "summary")])
        if st.button(web.tr("evidence.add_attach"), key=f"{key}_new_add", type="primary"):
            created = web.call(
                svc.attach_new_evidence,
                target=target,
                kind=kind,
                source=source,
                collected_on=collected_on,
                sample_size=None if sample_size is None else int(sample_size),
                summary=summary,
            )
            if created is not None:
                drafts.clear_prefix(f"{key}_new_")
                web.flash(web.tr("evidence.added", source=web.md(created.source)))
                st.rerun()
