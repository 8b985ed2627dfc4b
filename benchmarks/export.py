"""How long exports take: the demo workshop and a large one (20 journeys x 50 touchpoints), in one run.

    .venv/bin/python benchmarks/export.py

Builds both workshops in a throwaway SQLite file (through the real services), then times loading
the chain plus each export format, and restoring the backup, reporting the median of a few runs.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from io import BytesIO
from pathlib import Path

from pptx import Presentation
from sqlmodel import Session

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pmo_insight.demo import create_demo_workshop  # noqa: E402
from pmo_insight.export import EXPORTERS, ExportOptions, export  # noqa: E402
from pmo_insight.persistence.chain_loader import load_chain  # noqa: E402
from pmo_insight.persistence.db import make_engine, migrate  # noqa: E402
from pmo_insight.persistence.restore import restore_backup  # noqa: E402
from tests.factories import build_workshop  # noqa: E402

#: 20 personas, each with one journey of 5 stages x 10 touchpoints: 20 journeys x 50 touchpoints.
LARGE = dict(personas_count=20, notes_per_map=30, stages_per_journey=5, touchpoints_per_stage=10)
RUNS = 3


def _median_ms(action) -> tuple[float, object]:
    times, result = [], None
    for _ in range(RUNS):
        start = time.perf_counter()
        result = action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'bench.db'}")
        migrate(engine)
        with Session(engine) as session:
            ids = {
                "demo (en)": create_demo_workshop(session, lang="en").id,
                "demo (zh)": create_demo_workshop(session, lang="zh").id,
                "large": build_workshop(session, **LARGE).id,
            }
            session.commit()
        formats = " ".join(f"{f + ' ms':>9}" for f in EXPORTERS)
        print(f"{'workshop':<10} {'touchpoints':>11} {'load ms':>8} {formats} {'slides':>7} {'restore ms':>10}")
        for name, workshop_id in ids.items():
            lang = "zh" if "zh" in name else "en"
            with Session(engine) as session:
                load_ms, chain = _median_ms(lambda wid=workshop_id: load_chain(session, workshop_id=wid))
                timings, outputs = [], {}
                for fmt in EXPORTERS:
                    options = ExportOptions(lang=lang)
                    ms, data = _median_ms(lambda fmt=fmt, chain=chain, options=options: export(chain, fmt, options))
                    timings.append(ms)
                    outputs[fmt] = data
            slides = len(Presentation(BytesIO(outputs["pptx"])).slides)
            with Session(engine) as session:
                start = time.perf_counter()
                restore_backup(session, data=outputs["json"])
                session.rollback()
                restore_ms = (time.perf_counter() - start) * 1000
            cells = " ".join(f"{ms:>9.0f}" for ms in timings)
            print(f"{name:<10} {len(chain.touchpoints):>11} {load_ms:>8.0f} {cells} {slides:>7} {restore_ms:>10.0f}")
        engine.dispose()


if __name__ == "__main__":
    main()
