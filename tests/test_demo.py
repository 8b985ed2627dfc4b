"""The demo workshop: one complete, linked chain from the seed article, in English and Chinese."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

import pytest
from sqlmodel import Session, SQLModel, func, select

from pmo_insight import demo
from pmo_insight.demo import DEMO_LANGUAGES, create_demo_workshop
from pmo_insight.models import (
    CanvasItem,
    CanvasItemCreate,
    EmpathyMap,
    EmpathyNote,
    EmpathyNoteCreate,
    Evidence,
    EvidenceCreate,
    EvidenceLink,
    FitLink,
    FitStrength,
    ItemKind,
    Journey,
    JourneyStage,
    Kpi,
    KpiCreate,
    KpiLink,
    Participant,
    Persona,
    PersonaCreate,
    Quadrant,
    RefKind,
    StakeholderType,
    Touchpoint,
    TouchpointCreate,
    TraceLink,
    ValueCanvas,
    ValueCanvasCreate,
    Workshop,
    WorkshopCreate,
)
from pmo_insight.services import canvases, empathy, journeys, personas, workshops

CJK = re.compile(r"[\u4e00-\u9fff]")
XIAO_LI = {"en": "Xiao Li", "zh": "小李"}
TRAINING_STAGES = {
    "en": ["Aware", "Consider", "Sign up", "Attend", "Feedback"],
    "zh": ["了解", "考虑", "报名", "参加", "反馈"],
}
APPROVAL = {"en": "approval", "zh": "审批"}
ANXIOUS = {"en": "anxious", "zh": "焦虑"}
ONE_STEP = {"en": "one-step", "zh": "一步"}

by_language = pytest.mark.parametrize("lang", DEMO_LANGUAGES)


def _persona(session: Session, workshop: Workshop, kind: StakeholderType) -> Persona:
    found = [p for p in personas.list_personas(session, workshop_id=workshop.id) if p.stakeholder_type == kind]
    assert len(found) == 1, f"expected one {kind} persona, found {[p.name for p in found]}"
    return found[0]


def _touchpoints(session: Session, journey: Journey) -> list[Touchpoint]:
    return list(
        session.exec(select(Touchpoint).where(Touchpoint.journey_id == journey.id).order_by(Touchpoint.position)).all()
    )


def _stage_names(session: Session, journey: Journey) -> list[str]:
    stages = session.exec(
        select(JourneyStage).where(JourneyStage.journey_id == journey.id).order_by(JourneyStage.position)
    ).all()
    return [s.name for s in stages]


def _training_journey(session: Session, workshop: Workshop, lang: str) -> Journey:
    (journey,) = [
        j
        for j in journeys.list_journeys(session, workshop_id=workshop.id)
        if _stage_names(session, j) == TRAINING_STAGES[lang]
    ]
    return journey


def _region_canvas(session: Session, workshop: Workshop) -> ValueCanvas:
    director = _persona(session, workshop, StakeholderType.BUSINESS_LEAD)
    (canvas,) = [c for c in canvases.list_canvases(session, workshop_id=workshop.id) if c.persona_id == director.id]
    return canvas


def _items(session: Session, canvas: ValueCanvas, kind: ItemKind) -> list[CanvasItem]:
    return list(
        session.exec(select(CanvasItem).where(CanvasItem.canvas_id == canvas.id, CanvasItem.kind == kind)).all()
    )


def _kpis(session: Session, canvas: ValueCanvas) -> list[Kpi]:
    return list(session.exec(select(Kpi).where(Kpi.canvas_id == canvas.id)).all())


def _all_touchpoints(session: Session) -> list[Touchpoint]:
    return list(session.exec(select(Touchpoint).order_by(Touchpoint.id)).all())


def _count(session: Session, model: type[SQLModel]) -> int:
    return session.exec(select(func.count()).select_from(model)).one()


def _traced(session: Session, source_kind: RefKind, source_id: int, target_kind: RefKind) -> list[int]:
    return list(
        session.exec(
            select(TraceLink.target_id).where(
                TraceLink.source_type == source_kind,
                TraceLink.source_id == source_id,
                TraceLink.target_type == target_kind,
            )
        ).all()
    )


def _chains_to_kpis(session: Session, note: EmpathyNote) -> list[tuple[Touchpoint, CanvasItem, CanvasItem, Kpi]]:
    """Every path note -> touchpoint (trace) -> canvas pain (trace) -> reliever (fit) -> KPI (KPI link)."""
    paths = []
    for tp_id in _traced(session, RefKind.EMPATHY_NOTE, note.id, RefKind.TOUCHPOINT):
        for item_id in _traced(session, RefKind.TOUCHPOINT, tp_id, RefKind.CANVAS_ITEM):
            pain = session.get(CanvasItem, item_id)
            if pain.kind != ItemKind.PAIN:
                continue
            for fit in session.exec(select(FitLink).where(FitLink.customer_item_id == pain.id)).all():
                reliever = session.get(CanvasItem, fit.value_item_id)
                assert reliever.kind == ItemKind.RELIEVER
                for link in session.exec(select(KpiLink).where(KpiLink.item_id == reliever.id)).all():
                    paths.append((session.get(Touchpoint, tp_id), pain, reliever, session.get(Kpi, link.kpi_id)))
    return paths


# --- the workshop ----------------------------------------------------------------------------


@by_language
def test_the_demo_creates_one_workshop_in_the_chosen_language_with_a_half_yearly_review(session, lang):
    created = create_demo_workshop(session, lang=lang)

    (workshop,) = session.exec(select(Workshop)).all()
    assert workshop.id == created.id
    assert workshop.language == lang
    assert workshop.title and workshop.organisation and workshop.goal and workshop.facilitator
    assert workshop.held_on == date(2026, 11, 16)
    assert workshop.next_review_on == date(2027, 5, 16)


@by_language
def test_business_it_finance_pmo_and_a_region_sit_at_the_table(session, lang):
    workshop = create_demo_workshop(session, lang=lang)

    participants = workshops.list_participants(session, workshop_id=workshop.id)
    departments = " ".join(p.department for p in participants)
    assert 5 <= len(participants) <= 6
    expected = {
        "en": ["Business", "IT", "Finance", "PMO", "regional"],
        "zh": ["业务", "信息技术", "财务", "PMO", "区域"],
    }[lang]
    assert [d for d in expected if d not in departments] == []


def test_an_unknown_language_is_refused_before_anything_is_written(session):
    with pytest.raises(ValueError, match="fr"):
        create_demo_workshop(session, lang="fr")

    assert _count(session, Workshop) == 0


def test_the_demo_leaves_committing_to_the_caller(engine):
    with Session(engine) as session:
        create_demo_workshop(session)
        session.rollback()

    with Session(engine) as session:
        assert _count(session, Workshop) == 0
        assert _count(session, Persona) == 0


def test_an_english_and_a_chinese_demo_live_side_by_side_in_one_database(engine):
    with Session(engine) as session:
        english = create_demo_workshop(session, lang="en")
        session.commit()
        chinese = create_demo_workshop(session, lang="zh")
        session.commit()
        english_id, chinese_id = english.id, chinese.id

    with Session(engine) as session:
        assert sorted(w.language for w in session.exec(select(Workshop)).all()) == ["en", "zh"]
        for workshop_id, lang in ((english_id, "en"), (chinese_id, "zh")):
            names = [p.name for p in personas.list_personas(session, workshop_id=workshop_id)]
            assert len(names) == 4 and XIAO_LI[lang] in names
            traces = session.exec(select(TraceLink).where(TraceLink.workshop_id == workshop_id)).all()
            assert traces
            owned = {c.id for c in canvases.list_canvases(session, workshop_id=workshop_id)}
            fits = session.exec(select(FitLink).where(FitLink.canvas_id.in_(owned))).all()
            assert all(session.get(CanvasItem, f.value_item_id).canvas_id in owned for f in fits)
        assert _count(session, Persona) == 8


# --- personas and empathy maps ---------------------------------------------------------------


@by_language
def test_the_demo_has_four_personas_including_xiao_li_the_software_project_manager(session, lang):
    workshop = create_demo_workshop(session, lang=lang)

    found = personas.list_personas(session, workshop_id=workshop.id)
    assert len(found) == 4
    (xiao_li,) = [p for p in found if p.name == XIAO_LI[lang]]
    assert xiao_li.stakeholder_type == StakeholderType.PROJECT_MANAGER
    assert xiao_li.interest == 5 and xiao_li.influence in (2, 3)
    assert Counter(p.stakeholder_type for p in found) == {
        StakeholderType.PROJECT_MANAGER: 2,
        StakeholderType.EXECUTIVE: 1,
        StakeholderType.BUSINESS_LEAD: 1,
    }
    assert _persona(session, workshop, StakeholderType.EXECUTIVE).influence == 5


@by_language
def test_every_persona_field_is_filled_in(session, lang):
    workshop = create_demo_workshop(session, lang=lang)

    for persona in personas.list_personas(session, workshop_id=workshop.id):
        empty = [name for name in PersonaCreate.model_fields if getattr(persona, name) in ("", [], None)]
        assert empty == [], f"{persona.name} has empty {empty}"


@by_language
def test_the_executive_map_has_notes_in_all_six_quadrants(session, lang):
    workshop = create_demo_workshop(session, lang=lang)
    executive = _persona(session, workshop, StakeholderType.EXECUTIVE)

    (exec_map,) = [m for m in empathy.list_maps(session, workshop_id=workshop.id) if m.persona_id == executive.id]
    notes = session.exec(select(EmpathyNote).where(EmpathyNote.map_id == exec_map.id)).all()
    assert "PMO" in exec_map.scenario
    assert {n.quadrant for n in notes} == set(Quadrant)
    for quadrant in (Quadrant.SAYS, Quadrant.THINKS, Quadrant.DOES, Quadrant.FEELS):
        assert 3 <= sum(n.quadrant == quadrant for n in notes) <= 4
    for quadrant in (Quadrant.PAINS, Quadrant.GAINS):
        assert 2 <= sum(n.quadrant == quadrant for n in notes) <= 3


@by_language
def test_the_regional_director_feels_anxious_about_hq_resource_allocation(session, lang):
    workshop = create_demo_workshop(session, lang=lang)
    director = _persona(session, workshop, StakeholderType.BUSINESS_LEAD)

    notes = session.exec(
        select(EmpathyNote)
        .join(EmpathyMap, EmpathyMap.id == EmpathyNote.map_id)
        .where(EmpathyMap.persona_id == director.id, EmpathyNote.quadrant == Quadrant.FEELS)
    ).all()
    assert any(ANXIOUS[lang] in n.text.lower() for n in notes)


def test_notes_carry_varied_votes_and_some_name_their_author_and_department(session):
    workshop = create_demo_workshop(session)

    notes = session.exec(
        select(EmpathyNote)
        .join(EmpathyMap, EmpathyMap.id == EmpathyNote.map_id)
        .where(EmpathyMap.workshop_id == workshop.id)
    ).all()
    assert {n.votes for n in notes} == set(range(8))
    signed = [n for n in notes if n.author and n.department]
    assert 0 < len(signed) < len(notes)


# --- journeys ------------------------------------------------------------------------------


@by_language
def test_the_training_journey_follows_the_seeds_five_stages(session, lang):
    workshop = create_demo_workshop(session, lang=lang)

    journey = _training_journey(session, workshop, lang)
    assert session.get(Persona, journey.persona_id).stakeholder_type == StakeholderType.PROJECT_MANAGER
    assert 8 <= len(_touchpoints(session, journey)) <= 12


@by_language
def test_the_approval_step_at_sign_up_is_the_unique_lowest_point_of_the_training_journey(session, lang):
    workshop = create_demo_workshop(session, lang=lang)
    journey = _training_journey(session, workshop, lang)

    touchpoints = _touchpoints(session, journey)
    lowest = min(t.emotion_now for t in touchpoints)
    (bottom,) = [t for t in touchpoints if t.emotion_now == lowest]
    assert lowest == -3
    assert APPROVAL[lang] in bottom.name.lower()
    assert session.get(JourneyStage, bottom.stage_id).name == TRAINING_STAGES[lang][2]
    assert bottom.is_key_pain


@by_language
def test_the_regional_journey_bottoms_out_at_the_cross_region_approval(session, lang):
    workshop = create_demo_workshop(session, lang=lang)
    director = _persona(session, workshop, StakeholderType.BUSINESS_LEAD)
    (journey,) = [j for j in journeys.list_journeys(session, workshop_id=workshop.id) if j.persona_id == director.id]

    touchpoints = _touchpoints(session, journey)
    (bottom,) = [t for t in touchpoints if t.emotion_now == min(t.emotion_now for t in touchpoints)]
    assert APPROVAL[lang] in bottom.name.lower() and bottom.emotion_now == -3


@by_language
def test_every_journey_focuses_on_three_to_five_key_pains(session, lang):
    workshop = create_demo_workshop(session, lang=lang)

    found = journeys.list_journeys(session, workshop_id=workshop.id)
    assert len(found) >= 2
    for journey in found:
        assert 3 <= sum(t.is_key_pain for t in _touchpoints(session, journey)) <= 5


def test_every_touchpoint_is_fully_described_and_offers_quick_wins_and_bigger_bets(session):
    workshop = create_demo_workshop(session)

    for journey in journeys.list_journeys(session, workshop_id=workshop.id):
        touchpoints = _touchpoints(session, journey)
        for tp in touchpoints:
            empty = [name for name in TouchpointCreate.model_fields if getattr(tp, name) in ("", None)]
            assert empty == [], f"{tp.name} has empty {empty}"
            assert tp.emotion_target >= tp.emotion_now
        quick_wins = [t for t in touchpoints if t.impact >= 4 and t.effort <= 2]
        big_bets = [t for t in touchpoints if t.effort >= 4]
        assert len(quick_wins) >= 2 and big_bets


# --- canvases, KPIs and the chain ----------------------------------------------------------


@by_language
def test_the_regional_canvas_makes_the_seeds_value_statement(session, lang):
    workshop = create_demo_workshop(session, lang=lang)

    canvas = _region_canvas(session, workshop)
    assert "85%" in canvas.value_statement and "20%" in canvas.value_statement
    products = " ".join(i.text for i in _items(session, canvas, ItemKind.PRODUCT))
    expected = {"en": ["Tiered governance", "resource-allocation system"], "zh": ["分级治理框架", "智能资源调配系统"]}
    assert [p for p in expected[lang] if p not in products] == []


@by_language
def test_the_kpis_target_85_percent_utilisation_and_a_20_percent_shorter_delay(session, lang):
    workshop = create_demo_workshop(session, lang=lang)

    kpis = _kpis(session, _region_canvas(session, workshop))
    (utilisation,) = [k for k in kpis if k.unit == "%"]
    assert utilisation.target == 85 and utilisation.baseline < 85
    (delay,) = [k for k in kpis if "20" in k.name]
    assert delay.target == pytest.approx(delay.baseline * 0.8)
    assert all(k.due_on for k in kpis)


def test_the_regional_canvas_relieves_every_pain_but_one_minor_one(session):
    workshop = create_demo_workshop(session)
    canvas = _region_canvas(session, workshop)

    fits = session.exec(select(FitLink).where(FitLink.canvas_id == canvas.id)).all()
    relieved = {f.customer_item_id for f in fits}
    unrelieved = [p for p in _items(session, canvas, ItemKind.PAIN) if p.id not in relieved]
    assert len(unrelieved) == 1
    assert unrelieved[0].rank == min(p.rank for p in _items(session, canvas, ItemKind.PAIN))
    assert {f.strength for f in fits} == set(FitStrength)
    gains = _items(session, canvas, ItemKind.GAIN)
    assert all(g.id in relieved for g in gains)


@by_language
def test_a_chain_runs_from_the_anxious_note_through_the_approval_to_the_utilisation_kpi(session, lang):
    workshop = create_demo_workshop(session, lang=lang)
    director = _persona(session, workshop, StakeholderType.BUSINESS_LEAD)
    notes = session.exec(
        select(EmpathyNote)
        .join(EmpathyMap, EmpathyMap.id == EmpathyNote.map_id)
        .where(EmpathyMap.persona_id == director.id)
    ).all()
    # Matched in Python: SQL's LIKE ignores case on SQLite but not on PostgreSQL.
    (anxious,) = [n for n in notes if ANXIOUS[lang] in n.text.lower()]

    paths = _chains_to_kpis(session, anxious)
    assert paths, "no note -> touchpoint -> pain -> reliever -> KPI path"
    assert any(
        APPROVAL[lang] in tp.name.lower() and kpi.target == 85 and kpi.unit == "%" for tp, _pain, _rel, kpi in paths
    )
    assert director.id in {session.get(Journey, tp.journey_id).persona_id for tp, *_ in paths}


@by_language
def test_the_training_approval_is_relieved_by_one_step_sign_up_and_measured_by_lead_time(session, lang):
    workshop = create_demo_workshop(session, lang=lang)
    journey = _training_journey(session, workshop, lang)
    (approval,) = [t for t in _touchpoints(session, journey) if t.emotion_now == -3]

    pains = _traced(session, RefKind.TOUCHPOINT, approval.id, RefKind.CANVAS_ITEM)
    assert pains
    (canvas,) = [c for c in canvases.list_canvases(session, workshop_id=workshop.id) if c.journey_id == journey.id]
    relievers = session.exec(
        select(CanvasItem)
        .join(FitLink, FitLink.value_item_id == CanvasItem.id)
        .where(FitLink.customer_item_id.in_(pains), FitLink.canvas_id == canvas.id)
    ).all()
    assert any(ONE_STEP[lang] in r.text.lower() for r in relievers)
    measured = session.exec(
        select(Kpi).join(KpiLink, KpiLink.kpi_id == Kpi.id).where(KpiLink.item_id.in_([r.id for r in relievers]))
    ).all()
    assert any(k.target < k.baseline for k in measured), "no lead-time KPI falls from its baseline"


def test_every_key_pain_is_traced_into_a_canvas(session):
    workshop = create_demo_workshop(session)

    for journey in journeys.list_journeys(session, workshop_id=workshop.id):
        for tp in _touchpoints(session, journey):
            if tp.is_key_pain:
                assert _traced(session, RefKind.TOUCHPOINT, tp.id, RefKind.CANVAS_ITEM), tp.name


# --- evidence ------------------------------------------------------------------------------


def test_evidence_of_every_kind_backs_the_chain(session):
    workshop = create_demo_workshop(session)

    found = session.exec(select(Evidence).where(Evidence.workshop_id == workshop.id)).all()
    assert 5 <= len(found) <= 7
    assert {e.kind for e in found} == {"interview", "survey", "system_data", "observation", "document"}
    assert all(e.source and e.summary and e.collected_on for e in found)
    linked = {link.evidence_id for link in session.exec(select(EvidenceLink)).all()}
    assert linked == {e.id for e in found}


@by_language
def test_two_or_three_claims_are_deliberately_left_as_assumptions(session, lang):
    workshop = create_demo_workshop(session, lang=lang)
    backed = {(link.target_type, link.target_id) for link in session.exec(select(EvidenceLink)).all()}

    claims = [(RefKind.PERSONA, p.id) for p in personas.list_personas(session, workshop_id=workshop.id)]
    claims += [(RefKind.EMPATHY_NOTE, n.id) for n in session.exec(select(EmpathyNote)).all()]
    claims += [(RefKind.TOUCHPOINT, t.id) for t in session.exec(select(Touchpoint)).all()]
    claims += [(RefKind.CANVAS_ITEM, i.id) for i in session.exec(select(CanvasItem)).all() if i.kind == ItemKind.PAIN]
    assumptions = [c for c in claims if c not in backed]
    assert 2 <= len(assumptions) <= 3
    assert all((RefKind.PERSONA, p.id) in backed for p in personas.list_personas(session, workshop_id=workshop.id))


# --- language and validity -----------------------------------------------------------------


def _headline_texts(session: Session, workshop: Workshop) -> list[str]:
    texts = [workshop.title, workshop.organisation, workshop.goal]
    texts += [p.name for p in personas.list_personas(session, workshop_id=workshop.id)]
    texts += [m.scenario for m in empathy.list_maps(session, workshop_id=workshop.id)]
    for journey in journeys.list_journeys(session, workshop_id=workshop.id):
        texts += [journey.scenario, *_stage_names(session, journey), *(t.name for t in _touchpoints(session, journey))]
    for canvas in canvases.list_canvases(session, workshop_id=workshop.id):
        texts += [canvas.title, canvas.value_statement, *(k.name for k in _kpis(session, canvas))]
    return texts


def test_the_chinese_demo_is_written_in_chinese(session):
    workshop = create_demo_workshop(session, lang="zh")

    texts = _headline_texts(session, workshop)
    texts += [n.text for n in session.exec(select(EmpathyNote)).all()]
    texts += [i.text for i in session.exec(select(CanvasItem)).all()]
    assert [t for t in texts if not CJK.search(t)] == []


def test_the_english_demo_has_no_chinese_in_it(session):
    workshop = create_demo_workshop(session, lang="en")

    texts = _headline_texts(session, workshop)
    texts += [n.text for n in session.exec(select(EmpathyNote)).all()]
    texts += [i.text for i in session.exec(select(CanvasItem)).all()]
    assert [t for t in texts if CJK.search(t)] == []


def _shape(value: object) -> object:
    """A demo document with every text replaced by whether it is filled in: what both languages share."""
    if isinstance(value, dict):
        return {k: _shape(v) for k, v in value.items() if k != "language"}
    if isinstance(value, list):
        return [_shape(v) for v in value]
    return bool(value) if isinstance(value, str) else value


def test_both_languages_tell_the_same_story_with_the_same_shape():
    english, chinese = demo.demo_document("en"), demo.demo_document("zh")

    assert english.keys() == chinese.keys()
    assert _shape(english) == _shape(chinese)
    assert english["workshop"]["title"] != chinese["workshop"]["title"]


def test_both_languages_have_the_same_numbers(engine):
    def profile(lang: str) -> list[object]:
        with Session(engine) as session:
            create_demo_workshop(session, lang=lang)
            rows = [
                (t.emotion_now, t.emotion_target, t.impact, t.effort, t.is_key_pain) for t in _all_touchpoints(session)
            ]
            rows += [(k.baseline, k.target, k.due_on) for k in session.exec(select(Kpi).order_by(Kpi.id)).all()]
            rows += [n.votes for n in session.exec(select(EmpathyNote).order_by(EmpathyNote.id)).all()]
            rows.append(_count(session, TraceLink))
            session.rollback()
        return rows

    assert profile("en") == profile("zh")


@by_language
def test_every_stored_row_passes_the_same_validation_as_user_input(session, lang):
    create_demo_workshop(session, lang=lang)
    session.commit()

    schemas = {
        Workshop: WorkshopCreate,
        Persona: PersonaCreate,
        Evidence: EvidenceCreate,
        EmpathyNote: EmpathyNoteCreate,
        Touchpoint: TouchpointCreate,
        ValueCanvas: ValueCanvasCreate,
        CanvasItem: CanvasItemCreate,
        Kpi: KpiCreate,
    }
    for model, schema in schemas.items():
        rows = session.exec(select(model)).all()
        assert rows, model.__name__
        for row in rows:
            schema.model_validate({name: getattr(row, name) for name in schema.model_fields})
    assert _count(session, Participant) >= 5
