"""Live sessions on the server: codes, identity by token, budget and cap, hidden counts, timer, stop."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session, select

from pmo_insight.domain.backup_format import export_json
from pmo_insight.errors import ValidationFailed
from pmo_insight.live import participants as people
from pmo_insight.live import sessions
from pmo_insight.live.codes import ALPHABET, hash_token, new_code
from pmo_insight.live.errors import (
    BudgetSpent,
    CodeInvalid,
    ItemCapReached,
    NoBoard,
    NotesClosed,
    NothingToTakeBack,
    SessionStopped,
    UnknownParticipant,
    VotesClosed,
)
from pmo_insight.live.models import LiveParticipant
from pmo_insight.live.state import notes_accepted, seconds_left
from pmo_insight.models import utcnow
from pmo_insight.persistence.chain_loader import load_chain
from pmo_insight.persistence.db import session_scope
from pmo_insight.persistence.restore import restore_backup
from pmo_insight.services import empathy, personas, workshops


@pytest.fixture
def board(engine):
    """A workshop with one map of three notes, and a running session on it (budget 5)."""
    with session_scope(engine) as s:
        ws = workshops.create_workshop(s, title="Room")
        persona = personas.create_persona(s, workshop_id=ws.id, name="COO")
        emap = empathy.create_map(s, persona_id=persona.id, scenario="PMO decision")
        notes = [empathy.add_note(s, map_id=emap.id, quadrant="pains", text=f"Pain {n}").id for n in range(3)]
        live = sessions.start_session(s, workshop_id=ws.id)
    return {"engine": engine, "workshop": ws.id, "map": emap.id, "notes": notes, "code": live.code}


def _run(engine, fn, /, **kwargs):
    with session_scope(engine) as s:
        return fn(s, **kwargs)


def _join(b, name="Li Na"):
    return _run(b["engine"], people.join_session, code=b["code"], name=name, department="Finance").token


def test_codes_are_six_characters_from_the_unambiguous_alphabet():
    codes = {new_code() for _ in range(500)}

    assert all(len(c) == 6 and set(c) <= set(ALPHABET) for c in codes)
    assert not set("01OIL") & set(ALPHABET)
    assert len(codes) > 490


def test_a_session_starts_on_the_first_map_with_notes_and_votes_open(board):
    with Session(board["engine"]) as s:
        live = sessions.active_session(s, workshop_id=board["workshop"])
    assert (live.board_id, live.budget, live.notes_open, live.votes_open, live.revealed) == (
        board["map"], 5, True, True, False,
    )  # fmt: skip


def test_starting_without_a_map_or_with_a_bad_budget_is_refused(engine):
    ws = _run(engine, workshops.create_workshop, title="Empty")
    with pytest.raises(NoBoard):
        _run(engine, sessions.start_session, workshop_id=ws.id)
    with pytest.raises(ValidationFailed):
        _run(engine, sessions.start_session, workshop_id=ws.id, budget=11)


def test_only_the_token_hash_is_stored_and_the_token_is_the_identity(board):
    token = _join(board)

    with Session(board["engine"]) as s:
        person = s.exec(select(LiveParticipant)).one()
        assert person.token_hash == hash_token(token) and token not in person.token_hash
        view = people.participant_view(s, code=board["code"].lower(), token=token)
        assert (view.name, view.department, view.remaining) == ("Li Na", "Finance", 5)
        with pytest.raises(UnknownParticipant):
            people.participant_view(s, code=board["code"], token=token + "x")


def test_the_same_token_later_is_the_same_person_with_the_same_votes(board):
    token = _join(board)
    _run(board["engine"], people.cast_vote, code=board["code"], token=token, item_id=board["notes"][1])

    view = _run(board["engine"], people.participant_view, code=board["code"], token=token)

    assert [i.mine for i in view.items] == [0, 1, 0] and view.remaining == 4


def test_the_budget_and_the_per_item_cap_are_enforced_on_the_server(board):
    token = _join(board)
    a, b, c = board["notes"]
    for item in (a, a, a):
        _run(board["engine"], people.cast_vote, code=board["code"], token=token, item_id=item)
    with pytest.raises(ItemCapReached):
        _run(board["engine"], people.cast_vote, code=board["code"], token=token, item_id=a)
    _run(board["engine"], people.cast_vote, code=board["code"], token=token, item_id=b)
    _run(board["engine"], people.cast_vote, code=board["code"], token=token, item_id=c)
    with pytest.raises(BudgetSpent):
        _run(board["engine"], people.cast_vote, code=board["code"], token=token, item_id=c)

    left = _run(board["engine"], people.take_back_vote, code=board["code"], token=token, item_id=a)
    assert left == 1
    with pytest.raises(UnknownParticipant):
        _run(board["engine"], people.take_back_vote, code=board["code"], token="nobody", item_id=a)
    with pytest.raises(NothingToTakeBack):
        _run(board["engine"], people.take_back_vote, code=board["code"], token=_join(board, "Zhao"), item_id=a)
    chain = _run(board["engine"], load_chain, workshop_id=board["workshop"])
    assert [n.votes for n in chain.notes] == [2, 1, 1]  # dots count in the notes' votes


def test_others_counts_are_not_sent_to_a_participant_before_the_reveal(board):
    mine, other = _join(board), _join(board, "Wang")
    _run(board["engine"], people.cast_vote, code=board["code"], token=other, item_id=board["notes"][0])

    before = _run(board["engine"], people.participant_view, code=board["code"], token=mine)
    assert [i.total for i in before.items] == [None, None, None]
    assert [i.mine for i in before.items] == [0, 0, 0]  # and nothing else per item could carry a count

    _run(board["engine"], sessions.reveal_votes, workshop_id=board["workshop"])
    after = _run(board["engine"], people.participant_view, code=board["code"], token=mine)
    assert [i.total for i in after.items] == [1, 0, 0] and after.revealed and not after.votes_open


def test_notes_come_from_the_participant_and_honour_anonymity(board):
    token = _join(board)
    note = _run(board["engine"], people.add_live_note, code=board["code"], token=token, quadrant="says", text="Hi")
    assert (note.author, note.department) == ("Li Na", "Finance")

    _run(board["engine"], sessions.set_anonymous, workshop_id=board["workshop"], anonymous=True)
    hidden = _run(board["engine"], people.add_live_note, code=board["code"], token=token, quadrant="says", text="Hm")
    assert (hidden.author, hidden.department) == ("", "")


def test_closing_notes_and_votes_refuses_them(board):
    token = _join(board)
    _run(board["engine"], sessions.set_notes_open, workshop_id=board["workshop"], is_open=False)
    _run(board["engine"], sessions.set_votes_open, workshop_id=board["workshop"], is_open=False)

    with pytest.raises(NotesClosed):
        _run(board["engine"], people.add_live_note, code=board["code"], token=token, quadrant="says", text="Late")
    with pytest.raises(VotesClosed):
        _run(board["engine"], people.cast_vote, code=board["code"], token=token, item_id=board["notes"][0])


def test_the_timer_closes_notes_at_zero_unless_kept_open(board):
    with session_scope(board["engine"]) as s:
        live = sessions.start_timer(s, workshop_id=board["workshop"], minutes=5)
    now = utcnow()
    assert 299 <= seconds_left(live, now) <= 300 and notes_accepted(live, now)
    later = now + timedelta(minutes=5, seconds=1)
    assert seconds_left(live, later) == 0 and not notes_accepted(live, later)
    live.keep_notes_open = True
    assert notes_accepted(live, later)
    with pytest.raises(ValidationFailed):
        _run(board["engine"], sessions.start_timer, workshop_id=board["workshop"], minutes=31)


def test_a_deadline_in_the_past_refuses_new_notes_on_the_server(board):
    token = _join(board)
    with session_scope(board["engine"]) as s:
        live = sessions.active_session(s, workshop_id=board["workshop"])
        live.timer_deadline = utcnow() - timedelta(seconds=1)
        s.add(live)
    with pytest.raises(NotesClosed):
        _run(board["engine"], people.add_live_note, code=board["code"], token=token, quadrant="says", text="Late")


def test_stopping_invalidates_the_code_at_once_and_stores_nothing_more(board):
    token = _join(board)
    _run(board["engine"], sessions.stop_session, workshop_id=board["workshop"])

    for action in (
        lambda s: people.cast_vote(s, code=board["code"], token=token, item_id=board["notes"][0]),
        lambda s: people.add_live_note(s, code=board["code"], token=token, quadrant="says", text="After"),
        lambda s: people.join_session(s, code=board["code"], name="Late"),
        lambda s: people.participant_view(s, code=board["code"], token=token),
    ):
        with pytest.raises(SessionStopped):
            _run(board["engine"], action)
    with pytest.raises(CodeInvalid):
        _run(board["engine"], people.check_code, code="ZZZZZZ")
    chain = _run(board["engine"], load_chain, workshop_id=board["workshop"])
    assert len(chain.notes) == 3 and chain.dot_votes == () and len(chain.live_participants) == 1


def test_a_new_session_stops_the_running_one(board):
    _run(board["engine"], sessions.start_session, workshop_id=board["workshop"], budget=3)

    with pytest.raises(SessionStopped):
        _run(board["engine"], people.check_code, code=board["code"])


def test_participants_and_their_votes_survive_a_backup_round_trip(board):
    token = _join(board)
    _run(board["engine"], people.cast_vote, code=board["code"], token=token, item_id=board["notes"][2])
    _run(board["engine"], people.cast_vote, code=board["code"], token=token, item_id=board["notes"][2])
    chain = _run(board["engine"], load_chain, workshop_id=board["workshop"])

    restored = _run(board["engine"], restore_backup, data=export_json(chain))
    copy = _run(board["engine"], load_chain, workshop_id=restored.id)

    assert [(p.name, p.department, p.token_hash) for p in copy.live_participants] == [("Li Na", "Finance", None)]
    assert [(v.count, v.target_id) for v in copy.dot_votes] == [(2, copy.notes[2].id)]
