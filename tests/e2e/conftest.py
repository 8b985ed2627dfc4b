"""Real-browser fixtures: the app on a free port with its own database, and Debian's Chromium.

The database is the run's choice (tests/databases.py); the README's test command runs the browser
tests on SQLite only, to keep CI short.

Playwright's own browser download does not work offline, so the launch points at
/usr/bin/chromium with the flags that stop it reaching for the network.
"""

from __future__ import annotations

from collections.abc import Iterator
from ipaddress import ip_address
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from tests.servers import RunningApp, app_server

#: A loaded CI machine can take seconds for a rerun; expectations poll until then.
expect.set_options(timeout=45_000)

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
SHOTS = ROOT / "test-results" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def running_app(new_database, tmp_path) -> Iterator[RunningApp]:
    """A fresh app server per test, so each test starts from an empty database."""
    with app_server(new_database(), tmp_path) as app:
        yield app


#: Where a test's browser may send requests: the app on this machine, or in a test's network namespace.
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}


def is_outside(url: str) -> bool:
    """A request that would leave the machine (data:, blob: and about: URLs never do)."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https", "ws", "wss"}:
        return False
    host = parts.hostname or ""
    if host in LOCAL_HOSTS:
        return False
    try:
        return not ip_address(host).is_private
    except ValueError:
        return True


@pytest.fixture(autouse=True)
def _no_screen_requests_another_site(request, monkeypatch):
    """Every browser context a test opens records its requests; none may go to another origin.

    The app links nowhere outside and loads nothing from outside (fonts, icons, scripts): a page
    holding a review, join or facilitator key in its address then has nobody to send it to.
    """
    if not {"page", "context", "browser"} & set(request.fixturenames):
        yield
        return
    browser = request.getfixturevalue("browser")
    outside: list[str] = []
    original = browser.new_context

    def new_context(*args, **kwargs):
        context = original(*args, **kwargs)
        context.on("request", lambda req: outside.append(req.url) if is_outside(req.url) else None)
        return context

    monkeypatch.setattr(browser, "new_context", new_context)
    yield
    assert outside == [], f"requests to other sites: {outside[:5]}"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run the README's test command, which installs Debian's chromium")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "headless": True, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1920, "height": 1080}, "locale": "en-US"}


#: True once the app has run its script at least once and is not running it now (Streamlit's own marks).
APP_IDLE = """() => {
  const app = document.querySelector('[data-testid=stApp]');
  return app !== null && app.getAttribute('data-test-script-state') === 'notRunning'
    && !document.querySelector('[data-testid="stStatusWidget"]');
}"""


def wait_for_app(page, timeout: float = 45_000) -> None:
    """Until Streamlit has finished the current run, ``timeout`` ms at most. A page whose first run has
    not even started yet ("initial") is not idle: the wait covers the connection too."""
    try:
        page.wait_for_selector("[data-testid='stApp']", timeout=timeout)
        page.wait_for_timeout(300)
        page.wait_for_function(APP_IDLE, timeout=timeout)
    except PlaywrightTimeoutError as error:
        raise AssertionError(f"the app did not settle: {page_state(page)}") from error
    page.wait_for_timeout(200)


#: What a page shows when a wait on it runs out: enough to tell a stalled load from a stalled run.
PAGE_STATE = """() => {
  const app = document.querySelector('[data-testid=stApp]');
  const box = app ? app.getBoundingClientRect() : null;
  return {
    readyState: document.readyState,
    app: app ? `${box.width}x${box.height} ${app.getAttribute('data-test-script-state')}` : 'absent',
    status: (document.querySelector('[data-testid="stStatusWidget"]') || {}).innerText || null,
    scripts: Array.from(document.scripts).map(s => s.src.split('/').pop()).slice(0, 5),
    resources: performance.getEntriesByType('resource').length,
    body: (document.body ? document.body.innerText : '').slice(0, 300),
  };
}"""


def page_state(page) -> str:
    """The page's address, load state and first text, and a screenshot's path, for a failure message."""
    try:
        state = page.evaluate(PAGE_STATE)
    except Exception as error:  # noqa: BLE001 - a diagnostic must not hide the original failure
        state = f"(could not read the page: {error})"
    try:
        shot = screenshot(page, f"stalled-{abs(hash(page.url)) % 10**6}")
    except Exception as error:  # noqa: BLE001
        shot = f"(no screenshot: {error})"
    return f"url={page.url} state={state} screenshot={shot}"


def screenshot(page, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
