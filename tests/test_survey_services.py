"""Surveys in the workshop: import as one evidence item, segments with planted groups recovered, persona drafts.

On the run's database (SQLite or PostgreSQL). Quality is measured on hand-made data with three
planted segments (tests/survey_files.py): at noise 0.2 the segments are recovered with an adjusted
Rand index of 0.963 (measured, both languages), asserted at ≥ 0.90.
"""

from __future__ import annotations

import json

import pytest
from sklearn.metrics import adjusted_rand_score
from sqlalchemy import func, select
from sqlmodel import Session

from pmo_insight.cli import main
from pmo_insight.domain.backup_format import SCHEMA_MINOR, export_json
from pmo_insight.domain.documents import chain_from_document, document_of
from pmo_insight.domain.refs import Ref
from pmo_insight.errors import DomainError
from pmo_insight.models import Evidence, EvidenceKind, Persona, RefKind, Workshop
from pmo_insight.persistence.chain_loader import load_chain
from pmo_insight.persistence.db import make_engine
from pmo_insight.persistence.restore import restore_backup
from pmo_insight.surveys.models import ColumnKind, SurveyColumn, SurveyResponse, SurveySegment
from pmo_insight.surveys.profiles import segment_survey
from pmo_insight.surveys.reading import SurveyRejected
from pmo_insight.surveys.services import (
    carry_quote,
    draft_persona,
    import_survey,
    persona_figures,
    preview_survey,
    segment_figure,
    segments_of,
    survey_segments,
)
from tests.survey_files import csv_bytes, planted_rows, xlsx_bytes


def _workshop(session: Session) -> int:
    workshop = Workshop(title="Survey workshop", language="en")
    session.add(workshop)
    session.commit()
    return workshop.id


def _counts(session: Session) -> tuple[int, ...]:
    return tuple(session.scalar(select(func.count()).select_from(m)) for m in (Evidence, SurveyColumn, SurveyResponse))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_survey_becomes_one_evidence_item_with_its_responses(session, lang):
    workshop_id = _workshop(session)
    headers, rows, _ = planted_rows(lang)
    data = csv_bytes(headers, rows, "gb18030") if lang == "zh" else xlsx_bytes(headers, rows)

    evidence = import_survey(
        session, workshop_id=workshop_id, data=data, filename=f"answers.{'csv' if lang == 'zh' else 'xlsx'}"
    )
    session.commit()
    chain = load_chain(session, workshop_id=workshop_id)

    assert evidence.kind is EvidenceKind.SURVEY and evidence.sample_size == 150
    assert [c.header for c in chain.survey_columns] == headers
    assert [r.respondent for r in chain.survey_responses][:2] == [rows[0][0], rows[1][0]]
    assert list(chain.survey_responses[0].answers) == rows[0]


def test_the_user_corrects_a_kind_before_anything_is_stored(session):
    workshop_id = _workshop(session)
    headers, rows, _ = planted_rows("en")
    preview = preview_survey(csv_bytes(headers, rows), "a.csv")
    columns = [
        {
            "kind": ColumnKind.TEXT if g.header == "Main channel" else g.kind,
            "demographic": g.demographic or g.header == "Main channel",
        }
        for g in preview.columns
    ]
    import_survey(session, workshop_id=workshop_id, data=csv_bytes(headers, rows), filename="a.csv", columns=columns)
    stored = {c.header: (c.kind, c.demographic) for c in load_chain(session, workshop_id=workshop_id).survey_columns}

    assert stored["Main channel"] == (ColumnKind.TEXT, True)
    assert stored["Department"] == (ColumnKind.SINGLE, True)


def test_duplicate_respondent_ids_are_refused_by_row_and_nothing_is_stored(session):
    workshop_id = _workshop(session)
    headers, rows, _ = planted_rows("en", sizes=(20, 10, 10))
    rows[5][0] = rows[2][0]
    before = _counts(session)

    with pytest.raises(SurveyRejected) as refused:
        import_survey(session, workshop_id=workshop_id, data=csv_bytes(headers, rows), filename="dup.csv")
    session.rollback()

    problem = refused.value.problems[0]
    assert (problem.key, problem.row, problem.column, problem.params["first"]) == (
        "survey.problem.duplicate_id",
        7,
        1,
        4,
    )
    assert _counts(session) == before


def test_a_bad_file_changes_nothing(session):
    workshop_id = _workshop(session)
    before = _counts(session)

    with pytest.raises(SurveyRejected):
        import_survey(session, workshop_id=workshop_id, data=b"ID,Q1\r\nR1,a\x00\r\n", filename="nul.csv")
    session.rollback()

    assert _counts(session) == before


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_planted_segments_are_recovered_and_demographics_never_form_them(session, lang):
    workshop_id = _workshop(session)
    headers, rows, truth = planted_rows(lang, noise=0.2)
    evidence = import_survey(session, workshop_id=workshop_id, data=csv_bytes(headers, rows), filename="s.csv")
    profiles = segments_of(load_chain(session, workshop_id=workshop_id), evidence_id=evidence.id)

    label_of = {r: p.label for p in profiles for r in p.respondents}
    ari = adjusted_rand_score(truth, [label_of[row[0]] for row in rows])
    assert ari >= 0.90  # measured 0.963
    assert [p.label for p in profiles] == ["A", "B", "C"] and all(p.stable for p in profiles)
    assert sum(p.size for p in profiles) == 150
    for profile in profiles:
        assert 3 <= len(profile.distinguishing) <= 5
        assert not any(d.question in headers[2:4] for d in profile.distinguishing)
        assert set(profile.demographics) == set(headers[2:4])
        assert 2 <= len(profile.quotes) <= 3
        members = set(profile.respondents)
        texts = {row[0]: row[-1] for row in rows}
        assert all(r in members and texts[r] == q for r, q in profile.quotes)


def test_noise_without_structure_is_marked_pattern_not_persona():
    import random
    from types import SimpleNamespace as Row

    rng = random.Random(3)
    columns = [Row(header=f"Q{i}", kind=ColumnKind.LIKERT, demographic=False) for i in range(6)]
    responses = [Row(respondent=f"R{n}", answers=[str(rng.randint(1, 5)) for _ in range(6)]) for n in range(200)]

    profiles = segment_survey(columns, responses)

    assert not all(p.stable for p in profiles)


def test_a_survey_larger_than_the_stability_sample_keeps_its_planted_segments_and_its_noise_unstable():
    """3,000 respondents: stability is judged on a subsample of 1,500, the final labels on everyone."""
    import random
    from types import SimpleNamespace as Row

    from pmo_insight.surveys.kinds import guess_columns

    headers, rows, truth = planted_rows("en", sizes=(1500, 1000, 500), noise=0.3)
    columns = guess_columns(headers, rows)
    profiles = segment_survey(columns, [Row(respondent=r[0], answers=r) for r in rows])

    label_of = {r: p.label for p in profiles for r in p.respondents}
    assert adjusted_rand_score(truth, [label_of[row[0]] for row in rows]) >= 0.80  # measured 0.828
    assert len(profiles) == 3 and all(p.stable for p in profiles)
    assert sum(p.size for p in profiles) == 3000

    rng = random.Random(3)
    likert = [Row(header=f"Q{i}", kind=ColumnKind.LIKERT, demographic=False) for i in range(8)]
    noise = [Row(respondent=f"R{n}", answers=[str(rng.randint(1, 5)) for _ in range(8)]) for n in range(3000)]
    assert not any(p.stable for p in segment_survey(likert, noise))  # measured stability 0.46–0.57


def test_below_thirty_respondents_it_does_not_segment_and_says_why(session):
    workshop_id = _workshop(session)
    headers, rows, _ = planted_rows("en", sizes=(10, 10, 9))
    evidence = import_survey(session, workshop_id=workshop_id, data=csv_bytes(headers, rows), filename="s.csv")

    with pytest.raises(DomainError) as refused:
        survey_segments(session, evidence_id=evidence.id)

    assert refused.value.key == "survey.refused.too_few" and refused.value.params == {"count": 29, "min": 30}


def test_a_persona_drafted_from_a_segment_carries_its_figures_in_the_chain_and_the_backup(session, new_database):
    workshop_id = _workshop(session)
    headers, rows, _ = planted_rows("en")
    evidence = import_survey(session, workshop_id=workshop_id, data=csv_bytes(headers, rows), filename="s.csv")
    profiles = survey_segments(session, evidence_id=evidence.id)

    persona = draft_persona(session, evidence_id=evidence.id, label="B")
    session.commit()
    chain = load_chain(session, workshop_id=workshop_id)
    segment = persona_figures(chain)[persona.id]

    b = profiles[1]
    assert (segment.size, segment.total) == (b.size, 150)
    assert segment_figure(segment, "en") == f"n = {b.size} of 150 ({round(b.size * 100 / 150)}%)"
    assert chain.has_evidence(Ref(RefKind.PERSONA, persona.id))
    assert persona.goals or persona.pain_points
    assert persona.quote in {q for _, q in b.quotes}

    data = export_json(chain)
    document = json.loads(data)
    assert document["schema_minor"] == SCHEMA_MINOR and len(document["survey_responses"]) == 150
    assert chain_from_document(document).survey_segments[0].size == b.size
    restored = restore_backup(session, data=data)
    session.commit()
    again = load_chain(session, workshop_id=restored.id)
    assert document_of(again)["survey_responses"] == document["survey_responses"]
    assert persona_figures(again)[again.personas[0].id].size == b.size


def test_a_backup_of_an_older_minor_without_survey_sections_still_restores(session):
    workshop_id = _workshop(session)
    document = json.loads(export_json(load_chain(session, workshop_id=workshop_id)))
    for key in ("survey_columns", "survey_responses", "survey_segments"):
        document.pop(key)
    document["schema_minor"] = 2

    restored = restore_backup(session, data=json.dumps(document).encode())

    assert restored.id != workshop_id


def test_cli_contract(new_database, tmp_path, capsys):
    db = new_database()
    assert main(["--db", db, "demo"]) == 0
    workshop_id = int(capsys.readouterr().out.strip().splitlines()[-1])
    headers, rows, _ = planted_rows("zh")
    path = tmp_path / "问卷.csv"
    path.write_bytes(csv_bytes(headers, rows, "gb18030"))

    assert main(["--db", db, "survey", "import", str(workshop_id), str(path), "--json"]) == 0
    imported = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert imported["respondents"] == 150 and imported["columns"]["12、使用的工具"] == "multiple"
    evidence_id = imported["evidence_id"]

    assert main(["--db", db, "survey", "segments", str(evidence_id), "--json"]) == 0
    segments = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert [s["label"] for s in segments] == ["A", "B", "C"]
    assert set(segments[0]) == {"label", "size", "share", "stable", "distinguishing", "quotes", "respondents"}
    assert set(segments[0]["quotes"][0]) == {"respondent", "text"}
    assert len(segments[0]["respondents"]) == segments[0]["size"]

    assert main(["--db", db, "survey", "persona", str(evidence_id), "A"]) == 0
    persona_id = int(capsys.readouterr().out.strip().splitlines()[-1])
    with Session(make_engine(db)) as s:
        assert s.get(Persona, persona_id).workshop_id == workshop_id
        assert s.scalar(select(SurveySegment.size).where(SurveySegment.persona_id == persona_id)) == segments[0]["size"]

    bad = tmp_path / "bad.csv"
    bad.write_bytes(("ID,Q1\r\n" + "".join(f"R{n},a\r\n" for n in (*range(1, 10), 3))).encode())
    assert main(["--db", db, "survey", "import", str(workshop_id), str(bad)]) == 2
    assert (
        "bad.csv, row 11, column A (“ID”): the respondent id “R3” was already used on row 4" in capsys.readouterr().err
    )


def test_a_quote_is_carried_onto_an_empathy_map_linked_to_the_survey_and_the_respondent(session):
    from pmo_insight.services import empathy, personas

    workshop_id = _workshop(session)
    headers, rows, _ = planted_rows("zh")
    evidence = import_survey(session, workshop_id=workshop_id, data=csv_bytes(headers, rows), filename="s.csv")
    persona = personas.create_persona(session, workshop_id=workshop_id, name="小李")
    board = empathy.create_map(session, persona_id=persona.id, scenario="周报")
    respondent, text = survey_segments(session, evidence_id=evidence.id)[0].quotes[0]

    note = carry_quote(session, evidence_id=evidence.id, map_id=board.id, respondent=respondent, quadrant="pains")
    chain = load_chain(session, workshop_id=workshop_id)

    assert (note.text, note.author, note.quadrant) == (text, respondent, "pains")
    assert chain.has_evidence(Ref(RefKind.EMPATHY_NOTE, note.id))
    silent = next(r[0] for r in rows if not r[-1])
    with pytest.raises(DomainError) as refused:
        carry_quote(session, evidence_id=evidence.id, map_id=board.id, respondent=silent, quadrant="says")
    assert refused.value.key == "survey.no_quote"
