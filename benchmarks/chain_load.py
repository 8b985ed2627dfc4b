"""How loading a workshop's chain scales: SQL statements and wall time, small against large.

    .venv/bin/python benchmarks/chain_load.py

Builds two synthetic workshops in a throwaway SQLite file (through the real services), then
loads each chain and runs the health checks several times, reporting statements per load and
the median time.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import event
from sqlmodel import Session

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pmo_insight.domain.health import chain_health  # noqa: E402
from pmo_insight.persistence.chain_loader import load_chain  # noqa: E402
from pmo_insight.persistence.db import make_engine, migrate  # noqa: E402
from tests.factories import build_workshop  # noqa: E402

SIZES = {
    "small": dict(personas_count=1, notes_per_map=8, stages_per_journey=5, touchpoints_per_stage=2),
    "large": dict(personas_count=20, notes_per_map=60, stages_per_journey=5, touchpoints_per_stage=10),
}
RUNS = 7


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'bench.db'}")
        migrate(engine)
        ids = {}
        with Session(engine) as session:
            for name, size in SIZES.items():
                ids[name] = build_workshop(session, **size).id
            session.commit()
        statements: list[str] = []
        event.listen(engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
        print(f"{'workshop':<8} {'rows':>7} {'statements':>10} {'median ms':>10} {'max ms':>8}")
        for name, workshop_id in ids.items():
            times = []
            for _ in range(RUNS):
                statements.clear()
                start = time.perf_counter()
                with Session(engine) as session:
                    chain = load_chain(session, workshop_id=workshop_id)
                    chain_health(chain)
                times.append((time.perf_counter() - start) * 1000)
            rows = sum(len(v) for v in vars(chain).values() if isinstance(v, list))
            print(f"{name:<8} {rows:>7} {len(statements):>10} {statistics.median(times):>10.1f} {max(times):>8.1f}")
        engine.dispose()


if __name__ == "__main__":
    main()
