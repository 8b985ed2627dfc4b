"""Adding and editing one touchpoint from the stage-column map: a card per touchpoint, a dialog to edit it.

The grid stays for bulk edits; this is the projector's way in: click a card (or "➕" under a stage),
pick the emotion as one big −3…+3 choice, type, press Enter. A save quotes the version the card showed,
so a colleague's change in between is refused with the conflict message and the dialog keeps the
typed text. While the grid holds unsaved rows the cards are locked, as the stage editor is.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from pmo_insight import web
from pmo_insight.models import NAME_MAX, TEXT_MAX, JourneyStage, Touchpoint
from pmo_insight.services import journeys as svc
from pmo_insight.ui.common import drafts

EMOTIONS = list(range(-3, 4))
FACES = {-3: "😫", -2: "😣", -1: "🙁", 0: "😐", 1: "🙂", 2: "😊", 3: "😀"}
#: Dialog widget key prefix; the touchpoint id (or "new") follows.
PREFIX = "tp_dialog"
OPEN_KEY = "_touchpoint_dialog"


def emotion_label(value: int) -> str:
    return f"{FACES[value]} {value:+d}" if value else f"{FACES[0]} 0"


def card_label(tp: Touchpoint) -> str:
    pain = " · 🔴" if tp.pain_point else ""
    return f"{FACES[tp.emotion_now]} {tp.name}{pain}"


def stage_cards(
    stage: JourneyStage, touchpoints: Sequence[Touchpoint], stages: Sequence[JourneyStage], *, locked: bool
) -> None:
    """One stage column's touchpoint cards and its add button (drawn in the current column)."""
    for tp in touchpoints:
        st.button(
            card_label(tp),
            key=f"tp_card_{tp.id}",
            width="stretch",
            wrap=True,
            disabled=locked,
            help=web.tr("journey.card.edit_help"),
            on_click=_open,
            args=(stage.id, tp.id),
        )
    st.button(
        f"➕ {web.tr('journey.card.add')}",
        key=f"tp_add_{stage.id}",
        width="stretch",
        wrap=True,
        type="tertiary",
        disabled=locked,
        on_click=_open,
        args=(stage.id, None),
    )


def _open(stage_id: int, touchpoint_id: int | None) -> None:
    st.session_state[OPEN_KEY] = (stage_id, touchpoint_id)


def _close() -> None:
    st.session_state.pop(OPEN_KEY, None)


def open_dialog(stages: Sequence[JourneyStage], touchpoints: Sequence[Touchpoint]) -> None:
    """Draw the dialog a card opened, on every run until it is saved or dismissed (a page rerun keeps it)."""
    opened = st.session_state.get(OPEN_KEY)
    if opened is None:
        return
    stage_id, touchpoint_id = opened
    tp = next((t for t in touchpoints if t.id == touchpoint_id), None)
    if touchpoint_id is not None and tp is None or stage_id not in {s.id for s in stages}:
        _close()  # deleted meanwhile, or another journey: nothing to edit
        return
    title = web.tr("journey.card.edit_title") if tp else web.tr("journey.card.add_title")
    st.dialog(title, width="large", on_dismiss=_close)(_dialog_body)(stages, stage_id, tp)


def _dialog_body(stages: Sequence[JourneyStage], stage_id: int, tp: Touchpoint | None) -> None:
    key = f"{PREFIX}_{tp.id if tp else 'new'}"
    seen = web.seen_version(f"touchpoint:{tp.id}", tp.version) if tp else None
    names = {s.id: s.name for s in stages}
    # Plain widgets, not a form: each change is kept as a draft, so a page switch loses nothing.
    stage = st.segmented_control(
        web.tr("field.stage_id"),
        list(names),
        default=tp.stage_id if tp else stage_id,
        format_func=names.get,
        required=True,
        # A new card's stage is the column it was opened from, never one from an earlier draft.
        **(drafts.track(f"{key}_stage") if tp else {"key": f"{key}_stage"}),
    )
    name = st.text_input(
        web.tr("journey.col.name"), value=tp.name if tp else "", max_chars=NAME_MAX, **drafts.track(f"{key}_name")
    )
    now = st.segmented_control(
        web.tr("field.emotion_now"),
        EMOTIONS,
        default=tp.emotion_now if tp else 0,
        format_func=emotion_label,
        required=True,
        **drafts.track(f"{key}_now"),
        width="stretch",
    )
    target = st.segmented_control(
        web.tr("field.emotion_target"),
        EMOTIONS,
        default=tp.emotion_target if tp else None,
        format_func=emotion_label,
        **drafts.track(f"{key}_target"),
        width="stretch",
    )
    pain = st.text_area(
        web.tr("field.pain_point"),
        value=tp.pain_point if tp else "",
        max_chars=TEXT_MAX,
        height=90,
        **drafts.track(f"{key}_pain"),
    )
    opportunity = st.text_area(
        web.tr("field.opportunity"),
        value=tp.opportunity if tp else "",
        max_chars=TEXT_MAX,
        height=90,
        **drafts.track(f"{key}_opportunity"),
    )
    key_pain = st.checkbox(
        web.tr("field.is_key_pain"), value=bool(tp.is_key_pain) if tp else False, **drafts.track(f"{key}_key")
    )
    keys = [f"{key}_{suffix}" for suffix in ("stage", "name", "now", "target", "pain", "opportunity", "key")]
    stored = None
    if tp is not None:
        stored = [
            tp.stage_id,
            tp.name,
            tp.emotion_now,
            tp.emotion_target,
            tp.pain_point,
            tp.opportunity,
            bool(tp.is_key_pain),
        ]
    drafts.unsaved_mark(keys, stored)
    saved = st.button(f"💾 {web.tr('common.save')}", key=f"{key}_save", type="primary")
    if not saved:
        return
    values = {
        "name": name,
        "emotion_now": now,
        "emotion_target": target,
        "pain_point": pain,
        "opportunity": opportunity,
        "is_key_pain": key_pain,
    }
    if tp is None:
        done = web.call(svc.add_touchpoint, stage_id=stage, **values)
    else:
        done = web.call(svc.update_touchpoint, touchpoint_id=tp.id, expected_version=seen, stage_id=stage, **values)
    if done is not None:
        drafts.clear(*keys)
        if tp is not None:
            web.forget_seen(f"touchpoint:{tp.id}")
        _close()
        web.flash(web.tr("journey.card.saved", name=web.md(done.name)))
        st.rerun()
