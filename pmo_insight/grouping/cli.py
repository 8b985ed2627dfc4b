"""``python -m pmo_insight notes {suggest-groups,group} MAP_ID --quadrant Q``: the group step from a script.

``suggest-groups`` changes nothing; with ``--json`` its last line is the contract
``{"groups": [{"title": str, "note_ids": [int, ...]}, ...], "duplicates": [[int, int], ...]}``, covering
every note of the quadrant once. ``group --accept`` stores that suggestion and prints, as its last
line, the number of groups the quadrant has then.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from sqlalchemy import Engine

from pmo_insight.grouping import services
from pmo_insight.models import Quadrant
from pmo_insight.persistence.db import session_scope

COMMANDS_HELP = "suggest groups for a quadrant's notes, or store them (notes group --accept)"


def _common(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("map_id", type=int, metavar="MAP_ID", help="the empathy map")
    cmd.add_argument("--quadrant", required=True, choices=[q.value for q in Quadrant], help="the quadrant's notes")
    cmd.add_argument("--groups", type=int, metavar="N", help="how many groups in all (default: about √notes)")


def arguments(cmd: argparse.ArgumentParser) -> None:
    actions = cmd.add_subparsers(dest="notes_action", required=True)
    suggest = actions.add_parser("suggest-groups", help="print suggested groups and near-duplicates (changes nothing)")
    _common(suggest)
    suggest.add_argument("--json", action="store_true", help="print the suggestion as one JSON line")
    group = actions.add_parser("group", help="store the suggested groups and print how many groups there are")
    _common(group)
    group.add_argument("--accept", action="store_true", required=True, help="accept the whole suggestion")


def print_suggestion(suggestion: Any, *, as_json: bool) -> None:
    """A suggestion as one JSON line (the contract), or one line per group and per near-duplicate pair."""
    if as_json:
        print(json.dumps(suggestion.as_json(), ensure_ascii=False))
        return
    for proposal in suggestion.groups:
        print(f"{proposal.title}\t{' '.join(map(str, proposal.note_ids))}")
    for a, b in suggestion.duplicates:
        print(f"near-duplicates\t{a} {b}")


def run(engine: Engine, args: argparse.Namespace) -> int:
    if args.groups is not None and args.groups < 1:
        raise SystemExit("error: --groups must be at least 1")
    with session_scope(engine) as session:
        if args.notes_action == "suggest-groups":
            suggestion = services.suggest_groups(
                session, map_id=args.map_id, quadrant=args.quadrant, n_groups=args.groups
            )
            session.rollback()
            print_suggestion(suggestion, as_json=args.json)
            return 0
        suggestion = services.accept_suggested(
            session, map_id=args.map_id, quadrant=args.quadrant, n_groups=args.groups
        )
        print(len(suggestion.groups))
    return 0
