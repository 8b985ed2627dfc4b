"""The ``survey`` commands: import a file as evidence, list its segments, draft a persona from one.

Output contract (the last line of each command is what scripts read):

- ``survey import WORKSHOP_ID FILE [--sheet NAME] [--json]``: the new evidence id, or with ``--json``
  ``{"evidence_id": N, "respondents": N, "columns": {"header": "kind", ...}}``;
- ``survey segments EVIDENCE_ID [--questions "h1,h2"] --json``: a JSON list of segments, each
  ``{"label", "size", "share", "stable", "distinguishing", "quotes", "respondents"}``;
- ``survey persona EVIDENCE_ID SEGMENT_LABEL``: the new persona's id.

A refused file prints one line per problem (file, row, column) on stderr and exits with 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from sqlalchemy import Engine

from pmo_insight.i18n import LANGUAGES
from pmo_insight.persistence.db import session_scope
from pmo_insight.surveys.reading import SurveyRejected
from pmo_insight.surveys.services import (
    draft_persona,
    import_survey,
    list_survey_columns,
    problem_lines,
    survey_segments,
)

EXIT_OK, EXIT_DOMAIN_ERROR = 0, 2


def arguments(cmd: argparse.ArgumentParser) -> None:
    actions = cmd.add_subparsers(dest="action", required=True)
    imp = actions.add_parser("import", help="import a survey file (CSV or XLSX) as evidence; prints its id")
    imp.add_argument("workshop_id", type=int, metavar="WORKSHOP_ID")
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--sheet", metavar="NAME", help="the XLSX sheet (default: the first)")
    imp.add_argument("--json", action="store_true", help="print the evidence id, respondents and column kinds as JSON")
    seg = actions.add_parser("segments", help="the survey's segments as JSON")
    seg.add_argument("evidence_id", type=int, metavar="EVIDENCE_ID")
    seg.add_argument("--questions", metavar="H1,H2", help="headers of the questions that form segments")
    seg.add_argument("--json", action="store_true", help="print the segments as JSON (the only format)")
    seg.add_argument("--lang", choices=LANGUAGES, default="en", help="language of the distinguishing answers")
    per = actions.add_parser("persona", help="draft a persona from a segment; prints its id")
    per.add_argument("evidence_id", type=int, metavar="EVIDENCE_ID")
    per.add_argument("label", metavar="SEGMENT_LABEL")
    per.add_argument("--questions", metavar="H1,H2", help="as given to segments (default: the app's choice)")
    per.add_argument("--lang", choices=LANGUAGES, default="en", help="language of the draft")


def _questions(text: str | None) -> list[str] | None:
    return [q.strip() for q in text.split(",") if q.strip()] if text else None


def run(engine: Engine, args: argparse.Namespace) -> int:
    if args.action == "import":
        return _import(engine, args)
    if args.action == "segments":
        with session_scope(engine) as session:
            profiles = survey_segments(session, evidence_id=args.evidence_id, questions=_questions(args.questions))
        print(json.dumps([p.as_json(args.lang) for p in profiles], ensure_ascii=False))
        return EXIT_OK
    with session_scope(engine) as session:
        persona = draft_persona(
            session,
            evidence_id=args.evidence_id,
            label=args.label,
            questions=_questions(args.questions),
            lang=args.lang,
        )
    print(persona.id)
    return EXIT_OK


def _import(engine: Engine, args: argparse.Namespace) -> int:
    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError as error:
        print(f"error: cannot read {args.file}: {error.strerror or error}", file=sys.stderr)
        return EXIT_DOMAIN_ERROR
    try:
        with session_scope(engine) as session:
            evidence = import_survey(
                session, workshop_id=args.workshop_id, data=data, filename=path.name, sheet=args.sheet
            )
            columns = list_survey_columns(session, evidence_id=evidence.id)
            respondents = evidence.sample_size
            evidence_id = evidence.id
    except SurveyRejected as error:
        for line in problem_lines(error, "en"):
            print(f"error: {line}", file=sys.stderr)
        return EXIT_DOMAIN_ERROR
    if args.json:
        kinds = {c.header: str(c.kind) for c in columns}
        print(
            json.dumps({"evidence_id": evidence_id, "respondents": respondents, "columns": kinds}, ensure_ascii=False)
        )
    else:
        print(evidence_id)
    return EXIT_OK
