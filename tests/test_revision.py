"""The workshop revision as a contract: every write service raises it, reads and failures do not."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, SQLModel

from pmo_insight.demo import create_demo_workshop
from pmo_insight.domain.backup_format import export_json
from pmo_insight.domain.chain import WorkshopChain
from pmo_insight.domain.fingerprint import canvas_fingerprint
from pmo_insight.domain.refs import Ref
from pmo_insight.errors import StaleVersion
from pmo_insight.grouping import carry as group_carry
from pmo_insight.grouping import services as grouping
from pmo_insight.grouping.pains import carry as pain_carry
from pmo_insight.grouping.pains import services as pain_groups
from pmo_insight.iterate import kpi_actuals, rhythm, snapshots
from pmo_insight.live import participants as live_people
from pmo_insight.live import sessions as live_sessions
from pmo_insight.models import ItemKind, Quadrant, RefKind
from pmo_insight.persistence.chain_loader import load_chain
from pmo_insight.persistence.db import session_scope
from pmo_insight.persistence.restore import restore_backup
from pmo_insight.persistence.revision import OWNERS, UNOWNED, revision_of
from pmo_insight.portfolio import links as portfolio_links
from pmo_insight.services import (
    canvases,
    carry,
    empathy,
    evidence,
    journeys,
    links,
    personas,
    review_comments,
    review_decisions,
    review_links,
    workshops,
)
from pmo_insight.services.journeys import TouchpointRow
from pmo_insight.services.registry import READ_ONLY, all_services, qualified_name, write_services
from pmo_insight.surveys import services as surveys
from tests.survey_files import csv_bytes, planted_rows

Write = Callable[[Session, WorkshopChain], Any]


def _first(rows, **where):
    return next(r for r in rows if all(getattr(r, k) == v for k, v in where.items()))


def _pain(c: WorkshopChain):
    return _first(c.items, kind=ItemKind.PAIN)


def _reliever(c: WorkshopChain):
    return _first(c.items, kind=ItemKind.RELIEVER)


def _grid_row(c: WorkshopChain) -> TouchpointRow:
    tp = c.touchpoints[0]
    stage = _first(c.stages, id=tp.stage_id)
    return TouchpointRow(
        values={"stage": stage.name, "name": tp.name + " (edited)", "emotion_now": tp.emotion_now},
        id=tp.id,
        expected_version=tp.version,
        changed=frozenset({"name"}),
    )


def _persona_without_canvas(c: WorkshopChain) -> int:
    with_canvas = {canvas.persona_id for canvas in c.canvases}
    return next(p.id for p in c.personas if p.id not in with_canvas)


def _token(s: Session, c: WorkshopChain) -> str:
    return review_links.create_review_link(s, workshop_id=c.workshop.id, label="Reviewer").token


def _comment(s: Session, c: WorkshopChain) -> int:
    return review_comments.add_review_comment(s, token=_token(s, c), target_type="workshop", text="Comment").id


def _uncarried_touchpoint(c: WorkshopChain) -> int:
    return next(t.id for t in c.touchpoints if not c.traced_targets(Ref(RefKind.TOUCHPOINT, t.id)))


def _live(s: Session, c: WorkshopChain) -> str:
    """A running live session on the demo's first map, committed first so the write under test stands alone."""
    code = live_sessions.start_session(s, workshop_id=c.workshop.id).code
    s.commit()
    return code


def _joined(s: Session, c: WorkshopChain) -> tuple[str, str]:
    code = _live(s, c)
    token = live_people.join_session(s, code=code, name="Li Na").token
    s.commit()
    return code, token


def _voted(s: Session, c: WorkshopChain) -> tuple[str, str]:
    code, token = _joined(s, c)
    live_people.cast_vote(s, code=code, token=token, item_id=c.notes_of(c.maps[0].id)[0].id)
    s.commit()
    return code, token


def _survey(s: Session, c: WorkshopChain) -> int:
    """An imported survey, committed first so the write under test stands alone."""
    headers, rows, _ = planted_rows("en", sizes=(15, 10, 10))
    data = csv_bytes(headers, rows)
    evidence_id = surveys.import_survey(s, workshop_id=c.workshop.id, data=data, filename="s.csv").id
    s.commit()
    return evidence_id


SURVEY_WRITES: dict[Callable[..., Any], Write] = {
    surveys.import_survey: lambda s, c: _survey(s, c),
    surveys.draft_persona: lambda s, c: surveys.draft_persona(s, evidence_id=_survey(s, c), label="A"),
    surveys.import_interview: lambda s, c: surveys.import_interview(
        s, workshop_id=c.workshop.id, interviewee="PM", text="One.\n\nTwo."
    ),
    surveys.carry_quote: lambda s, c: surveys.carry_quote(
        s, evidence_id=_survey(s, c), map_id=c.maps[0].id, respondent="R0001", quadrant="says"
    ),
}


LIVE_WRITES: dict[Callable[..., Any], Write] = {
    live_sessions.start_session: lambda s, c: live_sessions.start_session(s, workshop_id=c.workshop.id, budget=3),
    live_sessions.stop_session: lambda s, c: (_live(s, c), live_sessions.stop_session(s, workshop_id=c.workshop.id)),
    live_sessions.reveal_votes: lambda s, c: (_live(s, c), live_sessions.reveal_votes(s, workshop_id=c.workshop.id)),
    live_sessions.hide_votes: lambda s, c: (_live(s, c), live_sessions.hide_votes(s, workshop_id=c.workshop.id)),
    live_sessions.set_notes_open: lambda s, c: (
        _live(s, c),
        live_sessions.set_notes_open(s, workshop_id=c.workshop.id, is_open=False),
    ),
    live_sessions.set_votes_open: lambda s, c: (
        _live(s, c),
        live_sessions.set_votes_open(s, workshop_id=c.workshop.id, is_open=False),
    ),
    live_sessions.set_budget: lambda s, c: (
        _live(s, c),
        live_sessions.set_budget(s, workshop_id=c.workshop.id, budget=9),
    ),
    live_sessions.set_anonymous: lambda s, c: (
        _live(s, c),
        live_sessions.set_anonymous(s, workshop_id=c.workshop.id, anonymous=True),
    ),
    live_sessions.start_timer: lambda s, c: (
        _live(s, c),
        live_sessions.start_timer(s, workshop_id=c.workshop.id, minutes=3),
    ),
    live_sessions.clear_timer: lambda s, c: (_live(s, c), live_sessions.clear_timer(s, workshop_id=c.workshop.id)),
    live_people.join_session: lambda s, c: live_people.join_session(s, code=_live(s, c), name="Li Na"),
    live_people.add_live_note: lambda s, c: live_people.add_live_note(
        s, **dict(zip(("code", "token"), _joined(s, c), strict=True)), quadrant="says", text="From a phone"
    ),
    live_people.cast_vote: lambda s, c: live_people.cast_vote(
        s, **dict(zip(("code", "token"), _joined(s, c), strict=True)), item_id=c.notes_of(c.maps[0].id)[0].id
    ),
    live_people.take_back_vote: lambda s, c: live_people.take_back_vote(
        s, **dict(zip(("code", "token"), _voted(s, c), strict=True)), item_id=c.notes_of(c.maps[0].id)[0].id
    ),
}


def _same_quadrant(c: WorkshopChain) -> tuple[Any, Any, Any]:
    """Three notes of one quadrant of the demo's first map."""
    notes = c.notes_of(c.maps[0].id)
    quadrant = next(q for q in {n.quadrant for n in notes} if sum(n.quadrant == q for n in notes) >= 3)
    a, b, d = [n for n in notes if n.quadrant == quadrant][:3]
    return a, b, d


def _same_pains(c: WorkshopChain) -> list[Any]:
    """Two notes of the pains quadrant of the demo's first map (its persona has a canvas)."""
    return [n for n in c.notes_of(c.maps[0].id) if n.quadrant == "pains"][:2]


def _group(s: Session, c: WorkshopChain, *notes: Any) -> Any:
    """A committed group of ``notes`` (default: the first of a quadrant), so the write under test stands alone."""
    notes = notes or _same_quadrant(c)[:1]
    group = grouping.create_group(
        s, map_id=c.maps[0].id, quadrant=notes[0].quadrant, title="Approval", note_ids=[n.id for n in notes]
    )
    s.commit()
    return group


def _two_groups(s: Session, c: WorkshopChain) -> tuple[Any, Any]:
    a, b, _ = _same_quadrant(c)
    return _group(s, c, a), _group(s, c, b)


GROUPING_WRITES: dict[Callable[..., Any], Write] = {
    grouping.create_group: lambda s, c: _group(s, c),
    grouping.rename_group: lambda s, c: (
        g := _group(s, c),
        grouping.rename_group(s, group_id=g.id, expected_version=g.version, title="Renamed"),
    ),
    grouping.move_note_to_group: lambda s, c: (
        g := _group(s, c),
        grouping.move_note_to_group(s, note_id=_same_quadrant(c)[1].id, group_id=g.id, to_version=g.version),
    ),
    grouping.merge_groups: lambda s, c: (
        gs := _two_groups(s, c),
        grouping.merge_groups(
            s, into_id=gs[0].id, into_version=gs[0].version, other_id=gs[1].id, other_version=gs[1].version
        ),
    ),
    grouping.ungroup: lambda s, c: (g := _group(s, c), grouping.ungroup(s, group_id=g.id, expected_version=g.version)),
    grouping.merge_duplicates: lambda s, c: grouping.merge_duplicates(
        s, keep_note_id=_same_quadrant(c)[0].id, other_note_id=_same_quadrant(c)[1].id, title="Same"
    ),
    grouping.accept_suggestion: lambda s, c: grouping.accept_suggestion(
        s, map_id=c.maps[0].id, quadrant=_same_quadrant(c)[0].quadrant, groups=[("One", [_same_quadrant(c)[0].id])]
    ),
    grouping.accept_suggested: lambda s, c: grouping.accept_suggested(
        s, map_id=c.maps[0].id, quadrant=_same_quadrant(c)[0].quadrant, n_groups=2
    ),
    group_carry.carry_group: lambda s, c: group_carry.carry_group(
        s,
        group_id=_group(s, c, *_same_pains(c)).id,
        new_canvas_title="Grouped pains",
    ),
    grouping.undo_step: lambda s, c: (g := _group(s, c), grouping.undo_step(s, versions={g.id: g.version})),
}


def _pains(c: WorkshopChain) -> list[Any]:
    """Three touchpoints of the demo's first journey that name a pain."""
    journey_id = c.journeys[0].id
    return [t for t in c.touchpoints_of(journey_id) if t.pain_point.strip()][:3]


def _pain_group(s: Session, c: WorkshopChain, *touchpoints: Any) -> Any:
    """A committed pain group of ``touchpoints`` (default: the first pain), so the write under test stands alone."""
    touchpoints = touchpoints or _pains(c)[:1]
    group = pain_groups.create_pain_group(
        s, journey_id=c.journeys[0].id, title="Approval", touchpoint_ids=[t.id for t in touchpoints]
    )
    s.commit()
    return group


def _two_pain_groups(s: Session, c: WorkshopChain) -> tuple[Any, Any]:
    a, b, _ = _pains(c)
    return _pain_group(s, c, a), _pain_group(s, c, b)


PAIN_GROUP_WRITES: dict[Callable[..., Any], Write] = {
    pain_groups.create_pain_group: lambda s, c: _pain_group(s, c),
    pain_groups.rename_pain_group: lambda s, c: (
        g := _pain_group(s, c),
        pain_groups.rename_pain_group(s, group_id=g.id, expected_version=g.version, title="Renamed"),
    ),
    pain_groups.move_pain_to_group: lambda s, c: (
        g := _pain_group(s, c),
        pain_groups.move_pain_to_group(s, touchpoint_id=_pains(c)[1].id, group_id=g.id, to_version=g.version),
    ),
    pain_groups.merge_pain_groups: lambda s, c: (
        gs := _two_pain_groups(s, c),
        pain_groups.merge_pain_groups(
            s, into_id=gs[0].id, into_version=gs[0].version, other_id=gs[1].id, other_version=gs[1].version
        ),
    ),
    pain_groups.ungroup_pains: lambda s, c: (
        g := _pain_group(s, c),
        pain_groups.ungroup_pains(s, group_id=g.id, expected_version=g.version),
    ),
    pain_groups.merge_duplicate_pains: lambda s, c: pain_groups.merge_duplicate_pains(
        s, keep_id=_pains(c)[0].id, other_id=_pains(c)[1].id, title="Same"
    ),
    pain_groups.accept_pain_suggestion: lambda s, c: pain_groups.accept_pain_suggestion(
        s, journey_id=c.journeys[0].id, groups=[("One", [_pains(c)[0].id])]
    ),
    pain_groups.accept_suggested_pains: lambda s, c: pain_groups.accept_suggested_pains(
        s, journey_id=c.journeys[0].id, n_groups=2
    ),
    pain_groups.undo_pain_step: lambda s, c: (
        g := _pain_group(s, c),
        pain_groups.undo_pain_step(s, versions={g.id: g.version}),
    ),
    pain_groups.mark_group_key_pain: lambda s, c: (
        g := _pain_group(s, c, *_pains(c)[:2]),
        pain_groups.mark_group_key_pain(s, group_id=g.id, expected_version=g.version, key=True),
    ),
    pain_carry.carry_pain_group: lambda s, c: pain_carry.carry_pain_group(
        s, group_id=_pain_group(s, c, *_pains(c)[:2]).id, canvas_title="Grouped pains"
    ),
}


#: One real write through each write service of an existing workshop (the demo).
WRITES: dict[Callable[..., Any], Write] = {
    canvases.create_canvas: lambda s, c: canvases.create_canvas(s, persona_id=c.personas[0].id, title="New"),
    canvases.update_canvas: lambda s, c: canvases.update_canvas(
        s, canvas_id=c.canvases[0].id, expected_version=c.canvases[0].version, title="Renamed"
    ),
    canvases.delete_canvas: lambda s, c: canvases.delete_canvas(s, canvas_id=c.canvases[0].id),
    canvases.add_item: lambda s, c: canvases.add_item(s, canvas_id=c.canvases[0].id, kind="pain", text="New pain"),
    canvases.update_item: lambda s, c: canvases.update_item(
        s, item_id=_pain(c).id, expected_version=_pain(c).version, text="Edited"
    ),
    canvases.delete_item: lambda s, c: canvases.delete_item(s, item_id=_pain(c).id),
    canvases.link_fit: lambda s, c: canvases.link_fit(
        s, value_item_id=_reliever(c).id, customer_item_id=_pain(c).id, strength="partial"
    ),
    canvases.unlink_fit: lambda s, c: canvases.unlink_fit(
        s, value_item_id=c.fit_links[0].value_item_id, customer_item_id=c.fit_links[0].customer_item_id
    ),
    canvases.add_kpi: lambda s, c: canvases.add_kpi(s, canvas_id=c.canvases[0].id, name="New KPI"),
    canvases.update_kpi: lambda s, c: canvases.update_kpi(
        s, kpi_id=c.kpis[0].id, expected_version=c.kpis[0].version, target=1.0
    ),
    canvases.delete_kpi: lambda s, c: canvases.delete_kpi(s, kpi_id=c.kpis[0].id),
    canvases.link_kpi: lambda s, c: canvases.link_kpi(
        s, kpi_id=c.kpis[0].id, item_id=_first(c.items, canvas_id=c.kpis[0].canvas_id, kind=ItemKind.CREATOR).id
    ),
    canvases.unlink_kpi: lambda s, c: canvases.unlink_kpi(
        s, kpi_id=c.kpi_links[0].kpi_id, item_id=c.kpi_links[0].item_id
    ),
    canvases.set_kpi_proves: lambda s, c: canvases.set_kpi_proves(s, kpi_id=c.kpis[0].id, item_ids=[]),
    canvases.move_item: lambda s, c: canvases.move_item(
        s, item_id=c.items_of(c.canvases[0].id, ItemKind.PAIN)[1].id, offset=-1
    ),
    canvases.save_statement: lambda s, c: canvases.save_statement(
        s, canvas_id=c.canvases[0].id, expected_version=c.canvases[0].version, value_statement="Edited"
    ),
    carry.canvas_for_persona: lambda s, c: carry.canvas_for_persona(
        s, persona_id=_persona_without_canvas(c), title="Fresh"
    ),
    carry.carry_into_canvas: lambda s, c: carry.carry_into_canvas(
        s, source=Ref(RefKind.EMPATHY_NOTE, _first(c.notes, quadrant=Quadrant.PAINS).id), canvas_id=c.canvases[-1].id
    ),
    empathy.create_map: lambda s, c: empathy.create_map(s, persona_id=c.personas[0].id, scenario="New"),
    empathy.delete_map: lambda s, c: empathy.delete_map(s, map_id=c.maps[0].id),
    empathy.add_note: lambda s, c: empathy.add_note(s, map_id=c.maps[0].id, quadrant="says", text="New"),
    empathy.update_note: lambda s, c: empathy.update_note(
        s, note_id=c.notes[0].id, expected_version=c.notes[0].version, text="Edited"
    ),
    empathy.delete_note: lambda s, c: empathy.delete_note(s, note_id=c.notes[0].id),
    empathy.rename_map: lambda s, c: empathy.rename_map(
        s, map_id=c.maps[0].id, expected_version=c.maps[0].version, scenario="Renamed"
    ),
    empathy.vote: lambda s, c: empathy.vote(s, note_id=c.notes[0].id, delta=1),
    empathy.edit_note: lambda s, c: empathy.edit_note(
        s, note_id=c.notes[0].id, expected_version=c.notes[0].version, text="Edited"
    ),
    empathy.move_note: lambda s, c: empathy.move_note(
        s, note_id=c.notes[0].id, quadrant="gains", expected_version=c.notes[0].version
    ),
    empathy.promote_note: lambda s, c: empathy.promote_note(
        s, note_id=_first(c.notes, quadrant=Quadrant.PAINS).id, new_canvas_title="Promoted"
    ),
    evidence.create_evidence: lambda s, c: evidence.create_evidence(
        s, workshop_id=c.workshop.id, kind="survey", source="New survey"
    ),
    evidence.update_evidence: lambda s, c: evidence.update_evidence(
        s, evidence_id=c.evidence[0].id, expected_version=c.evidence[0].version, source="Edited"
    ),
    evidence.delete_evidence: lambda s, c: evidence.delete_evidence(s, evidence_id=c.evidence[0].id),
    evidence.attach_evidence: lambda s, c: evidence.attach_evidence(
        s, target=Ref(RefKind.KPI, c.kpis[-1].id), evidence_id=c.evidence[-1].id
    ),
    evidence.attach_new_evidence: lambda s, c: evidence.attach_new_evidence(
        s, target=Ref(RefKind.PERSONA, c.personas[0].id), kind="interview", source="New interview"
    ),
    evidence.detach_evidence: lambda s, c: evidence.detach_evidence(
        s,
        target=Ref(c.evidence_links[0].target_type, c.evidence_links[0].target_id),
        evidence_id=c.evidence_links[0].evidence_id,
    ),
    journeys.create_journey: lambda s, c: journeys.create_journey(s, persona_id=c.personas[0].id, scenario="New"),
    journeys.delete_journey: lambda s, c: journeys.delete_journey(s, journey_id=c.journeys[0].id),
    journeys.add_stage: lambda s, c: journeys.add_stage(s, journey_id=c.journeys[0].id, name="Brand new stage"),
    journeys.rename_stage: lambda s, c: journeys.rename_stage(
        s, stage_id=c.stages[0].id, name="Renamed stage", expected_version=c.stages[0].version
    ),
    journeys.rename_stages: lambda s, c: journeys.rename_stages(
        s, names={c.stages[0].id: ("Renamed stage", c.stages[0].version)}
    ),
    journeys.remove_stage: lambda s, c: journeys.remove_stage(
        s, stage_id=journeys.add_stage(s, journey_id=c.journeys[0].id, name="Empty").id
    ),
    journeys.reorder_stages: lambda s, c: journeys.reorder_stages(
        s, journey_id=c.journeys[0].id, stage_ids=[st.id for st in reversed(c.stages_of(c.journeys[0].id))]
    ),
    journeys.move_stage: lambda s, c: journeys.move_stage(s, stage_id=c.stages[0].id, offset=1),
    journeys.add_touchpoint: lambda s, c: journeys.add_touchpoint(s, stage_id=c.stages[0].id, name="New"),
    journeys.update_touchpoint: lambda s, c: journeys.update_touchpoint(
        s, touchpoint_id=c.touchpoints[0].id, expected_version=c.touchpoints[0].version, emotion_now=2
    ),
    journeys.delete_touchpoint: lambda s, c: journeys.delete_touchpoint(s, touchpoint_id=c.touchpoints[0].id),
    journeys.save_touchpoints: lambda s, c: journeys.save_touchpoints(
        s, journey_id=c.touchpoints[0].journey_id, rows=[_grid_row(c)]
    ),
    journeys.mark_key_pain: lambda s, c: journeys.mark_key_pain(
        s,
        touchpoint_id=c.touchpoints[0].id,
        expected_version=c.touchpoints[0].version,
        key=not c.touchpoints[0].is_key_pain,
    ),
    journeys.carry_key_pain: lambda s, c: journeys.carry_key_pain(
        s, touchpoint_id=_uncarried_touchpoint(c), canvas_title="Carried"
    ),
    links.add_trace: lambda s, c: links.add_trace(
        s, source=Ref(RefKind.PERSONA, c.personas[0].id), target=Ref(RefKind.EMPATHY_NOTE, c.notes[-1].id)
    ),
    links.remove_trace: lambda s, c: links.remove_trace(
        s,
        source=Ref(c.trace_links[0].source_type, c.trace_links[0].source_id),
        target=Ref(c.trace_links[0].target_type, c.trace_links[0].target_id),
    ),
    links.link_evidence: lambda s, c: links.link_evidence(
        s, evidence_id=c.evidence[-1].id, target=Ref(RefKind.KPI, c.kpis[-1].id)
    ),
    links.unlink_evidence: lambda s, c: links.unlink_evidence(
        s,
        evidence_id=c.evidence_links[0].evidence_id,
        target=Ref(c.evidence_links[0].target_type, c.evidence_links[0].target_id),
    ),
    links.purge_dangling: lambda s, c: (
        s.exec(
            SQLModel.metadata.tables["tracelink"]
            .insert()
            .values(
                workshop_id=c.workshop.id,
                source_type="persona",
                source_id=c.personas[0].id,
                target_type="empathy_note",
                target_id=10**9,
                created_at=c.workshop.created_at,
            )
        ),
        s.commit(),
        links.purge_dangling(s),
    ),
    personas.create_persona: lambda s, c: personas.create_persona(s, workshop_id=c.workshop.id, name="New"),
    personas.update_persona: lambda s, c: personas.update_persona(
        s, persona_id=c.personas[0].id, expected_version=c.personas[0].version, role="Edited"
    ),
    personas.delete_persona: lambda s, c: personas.delete_persona(s, persona_id=c.personas[0].id),
    personas.duplicate_persona: lambda s, c: personas.duplicate_persona(s, persona_id=c.personas[0].id, name="Copy"),
    personas.update_personas: lambda s, c: personas.update_personas(
        s, changes={c.personas[0].id: (c.personas[0].version, {"role": "Edited"})}
    ),
    workshops.update_workshop: lambda s, c: workshops.update_workshop(
        s, workshop_id=c.workshop.id, expected_version=c.workshop.version, goal="Edited"
    ),
    workshops.rename_workshop: lambda s, c: workshops.rename_workshop(
        s, workshop_id=c.workshop.id, title="Renamed", expected_version=c.workshop.version
    ),
    workshops.add_participant: lambda s, c: workshops.add_participant(s, workshop_id=c.workshop.id, name="New"),
    workshops.remove_participant: lambda s, c: workshops.remove_participant(s, participant_id=c.participants[0].id),
    review_links.create_review_link: lambda s, c: _token(s, c),
    review_links.revoke_review_link: lambda s, c: review_links.revoke_review_link(
        s, link_id=review_links.create_review_link(s, workshop_id=c.workshop.id, label="R").link.id
    ),
    review_links.record_review_open: lambda s, c: review_links.record_review_open(s, token=_token(s, c)),
    review_links.set_review_author: lambda s, c: review_links.set_review_author(
        s, token=_token(s, c), author_name="Wei"
    ),
    review_comments.add_review_comment: lambda s, c: review_comments.add_review_comment(
        s, token=_token(s, c), target_type="persona", target_id=c.personas[0].id, text="Why?"
    ),
    review_comments.resolve_comment: lambda s, c: review_comments.resolve_comment(
        s, comment_id=_comment(s, c), reply="Answered"
    ),
    review_comments.reopen_comment: lambda s, c: review_comments.reopen_comment(s, comment_id=_comment(s, c)),
    review_decisions.record_review_decision: lambda s, c: review_decisions.record_review_decision(
        s,
        token=_token(s, c),
        canvas_id=c.canvases[0].id,
        verdict="approve",
        seen_fingerprint=canvas_fingerprint(c, c.canvases[0].id),
    ),
    snapshots.take_snapshot: lambda s, c: snapshots.take_snapshot(s, c.workshop.id, "Before the review", "PMO"),
    kpi_actuals.add_kpi_actual: lambda s, c: kpi_actuals.add_kpi_actual(
        s, kpi_id=c.kpis[0].id, value=70.0, measured_on=c.workshop.held_on, source="HR system"
    ),
    kpi_actuals.delete_kpi_actual: lambda s, c: kpi_actuals.delete_kpi_actual(
        s,
        actual_id=kpi_actuals.add_kpi_actual(s, kpi_id=c.kpis[0].id, value=1.0, measured_on=c.workshop.held_on).id,
    ),
    rhythm.start_review: lambda s, c: rhythm.start_review(s, workshop_id=c.workshop.id, label="H1 review"),
    **LIVE_WRITES,
    **GROUPING_WRITES,
    **PAIN_GROUP_WRITES,
    **SURVEY_WRITES,
}

#: Services that create or delete a whole workshop: the revision of *other* workshops must not move.
WHOLE_WORKSHOP = {
    workshops.create_workshop: lambda s, c: workshops.create_workshop(s, title="Another"),
    workshops.delete_workshop: lambda s, c: workshops.delete_workshop(s, workshop_id=c.workshop.id),
    create_demo_workshop: lambda s, c: create_demo_workshop(s, lang="zh"),
    restore_backup: lambda s, c: restore_backup(s, data=export_json(c)),
    snapshots.restore_snapshot: lambda s, c: snapshots.restore_snapshot(
        s, snapshot_id=snapshots.take_snapshot(s, c.workshop.id, "To restore").id
    ),
}

#: Writes of tables no workshop owns (portfolio links span every workshop): no revision may move.
NO_WORKSHOP = {
    portfolio_links.create_portfolio_link: lambda s, c: portfolio_links.create_portfolio_link(s, label="PMO head"),
    portfolio_links.revoke_portfolio_link: lambda s, c: portfolio_links.revoke_portfolio_link(
        s, link_id=portfolio_links.create_portfolio_link(s, label="To revoke").link.id
    ),
    portfolio_links.record_portfolio_open: lambda s, c: portfolio_links.record_portfolio_open(
        s, token=portfolio_links.create_portfolio_link(s, label="Opened").token
    ),
}


@pytest.fixture
def demo_chain(engine: Engine) -> WorkshopChain:
    with session_scope(engine) as s:
        workshop_id = create_demo_workshop(s).id
    with session_scope(engine) as s:
        return load_chain(s, workshop_id=workshop_id)


def _revision(engine: Engine, workshop_id: int) -> int | None:
    with Session(engine) as s:
        return revision_of(s, workshop_id=workshop_id)


def test_every_write_service_is_exercised_here():
    covered = {qualified_name(f) for f in [*WRITES, *WHOLE_WORKSHOP, *NO_WORKSHOP]}
    assert covered == set(write_services())


def test_every_read_only_name_is_a_real_service():
    assert READ_ONLY <= set(all_services())


def test_every_table_has_an_owner_so_its_writes_reach_a_workshop():
    """Or is declared to belong to no workshop at all (the front door's key and sign-in throttle)."""
    assert set(SQLModel.metadata.tables) <= set(OWNERS) | UNOWNED
    assert UNOWNED == {"facilitatorkey", "signinfailure", "signinlock"}


@pytest.mark.parametrize("service", list(NO_WORKSHOP), ids=qualified_name)
def test_a_write_no_workshop_owns_moves_no_revision(engine, demo_chain, service):
    before = _revision(engine, demo_chain.workshop.id)
    with session_scope(engine) as s:
        NO_WORKSHOP[service](s, demo_chain)
    assert _revision(engine, demo_chain.workshop.id) == before


@pytest.mark.parametrize("service", list(WRITES), ids=qualified_name)
def test_each_write_service_raises_the_revision_by_one_commit(engine, demo_chain, service):
    workshop_id = demo_chain.workshop.id
    before = _revision(engine, workshop_id)

    with session_scope(engine) as s:
        WRITES[service](s, demo_chain)

    after = _revision(engine, workshop_id)
    assert after is not None and after > before


@pytest.mark.parametrize("service", list(WHOLE_WORKSHOP), ids=qualified_name)
def test_creating_or_deleting_a_workshop_leaves_other_workshops_alone(engine, demo_chain, service):
    with session_scope(engine) as s:
        bystander = workshops.create_workshop(s, title="Bystander").id
    before = _revision(engine, bystander)

    with session_scope(engine) as s:
        created = WHOLE_WORKSHOP[service](s, demo_chain)

    assert _revision(engine, bystander) == before
    if service is workshops.delete_workshop:
        assert _revision(engine, demo_chain.workshop.id) is None
    else:
        assert _revision(engine, created.id) is not None


def test_reading_leaves_the_revision_alone(engine, demo_chain):
    workshop_id = demo_chain.workshop.id
    before = _revision(engine, workshop_id)

    with session_scope(engine) as s:
        load_chain(s, workshop_id=workshop_id)
        workshops.list_workshops(s)
        journeys.list_touchpoints(s, journey_id=demo_chain.journeys[0].id)

    assert _revision(engine, workshop_id) == before


def test_a_refused_write_leaves_the_revision_alone(engine, demo_chain):
    workshop_id = demo_chain.workshop.id
    before = _revision(engine, workshop_id)
    note = demo_chain.notes[0]

    with pytest.raises(StaleVersion), session_scope(engine) as s:
        empathy.add_note(s, map_id=note.map_id, quadrant="says", text="written, then rolled back")
        empathy.update_note(s, note_id=note.id, expected_version=note.version + 7, text="stale")

    assert _revision(engine, workshop_id) == before


def test_one_transaction_raises_the_revision_once_and_only_of_the_workshop_written(engine, demo_chain):
    with session_scope(engine) as s:
        other = workshops.create_workshop(s, title="Other").id
    workshop_id = demo_chain.workshop.id
    before, other_before = _revision(engine, workshop_id), _revision(engine, other)

    with session_scope(engine) as s:
        for n in range(5):
            empathy.add_note(s, map_id=demo_chain.maps[0].id, quadrant="says", text=f"Note {n}")

    assert _revision(engine, workshop_id) == before + 1
    assert _revision(engine, other) == other_before
