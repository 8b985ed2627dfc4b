"""``python -m pmo_insight pains {suggest-groups,group} JOURNEY_ID``: a journey's pain groups from a script.

``suggest-groups`` changes nothing; with ``--json`` its last line is
``{"groups": [{"title": str, "touchpoint_ids": [int, ...]}, ...], "duplicates": [[int, int], ...]}``,
covering every touchpoint that names a pain once. ``group --accept`` stores that suggestion and
prints, as its last line, the number of pain groups the journey has then.
"""

from __future__ import annotations

import argparse

from sqlalchemy import Engine

from pmo_insight.grouping.cli import print_suggestion
from pmo_insight.grouping.pains import services
from pmo_insight.persistence.db import session_scope

COMMANDS_HELP = "suggest groups for a journey's pains, or store them (pains group --accept)"


def _common(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("journey_id", type=int, metavar="JOURNEY_ID", help="the customer journey")
    cmd.add_argument(
        "--groups",
        type=int,
        metavar="N",
        help="how many groups at least (default: about √pains); unlike pains stay alone, so there may be more",
    )


def arguments(cmd: argparse.ArgumentParser) -> None:
    actions = cmd.add_subparsers(dest="pains_action", required=True)
    suggest = actions.add_parser(
        "suggest-groups", help="print suggested pain groups and near-duplicates (changes nothing)"
    )
    _common(suggest)
    suggest.add_argument("--json", action="store_true", help="print the suggestion as one JSON line")
    group = actions.add_parser("group", help="store the suggested groups and print how many groups there are")
    _common(group)
    group.add_argument("--accept", action="store_true", required=True, help="accept the whole suggestion")


def run(engine: Engine, args: argparse.Namespace) -> int:
    if args.groups is not None and args.groups < 1:
        raise SystemExit("error: --groups must be at least 1")
    with session_scope(engine) as session:
        if args.pains_action == "suggest-groups":
            suggestion = services.suggest_pain_groups(session, journey_id=args.journey_id, n_groups=args.groups)
            session.rollback()
            print_suggestion(suggestion, as_json=args.json)
            return 0
        services.accept_suggested_pains(session, journey_id=args.journey_id, n_groups=args.groups)
        print(services.pain_group_count(session, journey_id=args.journey_id))
    return 0
