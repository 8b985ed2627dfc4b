"""The iteration commands: ``snapshot``, ``snapshots`` and ``diff`` (merged into pmo_insight/cli.py)."""

from __future__ import annotations

import argparse
import getpass
import json
from collections.abc import Callable

from sqlalchemy import Engine

from pmo_insight.i18n import LANGUAGES
from pmo_insight.persistence.db import session_scope

EXIT_OK = 0


def _who() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # pragma: no cover - no user name in some containers
        return "command line"


def cmd_snapshot(engine: Engine, args: argparse.Namespace) -> int:
    from pmo_insight.iterate.snapshots import take_snapshot

    with session_scope(engine) as session:
        snapshot = take_snapshot(session, args.workshop_id, args.label, args.by or _who())
    print(f"snapshot of workshop {args.workshop_id}: {snapshot.label}")
    print(snapshot.id)
    return EXIT_OK


def cmd_snapshots(engine: Engine, args: argparse.Namespace) -> int:
    from pmo_insight.iterate.snapshots import list_snapshots

    with session_scope(engine) as session:
        snapshots = list_snapshots(session, workshop_id=args.workshop_id)
    if not snapshots:
        print("no snapshots")
    for info in snapshots:
        label = " ".join(info.label.split())
        print(f"{info.id}\t{label}\t{info.taken_at.isoformat(timespec='seconds')}\t{info.taken_by}")
    return EXIT_OK


def cmd_diff(engine: Engine, args: argparse.Namespace) -> int:
    from pmo_insight.domain.diff import diff_as_json
    from pmo_insight.iterate.diff import workshop_diff
    from pmo_insight.iterate.diff_markdown import diff_report

    with session_scope(engine) as session:
        diff = workshop_diff(session, workshop_id=args.workshop_id, base_id=args.base, head_id=args.head)
    if args.format == "json":
        print(json.dumps(diff_as_json(diff), ensure_ascii=False, indent=2))
    else:
        print(diff_report(diff, args.lang), end="")
    return EXIT_OK


def _snapshot_arguments(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("workshop_id", type=int, metavar="WORKSHOP_ID", help="the workshop (see list)")
    cmd.add_argument("--label", required=True, help='what the snapshot is, e.g. "Before the H1 review"')
    cmd.add_argument("--by", metavar="NAME", help="who takes it (default: the user running the command)")


def _diff_arguments(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("workshop_id", type=int, metavar="WORKSHOP_ID", help="the workshop (see list)")
    cmd.add_argument("--from", dest="base", type=int, required=True, metavar="SNAPSHOT_ID", help="the earlier state")
    cmd.add_argument(
        "--to", dest="head", type=int, metavar="SNAPSHOT_ID", help="the later state (default: the workshop now)"
    )
    cmd.add_argument("--format", choices=["md", "json"], default="md", help="Markdown (default) or JSON")
    cmd.add_argument("--lang", choices=LANGUAGES, default="en", help="language of the Markdown")


COMMANDS: dict[str, tuple[str, Callable[[Engine, argparse.Namespace], int]]] = {
    "snapshot": ("store the workshop's chain as it is now under a label; prints the snapshot id last", cmd_snapshot),
    "snapshots": ("list a workshop's snapshots: id, label, time, who", cmd_snapshots),
    "diff": ("what changed between a snapshot and another snapshot or now (md or json)", cmd_diff),
}
ARGUMENTS: dict[str, Callable[[argparse.ArgumentParser], None]] = {
    "snapshot": _snapshot_arguments,
    "snapshots": lambda cmd: cmd.add_argument("workshop_id", type=int, metavar="WORKSHOP_ID", help="the workshop"),
    "diff": _diff_arguments,
}
