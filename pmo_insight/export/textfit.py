"""Measure, wrap and shorten text so it fits a box on a slide before the slide is written.

Neither python-pptx nor the file format lays text out: PowerPoint and LibreOffice do it when the
deck is opened, and an overfull box simply spills over the slide. So the deck measures each
string with the metrics of the font it declares (Noto Sans CJK, which covers Latin and Chinese),
wraps it the way a renderer would (Latin at spaces, Chinese between any two characters) and
shortens what does not fit with an ellipsis, or moves whole rows to a continuation slide.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from pathlib import Path

from PIL import ImageFont

ELLIPSIS = "…"
#: Candidate font files, regular and bold; the first that exists is used for measuring.
FONT_FILES = {
    False: ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",),
    True: ("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",),
}
#: Size the reference font is loaded at; widths scale linearly from it.
_REFERENCE_PX = 100
#: Safety margin on measured widths: renderers kern and hint differently.
_SLACK = 1.04


@cache
def _font(bold: bool) -> ImageFont.FreeTypeFont | None:
    for path in FONT_FILES[bold]:
        if Path(path).exists():
            return ImageFont.truetype(path, _REFERENCE_PX, index=2)  # face 2: Simplified Chinese
    return None


@cache
def _char_em(char: str, bold: bool) -> float:
    """A character's advance width in ems (estimated when the font file is missing)."""
    font = _font(bold)
    if font is not None:
        return font.getlength(char) / _REFERENCE_PX
    wide = unicodedata.east_asian_width(char) in "WF"
    return (1.0 if wide else 0.6) * (1.06 if bold else 1.0)


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """Width in points of ``text`` set in ``size``-point type."""
    return sum(_char_em(c, bold) for c in text) * size * _SLACK


def _is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in "WF"


def _tokens(text: str) -> list[str]:
    """Words with their trailing spaces; each CJK character stands alone so a line may break after it."""
    tokens: list[str] = []
    word = ""
    for char in text:
        if _is_wide(char):
            if word:
                tokens.append(word)
                word = ""
            tokens.append(char)
        elif char == " ":
            word += char
            tokens.append(word)
            word = ""
        else:
            word += char
    if word:
        tokens.append(word)
    return tokens


def wrap(text: str, width: float, size: float, *, bold: bool = False) -> list[str]:
    """The lines ``text`` occupies in a box ``width`` points wide; explicit newlines are kept."""
    lines: list[str] = []
    for paragraph in text.split("\n") or [""]:
        line = ""
        for token in _tokens(paragraph):
            if text_width((line + token).rstrip(), size, bold=bold) <= width:
                line += token
                continue
            if line.strip():
                lines.append(line.rstrip())
                line = ""
            token = token.lstrip() if not line else token
            while text_width(token.rstrip(), size, bold=bold) > width and len(token) > 1:
                cut = _longest_prefix(token, width, size, bold)
                lines.append(token[:cut])
                token = token[cut:]
            line = token
        lines.append(line.rstrip())
    return lines


def _longest_prefix(text: str, width: float, size: float, bold: bool) -> int:
    total = 0.0
    for index, char in enumerate(text):
        total += _char_em(char, bold) * size * _SLACK
        if total > width:
            return max(1, index)
    return len(text)


def shorten(text: str, width: float, size: float, *, max_lines: int, bold: bool = False) -> list[str]:
    """At most ``max_lines`` lines of ``text``; when it is longer the last line ends in an ellipsis."""
    lines = wrap(text, width, size, bold=bold)
    if len(lines) <= max_lines:
        return lines
    kept = lines[:max_lines]
    last = kept[-1]
    while last and text_width(last + ELLIPSIS, size, bold=bold) > width:
        last = last[:-1]
    kept[-1] = last.rstrip(" ,.;:，。；：、") + ELLIPSIS
    return kept


def one_line(text: str, width: float, size: float, *, bold: bool = False) -> str:
    """``text`` on a single line, cut with an ellipsis if needed (newlines become spaces)."""
    return shorten(" ".join(text.split()), width, size, max_lines=1, bold=bold)[0]
