"""Markdown that stays text: escaping typed text, blocks, tables (shared by the report and the diff report)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|~$])")
_LINE_START = re.compile(r"^(\s*)([#>+\-=]|\d+[.)])", re.MULTILINE)


def esc(text: str) -> str:
    """User text as literal inline Markdown on one line."""
    one_line = " ".join(str(text).split())
    return _LINE_START.sub(r"\1\\\2", _INLINE_SPECIAL.sub(r"\\\1", one_line))


def block(text: str) -> str:
    """User text as a literal Markdown paragraph, its line breaks kept."""
    lines = [esc(line) for line in str(text).splitlines() if line.strip()]
    return "  \n".join(lines)


def table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    """A pipe table; cells must already be escaped."""
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows]
    return [*out, ""]
