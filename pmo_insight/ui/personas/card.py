"""A persona as a card on the projector, and the form that creates or edits one.

The card shows what the room needs to recognise the stakeholder at a glance (avatar, name, role,
type, top goals and pains, the quote) and whether evidence backs them or it is the team's gut.
Every user string goes through ``web.md`` so typed markup is shown as text.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Any

import streamlit as st

from pmo_insight import web
from pmo_insight.domain.refs import Ref
from pmo_insight.models import AVATAR_MAX, NAME_MAX, SHORT_MAX, TEXT_MAX, Evidence, Persona, RefKind, StakeholderType
from pmo_insight.services import personas as svc
from pmo_insight.ui.common import conflict, drafts
from pmo_insight.ui.personas.evidence import evidence_badge, evidence_panel

EDITING_KEY = "editing_persona"
#: How many goals and pain points a card shows; the form holds them all.
TOP = 3
LIST_FIELDS = ("goals", "pain_points", "needs", "motivations", "behaviours")
TYPE_ICONS = {
    StakeholderType.EXECUTIVE: "👔",
    StakeholderType.BUSINESS_LEAD: "🧭",
    StakeholderType.PROJECT_MANAGER: "📋",
    StakeholderType.FUNCTIONAL: "🛠️",
    StakeholderType.END_USER: "🙋",
    StakeholderType.OTHER: "👥",
}


def persona_css() -> None:
    """Static styles only (no user text): a large avatar and wrapping that survives very long words."""
    st.html(
        """<style>
.persona-avatar { font-size: min(4.5rem, 80cqi); line-height: 1.1; text-align: center; }
/* The avatar scales with its own column, so on a narrow card it never spills into the name beside it. */
[class*="st-key-persona_card_"] [data-testid="stColumn"]:first-child { container-type: inline-size; }
[class*="st-key-persona_card_"] p, [class*="st-key-persona_card_"] li, [class*="st-key-persona_card_"] h3 {
  overflow-wrap: anywhere; word-break: break-word; }
[class*="st-key-persona_card_"] h3 { font-size: 1.9rem; }
</style>"""
    )


def type_label(kind: StakeholderType | str) -> str:
    kind = StakeholderType(kind)
    return f"{TYPE_ICONS[kind]} {web.tr(f'persona.type.{kind.value}')}"


def persona_form(
    prefix: str, persona: Persona | None = None, *, open_details: bool = False, keep: bool = False
) -> dict[str, Any]:
    """Every field of a persona as widgets keyed by ``prefix``; returns what the user entered.

    Inside an ``st.form``, Enter in a one-line box submits it, so a persona can be created with
    just a name and Enter; the rest is optional and can follow later. With ``keep`` (outside a
    form) every change is kept as a draft, so a page switch loses nothing typed.
    """
    p = persona

    def k(suffix: str) -> dict[str, Any]:
        return drafts.track(f"{prefix}_{suffix}") if keep else {"key": f"{prefix}_{suffix}"}

    avatar_col, name_col, role_col, type_col = st.columns([1, 3, 3, 2])
    values: dict[str, Any] = {
        "avatar": avatar_col.text_input(
            web.tr("field.avatar"), value=p.avatar if p else "🙂", **k("avatar"), max_chars=AVATAR_MAX
        ),
        "name": name_col.text_input(
            web.tr("field.name"),
            value=p.name if p else "",
            **k("name"),
            max_chars=SHORT_MAX,
            placeholder=web.tr("persona.form.name_hint"),
        ),
        "role": role_col.text_input(web.tr("field.role"), value=p.role if p else "", **k("role"), max_chars=NAME_MAX),
        "stakeholder_type": type_col.selectbox(
            web.tr("field.stakeholder_type"),
            list(StakeholderType),
            index=list(StakeholderType).index(StakeholderType(p.stakeholder_type)) if p else len(StakeholderType) - 1,
            format_func=type_label,
            **k("type"),
        ),
    }
    influence_col, interest_col = st.columns(2)
    values["influence"] = influence_col.slider(
        web.tr("field.influence"), 1, 5, value=p.influence if p else 3, **k("influence")
    )
    values["interest"] = interest_col.slider(
        web.tr("field.interest"), 1, 5, value=p.interest if p else 3, **k("interest")
    )
    with st.expander(web.tr("persona.form.details"), expanded=p is not None or open_details):
        st.caption(web.tr("persona.form.one_per_line"))
        columns = st.columns(len(LIST_FIELDS))
        for column, field in zip(columns, LIST_FIELDS, strict=True):
            values[field] = column.text_area(
                web.tr(f"field.{field}"),
                value="\n".join(getattr(p, field)) if p else "",
                **k(field),
                height=140,
            )
        quote_col, background_col = st.columns(2)
        values["quote"] = quote_col.text_area(
            web.tr("field.quote"), value=p.quote if p else "", **k("quote"), height=90, max_chars=TEXT_MAX
        )
        values["background"] = background_col.text_area(
            web.tr("field.background"),
            value=p.background if p else "",
            **k("background"),
            height=90,
            max_chars=TEXT_MAX,
        )
    for field in LIST_FIELDS:
        values[field] = svc.split_lines(values[field])
    return values


#: Form widget key suffix per persona field.
_FORM_KEYS = {
    "avatar": "avatar",
    "name": "name",
    "role": "role",
    "stakeholder_type": "type",
    "influence": "influence",
    "interest": "interest",
    **{field: field for field in LIST_FIELDS},
    "quote": "quote",
    "background": "background",
}
#: What the create form shows when empty; other fields are blank text.
_EMPTY_FORM: dict[str, Any] = {
    "avatar": "🙂",
    "stakeholder_type": StakeholderType.OTHER,
    "influence": 3,
    "interest": 3,
}
CREATE_PREFIX = "new_persona"
FORM_USED_KEY = "_persona_form_used"
CREATE_ERROR_KEY = "_persona_create_error"
#: Fields inside the form's folded "details" section: a refusal naming one of them unfolds it.
DETAIL_FIELDS = (*LIST_FIELDS, "quote", "background")


def form_error() -> str | None:
    """The create form's last refusal, drawn inside the form just above its button."""
    message = st.session_state.get(CREATE_ERROR_KEY)
    if message:
        st.error(message, icon="⚠️")
    return message


def details_need_opening(message: str | None) -> bool:
    """True when the refusal names a field of the folded section, so the user sees what to fix."""
    return bool(message) and any(web.tr(f"field.{field}") in message for field in DETAIL_FIELDS)


def create_from_form(workshop_id: int) -> None:
    """The create button's callback: it runs before the page reruns, so on success the form can be
    emptied while its widgets stay mounted, and the Name box keeps the focus for the next persona.
    On a refusal everything typed stays in the form."""
    st.session_state[FORM_USED_KEY] = True
    values = {
        field: st.session_state.get(f"{CREATE_PREFIX}_{suffix}")
        for field, suffix in _FORM_KEYS.items()
        if f"{CREATE_PREFIX}_{suffix}" in st.session_state
    }
    for field in LIST_FIELDS:
        if field in values:
            values[field] = svc.split_lines(values[field] or "")
    created, error = web.call_quietly(svc.create_persona, workshop_id=workshop_id, **values)
    # Shown by the form itself (form_error), next to the fields, not at the top of the page.
    st.session_state[CREATE_ERROR_KEY] = error
    if created is not None:
        # Assigned, not deleted: only an assigned value is sent back to clear the browser's boxes.
        for field, suffix in _FORM_KEYS.items():
            st.session_state[f"{CREATE_PREFIX}_{suffix}"] = _EMPTY_FORM.get(field, "")
        web.flash(web.tr("persona.created", name=web.md(created.name)))


def _bullets(title: str, entries: list[str]) -> None:
    if not entries:
        return
    shown = "\n".join(f"- {web.md(entry)}" for entry in entries[:TOP])
    more = len(entries) - TOP
    st.markdown(f"**{title}**\n{shown}" + (f"\n- *{web.tr('persona.card.more', count=more)}*" if more > 0 else ""))


def _editor_keys(persona_id: int) -> list[str]:
    return [f"persona_{persona_id}_{suffix}" for suffix in _FORM_KEYS.values()]


def _start_editing(persona_id: int) -> None:
    """The edit starts from the version on screen now, not the one first seen long ago (unless a
    draft typed against that older version is still held: its save must still be checked)."""
    if not drafts.has_draft(*_editor_keys(persona_id)):
        conflict.forget(f"persona:{persona_id}")
    st.session_state[EDITING_KEY] = persona_id


def _stop_editing() -> None:
    st.session_state.pop(EDITING_KEY, None)


@dataclass(frozen=True)
class CardContext:
    """What a card needs from the loaded chain, so drawing many cards costs no query."""

    evidence_count: int
    attached: list[Evidence]
    workshop_evidence: list[Evidence]
    map_count: int
    #: "n = 48 of 150 (32%)" when the persona was drafted from a survey segment.
    segment_figure: str | None = None


def persona_card(persona: Persona, ctx: CardContext) -> None:
    ref = Ref(RefKind.PERSONA, persona.id)
    with st.container(border=True, key=f"persona_card_{persona.id}"):
        avatar_col, head_col = st.columns([1.3, 4], vertical_alignment="center", gap="medium")
        show_avatar(avatar_col, persona.avatar)
        head_col.markdown(f"### {web.md(persona.name)}")
        head_col.markdown(web.md(persona.role) or "&nbsp;")
        badges = st.container(horizontal=True)
        with badges:
            st.badge(type_label(persona.stakeholder_type), color="blue")
            evidence_badge(ctx.evidence_count)
            if ctx.segment_figure:
                st.badge(f"📊 {ctx.segment_figure}", color="green")
            st.badge(
                web.tr("persona.card.scores", influence=persona.influence, interest=persona.interest), color="gray"
            )
        _bullets(f"🎯 {web.tr('field.goals')}", persona.goals)
        _bullets(f"😣 {web.tr('field.pain_points')}", persona.pain_points)
        if persona.quote:
            st.markdown(f"> 💬 *{web.md(persona.quote)}*")
        actions = st.container(horizontal=True)
        with actions:
            st.button(
                f"✏️ {web.tr('persona.card.edit')}",
                key=f"persona_edit_{persona.id}",
                on_click=_start_editing,
                args=(persona.id,),
            )
            if st.button(f"📑 {web.tr('persona.card.duplicate')}", key=f"persona_duplicate_{persona.id}"):
                copy = web.call(
                    svc.duplicate_persona,
                    persona_id=persona.id,
                    name=web.tr("persona.copy_name", name=persona.name)[:SHORT_MAX],
                )
                if copy is not None:
                    web.flash(web.tr("persona.duplicated", name=web.md(copy.name)))
                    st.rerun()
            with st.popover(
                f"📎 {web.tr('persona.card.evidence', count=ctx.evidence_count)}", key=f"persona_ev_{persona.id}"
            ):
                evidence_panel(
                    ref, attached=ctx.attached, workshop_evidence=ctx.workshop_evidence, key=f"persona_ev_{persona.id}"
                )
            with st.popover(f"🗑️ {web.tr('persona.card.delete')}", key=f"persona_del_{persona.id}"):
                st.warning(web.tr("persona.delete_confirm", name=web.md(persona.name), maps=ctx.map_count))
                deleting = st.button(
                    web.tr("persona.delete_button"), key=f"persona_delete_confirm_{persona.id}", type="primary"
                )
                fields = _conflict_fields(persona)
                if conflict.delete(f"persona:{persona.id}", svc.delete_persona, version=persona.version,
                                   fields=fields, clicked=deleting, persona_id=persona.id):  # fmt: skip
                    web.flash(web.tr("persona.deleted", name=web.md(persona.name)))
                    st.rerun()


def show_avatar(container, avatar: str) -> None:
    """The avatar large, for the back of the room; it is user text going into HTML, so it is escaped."""
    container.markdown(f"<div class='persona-avatar'>{escape(avatar or '🙂')}</div>", unsafe_allow_html=True)


def editing_persona() -> int | None:
    return st.session_state.get(EDITING_KEY)


def persona_editor(persona: Persona) -> None:
    """The full-width editor, drawn under the row of the card being edited."""
    with st.container(border=True, key=f"persona_editor_{persona.id}"):
        _editor_form(persona)


def _conflict_fields(persona: Persona) -> list[conflict.Field]:
    stored = {field: getattr(persona, field) for field in _FORM_KEYS}
    stored.update({field: "\n".join(stored[field]) for field in LIST_FIELDS})
    return [
        conflict.Field(web.tr(f"field.{field}"), f"persona_{persona.id}_{suffix}", stored[field])
        for field, suffix in _FORM_KEYS.items()
    ]


def _cancel(persona_id: int) -> None:
    """Cancel drops what was typed: the editor shows the stored persona when opened again."""
    keys = _editor_keys(persona_id)
    drafts.clear(*keys)
    for key in keys:
        st.session_state.pop(key, None)
    conflict.forget(f"persona:{persona_id}")
    _stop_editing()


def _editor_form(persona: Persona) -> None:
    st.markdown(f"#### ✏️ {web.md(persona.name)}")
    # Plain widgets, not a form: every change is kept as a draft, so a page switch loses nothing.
    values = persona_form(f"persona_{persona.id}", persona, keep=True)
    save_col, cancel_col = st.columns([1, 1])
    save = save_col.button(f"💾 {web.tr('common.save')}", key=f"persona_save_{persona.id}", type="primary")
    cancel_col.button(
        web.tr("persona.form.cancel"), key=f"persona_cancel_{persona.id}", on_click=_cancel, args=(persona.id,)
    )
    saved = conflict.save(f"persona:{persona.id}", svc.update_persona, version=persona.version,
                          fields=_conflict_fields(persona), clicked=save, persona_id=persona.id, **values)  # fmt: skip
    if saved is not None:
        _stop_editing()
        web.flash(web.tr("persona.saved", name=web.md(saved.name)))
        st.rerun()
