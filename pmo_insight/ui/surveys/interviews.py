"""Interview notes on the evidence screen: add one (paste or file), then tag its paragraphs onto maps.

The tagger shows one quote at a time: one key per quadrant (1 Says, 2 Thinks, 3 Feels, 4 Pains,
5 Gains: Streamlit's button shortcuts, shown on each button) carries it onto the chosen empathy map
and moves to the next; ← and → step back and forward without tagging. Every quote also keeps its
own "carry to a map" popover below, for the mouse.
"""

from __future__ import annotations

import streamlit as st

from pmo_insight import web
from pmo_insight.domain.chain import WorkshopChain
from pmo_insight.errors import DomainError
from pmo_insight.models import Quadrant
from pmo_insight.surveys.reading import MAX_FILE_BYTES, SurveyRejected
from pmo_insight.surveys.services import (
    QUOTE_QUADRANTS,
    carry_quote,
    import_interview,
    interview_quotes,
    interviews_in,
    problem_lines,
)
from pmo_insight.ui.surveys.segments import carry_popover

FORM = "interview_form"
TAGGER = "interview_tag"
#: One key per quadrant a quote may be tagged to (digits: no letter is reserved by Streamlit or the browser).
TAG_KEYS: dict[Quadrant, str] = {q: str(n) for n, q in enumerate(QUOTE_QUADRANTS, start=1)}
QUADRANT_ICONS = {"says": "💬", "thinks": "💭", "feels": "❤️", "pains": "😣", "gains": "🌱"}


def interview_panel(chain: WorkshopChain) -> None:
    tr = web.tr
    st.subheader(f"🎙️ {tr('interview.title')}")
    st.caption(tr("interview.help"))
    with st.expander(f"➕ {tr('interview.add')}", expanded=not interviews_in(chain)):
        with st.form(FORM, border=False, clear_on_submit=True):
            name_col, date_col = st.columns([3, 1])
            name = name_col.text_input(tr("interview.interviewee"), key=f"{FORM}_name", max_chars=200)
            held_on = date_col.date_input(tr("interview.held_on"), value=None, key=f"{FORM}_date")
            text = st.text_area(tr("interview.text"), key=f"{FORM}_text", height=160)
            upload = st.file_uploader(
                tr("interview.file"),
                type=["txt", "md", "docx"],
                key=f"{FORM}_file",
                max_upload_size=MAX_FILE_BYTES // (1024 * 1024),
            )
            if st.form_submit_button(tr("interview.add"), type="primary"):
                _add(chain.workshop.id, name.strip(), held_on, text, upload)
    interviews = interviews_in(chain)
    if not interviews:
        return
    names = {e.id: e.source for e in interviews}
    evidence_id = st.selectbox(
        tr("interview.choose"), list(names), format_func=names.__getitem__, index=len(names) - 1, key="interview_pick"
    )
    quotes = interview_quotes(chain, evidence_id)
    tagger(chain, evidence_id, quotes)
    for paragraph, text in quotes:
        with st.container(border=True):
            st.markdown(f"{web.md(paragraph)} · {web.md(text)}")
            carry_popover(chain, evidence_id, paragraph, f"icarry_{evidence_id}_{paragraph[1:]}")


def _cursor_key(evidence_id: int) -> str:
    return f"{TAGGER}_at_{evidence_id}"


def tagger(chain: WorkshopChain, evidence_id: int, quotes: list[tuple[str, str]]) -> None:
    """One quote at a time, tagged to a quadrant with one key and carried onto the chosen map."""
    tr = web.tr
    if not quotes:
        return
    with st.container(border=True, key=f"{TAGGER}_box"):
        st.markdown(f"**⌨️ {tr('interview.tag.title')}**")
        if not chain.maps:
            st.caption(tr("survey.no_maps"))
            return
        personas = {p.id: p.name for p in chain.personas}
        maps = {m.id: f"{personas.get(m.persona_id, '')} · {m.scenario}" for m in chain.maps}
        map_id = st.selectbox(tr("survey.carry_map"), list(maps), format_func=maps.__getitem__, key=f"{TAGGER}_map")
        cursor = _cursor_key(evidence_id)
        at = min(max(int(st.session_state.get(cursor, 0)), 0), len(quotes) - 1)
        paragraph, text = quotes[at]
        st.caption(tr("interview.tag.position", n=at + 1, total=len(quotes), keys=len(TAG_KEYS)))
        st.markdown(f"> {web.md(paragraph)} · {web.md(text)}")
        done = _tagged(chain, evidence_id, paragraph, map_id)
        if done:
            names = ", ".join(tr(f"empathy.quadrant.{q}") for q in done)
            st.caption(f"✅ {tr('interview.tag.done', quadrants=names)}")
        row = st.container(horizontal=True, key=f"{TAGGER}_keys")
        with row:
            for quadrant, key in TAG_KEYS.items():
                name = tr(f"empathy.quadrant.{quadrant.value}")
                if st.button(
                    f"{QUADRANT_ICONS[quadrant.value]} {name}",
                    key=f"{TAGGER}_{quadrant.value}",
                    shortcut=key,
                    help=tr("interview.tag.key", shortcut=key, quadrant=name),
                ):
                    _tag(evidence_id, map_id, paragraph, quadrant, name, cursor, at, len(quotes))
            if st.button("◀", key=f"{TAGGER}_back", shortcut="Left", help=tr("interview.tag.back"), disabled=at == 0):
                st.session_state[cursor] = at - 1
                st.rerun()
            last = at == len(quotes) - 1
            if st.button("▶", key=f"{TAGGER}_next", shortcut="Right", help=tr("interview.tag.next"), disabled=last):
                st.session_state[cursor] = at + 1
                st.rerun()


def _tagged(chain: WorkshopChain, evidence_id: int, paragraph: str, map_id: int) -> list[str]:
    """The quadrants of ``map_id`` this quote was already carried to (its notes linked to the interview)."""
    evidence = next(e for e in chain.evidence if e.id == evidence_id)
    author = f"{evidence.source} {paragraph}"[:120]
    linked = {link.target_id for link in chain.evidence_links if link.evidence_id == evidence_id}
    return sorted(
        {str(n.quadrant) for n in chain.notes if n.map_id == map_id and n.id in linked and n.author == author}
    )


def _tag(
    evidence_id: int, map_id: int, paragraph: str, quadrant: Quadrant, name: str, cursor: str, at: int, total: int
) -> None:
    note = web.call(carry_quote, evidence_id=evidence_id, map_id=map_id, respondent=paragraph, quadrant=quadrant)
    if note is None:
        return
    web.flash(web.tr("interview.tag.carried", paragraph=web.md(paragraph), quadrant=name))
    st.session_state[cursor] = min(at + 1, total - 1)
    st.rerun()


def _add(workshop_id: int, name: str, held_on, text: str, upload) -> None:
    if not name:
        st.error(web.tr("interview.need_name"), icon="⚠️")
        return
    fields = {"data": upload.getvalue(), "filename": upload.name} if upload is not None else {"text": text}
    try:
        evidence = web.run(import_interview, workshop_id=workshop_id, interviewee=name, held_on=held_on, **fields)
    except SurveyRejected as error:
        st.error("\n".join(f"- {web.md(line)}" for line in problem_lines(error, web.lang())), icon="⚠️")
        return
    except DomainError as error:
        web.report(error)
        return
    web.flash(web.tr("interview.added", name=web.md(evidence.source)))
    st.rerun()
