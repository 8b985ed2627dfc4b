"""A PMO's four years at once: the portfolio of 200 demo-sized workshops, every figure a ratio of one run.

    .venv/bin/python benchmarks/portfolio_speed.py [--workshops 200] [--runs 5] [--lang en]

Seeds, in throwaway SQLite files, N copies of the demo workshop (as
:func:`benchmarks.portfolio_data.seed_portfolio` does: five departments, three sponsors, a date a week
apart, most KPIs measured), a second database holding the first N/2 of them and a third holding
the first one only, then prints

a. **open**: the Portfolio screen opened by a new browser session under Streamlit's AppTest (a
   session's first run of the page, through ``app.py`` as on the real server), against one
   workshop's Home screen opened the same way, both with the server's caches warm, as any visitor
   after the first finds them (goal ≤ 2×). Home is measured twice: as the only workshop in its
   database (the strict baseline) and among the N (Home lists every workshop); and, for
   information, the two opens with every cache emptied (the first visitor after a restart);
b. **rerun**: SQL statements of a rerun of the Portfolio screen with nothing changed, counted
   with a ``before_cursor_execute`` listener on the app's engine (goal ≤ 3), and its time;
c. **scaling**: N/2 → N workshops, for the warm open and for the cold service call the screen
   makes (``portfolio_view`` with its caches emptied: every workshop loaded, reduced and rolled up)
   (goal ≤ 2.2×);
d. **deck**: the portfolio deck of all N workshops (``portfolio_deck``) against the python-pptx
   floor: the same number of slides, with the same texts as plain text boxes and tables as text,
   and its chart drawn again with the same data (:func:`benchmarks.deck_speed.floor`) (goal ≤ 2×).

Samples of the two sides of each ratio alternate, so the machine's load falls on both alike; each
figure is the median of ``--runs``. Nothing is asserted: the figures are printed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sqlmodel import Session

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.deck_speed import Chart, floor, slide_contents, timed  # noqa: E402
from benchmarks.portfolio_data import demo_document, variant  # noqa: E402
from pmo_insight.persistence.db import make_engine, migrate  # noqa: E402
from pmo_insight.persistence.restore import restore_backup  # noqa: E402
from pmo_insight.portfolio.deck import portfolio_deck  # noqa: E402
from pmo_insight.portfolio.services import clear_cache, portfolio_view  # noqa: E402
from pmo_insight.services import chain_cache  # noqa: E402


def seed(db_dir: Path, count: int, lang: str) -> tuple[str, str, str, int]:
    """Three databases: one workshop, the first ``count // 2``, and all ``count``; their URLs and the
    first workshop's id (the same in all three)."""
    one_url, half_url, full_url = (f"sqlite:///{db_dir / name}.db" for name in ("one", "half", "full"))
    engine = make_engine(full_url)
    migrate(engine)
    template = demo_document(engine, lang)
    ids: list[int] = []
    for part in (range(1), range(1, count // 2), range(count // 2, count)):
        with Session(engine) as session:
            ids += [restore_backup(session, data=variant(template, n, lang)).id for n in part]
            session.commit()
        engine.dispose()
        if part.stop in (1, count // 2):
            shutil.copyfile(db_dir / "full.db", db_dir / ("one.db" if part.stop == 1 else "half.db"))
    engine.dispose()
    return one_url, half_url, full_url, ids[0]


class Apps:
    """New AppTest sessions of ``app.py`` on a chosen database, as the real server runs every page."""

    def __init__(self, lang: str) -> None:
        from streamlit.logger import set_log_level
        from streamlit.runtime.pages_manager import PagesManager

        set_log_level("error")  # AppTest's bare-mode warnings are not figures
        original = PagesManager.__init__

        def init(self, *a, **k):  # every run goes through app.py, as on the server
            original(self, *a, **k)
            PagesManager.uses_pages_directory = False

        PagesManager.__init__ = init
        from pmo_insight.ui.shell import gate

        # Under AppTest no browser is connected, so no peer is recorded and the session would only see
        # the sign-in screen; stand in for the facilitator's browser on the server's machine, as the
        # tests do (tests/conftest.py).
        gate.client_peer = lambda: gate.Peer("127.0.0.1", ())
        self.lang = lang
        self.url: str | None = None

    def use(self, url: str) -> None:
        """Point the app's engine at ``url`` (outside any timing)."""
        from streamlit.logger import set_log_level

        from pmo_insight import web

        set_log_level("error")  # AppTest's runs set it back; a call outside a run warns
        if url != self.url:
            os.environ["PMO_INSIGHT_DATABASE_URL"] = url
            web.engine.clear()
            web.engine()
            self.url = url

    def new(self, workshop_id: int | None = None):
        from streamlit.testing.v1 import AppTest

        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
        at.session_state["lang"] = self.lang
        if workshop_id is not None:
            at.session_state["workshop_id"] = workshop_id
        return at

    def open(self, url: str, page: str | None, workshop_id: int | None = None) -> float:
        """Seconds of a new session's first run of ``page`` (None: Home, the default screen)."""
        self.use(url)
        at = self.new(workshop_id)
        if page is not None:
            at.switch_page(page)  # before the first run: the page is found by its file name
        start = time.perf_counter()
        at.run()
        seconds = time.perf_counter() - start
        assert not at.exception, at.exception
        title = at.title[0].value if at.title else ""
        assert ("Portfolio" in title or "组合" in title) == (page is not None), f"{page}: opened {title!r}"
        return seconds


def cold() -> None:
    """Empty every cache a screen's first run could find filled."""
    clear_cache()
    for cache in (chain_cache.CHAINS, chain_cache.CATALOGUES, chain_cache.SNAPSHOT_LISTS):
        cache.clear()


def alternate(runs: int, *sides: Callable[[], float]) -> list[float]:
    """Each side's median of ``runs`` calls, the sides taking turns."""
    samples: list[list[float]] = [[] for _ in sides]
    for _ in range(runs):
        for side, out in zip(sides, samples, strict=True):
            out.append(side())
    return [statistics.median(s) for s in samples]


def rerun(apps: Apps, url: str, page: str, workshop_id: int, runs: int) -> tuple[float, int]:
    """A rerun of ``page`` with nothing changed: median seconds and the statements it sends."""
    from pmo_insight import web
    from tests.apptest import counting_statements

    apps.use(url)
    at = apps.new(workshop_id)
    at.switch_page(page)
    at.run()
    at.run()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - start)
    with counting_statements(web.engine()) as statements:
        at.run()
    assert not at.exception, at.exception
    return statistics.median(times), len(statements)


def service_cold(url: str) -> Callable[[], float]:
    engine = make_engine(url)

    def run() -> float:
        cold()
        with Session(engine) as session:
            start = time.perf_counter()
            portfolio_view(session)
            return time.perf_counter() - start

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workshops", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--lang", default="en", choices=("en", "zh"))
    args = parser.parse_args()
    count, half = args.workshops, args.workshops // 2
    portfolio_page = "pages/portfolio.py"
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        one_url, half_url, full_url, workshop_id = seed(Path(tmp), count, args.lang)
        print(f"seeded {count} demo-sized workshops ({args.lang}) in {time.perf_counter() - start:.0f} s")
        apps = Apps(args.lang)

        # a. open, warm: caches filled by a first visitor
        apps.open(full_url, portfolio_page)
        apps.open(full_url, None, workshop_id)
        apps.open(one_url, None, workshop_id)
        home_one, home, folio = alternate(
            args.runs,
            lambda: apps.open(one_url, None, workshop_id),
            lambda: apps.open(full_url, None, workshop_id),
            lambda: apps.open(full_url, portfolio_page),
        )
        print(f"\na. open (a new session's first run, AppTest, caches warm, median of {args.runs})")
        print(f"   Home, the only workshop in its database   {home_one * 1000:>7.0f} ms")
        print(f"   Home of one workshop among {count:<4}           {home * 1000:>7.0f} ms")
        print(
            f"   Portfolio of {count} workshops                {folio * 1000:>7.0f} ms"
            f"   = {folio / home_one:.2f}× the lone Home, {folio / home:.2f}× Home among {count} (goal ≤ 2×)"
        )
        cold_home, cold_folio = alternate(
            max(3, args.runs // 2),
            lambda: (cold(), apps.open(full_url, None, workshop_id))[1],
            lambda: (cold(), apps.open(full_url, portfolio_page))[1],
        )
        print(
            f"   every cache empty: Home {cold_home * 1000:.0f} ms, Portfolio {cold_folio * 1000:.0f} ms"
            f" = {cold_folio / cold_home:.1f}× (the first visitor after a restart: every workshop loaded once)"
        )

        # b. rerun with nothing changed
        home_rerun, home_statements = rerun(apps, full_url, "pages/home.py", workshop_id, args.runs)
        folio_rerun, folio_statements = rerun(apps, full_url, portfolio_page, workshop_id, args.runs)
        print("\nb. rerun with nothing changed")
        print(f"   Portfolio: {folio_statements} SQL statements (goal ≤ 3), {folio_rerun * 1000:.0f} ms")
        print(f"   (Home: {home_statements} statements, {home_rerun * 1000:.0f} ms)")

        # c. N/2 -> N
        apps.open(half_url, portfolio_page)
        small_open, large_open = alternate(
            args.runs, lambda: apps.open(half_url, portfolio_page), lambda: apps.open(full_url, portfolio_page)
        )
        small_cold, large_cold = alternate(max(3, args.runs // 2), service_cold(half_url), service_cold(full_url))
        print(f"\nc. {half} → {count} workshops (goal ≤ 2.2×)")
        print(
            f"   Portfolio open, warm        {small_open * 1000:>7.0f} → {large_open * 1000:>7.0f} ms"
            f" = {large_open / small_open:.2f}×"
        )
        print(
            f"   portfolio_view, caches empty {small_cold * 1000:>6.0f} → {large_cold * 1000:>7.0f} ms"
            f" = {large_cold / small_cold:.2f}×"
        )

        # d. the deck of every workshop vs python-pptx
        engine = make_engine(full_url)
        with Session(engine) as session:
            portfolio = portfolio_view(session)
        engine.dispose()
        deck = portfolio_deck(portfolio, lang=args.lang)  # warm-up
        width, height, slides = slide_contents(deck)
        deck_times, floor_times = [], []
        for _ in range(max(3, args.runs // 2)):
            deck_times.append(timed(lambda: portfolio_deck(portfolio, lang=args.lang))[:2])
            floor_times.append(timed(lambda: floor(width, height, slides))[:2])
        deck_wall, deck_cpu = (statistics.median(t[i] for t in deck_times) for i in (0, 1))
        floor_wall, floor_cpu = (statistics.median(t[i] for t in floor_times) for i in (0, 1))
        charts = sum(isinstance(s, Chart) for shapes in slides for s in shapes)
        shapes = sum(len(s) for s in slides)
        print(
            f"\nd. portfolio deck of {len(portfolio.workshops)} workshops: {len(slides)} slides, {shapes} shapes"
            f" ({charts} chart), {len(deck) // 1024} KiB"
        )
        print(f"   deck         {deck_wall * 1000:>7.0f} ms wall {deck_cpu * 1000:>7.0f} ms CPU")
        print(f"   python-pptx  {floor_wall * 1000:>7.0f} ms wall {floor_cpu * 1000:>7.0f} ms CPU")
        print(f"   ratio        {deck_wall / floor_wall:>7.2f}× wall {deck_cpu / floor_cpu:>7.2f}× CPU (goal ≤ 2×)")


if __name__ == "__main__":
    main()
