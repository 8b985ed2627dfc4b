"""Builds synthetic workshops of any size through the real services, for tests and benchmarks."""

from __future__ import annotations

from sqlmodel import Session

from pmo_insight.domain.refs import Ref
from pmo_insight.models import ItemKind, RefKind, Workshop
from pmo_insight.services import canvases, empathy, evidence, journeys, links, personas, workshops


def build_workshop(
    session: Session,
    *,
    personas_count: int = 1,
    notes_per_map: int = 4,
    stages_per_journey: int = 3,
    touchpoints_per_stage: int = 2,
    pains_per_canvas: int = 2,
) -> Workshop:
    """One workshop whose every persona has a map, a journey and a canvas, linked end to end."""
    ws = workshops.create_workshop(session, title="Synthetic workshop", organisation="Test Co")
    workshops.add_participant(session, workshop_id=ws.id, name="Facilitator", department="PMO")
    source = evidence.create_evidence(session, workshop_id=ws.id, kind="interview", source="Interviews", sample_size=12)
    for p in range(personas_count):
        persona = personas.create_persona(
            session, workshop_id=ws.id, name=f"Persona {p}", role="Project manager", goals=["deliver on time"]
        )
        links.link_evidence(session, evidence_id=source.id, target=Ref(RefKind.PERSONA, persona.id))
        emap = empathy.create_map(session, persona_id=persona.id, scenario="Weekly status meeting")
        quadrants = ["says", "thinks", "does", "feels", "pains", "gains"]
        notes = [
            empathy.add_note(session, map_id=emap.id, quadrant=quadrants[n % 6], text=f"Note {n}", votes=n % 4)
            for n in range(notes_per_map)
        ]
        journey = journeys.create_journey(
            session,
            persona_id=persona.id,
            scenario="Onboarding",
            stage_names=[f"Stage {s}" for s in range(stages_per_journey)],
        )
        touchpoints = []
        for stage in journeys.list_stages(session, journey_id=journey.id):
            for t in range(touchpoints_per_stage):
                touchpoints.append(
                    journeys.add_touchpoint(
                        session, stage_id=stage.id, name=f"{stage.name} step {t}", pain_point="slow", emotion_now=-1
                    )
                )
        canvas = canvases.create_canvas(session, persona_id=persona.id, title="Canvas", journey_id=journey.id)
        reliever = canvases.add_item(session, canvas_id=canvas.id, kind=ItemKind.RELIEVER, text="Self-service")
        for c in range(pains_per_canvas):
            pain = canvases.add_item(session, canvas_id=canvas.id, kind=ItemKind.PAIN, text=f"Pain {c}", rank=4)
            canvases.link_fit(session, value_item_id=reliever.id, customer_item_id=pain.id)
            if c < len(touchpoints):
                links.add_trace(
                    session, source=Ref(RefKind.TOUCHPOINT, touchpoints[c].id), target=Ref(RefKind.CANVAS_ITEM, pain.id)
                )
            if notes and c < len(notes):
                links.add_trace(
                    session,
                    source=Ref(RefKind.EMPATHY_NOTE, notes[c].id),
                    target=Ref(RefKind.TOUCHPOINT, touchpoints[c].id),
                )
        canvases.add_kpi(
            session, canvas_id=canvas.id, name="Lead time", baseline=10, target=8, unit="days", proves=[reliever.id]
        )
    session.flush()
    return ws
