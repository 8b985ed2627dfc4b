"""Presenter mode's views: one artifact at a time, full screen, readable from the back of the room.

Styles make every text at least 20 px (``max(20px, 1em)``: larger text stays larger); charts are
re-configured to the same floor. User text goes through ``web.md`` or the canvas board's escaping.
"""

from __future__ import annotations

from html import escape
from typing import Any

import streamlit as st

from pmo_insight import web
from pmo_insight.charts.emotion import emotion_curve
from pmo_insight.domain.chain import WorkshopChain
from pmo_insight.domain.fit import fit_score, percent
from pmo_insight.domain.journey_analysis import experience_breaks, journey_order
from pmo_insight.domain.presenter import Slide, SlideKind, followed_pains
from pmo_insight.live.models import LiveSession
from pmo_insight.live.sessions import totals
from pmo_insight.models import Quadrant, RefKind
from pmo_insight.services import empathy as empathy_svc
from pmo_insight.ui.canvas import board as canvas_board
from pmo_insight.ui.empathy.board import COLOURS, ICONS
from pmo_insight.ui.live.common import countdown

MIN_PX = 20
SOURCE_ICONS = {RefKind.PERSONA: "👤", RefKind.EMPATHY_NOTE: "🧠", RefKind.TOUCHPOINT: "🗺️"}


def presenter_css() -> None:
    per_quadrant = "\n".join(
        f'[class*="st-key-present_note_{q.value}_"] {{ background: {c}; }}' for q, c in COLOURS.items()
    )
    st.html(
        f"""<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
  header[data-testid="stHeader"] {{ display: none !important; }}
[data-testid="stMainBlockContainer"] {{ max-width: 100%; padding: 1.2rem 2.5rem 2rem; }}
html body [data-testid="stMain"] :is(p, li, span, div, label, small, td, th, code, button, h4, h5, h6) {{
  font-size: max({MIN_PX}px, 1em); }}
html body [data-testid="stApp"] [data-testid="stMain"] :is([data-testid="stCaptionContainer"],
  [data-testid="stCaptionContainer"] p, .stMarkdownBadge, [data-testid="stIconEmoji"], [data-testid="stMetricLabel"] p,
  [data-testid="stTooltipHoverTarget"] p, [data-testid="stTableStyledTable"] :is(th, td, p)) {{
  font-size: max({MIN_PX}px, 1em) !important; }}
[class*="st-key-present_note_"] {{ border-radius: 4px 4px 14px 4px; padding: .6rem .8rem;
  box-shadow: 2px 4px 10px rgba(16,24,40,.18); color: #101828; }}
html body [class*="st-key-present_note_"] p {{ font-size: 1.6rem; line-height: 1.3; overflow-wrap: anywhere; }}
.st-key-present_corner {{ background: #101828; color: #fff; border-radius: 12px; padding: .4rem 1rem; }}
.st-key-present_corner p, .st-key-present_corner div {{ color: #fff; }}
{per_quadrant}
html body [data-testid="stMain"] :is(.st-key-present_prev, .st-key-present_next) button * {{
  font-size: 1.8rem !important; }}
html body [data-testid="stMain"] .present-code {{ font-size: 2.2rem; font-weight: 800; letter-spacing: .35rem;
  font-family: monospace; }}
</style>"""
    )


def navigation_keys() -> None:
    """← and → press the previous and next buttons (ignored while typing in a field)."""
    st.html(
        """<script>
(() => {
  if (window.__presentKeys) return;
  window.__presentKeys = true;
  document.addEventListener("keydown", (event) => {
    const target = event.target;
    if (target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.isContentEditable)) return;
    const key = {ArrowRight: "present_next", ArrowLeft: "present_prev", PageDown: "present_next",
                 PageUp: "present_prev"}[event.key];
    if (!key) return;
    const button = [...document.querySelectorAll(".st-key-" + key + " button")].find((b) => b.offsetParent);
    if (button && !button.disabled) { event.preventDefault(); button.click(); }
  });
})();
</script>""",
        unsafe_allow_javascript=True,
    )


def corner(live: LiveSession | None) -> None:
    """The join code and the timer in a corner while a live session runs."""
    if live is None:
        return
    with st.container(key="present_corner"):
        st.markdown(f"<div class='present-code'>{escape(live.code)}</div>", unsafe_allow_html=True)
        countdown(live.timer_deadline, over_text=web.tr("live.timer.over"), key="corner", size="1.6rem")


def show(chain: WorkshopChain, slide: Slide, live: LiveSession | None) -> None:
    {
        SlideKind.EMPATHY: _empathy,
        SlideKind.JOURNEY: _journey,
        SlideKind.CANVAS: _canvas,
        SlideKind.PAIN: _pain,
    }[slide.kind](chain, slide, live)


def _empathy(chain: WorkshopChain, slide: Slide, live: LiveSession | None) -> None:
    hidden = live is not None and live.board_id == slide.id and live.board_kind == "empathy" and not live.revealed
    notes = empathy_svc.board(chain, map_id=slide.id, by_votes=not hidden)
    counts = totals(chain, live) if live is not None else {}
    rows = [(Quadrant.SAYS, Quadrant.THINKS, Quadrant.DOES), (Quadrant.FEELS, Quadrant.PAINS, Quadrant.GAINS)]
    for row in rows:
        for column, quadrant in zip(st.columns(3, gap="medium"), row, strict=True):
            with column.container(border=True, key=f"present_quadrant_{quadrant.value}"):
                st.markdown(f"### {ICONS[quadrant]} {web.tr(f'empathy.quadrant.{quadrant.value}')}")
                for note in notes[quadrant][:6]:
                    with st.container(key=f"present_note_{quadrant.value}_{note.id}"):
                        st.markdown(web.md(note.text))
                        if not hidden and note.votes:
                            st.markdown(f"**● {note.votes}**")
                if len(notes[quadrant]) > 6:
                    st.markdown(web.tr("present.more", count=len(notes[quadrant]) - 6))
    if hidden and counts:
        st.markdown(web.tr("present.votes_hidden", count=sum(counts.values())))


def _journey(chain: WorkshopChain, slide: Slide, _live: LiveSession | None) -> None:
    stages, touchpoints = chain.stages_of(slide.id), chain.touchpoints_of(slide.id)
    if not touchpoints:
        st.info(web.tr("journey.curve.empty"), icon="✏️")
        return
    chart = emotion_curve(stages, touchpoints, lang=web.lang(), height=620)
    # Drawn like the journey screen draws it, with every font raised to the presenter's floor.
    st.altair_chart(type(chart).from_dict(at_least(chart.to_dict(), MIN_PX)), width="stretch", theme=None)
    breaks = experience_breaks(journey_order(stages, touchpoints))
    if breaks:
        names = "; ".join(f"**{web.md(tp.name)}** ({tp.emotion_now:+d})" for tp in breaks)
        st.markdown(f"⚡ {web.tr('journey.curve.breaks')} {names}")


def at_least(spec: Any, floor: int) -> Any:
    """A Vega-Lite spec with every font size raised to ``floor`` pixels."""
    if isinstance(spec, dict):
        return {
            k: max(v, floor) if k.lower().endswith("fontsize") and isinstance(v, int | float) else at_least(v, floor)
            for k, v in spec.items()
        }
    if isinstance(spec, list):
        return [at_least(v, floor) for v in spec]
    return spec


def _canvas(chain: WorkshopChain, slide: Slide, _live: LiveSession | None) -> None:
    canvas = next(c for c in chain.canvases if c.id == slide.id)
    score = fit_score(chain, canvas.id)
    pains, gains, overall = st.columns(3)
    pains.metric(f"😣 {web.tr('canvas.fit.pains')}", percent(score.pains))
    gains.metric(f"😊 {web.tr('canvas.fit.gains')}", percent(score.gains))
    overall.metric(f"⇄ {web.tr('canvas.fit.overall')}", percent(score.overall))
    canvas_board.board(chain, canvas)


def _pain(chain: WorkshopChain, slide: Slide, _live: LiveSession | None) -> None:
    row = next(r for r in followed_pains(chain) if r.pain.id == slide.id)
    steps: list[tuple[str, str]] = [
        (SOURCE_ICONS.get(ref.kind, "•"), chain.label(ref)) for ref in reversed(row.sources)
    ]
    steps.append(("😣", f"{row.pain.text} ({web.tr('canvas.rank.pain')} {row.pain.rank})"))
    steps += [("💊", item.text) for item, _strength in row.relievers]
    steps += [("📏", kpi.name) for kpi in row.kpis]
    for column, (icon, text) in zip(st.columns(len(steps)), steps, strict=True):
        with column.container(border=True, height="stretch"):
            st.markdown(f"## {icon}")
            st.markdown(web.md(text))
    for gap in row.gaps:
        st.warning(web.tr(f"chain.gap.{gap.value}"), icon="⚠️")
