"""How fast are suggested groups, and what does a grouped board cost per rerun?

    .venv/bin/python benchmarks/grouping_speed.py [--notes 250] [--groups 30] [--repeat 5]

1. Suggestions for ``--notes`` notes of one quadrant (English and Chinese, built from the
   hand-labelled notes of ``tests/grouping_notes.py`` with numbered variations), timed against the
   floor of the same notes' TF-IDF vectorisation alone (scikit-learn ``TfidfVectorizer`` on
   character 1–3-grams, as the suggestion uses): the goal is ≤ 5× the floor and under 1 s.
2. The empathy screen with those notes in ``--groups`` groups, under Streamlit's AppTest on a
   throwaway SQLite file: SQL statements of a rerun when nothing changed (goal ≤ 3), on the board
   and on the group step.

Figures are the best of ``--repeat`` runs, printed; nothing is asserted (the tests assert quality,
this measures speed).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402

from benchmarks.apptest_setup import run_apptest_like_the_tests  # noqa: E402
from pmo_insight.grouping.suggest import NoteGrouper, normalise  # noqa: E402
from tests.grouping_notes import EN, ZH  # noqa: E402


def _notes(labelled: list[tuple[str, str]], count: int) -> list[str]:
    """``count`` notes: the labelled ones, then numbered variations of them (as a room writes)."""
    base = [text for text, _ in labelled]
    return [base[i % len(base)] + ("" if i < len(base) else f" ({i // len(base)})") for i in range(count)]


def _best(repeat: int, work) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def suggestions(count: int, repeat: int) -> None:
    for lang, labelled in (("en", EN), ("zh", ZH)):
        notes = _notes(labelled, count)
        NoteGrouper().fit(notes)  # warm: jieba's dictionary and scikit-learn's imports, once a process
        suggest = _best(repeat, lambda n=notes: NoteGrouper().fit(n))
        clean = [normalise(t) for t in notes]
        floor = _best(repeat, lambda c=clean: TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 3)).fit_transform(c))
        print(
            f"suggest {lang}: {count} notes in {suggest * 1000:.0f} ms; TF-IDF floor {floor * 1000:.1f} ms; "
            f"ratio {suggest / floor:.1f}× (goal ≤ 5×, under 1 s)"
        )


def board_statements(count: int, groups: int) -> None:
    folder = tempfile.mkdtemp(prefix="grouping-bench-")
    os.environ["PMO_INSIGHT_DATABASE_URL"] = f"sqlite:///{Path(folder) / 'bench.db'}"
    from pmo_insight.grouping import services as grouping
    from pmo_insight.persistence.db import make_engine, migrate, session_scope
    from pmo_insight.services import empathy, personas, workshops
    from tests.apptest import open_page, statements_in_one_rerun

    engine = make_engine(os.environ["PMO_INSIGHT_DATABASE_URL"])
    migrate(engine)
    with session_scope(engine) as session:
        ws = workshops.create_workshop(session, title="Grouping benchmark")
        persona = personas.create_persona(session, workshop_id=ws.id, name="PM")
        emap = empathy.create_map(session, persona_id=persona.id, scenario="A round of 250 notes")
        ids = [empathy.add_note(session, map_id=emap.id, quadrant="pains", text=text).id for text in _notes(EN, count)]
        size = max(1, len(ids) // groups)
        for g in range(groups):
            members = ids[g * size : (g + 1) * size]
            grouping.create_group(session, map_id=emap.id, quadrant="pains", title=f"Group {g + 1}", note_ids=members)
    engine.dispose()

    run_apptest_like_the_tests()
    at = open_page("pages/empathy.py", timeout=120)
    at.run()
    board = statements_in_one_rerun(at)
    print(f"empathy board, {count} notes in {groups} groups: {board} statements per unchanged rerun (goal ≤ 3)")
    at.toggle(key="group_step_on").set_value(True).run()
    at.run()
    print(f"group step, same board: {statements_in_one_rerun(at)} statements per unchanged rerun (goal ≤ 3)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notes", type=int, default=250)
    parser.add_argument("--groups", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    suggestions(args.notes, args.repeat)
    board_statements(args.notes, args.groups)


if __name__ == "__main__":
    main()
