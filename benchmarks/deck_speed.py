"""How close the deck export is to python-pptx's own floor, on the large workshop, in one run.

    .venv/bin/python benchmarks/deck_speed.py [--lang zh] [--runs 3]

Builds the large workshop (:func:`benchmarks.workshops.build_large`: 20 personas, 2,000 notes,
20 journeys x 50 touchpoints, 400 canvas items, 220 fit links, 60 KPIs) in a throwaway SQLite
file, loads its chain once, then times

* the deck export (``export(chain, "pptx")``), and
* the floor: python-pptx writing the same slides with the same texts as plain text boxes (one
  per text shape or table), plus one native line chart per journey with the same data, and
  saving.

and prints the median of each and their ratio (goal: at most 2x).
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
from pmo_insight.chain import load_chain  # noqa: E402
from pmo_insight.db import make_engine, migrate  # noqa: E402
from pmo_insight.export import ExportOptions, export  # noqa: E402


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


def median_s(action, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


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
    deck_s, deck = median_s(lambda: export(chain, "pptx", options), args.runs)
    width, height, slides = slide_contents(deck)
    floor_s, _ = median_s(lambda: floor(width, height, slides), args.runs)
    charts = sum(isinstance(s, Chart) for shapes in slides for s in shapes)
    boxes = sum(isinstance(s, Box) for shapes in slides for s in shapes)
    print(
        f"large workshop ({args.lang}): {len(chain.personas)} personas, {len(chain.notes)} notes, "
        f"{len(chain.journeys)} journeys x {len(chain.touchpoints) // max(1, len(chain.journeys))} touchpoints, "
        f"{len(chain.items)} canvas items, {len(chain.fit_links)} fit links, {len(chain.kpis)} KPIs"
    )
    print(f"deck: {len(slides)} slides, {boxes} text shapes and tables, {charts} charts, {len(deck) // 1024} KiB")
    print(f"deck export   {deck_s * 1000:8.0f} ms (median of {args.runs})")
    print(f"python-pptx   {floor_s * 1000:8.0f} ms (same slides as plain text boxes + line charts)")
    print(f"ratio         {deck_s / floor_s:8.2f}x (goal <= 2x)")


if __name__ == "__main__":
    main()
