"""The participant's screen under AppTest: a join link makes a participant with only this screen."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select
from streamlit.testing.v1 import AppTest

from pmo_insight.live import sessions
from pmo_insight.live.models import LiveParticipant
from pmo_insight.persistence import db
from pmo_insight.persistence.chain_loader import load_chain
from pmo_insight.roles import Role
from pmo_insight.services import empathy, personas, workshops

TIMEOUT = 30


@pytest.fixture
def live(app_db):
    ws = app_db.run(workshops.create_workshop, title="Room")
    persona = app_db.run(personas.create_persona, workshop_id=ws.id, name="COO")
    emap = app_db.run(empathy.create_map, persona_id=persona.id, scenario="PMO decision")
    note = app_db.run(empathy.add_note, map_id=emap.id, quadrant="pains", text="Too many reports")
    session = app_db.run(sessions.start_session, workshop_id=ws.id, budget=1)
    return {"workshop": ws.id, "note": note.id, "code": session.code}


def _open(code: str, token: str | None = None, lang: str = "en") -> AppTest:
    at = AppTest.from_file("../app.py", default_timeout=TIMEOUT)
    at.session_state["lang"] = lang
    at.query_params["join"] = code
    if token:
        at.query_params["p"] = token
    at.run()
    assert not at.exception, at.exception
    return at


def _join(at: AppTest) -> AppTest:
    at.text_input(key="join_name").input("Li Na")
    at.text_input(key="join_department").input("Finance")
    at.button(key="join_submit").click().run()
    assert not at.exception, at.exception
    return at


def test_a_join_link_shows_only_the_join_form_with_no_sidebar_or_workshop_list(app_db, live):
    at = _open(live["code"].lower())

    assert at.session_state["_role"] is Role.PARTICIPANT
    assert [w.key for w in at.text_input] == ["join_name", "join_department"]
    assert not at.sidebar.selectbox and not at.sidebar.radio
    assert "Room" not in str([m.value for m in at.markdown])


def test_joining_puts_the_token_in_the_link_and_the_participant_adds_a_note_and_votes(app_db, live):
    at = _join(_open(live["code"]))

    token = at.query_params["p"][0] if isinstance(at.query_params["p"], list) else at.query_params["p"]
    assert len(token) >= 20
    assert at.radio(key="join_quadrant").value == "says"
    at.chat_input(key="join_note").set_value("Weekly status eats a day").run()
    at.button(key=f"join_vote_{live['note']}").click().run()
    at.button(key=f"join_vote_{live['note']}").click().run()  # over the budget of one

    chain = app_db.run(load_chain, workshop_id=live["workshop"])
    assert [(n.text, n.author) for n in chain.notes][-1] == ("Weekly status eats a day", "Li Na")
    assert sum(v.count for v in chain.dot_votes) == 1
    assert any("used all 1 of your votes" in w.value for w in at.warning)

    again = _open(live["code"], token)  # a reload: the same person, no join form
    assert not again.text_input and "Li Na" in str([m.value for m in again.markdown])


def test_a_participant_cannot_reach_facilitator_actions_even_by_calling_them(app_db, live):
    def script():
        import streamlit as st

        from pmo_insight import web
        from pmo_insight.roles import Role
        from pmo_insight.services import empathy

        web.set_role(Role.PARTICIPANT)
        st.session_state["deleted"] = web.attempt(empathy.delete_note, note_id=st.session_state["note"])

    at = AppTest.from_function(script, default_timeout=TIMEOUT)
    at.session_state["note"] = live["note"]
    at.run()

    assert at.session_state["deleted"] is False
    assert at.error and "read-only" in at.error[0].value
    assert [n.id for n in app_db.run(load_chain, workshop_id=live["workshop"]).notes] == [live["note"]]


def test_a_stopped_session_offers_no_join_form(app_db, live):
    app_db.run(sessions.stop_session, workshop_id=live["workshop"])

    at = _open(live["code"])

    assert not at.text_input
    assert "has ended" in at.info[0].value


def test_a_tap_that_loses_the_race_for_the_lock_tells_the_participant_to_try_again(app_db, live, monkeypatch):
    """The same person's other device holds the lock longer than this tap waits (shortened here):
    the phone says the tap was not counted, shows no error box, and the next tap counts."""
    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 200)  # SQLite: the app's engine is made after this
    monkeypatch.setenv("PGOPTIONS", "-c lock_timeout=200")  # PostgreSQL: every new connection
    at = _join(_open(live["code"]))
    person = app_db.run(lambda s: s.exec(select(LiveParticipant)).one())
    holder = Session(app_db.engine)
    db.lock_for_write(holder)  # the other device, mid-vote: the locks a vote takes
    holder.exec(select(LiveParticipant).where(LiveParticipant.id == person.id).with_for_update()).one()
    try:
        at.button(key=f"join_vote_{live['note']}").click().run()
    finally:
        holder.rollback()
        holder.close()

    assert not at.exception, at.exception
    assert any("was not counted" in w.value for w in at.warning), [w.value for w in at.warning]
    assert app_db.run(load_chain, workshop_id=live["workshop"]).dot_votes == ()
    at.button(key=f"join_vote_{live['note']}").click().run()
    assert not any("was not counted" in w.value for w in at.warning)
    assert sum(v.count for v in app_db.run(load_chain, workshop_id=live["workshop"]).dot_votes) == 1


@pytest.mark.parametrize(
    "lang, shown, says", [("en", "20 of 31 shown", "15 of 15 shown"), ("zh", "已显示 20 / 31 条", "已显示 15 / 15 条")]
)
def test_a_long_board_shows_twenty_items_a_page_narrowed_by_quadrant_and_dotted_items_first(
    app_db, live, lang, shown, says
):
    emap_id = app_db.run(load_chain, workshop_id=live["workshop"]).maps[0].id
    for i in range(30):
        app_db.run(empathy.add_note, map_id=emap_id, quadrant="says" if i % 2 else "gains", text=f"Note {i:02}")
    at = _join(_open(live["code"], lang=lang))
    assert len(_item_keys(at)) == 20
    assert any(shown in c.value for c in at.caption), [c.value for c in at.caption]
    at.button(key="join_more").click().run()
    assert len(_item_keys(at)) == 31

    at.radio(key="join_show").set_value("says").run()
    assert not at.exception, at.exception
    assert _item_keys(at) and all(k.startswith("joinitem_says_") for k in _item_keys(at))
    assert any(says in c.value for c in at.caption), [c.value for c in at.caption]


def _item_keys(at: AppTest) -> list[str]:
    """The vote list's items on screen (each a container keyed joinitem_<kind>_<id>)."""
    found: list[str] = []

    def walk(node) -> None:
        key = getattr(node, "key", None) or getattr(getattr(node, "proto", None), "id", "")
        if isinstance(key, str) and "joinitem_" in key:
            found.append(key[key.index("joinitem_") :])
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at.main)
    return found
