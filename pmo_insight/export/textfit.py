"""Measure and wrap text the way a renderer will, so a slide's boxes are sized before it is written.

Neither python-pptx nor the file format lays text out: PowerPoint and LibreOffice do it when the
deck is opened, and an overfull box simply spills over the slide. So the deck measures each
string with the metrics of the font it declares (Noto Sans CJK, which covers Latin and Chinese)
and wraps it as a renderer would (Latin at spaces, Chinese between any two characters). Nothing is
ever cut: text that does not fit a box grows the box, or moves on to the next slide, split at a
line the renderer would also break at (:func:`line_spans` gives the offsets).

Speed: widths come from the font's own string measurement (``getlength``) of whole words, cached,
and a line's width is the sum of its words' widths; a large deck measures each distinct word once.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from pathlib import Path

from PIL import ImageFont

#: Candidate font files, regular and bold; the first that exists is used for measuring.
FONT_FILES = {
    False: ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",),
    True: ("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",),
}
#: Size the reference font is loaded at; widths scale linearly from it.
_REFERENCE_PX = 100
#: Safety margin on measured widths: renderers kern and hint differently.
SLACK = 1.02

#: Characters a line may break before or after without a space: CJK ideographs and punctuation,
#: kana, Hangul, full-width forms and emoji (East Asian "wide").
_WIDE = (
    "\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3"
    "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\U0001f300-\U0001f64f\U0001f900-\U0001f9ff"
    "\U00020000-\U0003fffd"
)
#: A token: one wide character, or a run of other characters with the spaces after it.
_TOKEN = re.compile(f"[{_WIDE}]|[^{_WIDE} ]+ *| +")
_WIDE_CHAR = re.compile(f"[{_WIDE}]")
#: A space typed between a Chinese and a Latin character (either way round).
_TYPED_GAP = re.compile(f"(?<=[{_WIDE}]) (?=[0-9A-Za-z])|(?<=[0-9A-Za-z%]) (?=[{_WIDE}])")
#: The gap (in ems) renderers put between Chinese and Latin characters (East Asian autospacing).
AUTOSPACE = 0.25


def _is_wide(char: str) -> bool:
    return bool(_WIDE_CHAR.match(char))


@cache
def _font(bold: bool) -> ImageFont.FreeTypeFont | None:
    for path in FONT_FILES[bold]:
        if Path(path).exists():
            return ImageFont.truetype(path, _REFERENCE_PX, index=2)  # face 2: Simplified Chinese
    return None


@lru_cache(maxsize=1 << 16)
def em_width(text: str, bold: bool = False) -> float:
    """The advance width of ``text`` in ems, from the font's own measurement of the whole string."""
    font = _font(bold)
    if font is not None:
        return font.getlength(text) / _REFERENCE_PX
    # Without the font file: a fair estimate (wide characters one em, others 0.6).
    wide = sum(1 for _ in re.finditer(f"[{_WIDE}]", text))
    return (wide + 0.6 * (len(text) - wide)) * (1.06 if bold else 1.0)


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """Width in points of ``text`` set in ``size``-point type (with the renderers' safety margin)."""
    return em_width(text, bold) * size * SLACK


def line_spans(text: str, width: float, size: float, *, bold: bool = False) -> tuple[tuple[int, int], ...]:
    """Where ``text`` breaks into lines in a box ``width`` points wide: (start, end) offsets per line.

    Explicit newlines start a new line; a word longer than the line is broken between characters.
    The spans cover the text in order, so ``text[start:end]`` is exactly what each line shows.
    """
    return _spans(text, width / (size * SLACK), bold)


def cjk_spacing(text: str) -> str:
    """``text`` without the spaces typed between Chinese and Latin characters: renderers (LibreOffice
    among them) already put a gap there, so a typed space shows doubled ("PMO  客户洞察")."""
    return _TYPED_GAP.sub("", text)


@lru_cache(maxsize=1 << 15)
def _spans(text: str, room: float, bold: bool) -> tuple[tuple[int, int], ...]:
    spans: list[tuple[int, int]] = []
    offset = 0
    for paragraph in text.split("\n"):
        end = offset + len(paragraph)
        start, used = offset, 0.0
        previous = ""
        for match in _TOKEN.finditer(paragraph):
            token = match.group()
            # The gap renderers add between Chinese and Latin text counts with the token after it.
            gap = AUTOSPACE if previous and token[0] != " " and _is_wide(previous[-1]) != _is_wide(token[0]) else 0
            previous = token
            full = em_width(token, bold) + gap
            visible = em_width(token.rstrip(" "), bold) + gap if token.endswith(" ") else full
            if used + visible <= room:
                used += full
                continue
            at = offset + match.start()
            if at > start:  # the token starts a new line
                spans.append((start, at))
                start, used = at, 0.0
            if visible <= room:
                used = full
                continue
            # A word wider than the line: break it between characters.
            for index, char in enumerate(token):
                step = em_width(char, bold)
                if used + step > room and used > 0 and char != " ":
                    spans.append((start, at + index))
                    start, used = at + index, 0.0
                used += step
        spans.append((start, end))
        offset = end + 1
    return tuple(spans)


def wrap(text: str, width: float, size: float, *, bold: bool = False) -> list[str]:
    """The lines ``text`` occupies in a box ``width`` points wide (trailing spaces dropped)."""
    return [text[a:b].rstrip(" ") for a, b in line_spans(text, width, size, bold=bold)]


def line_count(text: str, width: float, size: float, *, bold: bool = False) -> int:
    return len(line_spans(text, width, size, bold=bold))


def split_at_line(text: str, width: float, size: float, lines: int, *, bold: bool = False) -> tuple[str, str]:
    """``text`` cut after its first ``lines`` lines: what fits, and the rest (both unshortened)."""
    spans = line_spans(text, width, size, bold=bold)
    if lines >= len(spans):
        return text, ""
    cut = spans[lines][0]
    return text[:cut].rstrip(" \n"), text[cut:].lstrip(" \n")
