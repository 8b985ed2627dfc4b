"""The deck's appendix: the details behind the story, every slide titled "Appendix: …".

Persona details and full empathy boards flow over columns; the journeys' stage tables, the
opportunity matrix, the canvases' items, the traceability table and the chain's health are
tables that continue over as many slides as they need. Nothing is cut or hidden.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmo_insight.domain.refs import Ref
from pmo_insight.domain.traceability import kpi_label
from pmo_insight.export.slidekit import BODY_MIN, GREEN, GREY, NAVY, RED, TEAL, Para
from pmo_insight.models import ItemKind, Quadrant, RefKind
from pmo_insight.surveys.figures import persona_figures, segment_figure

if TYPE_CHECKING:
    from pmo_insight.export.deck import Deck
    from pmo_insight.export.story import EmpathyView, JourneyView

QUADRANT_COLOURS = {
    Quadrant.SAYS: NAVY,
    Quadrant.THINKS: NAVY,
    Quadrant.DOES: NAVY,
    Quadrant.FEELS: TEAL,
    Quadrant.PAINS: RED,
    Quadrant.GAINS: GREEN,
}
COVERAGE = {1.0: ("●", "full"), 0.5: ("◐", "partial"), 0.0: ("○", "none")}


def append(deck: Deck) -> None:
    story = deck.story
    divider(deck)
    for persona in story.personas:
        persona_details(deck, persona)
    for view in story.empathy:
        empathy_board(deck, view)
    for view in story.journeys:
        stage_table(deck, view)
    if story.opportunities:
        opportunity_table(deck)
    for view in story.canvases:
        canvas_table(deck, view)
    if story.trace:
        trace_table(deck)
    health_table(deck)


def _signed(value: int | None) -> str:
    return "—" if value is None else f"{value:+d}" if value else "0"


def divider(deck: Deck) -> None:
    tr = deck.tr
    slide, top = deck.slide(tr("deck.appendix.heading"), tr("deck.appendix.subtitle"), appendix=True, prefix=False)
    from pmo_insight.export.slidekit import BODY_BOTTOM, BODY_W, MARGIN

    parts = [
        ("export.section.personas", deck.story.personas),
        ("export.section.empathy", deck.story.empathy),
        ("export.section.journeys", deck.story.journeys),
        ("deck.opportunities.title", deck.story.opportunities),
        ("export.section.canvases", deck.story.canvases),
        ("export.trace.title", deck.story.trace),
        ("deck.appendix.health", [True]),
    ]
    paras = [Para(tr(key), 16, bullet=True, space_after=8) for key, rows in parts if rows]
    deck.text(slide, (MARGIN, top, BODY_W, BODY_BOTTOM - top), paras)


def persona_details(deck: Deck, persona) -> None:
    tr = deck.tr
    kind = tr(f"export.stakeholder.{persona.stakeholder_type}")
    paras = [
        Para(
            " · ".join(
                (
                    kind,
                    tr("export.persona.influence", dots=_dots(persona.influence)),
                    tr("export.persona.interest", dots=_dots(persona.interest)),
                )
            ),
            BODY_MIN,
            space_after=8,
        ),
    ]
    segment = persona_figures(deck.story.chain).get(persona.id)
    if segment is not None:
        figure = segment_figure(segment, deck.story.lang)
        line = tr("export.persona.segment", label=segment.label, figure=figure)
        paras.append(Para(line, 16, bold=True, color=TEAL, space_after=8))
    if persona.quote:
        paras.append(Para(tr("export.quote", text=persona.quote), 16, italic=True, color=TEAL, space_after=8))
    if persona.background:
        paras.append(Para(persona.background, BODY_MIN, space_after=10))
    evidence = _evidence_of(deck, Ref(RefKind.PERSONA, persona.id))
    for key, values, colour in (
        ("field.goals", persona.goals, NAVY),
        ("field.needs", persona.needs, NAVY),
        ("field.pain_points", persona.pain_points, RED),
        ("field.motivations", persona.motivations, GREEN),
        ("field.behaviours", persona.behaviours, NAVY),
        ("export.persona.evidence", evidence, GREY),
    ):
        paras.append(Para(tr(key), 16, bold=True, color=colour, keep=True, space_after=3))
        if values:
            paras += [Para(v, BODY_MIN, bullet=True, space_after=3) for v in values]
        else:
            empty = "export.persona.assumption" if key == "export.persona.evidence" else "export.none"
            paras.append(Para(tr(empty), BODY_MIN, italic=True, color=GREY))
        paras[-1] = _spaced(paras[-1])
    deck.flow_slides(tr("export.persona.title", name=persona.name), persona.role, paras, count=3, appendix=True)


def _spaced(para: Para) -> Para:
    from dataclasses import replace

    return replace(para, space_after=12)


def _evidence_of(deck: Deck, ref: Ref) -> list[str]:
    chain = deck.story.chain
    ids = {link.evidence_id for link in chain.evidence_links if Ref(link.target_type, link.target_id) == ref}
    return [f"{e.source} (n={e.sample_size})" if e.sample_size else e.source for e in chain.evidence if e.id in ids]


def _dots(value: int) -> str:
    return "●" * value + "○" * (5 - value)


def empathy_board(deck: Deck, view: EmpathyView) -> None:
    tr = deck.tr
    paras = []
    for quadrant in (Quadrant.SAYS, Quadrant.THINKS, Quadrant.DOES, Quadrant.FEELS, Quadrant.PAINS, Quadrant.GAINS):
        notes = view.notes.get(quadrant, [])
        heading = f"{tr(f'export.quadrant.{quadrant}')} ({len(notes)})"
        paras.append(Para(heading, 16, bold=True, color=QUADRANT_COLOURS[quadrant], keep=True, space_after=3))
        for note in notes:
            text = f"{note.text} (▲{note.votes})" if note.votes else note.text
            paras.append(Para(text, BODY_MIN, bullet=True, space_after=3))
        if not notes:
            paras.append(Para(tr("export.none"), BODY_MIN, italic=True, color=GREY))
        paras[-1] = _spaced(paras[-1])
    deck.flow_slides(
        tr("export.empathy.title", name=view.persona.name), view.map.scenario, paras, count=3, appendix=True
    )


def stage_table(deck: Deck, view: JourneyView) -> None:
    tr = deck.tr
    widths = (36, 110, 160, 90, 230, 72, 190)
    header = [
        "#",
        tr("export.col.stage"),
        tr("export.col.touchpoint"),
        tr("field.channel"),
        tr("field.pain_point"),
        tr("export.col.emotion"),
        tr("field.opportunity"),
    ]
    rows, previous = [], None
    for number, tp in enumerate(view.touchpoints, start=1):
        stage = view.stage_name(tp)
        emotion = _signed(tp.emotion_now)
        if tp.emotion_target is not None:
            emotion += f" → {_signed(tp.emotion_target)}"
        name = ("★ " if tp.is_key_pain else "") + tp.name
        rows.append(
            [str(number), stage if stage != previous else "", name, tp.channel, tp.pain_point, emotion, tp.opportunity]
        )
        previous = stage
    subtitle = tr("deck.journey.table_subtitle", name=view.persona.name, count=len(rows))
    deck.table_slides(tr("export.journey.stages_title", scenario=view.journey.scenario), subtitle, widths, header, rows)


def opportunity_table(deck: Deck) -> None:
    tr = deck.tr
    widths = (110, 330, 130, 70, 70, 178)
    header = [
        tr("deck.col.quadrant"),
        tr("field.opportunity"),
        tr("deck.col.owner"),
        tr("deck.col.impact"),
        tr("deck.col.effort"),
        tr("export.col.touchpoint"),
    ]
    rows = [
        [tr(f"export.opportunity.{q}"), tp.opportunity, tp.owner, str(tp.impact), str(tp.effort), tp.name]
        for tp, q, _view in deck.story.opportunities
    ]
    deck.table_slides(tr("deck.opportunities.title"), tr("export.quick_wins.subtitle"), widths, header, rows)


def canvas_table(deck: Deck, view) -> None:
    tr = deck.tr
    widths = (170, 520, 70, 128)
    header = [tr("deck.col.area"), tr("deck.col.item"), tr("deck.col.rank"), tr("deck.col.fit")]
    rows = []
    for kind in (ItemKind.JOB, ItemKind.PAIN, ItemKind.GAIN, ItemKind.PRODUCT, ItemKind.RELIEVER, ItemKind.CREATOR):
        for item in sorted(view.items[kind], key=lambda i: (-i.rank, i.position, i.id)):
            covered = view.coverage.get(item.id)
            fit = "" if covered is None else f"{COVERAGE[covered][0]} {tr(f'deck.coverage.{COVERAGE[covered][1]}')}"
            rows.append([tr(f"export.kind.{kind}"), item.text, str(item.rank), fit])
    deck.table_slides(tr("export.canvas.title", title=view.canvas.title), view.persona.name, widths, header, rows)


def trace_table(deck: Deck) -> None:
    tr, chain = deck.tr, deck.story.chain
    labels = {}
    for kind, rows in (
        (RefKind.EMPATHY_NOTE, chain.notes),
        (RefKind.TOUCHPOINT, chain.touchpoints),
        (RefKind.CANVAS_ITEM, chain.items),
        (RefKind.KPI, chain.kpis),
    ):
        for row in rows:
            labels[Ref(kind, row.id)] = getattr(row, "name", None) or getattr(row, "text", "")
    widths = (200, 260, 200, 150, 78)
    header = [
        tr("export.col.pain"),
        tr("export.col.sources"),
        tr("export.col.relievers"),
        tr("export.col.kpis"),
        tr("export.col.gaps"),
    ]
    rows = []
    for row in deck.story.trace:
        sources = "; ".join(labels.get(ref, str(ref)) for ref in row.sources if ref.kind != RefKind.PERSONA)
        relievers = "; ".join(item.text + (" (½)" if strength == "partial" else "") for item, strength in row.relievers)
        gaps = ", ".join(tr(f"export.gap.{gap}") for gap in row.gaps) or "✓"
        rows.append([row.pain.text, sources, relievers, "; ".join(kpi_label(k) for k in row.kpis), gaps])
    deck.table_slides(tr("export.trace.title"), tr("export.trace.subtitle"), widths, header, rows)


def health_table(deck: Deck) -> None:
    tr, story = deck.tr, deck.story
    passed = sum(r.ok for r in story.health)
    rows = [
        [tr(f"health.{r.check}", count=len(r.faults)), "✓" if r.ok else tr("deck.health.attention")]
        for r in story.health
    ]
    deck.table_slides(
        tr("deck.appendix.health"),
        tr("health.title", passed=passed, total=len(story.health)),
        (700, 188),
        [tr("deck.col.check"), tr("deck.col.status")],
        rows,
    )
