"""How the journey screen's rerun scales: a journey of 200 touchpoints against one of 10, same run.

    .venv/bin/python benchmarks/journey_page.py

Builds two workshops in a throwaway SQLite file (through the real services), then measures for
each (a) a whole page rerun under Streamlit's AppTest, grid and charts included, and (b) the
service and chart calls the page makes (chain load, health, grid rows, curve, matrix), reporting
SQL statements per rerun and median times.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import event
from sqlmodel import Session

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pmo_insight.charts.emotion import emotion_curve  # noqa: E402
from pmo_insight.charts.opportunity import opportunity_matrix  # noqa: E402
from pmo_insight.domain.health import chain_health  # noqa: E402
from pmo_insight.domain.journey_analysis import journey_order, opportunities  # noqa: E402
from pmo_insight.persistence.chain_loader import load_chain  # noqa: E402
from pmo_insight.persistence.db import make_engine, migrate  # noqa: E402
from pmo_insight.services import journeys, personas, workshops  # noqa: E402

SIZES = {"10 touchpoints": 10, "200 touchpoints": 200}
RUNS = 7


def build(session: Session, count: int) -> int:
    ws = workshops.create_workshop(session, title=f"Bench {count}")
    persona = personas.create_persona(session, workshop_id=ws.id, name="Persona")
    journey = journeys.create_journey(
        session, persona_id=persona.id, scenario="Bench", stage_names=journeys.template_stage_names("en")
    )
    stages = journeys.list_stages(session, journey_id=journey.id)
    rows = [
        journeys.TouchpointRow(
            values={
                "stage": stages[i * len(stages) // count].name,
                "name": f"Touchpoint {i}",
                "pain_point": f"Pain {i}" if i % 3 == 0 else "",
                "emotion_now": (i * 5) % 7 - 3,
                "emotion_target": 2,
                "opportunity": f"Improve {i}" if i % 2 == 0 else "",
                "impact": i % 5 + 1,
                "effort": (i * 3) % 5 + 1,
                "is_key_pain": i < 4,
            }
        )
        for i in range(count)
    ]
    journeys.save_touchpoints(session, journey_id=journey.id, rows=rows)
    return ws.id


def calls(session: Session, workshop_id: int) -> None:
    """What one rerun of the page computes outside Streamlit."""
    from pmo_insight.ui.journey.grid import db_rows

    chain = load_chain(session, workshop_id=workshop_id)
    chain_health(chain)
    journey = chain.journeys[0]
    stages, tps = chain.stages_of(journey.id), chain.touchpoints_of(journey.id)
    db_rows(stages, tps)
    emotion_curve(stages, tps, lang="en").to_dict()
    opportunity_matrix(opportunities(journey_order(stages, tps)), lang="en").to_dict()


def page_rerun_ms(workshop_id: int, expected: int) -> float:
    from streamlit.testing.v1 import AppTest

    from benchmarks.apptest_setup import run_apptest_like_the_tests

    run_apptest_like_the_tests()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.session_state["workshop_id"] = workshop_id
    at.run()
    at.switch_page("pages/journey.py").run()
    assert not at.exception, at.exception
    # the journey screen, not the sign-in screen: its emotion curve is drawn
    assert any(h.value.startswith("📈") for h in at.subheader), [h.value for h in at.subheader]
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        at.run()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        os.environ["PMO_INSIGHT_DATABASE_URL"] = url
        engine = make_engine(url)
        migrate(engine)
        with Session(engine) as session:
            ids = {name: build(session, count) for name, count in SIZES.items()}
            session.commit()
        statements: list[str] = []
        event.listen(engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
        print(f"{'journey':<16} {'statements':>10} {'calls ms':>9} {'page rerun ms':>14}")
        for name, workshop_id in ids.items():
            times = []
            for _ in range(RUNS):
                statements.clear()
                start = time.perf_counter()
                with Session(engine) as session:
                    calls(session, workshop_id)
                times.append((time.perf_counter() - start) * 1000)
            count, page_ms = len(statements), page_rerun_ms(workshop_id, SIZES[name])
            print(f"{name:<16} {count:>10} {statistics.median(times):>9.1f} {page_ms:>14.1f}")
        engine.dispose()


if __name__ == "__main__":
    main()
