"""Interview notes: pasted text, .txt, .md and .docx become one quote per paragraph, carried onto a map."""

from __future__ import annotations

import io

import pytest
from docx import Document

from pmo_insight.domain.refs import Ref
from pmo_insight.models import EvidenceKind, RefKind
from pmo_insight.persistence.chain_loader import load_chain
from pmo_insight.services import empathy, personas, workshops
from pmo_insight.surveys.interviews import read_interview
from pmo_insight.surveys.reading import SurveyRejected
from pmo_insight.surveys.services import carry_quote, import_interview, interview_quotes, interviews_in

NOTES = "每周五都在拼周报。\n\n# 最大的痛点\n\n审批要等三天 🙃，=SUM(A1) 也照样记录\n\n\n We need risks earlier. "


def _docx(paragraphs: list[str]) -> bytes:
    document = Document()
    for paragraph in [*paragraphs[:1], "", *paragraphs[1:]]:
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


EXPECTED = ["每周五都在拼周报。", "# 最大的痛点", "审批要等三天 🙃，=SUM(A1) 也照样记录", "We need risks earlier."]


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (NOTES.encode("utf-8"), "notes.txt"),
        (NOTES.replace("\n", "\r\n").encode("utf-8-sig"), "notes.md"),
        (NOTES.replace(" 🙃", "").encode("gb18030"), "notes.txt"),
        (_docx(EXPECTED), "notes.docx"),
    ],
)
def test_each_format_gives_one_quote_per_paragraph(data, name):
    got = read_interview(data, name)
    assert [p.replace(" 🙃", "") for p in got] == [p.replace(" 🙃", "") for p in EXPECTED]


def test_bad_interview_files_are_refused_by_name():
    for data, name in ((b"", "empty.txt"), (b"PK\x03\x04 broken", "broken.docx"), (bytes(range(256)) * 8, "x.txt")):
        with pytest.raises(SurveyRejected) as refused:
            read_interview(data, name)
        assert refused.value.filename == name


def test_a_pasted_interview_is_evidence_and_its_paragraph_goes_onto_a_map(session):
    ws = workshops.create_workshop(session, title="Interviews")
    persona = personas.create_persona(session, workshop_id=ws.id, name="PM")
    board = empathy.create_map(session, persona_id=persona.id, scenario="Reporting")

    interview = import_interview(session, workshop_id=ws.id, interviewee="PM, Shenzhen", text=NOTES)
    chain = load_chain(session, workshop_id=ws.id)
    assert (interview.kind, interview.sample_size) == (EvidenceKind.INTERVIEW, 1)
    assert [e.id for e in interviews_in(chain)] == [interview.id]
    assert interview_quotes(chain, interview.id)[2] == ("¶3", EXPECTED[2])

    note = carry_quote(session, evidence_id=interview.id, map_id=board.id, respondent="¶3", quadrant="pains")
    assert (note.text, note.author) == (EXPECTED[2], "PM, Shenzhen ¶3")
    assert load_chain(session, workshop_id=ws.id).has_evidence(Ref(RefKind.EMPATHY_NOTE, note.id))

    with pytest.raises(SurveyRejected):
        import_interview(session, workshop_id=ws.id, interviewee="X", text="a\x00b")
