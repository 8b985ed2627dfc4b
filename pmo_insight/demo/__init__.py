"""The demo workshops: the seed article's worked example as one linked chain, in English and in Chinese.

Each language is a file in the backup format beside this module (``en.json``, ``zh.json``): the
executive deciding on a PMO, Xiao Li the software project manager, the new project manager's
training journey and the regional director anxious about HQ's resource allocation, with their
evidence, empathy maps, journeys, canvases, KPIs and the traces between them. Loading one is a
restore (:func:`pmo_insight.persistence.restore.restore_backup`): the same checks as any backup a
user brings, so every test run also tests the restore path. The files carry no stable ids: each
demo gets its own, like any new workshop. To change the demo, edit the file (or build the
workshop on screen and save its backup over the file) and keep ``tests/test_demo.py`` green.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from sqlmodel import Session

from pmo_insight.models import Workshop
from pmo_insight.persistence.restore import restore_backup

DEMO_LANGUAGES = ("en", "zh")
HERE = Path(__file__).resolve().parent
#: The demo file of each language.
DEMO_FILES: dict[str, Path] = {lang: HERE / f"{lang}.json" for lang in DEMO_LANGUAGES}


@cache
def _demo_bytes(lang: str) -> bytes:
    return DEMO_FILES[lang].read_bytes()


def demo_document(lang: str) -> dict[str, Any]:
    """The demo of ``lang`` as its backup document (a fresh copy each call)."""
    return json.loads(_demo_bytes(lang))


def create_demo_workshop(session: Session, *, lang: str = "en") -> Workshop:
    """Create the demo workshop in ``lang`` ("en" or "zh") by restoring its file; the caller commits.

    Raises ``ValueError`` for any other language, before anything is written.
    """
    if lang not in DEMO_LANGUAGES:
        raise ValueError(f"no demo in language {lang!r}; choose one of {', '.join(DEMO_LANGUAGES)}")
    return restore_backup(session, data=_demo_bytes(lang))
