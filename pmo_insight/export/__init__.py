"""Export formats, one registry: a format name gives an exporter that returns bytes to save.

Screens and the command line list the formats from :data:`EXPORTERS` rather than naming them, so a
new format (say, a spreadsheet) is one module and one entry here, and appears everywhere at once.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from pmo_insight.domain.backup_format import export_json
from pmo_insight.domain.chain import WorkshopChain
from pmo_insight.export.deck import export_pptx
from pmo_insight.export.markdown import export_markdown
from pmo_insight.export.story import ExportOptions

__all__ = ["EXPORTERS", "ExportOptions", "Exporter", "export", "file_name"]


@dataclass(frozen=True)
class Exporter:
    """One format: what it is called, how it is served and saved, and the function that writes it."""

    name: str
    mime: str
    extension: str
    write: Callable[[WorkshopChain, ExportOptions], bytes]
    #: Whether the export follows the user's choice of personas, journeys and canvases; a backup
    #: always holds the whole workshop, so restoring it loses nothing.
    selective: bool = True


EXPORTERS: dict[str, Exporter] = {
    "pptx": Exporter(
        "pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx", export_pptx
    ),
    "md": Exporter("md", "text/markdown", "md", export_markdown),
    "json": Exporter("json", "application/json", "json", export_json, selective=False),
}


def export(chain: WorkshopChain, fmt: str, options: ExportOptions | None = None) -> bytes:
    """The workshop in format ``fmt`` (a key of :data:`EXPORTERS`)."""
    return EXPORTERS[fmt].write(chain, options or ExportOptions())


_UNSAFE = re.compile(r"[^\w\-]+", re.UNICODE)


def file_name(chain: WorkshopChain, fmt: str, lang: str = "") -> str:
    """A download name from the workshop title that is safe on every file system, e.g. ``PMO-insight-en.pptx``."""
    stem = _UNSAFE.sub("-", chain.workshop.title).strip("-_")[:60] or f"workshop-{chain.workshop.id}"
    suffix = f"-{lang}" if lang and EXPORTERS[fmt].selective else ""
    return f"{stem}{suffix}.{EXPORTERS[fmt].extension}"
