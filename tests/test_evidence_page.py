"""The evidence screen under AppTest: segment cards of an imported survey, a persona drafted from one, both languages.

Uploading needs a browser (AppTest has no file uploader): tests/e2e/test_survey_in_browser.py.
"""

from __future__ import annotations

import pytest
from sqlmodel import select

from pmo_insight.models import EmpathyNote, Evidence, Quadrant
from pmo_insight.services import empathy, personas, workshops
from pmo_insight.surveys.models import SurveySegment
from pmo_insight.surveys.services import import_survey
from tests.apptest import open_page, statements_in_one_rerun
from tests.survey_files import csv_bytes, planted_rows

PAGE = "pages/evidence.py"
TIMEOUT = 60


def _survey(app_db, lang: str = "en", sizes=(60, 50, 40)) -> int:
    workshop = app_db.run(workshops.create_workshop, title="Workshop")
    headers, rows, _ = planted_rows(lang, sizes=sizes)
    return app_db.run(import_survey, workshop_id=workshop.id, data=csv_bytes(headers, rows), filename="pulse.csv").id


def _texts(at) -> str:
    parts = [m.value for m in at.markdown] + [m.value for m in at.error] + [m.value for m in at.success]
    parts += [m.value for m in at.info] + [m.value for m in at.caption]
    return "\n".join(str(p) for p in parts)


@pytest.mark.parametrize(("lang", "figure"), [("en", "n = 61 of 150 (41%)"), ("zh", "n = 61 / 150（41%）")])
def test_the_segments_show_their_numbers_and_a_persona_is_drafted_from_one(app_db, lang, figure):
    _survey(app_db, lang)
    at = open_page(PAGE, lang=lang, timeout=TIMEOUT)

    labels = [b.label for b in at.button if b.key and b.key.startswith("segment_draft_")]
    assert len(labels) == 3
    assert figure in _texts(at)  # badges are drawn as Markdown
    assert "R0" in _texts(at)  # quotes carry respondent ids

    at.button(key="segment_draft_A").click().run()
    assert not at.exception, at.exception
    with app_db.engine.connect() as connection:
        sizes = [row.size for row in connection.execute(SurveySegment.__table__.select())]
    assert sizes == [61]
    assert statements_in_one_rerun(at) <= 3

    at.switch_page("pages/personas.py").run()
    assert not at.exception, at.exception
    assert figure in _texts(at)  # the persona card says how many stand behind it


def test_below_thirty_respondents_the_screen_says_why(app_db):
    _survey(app_db, sizes=(10, 10, 9))
    at = open_page(PAGE, timeout=TIMEOUT)

    assert "Not segmented: 29 respondents" in _texts(at)


def test_a_quote_is_carried_from_a_segment_card_onto_a_map(app_db):
    evidence_id = _survey(app_db)
    workshop_id = app_db.run(lambda s: s.get(Evidence, evidence_id).workshop_id)
    persona = app_db.run(personas.create_persona, workshop_id=workshop_id, name="Xiao Li")
    board = app_db.run(empathy.create_map, persona_id=persona.id, scenario="Reporting")
    at = open_page(PAGE, timeout=TIMEOUT)

    at.selectbox(key="carry_A_0_quadrant").set_value(Quadrant.PAINS)
    at.button(key="carry_A_0_go").click().run()

    assert not at.exception, at.exception
    notes = app_db.run(
        lambda s: [(n.quadrant, n.author) for n in s.exec(select(EmpathyNote).where(EmpathyNote.map_id == board.id))]
    )
    assert len(notes) == 1 and notes[0][0] == Quadrant.PAINS and notes[0][1].startswith("R0")
    assert "Quote carried onto the map" in _texts(at)


def test_pasted_interview_notes_become_quotes_carried_onto_a_map(app_db):
    workshop = app_db.run(workshops.create_workshop, title="Workshop")
    persona = app_db.run(personas.create_persona, workshop_id=workshop.id, name="Xiao Li")
    board = app_db.run(empathy.create_map, persona_id=persona.id, scenario="Reporting")
    at = open_page(PAGE, timeout=TIMEOUT)

    at.text_input(key="interview_form_name").input("PM <b>Shenzhen</b>")
    at.text_area(key="interview_form_text").input("Reports eat my Friday.\n\nApprovals take three days.")
    at.button(key="FormSubmitter:interview_form-Add interview").click().run()
    assert not at.exception, at.exception
    assert "Approvals take three days" in _texts(at)

    at.selectbox(key=next(s.key for s in at.selectbox if s.key.endswith("_2_quadrant"))).set_value(Quadrant.PAINS)
    at.button(key=next(b.key for b in at.button if b.key and b.key.endswith("_2_go"))).click().run()

    notes = app_db.run(
        lambda s: [(n.text, n.author) for n in s.exec(select(EmpathyNote).where(EmpathyNote.map_id == board.id))]
    )
    assert notes == [("Approvals take three days.", "PM <b>Shenzhen</b> ¶2")]
