"""Evidence attached to personas and notes: the difference between an insight and an assumption."""

from __future__ import annotations

from datetime import date

import pytest

from pmo_insight.domain.refs import Ref
from pmo_insight.errors import ValidationFailed
from pmo_insight.models import RefKind
from pmo_insight.persistence.chain_loader import load_chain
from pmo_insight.services import empathy, evidence, personas, workshops


@pytest.fixture
def persona(session):
    ws = workshops.create_workshop(session, title="Workshop")
    return personas.create_persona(session, workshop_id=ws.id, name="COO")


def test_new_evidence_is_recorded_in_the_targets_workshop_and_attached(session, persona):
    target = Ref(RefKind.PERSONA, persona.id)

    created = evidence.attach_new_evidence(
        session, target=target, kind="survey", source="PM survey", collected_on=date(2026, 10, 1), sample_size=146
    )

    assert created.workshop_id == persona.workshop_id
    assert [e.id for e in evidence.evidence_for(session, target=target)] == [created.id]


def test_new_evidence_without_a_source_is_refused_and_nothing_is_attached(session, persona):
    target = Ref(RefKind.PERSONA, persona.id)

    with pytest.raises(ValidationFailed) as refused:
        evidence.attach_new_evidence(session, target=target, kind="survey", source="")

    assert [p.field for p in refused.value.problems] == ["source"]
    assert evidence.evidence_for(session, target=target) == []


def test_detaching_keeps_the_evidence_item_for_other_claims(session, persona):
    emap = empathy.create_map(session, persona_id=persona.id, scenario="PMO decision")
    note = empathy.add_note(session, map_id=emap.id, quadrant="says", text="Cost?")
    target = Ref(RefKind.EMPATHY_NOTE, note.id)
    item = evidence.attach_new_evidence(session, target=target, kind="interview", source="Exec interviews")

    evidence.detach_evidence(session, target=target, evidence_id=item.id)

    assert evidence.evidence_for(session, target=target) == []
    assert [e.id for e in evidence.list_evidence(session, workshop_id=persona.workshop_id)] == [item.id]


def test_evidence_of_another_workshop_cannot_be_attached(session, persona):
    other = workshops.create_workshop(session, title="Other")
    foreign = evidence.create_evidence(session, workshop_id=other.id, kind="document", source="Policy")

    with pytest.raises(ValidationFailed):
        evidence.attach_evidence(session, target=Ref(RefKind.PERSONA, persona.id), evidence_id=foreign.id)


def test_counts_and_lists_come_from_the_loaded_chain(session, persona):
    target = Ref(RefKind.PERSONA, persona.id)
    first = evidence.attach_new_evidence(session, target=target, kind="interview", source="A")
    second = evidence.attach_new_evidence(session, target=target, kind="survey", source="B")
    evidence.create_evidence(session, workshop_id=persona.workshop_id, kind="document", source="Unused")
    chain = load_chain(session, workshop_id=persona.workshop_id)

    assert evidence.evidence_counts(chain)[target] == 2
    assert evidence.evidence_counts(chain)[Ref(RefKind.PERSONA, 999)] == 0
    assert [e.id for e in evidence.evidence_in_chain(chain, target)] == [first.id, second.id]
