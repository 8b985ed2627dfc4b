"""Any workshop that passed validation exports: hostile-but-valid text in every field, every format."""

from __future__ import annotations

import dataclasses
import io
import json

import pytest
from pptx import Presentation

from pmo_insight.domain.refs import Ref
from pmo_insight.export import EXPORTERS, ExportOptions, export
from pmo_insight.export.markdown_text import esc
from pmo_insight.models import LIST_ENTRY_MAX, LIST_ITEMS_MAX, NAME_MAX, SHORT_MAX, TEXT_MAX, ItemKind, RefKind
from pmo_insight.persistence.chain_loader import load_chain
from pmo_insight.persistence.restore import restore_backup
from pmo_insight.services import canvases, empathy, evidence, journeys, links, personas, workshops

HOSTILE = (
    "数据质量 😀🚀 שלום עולם مرحبا <script>alert('x')</script> $x^2$ **bold** [link](javascript:alert(1)) "
    "&amp; | # > - `code`\ttab\nsecond line 第二行 "
)


def _fill(limit: int) -> str:
    """Hostile text repeated up to exactly ``limit`` characters."""
    return (HOSTILE * (limit // len(HOSTILE) + 1))[:limit].strip() or "x"


@pytest.fixture
def hostile(session):
    ws = workshops.create_workshop(
        session, title=_fill(NAME_MAX), organisation=_fill(NAME_MAX), goal=_fill(TEXT_MAX), facilitator=_fill(SHORT_MAX)
    )
    workshops.add_participant(session, workshop_id=ws.id, name=_fill(SHORT_MAX), department=_fill(SHORT_MAX))
    source = evidence.create_evidence(
        session, workshop_id=ws.id, kind="interview", source=_fill(NAME_MAX), summary=_fill(TEXT_MAX)
    )
    entries = [_fill(LIST_ENTRY_MAX)] * LIST_ITEMS_MAX
    persona = personas.create_persona(
        session,
        workshop_id=ws.id,
        name=_fill(SHORT_MAX),
        role=_fill(NAME_MAX),
        avatar="🧑‍💻",
        background=_fill(TEXT_MAX),
        goals=entries,
        needs=entries,
        pain_points=entries,
        motivations=entries,
        behaviours=entries,
        quote=_fill(TEXT_MAX),
    )
    links.link_evidence(session, evidence_id=source.id, target=Ref(RefKind.PERSONA, persona.id))
    emap = empathy.create_map(session, persona_id=persona.id, scenario=_fill(NAME_MAX))
    for quadrant in ("says", "thinks", "does", "feels", "pains", "gains"):
        empathy.add_note(
            session, map_id=emap.id, quadrant=quadrant, text=_fill(TEXT_MAX), author=_fill(SHORT_MAX), votes=3
        )
    journey = journeys.create_journey(
        session,
        persona_id=persona.id,
        scenario=_fill(NAME_MAX),
        stage_names=[_fill(SHORT_MAX - 1) + str(n) for n in range(3)],
    )
    long = {f: _fill(TEXT_MAX) for f in ("action", "need", "pain_point", "opportunity", "backstage")}
    for stage in journeys.list_stages(session, journey_id=journey.id):
        journeys.add_touchpoint(
            session, stage_id=stage.id, name=_fill(NAME_MAX), channel=_fill(SHORT_MAX), owner=_fill(SHORT_MAX),
            emotion_now=-3, emotion_target=3, impact=5, effort=1, is_key_pain=True, **long,
        )  # fmt: skip
    canvas = canvases.create_canvas(session, persona_id=persona.id, title=_fill(NAME_MAX), journey_id=journey.id)
    canvases.save_statement(
        session, canvas_id=canvas.id, expected_version=canvas.version, value_statement=_fill(TEXT_MAX)
    )
    made = {
        kind: canvases.add_item(session, canvas_id=canvas.id, kind=kind, text=_fill(TEXT_MAX), rank=5)
        for kind in ItemKind
    }
    canvases.link_fit(session, value_item_id=made[ItemKind.RELIEVER].id, customer_item_id=made[ItemKind.PAIN].id)
    canvases.add_kpi(
        session, canvas_id=canvas.id, name=_fill(NAME_MAX), baseline=-1e300, target=1e300, unit=_fill(32),
        proves=[made[ItemKind.RELIEVER].id],
    )  # fmt: skip
    session.commit()
    return load_chain(session, workshop_id=ws.id)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("fmt", list(EXPORTERS))
def test_every_format_exports_a_workshop_full_of_hostile_valid_text(hostile, fmt, lang):
    data = export(hostile, fmt, ExportOptions(lang=lang))

    assert data
    if fmt == "pptx":
        deck = Presentation(io.BytesIO(data))
        shown = " ".join(s.text_frame.text for slide in deck.slides for s in slide.shapes if s.has_text_frame)
        assert "<script>" in shown  # markup is text on a slide
    if fmt == "md":
        report = data.decode("utf-8")
        assert "<script>" not in report and "\\$x^2\\$" in report
    if fmt == "json":
        json.loads(data, parse_constant=lambda literal: pytest.fail(f"non-standard JSON literal {literal}"))


def test_the_hostile_backup_restores_to_the_same_content(session, hostile):
    restored = restore_backup(session, data=export(hostile, "json"))
    session.commit()

    again = load_chain(session, workshop_id=restored.id)
    assert [p.goals for p in again.personas] == [p.goals for p in hostile.personas]
    assert [n.text for n in again.notes] == [n.text for n in hostile.notes]


def test_dollar_signs_stay_literal_in_the_markdown_report():
    assert esc("costs $5 and $x^2$") == "costs \\$5 and \\$x^2\\$"


def test_a_non_finite_number_stored_by_an_older_version_still_gives_standard_json(session, hostile):
    old = dataclasses.replace(hostile.kpis[0], baseline=float("nan"))  # what PostgreSQL kept before the rules
    chain = dataclasses.replace(hostile, kpis=(old, *hostile.kpis[1:]))

    document = json.loads(export(chain, "json"))

    assert document["kpis"][0]["baseline"] is None
