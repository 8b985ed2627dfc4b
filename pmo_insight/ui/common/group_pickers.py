"""Pickers whose options are groups shown by title (move to group, merge with): keyed by the titles.

Streamlit keeps a select box's value as its *formatted* label. When a colleague renames a group,
the label this browser still holds names no option any more, and Streamlit hands it back as the
raw string and calls the picker's ``on_change`` as if the user had chosen it (a move to a group
named "Slow approvals" instead of group 7, and the seen versions reset by the failed move). So a
picker's key carries a tag of the titles it was drawn with: a renamed group draws a fresh picker,
and a callback only acts on a value that is one of the picker's own options.
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping, Sequence
from typing import Any


def titles_tag(titles: Mapping[int, str]) -> str:
    """A short tag that changes whenever a group is added, removed or renamed."""
    return f"{zlib.crc32(repr(sorted(titles.items())).encode('utf-8')):08x}"


def chosen(value: Any, options: Sequence[int]) -> int | None:
    """The picked option, or None for a value that is not one of them (a stale label)."""
    return value if isinstance(value, int) and not isinstance(value, bool) and value in options else None
