"""``python -m pmo_insight portfolio --json [--department D]``: the last line is the contract."""

from __future__ import annotations

import json
from datetime import date

from sqlmodel import Session

from pmo_insight.cli import main
from pmo_insight.persistence.db import make_engine
from pmo_insight.portfolio.services import clear_cache
from tests.portfolio_builders import portfolio_workshop


def test_the_last_line_is_the_json_contract_and_department_filters_workshops_and_pains(new_database, capsys):
    url = new_database()
    engine = make_engine(url)
    with Session(engine) as session:
        sales = portfolio_workshop(
            session,
            title="Sales",
            department="Sales",
            pains=[("Quotes are slow", 4)],
            kpis=[dict(name="Quote days", baseline=10, target=4, actuals=[(13, date(2026, 2, 1))])],
        ).id
        rnd = portfolio_workshop(
            session, title="研发", department="研发", pains=[("Quotes are slow!", 3), ("构建太慢", 2)]
        ).id
    engine.dispose()
    clear_cache()

    assert main(["--db", url, "portfolio", "--json"]) == 0
    everything = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert main(["--db", url, "portfolio", "--json", "--department", "Sales"]) == 0
    only_sales = json.loads(capsys.readouterr().out.strip().splitlines()[-1])

    assert sorted(w["id"] for w in everything["workshops"]) == sorted([sales, rnd])
    quotes = everything["recurring_pains"][0]
    assert quotes == {"text": "Quotes are slow", "workshop_ids": sorted([sales, rnd]), "departments": ["Sales", "研发"]}
    assert [w["id"] for w in only_sales["workshops"]] == [sales]
    assert only_sales["workshops"][0]["kpis"][0]["progress"] == -0.5
    assert only_sales["recurring_pains"] == [
        {"text": "Quotes are slow", "workshop_ids": [sales], "departments": ["Sales"]}
    ]


def test_without_json_it_prints_one_line_per_workshop(new_database, capsys):
    url = new_database()
    engine = make_engine(url)
    with Session(engine) as session:
        portfolio_workshop(session, title="Ops review", department="Ops")
    engine.dispose()
    clear_cache()

    assert main(["--db", url, "portfolio"]) == 0

    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 1 and lines[0].split("\t")[1:3] == ["Ops review", "Ops"]
