"""The value proposition canvas drawn as the familiar picture: value map square left, customer circle right.

Drawn with HTML and CSS through ``st.html`` because no Streamlit element lays notes out inside a
circle; every user string passes through ``html.escape`` (a browser test proves a ``<script>`` in a
note shows as text). Items carry short codes (P1, R2…) so the fit between the two halves can be
read straight off the board: a pain says which relievers ease it, a reliever which pains it eases.
"""

from __future__ import annotations

from html import escape

import streamlit as st

from pmo_insight import web
from pmo_insight.domain.chain import WorkshopChain
from pmo_insight.domain.fit import FitScore, coverage, fit_score, percent, terms
from pmo_insight.domain.refs import Ref
from pmo_insight.models import CanvasItem, FitStrength, ItemKind, RefKind, ValueCanvas
from pmo_insight.nudges.rules import board_nudges
from pmo_insight.ui.nudges import view as nudges

CODE_PREFIX = {
    ItemKind.JOB: "J",
    ItemKind.PAIN: "P",
    ItemKind.GAIN: "G",
    ItemKind.PRODUCT: "S",
    ItemKind.RELIEVER: "R",
    ItemKind.CREATOR: "C",
}
KIND_ICONS = {
    ItemKind.JOB: "🛠️",
    ItemKind.PAIN: "😣",
    ItemKind.GAIN: "😊",
    ItemKind.PRODUCT: "📦",
    ItemKind.RELIEVER: "💊",
    ItemKind.CREATOR: "🚀",
}
SOURCE_ICONS = {RefKind.EMPATHY_NOTE: "🧠", RefKind.TOUCHPOINT: "🗺️", RefKind.PERSONA: "👤"}

_CSS = """
<style>
.vpc { display:flex; align-items:center; justify-content:center; gap:1rem; padding-block: var(--vpc-pad, 40px);
  font-family: "Noto Sans CJK SC", "Noto Sans", sans-serif; font-size: 1.05rem; }
.vpc-map { flex: 0 0 40%; aspect-ratio: 1; border: 4px solid #00838F; border-radius: 6px; padding: 12px;
  display:flex; flex-direction:column; background:#F7FCFC; box-sizing:border-box; }
/* The customer profile: its items sit in a box and the circle is drawn around that box's corners
   (an ellipse 141.4% of the box each way passes exactly through them), so no item ever crosses it. */
.vpc-profile { flex: 0 0 54%; display:flex; justify-content:center; align-items:center; }
.vpc-profile-inner { position: relative; width: 70.7%; z-index: 0; display:flex; flex-direction:column; }
.vpc-profile-inner::before { content: ""; position: absolute; left: -20.7%; top: -20.7%; width: 141.4%;
  height: 141.4%; border: 4px solid #C62828; border-radius: 50%; background: #FFF8F8; z-index: -1;
  box-sizing: border-box; }
.vpc-head { font-size: 1.35rem; font-weight: 700; text-align:center; margin-bottom: 8px; color:#263238; }
.vpc-map-grid { display:grid; grid-template-columns: 1fr 1fr; gap: 8px; flex: 1; }
.vpc-profile-grid { display:grid; grid-template-columns: 1.2fr 1fr; gap: 8px; flex: 1; }
.vpc-col { display:flex; flex-direction:column; gap:8px; min-width: 0; }
.vpc-area { border: 2px dashed #B0BEC5; border-radius: 10px; padding: 6px; flex: 1; background: rgba(255,255,255,.7); }
.vpc-area h4 { margin: 0 0 6px 0; padding:0; font-size: 1.2rem; color:#37474F; }
/* Words wrap whole: a break inside a word ("Anx iety") only for a word wider than the note itself. */
.vpc-note { border-radius: 6px; padding: 5px 7px; margin: 0 0 6px 0; font-size: 1.05rem; line-height: 1.3;
  box-shadow: 0 1px 2px rgba(0,0,0,.15); background:#FFF59D; color:#212121; overflow-wrap: break-word;
  word-break: normal; hyphens: manual; }
.vpc-note.k-product { background:#E1F5FE; } .vpc-note.k-reliever { background:#B2EBF2; }
.vpc-note.k-creator { background:#C8E6C9; } .vpc-note.k-job { background:#FFF9C4; }
.vpc-note.k-pain { background:#FFCDD2; } .vpc-note.k-gain { background:#DCEDC8; }
.vpc-note.cov-none { outline: 3px solid #D32F2F; }
.vpc-note.cov-partial { outline: 3px dashed #F9A825; }
.vpc-code { font-weight: 700; margin-right: 4px; }
.vpc-rank { display:block; color:#5D4037; font-size: 1.05rem; letter-spacing: 1px; line-height: 1.1; }
.vpc-meta { display:block; font-size: 1.05rem; color:#37474F; margin-top: 2px; }
.vpc-fit { flex: 0 0 auto; font-size: 2rem; color:#546E7A; text-align:center; position: relative; z-index: 1; }
.vpc-empty { color:#607D8B; font-style: italic; font-size: 1.05rem; }
/* A narrow projector: the value map above the customer profile, each the full width, so notes keep
   their words whole. */
@media (max-width: 1500px) {
  .vpc { flex-direction: column; gap: .6rem; padding-block: 0; }
  .vpc-map { flex: none; width: 100%; aspect-ratio: auto; }
  .vpc-profile { flex: none; width: 100%; margin-block: var(--vpc-pad, 40px); }
  .vpc-fit { font-size: 1.6rem; }
}
</style>
"""


def item_codes(chain: WorkshopChain, canvas_id: int) -> dict[int, str]:
    """P1, P2… by kind in board order: short names the fit can be read by."""
    codes: dict[int, str] = {}
    for kind, prefix in CODE_PREFIX.items():
        for n, item in enumerate(chain.items_of(canvas_id, kind), start=1):
            codes[item.id] = f"{prefix}{n}"
    return codes


def item_sources(chain: WorkshopChain, item: CanvasItem) -> list[str]:
    """Where a carried-in item came from, e.g. "🗺️ Waits for the cross-region approval"."""
    refs = chain.traced_sources(Ref(RefKind.CANVAS_ITEM, item.id))
    return [f"{SOURCE_ICONS.get(r.kind, '🔗')} {chain.label(r)}" for r in refs]


def fit_partners(chain: WorkshopChain, canvas_id: int) -> dict[int, list[tuple[int, FitStrength]]]:
    """For each item, the items on the other side of its fit links, with the link strength."""
    partners: dict[int, list[tuple[int, FitStrength]]] = {}
    for link in chain.fit_links:
        if link.canvas_id == canvas_id:
            strength = FitStrength(link.strength)
            partners.setdefault(link.customer_item_id, []).append((link.value_item_id, strength))
            partners.setdefault(link.value_item_id, []).append((link.customer_item_id, strength))
    return partners


def _note(item: CanvasItem, code: str, meta: list[str], covered: float | None) -> str:
    classes = [f"vpc-note k-{item.kind}"]
    if covered == 0.0:
        classes.append("cov-none")
    elif covered is not None and covered < 1.0:
        classes.append("cov-partial")
    rank = "●" * item.rank + "○" * (5 - item.rank)
    rank_title = escape(web.tr(f"canvas.rank.{item.kind}"))
    lines = "".join(f'<span class="vpc-meta" title="{escape(m)}">{escape(m)}</span>' for m in meta)
    return (
        f'<div class="{" ".join(classes)}" data-item="{item.id}">'
        f'<span class="vpc-code">{escape(code)}</span>{escape(item.text)}'
        f'<span class="vpc-rank" title="{rank_title} {item.rank}/5">{rank}</span>{lines}</div>'
    )


def board_html(chain: WorkshopChain, canvas: ValueCanvas) -> str:
    """The whole canvas as one HTML fragment, every user string escaped."""
    codes = item_codes(chain, canvas.id)
    covered = coverage(chain, canvas.id)
    partners = fit_partners(chain, canvas.id)

    def area(kind: ItemKind) -> str:
        notes = []
        for item in chain.items_of(canvas.id, kind):
            meta = []
            linked = partners.get(item.id, [])
            if linked:
                names = ", ".join(codes[i] + ("½" if s == FitStrength.PARTIAL else "") for i, s in linked)
                meta.append(web.tr(f"canvas.board.fit.{kind}", codes=names))
            elif kind in (ItemKind.PAIN, ItemKind.GAIN):
                meta.append(web.tr(f"canvas.board.unfit.{kind}"))
            sources = item_sources(chain, item)
            if sources:
                more = f" +{len(sources) - 1}" if len(sources) > 1 else ""
                meta.append(sources[0] + more)
            notes.append(_note(item, codes[item.id], meta, covered.get(item.id)))
        body = "".join(notes) or f'<div class="vpc-empty">{escape(web.tr("canvas.board.empty"))}</div>'
        title = escape(f"{KIND_ICONS[kind]} {web.tr(f'canvas.kind.{kind}')}")
        return f'<section class="vpc-area a-{kind}"><h4>{title}</h4>{body}</section>'

    score = fit_score(chain, canvas.id)
    # Room above and below for the circle, which reaches 20.7% of the profile's height past it.
    tallest = max(
        len(chain.items_of(canvas.id, ItemKind.GAIN)) + len(chain.items_of(canvas.id, ItemKind.PAIN)),
        len(chain.items_of(canvas.id, ItemKind.JOB)),
    )
    pad = round(0.21 * (200 + 135 * tallest))
    return (
        _CSS
        + f'<div class="vpc" data-testid="vpc-board" style="--vpc-pad: {pad}px">'
        + '<div class="vpc-map">'
        + f'<div class="vpc-head">{escape(web.tr("canvas.board.value_map"))}</div>'
        + '<div class="vpc-map-grid">'
        + f'<div class="vpc-col">{area(ItemKind.PRODUCT)}</div>'
        + f'<div class="vpc-col">{area(ItemKind.CREATOR)}{area(ItemKind.RELIEVER)}</div>'
        + "</div></div>"
        + f'<div class="vpc-fit" title="{escape(web.tr("canvas.fit.overall"))}">⇄<br>{percent(score.overall)}</div>'
        + '<div class="vpc-profile"><div class="vpc-profile-inner">'
        + f'<div class="vpc-head">{escape(web.tr("canvas.board.profile"))}</div>'
        + '<div class="vpc-profile-grid">'
        + f'<div class="vpc-col">{area(ItemKind.GAIN)}{area(ItemKind.PAIN)}</div>'
        + f'<div class="vpc-col">{area(ItemKind.JOB)}</div>'
        + "</div></div></div></div>"
    )


def board(chain: WorkshopChain, canvas: ValueCanvas) -> None:
    mine = {i.id for i in chain.items_of(canvas.id)}
    nudges.show_board(
        [
            n
            for n in board_nudges(chain, rules=["too_many_pains", "pain_without_evidence"])
            if n.params.get("canvas_id") == canvas.id or (n.ref is not None and n.ref.id in mine)
        ]
    )
    st.html(board_html(chain, canvas))


def _sum(chain: WorkshopChain, canvas_id: int, kind: ItemKind) -> str:
    """The score written out, e.g. "(5×1 + 4×½ + 2×0) / 11 = 64%": what a facilitator says aloud."""
    rows = terms(chain, canvas_id, kind)
    if not rows:
        return web.tr("canvas.fit.nothing")
    factor = {1.0: "1", 0.5: "½", 0.0: "0"}
    parts = " + ".join(f"{item.rank}×{factor.get(c, f'{c:g}')}" for item, c in rows)
    total = sum(item.rank for item, _ in rows)
    value = sum(item.rank * c for item, c in rows) / total
    return f"({parts}) / {total} = {percent(value)}"


def fit_summary(chain: WorkshopChain, canvas: ValueCanvas) -> FitScore:
    """The fit score with the uncovered pains by name and the formula, worked for this canvas."""
    score = fit_score(chain, canvas.id)
    with st.container(border=True, key="fit_summary"):
        pains, gains, overall, uncovered = st.columns([1, 1, 1, 3])
        pains.metric(f"😣 {web.tr('canvas.fit.pains')}", percent(score.pains))
        gains.metric(f"😊 {web.tr('canvas.fit.gains')}", percent(score.gains))
        overall.metric(f"⇄ {web.tr('canvas.fit.overall')}", percent(score.overall))
        with uncovered:
            if score.uncovered_pains:
                codes = item_codes(chain, canvas.id)
                st.markdown(f"**⚠️ {web.tr('canvas.fit.uncovered', count=len(score.uncovered_pains))}**")
                for pain in score.uncovered_pains[:5]:
                    st.markdown(f"- {codes[pain.id]} · {web.md(pain.text)} ({web.tr('canvas.rank.pain')} {pain.rank})")
            elif score.pains is not None:
                st.markdown(f"✅ {web.tr('canvas.fit.all_pains_relieved')}")
        with st.expander(f"🧮 {web.tr('canvas.fit.how')}"):
            st.markdown(web.tr("canvas.fit.formula"))
            st.markdown(f"- **{web.tr('canvas.fit.pains')}**: {_sum(chain, canvas.id, ItemKind.PAIN)}")
            st.markdown(f"- **{web.tr('canvas.fit.gains')}**: {_sum(chain, canvas.id, ItemKind.GAIN)}")
    return score
