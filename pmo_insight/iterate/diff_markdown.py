"""The diff as Markdown: a "What changed since the last review" section of the report, or on its own
(``python -m pmo_insight diff``). User text is escaped exactly as the report escapes it."""

from __future__ import annotations

from pmo_insight.domain.diff import WorkshopDiff
from pmo_insight.domain.health import Pitfall
from pmo_insight.domain.pitfalls import PITFALL_ICONS
from pmo_insight.export.markdown_text import esc, table
from pmo_insight.i18n import t
from pmo_insight.iterate import diff_text as fmt

TOOL_ICONS = {"persona": "👤", "empathy_map": "🧠", "journey": "🗺️", "canvas": "🎯"}


def side_text(side, lang: str) -> str:
    when = side.taken_at.replace("T", " ")[:16]
    if side.snapshot_id is None:
        return t("iterate.side.now", lang, time=when)
    return t("iterate.side.snapshot", lang, label=side.label, time=when)


def diff_section(diff: WorkshopDiff, lang: str, *, level: int = 2) -> list[str]:
    """The section's Markdown lines, headings starting at ``level``."""
    h, sub = "#" * level, "#" * (level + 1)
    tr = lambda key, **params: t(key, lang, **params)  # noqa: E731
    lines = [f"{h} {tr('iterate.report.title')}", ""]
    lines += [esc(tr("iterate.report.between", base=side_text(diff.base, lang), head=side_text(diff.head, lang))), ""]
    counts = diff.counts
    lines += [f"**{tr('iterate.report.counts', **counts)}**", ""]
    if diff.unchanged:
        lines += [f"*{tr('iterate.report.unchanged')}*", ""]

    lines += [f"{sub} {tr('iterate.pitfalls.title')}", ""]
    rows = [
        [
            f"{PITFALL_ICONS[Pitfall(p.pitfall)]} {tr(f'chain.pitfall.{p.pitfall}.title')}",
            fmt.pair(str(p.before), str(p.after)),
            _trend(p.before, p.after),
        ]
        for p in diff.pitfalls
    ]
    lines += table([tr("iterate.col.pitfall"), tr("iterate.col.warnings"), ""], rows)

    if diff.fits:
        lines += [f"{sub} {tr('iterate.fit.title')}", ""]
        rows = [
            [
                esc(f.title),
                fmt.fit_pair(f.before.overall if f.before else None, f.after.overall if f.after else None),
                fmt.fit_pair(f.before.pains if f.before else None, f.after.pains if f.after else None),
                fmt.fit_pair(f.before.gains if f.before else None, f.after.gains if f.after else None),
            ]
            for f in diff.fits
        ]
        header = [
            tr("export.col.canvas"),
            tr("export.col.fit_overall"),
            tr("export.col.fit_pains"),
            tr("export.col.fit_gains"),
        ]
        lines += table(header, rows)
        for f in diff.fits:
            if f.newly_relieved:
                lines.append(
                    f"- ✅ **{esc(f.title)}** — {tr('iterate.fit.relieved')}: "
                    + "; ".join(esc(x) for x in f.newly_relieved)
                )
            if f.newly_uncovered:
                lines.append(
                    f"- ⚠️ **{esc(f.title)}** — {tr('iterate.fit.uncovered')}: "
                    + "; ".join(esc(x) for x in f.newly_uncovered)
                )
        if any(f.newly_relieved or f.newly_uncovered for f in diff.fits):
            lines.append("")

    if diff.kpis:
        lines += [f"{sub} {tr('iterate.kpi.title')}", ""]
        rows = []
        for k in diff.kpis:
            status = f" ({tr(f'iterate.status.{k.status}')})" if k.status != "kept" else ""
            rows.append(
                [
                    esc(k.name) + status,
                    fmt.pair(fmt.number(k.baseline[0], k.unit), fmt.number(k.baseline[1], k.unit)),
                    fmt.pair(fmt.number(k.target[0], k.unit), fmt.number(k.target[1], k.unit)),
                    fmt.pair(fmt.actual_text(k.latest[0], k.unit), fmt.actual_text(k.latest[1], k.unit)),
                    fmt.fit_pair(*k.progress),
                ]
            )
        header = [
            tr("export.col.kpi"),
            tr("field.baseline"),
            tr("field.target"),
            tr("iterate.kpi.latest"),
            tr("iterate.kpi.progress"),
        ]
        lines += table(header, rows)
        added = [(k, a) for k in diff.kpis for a in k.added_actuals]
        for k, a in added:
            source = f" — {esc(a.source)}" if a.source else ""
            lines.append(f"- 📏 {esc(k.name)}: {esc(fmt.number(a.value, k.unit))} ({a.measured_on}){source}")
        if added:
            lines.append("")

    moved = [j for j in diff.emotions if j.changed]
    if moved:
        lines += [f"{sub} {tr('iterate.emotion.title')}", ""]
        for journey in moved:
            lines += [f"**{esc(journey.scenario)}** ({esc(journey.persona)})", ""]
            rows = [[esc(p.stage), esc(p.touchpoint), fmt.emotion_pair(p.before, p.after)] for p in journey.changed]
            lines += table([tr("export.col.stage"), tr("export.col.touchpoint"), tr("iterate.col.emotion")], rows)

    if diff.workshop:
        lines += [f"{sub} {tr('iterate.workshop.title')}", ""]
        lines += [f"- {esc(fmt.change_text(c, lang))}" for c in diff.workshop] + [""]

    for tool in diff.tools:
        if tool.empty:
            continue
        lines += [f"{sub} {TOOL_ICONS[tool.tool]} {tr(f'tool.{tool.tool}')}", ""]
        for heading, items in (("added", tool.added), ("removed", tool.removed)):
            if items:
                lines += [f"**{tr(f'iterate.items.{heading}', count=len(items))}**", ""]
                lines += [f"- {esc(fmt.item_title(i, lang))}" for i in items] + [""]
        if tool.changed:
            lines += [f"**{tr('iterate.items.changed', count=len(tool.changed))}**", ""]
            for item in tool.changed:
                lines.append(f"- {esc(fmt.item_title(item, lang))}")
                lines += [f"  - {esc(fmt.change_text(c, lang, section=item.section))}" for c in item.fields]
            lines.append("")
    return lines


def _trend(before: int, after: int) -> str:
    return "✅" if after < before else "⚠️" if after > before else "="


def diff_report(diff: WorkshopDiff, lang: str) -> str:
    """The diff as a Markdown document of its own."""
    lines = [f"# {esc(diff.title)}", "", *diff_section(diff, lang, level=2)]
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n"


def base_section(chain, base, lang: str) -> list[str]:
    """The report's section: what changed from ``base`` (a BaseSnapshot) to ``chain``."""
    from pmo_insight.domain.diff import diff_against

    return diff_section(diff_against(chain, base.document, base.side), lang, level=2)
