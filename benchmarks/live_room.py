"""A room of 30 taking part at once: how fast does the shared screen show what a participant adds?

    .venv/bin/python benchmarks/live_room.py [--seconds 60] [--participants 30] [--browsers 3]
                                             [--servers 2] [--database URL]

Starts the app on a free port with a throwaway SQLite database (or ``--database``, e.g. an empty
PostgreSQL database), opens the shared screen
(``/empathy?workshop=ID``) in a real headless Chromium at 1920×1080, and lets participants add
notes and dot votes for ``--seconds``: ``--browsers`` of them on real phone pages (390×844,
joined through the join form, each note typed and sent with Enter), the rest through the same
participant services the phone screen calls. Nobody touches the shared screen. With
``--servers 2`` two app processes share the database: the phones use the first, the shared screen
the second, so every figure is a change crossing from one process to the other.

It prints p50/p95 of the time from a participant's Enter (or service call) to the note's text
being visible on the shared screen (polled in the page every 25 ms), how many notes never
appeared, and the CPU time used per participant: the app server's process (phone sessions and
the shared screen's reruns) plus the simulated participants' service calls in this process.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402
from sqlmodel import Session  # noqa: E402

from pmo_insight.live import participants as people  # noqa: E402
from pmo_insight.live import sessions  # noqa: E402
from pmo_insight.live.errors import BudgetSpent, ItemCapReached, VoteNotCounted  # noqa: E402
from pmo_insight.persistence.db import make_engine, migrate, session_scope  # noqa: E402
from pmo_insight.services import empathy, personas, workshops  # noqa: E402
from tests.servers import app_servers  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]  # fmt: skip
#: A loaded machine can take long for a first page load; the figures measured are the live updates.
SLOW_MACHINE_MS = 180_000
QUADRANTS = ["says", "thinks", "does", "feels", "pains", "gains"]
#: Words for the phones' notes, so no two are near-duplicates of each other.
PHRASES = [
    "Approval waits for the CFO", "Status decks eat Mondays", "Nobody reads the risk log", "Priorities change weekly",
    "Budget lines are unclear", "Vendors answer late", "Reports arrive twice", "Meetings lack an agenda",
    "Handover notes go missing", "Sign-off needs three people", "Dashboards show old data", "Scope creeps quietly",
]  # fmt: skip
#: In the shared screen: remember when each marker's text was first seen (epoch ms).
WATCHER = """() => {
  window.__seen = {};
  setInterval(() => {
    for (const el of document.querySelectorAll('.live-note, [class*="st-key-stickytext_"]')) {
      const m = el.textContent.match(/bench-\\d+/);
      if (m && !(m[0] in window.__seen)) window.__seen[m[0]] = performance.timeOrigin + performance.now();
    }
  }, 25);
}"""


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Sent:
    """Markers sent so far with the moment each was sent (epoch ms), shared by every thread."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.count = 0
        self.at: dict[str, tuple[float, str]] = {}

    def next_marker(self) -> str:
        with self.lock:
            self.count += 1
            return f"bench-{self.count}"

    def record(self, marker: str, origin: str, at_ms: float) -> None:
        with self.lock:
            self.at[marker] = (at_ms, origin)


def simulated(engine, code: str, name: str, sent: Sent, stop: threading.Event, interval: float, cpu: list) -> None:
    rng = random.Random(name)
    start_cpu = time.thread_time()
    with session_scope(engine) as s:
        token = people.join_session(s, code=code, name=name, department="Bench").token
    time.sleep(rng.uniform(0, interval))
    while not stop.is_set():
        marker = sent.next_marker()
        at = time.time() * 1000
        with session_scope(engine) as s:
            people.add_live_note(s, code=code, token=token, quadrant=rng.choice(QUADRANTS), text=f"{name} {marker}")
        sent.record(marker, "service", at)
        with Session(engine) as s:
            view = people.participant_view(s, code=code, token=token)
        if view.remaining and view.items:
            try:
                with session_scope(engine) as s:
                    people.cast_vote(s, code=code, token=token, item_id=rng.choice(view.items).id)
            except (BudgetSpent, ItemCapReached, VoteNotCounted):
                pass  # the phone says so and the participant taps again later
        stop.wait(rng.uniform(interval * 0.5, interval * 1.5))
    cpu.append(time.thread_time() - start_cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--participants", type=int, default=30)
    parser.add_argument("--browsers", type=int, default=3, help="participants on real phone pages")
    parser.add_argument("--interval", type=float, default=12, help="mean seconds between one person's notes")
    parser.add_argument("--servers", type=int, default=1, help="app processes on the one database")
    parser.add_argument("--database", help="an empty database's URL (default: a throwaway SQLite file)")
    parser.add_argument(
        "--no-gc-freeze", action="store_true", help="servers leave their start-up heap to the collector (A/B)"
    )
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="live-room-"))
    url = args.database or f"sqlite:///{tmp / 'bench.db'}"
    engine = make_engine(url)
    migrate(engine)
    with session_scope(engine) as s:
        ws = workshops.create_workshop(s, title="Live room benchmark")
        persona = personas.create_persona(s, workshop_id=ws.id, name="COO")
        emap = empathy.create_map(s, persona_id=persona.id, scenario="Deciding on a PMO")
        empathy.add_note(s, map_id=emap.id, quadrant="pains", text="Reports nobody reads")
        code = sessions.start_session(s, workshop_id=ws.id).code
        workshop_id = ws.id

    freeze = "0" if args.no_gc_freeze else "1"
    try:
        with app_servers(args.servers, url, tmp, extra_env={"PMO_INSIGHT_GC_FREEZE": freeze}) as apps:
            run(args, [app.url for app in apps], engine, code, workshop_id, [app.pid for app in apps])
    finally:
        engine.dispose()


def run(args, bases: list[str], engine, code: str, workshop_id: int, server_pids: list[int]) -> None:
    base, screen_base = bases[0], bases[-1]
    sent, stop, service_cpu = Sent(), threading.Event(), []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        screen = browser.new_context(viewport={"width": 1920, "height": 1080}).new_page()
        screen.set_default_timeout(SLOW_MACHINE_MS)
        screen.goto(f"{screen_base}/empathy?workshop={workshop_id}", wait_until="commit")
        screen.locator(".live-code").wait_for()
        screen.evaluate(WATCHER)
        phones = []
        print("shared screen up", flush=True)
        for n in range(args.browsers):
            phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True).new_page()
            phone.set_default_timeout(SLOW_MACHINE_MS)
            phone.goto(f"{base}/?join={code}", wait_until="commit")
            phone.locator(".st-key-join_name input").fill(f"Phone {n}")
            phone.locator(".st-key-join_submit button").click()
            phone.locator(".st-key-join_note textarea").wait_for()
            phones.append(phone)
            print(f"phone {n} joined", flush=True)

        cpu_before, wall_before = sum(map(cpu_seconds, server_pids)), time.monotonic()
        threads = [
            threading.Thread(
                target=simulated,
                args=(engine, code, f"Person {n}", sent, stop, args.interval, service_cpu),
                daemon=True,
            )
            for n in range(args.participants - args.browsers)
        ]
        for thread in threads:
            thread.start()
        rng = random.Random(7)
        due = [time.monotonic() + rng.uniform(0, args.interval) for _ in phones]
        end = time.monotonic() + args.seconds
        while time.monotonic() < end:
            for i, phone in enumerate(phones):
                if time.monotonic() >= due[i]:
                    marker = sent.next_marker()
                    box = phone.locator(".st-key-join_note textarea")
                    # a text of its own: a note much like one on the board is held on the phone for a
                    # tap ("add mine anyway"), which this benchmark does not time
                    box.fill(f"{rng.choice(PHRASES)} {rng.choice(PHRASES).lower()} {marker}")
                    sent.record(marker, "browser", time.time() * 1000)
                    box.press("Enter")
                    due[i] = time.monotonic() + rng.uniform(args.interval * 0.5, args.interval * 1.5)
            time.sleep(0.05)
        stop.set()
        for thread in threads:
            thread.join()
        wall = time.monotonic() - wall_before
        server_cpu = sum(map(cpu_seconds, server_pids)) - cpu_before
        time.sleep(5)  # let the last notes arrive
        seen = screen.evaluate("() => window.__seen")
        browser.close()

    report(args, sent, seen, wall, server_cpu, sum(service_cpu))


def report(args, sent: Sent, seen: dict[str, float], wall: float, server_cpu: float, service_cpu: float) -> None:
    latencies: dict[str, list[float]] = {"browser": [], "service": []}
    missing = 0
    for marker, (at, origin) in sent.at.items():
        if marker in seen:
            latencies[origin].append((seen[marker] - at) / 1000)
        else:
            missing += 1
    every = sorted(latencies["browser"] + latencies["service"])

    def pct(values: list[float], q: float) -> str:
        if not values:
            return "n/a"
        return (
            f"{statistics.quantiles(values, n=100, method='inclusive')[q - 1]:.2f} s"
            if len(values) > 1
            else f"{values[0]:.2f} s"
        )

    print(
        f"participants {args.participants} ({args.browsers} on phone pages), {args.servers} app server(s), "
        f"{wall:.0f} s, notes sent {len(sent.at)}"
    )
    print(f"Enter -> visible on the shared screen: p50 {pct(every, 50)}, p95 {pct(every, 95)}, max {max(every):.2f} s")
    for origin, values in latencies.items():
        print(f"  from {origin} participants: n={len(values)} p50 {pct(values, 50)} p95 {pct(values, 95)}")
    print(f"notes never seen on the shared screen: {missing}")
    total_cpu = server_cpu + service_cpu
    print(
        f"CPU: app server(s) {server_cpu:.1f} s + simulated participants' service calls {service_cpu:.1f} s "
        f"= {total_cpu / wall * 100:.1f}% of one core, {total_cpu / wall / args.participants * 1000:.1f} ms CPU "
        f"per participant per second"
    )


if __name__ == "__main__":
    main()
