"""The survey feature's session functions: import a file as evidence, segment it, draft a persona from a segment.

Import is all or nothing: the file is read and checked whole (:mod:`.reading`), the column kinds the
user confirmed are checked against it (one respondent-id column at most, its ids unique), and only
then are the evidence item, its columns and its responses written, in one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import PurePath
from typing import Any

from sqlalchemy import insert as sql_insert
from sqlmodel import Session, select

from pmo_insight.domain.chain import WorkshopChain
from pmo_insight.domain.refs import Ref
from pmo_insight.errors import DomainError, FieldProblem, ValidationFailed
from pmo_insight.i18n import t
from pmo_insight.models import (
    EmpathyMap,
    EmpathyNote,
    Evidence,
    EvidenceKind,
    Persona,
    PersonaCreate,
    Quadrant,
    RefKind,
    Workshop,
    forbidden_character,
)
from pmo_insight.persistence.chain_loader import load_chain
from pmo_insight.services._rows import get_or_raise, insert, validate
from pmo_insight.services.empathy import add_note
from pmo_insight.services.evidence import create_evidence
from pmo_insight.services.links import link_evidence
from pmo_insight.surveys.figures import persona_figures, segment_figure  # noqa: F401 - callers import them here
from pmo_insight.surveys.kinds import ColumnGuess, guess_by_column
from pmo_insight.surveys.models import (
    ColumnKind,
    SurveyColumn,
    SurveyColumnCreate,
    SurveyResponse,
    SurveyResponseCreate,
    SurveySegment,
    SurveySegmentCreate,
    clean_response,
)
from pmo_insight.surveys.profiles import SegmentProfile, segment_survey
from pmo_insight.surveys.reading import Problem, RawTable, SurveyRejected, column_letter, read_survey

#: Words in a question that make its distinguishing answers a frustration rather than a goal.
_PAIN_WORDS = (
    "frustrat",
    "problem",
    "difficult",
    "challenge",
    "pain",
    "worry",
    "concern",
    "barrier",
    "slow",
    "too long",
    "困难",
    "问题",
    "痛点",
    "不满",
    "担心",
    "障碍",
    "麻烦",
    "费时",
    "慢",
)


@dataclass(frozen=True)
class SurveyPreview:
    """A file read and its columns guessed: what the user confirms or corrects before storing."""

    table: RawTable
    columns: tuple[ColumnGuess, ...]


def preview_survey(data: bytes, filename: str, *, sheet: str | None = None) -> SurveyPreview:
    """Read and check a survey file; nothing is stored (raises :class:`SurveyRejected`)."""
    table = read_survey(data, filename, sheet=sheet)
    return SurveyPreview(table, tuple(guess_by_column(table.headers, table.columns)))


def _checked_columns(table: RawTable, columns: Sequence[dict[str, Any] | ColumnGuess]) -> list[dict[str, Any]]:
    if len(columns) != len(table.headers):
        raise SurveyRejected(table.filename, [Problem("survey.problem.columns_changed", row=1)])
    checked = []
    for header, column in zip(table.headers, columns, strict=True):
        given = column if isinstance(column, dict) else {"kind": column.kind, "demographic": column.demographic}
        checked.append(
            validate(
                SurveyColumnCreate,
                {"header": header, "kind": given["kind"], "demographic": bool(given.get("demographic", False))},
            )
        )
    ids = [i for i, c in enumerate(checked) if c["kind"] is ColumnKind.RESPONDENT]
    if len(ids) > 1:
        raise SurveyRejected(
            table.filename,
            [Problem("survey.problem.two_id_columns", row=1, column=ids[1] + 1, header=table.headers[ids[1]])],
        )
    if ids:
        seen: dict[str, int] = {}
        problems = []
        for row, number in zip(table.rows, table.row_numbers, strict=True):
            value = row[ids[0]].strip()
            if not value:
                problems.append(
                    Problem("survey.problem.empty_id", row=number, column=ids[0] + 1, header=table.headers[ids[0]])
                )
            elif value in seen:
                problems.append(
                    Problem(
                        "survey.problem.duplicate_id",
                        row=number,
                        column=ids[0] + 1,
                        header=table.headers[ids[0]],
                        params={"id": value, "first": seen[value]},
                    )
                )
            else:
                seen[value] = number
            if len(problems) >= 20:
                break
        if problems:
            raise SurveyRejected(table.filename, problems)
    return checked


def import_survey(
    session: Session,
    *,
    workshop_id: int,
    data: bytes,
    filename: str,
    sheet: str | None = None,
    columns: Sequence[dict[str, Any]] | None = None,
    source: str | None = None,
    collected_on: date | None = None,
) -> Evidence:
    """Store a survey file as one evidence item (kind survey, sample size = respondents) with its responses.

    ``columns``: the user's kind (and demographic flag) per column, in file order; default as detected.
    """
    get_or_raise(session, Workshop, workshop_id)
    preview = preview_survey(data, filename, sheet=sheet)
    table = preview.table
    checked = _checked_columns(table, columns if columns is not None else preview.columns)
    id_column = next((i for i, c in enumerate(checked) if c["kind"] is ColumnKind.RESPONDENT), None)
    responses = []
    for number, row in enumerate(table.rows, start=1):
        respondent = row[id_column].strip() if id_column is not None else f"#{number}"
        checked_row = clean_response(respondent, row)
        if checked_row is None:
            checked_row = validate(SurveyResponseCreate, {"respondent": respondent, "answers": list(row)})
        responses.append(checked_row)
    name = source or PurePath(filename).stem or filename
    questions = sum(1 for c in checked if c["kind"] not in (ColumnKind.RESPONDENT, ColumnKind.TIMESTAMP))
    evidence = create_evidence(
        session,
        workshop_id=workshop_id,
        kind=EvidenceKind.SURVEY,
        source=name[:200],
        collected_on=collected_on,
        sample_size=len(responses),
        summary=t("survey.summary", "en", respondents=len(responses), questions=questions, file=filename[:120]),
    )
    session.add_all(
        SurveyColumn(**column, evidence_id=evidence.id, position=position) for position, column in enumerate(checked)
    )
    session.flush()
    session.execute(
        sql_insert(SurveyResponse.__table__),
        [{**r, "evidence_id": evidence.id, "position": p} for p, r in enumerate(responses)],
    )
    return evidence


#: The one column an interview is stored under: its paragraphs, one row each.
INTERVIEW_COLUMN = "paragraph"


def import_interview(
    session: Session,
    *,
    workshop_id: int,
    interviewee: str,
    held_on: date | None = None,
    text: str | None = None,
    data: bytes | None = None,
    filename: str = "",
) -> Evidence:
    """One interview (pasted ``text`` or a .txt/.md/.docx file) as evidence of kind interview.

    Each paragraph is stored as a quote (row ``¶1``, ``¶2``…) that can be carried onto an empathy map.
    """
    from pmo_insight.surveys.interviews import paragraphs_of_text, read_interview

    get_or_raise(session, Workshop, workshop_id)
    name = filename or interviewee
    paragraphs = read_interview(data, name) if data is not None else paragraphs_of_text(text or "")
    if not paragraphs:
        raise SurveyRejected(name, [Problem("survey.problem.empty_file")])
    problems = []
    for number, paragraph in enumerate(paragraphs, start=1):
        char = forbidden_character(paragraph)
        if char is not None:
            problems.append(Problem("survey.problem.control_character", row=number, params={"char": char}))
    if problems:
        raise SurveyRejected(name, problems[:20])
    rows = [
        validate(SurveyResponseCreate, {"respondent": f"¶{n}", "answers": [p]}) for n, p in enumerate(paragraphs, 1)
    ]
    evidence = create_evidence(
        session,
        workshop_id=workshop_id,
        kind=EvidenceKind.INTERVIEW,
        source=interviewee,
        collected_on=held_on,
        sample_size=1,
        summary=t("survey.interview_summary", "en", paragraphs=len(rows)),
    )
    session.add(SurveyColumn(header=INTERVIEW_COLUMN, kind=ColumnKind.TEXT, evidence_id=evidence.id, position=0))
    session.flush()
    session.execute(
        sql_insert(SurveyResponse.__table__),
        [{**r, "evidence_id": evidence.id, "position": p} for p, r in enumerate(rows)],
    )
    return evidence


def interviews_in(chain: WorkshopChain) -> list[Any]:
    """The workshop's interviews whose notes were brought in (paragraph by paragraph)."""
    held = {c.evidence_id for c in chain.survey_columns}
    return [e for e in chain.evidence if e.id in held and e.kind == EvidenceKind.INTERVIEW]


def interview_quotes(chain: WorkshopChain, evidence_id: int) -> list[tuple[str, str]]:
    """(``¶n``, paragraph) of one interview, from a loaded chain."""
    return [(r.respondent, r.answers[0]) for r in chain.responses() if r.evidence_id == evidence_id]


# --- reading a stored survey ----------------------------------------------------------------


def survey_parts(chain: WorkshopChain, evidence_id: int) -> tuple[Any, list[Any], list[Any]]:
    """The evidence item, its columns and its responses, from a loaded chain."""
    evidence = next((e for e in chain.evidence if e.id == evidence_id), None)
    if evidence is None or evidence.kind not in (EvidenceKind.SURVEY, EvidenceKind.INTERVIEW):
        raise DomainError("survey.not_a_survey", id=evidence_id)
    columns = [c for c in chain.survey_columns if c.evidence_id == evidence_id]
    responses = [r for r in chain.responses() if r.evidence_id == evidence_id]
    if not columns:
        raise DomainError("survey.not_a_survey", id=evidence_id)
    return evidence, columns, responses


def surveys_in(chain: WorkshopChain) -> list[Any]:
    """The workshop's evidence items that hold an imported survey."""
    held = {c.evidence_id for c in chain.survey_columns}
    return [e for e in chain.evidence if e.id in held and e.kind == EvidenceKind.SURVEY]


def segments_of(
    chain: WorkshopChain, *, evidence_id: int, questions: Sequence[str] | None = None
) -> list[SegmentProfile]:
    """The survey's segments (pure over a loaded chain)."""
    _evidence, columns, responses = survey_parts(chain, evidence_id)
    return segment_survey(columns, responses, questions=questions)


def workshop_of_evidence(session: Session, *, evidence_id: int) -> int:
    return get_or_raise(session, Evidence, evidence_id).workshop_id


def survey_segments(
    session: Session, *, evidence_id: int, questions: Sequence[str] | None = None
) -> list[SegmentProfile]:
    """Segment a stored survey (read only)."""
    chain = load_chain(session, workshop_id=workshop_of_evidence(session, evidence_id=evidence_id))
    return segments_of(chain, evidence_id=evidence_id, questions=questions)


# --- personas from segments -----------------------------------------------------------------


def persona_fields(profile: SegmentProfile, lang: str = "en") -> dict[str, Any]:
    """A persona draft's fields from a segment: goals and frustrations from its distinguishing answers."""
    goals, pains = [], []
    for distinction in profile.distinguishing:
        if distinction.segment_share < distinction.overall_share:
            continue
        text = distinction.text(lang)[:200]
        is_pain = any(w in distinction.question.lower() for w in _PAIN_WORDS) or distinction.answer == "disagree"
        (pains if is_pain else goals).append(text)
    figure = t("survey.n_of", lang, n=profile.size, total=profile.total, share=round(profile.share * 100))
    background = t("survey.persona_background", lang, label=profile.label, figure=figure)
    return {
        "name": t("survey.persona_name", lang, label=profile.label)[:120],
        "background": background,
        "goals": goals,
        "pain_points": pains,
        "quote": profile.quotes[0][1][:2000] if profile.quotes else "",
    }


def draft_persona(
    session: Session,
    *,
    evidence_id: int,
    label: str,
    questions: Sequence[str] | None = None,
    lang: str = "en",
) -> Persona:
    """Create a persona from one segment, backed by the survey, with the segment's figures kept beside it."""
    evidence = get_or_raise(session, Evidence, evidence_id)
    profiles = survey_segments(session, evidence_id=evidence_id, questions=questions)
    profile = next((p for p in profiles if p.label == label), None)
    if profile is None:
        raise DomainError("survey.no_segment", label=label, labels=", ".join(p.label for p in profiles))
    persona = insert(session, Persona, PersonaCreate, persona_fields(profile, lang), workshop_id=evidence.workshop_id)
    link_evidence(session, evidence_id=evidence_id, target=Ref(RefKind.PERSONA, persona.id))
    segment = {
        "label": profile.label,
        "size": profile.size,
        "total": profile.total,
        "stable": profile.stable,
        "respondents": list(profile.respondents),
        "distinguishing": [d.text(lang)[:200] for d in profile.distinguishing],
    }
    insert(session, SurveySegment, SurveySegmentCreate, segment, evidence_id=evidence_id, persona_id=persona.id)
    return persona


#: The quadrants a survey quote may be carried to (what people say, think and feel, their pains and gains).
QUOTE_QUADRANTS = (Quadrant.SAYS, Quadrant.THINKS, Quadrant.FEELS, Quadrant.PAINS, Quadrant.GAINS)


def carry_quote(
    session: Session, *, evidence_id: int, map_id: int, respondent: str, quadrant: Quadrant | str
) -> EmpathyNote:
    """A respondent's verbatim answer onto an empathy map as a note, linked to the survey as its evidence.

    The text is the stored answer itself (never retyped), the note's author the respondent id.
    """
    evidence = get_or_raise(session, Evidence, evidence_id)
    board = get_or_raise(session, EmpathyMap, map_id)
    if board.workshop_id != evidence.workshop_id:
        raise ValidationFailed([FieldProblem("map_id", "error.other_workshop")])
    if Quadrant(quadrant) not in QUOTE_QUADRANTS:
        raise ValidationFailed([FieldProblem("quadrant", "error.invalid_choice")])
    chain = load_chain(session, workshop_id=evidence.workshop_id)
    _evidence, columns, responses = survey_parts(chain, evidence_id)
    row = next((r for r in responses if r.respondent == respondent), None)
    if row is None:
        raise DomainError("survey.no_respondent", respondent=respondent)
    texts = [row.answers[i].strip() for i, c in enumerate(columns) if c.kind is ColumnKind.TEXT and not c.demographic]
    text = next((t_ for t_ in texts if t_), "")
    if not text:
        raise DomainError("survey.no_quote", respondent=respondent)
    author = respondent if evidence.kind == EvidenceKind.SURVEY else f"{evidence.source} {respondent}"
    note = add_note(session, map_id=map_id, quadrant=Quadrant(quadrant), text=text[:2000], author=author[:120])
    link_evidence(session, evidence_id=evidence_id, target=Ref(RefKind.EMPATHY_NOTE, note.id))
    return note


def list_survey_columns(session: Session, *, evidence_id: int) -> list[SurveyColumn]:
    return list(
        session.exec(
            select(SurveyColumn).where(SurveyColumn.evidence_id == evidence_id).order_by(SurveyColumn.position)
        ).all()
    )


def problem_lines(error: SurveyRejected, lang: str) -> list[str]:
    """Each problem of a refused file as a sentence naming the file, row and column."""
    lines = []
    for problem in error.problems:
        where = [t("survey.where.file", lang, file=error.filename)]
        if problem.row is not None:
            where.append(t("survey.where.row", lang, row=problem.row))
        if problem.column is not None:
            where.append(
                t("survey.where.column", lang, column=column_letter(problem.column), header=problem.header or "—")
            )
        lines.append(", ".join(where) + ": " + t(problem.key, lang, **problem.params))
    return lines
