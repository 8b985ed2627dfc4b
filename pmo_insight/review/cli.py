"""``python -m pmo_insight review-link {create,list,revoke}``: send review links from a script.

``create`` prints the bare link path ``/?review=TOKEN`` on its last line (the only time the token
is ever shown); ``list`` prints one tab-separated line per link: id, label, expires, state, opens.
"""

from __future__ import annotations

import argparse

from sqlalchemy import Engine

from pmo_insight.persistence.db import session_scope
from pmo_insight.review.models import DEFAULT_DAYS, MAX_DAYS


def cmd_review_link(engine: Engine, args: argparse.Namespace) -> int:
    from pmo_insight.services import review_links as svc

    with session_scope(engine) as session:
        if args.action == "create":
            new = svc.create_review_link(session, workshop_id=args.workshop_id, label=args.label, days=args.days)
            expires = new.link.expires_at.isoformat(timespec="minutes")
            print(f"review link {new.link.id} for {new.link.label!r}, expires {expires}")
            print(new.path)
        elif args.action == "list":
            for link in svc.list_review_links(session, workshop_id=args.workshop_id):
                expires = link.expires_at.isoformat(timespec="minutes")
                print(f"{link.id}\t{link.label}\t{expires}\t{svc.link_state(link).value}\t{link.open_count}")
        else:
            link = svc.revoke_review_link(session, link_id=args.link_id)
            print(f"review link {link.id} revoked")
    return 0


def review_link_arguments(cmd: argparse.ArgumentParser) -> None:
    actions = cmd.add_subparsers(dest="action", required=True)
    create = actions.add_parser("create", help="create a link and print its path /?review=TOKEN (shown once)")
    create.add_argument("workshop_id", type=int, metavar="WORKSHOP_ID")
    create.add_argument("--label", required=True, help="who the link is for")
    create.add_argument(
        "--days", type=int, default=DEFAULT_DAYS, help=f"valid for N days (1-{MAX_DAYS}, default {DEFAULT_DAYS})"
    )
    listing = actions.add_parser("list", help="id, label, expires, state and opens of each link, tab-separated")
    listing.add_argument("workshop_id", type=int, metavar="WORKSHOP_ID")
    revoke = actions.add_parser("revoke", help="revoke a link at once")
    revoke.add_argument("link_id", type=int, metavar="LINK_ID")


def review_words(engine: Engine) -> dict[int, str]:
    """Each workshop's review state in plain words (approved / changes requested / outdated)."""
    from sqlmodel import select

    from pmo_insight.models import Workshop
    from pmo_insight.persistence.chain_loader import load_chain
    from pmo_insight.review.state import summary_words

    with session_scope(engine) as session:
        ids = session.exec(select(Workshop.id)).all()
        return {wid: summary_words(load_chain(session, workshop_id=wid, responses=False)) for wid in ids}
