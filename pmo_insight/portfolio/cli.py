"""``python -m pmo_insight portfolio [--json] [--department D]`` (merged into pmo_insight/cli.py).

With ``--json`` the last line printed is the contract (one line of JSON)::

    {"workshops": [{"id", "title", "department", "health_passed", "health_total",
                    "review_states": [str...], "next_review_on", "overdue",
                    "kpis": [{"name", "baseline", "target", "actual", "progress"}...]}...],
     "recurring_pains": [{"text", "workshop_ids": [int...], "departments": [str...]}...]}

``progress`` is ``(actual − baseline) / (target − baseline)`` with the latest actual by date,
unclipped, null without an actual. ``--department`` filters the workshops and the pains alike.
Without ``--json``: one tab-separated line per workshop, then the recurring pains. ``--deck FILE
[--lang zh]`` also writes the portfolio deck.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable

from sqlalchemy import Engine

from pmo_insight.i18n import LANGUAGES
from pmo_insight.persistence.db import session_scope

EXIT_OK = 0


def cmd_portfolio(engine: Engine, args: argparse.Namespace) -> int:
    from pmo_insight.portfolio.rollup import contract
    from pmo_insight.portfolio.services import portfolio_view

    with session_scope(engine) as session:
        portfolio = portfolio_view(session, department=args.department)
    if args.deck:
        from pathlib import Path

        from pmo_insight.portfolio.deck import portfolio_deck

        data = portfolio_deck(portfolio, lang=args.lang)
        Path(args.deck).write_bytes(data)
        print(f"wrote {args.deck} ({len(data)} bytes)")
    if args.json:
        print(json.dumps(contract(portfolio), ensure_ascii=False, allow_nan=False))
        return EXIT_OK
    if not portfolio.workshops:
        print("no workshops")
    for ws in portfolio.workshops:
        states = ",".join(ws.review_states) or "-"
        review = (ws.next_review_on.isoformat() if ws.next_review_on else "-") + (" OVERDUE" if ws.overdue else "")
        print(
            f"{ws.id}\t{ws.title}\t{ws.department or '-'}\thealth {ws.health_passed}/{ws.health_total}"
            f"\treview {states}\tnext {review}\tkpis {len(ws.kpis)}"
        )
    for group in portfolio.pains:
        if len(group.workshop_ids) > 1:
            print(f"pain\t{group.text}\tworkshops {len(group.workshop_ids)}\t{','.join(group.departments)}")
    return EXIT_OK


def arguments(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("--json", action="store_true", help="print the portfolio as one line of JSON (a contract)")
    cmd.add_argument("--department", metavar="D", help="only this department's workshops and pains")
    cmd.add_argument("--deck", metavar="FILE", help="also write the portfolio deck (.pptx) to FILE")
    cmd.add_argument("--lang", choices=LANGUAGES, default="en", help="language of the deck")


COMMANDS: dict[str, tuple[str, Callable[[Engine, argparse.Namespace], int]]] = {
    "portfolio": ("every workshop at once: health, reviews, KPI progress, recurring pains", cmd_portfolio),
}
ARGUMENTS: dict[str, Callable[[argparse.ArgumentParser], None]] = {"portfolio": arguments}
