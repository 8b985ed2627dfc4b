"""The team deployment of deploy/: N app processes on one database behind nginx, on loopback.

The shipped nginx configuration is checked by ``nginx -t`` as it is, then run with two app
processes started by ``deploy/start-servers.sh`` on the run's database (PostgreSQL in the
README's test command's first run): health through the proxy, websocket upgrade, sticky routes,
no capability link in any log. The deployment needs facilitator sign-in: without it the start
script refuses.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.servers import ROOT, free_port, wait_for_health

DEPLOY = ROOT / "deploy"
SITE = DEPLOY / "nginx-pmo-insight.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
ROUTE_COOKIE = "pmo_insight_route"
#: The deployment's facilitator sign-in (start-servers.sh refuses to start without one).
PASSPHRASE_SHA256 = hashlib.sha256(b"team deployment passphrase").hexdigest()
SITE_ACCESS_LOG = "access_log /var/log/nginx/pmo-insight.access.log pmo_insight_no_query;"


def _nginx_main(folder: Path, site: Path) -> Path:
    """A main nginx.conf that runs everything inside ``folder`` and includes ``site`` as Debian's conf.d would."""
    for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (folder / sub).mkdir(exist_ok=True)
    main = folder / "nginx.conf"
    main.write_text(
        f"""
pid {folder}/nginx.pid;
error_log {folder}/error.log;
events {{ worker_connections 256; }}
http {{
    log_format routes '$cookie_{ROUTE_COOKIE} $upstream_addr $status $uri';
    access_log {folder}/access.log routes;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    include {site};
}}
""",
        encoding="utf-8",
    )
    return main


def _nginx(*args: str) -> list[str]:
    if not Path(NGINX).exists():
        pytest.fail("nginx is missing: run the README's test command, which installs Debian's nginx")
    return [NGINX, "-e", "stderr", *args]


def test_the_shipped_nginx_configuration_is_valid(tmp_path):
    main = _nginx_main(tmp_path, SITE)

    result = subprocess.run(_nginx("-t", "-p", str(tmp_path), "-c", str(main)), capture_output=True, text=True)

    assert result.returncode == 0, result.stderr
    assert "syntax is ok" in result.stderr


def _two_free_ports_in_a_row() -> int:
    for _ in range(50):
        first = free_port()
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", first + 1))
            except OSError:
                continue
        return first
    raise RuntimeError("no two free ports in a row")


@pytest.fixture(scope="module")
def deployment(databases, tmp_path_factory) -> Iterator[dict]:
    """deploy/start-servers.sh with two processes on one fresh database, and nginx with the shipped site in front.

    Started once for the tests below, which only read.
    """
    tmp_path = tmp_path_factory.mktemp("deployment")
    database_url = databases.create()
    run = tmp_path / "run"
    env = {**os.environ, "PMO_INSIGHT_DATABASE_URL": database_url, "PMO_INSIGHT_RUN_DIR": str(run),
           "PMO_INSIGHT_FACILITATOR_PASSPHRASE_SHA256": PASSPHRASE_SHA256}  # fmt: skip
    script = str(DEPLOY / "start-servers.sh")
    try:
        started = subprocess.run(
            ["bash", script, "start", "2", str(_two_free_ports_in_a_row())],
            env=env, capture_output=True, text=True, timeout=180,
        )  # fmt: skip
        assert started.returncode == 0, started.stderr
        upstreams = re.findall(r"^\s*server 127\.0\.0\.1:\d+;$", started.stdout, re.MULTILINE)
        assert len(upstreams) == 2, started.stdout

        proxy_port = free_port()
        site = SITE.read_text(encoding="utf-8")
        site, listens = re.subn(r"listen 80;", f"listen 127.0.0.1:{proxy_port};", site)
        site, servers = re.subn(r"(?m)^\s*server 127\.0\.0\.1:\d+;\n", "", site)
        site = site.replace("consistent;\n", "consistent;\n" + "\n".join(upstreams) + "\n", 1)
        site, logs = re.subn(
            re.escape(SITE_ACCESS_LOG),
            f"access_log {tmp_path}/site-access.log pmo_insight_no_query;\n"
            f"    access_log {tmp_path}/access.log routes;",
            site,
        )
        assert (listens, servers, logs) == (1, 4, 1)
        (tmp_path / "site.conf").write_text(site, encoding="utf-8")
        main = _nginx_main(tmp_path, tmp_path / "site.conf")
        nginx = subprocess.Popen(
            _nginx("-p", str(tmp_path), "-c", str(main), "-g", "daemon off;"),
            stdout=subprocess.DEVNULL, stderr=(tmp_path / "nginx.out").open("w"),
        )  # fmt: skip
        try:
            url = f"http://127.0.0.1:{proxy_port}"
            wait_for_health(url, deadline=time.monotonic() + 30, alive=lambda: nginx.poll() is None)
            yield {"url": url, "port": proxy_port, "access_log": tmp_path / "access.log", "run": run,
                   "site_log": tmp_path / "site-access.log"}  # fmt: skip
        finally:
            nginx.terminate()
            nginx.wait(timeout=10)
    finally:
        stopped = subprocess.run(["bash", script, "stop"], env=env, capture_output=True, text=True, timeout=60)
        databases.drop(database_url)
        assert stopped.returncode == 0, stopped.stderr
        assert list(run.glob("*.pid")) == []


def _get(url: str, cookie: str | None = None):
    request = urllib.request.Request(url, headers={"Cookie": f"{ROUTE_COOKIE}={cookie}"} if cookie else {})
    return urllib.request.urlopen(request, timeout=10)


def test_the_proxy_serves_the_app_and_hands_each_browser_a_route(deployment):
    first = _get(f"{deployment['url']}/_stcore/health")
    page = _get(f"{deployment['url']}/").read().decode()
    returning = _get(f"{deployment['url']}/_stcore/health", cookie="abc")

    assert first.read() == b"ok"
    routes = [c for c in first.headers.get_all("Set-Cookie") if c.startswith(f"{ROUTE_COOKIE}=")]
    assert len(routes) == 1
    assert re.fullmatch(rf"{ROUTE_COOKIE}=[0-9a-f]{{32}}; Path=/; HttpOnly; SameSite=Lax", routes[0])
    assert '<div id="root">' in page
    assert not [c for c in returning.headers.get_all("Set-Cookie") or [] if c.startswith(f"{ROUTE_COOKIE}=")]


def test_a_websocket_upgrades_through_the_proxy(deployment):
    key = base64.b64encode(os.urandom(16)).decode()
    request = (
        "GET /_stcore/stream HTTP/1.1\r\n"
        f"Host: 127.0.0.1:{deployment['port']}\r\n"
        "Upgrade: websocket\r\nConnection: Upgrade\r\n"
        f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: streamlit\r\n"
        f"Cookie: {ROUTE_COOKIE}=one-browser\r\n\r\n"
    )
    with socket.create_connection(("127.0.0.1", deployment["port"]), timeout=10) as conn:
        conn.sendall(request.encode())
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = conn.recv(4096)
            if not chunk:
                break
            head += chunk
    status, *lines = head.decode("latin-1").split("\r\n")
    headers = {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines if line)}
    accept = base64.b64encode(hashlib.sha1((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").encode()).digest()).decode()

    assert status.startswith("HTTP/1.1 101"), head
    assert headers["upgrade"].lower() == "websocket"
    assert headers["sec-websocket-accept"] == accept


def test_each_browser_sticks_to_one_process_and_browsers_spread_over_both(deployment):
    routes = [f"browser-{n}" for n in range(16)]
    for _ in range(3):
        for route in routes:
            assert _get(f"{deployment['url']}/_stcore/health", cookie=route).read() == b"ok"

    served: dict[str, set[str]] = {}
    for line in deployment["access_log"].read_text().splitlines():
        route, upstream, status, _uri = line.split(" ")
        if route in routes:
            served.setdefault(route, set()).add(upstream)

    assert set(served) == set(routes)
    assert all(len(upstreams) == 1 for upstreams in served.values()), served
    assert len(set().union(*served.values())) == 2, served


def test_the_start_script_refuses_a_deployment_without_sign_in(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PMO_INSIGHT_FACILITATOR_PASSPHRASE")}
    env.update(PMO_INSIGHT_DATABASE_URL=f"sqlite:///{tmp_path / 'never.db'}", PMO_INSIGHT_RUN_DIR=str(tmp_path / "run"))

    started = subprocess.run(
        ["bash", str(DEPLOY / "start-servers.sh"), "start", "1", str(free_port())],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip

    assert started.returncode == 2
    assert "refusing to start" in started.stderr and "PMO_INSIGHT_FACILITATOR_PASSPHRASE_SHA256" in started.stderr
    assert not (tmp_path / "never.db").exists() and not (tmp_path / "run").exists()


def test_capability_links_reach_no_log_and_pages_send_no_referrer(deployment):
    secrets_in_links = {"review": "R" * 43, "join": "ABCDEF", "facilitator": "F" * 43}
    for name, value in secrets_in_links.items():
        page = _get(f"{deployment['url']}/?{name}={value}")
        assert page.headers["Referrer-Policy"] == "no-referrer"
        page.read()

    site_log = deployment["site_log"].read_text()
    app_logs = "".join(p.read_text() for p in deployment["run"].glob("app-*.log"))
    assert 'GET / HTTP/1.1" 200' in site_log  # the site's own log does record the requests
    for value in secrets_in_links.values():
        assert value not in site_log and value not in app_logs
