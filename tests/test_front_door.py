"""The front door: who is the facilitator with nothing configured, the facilitator link, the throttle.

Service level: a signed-out session is refused every service of the registry; the loopback rule;
the key (only its hash stored); the throttle's counting, also across two processes on one
database. Under AppTest: what a session from another device sees, claiming and losing the
facilitator link, the lockout on the screen, and Home's link for a second device.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from datetime import timedelta

import pytest
from sqlmodel import Session, select
from streamlit.testing.v1 import AppTest

from pmo_insight import web
from pmo_insight.access import facilitator_key, throttle
from pmo_insight.access.models import FacilitatorKey
from pmo_insight.access.peer import is_direct_loopback
from pmo_insight.demo import create_demo_workshop
from pmo_insight.models import utcnow
from pmo_insight.persistence.chain_loader import load_chain
from pmo_insight.review.signin import HASH_ENV
from pmo_insight.roles import Forbidden, Role, allow, allow_reads, allowed_reads, allowed_writes, guard, may_call
from pmo_insight.services.registry import READ_ONLY, all_services, write_services
from pmo_insight.services.workshops import list_workshop_titles
from tests.servers import ROOT

OTHER_DEVICE = "192.168.1.37"

# --- the role guard -----------------------------------------------------------------------------


def test_a_signed_out_session_is_refused_every_read_and_every_write_service():
    services = all_services()
    reads = {name for name in services if name in READ_ONLY}
    assert len(reads) > 30 and len(write_services()) > 30  # the registry really lists both kinds

    for name, service in services.items():
        assert not may_call(Role.SIGNED_OUT, service), name
        with pytest.raises(Forbidden):
            guard(Role.SIGNED_OUT, service)
    assert allowed_writes(Role.SIGNED_OUT) == allowed_reads(Role.SIGNED_OUT) == frozenset()


def test_no_feature_can_open_a_service_to_a_signed_out_session():
    with pytest.raises(ValueError):
        allow(Role.SIGNED_OUT, list_workshop_titles)
    with pytest.raises(ValueError):
        allow_reads(Role.SIGNED_OUT, list_workshop_titles)
    assert not may_call(Role.SIGNED_OUT, list_workshop_titles)


def test_a_session_nobody_identified_is_signed_out_not_the_facilitator():
    assert web.role() is Role.SIGNED_OUT  # no role in the session (here: no session at all)


# --- who is on the other end ---------------------------------------------------------------------


@pytest.mark.parametrize("address", ["127.0.0.1", "127.0.0.2", "::1", "::ffff:127.0.0.1"])
def test_a_direct_loopback_peer_is_local(address):
    assert is_direct_loopback(address, [("host", "localhost:8501"), ("origin", "http://localhost:8501")])


@pytest.mark.parametrize("address", [None, "", "10.231.0.1", "192.168.1.37", "::ffff:10.0.0.1", "not an address"])
def test_any_other_peer_is_not_local(address):
    assert not is_direct_loopback(address, [])


@pytest.mark.parametrize(
    "header", [("X-Forwarded-For", "127.0.0.1"), ("x-real-ip", "127.0.0.1"), ("Forwarded", "for=127.0.0.1")]
)
def test_a_loopback_request_with_a_proxy_header_is_never_local(header):
    assert not is_direct_loopback("127.0.0.1", [("host", "localhost"), header])


# --- the facilitator key -------------------------------------------------------------------------


def test_the_key_has_256_random_bits_and_only_its_hash_is_stored(session: Session):
    key = facilitator_key.ensure_key(session)
    session.commit()

    assert key is not None and len(key) >= 43
    rows = session.exec(select(FacilitatorKey)).all()
    assert [r.key_sha256 for r in rows] == [hashlib.sha256(key.encode()).hexdigest()]
    assert key not in json.dumps([r.model_dump(mode="json") for r in rows])
    assert facilitator_key.ensure_key(session) is None  # it exists: it cannot be shown again
    assert facilitator_key.matching_hash(session, key) == rows[0].key_sha256
    assert facilitator_key.matching_hash(session, key[:-1]) is None
    assert facilitator_key.matching_hash(session, "") is None


def test_rotating_replaces_the_key(session: Session):
    old = facilitator_key.rotate_key(session)
    new = facilitator_key.rotate_key(session)

    assert old != new
    assert facilitator_key.matching_hash(session, old) is None
    assert facilitator_key.matching_hash(session, new) is not None
    assert len(session.exec(select(FacilitatorKey)).all()) == 1


def test_no_key_at_all_matches_nothing(session: Session):
    assert facilitator_key.matching_hash(session, "0" * 43) is None


# --- the throttle ---------------------------------------------------------------------------------


def test_five_wrong_attempts_start_a_refusal_that_doubles_each_time(session: Session):
    now = utcnow()
    subjects = [throttle.subject("session", "s1"), throttle.subject("address", OTHER_DEVICE)]

    delays = [throttle.record_failure(session, subjects, now=now + timedelta(seconds=i)) for i in range(5)]
    assert delays == [0, 0, 0, 0, 60]
    assert throttle.refused_for(session, subjects, now=now + timedelta(seconds=5)) == 59
    assert throttle.refused_for(session, subjects[1:], now=now + timedelta(seconds=5)) > 0  # another tab, same address

    later = now + timedelta(seconds=70)
    assert throttle.refused_for(session, subjects, now=later) == 0
    assert throttle.record_failure(session, subjects, now=later) == 120
    assert throttle.record_failure(session, subjects, now=later + timedelta(seconds=121)) == 240
    assert throttle.refused_for(session, [throttle.subject("address", "10.0.0.9")], now=later) == 0


def test_the_refusal_never_exceeds_an_hour():
    assert throttle.delay_after(0) == timedelta(minutes=1)
    assert throttle.delay_after(3) == timedelta(minutes=8)
    assert throttle.delay_after(20) == timedelta(hours=1)


def test_failures_older_than_ten_minutes_do_not_count_and_a_right_attempt_resets_the_count(session: Session):
    now = utcnow()
    subjects = [throttle.subject("session", "s2")]
    for i in range(4):
        throttle.record_failure(session, subjects, now=now - timedelta(minutes=11) + timedelta(seconds=i))
    assert throttle.record_failure(session, subjects, now=now) == 0
    for i in range(3):
        throttle.record_failure(session, subjects, now=now + timedelta(seconds=i + 1))
    throttle.forget_failures(session, subjects)
    assert throttle.record_failure(session, subjects, now=now + timedelta(seconds=5)) == 0


_ATTEMPTS = """
import sys
from datetime import datetime, timedelta
from pmo_insight.access import throttle
from pmo_insight.persistence.db import make_engine, session_scope
url, start, offset, count, address = sys.argv[1:]
now = datetime.fromisoformat(start) + timedelta(seconds=float(offset))
engine = make_engine(url)
with session_scope(engine) as session:
    subjects = [throttle.subject("address", address)]
    delays = [throttle.record_failure(session, subjects, now=now) for _ in range(int(count))]
with session_scope(engine) as session:
    print(delays[-1] if delays else 0, throttle.refused_for(session, subjects, now=now))
"""


def _attempts_in_another_process(url: str, start: str, offset: float, count: int) -> tuple[int, int]:
    done = subprocess.run(
        [sys.executable, "-c", _ATTEMPTS, url, start, str(offset), str(count), OTHER_DEVICE],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    delay, refused = done.stdout.split()
    return int(delay), int(refused)


def test_the_lockout_holds_across_two_processes_on_one_database(new_database):
    url, start = new_database(), utcnow().isoformat()

    assert _attempts_in_another_process(url, start, 0, 3) == (0, 0)  # "server one": 3 wrong
    assert _attempts_in_another_process(url, start, 1, 2) == (60, 60)  # "server two": 2 more, refused
    assert _attempts_in_another_process(url, start, 2, 0) == (0, 59)  # server one refuses too
    assert _attempts_in_another_process(url, start, 62, 1) == (120, 120)  # after the wait: the delay grew
    assert _attempts_in_another_process(url, start, 63, 0)[1] == 119


# --- the app under AppTest ------------------------------------------------------------------------


def _open(*, lang: str = "en", **params: str) -> AppTest:
    at = AppTest.from_file("../app.py", default_timeout=60)
    at.session_state["lang"] = lang
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    assert not at.exception, at.exception
    return at


def _text(at: AppTest) -> str:
    kinds = ("title", "header", "subheader", "markdown", "caption", "error", "success", "info", "warning", "code")
    return "\n".join(str(e.value) for kind in kinds for e in getattr(at, kind))


def _is_sign_in(at: AppTest) -> bool:
    titled = bool(at.title) and "sign-in" in at.title[0].value.lower()
    return titled and at.session_state[web.ROLE_KEY] is Role.SIGNED_OUT


@pytest.fixture
def demo(app_db):
    workshop = app_db.run(create_demo_workshop)
    chain = app_db.run(load_chain, workshop_id=workshop.id)
    return [workshop.title, *(p.name for p in chain.personas)]


def test_another_device_sees_only_the_sign_in_screen_and_what_to_do(app_db, demo, peer_of_apptest):
    peer_of_apptest(OTHER_DEVICE)
    for page in (None, "pages/home.py", "pages/personas.py", "pages/share.py"):
        at = _open()
        if page is not None:  # a facilitator screen asked for by its file: not in this session's navigation
            with pytest.raises(ValueError, match=r"Known pages: \['[^,\]]*sign_in\.py'\]"):
                at.switch_page(page)
        assert _is_sign_in(at)
        assert "Scan the QR code on the shared screen again" in _text(at)
        assert not any(secret in _text(at) for secret in demo)
        assert "workshop_id" not in at.session_state and not at.sidebar.selectbox


def test_the_servers_own_browser_is_the_facilitator_but_not_through_a_proxy_header(app_db, demo, peer_of_apptest):
    at = _open()
    assert at.session_state[web.ROLE_KEY] is Role.FACILITATOR and demo[0] in str(at.sidebar.selectbox[0].options)

    peer_of_apptest("127.0.0.1", (("X-Forwarded-For", "192.168.1.37"),))
    assert _is_sign_in(_open())


def test_with_sign_in_configured_even_the_servers_own_browser_signs_in(app_db, monkeypatch):
    monkeypatch.setenv(HASH_ENV, hashlib.sha256(b"correct horse").hexdigest())
    assert _is_sign_in(_open())


def test_the_facilitator_link_makes_another_device_the_facilitator_until_the_key_is_rotated(
    app_db, demo, peer_of_apptest
):
    key = app_db.run(facilitator_key.rotate_key)
    peer_of_apptest(OTHER_DEVICE)
    at = _open(facilitator=key)
    assert at.session_state[web.ROLE_KEY] is Role.FACILITATOR
    assert "facilitator" not in at.query_params  # out of the address bar
    at.switch_page("pages/personas.py").run()
    assert demo[1] in _text(at)  # the session keeps its rights from screen to screen
    assert "second_device_link" not in [b.key for b in at.button]  # only the server's own browser makes links

    new_key = app_db.run(facilitator_key.rotate_key)
    at.run()  # its next interaction
    assert _is_sign_in(at) and not any(secret in _text(at) for secret in demo)
    assert "does not work" in _text(at)
    assert _open(facilitator=new_key).session_state[web.ROLE_KEY] is Role.FACILITATOR


def test_five_wrong_keys_lock_the_address_out_and_the_screen_says_so(app_db, demo, peer_of_apptest):
    key = app_db.run(facilitator_key.rotate_key)
    peer_of_apptest(OTHER_DEVICE)
    for n in range(5):
        at = _open(facilitator=f"guess-{n}")
        assert _is_sign_in(at)
    assert "Too many wrong attempts" in _text(at)

    refused = _open(facilitator=key)  # the right key, from a new tab on the same address
    assert _is_sign_in(refused) and "Too many wrong attempts" in _text(refused)
    peer_of_apptest("192.168.1.99")
    assert _open(facilitator=key).session_state[web.ROLE_KEY] is Role.FACILITATOR  # another device may


def test_five_wrong_passphrases_then_the_right_one_is_refused(app_db, monkeypatch, peer_of_apptest):
    monkeypatch.setenv(HASH_ENV, hashlib.sha256(b"correct horse").hexdigest())
    peer_of_apptest(OTHER_DEVICE)
    at = _open()
    submit = "FormSubmitter:signin_form-Sign in"
    for n in range(5):
        at.text_input(key="signin_passphrase").input(f"wrong {n}")
        at.button(key=submit).click().run()
        assert _is_sign_in(at)
    assert "Too many wrong attempts" in _text(at) and "not right" not in _text(at)

    at.text_input(key="signin_passphrase").input("correct horse")
    at.button(key=submit).click().run()
    assert _is_sign_in(at) and "Too many wrong attempts" in _text(at)


def test_home_on_the_servers_own_browser_makes_a_link_for_a_second_device(app_db, demo, peer_of_apptest):
    first_key = app_db.run(facilitator_key.rotate_key)
    peer_of_apptest(OTHER_DEVICE)
    phone = _open(facilitator=first_key)
    assert phone.session_state[web.ROLE_KEY] is Role.FACILITATOR

    peer_of_apptest("127.0.0.1")
    home = _open()
    assert not home.code
    home.button(key="second_device_link").click().run()
    shown = [c.value for c in home.code]
    qr_codes = [h for h in home.get("html") if "data:image/png;base64," in h.proto.body and 'alt="' in h.proto.body]
    assert len(shown) == 1 and "/?facilitator=" in shown[0] and len(qr_codes) == 1  # the link and its QR code
    new_key = shown[0].split("/?facilitator=")[-1]
    home.run()
    assert not home.code  # shown once

    peer_of_apptest(OTHER_DEVICE)
    phone.run()
    assert _is_sign_in(phone)  # the old link stopped working
    assert _open(facilitator=new_key).session_state[web.ROLE_KEY] is Role.FACILITATOR


def test_the_sign_in_screen_speaks_chinese(app_db, peer_of_apptest):
    peer_of_apptest(OTHER_DEVICE)
    at = _open(lang="zh")
    assert at.title[0].value == "🔑 主持人登录"
    assert "重新扫描共享屏幕上的二维码" in _text(at)


# --- the command line -----------------------------------------------------------------------------


def _cli(url: str, *args: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-m", "pmo_insight", "--db", url, "facilitator-link", *args],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()


def test_the_command_prints_a_link_when_it_makes_one_and_rotate_replaces_it(new_database):
    url = new_database()
    first = _cli(url)[-1]
    assert first.startswith("/?facilitator=") and len(first) >= len("/?facilitator=") + 43

    again = _cli(url)
    assert not any("facilitator=" in line for line in again) and "--rotate" in "\n".join(again)

    rotated = _cli(url, "--rotate")[-1]
    assert rotated.startswith("/?facilitator=") and rotated != first
    from pmo_insight.persistence.db import make_engine

    engine = make_engine(url)
    with Session(engine) as session:
        assert facilitator_key.matching_hash(session, first.split("=", 1)[1]) is None
        assert facilitator_key.matching_hash(session, rotated.split("=", 1)[1]) is not None
    engine.dispose()
