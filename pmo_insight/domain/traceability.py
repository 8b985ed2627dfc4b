"""The insight chain as a graph and a table: from what a persona felt to the KPI proving the pain is gone.

The seed's fourth pitfall is tools used in isolation; this module makes the links between them
visible. Nodes are personas, empathy notes, journey touchpoints, canvas pains, pain relievers and
KPIs; edges are the recorded trace links (where an item came from), fit links (pain -> reliever)
and KPI links (reliever -> KPI). Pure: it reads an already loaded chain and issues no query.
"""

from __future__ import annotations

import unicodedata
from collections import deque
from dataclasses import dataclass, field
from enum import StrEnum

from pmo_insight.domain.chain import WorkshopChain
from pmo_insight.domain.refs import Ref
from pmo_insight.domain.value_statement import quantity
from pmo_insight.models import CanvasItem, FitStrength, ItemKind, Kpi, RefKind, ValueCanvas


class Layer(StrEnum):
    """The columns of the chain, left to right."""

    PERSONA = "persona"
    NOTE = "note"
    TOUCHPOINT = "touchpoint"
    PAIN = "pain"
    RELIEVER = "reliever"
    KPI = "kpi"


LAYERS = tuple(Layer)
LAYER_ICONS = {
    Layer.PERSONA: "👤",
    Layer.NOTE: "🧠",
    Layer.TOUCHPOINT: "🗺️",
    Layer.PAIN: "😣",
    Layer.RELIEVER: "💊",
    Layer.KPI: "📈",
}
_FILL = {
    Layer.PERSONA: "#E3F2FD",
    Layer.NOTE: "#FFF8E1",
    Layer.TOUCHPOINT: "#E8F5E9",
    Layer.PAIN: "#FFEBEE",
    Layer.RELIEVER: "#E0F7FA",
    Layer.KPI: "#EDE7F6",
}


class EdgeKind(StrEnum):
    TRACE = "trace"
    FIT = "fit"
    KPI = "kpi"


class Gap(StrEnum):
    """What is missing for one canvas pain to be a complete chain."""

    NO_SOURCE = "no_source"  # not traced back to an empathy note or a touchpoint
    NO_EVIDENCE = "no_evidence"  # an assumption
    NO_RELIEVER = "no_reliever"
    NO_KPI = "no_kpi"  # relieved, but no KPI measures any of its relievers


@dataclass(frozen=True)
class Node:
    id: str
    ref: Ref
    layer: Layer
    label: str
    gap: bool = False


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    kind: EdgeKind
    partial: bool = False


@dataclass
class ChainGraph:
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)

    def upstream(self, node_id: str) -> set[str]:
        return _reach(node_id, _adjacency(self.edges, reverse=True))

    def downstream(self, node_id: str) -> set[str]:
        return _reach(node_id, _adjacency(self.edges, reverse=False))

    def through(self, node_id: str) -> ChainGraph:
        """Only what leads to ``node_id`` and what follows from it: one pain's story end to end."""
        keep = self.upstream(node_id) | self.downstream(node_id)
        return ChainGraph(
            nodes={k: n for k, n in self.nodes.items() if k in keep},
            edges=[e for e in self.edges if e.source in keep and e.target in keep],
        )

    def path_exists(self, source: str, target: str) -> bool:
        return target in self.downstream(source)


def _adjacency(edges: list[Edge], *, reverse: bool) -> dict[str, list[str]]:
    adjacent: dict[str, list[str]] = {}
    for e in edges:
        a, b = (e.target, e.source) if reverse else (e.source, e.target)
        adjacent.setdefault(a, []).append(b)
    return adjacent


def _reach(start: str, adjacent: dict[str, list[str]]) -> set[str]:
    seen, queue = {start}, deque([start])
    while queue:
        for nxt in adjacent.get(queue.popleft(), []):
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen


def node_id(ref: Ref) -> str:
    """A stable DOT-safe id, e.g. ``canvas_item_12``: browser tests find nodes and edges by it."""
    return f"{ref.kind.value}_{ref.id}"


def kpi_label(kpi: Kpi) -> str:
    if kpi.baseline is None and kpi.target is None:
        return kpi.name
    return f"{kpi.name}: {quantity(kpi.baseline, kpi.unit)} → {quantity(kpi.target, kpi.unit)}"


def chain_graph(chain: WorkshopChain) -> ChainGraph:
    """Every pain of every canvas with where it came from and what relieves and measures it."""
    graph = ChainGraph()
    relieved = {link.customer_item_id for link in chain.fit_links}
    measured = {link.item_id for link in chain.kpi_links}

    def add(ref: Ref, layer: Layer, label: str, gap: bool = False) -> None:
        graph.nodes.setdefault(node_id(ref), Node(node_id(ref), ref, layer, label, gap))

    pains = [i for i in chain.items if i.kind == ItemKind.PAIN]
    relievers = [i for i in chain.items if i.kind == ItemKind.RELIEVER]
    for persona in chain.personas:
        add(Ref(RefKind.PERSONA, persona.id), Layer.PERSONA, f"{persona.avatar} {persona.name}".strip())
    for pain in pains:
        add(Ref(RefKind.CANVAS_ITEM, pain.id), Layer.PAIN, pain.text, gap=pain.id not in relieved)
    for reliever in relievers:
        add(Ref(RefKind.CANVAS_ITEM, reliever.id), Layer.RELIEVER, reliever.text, gap=reliever.id not in measured)
    for kpi in chain.kpis:
        add(Ref(RefKind.KPI, kpi.id), Layer.KPI, kpi_label(kpi))

    notes = {n.id: n for n in chain.notes}
    touchpoints = {t.id: t for t in chain.touchpoints}
    pain_ids = {p.id for p in pains}

    def layer_of(ref: Ref) -> Layer | None:
        if ref.kind == RefKind.PERSONA:
            return Layer.PERSONA
        if ref.kind == RefKind.EMPATHY_NOTE and ref.id in notes:
            add(ref, Layer.NOTE, notes[ref.id].text)
            return Layer.NOTE
        if ref.kind == RefKind.TOUCHPOINT and ref.id in touchpoints:
            add(ref, Layer.TOUCHPOINT, touchpoints[ref.id].name)
            return Layer.TOUCHPOINT
        if ref.kind == RefKind.CANVAS_ITEM and ref.id in pain_ids:
            return Layer.PAIN
        return None

    for link in chain.trace_links:
        source, target = Ref(link.source_type, link.source_id), Ref(link.target_type, link.target_id)
        source_layer, target_layer = layer_of(source), layer_of(target)
        if source_layer is None or target_layer is None:
            continue  # e.g. a gain carried in from a note: not part of the pain chain
        graph.edges.append(Edge(node_id(source), node_id(target), EdgeKind.TRACE))
    reliever_ids = {r.id for r in relievers}
    for fit in chain.fit_links:
        if fit.customer_item_id in pain_ids and fit.value_item_id in reliever_ids:
            graph.edges.append(
                Edge(
                    node_id(Ref(RefKind.CANVAS_ITEM, fit.customer_item_id)),
                    node_id(Ref(RefKind.CANVAS_ITEM, fit.value_item_id)),
                    EdgeKind.FIT,
                    partial=FitStrength(fit.strength) == FitStrength.PARTIAL,
                )
            )
    for kl in chain.kpi_links:
        if kl.item_id in reliever_ids:
            graph.edges.append(
                Edge(node_id(Ref(RefKind.CANVAS_ITEM, kl.item_id)), node_id(Ref(RefKind.KPI, kl.kpi_id)), EdgeKind.KPI)
            )
    return graph


# --- Graphviz DOT ----------------------------------------------------------------------------


def _width(char: str) -> int:
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def wrap(text: str, width: int = 26, max_lines: int = 3) -> list[str]:
    """Lines of at most ``width`` columns (a CJK character counts two), cut with … after ``max_lines``."""
    lines: list[str] = []
    line, used = "", 0
    for word in _tokens(" ".join(text.split())):
        w = sum(_width(c) for c in word)
        if used + w > width and line.strip():
            lines.append(line.strip())
            line, used = "", 0
            if word == " ":
                continue
        line += word
        used += w
    if line.strip():
        lines.append(line.strip())
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: max(1, len(lines[-1]) - 1)] + "…"
    return lines or [""]


def _tokens(text: str) -> list[str]:
    """Words and spaces; every CJK character is a token of its own so it can break anywhere."""
    tokens: list[str] = []
    word = ""
    for char in text:
        if char == " " or _width(char) == 2:
            if word:
                tokens.append(word)
                word = ""
            tokens.append(char)
        else:
            word += char
    if word:
        tokens.append(word)
    return tokens


def _quote(text: str) -> str:
    """A DOT double-quoted string: backslashes and quotes escaped, no raw newlines."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ").replace("\r", " ") + '"'


def to_dot(graph: ChainGraph, *, layer_titles: dict[Layer, str], highlight: str | None = None) -> str:
    """Graphviz DOT for ``st.graphviz_chart`` (rendered in the browser: no system package needed).

    Layers are columns (rank=same); gaps get a thick red border; ``highlight`` is drawn bold.
    """
    out = [
        "digraph chain {",
        '  graph [rankdir=LR, nodesep=0.2, ranksep=0.55, fontname="Noto Sans CJK SC, sans-serif", bgcolor="white"];',
        '  node [shape=box, style="rounded,filled", fontsize=14, margin="0.12,0.06", '
        'fontname="Noto Sans CJK SC, sans-serif", color="#90A4AE", penwidth=1.2];',
        '  edge [color="#607D8B", arrowsize=0.7];',
    ]
    for layer in LAYERS:
        members = [n for n in graph.nodes.values() if n.layer == layer]
        if not members:
            continue
        title = f"{LAYER_ICONS[layer]} {layer_titles.get(layer, layer.value)}"
        out.append(f"  subgraph layer_{layer.value} {{ rank=same;")
        head = 'shape=plaintext, style="", fontsize=16, fontcolor="#37474F"'
        out.append(f"    head_{layer.value} [label={_quote(title)}, {head}];")
        for n in members:
            label = "\\n".join(_quote(line)[1:-1] for line in wrap(n.label, width=22, max_lines=4))
            attrs = [f'label="{label}"', f'fillcolor="{_FILL[layer]}"', f"tooltip={_quote(n.label)}"]
            if n.gap:
                attrs += ['color="#D32F2F"', "penwidth=2.6"]
            if n.id == highlight:
                attrs += ['color="#1565C0"', "penwidth=3.2"]
            out.append(f"    {n.id} [{', '.join(attrs)}];")
        out.append("  }")
    # Invisible edges between the headings keep the columns in chain order.
    heads = [f"head_{layer.value}" for layer in LAYERS if any(n.layer == layer for n in graph.nodes.values())]
    for a, b in zip(heads, heads[1:], strict=False):
        out.append(f"  {a} -> {b} [style=invis];")
    for e in graph.edges:
        style = {EdgeKind.TRACE: "solid", EdgeKind.FIT: "solid", EdgeKind.KPI: "bold"}[e.kind]
        attrs = [f"style={'dashed' if e.partial else style}"]
        if e.kind == EdgeKind.FIT:
            attrs.append('color="#00838F"')
            if e.partial:
                attrs.append('label="½"')
        if e.kind == EdgeKind.KPI:
            attrs.append('color="#5E35B1"')
        out.append(f"  {e.source} -> {e.target} [{', '.join(attrs)}];")
    out.append("}")
    return "\n".join(out)


# --- the traceability table ------------------------------------------------------------------


@dataclass(frozen=True)
class TraceRow:
    """One canvas pain with everything that leads to it and follows from it."""

    canvas: ValueCanvas
    pain: CanvasItem
    sources: list[Ref]  # everything upstream, nearest first (touchpoints, notes, persona)
    relievers: list[tuple[CanvasItem, FitStrength]]
    kpis: list[Kpi]
    gaps: tuple[Gap, ...]


def upstream_refs(chain: WorkshopChain, ref: Ref) -> list[Ref]:
    """Every item ``ref`` was traced from, directly or not, nearest first; cycles are harmless."""
    seen: list[Ref] = []
    queue = deque(chain.traced_sources(ref))
    while queue:
        source = queue.popleft()
        if source in seen or source == ref:
            continue
        seen.append(source)
        queue.extend(chain.traced_sources(source))
    return seen


def trace_rows(chain: WorkshopChain) -> list[TraceRow]:
    """Every canvas pain, canvas by canvas, most severe first, with its gaps flagged."""
    items = {i.id: i for i in chain.items}
    kpis = {k.id: k for k in chain.kpis}
    rows = []
    for canvas in chain.canvases:
        pains = sorted(chain.items_of(canvas.id, ItemKind.PAIN), key=lambda p: (-p.rank, p.position, p.id))
        for pain in pains:
            ref = Ref(RefKind.CANVAS_ITEM, pain.id)
            sources = upstream_refs(chain, ref)
            relievers = [
                (items[f.value_item_id], FitStrength(f.strength))
                for f in chain.fit_links
                if f.customer_item_id == pain.id and f.value_item_id in items
            ]
            reliever_ids = {r.id for r, _ in relievers}
            measuring = [kpis[kl.kpi_id] for kl in chain.kpi_links if kl.item_id in reliever_ids and kl.kpi_id in kpis]
            unique_kpis = list({k.id: k for k in measuring}.values())
            gaps = []
            if not any(s.kind in (RefKind.EMPATHY_NOTE, RefKind.TOUCHPOINT) for s in sources):
                gaps.append(Gap.NO_SOURCE)
            if not chain.has_evidence(ref):
                gaps.append(Gap.NO_EVIDENCE)
            if not relievers:
                gaps.append(Gap.NO_RELIEVER)
            elif not unique_kpis:
                gaps.append(Gap.NO_KPI)
            rows.append(TraceRow(canvas, pain, sources, relievers, unique_kpis, tuple(gaps)))
    return rows
