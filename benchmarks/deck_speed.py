"""How close the deck export is to python-pptx's own floor, on the large workshop, in one run.

    .venv/bin/python benchmarks/deck_speed.py [--lang zh] [--runs 3]

Builds the large workshop (:func:`benchmarks.workshops.build_large`: 20 personas, 2,000 notes,
20 journeys x 50 touchpoints, 400 canvas items, 220 fit links, 60 KPIs) in a throwaway SQLite
file, loads its chain once, then times

* the deck export (``export(chain, "pptx")``), and
* the floor: python-pptx writing the same slides with the same texts as plain text boxes (one
  per text shape or table), plus one native line chart per journey with the same data, and
  saving.

and prints the median of each (wall-clock and CPU time, runs interleaved so both see the same load)
and their ratio (goal: at most 2x).
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Emu
from sqlmodel import Session

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.workshops import build_large  # noqa: E402
from pmo_insight.export import ExportOptions, export  # noqa: E402
from pmo_insight.persistence.chain_loader import load_chain  # noqa: E402
from pmo_insight.persistence.db import make_engine, migrate  # noqa: E402


@dataclass
class Box:
    left: int
    top: int
    width: int
    height: int
    text: str


@dataclass
class Chart:
    left: int
    top: int
    width: int
    height: int
    categories: list[str]
    series: list[tuple[str, list[float | None]]]


def slide_contents(deck: bytes) -> tuple[int, int, list[list[Box | Chart]]]:
    """Every slide of ``deck`` as its text boxes and charts: what the floor writes again."""
    prs = Presentation(io.BytesIO(deck))
    slides = []
    for slide in prs.slides:
        shapes: list[Box | Chart] = []
        for shape in slide.shapes:
            frame = (shape.left or 0, shape.top or 0, shape.width or 1, shape.height or 1)
            if shape.has_chart:
                plot = shape.chart.plots[0]
                series = [(s.name, list(s.values)) for s in plot.series]
                shapes.append(Chart(*frame, [str(c) for c in plot.categories], series))
            elif shape.has_table:
                text = "\n".join("\t".join(c.text for c in row.cells) for row in shape.table.rows)
                shapes.append(Box(*frame, text))
            elif shape.has_text_frame and shape.text_frame.text:
                shapes.append(Box(*frame, shape.text_frame.text))
        slides.append(shapes)
    return prs.slide_width, prs.slide_height, slides


def floor(width: int, height: int, slides: list[list[Box | Chart]]) -> bytes:
    """python-pptx writing the same slides as plain text boxes and native line charts."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(width), Emu(height)
    blank = prs.slide_layouts[6]
    for shapes in slides:
        slide = prs.slides.add_slide(blank)
        for shape in shapes:
            place = (Emu(shape.left), Emu(shape.top), Emu(shape.width), Emu(shape.height))
            if isinstance(shape, Chart):
                data = CategoryChartData()
                data.categories = shape.categories
                for name, values in shape.series:
                    data.add_series(name, values)
                slide.shapes.add_chart(XL_CHART_TYPE.LINE_MARKERS, *place, data)
            else:
                slide.shapes.add_textbox(*place).text_frame.text = shape.text
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def timed(action) -> tuple[float, float, object]:
    """Wall-clock and CPU seconds of one call (CPU time is less disturbed by a busy machine)."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = action()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lang", default="en", choices=("en", "zh"))
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'bench.db'}")
        migrate(engine)
        workshop_id = build_large(engine, lang=args.lang)
        with Session(engine) as session:
            chain = load_chain(session, workshop_id=workshop_id)
        engine.dispose()
    options = ExportOptions(lang=args.lang)
    deck = export(chain, "pptx", options)  # warm-up: font files, caches
    width, height, slides = slide_contents(deck)
    deck_times, floor_times = [], []
    for _ in range(args.runs):  # interleaved, so both see the same load on the machine
        wall, cpu, deck = timed(lambda: export(chain, "pptx", options))
        deck_times.append((wall, cpu))
        wall, cpu, _ = timed(lambda: floor(width, height, slides))
        floor_times.append((wall, cpu))
    deck_wall, deck_cpu = (statistics.median(t[i] for t in deck_times) for i in (0, 1))
    floor_wall, floor_cpu = (statistics.median(t[i] for t in floor_times) for i in (0, 1))
    charts = sum(isinstance(s, Chart) for shapes in slides for s in shapes)
    boxes = sum(isinstance(s, Box) for shapes in slides for s in shapes)
    print(
        f"large workshop ({args.lang}): {len(chain.personas)} personas, {len(chain.notes)} notes, "
        f"{len(chain.journeys)} journeys x {len(chain.touchpoints) // max(1, len(chain.journeys))} touchpoints, "
        f"{len(chain.items)} canvas items, {len(chain.fit_links)} fit links, {len(chain.kpis)} KPIs"
    )
    print(f"deck: {len(slides)} slides, {boxes} text shapes and tables, {charts} charts, {len(deck) // 1024} KiB")
    print(f"{'median of ' + str(args.runs):<14} {'wall ms':>9} {'CPU ms':>9}")
    print(f"{'deck export':<14} {deck_wall * 1000:>9.0f} {deck_cpu * 1000:>9.0f}")
    print(
        f"{'python-pptx':<14} {floor_wall * 1000:>9.0f} {floor_cpu * 1000:>9.0f}"
        "  (the same slides as plain text boxes + line charts)"
    )
    print(f"{'ratio':<14} {deck_wall / floor_wall:>8.2f}x {deck_cpu / floor_cpu:>8.2f}x  (goal <= 2x)")


if __name__ == "__main__":
    main()
