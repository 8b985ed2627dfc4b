"""Persona services the persona screen needs beyond CRUD: duplicate, list fields, table edits."""

from __future__ import annotations

import pytest

from pmo_insight.domain.refs import Ref
from pmo_insight.errors import StaleVersion, ValidationFailed
from pmo_insight.models import RefKind
from pmo_insight.persistence.chain_loader import load_chain
from pmo_insight.services import evidence, personas, workshops


@pytest.fixture
def workshop(session):
    return workshops.create_workshop(session, title="Workshop")


@pytest.fixture
def xiaoli(session, workshop):
    persona = personas.create_persona(
        session,
        workshop_id=workshop.id,
        name="Xiao Li",
        role="Project manager",
        stakeholder_type="project_manager",
        avatar="👨‍💻",
        goals=["Deliver on time", "Grow"],
        pain_points=["Resource coordination"],
        quote="I negotiate more than I manage.",
        influence=2,
        interest=5,
    )
    interviews = evidence.create_evidence(session, workshop_id=workshop.id, kind="interview", source="12 interviews")
    evidence.attach_evidence(session, target=Ref(RefKind.PERSONA, persona.id), evidence_id=interviews.id)
    return persona


def test_a_duplicate_copies_every_field_under_the_new_name_but_not_the_evidence(session, xiaoli):
    copy = personas.duplicate_persona(session, persona_id=xiaoli.id, name="Xiao Li (copy)")

    assert copy.id != xiaoli.id and copy.name == "Xiao Li (copy)"
    for field in ("role", "stakeholder_type", "avatar", "goals", "pain_points", "quote", "influence", "interest"):
        assert getattr(copy, field) == getattr(xiaoli, field), field
    chain = load_chain(session, workshop_id=xiaoli.workshop_id)
    assert chain.has_evidence(Ref(RefKind.PERSONA, xiaoli.id))
    assert not chain.has_evidence(Ref(RefKind.PERSONA, copy.id))


def test_editing_a_duplicates_goals_leaves_the_original_alone(session, xiaoli):
    copy = personas.duplicate_persona(session, persona_id=xiaoli.id, name="Copy")

    personas.update_persona(session, persona_id=copy.id, expected_version=copy.version, goals=["Other"])

    assert personas.get_persona(session, persona_id=xiaoli.id).goals == ["Deliver on time", "Grow"]


def test_a_duplicate_with_an_empty_name_is_refused(session, xiaoli):
    with pytest.raises(ValidationFailed) as refused:
        personas.duplicate_persona(session, persona_id=xiaoli.id, name="  ")

    assert [p.field for p in refused.value.problems] == ["name"]


def test_a_multi_line_box_becomes_one_entry_per_non_blank_line():
    assert personas.split_lines("  Ship on time \n\n领导关注 😀\r\n   \n") == ["Ship on time", "领导关注 😀"]
    assert personas.split_lines("") == []


def test_table_changes_lists_only_the_cells_that_differ_by_persona():
    before = [
        {"id": 1, "name": "A", "role": "PM", "influence": 2, "interest": 3},
        {"id": 2, "name": "B", "role": "CFO", "influence": 5, "interest": 2},
    ]
    after = [
        {"id": 1, "name": "A", "role": "PM", "influence": 2, "interest": 3},
        {"id": 2, "name": "B", "role": "Finance director", "influence": 4, "interest": 2},
    ]

    assert personas.table_changes(before, after) == {2: {"role": "Finance director", "influence": 4}}


def test_saving_a_table_is_all_or_nothing_when_one_row_is_stale(session, workshop, xiaoli):
    other = personas.create_persona(session, workshop_id=workshop.id, name="COO", influence=5)
    personas.update_persona(session, persona_id=other.id, expected_version=1, role="changed elsewhere")
    session.commit()

    with pytest.raises(StaleVersion):
        personas.update_personas(session, changes={xiaoli.id: (1, {"interest": 4}), other.id: (1, {"role": "mine"})})
    session.rollback()

    assert personas.get_persona(session, persona_id=xiaoli.id).interest == 5
    assert personas.get_persona(session, persona_id=other.id).role == "changed elsewhere"


def test_saving_a_table_with_an_out_of_range_score_names_the_field(session, xiaoli):
    with pytest.raises(ValidationFailed) as refused:
        personas.update_personas(session, changes={xiaoli.id: (1, {"influence": 9})})

    assert [(p.field, p.key) for p in refused.value.problems] == [("influence", "error.too_large")]
