"""Is every screen as fast on a large workshop as on a small one? Every figure as a ratio, one run.

    .venv/bin/python benchmarks/scale.py [--runs 9] [--no-browser]

Builds, in a throwaway SQLite file, a large workshop (20 personas, each with an empathy map of
100 notes, a journey of 5 stages × 10 touchpoints, and a canvas of 20 items, 11 fit links and
3 KPIs: 2,000 notes, 1,000 touchpoints, 400 items, 220 fit links, 60 KPIs) and a small one of
the same shape with one persona. Then prints:

1. each screen's rerun time under Streamlit's AppTest, large ÷ small (median of ``--runs``, the
   two workshops' reruns alternating);
2. SQL statements per rerun when nothing changed, per screen;
3. a whole-chain cold load ÷ raw sqlite3 replaying the same statements (and ÷ an unordered
   ``SELECT *`` of the main tables, the first version's lower floor);
4. the time Chromium takes to open the journey screen of the large workshop (a real server).

The goals (the performance issue): ratio ≤ 1.5× on every screen, ≤ 3 statements per rerun,
cold load ≤ 3× raw, journey screen open ≤ 1.5 s.
"""

from __future__ import annotations

import argparse
import os
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlmodel import Session

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pmo_insight.domain.refs import Ref  # noqa: E402
from pmo_insight.models import ItemKind, RefKind  # noqa: E402
from pmo_insight.persistence.chain_loader import load_chain  # noqa: E402
from pmo_insight.persistence.db import make_engine, migrate, session_scope  # noqa: E402
from pmo_insight.services import canvases, empathy, journeys, links, personas, workshops  # noqa: E402

SCREENS = ["home", "personas", "empathy", "journey", "canvas", "chain", "export"]
QUADRANTS = ["says", "thinks", "does", "feels", "pains", "gains"]
ITEMS = [ItemKind.PAIN] * 8 + [ItemKind.GAIN] * 4 + [ItemKind.JOB] * 2 + [ItemKind.PRODUCT]
RELIEVERS, CREATORS = 3, 2


def build(session: Session, persona_count: int) -> int:
    """One workshop of ``persona_count`` personas, each with the full chain described above."""
    ws = workshops.create_workshop(session, title=f"Scale {persona_count}")
    for p in range(persona_count):
        persona = personas.create_persona(session, workshop_id=ws.id, name=f"Persona {p}", goals=["on time"])
        emap = empathy.create_map(session, persona_id=persona.id, scenario="Status meeting")
        notes = [
            empathy.add_note(session, map_id=emap.id, quadrant=QUADRANTS[n % 6], text=f"Note {n}", votes=n % 7)
            for n in range(100)
        ]
        journey = journeys.create_journey(
            session, persona_id=persona.id, scenario="Onboarding", stage_names=[f"Stage {s}" for s in range(5)]
        )
        rows = [
            journeys.TouchpointRow(
                values={
                    "stage": f"Stage {t // 10}",
                    "name": f"Touchpoint {t}",
                    "pain_point": f"Pain {t}" if t % 3 == 0 else "",
                    "emotion_now": (t * 5) % 7 - 3,
                    "emotion_target": 2,
                    "opportunity": f"Improve {t}" if t % 2 == 0 else "",
                    "impact": t % 5 + 1,
                    "effort": (t * 3) % 5 + 1,
                    "is_key_pain": t < 4,
                }
            )
            for t in range(50)
        ]
        journeys.save_touchpoints(session, journey_id=journey.id, rows=rows)
        touchpoints = journeys.list_touchpoints(session, journey_id=journey.id)
        canvas = canvases.create_canvas(session, persona_id=persona.id, title=f"Canvas {p}", journey_id=journey.id)
        customer = [
            canvases.add_item(session, canvas_id=canvas.id, kind=k, text=f"{k} {i}") for i, k in enumerate(ITEMS)
        ]
        relievers = [canvases.add_item(session, canvas_id=canvas.id, kind="reliever", text=f"R{i}") for i in range(3)]
        creators = [canvases.add_item(session, canvas_id=canvas.id, kind="creator", text=f"C{i}") for i in range(2)]
        pains = [i for i in customer if i.kind == ItemKind.PAIN]
        gains = [i for i in customer if i.kind == ItemKind.GAIN]
        for i, pain in enumerate(pains[:7]):
            canvases.link_fit(session, value_item_id=relievers[i % 3].id, customer_item_id=pain.id)
            links.add_trace(
                session, source=Ref(RefKind.TOUCHPOINT, touchpoints[i].id), target=Ref(RefKind.CANVAS_ITEM, pain.id)
            )
            links.add_trace(
                session,
                source=Ref(RefKind.EMPATHY_NOTE, notes[4 + 6 * i].id),
                target=Ref(RefKind.TOUCHPOINT, touchpoints[i].id),
            )
        for i, gain in enumerate(gains):
            canvases.link_fit(session, value_item_id=creators[i % 2].id, customer_item_id=gain.id)
        for k in range(3):
            canvases.add_kpi(
                session,
                canvas_id=canvas.id,
                name=f"KPI {k}",
                baseline=10,
                target=5,
                unit="days",
                proves=[relievers[k].id],
            )
    return ws.id


def page_figures(url: str, workshops: dict[str, int], runs: int) -> dict[str, dict[str, tuple[float, int]]]:
    """Per workshop and screen: median rerun seconds and SQL statements of a rerun with nothing
    changed. The workshops' reruns of one screen alternate, so a change in the machine's load
    during the run falls on both sides of the ratio alike."""
    os.environ["PMO_INSIGHT_DATABASE_URL"] = url
    from streamlit.logger import set_log_level
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.testing.v1 import AppTest

    from pmo_insight import web
    from tests.apptest import counting_statements

    set_log_level("error")  # AppTest's bare-mode warnings are not figures

    original = PagesManager.__init__

    def init(self, *a, **k):  # as the real server: every rerun goes through app.py
        original(self, *a, **k)
        PagesManager.uses_pages_directory = False

    PagesManager.__init__ = init
    web.engine.clear()
    figures: dict[str, dict[str, tuple[float, int]]] = {name: {} for name in workshops}
    for screen in SCREENS:
        apps = {}
        for name, workshop_id in workshops.items():
            at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
            at.session_state["lang"] = "en"
            at.session_state["workshop_id"] = workshop_id
            at.run()
            if screen != "home":
                at.switch_page(f"pages/{screen}.py").run()
            assert not at.exception, at.exception
            at.run()  # warm: the chain is cached from here on
            apps[name] = at
        times: dict[str, list[float]] = {name: [] for name in workshops}
        for _ in range(runs):
            for name, at in apps.items():
                start = time.perf_counter()
                at.run()
                times[name].append(time.perf_counter() - start)
        for name, at in apps.items():
            with counting_statements(web.engine()) as statements:
                at.run()
            figures[name][screen] = (statistics.median(times[name]), len(statements))
    PagesManager.__init__ = original
    return figures


def cold_load_ratio(db_file: Path, url: str, workshop_id: int, runs: int) -> tuple[float, float, float, int]:
    """Our whole-chain load against raw sqlite3 reading the same rows: (ours, replay, tables, rows).

    The fair floor replays, through the bare sqlite3 module, the very statements ``load_chain``
    sends (every table the chain holds, in the order it keeps), with ``fetchall`` and nothing
    else. A second, lower floor reads the chain's main tables with ``SELECT *`` and no order, as
    the first version of this benchmark did; both are printed.
    """
    engine = make_engine(url)
    statements: list[tuple[str, tuple]] = []

    def capture(_conn, _cursor, statement, parameters, _context, _many) -> None:
        statements.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", capture)
    with Session(engine) as s:
        load_chain(s, workshop_id=workshop_id)
    event.remove(engine, "before_cursor_execute", capture)

    tables = ["participant", "persona", "evidence", "empathymap", "journey", "valuecanvas", "tracelink"]
    children = {
        "empathynote": "map_id IN (SELECT id FROM empathymap WHERE workshop_id = ?)",
        "journeystage": "journey_id IN (SELECT id FROM journey WHERE workshop_id = ?)",
        "touchpoint": "journey_id IN (SELECT id FROM journey WHERE workshop_id = ?)",
        "canvasitem": "canvas_id IN (SELECT id FROM valuecanvas WHERE workshop_id = ?)",
        "fitlink": "canvas_id IN (SELECT id FROM valuecanvas WHERE workshop_id = ?)",
        "kpi": "canvas_id IN (SELECT id FROM valuecanvas WHERE workshop_id = ?)",
        "kpilink": "kpi_id IN (SELECT id FROM kpi WHERE canvas_id IN "
        "(SELECT id FROM valuecanvas WHERE workshop_id = ?))",
        "evidencelink": "evidence_id IN (SELECT id FROM evidence WHERE workshop_id = ?)",
    }
    queries = [("workshop", "id = ?")] + [(t, "workshop_id = ?") for t in tables] + list(children.items())

    def replay() -> int:
        conn = sqlite3.connect(db_file)
        count = sum(len(conn.execute(statement, parameters).fetchall()) for statement, parameters in statements)
        conn.close()
        return count

    def main_tables() -> int:
        conn = sqlite3.connect(db_file)
        count = sum(len(conn.execute(f"SELECT * FROM {t} WHERE {w}", (workshop_id,)).fetchall()) for t, w in queries)
        conn.close()
        return count

    def ours() -> None:
        with Session(engine) as s:
            load_chain(s, workshop_id=workshop_id)

    rows = replay()
    samples: dict[Any, list[float]] = {ours: [], replay: [], main_tables: []}
    for _ in range(runs):  # interleaved, so a change in the machine's load falls on all three alike
        for fn, times in samples.items():
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
    ours_s, replay_s, main_s = (statistics.median(times) for times in samples.values())
    return ours_s, replay_s, main_s, rows


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


#: Opened: the screen's run has finished (Streamlit's own mark on the app) and every chart on it has
#: drawn its marks, the emotion curve among them.
OPENED = """() => {
  const app = document.querySelector('[data-testid=stApp]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  const charts = [...document.querySelectorAll('[data-testid=stVegaLiteChart]')];
  return charts.length > 0 && charts.every((chart) => chart.querySelector('canvas, svg'));
}"""


def browser_journey_open(url: str, workshop_id: int) -> float:
    """Seconds from navigation to the journey screen drawn with its charts, in Chromium (warm server):
    the median of six opens after a first one."""
    from playwright.sync_api import sync_playwright

    port = _free_port()
    env = {**os.environ, "PMO_INSIGHT_DATABASE_URL": url}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(ROOT / "app.py"),
            "--server.headless",
            "true",
            "--server.port",
            str(port),
            "--browser.gatherUsageStats",
            "false",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=ROOT,
    )
    try:
        for _ in range(200):
            try:
                if urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1).read() == b"ok":
                    break
            except OSError:
                time.sleep(0.1)
        args = [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ]
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=args)
            page = browser.new_page(viewport={"width": 1920, "height": 1080})
            target = f"http://127.0.0.1:{port}/journey?workshop={workshop_id}"
            samples = []
            for _ in range(7):  # the first open warms the server's cache, as any second visitor finds it
                start = time.perf_counter()
                page.goto(target)
                page.wait_for_function(OPENED, timeout=60_000, polling=20)
                samples.append(time.perf_counter() - start)
            browser.close()
        return statistics.median(samples[1:])
    finally:
        server.terminate()
        server.wait(timeout=20)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db_file = Path(tmp) / "scale.db"
        url = f"sqlite:///{db_file}"
        engine = make_engine(url)
        migrate(engine)
        with session_scope(engine) as s:
            small = build(s, 1)
        with session_scope(engine) as s:
            large = build(s, 20)
        engine.dispose()

        print("screen     small ms   large ms   ratio   statements (large)")
        figures = page_figures(url, {"small": small, "large": large}, args.runs)
        small_f, large_f = figures["small"], figures["large"]
        for screen in SCREENS:
            (s_t, _), (l_t, l_n) = small_f[screen], large_f[screen]
            print(f"{screen:<9} {s_t * 1000:>9.0f} {l_t * 1000:>10.0f} {l_t / s_t:>7.2f}× {l_n:>8}")

        ours, raw, main_tables, rows = cold_load_ratio(db_file, url, large, args.runs)
        print(
            f"\ncold chain load ({rows} rows): {ours * 1000:.0f} ms"
            f" vs raw sqlite3 replaying the same statements {raw * 1000:.0f} ms = {ours / raw:.2f}×"
            f" (vs SELECT * of the main tables, unordered, {main_tables * 1000:.0f} ms = {ours / main_tables:.2f}×)"
        )

        if not args.no_browser:
            seconds = browser_journey_open(url, large)
            print(f"journey screen of the large workshop opened in Chromium: {seconds:.2f} s")


if __name__ == "__main__":
    main()
