"""How close survey import plus segmentation is to its floor, on 20,000 respondents × 40 questions.

    .venv/bin/python benchmarks/survey_speed.py [--rows 20000] [--runs 3]

Writes a made-up CSV (2 demographics, 30 Likert questions, 4 single-choice, 2 multiple-choice, a
free-text column, an id and a timestamp; three planted groups) and times, per run:

* ours: reading and checking the file, recognising the column kinds, encoding the default
  questions and segmenting them (:class:`~pmo_insight.surveys.segmentation.StableSegmenter`: k = 2…6,
  bootstrap stability, the final fit on all rows) and describing the segments;
* ours + store: the same through ``import_survey`` into a throwaway SQLite database, then the
  chain loaded and segmented as the screen does;
* the floor: ``pandas.read_csv`` of the same file plus one scikit-learn ``KMeans`` fit (k = 3,
  default settings) of the same encoded matrix.

Prints the medians and the ratios (goal: ours within 3× the floor), then a cold chain load of the
stored workshop as a screen makes it (without the answers) and as the backup does (with them).
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import statistics
import sys
import tempfile
import time
from collections import namedtuple
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402
from sklearn.cluster import KMeans  # noqa: E402

from pmo_insight.surveys.encoding import encode  # noqa: E402
from pmo_insight.surveys.kinds import guess_by_column  # noqa: E402
from pmo_insight.surveys.profiles import default_questions, segment_survey  # noqa: E402
from pmo_insight.surveys.reading import read_survey  # noqa: E402

LIKERT = ["Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree"]


def survey_csv(rows: int, seed: int = 1) -> bytes:
    rng = random.Random(seed)
    headers = ["Respondent ID", "Submitted at", "Department", "Age"]
    headers += [f"Q{i} statement" for i in range(1, 31)] + [f"C{i} choice" for i in range(1, 5)]
    headers += ["M1 tools", "M2 channels", "Comments"]
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(headers)
    for n in range(rows):
        group = rng.randrange(3)
        likert = [LIKERT[(group * 2 + i) % 5 if rng.random() > 0.3 else rng.randrange(5)] for i in range(30)]
        choices = [f"option {(group + i) % 4 if rng.random() > 0.3 else rng.randrange(4)}" for i in range(4)]
        tools = ";".join(sorted({f"tool {group}", f"tool {rng.randrange(5)}"}))
        channels = ";".join(sorted({f"channel {group}", f"channel {rng.randrange(4)}"}))
        writer.writerow(
            [
                f"R{n:05d}",
                f"2026-11-{rng.randrange(1, 28):02d} 09:{rng.randrange(60):02d}:00",
                f"Dept {rng.randrange(8)}",
                f"{rng.randrange(20, 65)}",
                *likert,
                *choices,
                tools,
                channels,
                f"comment {rng.randrange(10_000)} from group {group}",
            ]
        )
    return out.getvalue().encode("utf-8")


#: A stored response as segmentation reads it (its respondent id and its answers).
Response = namedtuple("Response", "respondent answers")

PARTS: dict[str, list[float]] = {"read": [], "kinds": [], "segments": []}


def ours(data: bytes) -> tuple[float, object]:
    start = time.perf_counter()
    table = read_survey(data, "bench.csv")
    read = time.perf_counter()
    guesses = guess_by_column(table.headers, table.columns)
    kinds = time.perf_counter()
    columns = [SimpleNamespace(header=g.header, kind=g.kind, demographic=g.demographic) for g in guesses]
    responses = [Response(row[0], row) for row in table.rows]
    profiles = segment_survey(columns, responses)
    end = time.perf_counter()
    for part, took in (("read", read - start), ("kinds", kinds - read), ("segments", end - kinds)):
        PARTS[part].append(took)
    return end - start, (table, columns, profiles)


def floor(data: bytes, table, columns) -> float:
    questions = default_questions(columns)
    by_header = {c.header: i for i, c in enumerate(columns)}
    X, _ = encode(
        [(q, columns[by_header[q]].kind) for q in questions],
        [[row[by_header[q]] for row in table.rows] for q in questions],
    )
    start = time.perf_counter()
    pd.read_csv(io.BytesIO(data))
    KMeans(3, random_state=0).fit(X)
    return time.perf_counter() - start


def _median_ms(run, times: int = 7) -> float:
    took = []
    for _ in range(times):
        start = time.perf_counter()
        run()
        took.append(time.perf_counter() - start)
    return statistics.median(took) * 1000


def stored(data: bytes) -> tuple[float, float, float]:
    """Seconds to import, load and segment through the database; then a screen's cold chain load
    (without the answers) and a full one (with them), in ms."""
    from pmo_insight.models import Workshop
    from pmo_insight.persistence.chain_loader import load_chain
    from pmo_insight.persistence.db import make_engine, migrate, session_scope
    from pmo_insight.surveys.services import import_survey, segments_of

    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{folder}/bench.db")
        migrate(engine)
        with session_scope(engine) as session:
            workshop = Workshop(title="Bench")
            session.add(workshop)
            session.flush()
            workshop_id = workshop.id
        start = time.perf_counter()
        with session_scope(engine) as session:
            evidence_id = import_survey(session, workshop_id=workshop_id, data=data, filename="bench.csv").id
        with session_scope(engine) as session:
            segments_of(load_chain(session, workshop_id=workshop_id), evidence_id=evidence_id)
        took = time.perf_counter() - start
        with session_scope(engine) as session:
            light = _median_ms(lambda: load_chain(session, workshop_id=workshop_id, responses=False))
            full = _median_ms(lambda: load_chain(session, workshop_id=workshop_id))
        engine.dispose()
    return took, light, full


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    data = survey_csv(args.rows)
    print(f"survey: {args.rows} rows × 40 questions, {len(data) / 1024 / 1024:.1f} MB")
    our_times, floor_times, stored_times = [], [], []
    for _ in range(args.runs):
        took, (table, columns, profiles) = ours(data)
        our_times.append(took)
        floor_times.append(floor(data, table, columns))
    took, light_ms, full_ms = stored(data)
    stored_times.append(took)
    ours_median, floor_median = statistics.median(our_times), statistics.median(floor_times)
    print(f"segments found: {[(p.label, p.size, p.stable) for p in profiles]}")
    parts = ", ".join(f"{part} {statistics.median(times):.2f}" for part, times in PARTS.items())
    print(f"ours (read + kinds + segments): {ours_median:.2f} s ({parts}; best run {min(our_times):.2f} s)")
    print(f"floor (read_csv + one KMeans fit): {floor_median:.2f} s (best run {min(floor_times):.2f} s)")
    print(f"ratio ours / floor: {ours_median / floor_median:.1f}x (goal ≤ 3x)")
    print(
        f"ours incl. storing in SQLite, loading the chain and segmenting it: {stored_times[0]:.2f} s "
        f"({stored_times[0] / floor_median:.1f}x the floor)"
    )
    print(f"cold chain load of that workshop: {light_ms:.1f} ms for a screen (no answers), {full_ms:.1f} ms with them")


if __name__ == "__main__":
    main()
