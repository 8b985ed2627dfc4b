"""The front door from a second network address, in real Chromium.

As root, a network namespace joined to this machine by a veth pair on a private /30 runs the app
on all interfaces; Chromium on this side of the pair is "another device on the room's Wi-Fi".
Without a credential it gets only the sign-in screen, on every address it tries; the facilitator
link makes it the facilitator; a participant who drops ``?join=`` is not. Inside the namespace,
its own loopback browser is the facilitator, and a loopback request that carries a proxy header is
not. The namespace (and with it both ends of the pair) is removed at the end, also on failure.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from pmo_insight.demo import create_demo_workshop
from pmo_insight.live import sessions
from pmo_insight.persistence.chain_loader import load_chain
from tests.apptest import AppDatabase
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, page_state, wait_for_app
from tests.servers import START_TIMEOUT_S, wait_for_health

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[2]
PORT = 8501  # the namespace is fresh: Streamlit's default port is free in it
#: A browser's first page from the namespace's server fetches the whole app bundle over a fresh
#: path; on a loaded CI machine that first load has taken more than 45 s (the app root not yet drawn),
#: so what the visitor should see is awaited this long instead of Streamlit's own marks.
FIRST_LOAD_MS = 120_000
#: When a fresh browser's first page is reloaded once (see ``_await_visible``).
RELOAD_AFTER_MS = 60_000
SIGN_IN = "Facilitator sign-in"
#: Addresses a visitor might try without a credential.
GUESSES = ["/", "/personas", "/empathy?workshop=1", "/journey", "/canvas", "/share", "/present?workshop=1"]


def _ip(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(["ip", *args], capture_output=True, text=True, check=check)


def _free_subnet() -> int:
    """A third octet for 10.231.N.0/30 that no interface of this machine uses yet."""
    used = _ip("-4", "addr").stdout
    for offset in range(250):
        n = (os.getpid() + offset) % 250 + 1
        if f"10.231.{n}." not in used:
            return n
    raise RuntimeError("no free 10.231.N.0/30")


@dataclass
class Door:
    """The namespace, the app server in it and what the demo holds."""

    namespace: str
    url: str
    database_url: str
    log: Path
    key: str
    code: str
    secrets: list[str] = field(default_factory=list)

    def server_log(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


@pytest.fixture(scope="module")
def door(tmp_path_factory) -> Iterator[Door]:
    if os.geteuid() != 0:
        pytest.fail("this test needs root for a network namespace (CI runs as root)")
    if shutil.which("ip") is None:
        pytest.fail("`ip` is missing: run the README's test command, which installs Debian's iproute2")
    folder = tmp_path_factory.mktemp("front-door")
    tag = f"{os.getpid() % 100000}"
    namespace, host_end, far_end = f"pmo{tag}", f"pmoh{tag}", f"pmon{tag}"
    n = _free_subnet()
    host_addr, ns_addr = f"10.231.{n}.1", f"10.231.{n}.2"
    # SQLite in a file: the namespace has its own loopback, so a database server on this machine's
    # 127.0.0.1 would be out of its reach; the test is about the network path, not the engine.
    database_url = f"sqlite:///{folder / 'door.db'}"
    db = AppDatabase(database_url)
    workshop = db.run(create_demo_workshop)
    chain = db.run(load_chain, workshop_id=workshop.id)
    live = db.run(sessions.start_session, workshop_id=workshop.id, budget=3)
    secrets = [workshop.title, *(p.name for p in chain.personas)]
    db.engine.dispose()
    link = subprocess.run(
        [sys.executable, "-m", "pmo_insight", "--db", database_url, "facilitator-link"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout.strip().splitlines()[-1]  # fmt: skip
    assert link.startswith("/?facilitator=")
    key = link.removeprefix("/?facilitator=")
    assert len(key) >= 43  # 32 random bytes

    log = folder / "server.log"
    server = None
    try:
        _ip("netns", "add", namespace)
        _ip("link", "add", host_end, "type", "veth", "peer", "name", far_end)
        _ip("link", "set", far_end, "netns", namespace)
        _ip("addr", "add", f"{host_addr}/30", "dev", host_end)
        _ip("link", "set", host_end, "up")
        _ip("netns", "exec", namespace, "ip", "addr", "add", f"{ns_addr}/30", "dev", far_end)
        _ip("netns", "exec", namespace, "ip", "link", "set", far_end, "up")
        _ip("netns", "exec", namespace, "ip", "link", "set", "lo", "up")
        env = {**os.environ, "PMO_INSIGHT_DATABASE_URL": database_url}
        for name in ("PMO_INSIGHT_FACILITATOR_PASSPHRASE_SHA256", "PMO_INSIGHT_FACILITATOR_PASSPHRASE"):
            env.pop(name, None)  # the README's default start: nothing configured
        with log.open("w") as out:
            server = subprocess.Popen(
                ["ip", "netns", "exec", namespace, sys.executable, "-m", "streamlit", "run", "app.py",
                 "--server.headless", "true", "--server.address", "0.0.0.0", "--server.port", str(PORT),
                 "--browser.gatherUsageStats", "false"],
                cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
            )  # fmt: skip
        url = f"http://{ns_addr}:{PORT}"
        try:
            wait_for_health(url, deadline=time.monotonic() + START_TIMEOUT_S, alive=lambda: server.poll() is None)
        except RuntimeError:
            raise RuntimeError(f"app did not start in the namespace: {log.read_text()}") from None
        yield Door(
            namespace=namespace, url=url, database_url=database_url, log=log, key=key, code=live.code, secrets=secrets
        )
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait(timeout=10)
        _ip("netns", "del", namespace, check=False)  # takes its end of the pair, and so the pair
        _ip("link", "del", host_end, check=False)
        assert namespace not in _ip("netns", "list", check=False).stdout
        assert host_end not in _ip("link", check=False).stdout


def _watch(page: Page) -> Page:
    """Keep what the page's console, websockets and failed requests say, for a failure message."""
    events: list[str] = []
    page.on("console", lambda m: events.append(f"console {m.type}: {m.text[:200]}"))
    page.on("requestfailed", lambda r: events.append(f"failed {r.url[-80:]}: {r.failure}"))
    page.on("websocket", lambda ws: (
        events.append(f"websocket {ws.url}"),
        ws.on("close", lambda _ws: events.append("websocket closed")),
        ws.on("socketerror", lambda e: events.append(f"websocket error {e}")),
    ))  # fmt: skip
    page._pmo_events = events  # type: ignore[attr-defined]
    return page


def _diagnosis(page: Page, what: str, door: Door) -> str:
    events = getattr(page, "_pmo_events", [])
    return f"{what} not shown: {page_state(page)}\nevents: {events[-30:]}\nserver: {door.server_log()[-3000:]}"


def _await_visible(page: Page, locator, what: str, door: Door, *, first: bool = False) -> None:
    """``what`` on screen within FIRST_LOAD_MS, or a failure that says what the page and server showed.

    ``first``: a fresh browser's first page from the namespace (the only place this test has stalled:
    twice in CI and once in six local runs, each time on a first load) gets one reload after
    RELOAD_AFTER_MS, and the stall is reported as a warning with the page's state; what the page then
    shows is judged as strictly as any other."""
    if first:
        try:
            expect(locator).to_be_visible(timeout=RELOAD_AFTER_MS)
            return
        except AssertionError:
            warnings.warn(f"first load stalled, reloaded once: {_diagnosis(page, what, door)}", stacklevel=2)
            page.reload()
    try:
        expect(locator).to_be_visible(timeout=FIRST_LOAD_MS)
    except AssertionError:
        raise AssertionError(_diagnosis(page, what, door)) from None


def _shows_nothing_of_a_workshop(page: Page, door: Door, *, first: bool = False) -> None:
    _await_visible(page, page.get_by_role("heading", name=SIGN_IN), "the sign-in heading", door, first=first)
    html = page.content()
    for secret in door.secrets:
        assert secret not in html, secret
    assert page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").count() == 0
    assert "Scan the QR code on the shared screen again" in page.inner_text("body")


def test_without_a_credential_every_address_shows_only_the_sign_in_screen(browser: Browser, door: Door):
    page = _watch(browser.new_context(locale="en-US").new_page())
    for n, path in enumerate(GUESSES):
        page.goto(door.url + path)
        # No wait for Streamlit's idle marks here: on a cold server in the namespace they were not reached
        # within 60 s in a full run, while the page showed the sign-in screen. The sign-in heading is
        # awaited instead (below), then the whole page is searched for workshop text.
        _shows_nothing_of_a_workshop(page, door, first=n == 0)


def test_the_facilitator_link_makes_this_device_the_facilitator_and_leaves_the_address_bar(
    browser: Browser, door: Door
):
    page = _watch(browser.new_context(locale="en-US").new_page())
    page.goto(f"{door.url}/?facilitator=not-the-key")
    _shows_nothing_of_a_workshop(page, door)
    expect(page.get_by_text("That facilitator link does not work")).to_be_visible()

    page.goto(f"{door.url}/?facilitator={door.key}")
    wait_for_app(page)
    expect(page.get_by_text(door.secrets[0]).first).to_be_visible(timeout=FIRST_LOAD_MS)
    expect(page).not_to_have_url(f"{door.url}/?facilitator={door.key}")
    assert door.key not in page.url
    page.get_by_test_id("stSidebarNav").get_by_text("Personas").click()
    wait_for_app(page)
    expect(page.get_by_text(door.secrets[1]).first).to_be_visible()
    assert door.key not in door.server_log()


def test_a_participant_who_drops_the_join_code_is_not_the_facilitator(browser: Browser, door: Door):
    phone = browser.new_context(viewport={"width": 390, "height": 844}, locale="en-US", is_mobile=True).new_page()
    phone.goto(f"{door.url}/?join={door.code}")
    wait_for_app(phone)
    phone.locator(".st-key-join_name input").fill("Li Na")
    phone.locator(".st-key-join_department input").fill("Finance")
    phone.locator(".st-key-join_submit button").click()
    expect(phone.get_by_text("Li Na · Finance")).to_be_visible()
    token = phone.url.split("p=")[-1]

    for path in ("/", "/personas", f"/?p={token}"):
        phone.goto(door.url + path)
        wait_for_app(phone)
        _shows_nothing_of_a_workshop(phone, door)
    log = door.server_log()
    assert door.code not in log and token not in log


@pytest.fixture
def browser_in_namespace(playwright, door: Door, tmp_path) -> Iterator[Browser]:
    """Chromium started inside the namespace: its 127.0.0.1 is the namespace's own loopback."""
    wrapper = tmp_path / "chromium-in-namespace"
    wrapper.write_text(f'#!/bin/sh\nexec ip netns exec {door.namespace} {CHROMIUM} "$@"\n', encoding="utf-8")
    wrapper.chmod(0o755)
    inside = playwright.chromium.launch(executable_path=str(wrapper), headless=True, args=CHROMIUM_ARGS)
    yield inside
    inside.close()


def test_inside_the_namespace_loopback_is_the_facilitator_and_a_proxied_request_is_not(
    browser_in_namespace: Browser, door: Door
):
    local = f"http://127.0.0.1:{PORT}"
    own = _watch(browser_in_namespace.new_context(locale="en-US").new_page())
    own.goto(local + "/")
    # This browser's first page: awaited by what it should show (see FIRST_LOAD_MS), then settled.
    _await_visible(own, own.get_by_text(door.secrets[0]).first, "the workshop's title", door, first=True)
    wait_for_app(own)

    # The server stack even rewrites the peer from this header when it comes from loopback; the
    # header itself is what marks a relayed request, so the claimed 127.0.0.1 changes nothing.
    for header in ({"X-Forwarded-For": "127.0.0.1"}, {"X-Real-IP": "127.0.0.1"}, {"Forwarded": "for=127.0.0.1"}):
        relayed = _watch(browser_in_namespace.new_context(locale="en-US", extra_http_headers=header).new_page())
        relayed.goto(local + "/")
        _shows_nothing_of_a_workshop(relayed, door)
        relayed.context.close()


def test_a_new_facilitator_link_signs_out_a_device_on_the_live_board_without_a_click(browser: Browser, door: Door):
    page = _watch(browser.new_context(locale="en-US").new_page())
    page.goto(f"{door.url}/?facilitator={door.key}")
    wait_for_app(page)
    page.get_by_test_id("stSidebarNav").get_by_text("Empathy map").click()
    expect(page.locator(".live-board")).to_be_visible(timeout=FIRST_LOAD_MS)

    rotated = subprocess.run(
        [sys.executable, "-m", "pmo_insight", "--db", door.database_url, "facilitator-link", "--rotate"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout.strip().splitlines()[-1]  # fmt: skip
    door.key = rotated.removeprefix("/?facilitator=")

    # Nobody touches the screen: the board's own polling finds the link replaced.
    _shows_nothing_of_a_workshop(page, door)
    assert page.locator(".live-board").count() == 0
