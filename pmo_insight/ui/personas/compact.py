"""A persona as one compact line of the gallery, for workshops with more personas than fit a screen.

The full card (goals, pains, quote, edit, duplicate, evidence, delete) is drawn for the persona the
facilitator is working on; the others show who they are and whether evidence backs them, with one
button to bring them forward. That keeps a rerun of a 20-persona workshop close to a 1-persona one.
"""

from __future__ import annotations

import streamlit as st

from pmo_insight import web
from pmo_insight.ui.personas.card import type_label
from pmo_insight.ui.personas.evidence import evidence_badge

ACTIVE_KEY = "persona_active"
#: Up to this many personas every card is drawn in full (a screen's worth).
FULL_CARDS_UP_TO = 6


def active_persona(persona_ids: list[int]) -> int | None:
    """The persona drawn in full: the one last brought forward, else the first."""
    if st.session_state.get(ACTIVE_KEY) not in persona_ids:
        st.session_state[ACTIVE_KEY] = persona_ids[0] if persona_ids else None
    return st.session_state[ACTIVE_KEY]


def _bring_forward(persona_id: int) -> None:
    st.session_state[ACTIVE_KEY] = persona_id


def persona_compact(persona, *, evidence_count: int) -> None:
    with st.container(border=True, key=f"persona_compact_{persona.id}"):
        st.markdown(f"**{web.md(persona.avatar or '🙂')} {web.md(persona.name)}** · {web.md(persona.role)}")
        with st.container(horizontal=True):
            st.badge(type_label(persona.stakeholder_type), color="blue")
            evidence_badge(evidence_count)
            st.button(
                f"🔍 {web.tr('persona.compact.open')}",
                key=f"persona_open_{persona.id}",
                on_click=_bring_forward,
                args=(persona.id,),
            )
