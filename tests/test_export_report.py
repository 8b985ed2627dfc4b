"""The Markdown report and the export registry: the same story as the deck, safe to paste into a wiki."""

from __future__ import annotations

from pmo_insight.demo import create_demo_workshop
from pmo_insight.export import EXPORTERS, ExportOptions, export, file_name
from pmo_insight.export.markdown_text import esc
from pmo_insight.persistence.chain_loader import load_chain
from pmo_insight.services import personas, workshops


def _report(session, workshop_id: int, lang: str = "en", **choice) -> str:
    chain = load_chain(session, workshop_id=workshop_id)
    return export(chain, "md", ExportOptions.choose(lang, **choice)).decode("utf-8")


def test_the_report_tells_the_story_in_the_decks_order(session):
    workshop = create_demo_workshop(session, lang="en")

    report = _report(session, workshop.id)

    headings = [line for line in report.splitlines() if line.startswith("## ")]
    assert headings == [
        "## Executive summary",
        "## The insight chain",
        "## Personas",
        "## Empathy maps",
        "## Customer journeys",
        "## Quick wins matrix",
        "## Value proposition canvases",
        "## Traceability",
        "## Next steps",
    ]
    assert report.startswith(f"# {esc(workshop.title)}\n")


def test_kpis_and_journeys_are_tables_with_the_databases_numbers(session):
    workshop = create_demo_workshop(session, lang="en")
    chain = load_chain(session, workshop_id=workshop.id)

    report = _report(session, workshop.id)

    kpi = chain.kpis[0]
    assert any(line.startswith(f"| {esc(kpi.name)} |") and f"{kpi.target:g}" in line for line in report.splitlines())
    worst = min(chain.touchpoints, key=lambda tp: tp.emotion_now)
    row = next(line for line in report.splitlines() if esc(worst.name) in line and line.startswith("| "))
    assert f"| {worst.emotion_now:+d} |" in row


def test_the_chain_is_a_nested_list_from_persona_to_pain_to_reliever_to_kpi(session):
    workshop = create_demo_workshop(session, lang="en")

    lines = _report(session, workshop.id).splitlines()

    start = lines.index("## The insight chain")
    outline = lines[start : lines.index("## Personas")]
    assert any(line.startswith("- 👤 **") for line in outline)
    assert any(line.startswith("  - 🎯 ") for line in outline)
    assert any(line.startswith("    - 😣 ") for line in outline)
    assert any(line.startswith("      - 💊 ") for line in outline)
    assert any(line.startswith("        - 📈 ") for line in outline)


def test_the_chinese_report_is_in_chinese(session):
    workshop = create_demo_workshop(session, lang="zh")

    report = _report(session, workshop.id, lang="zh")

    assert "## 管理层摘要" in report and "## 下一步" in report and workshop.organisation in report


def test_markup_in_user_text_stays_literal_and_cannot_break_a_table(session):
    ws = workshops.create_workshop(session, title="Safe")
    hostile = "<script>alert(1)</script> | [x](javascript:alert(2)) **bold**\nnew line"
    personas.create_persona(session, workshop_id=ws.id, name="Pat", goals=[hostile])

    report = _report(session, ws.id)

    assert "<script>" not in report and "\\<script\\>" in report
    assert "\\[x\\](javascript:alert(2))" in report and "\\*\\*bold\\*\\*" in report
    assert "\\| \\[x\\]" in report


def test_a_selection_leaves_other_personas_out_of_the_report(session):
    workshop = create_demo_workshop(session, lang="en")
    chain = load_chain(session, workshop_id=workshop.id)
    kept, dropped = chain.personas[0], chain.personas[1]

    report = _report(session, workshop.id, personas=[kept.id])

    assert f"### {esc(kept.avatar)} {esc(kept.name)}" in report
    assert f"### {esc(dropped.avatar)} {esc(dropped.name)}" not in report


def test_the_registry_lists_each_format_with_its_mime_type_and_a_safe_file_name(session):
    workshop = workshops.create_workshop(session, title="Q3 / PMO: review?")
    chain = load_chain(session, workshop_id=workshop.id)

    assert list(EXPORTERS) == ["pptx", "md", "json"]
    assert EXPORTERS["pptx"].mime.endswith("presentationml.presentation")
    assert file_name(chain, "pptx", "zh") == "Q3-PMO-review-zh.pptx"
    assert file_name(chain, "json", "zh") == "Q3-PMO-review.json"  # a backup is not language-specific
    assert all(export(chain, fmt) for fmt in EXPORTERS)  # an empty workshop still exports
