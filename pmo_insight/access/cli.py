"""``python -m pmo_insight facilitator-link [--rotate]``: the link that makes another device the facilitator.

Only the key's hash is stored, so a link can be printed only when it is made: on a database with
no key yet (``scripts/start.sh`` runs this before the server starts), or with ``--rotate``, which
replaces the key and signs out every session that used the old one at its next interaction. The
path and query (``/?facilitator=KEY``) are the last line printed, to put after the server's address.
"""

from __future__ import annotations

import argparse
import os

from sqlalchemy import Engine

from pmo_insight.access import facilitator_key
from pmo_insight.persistence.db import session_scope

PUBLIC_URL_ENV = "PMO_INSIGHT_PUBLIC_URL"


def arguments(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("--rotate", action="store_true", help="replace the link (the old one stops working)")


def run(engine: Engine, args: argparse.Namespace) -> int:
    with session_scope(engine) as session:
        key = facilitator_key.rotate_key(session) if args.rotate else facilitator_key.ensure_key(session)
        made = facilitator_key.created_at(session)
    if key is None:
        print(f"a facilitator link exists (made {made:%Y-%m-%d %H:%M} UTC); it is shown only when it is made.")
        print("For a new one (the old one stops working): python -m pmo_insight facilitator-link --rotate")
        print("or press 'Make a link for my second device' on Home in this machine's browser.")
        return 0
    base = os.environ.get(PUBLIC_URL_ENV, "").strip().rstrip("/")
    print("Facilitator link: open it on another device to run the workshop from there. Keep it private;")
    where = base or "the Network URL the server prints when it starts (e.g. http://192.168.1.20:8501)"
    print(f"put it after {where}:")
    print(facilitator_key.link_path(key))
    return 0
