"""Real app server processes for tests: N Streamlit servers on free loopback ports, one database.

Browser tests start one; the team-deployment tests start several behind a proxy, as
``deploy/`` runs them. Each server is stopped by its own process id when the block ends.
The ``running_apps`` fixture (registered for every test by tests/conftest.py) starts N on one
fresh database of the run's engine.
"""

from __future__ import annotations

import itertools
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
#: Two or more servers starting at once on a loaded CI machine can take a while.
START_TIMEOUT_S = 120


@dataclass(frozen=True)
class RunningApp:
    url: str
    database_url: str
    port: int
    log: Path
    #: The server's process id (benchmarks read its CPU time).
    pid: int = 0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_health(url: str, *, deadline: float, alive=lambda: True) -> None:
    """Until ``url``/_stcore/health answers ``ok``; fails if ``alive()`` turns false or time runs out."""
    while True:
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).read() == b"ok":
                return
        except OSError:
            pass
        if not alive() or time.monotonic() > deadline:
            raise RuntimeError(f"{url} did not become healthy")
        time.sleep(0.2)


def _start(database_url: str, log: Path, extra_env: dict[str, str] | None) -> tuple[subprocess.Popen, int]:
    port = free_port()
    env = {**os.environ, "PMO_INSIGHT_DATABASE_URL": database_url, **(extra_env or {})}
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
             "--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    return proc, port


def _stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


@contextmanager
def app_servers(
    count: int, database_url: str, folder: Path, *, extra_env: dict[str, str] | None = None
) -> Iterator[list[RunningApp]]:
    """``count`` app servers sharing ``database_url``, started together; their logs go to ``folder``.

    The database should already be migrated (test databases are; ``deploy/start-servers.sh`` migrates
    before it starts the servers), so no two processes run the same migration at once.
    """
    started: list[tuple[subprocess.Popen, int, Path]] = []
    try:
        for i in range(count):
            log = folder / f"app-{i}.log"
            started.append((*_start(database_url, log, extra_env), log))
        deadline = time.monotonic() + START_TIMEOUT_S
        apps = []
        for proc, port, log in started:
            url = f"http://127.0.0.1:{port}"
            try:
                wait_for_health(url, deadline=deadline, alive=lambda p=proc: p.poll() is None)
            except RuntimeError:
                raise RuntimeError(f"app did not start: {log.read_text()}") from None
            apps.append(RunningApp(url=url, database_url=database_url, port=port, log=log, pid=proc.pid))
        yield apps
    finally:
        for proc, _port, _log in started:
            _stop(proc)


@contextmanager
def app_server(database_url: str, folder: Path, **kwargs) -> Iterator[RunningApp]:
    """One app server on a free loopback port against ``database_url``."""
    with app_servers(1, database_url, folder, **kwargs) as (app,):
        yield app


@pytest.fixture
def running_apps(new_database, tmp_path) -> Iterator[Callable[[int], list[RunningApp]]]:
    """Call it with N for N app servers sharing one fresh database; all are stopped after the test.

    On PostgreSQL this is a team deployment without its proxy: several processes, one database.
    """
    groups = itertools.count(1)
    with ExitStack() as stack:

        def start(count: int) -> list[RunningApp]:
            folder = tmp_path / f"servers-{next(groups)}"
            folder.mkdir()
            return stack.enter_context(app_servers(count, new_database(), folder))

        yield start
