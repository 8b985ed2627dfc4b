"""``python -m pmo_insight live {start,reveal,stop} WORKSHOP_ID``: run a round from a script.

``start`` prints the bare join path ``/?join=CODE`` on its last line, so a script can read it.
"""

from __future__ import annotations

import argparse

from sqlalchemy import Engine

from pmo_insight.live import sessions
from pmo_insight.live.codes import join_path
from pmo_insight.live.models import BUDGET_DEFAULT
from pmo_insight.persistence.db import session_scope


def arguments(cmd: argparse.ArgumentParser) -> None:
    actions = cmd.add_subparsers(dest="live_action", required=True)
    start = actions.add_parser("start", help="start a live session and print its join path")
    start.add_argument("workshop_id", type=int, metavar="WORKSHOP_ID")
    board = start.add_mutually_exclusive_group()
    board.add_argument("--map", type=int, metavar="MAP_ID", help="empathy map (default: the workshop's first)")
    board.add_argument("--journey", type=int, metavar="JOURNEY_ID", help="vote on a journey's pains instead")
    start.add_argument("--budget", type=int, default=BUDGET_DEFAULT, metavar="N", help="dots per person, 1-10")
    start.add_argument("--minutes", type=int, metavar="M", help="start a timebox of 1-30 minutes")
    start.add_argument("--anonymous", action="store_true", help="hide authors on the shared screen")
    for name, text in (("reveal", "reveal the votes"), ("stop", "stop the session: its code stops working")):
        actions.add_parser(name, help=text).add_argument("workshop_id", type=int, metavar="WORKSHOP_ID")


def run(engine: Engine, args: argparse.Namespace) -> int:
    with session_scope(engine) as session:
        if args.live_action == "start":
            live = sessions.start_session(
                session,
                workshop_id=args.workshop_id,
                map_id=args.map,
                journey_id=args.journey,
                budget=args.budget,
                minutes=args.minutes,
                anonymous=args.anonymous,
            )
            print(f"live session {live.id} on {live.board_kind} {live.board_id}, code {live.code}")
            print(join_path(live.code))
        elif args.live_action == "reveal":
            sessions.reveal_votes(session, workshop_id=args.workshop_id)
            print("votes revealed")
        else:
            sessions.stop_session(session, workshop_id=args.workshop_id)
            print("live session stopped")
    return 0
