"""Segment cards: size and share, stability, distinguishing answers, demographics, quotes, and a draft button.

Segments are computed from the loaded chain (no query) and kept per session for the chain's revision
and the chosen questions, so a rerun with nothing changed recomputes nothing.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from pmo_insight import web
from pmo_insight.domain.chain import WorkshopChain
from pmo_insight.errors import DomainError
from pmo_insight.surveys.profiles import SegmentProfile, default_questions
from pmo_insight.surveys.services import (
    QUOTE_QUADRANTS,
    carry_quote,
    draft_persona,
    segments_of,
    survey_parts,
    surveys_in,
)

CHOOSE_KEY = "survey_choose"
QUESTIONS_KEY = "survey_questions"
_CACHE_KEY = "survey_segments_cache"


def _segments(chain: WorkshopChain, evidence_id: int, questions: tuple[str, ...]) -> list[SegmentProfile]:
    key = (chain.workshop.id, chain.revision, evidence_id, questions)
    cached = st.session_state.get(_CACHE_KEY)
    if cached is not None and cached[0] == key:
        return cached[1]
    profiles = segments_of(chain, evidence_id=evidence_id, questions=list(questions))
    st.session_state[_CACHE_KEY] = (key, profiles)
    return profiles


def survey_segments_panel(chain: WorkshopChain) -> None:
    surveys = surveys_in(chain)
    if not surveys:
        st.info(web.tr("survey.none"), icon="👆")
        return
    names = {e.id: f"{e.source} (n = {e.sample_size})" for e in surveys}
    evidence_id = st.selectbox(
        web.tr("survey.choose"), list(names), format_func=names.__getitem__, index=len(names) - 1, key=CHOOSE_KEY
    )
    _evidence, columns, _responses = survey_parts(chain, evidence_id)
    forming = [c.header for c in columns if c.kind.value in ("likert", "single", "multiple", "number")]
    chosen = st.multiselect(
        web.tr("survey.questions"), forming, default=default_questions(columns), key=f"{QUESTIONS_KEY}_{evidence_id}"
    )
    st.caption(web.tr("survey.method"))
    try:
        profiles = _segments(chain, evidence_id, tuple(chosen))
    except DomainError as error:
        web.report(error)
        return
    per_row = min(3, len(profiles))
    for start in range(0, len(profiles), per_row):
        for column, profile in zip(st.columns(per_row), profiles[start : start + per_row], strict=False):
            with column:
                _card(profile, evidence_id, tuple(chosen), chain)


def _card(profile: SegmentProfile, evidence_id: int, questions: tuple[str, ...], chain: WorkshopChain) -> None:
    tr = web.tr
    with st.container(border=True, key=f"segment_card_{profile.label}"):
        st.markdown(f"### {tr('survey.segment_title', label=profile.label)}")
        figure = tr("survey.n_of", n=profile.size, total=profile.total, share=round(profile.share * 100))
        badges = st.container(horizontal=True)
        with badges:
            st.badge(f"📊 {figure}", color="green")
            stability = f"{profile.stability:.2f}"
            if profile.stable:
                st.badge(tr("survey.stable", stability=stability), color="blue")
            else:
                st.badge(tr("survey.unstable", stability=stability), color="orange")
        st.markdown(
            f"**{tr('survey.distinguishing')}**\n" + _bullets(d.text(web.lang()) for d in profile.distinguishing)
        )
        if profile.demographics:
            lines = (
                f"{header}: " + ", ".join(f"{value} {round(share * 100)}%" for value, share in spread)
                for header, spread in profile.demographics.items()
            )
            st.markdown(f"**{tr('survey.demographics')}**\n" + _bullets(lines))
        st.markdown(f"**{tr('survey.quotes')}**")
        if profile.quotes:
            for index, (respondent, text) in enumerate(profile.quotes):
                st.markdown(f"> 💬 *{web.md(text)}* — {web.md(respondent)}")
                carry_popover(chain, evidence_id, respondent, f"carry_{profile.label}_{index}")
        else:
            st.caption(tr("survey.no_quotes"))
        if st.button(f"👤 {tr('survey.draft', label=profile.label)}", key=f"segment_draft_{profile.label}"):
            persona = web.call(
                draft_persona, evidence_id=evidence_id, label=profile.label, questions=list(questions), lang=web.lang()
            )
            if persona is not None:
                web.flash(tr("survey.drafted", name=web.md(persona.name)))
                st.rerun()


def carry_popover(chain: WorkshopChain, evidence_id: int, respondent: str, key: str) -> None:
    """A quote onto an empathy map: which map, which quadrant; the note keeps the respondent id."""
    tr = web.tr
    with st.popover(f"🧠 {tr('survey.carry_to')}", key=f"{key}_open"):
        if not chain.maps:
            st.caption(tr("survey.no_maps"))
            return
        personas = {p.id: p.name for p in chain.personas}
        maps = {m.id: f"{personas.get(m.persona_id, '')} · {m.scenario}" for m in chain.maps}
        map_id = st.selectbox(tr("survey.carry_map"), list(maps), format_func=maps.__getitem__, key=f"{key}_map")
        quadrant = st.selectbox(
            tr("survey.carry_quadrant"),
            list(QUOTE_QUADRANTS),
            format_func=lambda q: tr(f"empathy.quadrant.{q.value}"),
            key=f"{key}_quadrant",
        )
        if st.button(tr("survey.carry"), key=f"{key}_go"):
            note = web.call(
                carry_quote, evidence_id=evidence_id, map_id=map_id, respondent=respondent, quadrant=quadrant
            )
            if note is not None:
                web.flash(tr("survey.carried", respondent=web.md(respondent)))
                st.rerun()


def _bullets(lines: Any) -> str:
    return "\n".join(f"- {web.md(line)}" for line in lines)
