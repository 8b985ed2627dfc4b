"""Interview notes as quotes: pasted text, ``.txt``, ``.md`` or ``.docx``, one quote per paragraph.

Pure: bytes or text in, paragraphs out (blank lines separate paragraphs in text; each non-empty
paragraph of a Word document is one). Markdown headings and list markers are kept as written: the
words are the interviewee's, shown as text.
"""

from __future__ import annotations

import io
import re
import zipfile

from pmo_insight.surveys.reading import Problem, SurveyRejected, decode_text

MAX_PARAGRAPHS = 2_000
_BLANK_LINES = re.compile(r"\n\s*\n")


def paragraphs_of_text(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [p.strip() for p in _BLANK_LINES.split(text) if p.strip()]


def read_interview(data: bytes, filename: str) -> list[str]:
    """The paragraphs of an interview file; raises :class:`SurveyRejected` naming the file."""
    if not data:
        raise SurveyRejected(filename, [Problem("survey.problem.empty_file")])
    if filename.lower().endswith(".docx") or data.startswith(b"PK\x03\x04"):
        from docx import Document

        try:
            document = Document(io.BytesIO(data))
        except (zipfile.BadZipFile, KeyError, ValueError):
            raise SurveyRejected(filename, [Problem("survey.problem.not_docx")]) from None
        paragraphs = [p.text.strip() for p in document.paragraphs if p.text.strip()]
    else:
        text, _encoding = decode_text(data, filename)
        paragraphs = paragraphs_of_text(text)
    if not paragraphs:
        raise SurveyRejected(filename, [Problem("survey.problem.empty_file")])
    if len(paragraphs) > MAX_PARAGRAPHS:
        raise SurveyRejected(filename, [Problem("survey.problem.too_many_rows", params={"max": MAX_PARAGRAPHS})])
    return paragraphs
