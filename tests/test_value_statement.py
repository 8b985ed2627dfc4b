"""The value statement written from a canvas, in English and Chinese, following the canvas as it changes."""

from __future__ import annotations

from datetime import date

import pytest

from pmo_insight.demo import create_demo_workshop
from pmo_insight.domain.value_statement import build_statement, kpi_phrase
from pmo_insight.models import ItemKind
from pmo_insight.persistence.chain_loader import load_chain
from pmo_insight.services import canvases, personas, workshops


def _region_statement(session, lang: str) -> str:
    ws = create_demo_workshop(session, lang=lang)
    chain = load_chain(session, workshop_id=ws.id)
    return build_statement(chain, chain.canvases[0].id, lang)


def test_the_demo_statement_reads_as_one_english_sentence_with_the_kpis(session):
    statement = _region_statement(session, "en")

    assert statement.startswith(
        "For Huang Jun (Business director, South China region), who needs to win and deliver customer projects"
    )
    assert "our tiered governance framework and intelligent resource-allocation system relieve pains with" in statement
    assert "published allocation rules and priority scoring and tiered approval, and create gains with" in statement
    assert "a visual pool of the skills available across regions" in statement  # "A visual…" mid-sentence
    assert "measured by resource utilisation rising from 68% to 85% by 2027-11-30" in statement
    assert "average project delay (-20%) falling from 30 days to 24 days" in statement
    assert statement.endswith(".") and statement.count(".") == 1


def test_the_demo_statement_reads_as_one_chinese_sentence_with_the_kpis(session):
    statement = _region_statement(session, "zh")

    assert statement.startswith("对于黄俊（华南区域业务总监），其核心任务是在区域内赢得并交付客户项目。")
    assert "我们以分级治理框架、智能资源调配系统，通过公开的分配规则和优先级评分、分级审批缓解痛点" in statement
    assert "衡量指标：资源利用率从68%提升到85%（2027-11-30前）" in statement
    assert "项目平均延迟时间（降低20%）从30天降至24天" in statement
    assert statement.endswith("。")
    assert "For " not in statement and " and " not in statement


@pytest.fixture
def canvas(session):
    ws = workshops.create_workshop(session, title="Statement")
    persona = personas.create_persona(session, workshop_id=ws.id, name="Xiao Li", role="")
    return canvases.create_canvas(session, persona_id=persona.id, title="Canvas")


def _statement(session, canvas, lang: str = "en") -> str:
    return build_statement(load_chain(session, workshop_id=canvas.workshop_id), canvas.id, lang)


def test_an_empty_canvas_still_gives_a_sentence_that_names_the_missing_kpi(session, canvas):
    assert _statement(session, canvas) == "For Xiao Li, we address these needs, with no KPI yet to prove it."
    assert _statement(session, canvas, "zh") == "对于Xiao Li。我们满足这些需求（尚无可证明效果的KPI）。"


def test_the_statement_follows_the_canvas_as_items_and_kpis_change(session, canvas):
    job = canvases.add_item(session, canvas_id=canvas.id, kind=ItemKind.JOB, text="Staff projects on time", rank=5)
    canvases.add_item(session, canvas_id=canvas.id, kind=ItemKind.JOB, text="Write reports", rank=2)
    reliever = canvases.add_item(session, canvas_id=canvas.id, kind=ItemKind.RELIEVER, text="HQ fast lane", rank=4)
    before = _statement(session, canvas)
    assert before == (
        "For Xiao Li, who needs to staff projects on time, we relieve pains with HQ fast lane, "
        "with no KPI yet to prove it."
    )

    canvases.add_kpi(
        session, canvas_id=canvas.id, name="Lead time", baseline=11, target=3, unit="days", due_on=date(2027, 5, 16)
    )
    canvases.update_item(session, item_id=job.id, expected_version=job.version, rank=1)
    after = _statement(session, canvas)

    assert after == (
        "For Xiao Li, who needs to write reports, we relieve pains with HQ fast lane, "
        "measured by lead time falling from 11 days to 3 days by 2027-05-16."
    )
    assert reliever.text in after


def test_kpi_phrases_use_baseline_target_unit_and_due_date_in_both_languages(session, canvas):
    kpi = canvases.add_kpi(session, canvas_id=canvas.id, name="Utilisation", baseline=68, target=85.5, unit="%")

    assert kpi_phrase(kpi, "en") == "utilisation rising from 68% to 85.5%"
    assert kpi_phrase(kpi, "zh") == "Utilisation从68%提升到85.5%"
    target_only = canvases.add_kpi(session, canvas_id=canvas.id, name="NPS", target=40)
    assert kpi_phrase(target_only, "en") == "NPS reaching 40"
