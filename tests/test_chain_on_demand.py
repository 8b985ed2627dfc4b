"""Survey answers are loaded on demand: screens get the chain without them (one statement less, no
20,000 rows of JSON), while segmentation, the evidence screen, snapshots and backups still get them,
and a chain without them refuses to become a backup rather than write one without its answers."""

from __future__ import annotations

import dataclasses
import json

import pytest
from sqlmodel import Session

from pmo_insight.domain.backup_format import export_json
from pmo_insight.domain.chain import ON_DEMAND, NotLoaded, WorkshopChain
from pmo_insight.iterate.diff import workshop_diff
from pmo_insight.iterate.snapshots import take_snapshot
from pmo_insight.persistence.chain_loader import load_chain, load_survey_responses
from pmo_insight.persistence.db import session_scope
from pmo_insight.services.chain_cache import CHAINS, FULL_CHAINS, cached_chain
from pmo_insight.services.workshops import create_workshop
from pmo_insight.surveys.services import import_survey, segments_of, survey_parts
from tests.apptest import counting_statements
from tests.survey_files import csv_bytes, planted_rows


@pytest.fixture
def survey(engine) -> tuple[int, int]:
    CHAINS.clear()
    FULL_CHAINS.clear()
    headers, rows, _ = planted_rows("en")
    with session_scope(engine) as s:
        workshop = create_workshop(s, title="Survey")
        evidence = import_survey(s, workshop_id=workshop.id, data=csv_bytes(headers, rows), filename="s.csv")
        return workshop.id, evidence.id


def _count(engine, load) -> tuple[int, WorkshopChain]:
    with Session(engine) as s, counting_statements(engine) as statements:
        chain = load(s)
    return len(statements), chain


def test_a_chain_without_responses_costs_one_statement_less_and_holds_everything_else(engine, survey):
    workshop_id, _ = survey
    tables = [f.name for f in dataclasses.fields(WorkshopChain) if not f.name.startswith("_")]

    full_count, full = _count(engine, lambda s: load_chain(s, workshop_id=workshop_id))
    light_count, light = _count(engine, lambda s: load_chain(s, workshop_id=workshop_id, responses=False))

    assert ON_DEMAND == ("survey_responses",)
    assert (full_count, light_count) == (len(tables), len(tables) - 1)
    assert light.survey_responses is None and len(full.survey_responses) == 150
    assert light.survey_columns == full.survey_columns and light.evidence == full.evidence
    with Session(engine) as s:
        assert load_survey_responses(s, workshop_id=workshop_id) == full.survey_responses
    assert light.with_responses(full.survey_responses).survey_responses == full.survey_responses


def test_a_chain_without_responses_refuses_to_become_a_backup_or_a_segmentation(engine, survey):
    workshop_id, evidence_id = survey
    with Session(engine) as s:
        light = load_chain(s, workshop_id=workshop_id, responses=False)

    with pytest.raises(NotLoaded):
        export_json(light)
    with pytest.raises(NotLoaded):
        survey_parts(light, evidence_id)


def test_the_cache_serves_screens_the_light_chain_and_adds_the_answers_with_one_statement(engine, survey):
    workshop_id, evidence_id = survey
    light_count, light = _count(engine, lambda s: cached_chain(s, workshop_id=workshop_id))
    full_count, full = _count(engine, lambda s: cached_chain(s, workshop_id=workshop_id, responses=True))
    again_count, again = _count(engine, lambda s: cached_chain(s, workshop_id=workshop_id, responses=True))
    light_again_count, light_again = _count(engine, lambda s: cached_chain(s, workshop_id=workshop_id))

    assert light.survey_responses is None and len(full.survey_responses) == 150
    assert full_count == 2  # the revision, then the answers added to the cached light chain
    assert (again_count, light_again_count) == (1, 1) and again is full and light_again is light
    assert segments_of(full, evidence_id=evidence_id)
    assert light_count > full_count


def test_snapshots_and_the_diff_against_now_still_hold_the_answers(engine, survey):
    workshop_id, _ = survey
    with session_scope(engine) as s:
        snapshot = take_snapshot(s, workshop_id=workshop_id, label="Before")
        snapshot_id = snapshot.id
        document = json.loads(snapshot.document)
    assert len(document["survey_responses"]) == 150

    with Session(engine) as s:
        light = cached_chain(s, workshop_id=workshop_id)
        diff = workshop_diff(s, workshop_id=workshop_id, base_id=snapshot_id, chain=light)
    # the screen's light chain is completed for the diff: no answer reads as removed
    assert set(diff.counts.values()) == {0}, diff.counts
