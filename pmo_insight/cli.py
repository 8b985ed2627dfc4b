"""Command line: ``python -m pmo_insight [--db URL] COMMAND`` (migrate, demo, list, export, import, review-link,
live, notes, snapshot, snapshots, diff, facilitator-link, survey, portfolio).

Each command is one small function in a registry, so a new command (export, import) is one
function and one entry. Domain errors become a message on stderr and exit code 2.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine

from pmo_insight.access import cli as access_cli
from pmo_insight.errors import DomainError
from pmo_insight.grouping import cli as grouping_cli
from pmo_insight.grouping.pains import cli as pains_cli
from pmo_insight.i18n import LANGUAGES, error_message
from pmo_insight.iterate import cli as iterate_cli
from pmo_insight.live import cli as live_cli
from pmo_insight.persistence.db import URL_ENV, current_revision, make_engine, migrate, session_scope
from pmo_insight.portfolio import cli as portfolio_cli
from pmo_insight.review.cli import cmd_review_link, review_link_arguments, review_words
from pmo_insight.surveys import cli as survey_cli

EXIT_OK, EXIT_DOMAIN_ERROR = 0, 2


def cmd_migrate(engine: Engine, _args: argparse.Namespace) -> int:
    print(f"database at revision {current_revision(engine)}")
    return EXIT_OK


def cmd_demo(engine: Engine, args: argparse.Namespace) -> int:
    from pmo_insight.demo import create_demo_workshop

    with session_scope(engine) as session:
        workshop = create_demo_workshop(session, lang=args.lang)
    print(workshop.id)
    return EXIT_OK


def cmd_list(engine: Engine, _args: argparse.Namespace) -> int:
    from pmo_insight.services.workshops import TOOLS, list_workshops

    with session_scope(engine) as session:
        summaries = list_workshops(session)
    if not summaries:
        print("no workshops")
    review = review_words(engine)
    for summary in summaries:
        counts = " ".join(f"{tool}={count}" for tool, count in summary.progress.by_tool.items())
        done = summary.progress.tools_with_content
        ws = summary.workshop
        print(f"{ws.id}\t{ws.title}\t{done}/{len(TOOLS)} tools\t{counts}\t{review.get(ws.id, '')}")
    return EXIT_OK


def cmd_export(engine: Engine, args: argparse.Namespace) -> int:
    from pmo_insight.export import ExportOptions, export
    from pmo_insight.persistence.chain_loader import load_chain

    with session_scope(engine) as session:
        chain = load_chain(session, workshop_id=args.workshop_id)
    data = export(chain, args.format, ExportOptions(lang=args.lang))
    try:
        Path(args.output).write_bytes(data)
    except OSError as error:
        print(f"error: cannot write {args.output}: {error.strerror or error}", file=sys.stderr)
        return EXIT_DOMAIN_ERROR
    print(f"wrote {args.output} ({len(data)} bytes)")
    return EXIT_OK


def cmd_import(engine: Engine, args: argparse.Namespace) -> int:
    from pmo_insight.domain.backup_check import check_size
    from pmo_insight.persistence.restore import restore_backup

    path = Path(args.file)
    try:
        check_size(path.stat().st_size)
        data = path.read_bytes()
    except OSError as error:
        print(f"error: cannot read {args.file}: {error.strerror or error}", file=sys.stderr)
        return EXIT_DOMAIN_ERROR
    with session_scope(engine) as session:
        workshop = restore_backup(session, data=data)
    print(workshop.id)
    return EXIT_OK


def _export_arguments(cmd: argparse.ArgumentParser) -> None:
    from pmo_insight.export import EXPORTERS

    cmd.add_argument("workshop_id", type=int, metavar="WORKSHOP_ID", help="the workshop to export (see list)")
    cmd.add_argument("--format", choices=list(EXPORTERS), required=True, help="slide deck, Markdown report or backup")
    cmd.add_argument("-o", "--output", metavar="FILE", required=True, help="the file to write")
    cmd.add_argument("--lang", choices=LANGUAGES, default="en", help="language of the deck and report")


COMMANDS: dict[str, tuple[str, Callable[[Engine, argparse.Namespace], int]]] = {
    "migrate": ("bring the database schema up to date", cmd_migrate),
    "demo": ("create the demo workshop and print its id", cmd_demo),
    "list": ("list workshops with their ids and chain progress", cmd_list),
    "export": ("write a workshop as a slide deck (pptx), report (md) or backup (json)", cmd_export),
    "import": ("restore a JSON backup as a new workshop and print its id", cmd_import),
    "review-link": ("create, list or revoke a workshop's review links", cmd_review_link),
    "live": ("start, reveal or stop a live session (start prints /?join=CODE)", live_cli.run),
    "notes": (grouping_cli.COMMANDS_HELP, grouping_cli.run),
    "pains": (pains_cli.COMMANDS_HELP, pains_cli.run),
    "facilitator-link": ("print the facilitator link when it is made (--rotate: a new one)", access_cli.run),
    "survey": ("import a survey file, list its segments, draft a persona from one", survey_cli.run),
}
#: Each command's own arguments, added to its sub-parser.
ARGUMENTS: dict[str, Callable[[argparse.ArgumentParser], None]] = {
    "demo": lambda cmd: cmd.add_argument(
        "--lang", choices=LANGUAGES, default="en", help="language of the demo content"
    ),
    "export": _export_arguments,
    "import": lambda cmd: cmd.add_argument("file", metavar="FILE", help="a backup written by export --format json"),
    "review-link": review_link_arguments,
    "live": live_cli.arguments,
    "notes": grouping_cli.arguments,
    "pains": pains_cli.arguments,
    "facilitator-link": access_cli.arguments,
    "survey": survey_cli.arguments,
}
COMMANDS.update(iterate_cli.COMMANDS)
ARGUMENTS.update(iterate_cli.ARGUMENTS)
COMMANDS.update(portfolio_cli.COMMANDS)
ARGUMENTS.update(portfolio_cli.ARGUMENTS)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m pmo_insight", description="PMO Insight Studio command line")
    p.add_argument("--db", metavar="URL", help=f"SQLAlchemy database URL (default: ${URL_ENV}, else data/ SQLite)")
    sub = p.add_subparsers(dest="command", required=True)
    for name, (help_text, _) in COMMANDS.items():
        cmd = sub.add_parser(name, help=help_text)
        if name in ARGUMENTS:
            ARGUMENTS[name](cmd)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    engine = make_engine(args.db)
    try:
        migrate(engine)
        return COMMANDS[args.command][1](engine, args)
    except DomainError as error:
        print(f"error: {error_message(error, 'en')}", file=sys.stderr)
        return EXIT_DOMAIN_ERROR
    finally:
        engine.dispose()
