"""The shared screen's live board: its view of the running session, and the screens drawing it."""

from __future__ import annotations

import pytest

from pmo_insight.live import participants as people
from pmo_insight.live import sessions
from pmo_insight.live.board_view import board_view, signature
from pmo_insight.live.models import BoardKind
from pmo_insight.models import Quadrant
from pmo_insight.persistence.chain_loader import load_chain
from pmo_insight.services import empathy, journeys, personas, workshops
from pmo_insight.ui.live.board import board_html
from tests.apptest import open_page


def _room(run, *, anonymous: bool = False):
    ws = run(workshops.create_workshop, title="Room")
    persona = run(personas.create_persona, workshop_id=ws.id, name="COO")
    emap = run(empathy.create_map, persona_id=persona.id, scenario="PMO decision")
    first = run(empathy.add_note, map_id=emap.id, quadrant="pains", text="Reports <script>alert(1)</script>")
    second = run(empathy.add_note, map_id=emap.id, quadrant="pains", text="Late risks", author="Wu")
    live = run(sessions.start_session, workshop_id=ws.id, budget=5, anonymous=anonymous)
    person = run(people.join_session, code=live.code, name="Li Na", department="Finance")
    return ws.id, emap.id, (first.id, second.id), live.code, person.token


def _run_in(session):
    def run(fn, /, **kwargs):
        result = fn(session, **kwargs)
        session.commit()
        return result

    return run


def test_before_the_reveal_the_view_has_no_counts_and_keeps_the_order_notes_came_in(session):
    run = _run_in(session)
    ws, map_id, (first, second), code, token = _room(run)
    run(people.cast_vote, code=code, token=token, item_id=second)
    run(people.add_live_note, code=code, token=token, quadrant="says", text="مرحبا 你好 🎉")

    view = board_view(load_chain(session, workshop_id=ws))
    assert view.kind is BoardKind.EMPATHY and view.board_id == map_id
    assert (view.joined, view.dots_cast, view.revealed) == (1, 1, False)
    groups = {g.key: g for g in view.groups}
    assert [c.id for c in groups["pains"].cards] == [first, second]
    assert all(c.dots is None for g in view.groups for c in g.cards)
    assert [c.text for c in groups["says"].cards] == ["مرحبا 你好 🎉"]
    assert groups["says"].cards[0].author == "Li Na · Finance"
    html = board_html(view, "en")
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "class='vote-dots'" not in html


def test_after_the_reveal_the_view_ranks_by_the_rooms_dots_and_shows_them(session):
    run = _run_in(session)
    ws, _map, (first, second), code, token = _room(run)
    run(people.cast_vote, code=code, token=token, item_id=second)
    run(people.cast_vote, code=code, token=token, item_id=second)
    before = load_chain(session, workshop_id=ws)
    run(sessions.reveal_votes, workshop_id=ws)
    after = load_chain(session, workshop_id=ws)

    assert signature(sessions.running_session(before)) != signature(sessions.running_session(after))
    pains = next(g for g in board_view(after).groups if g.key == "pains")
    assert [(c.id, c.dots) for c in pains.cards] == [(second, 2), (first, 0)]
    assert "<div class='vote-dots'>● 2</div>" in board_html(board_view(after), "zh")


def test_an_anonymous_session_shows_no_author(session):
    run = _run_in(session)
    ws, *_ = _room(run, anonymous=True)
    assert all(c.author == "" for g in board_view(load_chain(session, workshop_id=ws)).groups for c in g.cards)


def test_a_journey_round_shows_each_stage_with_the_pains_and_opportunities_to_vote_on(session):
    run = _run_in(session)
    ws = run(workshops.create_workshop, title="Journey room")
    persona = run(personas.create_persona, workshop_id=ws.id, name="COO")
    journey = run(journeys.create_journey, persona_id=persona.id, scenario="Onboarding", stage_names=["A", "B"])
    stage_a, stage_b = load_chain(session, workshop_id=ws.id).stages_of(journey.id)
    pain = run(journeys.add_touchpoint, stage_id=stage_a.id, name="Sign-up", pain_point="Takes weeks")
    run(journeys.add_touchpoint, stage_id=stage_a.id, name="Quiet step")
    idea = run(journeys.add_touchpoint, stage_id=stage_b.id, name="Kickoff", opportunity="Mentor on day one")
    run(sessions.start_session, workshop_id=ws.id, journey_id=journey.id)

    view = board_view(load_chain(session, workshop_id=ws.id))
    assert view.kind is BoardKind.JOURNEY
    assert [(g.title, [(c.id, c.kind) for c in g.cards]) for g in view.groups] == [
        ("A", [(pain.id, "pain")]),
        ("B", [(idea.id, "opportunity")]),
    ]
    assert "Sign-up: Takes weeks" in board_html(view, "en")


def test_no_running_session_no_view(session):
    run = _run_in(session)
    ws, *_ = _room(run)
    run(sessions.stop_session, workshop_id=ws)
    assert board_view(load_chain(session, workshop_id=ws)) is None


def _html(at) -> str:
    return "".join(str(e.proto.body) for e in at.get("html"))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_empathy_screen_shows_the_live_board_without_editors_until_the_facilitator_asks(app_db, lang):
    ws, _map, (first, second), code, token = _room(app_db.run)
    at = open_page("pages/empathy.py", lang=lang)
    assert "live-board" in _html(at) and "Late risks" in _html(at)
    assert not [b for b in at.button if str(b.key).startswith(("note_edit_", "vote_up_"))]
    assert [m.value for m in at.metric][:2] == ["1", "0"]
    assert any("🙈" in m.value for m in at.markdown)  # the counts are hidden, and the screen says so

    at.toggle(key=f"live_edit_board_{sessions.running_session(app_db.run(load_chain, workshop_id=ws)).id}_0").set_value(
        True
    ).run()
    assert not at.exception, at.exception
    assert at.button(key=f"note_edit_{first}") is not None
    assert "live-board" not in _html(at)


def test_after_the_reveal_the_empathy_screen_opens_the_full_board_to_mark_the_key_notes(app_db):
    ws, _map, (first, _second), code, token = _room(app_db.run)
    app_db.run(sessions.reveal_votes, workshop_id=ws)
    at = open_page("pages/empathy.py")
    assert "live-board" not in _html(at)
    assert at.button(key=f"note_edit_{first}") is not None


def test_the_facilitator_adds_a_note_on_the_live_board(app_db):
    ws, map_id, *_ = _room(app_db.run)
    at = open_page("pages/empathy.py")
    at.selectbox(key="live_add_quadrant").set_value(Quadrant.FEELS)
    at.chat_input(key="live_add_note").set_value("Tired of status decks").run()
    assert not at.exception, at.exception
    notes = app_db.run(load_chain, workshop_id=ws).notes_of(map_id)
    assert [(n.quadrant, n.text) for n in notes if n.text.startswith("Tired")] == [("feels", "Tired of status decks")]
    assert "Tired of status decks" in _html(at)


def test_the_journey_screen_shows_a_journey_round_live(app_db):
    ws = app_db.run(workshops.create_workshop, title="Journey room")
    persona = app_db.run(personas.create_persona, workshop_id=ws.id, name="COO")
    journey = app_db.run(journeys.create_journey, persona_id=persona.id, scenario="Onboarding", stage_names=["A"])
    stage = app_db.run(load_chain, workshop_id=ws.id).stages_of(journey.id)[0]
    app_db.run(journeys.add_touchpoint, stage_id=stage.id, name="Sign-up", pain_point="Takes weeks")
    live = app_db.run(sessions.start_session, workshop_id=ws.id, journey_id=journey.id)
    at = open_page("pages/journey.py")
    assert "Sign-up: Takes weeks" in _html(at)
    assert any(live.code in str(m.value) for m in at.markdown)


def test_a_phone_polls_its_boards_revision_by_join_code_even_after_the_session_stopped(session):
    run = _run_in(session)
    ws, map_id, _notes, code, token = _room(run)
    before = run(people.board_revision, code=code.lower())
    run(people.add_live_note, code=code, token=token, quadrant="says", text="One more")
    moved = run(people.board_revision, code=code)
    run(sessions.stop_session, workshop_id=ws)

    assert before < moved < run(people.board_revision, code=code)
    assert run(people.board_revision, code="ZZZZZZ") is None


def test_a_journey_rounds_status_speaks_of_votes_only(app_db):
    ws = app_db.run(workshops.create_workshop, title="Journey room")
    persona = app_db.run(personas.create_persona, workshop_id=ws.id, name="COO")
    journey = app_db.run(journeys.create_journey, persona_id=persona.id, scenario="Onboarding", stage_names=["A"])
    app_db.run(sessions.start_session, workshop_id=ws.id, journey_id=journey.id)
    at = open_page("pages/journey.py")
    captions = " ".join(c.value for c in at.caption)
    assert "voting open" in captions and "notes" not in captions
