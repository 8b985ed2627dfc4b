"""A portfolio of demo-sized workshops for the portfolio benchmark and screenshots.

    from benchmarks.portfolio_data import seed_portfolio
    ids = seed_portfolio(engine, 200)   # 200 copies of the demo, spread over departments and dates

Each copy is the demo workshop's JSON backup restored through the real restore, with a department,
a sponsor, a date (one every week back from the demo's), and a measured actual on most KPIs, so the
roll-up has greens, ambers, reds and unknowns; one pain in three gets reworded so the recurring
pains are not all identical.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

from sqlalchemy.engine import Engine
from sqlmodel import Session

from pmo_insight.demo import create_demo_workshop
from pmo_insight.domain.backup_format import backup_document
from pmo_insight.persistence.chain_loader import load_chain
from pmo_insight.persistence.restore import restore_backup
from pmo_insight.services.workshops import delete_workshop

DEPARTMENTS = {
    "en": ("Sales EMEA", "Sales APAC", "R&D", "Finance", "Operations"),
    "zh": ("华东销售", "华南销售", "研发", "财务", "运营"),
}
SPONSORS = {
    "en": ("Li Wei, COO", "Ana Ruiz, CFO", "Tom Berg, CTO"),
    "zh": ("李伟（COO）", "王芳（CFO）", "张强（CTO）"),
}


def demo_document(engine: Engine, lang: str) -> dict:
    with Session(engine) as session:
        demo = create_demo_workshop(session, lang=lang)
        document = backup_document(load_chain(session, workshop_id=demo.id))
        delete_workshop(session, workshop_id=demo.id)
        session.commit()
    return document


def variant(template: dict, n: int, lang: str) -> bytes:
    document = json.loads(json.dumps(template))
    held = date.fromisoformat(template["workshop"]["held_on"]) - timedelta(weeks=n)
    departments = DEPARTMENTS[lang]
    document["workshop"].update(
        title=f"{template['workshop']['title']} #{n + 1}",
        department=departments[n % len(departments)],
        sponsor=SPONSORS[lang][n % len(SPONSORS[lang])],
        held_on=held.isoformat(),
        next_review_on=(held + timedelta(days=182)).isoformat(),
    )
    for item in document["canvas_items"]:
        if item["kind"] == "pain" and (item["id"] + n) % 3 == 0:
            item["text"] = f"{item['text']} ({departments[n % len(departments)]})"
    actuals = []
    for k, kpi in enumerate(document["kpis"]):
        if (k + n) % 4 == 3 or kpi["baseline"] is None or kpi["target"] is None:
            continue  # not measured yet
        share = ((k * 7 + n * 3) % 13) / 10 - 0.2  # -0.2 .. 1.0
        value = kpi["baseline"] + share * (kpi["target"] - kpi["baseline"])
        actuals.append(
            {
                "id": len(actuals) + 1,
                "kpi_id": kpi["id"],
                "value": round(value, 2),
                "measured_on": (held + timedelta(days=60)).isoformat(),
                "source": "monthly report",
            }
        )
    document["kpi_actuals"] = actuals
    for rows in document.values():
        if isinstance(rows, list):
            for row in rows:
                row.pop("uid", None)  # fresh identities for each copy
    return json.dumps(document).encode()


def seed_portfolio(engine: Engine, count: int, *, lang: str = "en") -> list[int]:
    template = demo_document(engine, lang)
    ids = []
    with Session(engine) as session:
        for n in range(count):
            ids.append(restore_backup(session, data=variant(template, n, lang)).id)
        session.commit()
    return ids
