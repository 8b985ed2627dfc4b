"""The deck's story as one Markdown file, for wikis and e-mail: tables, and the chain as nested lists.

User text is escaped so a note such as ``<script>`` or ``[x](javascript:…)`` stays literal text in
any Markdown renderer, and table cells stay on one line so a newline cannot break a table.
"""

from __future__ import annotations

from pmo_insight.domain.chain import WorkshopChain
from pmo_insight.domain.fit import percent
from pmo_insight.domain.traceability import kpi_label
from pmo_insight.domain.value_statement import quantity
from pmo_insight.export.markdown_text import block, esc, table
from pmo_insight.export.story import CanvasView, ExportOptions, JourneyView, Story, build_story
from pmo_insight.models import CUSTOMER_KINDS, VALUE_MAP_KINDS, ItemKind, Quadrant, RefKind
from pmo_insight.review.report import review_lines

COVERAGE_MARK = {1.0: "●", 0.5: "◐", 0.0: "○"}


def _signed(value: int | None) -> str:
    return "—" if value is None else f"{value:+d}" if value else "0"


class Report:
    def __init__(self, story: Story, base_snapshot: object | None = None) -> None:
        self.story = story
        self.base_snapshot = base_snapshot
        self.tr = story.tr
        self.lines: list[str] = []

    def add(self, *lines: str) -> None:
        self.lines.extend(lines)

    def none(self) -> str:
        return f"*{self.tr('export.none')}*"

    def title(self) -> None:
        ws, tr = self.story.workshop, self.tr
        self.add(f"# {esc(ws.title)}", "")
        meta = [esc(x) for x in (ws.organisation, ws.held_on.isoformat() if ws.held_on else "") if x]
        if ws.facilitator:
            meta.append(esc(tr("export.facilitator", name=ws.facilitator)))
        if meta:
            self.add(" · ".join(meta), "")
        people = [f"{p.name} ({p.department})" if p.department else p.name for p in self.story.chain.participants]
        if people:
            self.add(f"**{tr('export.participants', count=len(people))}** " + esc(" · ".join(people)), "")
        if ws.goal:
            self.add(f"> {block(ws.goal)}", "")

    def summary(self) -> None:
        story, tr = self.story, self.tr
        self.add(f"## {tr('export.summary.title')}", "", f"### {tr('export.summary.key_pains')}", "")
        for n, kp in enumerate(story.key_pains, 1):
            tp = kp.touchpoint
            self.add(
                f"{n}. **{esc(tp.pain_point or tp.name)}** — {esc(kp.journey.stage_name(tp))} · {esc(tp.name)} "
                f"({_signed(tp.emotion_now)})"
            )
        self.add(*([""] if story.key_pains else [self.none(), ""]))
        self.add(f"### {tr('export.summary.value')}", "")
        for view in story.canvases:
            self.add(f"- **{esc(view.canvas.title)}**: {esc(view.statement)}")
        self.add(*([""] if story.canvases else [self.none(), ""]))
        self.add(f"### {tr('export.summary.kpis')}", "")
        kpis = [(view, k) for view in story.canvases for k in view.kpis]
        if kpis:
            header = [
                tr("export.col.kpi"),
                tr("field.baseline"),
                tr("field.target"),
                tr("field.due_on"),
                tr("export.col.canvas"),
            ]
            self.add(
                *table(
                    header,
                    (
                        [
                            esc(k.name),
                            esc(quantity(k.baseline, k.unit)),
                            esc(quantity(k.target, k.unit)),
                            k.due_on.isoformat() if k.due_on else "—",
                            esc(v.canvas.title),
                        ]
                        for v, k in kpis
                    ),
                )
            )
        else:
            self.add(self.none(), "")
        self.add(f"### {tr('export.summary.fit_health')}", "")
        if story.canvases:
            header = [
                tr("export.col.canvas"),
                tr("export.col.fit_pains"),
                tr("export.col.fit_gains"),
                tr("export.col.fit_overall"),
            ]
            rows = (
                [esc(v.canvas.title), percent(v.fit.pains), percent(v.fit.gains), percent(v.fit.overall)]
                for v in story.canvases
            )
            self.add(*table(header, rows))
        passed = sum(r.ok for r in story.health)
        self.add(f"**{tr('health.title', passed=passed, total=len(story.health))}**", "")
        for result in story.health:
            self.add(f"- {'✅' if result.ok else '⚠️'} {tr(f'health.{result.check}', count=len(result.faults))}")
        self.add("")

    def what_changed(self) -> None:
        """With a base snapshot chosen: what changed since it (pmo_insight/iterate)."""
        if self.base_snapshot is not None:
            from pmo_insight.iterate.diff_markdown import base_section

            self.add(*base_section(self.story.chain, self.base_snapshot, self.story.lang))

    def chain_outline(self) -> None:
        """The chain as nested lists: persona -> map, journey, canvas -> pain -> reliever -> KPI."""
        story, tr = self.story, self.tr
        self.add(f"## {tr('export.chain.title')}", "")
        for persona in story.personas:
            self.add(f"- 👤 **{esc(persona.name)}**" + (f" — {esc(persona.role)}" if persona.role else ""))
            for view in story.empathy:
                if view.persona.id == persona.id:
                    count = sum(len(notes) for notes in view.notes.values())
                    self.add(
                        f"  - 🧠 {tr('tool.empathy_map')}: {esc(view.map.scenario)} "
                        f"({tr('export.chain.notes', count=count)})"
                    )
            for view in story.journeys:
                if view.persona.id == persona.id:
                    self.add(
                        f"  - 🗺️ {tr('tool.journey')}: {esc(view.journey.scenario)} "
                        f"({tr('export.chain.touchpoints', count=len(view.touchpoints), breaks=len(view.breaks))})"
                    )
            for view in story.canvases:
                if view.persona.id == persona.id:
                    self.canvas_outline(view)
        self.add(*([""] if story.personas else [self.none(), ""]))

    def canvas_outline(self, view: CanvasView) -> None:
        tr = self.tr
        fit = tr("export.fit.short", overall=percent(view.fit.overall))
        self.add(f"  - 🎯 {tr('tool.canvas')}: {esc(view.canvas.title)} ({fit})")
        rows = [row for row in self.story.trace if row.canvas.id == view.canvas.id]
        for row in rows:
            self.add(f"    - 😣 {esc(row.pain.text)}")
            for ref in row.sources:
                if ref.kind != RefKind.PERSONA:
                    self.add(f"      - ⬅️ {tr(f'export.ref.{ref.kind.value}')}: {esc(self.story.chain.label(ref))}")
            for item, strength in row.relievers:
                half = " (½)" if strength == "partial" else ""
                self.add(f"      - 💊 {esc(item.text)}{half}")
                for kpi in row.kpis:
                    if any(link.kpi_id == kpi.id and link.item_id == item.id for link in self.story.chain.kpi_links):
                        self.add(f"        - 📈 {esc(kpi_label(kpi))}")

    def personas(self) -> None:
        tr = self.tr
        self.add(f"## {tr('export.section.personas')}", "")
        for p in self.story.personas:
            kind = tr(f"export.stakeholder.{p.stakeholder_type}")
            self.add(f"### {esc(p.avatar)} {esc(p.name)}", "", " · ".join(esc(x) for x in (p.role, kind) if x), "")
            self.add(
                esc(tr("export.persona.influence", dots=f"{p.influence}/5"))
                + " · "
                + esc(tr("export.persona.interest", dots=f"{p.interest}/5")),
                "",
            )
            if p.quote:
                self.add(f"> {esc(tr('export.quote', text=p.quote))}", "")
            if p.background:
                self.add(block(p.background), "")
            for key, values in (
                ("goals", p.goals),
                ("needs", p.needs),
                ("pain_points", p.pain_points),
                ("motivations", p.motivations),
                ("behaviours", p.behaviours),
            ):
                if values:
                    self.add(f"**{tr(f'field.{key}')}**", "", *(f"- {esc(v)}" for v in values), "")

    def empathy(self) -> None:
        tr = self.tr
        if not self.story.empathy:
            return
        self.add(f"## {tr('export.section.empathy')}", "")
        for view in self.story.empathy:
            self.add(f"### {esc(tr('export.empathy.title', name=view.persona.name))}: {esc(view.map.scenario)}", "")
            rows = []
            for quadrant in Quadrant:
                notes = view.notes.get(quadrant, [])
                text = "; ".join(esc(n.text) + (f" (▲{n.votes})" if n.votes else "") for n in notes)
                rows.append([f"**{tr(f'export.quadrant.{quadrant}')}**", text or "—"])
            self.add(*table([tr("field.quadrant"), tr("export.col.notes")], rows))

    def journeys(self) -> None:
        tr = self.tr
        if not self.story.journeys:
            return
        self.add(f"## {tr('export.section.journeys')}", "")
        for view in self.story.journeys:
            self.journey(view)

    def journey(self, view: JourneyView) -> None:
        tr = self.tr
        self.add(
            f"### {esc(tr('export.journey.title', scenario=view.journey.scenario))}",
            "",
            esc(tr("export.journey.subtitle", name=view.persona.name, count=len(view.touchpoints))),
            "",
        )
        header = [
            "#",
            tr("export.col.stage"),
            tr("export.col.touchpoint"),
            tr("field.channel"),
            tr("field.pain_point"),
            tr("export.journey.as_is"),
            tr("export.journey.to_be"),
            tr("field.opportunity"),
        ]
        rows = [
            [
                str(n),
                esc(view.stage_name(tp)),
                ("★ " if tp.is_key_pain else "") + esc(tp.name),
                esc(tp.channel),
                esc(tp.pain_point),
                _signed(tp.emotion_now),
                _signed(tp.emotion_target),
                esc(tp.opportunity),
            ]
            for n, tp in enumerate(view.touchpoints, 1)
        ]
        self.add(*table(header, rows))
        self.add(f"**{tr('export.journey.breaks', count=len(view.breaks))}**", "")
        for tp in view.breaks:
            self.add(f"- {esc(view.stage_name(tp))} · {esc(tp.name)} ({_signed(tp.emotion_now)}): {esc(tp.pain_point)}")
        self.add("")

    def quick_wins(self) -> None:
        tr = self.tr
        if not self.story.journeys:
            return
        self.add(f"## {tr('export.quick_wins.title')}", "", tr("export.quick_wins.subtitle"), "")
        header = [
            tr("export.col.quadrant"),
            tr("field.opportunity"),
            tr("field.impact"),
            tr("field.effort"),
            tr("field.owner"),
        ]
        rows = [
            [tr(f"export.opportunity.{q}"), esc(tp.opportunity), str(tp.impact), str(tp.effort), esc(tp.owner)]
            for tp, q, _view in self.story.opportunities
        ]
        self.add(*(table(header, rows) if rows else [self.none(), ""]))

    def canvases(self) -> None:
        tr = self.tr
        if not self.story.canvases:
            return
        self.add(f"## {tr('export.section.canvases')}", "")
        for view in self.story.canvases:
            self.add(f"### {esc(view.canvas.title)} — {esc(view.persona.name)}", "", f"> {esc(view.statement)}", "")
            params = {
                "overall": percent(view.fit.overall),
                "pains": percent(view.fit.pains),
                "gains": percent(view.fit.gains),
            }
            self.add(f"**{tr('export.fit.band', **params)}**", "")
            for heading, kinds in (
                (tr("export.canvas.value_map"), VALUE_MAP_KINDS),
                (tr("export.canvas.profile"), CUSTOMER_KINDS),
            ):
                self.add(f"**{heading}**", "")
                for kind in kinds:
                    self.add(f"- {tr(f'export.kind.{kind}')}")
                    for item in sorted(view.items[kind], key=lambda i: (-i.rank, i.position, i.id)):
                        mark = (
                            f"{COVERAGE_MARK[view.coverage.get(item.id, 0.0)]} "
                            if kind in (ItemKind.PAIN, ItemKind.GAIN)
                            else ""
                        )
                        self.add(f"  - {mark}{esc(item.text)}")
                self.add("")
            uncovered = [esc(p.text) for p in view.fit.uncovered_pains]
            self.add(
                tr("export.fit.uncovered", items="; ".join(uncovered)) if uncovered else tr("export.fit.all_covered"),
                "",
            )

    def trace(self) -> None:
        tr, chain = self.tr, self.story.chain
        if not self.story.canvases:
            return
        self.add(f"## {tr('export.trace.title')}", "", tr("export.trace.subtitle"), "")
        header = [
            tr("export.col.pain"),
            tr("export.col.sources"),
            tr("export.col.relievers"),
            tr("export.col.kpis"),
            tr("export.col.gaps"),
        ]
        rows = [
            [
                esc(row.pain.text),
                esc("; ".join(chain.label(r) for r in row.sources if r.kind != RefKind.PERSONA)),
                esc("; ".join(i.text + (" (½)" if s == "partial" else "") for i, s in row.relievers)),
                esc("; ".join(kpi_label(k) for k in row.kpis)),
                ", ".join(tr(f"export.gap.{gap}") for gap in row.gaps) or "✓",
            ]
            for row in self.story.trace
        ]
        self.add(*(table(header, rows) if rows else [self.none(), ""]))

    def review(self) -> None:
        self.add(*review_lines(self.story.chain, self.story.lang, esc))

    def next_steps(self) -> None:
        self.add(f"## {self.tr('export.next.title')}", "")
        self.add(*(f"{n}. {esc(step)}" for n, step in enumerate(self.story.next_steps, 1)), "")

    def build(self) -> bytes:
        for part in (
            self.title,
            self.summary,
            self.what_changed,
            self.chain_outline,
            self.personas,
            self.empathy,
            self.journeys,
            self.quick_wins,
            self.canvases,
            self.trace,
            self.review,
            self.next_steps,
        ):
            part()
        while self.lines and not self.lines[-1]:
            self.lines.pop()
        return ("\n".join(self.lines) + "\n").encode("utf-8")


def export_markdown(chain: WorkshopChain, options: ExportOptions) -> bytes:
    """The report for ``chain`` as UTF-8 Markdown."""
    return Report(build_story(chain, options), options.base_snapshot).build()
