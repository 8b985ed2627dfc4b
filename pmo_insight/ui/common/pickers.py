"""Choosing a persona and one of its empathy maps or journeys, as the workshop screens do."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from pmo_insight.domain.chain import WorkshopChain


class PersonaScenario(Protocol):
    id: int | None
    persona_id: int
    scenario: str


def persona_and_scenario(
    chain: WorkshopChain,
    items: Sequence[PersonaScenario],
    *,
    keys: tuple[str, str, str],
    columns: tuple[DeltaGenerator, DeltaGenerator],
    labels: tuple[str, str],
    empty: str,
) -> tuple[int, int | None]:
    """The chosen persona and its chosen map or journey (None when it has none yet).

    ``keys`` are the session keys of the persona, the item, and an item just created
    (``(persona_id, item_id)``, shown once); the choice starts on a persona that has items.
    """
    persona_key, item_key, created_key = keys
    personas = {p.id: p for p in chain.personas}
    if created_key in st.session_state:
        st.session_state[persona_key], st.session_state[item_key] = st.session_state.pop(created_key)
    if st.session_state.get(persona_key) not in personas:
        st.session_state[persona_key] = next((i.persona_id for i in items), chain.personas[0].id)
    persona_col, item_col = columns
    persona_id = persona_col.selectbox(
        labels[0],
        list(personas),
        key=persona_key,
        format_func=lambda pid: f"{personas[pid].avatar} {personas[pid].name}",
    )
    mine = {i.id: i for i in items if i.persona_id == persona_id}
    if st.session_state.get(item_key) not in mine:
        st.session_state[item_key] = next(iter(mine), None)
    if not mine:
        item_col.info(empty, icon="👉")
        return persona_id, None
    return persona_id, item_col.selectbox(labels[1], list(mine), key=item_key, format_func=lambda i: mine[i].scenario)
