"""Loading a workshop's whole chain from the database in a fixed number of statements.

Screens, exports and health checks all need the chain at once; loading it table by table
(one SELECT per table, filtered by workshop) keeps a page rerun at the same cost for a
workshop of ten items or ten thousand, where lazy loading would issue a query per item.
The records and the chain itself are the domain's (:mod:`pmo_insight.domain.chain`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import JSON, String, select, type_coerce
from sqlalchemy.engine import Dialect
from sqlmodel import Session, SQLModel

from pmo_insight.domain.chain import WorkshopChain, _frozen, _is_timestamp, record_type
from pmo_insight.errors import NotFound
from pmo_insight.grouping.models import NoteGroup, NoteGroupMember
from pmo_insight.grouping.pains.models import PainGroup, PainGroupMember
from pmo_insight.live.models import DotVote, LiveParticipant, LiveSession
from pmo_insight.models import (
    CanvasItem,
    EmpathyMap,
    EmpathyNote,
    Evidence,
    EvidenceLink,
    FitLink,
    Journey,
    JourneyStage,
    Kpi,
    KpiActual,
    KpiLink,
    Participant,
    Persona,
    Touchpoint,
    TraceLink,
    ValueCanvas,
    Workshop,
)
from pmo_insight.review.models import ReviewComment, ReviewDecision
from pmo_insight.surveys.models import SurveyColumn, SurveyResponse, SurveySegment


def _selected(model: type[SQLModel]) -> list[Any]:
    """The columns a record is built from, timestamps as the database's raw value."""
    return [
        type_coerce(column, String).label(f"{column.name}_raw") if _is_timestamp(column) else column
        for column in model.__table__.columns  # type: ignore[attr-defined]
    ]


_CONVERTERS: dict[tuple[Any, ...], tuple[tuple[int, Callable[[Any], Any]], ...]] = {}


def _converters(
    model: type[SQLModel], dialect: Dialect, coltypes: tuple[Any, ...]
) -> tuple[tuple[int, Callable[[Any], Any]], ...]:
    """(column index, converter) for the selected columns whose type converts what this database's
    driver returns (e.g. SQLite's 0/1 to a bool, a JSON string to a tuple, text to an enum), once
    per model, kind of database and the driver's column types (as SQLAlchemy's own result does)."""
    key = (model, dialect.name, dialect.driver, coltypes)
    found = _CONVERTERS.get(key)
    if found is None:
        out = []
        for index, column in enumerate(_selected(model)):
            process = column.type.dialect_impl(dialect).result_processor(dialect, coltypes[index])
            is_json = isinstance(column.type, JSON)
            if process is not None or is_json:
                out.append((index, _then_frozen(process) if is_json else process))
        found = _CONVERTERS[key] = tuple(out)
    return found


def _then_frozen(process: Callable[[Any], Any] | None) -> Callable[[Any], Any]:
    if process is None:
        return _frozen
    return lambda value: _frozen(process(value))


def load_chain(session: Session, *, workshop_id: int, responses: bool = True) -> WorkshopChain:
    """The whole chain of one workshop: twenty-seven statements whatever its size.

    Rows are read as plain column tuples (no ORM identity map or change tracking, which is what
    costs on a large workshop) and frozen into records. ``responses=False`` leaves out the survey
    answers (one statement less; ``chain.survey_responses`` is None): a survey of 20,000
    respondents is most of a workshop's bytes, and only the evidence screen, segmentation and the
    backup read them (:func:`load_survey_responses` adds them later).
    """
    return _load(_row_reader(session.connection()), workshop_id, responses)


def load_survey_responses(session: Session, *, workshop_id: int) -> tuple:
    """Every survey and interview answer row of the workshop, in the order :func:`load_chain` gives them."""
    return _responses(_row_reader(session.connection()), workshop_id)


def _responses(rows: Callable[..., tuple], workshop_id: int) -> tuple:
    evidence_ids = select(Evidence.id).where(Evidence.workshop_id == workshop_id)
    return rows(
        SurveyResponse,
        SurveyResponse.evidence_id.in_(evidence_ids),
        order=(SurveyResponse.evidence_id, SurveyResponse.position, SurveyResponse.id),
    )


def _row_reader(connection: Any) -> Callable[..., tuple]:
    def rows(model, *where, order: tuple = ()) -> tuple:
        """One SELECT; ordered rows keep their position, others their creation order.

        The driver's rows are fetched straight from its cursor and only the columns whose type
        converts a value on this database are converted (with the column type's own converter):
        building SQLAlchemy's row objects for thousands of rows cost more than the query.
        """
        table = model.__table__
        order = order or ((table.c.position, table.c.id) if "position" in table.c else (table.c.id,))
        make = record_type(model)
        result = connection.execute(select(*_selected(model)).where(*where).order_by(*order))
        try:
            cursor = result.cursor
            fetched = cursor.fetchall()
            coltypes = tuple(d[1] for d in cursor.description)
        finally:
            result.close()
        converters = _converters(model, connection.dialect, coltypes)
        if not converters:
            return tuple(make(*r) for r in fetched)
        out = []
        for r in fetched:
            values = list(r)
            for i, convert in converters:
                values[i] = convert(values[i])
            out.append(make(*values))
        return tuple(out)

    return rows


def _load(rows: Callable[..., tuple], workshop_id: int, responses: bool) -> WorkshopChain:
    workshops = rows(Workshop, Workshop.id == workshop_id)
    if not workshops:
        raise NotFound(Workshop.__tablename__, workshop_id)
    map_ids = select(EmpathyMap.id).where(EmpathyMap.workshop_id == workshop_id)
    journey_ids = select(Journey.id).where(Journey.workshop_id == workshop_id)
    canvas_ids = select(ValueCanvas.id).where(ValueCanvas.workshop_id == workshop_id)
    evidence_ids = select(Evidence.id).where(Evidence.workshop_id == workshop_id)
    return WorkshopChain(
        workshop=workshops[0],
        participants=rows(Participant, Participant.workshop_id == workshop_id),
        personas=rows(Persona, Persona.workshop_id == workshop_id),
        evidence=rows(Evidence, Evidence.workshop_id == workshop_id),
        evidence_links=rows(EvidenceLink, EvidenceLink.evidence_id.in_(evidence_ids)),
        maps=rows(EmpathyMap, EmpathyMap.workshop_id == workshop_id),
        notes=rows(EmpathyNote, EmpathyNote.map_id.in_(map_ids)),
        journeys=rows(Journey, Journey.workshop_id == workshop_id),
        stages=rows(JourneyStage, JourneyStage.journey_id.in_(journey_ids)),
        touchpoints=rows(Touchpoint, Touchpoint.journey_id.in_(journey_ids)),
        canvases=rows(ValueCanvas, ValueCanvas.workshop_id == workshop_id),
        items=rows(CanvasItem, CanvasItem.canvas_id.in_(canvas_ids)),
        fit_links=rows(FitLink, FitLink.canvas_id.in_(canvas_ids)),
        kpis=rows(Kpi, Kpi.canvas_id.in_(canvas_ids)),
        kpi_links=rows(KpiLink, KpiLink.kpi_id.in_(select(Kpi.id).where(Kpi.canvas_id.in_(canvas_ids)))),
        trace_links=rows(TraceLink, TraceLink.workshop_id == workshop_id),
        kpi_actuals=rows(
            KpiActual,
            KpiActual.kpi_id.in_(select(Kpi.id).where(Kpi.canvas_id.in_(canvas_ids))),
            order=(KpiActual.measured_on, KpiActual.id),
        ),
        comments=rows(ReviewComment, ReviewComment.workshop_id == workshop_id),
        decisions=rows(ReviewDecision, ReviewDecision.workshop_id == workshop_id),
        live_sessions=rows(LiveSession, LiveSession.workshop_id == workshop_id),
        live_participants=rows(LiveParticipant, LiveParticipant.workshop_id == workshop_id),
        dot_votes=rows(
            DotVote,
            DotVote.participant_id.in_(select(LiveParticipant.id).where(LiveParticipant.workshop_id == workshop_id)),
        ),
        survey_columns=rows(SurveyColumn, SurveyColumn.evidence_id.in_(evidence_ids)),
        survey_responses=_responses(rows, workshop_id) if responses else None,
        survey_segments=rows(SurveySegment, SurveySegment.evidence_id.in_(evidence_ids)),
        note_groups=rows(NoteGroup, NoteGroup.map_id.in_(map_ids)),
        note_group_members=rows(
            NoteGroupMember,
            NoteGroupMember.group_id.in_(select(NoteGroup.id).where(NoteGroup.map_id.in_(map_ids))),
        ),
        pain_groups=rows(PainGroup, PainGroup.journey_id.in_(journey_ids)),
        pain_group_members=rows(
            PainGroupMember,
            PainGroupMember.group_id.in_(select(PainGroup.id).where(PainGroup.journey_id.in_(journey_ids))),
        ),
    )
