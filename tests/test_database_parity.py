"""SQLite and PostgreSQL keep the same text, numbers, times and order: run on both by the README's test command.

Each test states a rule that holds on the run's database; the PostgreSQL leg proves it there.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import text
from sqlmodel import Session

from pmo_insight.models import Kpi, Persona, Workshop
from pmo_insight.services import canvases, personas, workshops

ROOT = Path(__file__).resolve().parent.parent

TEXTS = [
    "Anxious about HQ",
    "anxious about hq",
    "对总部的资源分配感到焦虑",
    "🧑‍💼 lead 👩🏽‍🔬",
    "مدير إقليمي",  # right-to-left
    "<script>alert(1)</script> & ' \"",
    "café vs cafe\u0301",  # precomposed and combining accent stay distinct
    "line one\nline two\ttab",
    "x" * 2000,
]


def _fresh(session: Session, model, row_id: int):
    session.expire_all()
    return session.get(model, row_id)


def test_text_comes_back_exactly_as_typed(session):
    ws = workshops.create_workshop(session, title="Parity")
    ids = [
        personas.create_persona(
            session, workshop_id=ws.id, name=t[:120], background=t, goals=[t[:200], t[:200].upper()]
        ).id
        for t in TEXTS
    ]
    session.commit()

    stored = [_fresh(session, Persona, pid) for pid in ids]

    assert [p.background for p in stored] == TEXTS
    assert [p.name for p in stored] == [t[:120] for t in TEXTS]
    assert [p.goals for p in stored] == [[t[:200], t[:200].upper()] for t in TEXTS]


def test_numbers_come_back_exactly(session):
    ws = workshops.create_workshop(session, title="Numbers")
    persona = personas.create_persona(session, workshop_id=ws.id, name="Owner")
    canvas = canvases.create_canvas(session, persona_id=persona.id, title="Canvas")
    values = [(0.1 + 0.2, 1e-300), (-2.5, 1e300), (85.0, 2**53 - 1.0), (None, 0.0)]
    ids = [
        canvases.add_kpi(session, canvas_id=canvas.id, name=f"KPI {i}", baseline=b, target=t, unit="%").id
        for i, (b, t) in enumerate(values)
    ]
    session.commit()

    assert [(k.baseline, k.target) for k in (_fresh(session, Kpi, i) for i in ids)] == values


def test_times_come_back_in_utc_and_dates_as_dates(session):
    before = datetime.now(UTC)
    ws = workshops.create_workshop(session, title="Clock", held_on=date(2026, 2, 28), next_review_on=date(2026, 8, 28))
    session.commit()

    stored = _fresh(session, Workshop, ws.id)

    # UTC on both, whatever the PostgreSQL server's TimeZone (the test cluster runs in UTC+8).
    assert stored.created_at.utcoffset() == timedelta(0)
    assert before - timedelta(seconds=5) <= stored.created_at <= before + timedelta(minutes=1)
    assert (stored.held_on, stored.next_review_on) == (date(2026, 2, 28), date(2026, 8, 28))


def test_the_database_orders_text_by_code_point_as_python_does(engine):
    """Test databases are created as the README says (C collation), so ORDER BY agrees with sorted()."""
    words = ["b", "B", "a", "A", "é", "e", "焦虑", "中", "_x", "10", "9", "🙂", ""]
    with engine.connect() as conn:
        values = " UNION ALL ".join(f"SELECT '{w}' AS w" for w in words)
        ordered = conn.execute(text(f"SELECT w FROM ({values}) AS t ORDER BY w")).scalars().all()

    assert ordered == sorted(words)


def test_equality_on_text_is_case_sensitive(session):
    """``=`` compares exactly on both engines (unlike LIKE, which SQLite folds and PostgreSQL does not)."""
    ws = workshops.create_workshop(session, title="Case")
    personas.create_persona(session, workshop_id=ws.id, name="Anxious")
    session.commit()

    count = session.execute(text("SELECT count(*) FROM persona WHERE name = 'anxious'")).scalar_one()

    assert count == 0


def test_the_app_never_matches_text_patterns_in_sql():
    """SQL's LIKE (and ``contains()``, which SQLAlchemy turns into it) ignores case on SQLite, not on PostgreSQL.

    The app filters text in Python instead, so both engines find the same rows.
    """
    pattern = re.compile(r"\.(i?like|contains|regexp_match)\(|\bI?LIKE\b")
    offenders = [
        f"{path.relative_to(ROOT)}:{n}"
        for folder in ("pmo_insight", "pages")
        for path in sorted((ROOT / folder).rglob("*.py"))
        if "migrations" not in path.parts
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]

    assert offenders == []
