"""A survey file's bytes as a table of text: CSV (UTF-8, UTF-8 with BOM, GBK/GB18030, detected) or XLSX.

Pure: bytes in, :class:`RawTable` out, or :class:`SurveyRejected` listing every problem with the
file, row and column it is in. Nothing is interpreted here: a cell beginning with ``=`` is kept as
the text it is (an XLSX formula is read as its formula text, never evaluated), numbers as written.

A clean CSV (no forbidden character, every row within the header's width, every cell within its
length) is read by pandas' C parser into columns, with the file's row numbers worked out only when
a later check needs one; any other file goes through Python's :mod:`csv` reader row by row, which
names every problem's row and column. Both read the same table from the same text (a test holds
them to it).
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from functools import cached_property
from typing import Any

import pandas as pd
from charset_normalizer import from_bytes

from pmo_insight.errors import DomainError
from pmo_insight.models import forbidden_character
from pmo_insight.surveys.models import CELL_MAX, MAX_COLUMNS, MAX_ROWS

#: The largest file read at all (a 20,000 × 200 survey of short answers fits well within it).
MAX_FILE_BYTES = 64 * 1024 * 1024
#: How many problems one refusal lists before it stops looking.
MAX_PROBLEMS = 20
#: What :func:`~pmo_insight.models.forbidden_character` refuses, as one pattern (carriage returns are
#: line breaks and unified first), so a clean row is checked at C speed.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_ALLOWED_ASCII = bytes(range(0x20, 0x7F)) + b"\t\n"
_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"\xd0\xcf\x11\xe0", b"PK\x03\x04", b"\x7fELF")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the file: where (row and column counted from 1, as a spreadsheet shows them)."""

    key: str
    row: int | None = None
    column: int | None = None
    header: str = ""
    params: dict[str, Any] = field(default_factory=dict)


class SurveyRejected(DomainError):
    """The file cannot be imported; nothing was stored."""

    key = "survey.rejected"

    def __init__(self, filename: str, problems: list[Problem]) -> None:
        self.filename = filename
        self.problems = problems
        super().__init__(self.key, file=filename, count=len(problems))


@dataclass(frozen=True, eq=False)
class RawTable:
    """The file as read: headers and one tuple of texts per column (padded to the same length)."""

    filename: str
    headers: tuple[str, ...]
    columns: tuple[tuple[str, ...], ...]
    encoding: str = ""
    sheet: str = ""
    sheets: tuple[str, ...] = ()
    #: Works out the file's row number of each row (blank lines skipped), when a message needs one.
    numbers_of: Callable[[], tuple[int, ...]] = field(default=tuple, repr=False)

    @cached_property
    def rows(self) -> tuple[tuple[str, ...], ...]:
        """One tuple of texts per respondent row."""
        return tuple(zip(*self.columns, strict=True))

    @cached_property
    def row_numbers(self) -> tuple[int, ...]:
        """The file's row number of each row (blank lines skipped), for messages."""
        return tuple(self.numbers_of())

    def __len__(self) -> int:
        return len(self.columns[0]) if self.columns else 0


def column_letter(number: int) -> str:
    """1 → A, 27 → AA: the column as a spreadsheet names it."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def read_survey(data: bytes, filename: str, *, sheet: str | None = None) -> RawTable:
    """Read a CSV or XLSX survey (chosen by content, then by name); raise :class:`SurveyRejected`."""
    if not data:
        raise SurveyRejected(filename, [Problem("survey.problem.empty_file")])
    if len(data) > MAX_FILE_BYTES:
        params = {"size": f"{len(data) / 1024 / 1024:.1f}", "max": MAX_FILE_BYTES // 1024 // 1024}
        raise SurveyRejected(filename, [Problem("survey.problem.file_too_big", params=params)])
    if data.startswith(b"PK\x03\x04") or filename.lower().endswith((".xlsx", ".xlsm")):
        headers, rows, numbers, sheet_name, sheets = _read_xlsx(data, filename, sheet)
        encoding = ""
    else:
        text, encoding = decode_text(data, filename)
        if "\r" in text:  # line breaks unified once for the whole file (the reader counts lines alike)
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        # one look at the whole text: a clean file needs no search cell by cell
        clean = _is_clean(text)
        fast = _read_csv_fast(text) if clean else None
        if fast is not None:
            headers, columns = fast
            _check_headers(filename, headers, len(columns[0]) if columns else 0)
            return RawTable(
                filename,
                tuple(h.strip() for h in headers),
                columns,
                encoding,
                numbers_of=lambda: tuple(_read_csv(text)[2]),
            )
        headers, rows, numbers = _read_csv(text)
        return _checked(filename, headers, rows, numbers, encoding, "", (), clean=clean)
    return _checked(filename, headers, rows, numbers, encoding, sheet_name, sheets)


# --- text files -----------------------------------------------------------------------------


def _is_clean(text: str) -> bool:
    """No forbidden character anywhere in ``text`` (line breaks unified): the printable ASCII bytes
    are dropped at C speed first, so the pattern only searches what is left (none, for most files)."""
    rest = text.encode("utf-8", "surrogatepass").translate(None, _ALLOWED_ASCII)
    return not rest or _FORBIDDEN.search(rest.decode("utf-8", "surrogatepass")) is None


def _looks_binary(data: bytes) -> bool:
    if data.startswith(_BINARY_MAGIC):
        return True
    head = data[:8192]
    controls = sum(1 for b in head if b < 0x09 or 0x0E <= b < 0x20)
    return controls > max(2, len(head) // 100)


def decode_text(data: bytes, filename: str) -> tuple[str, str]:
    """The file's text and its encoding's name; a file mixing UTF-8 and GB lines is refused by line."""
    if _looks_binary(data):
        raise SurveyRejected(filename, [Problem("survey.problem.binary")])
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as error:
            raise SurveyRejected(filename, [_line_problem(data, error.start + 3, "utf-8")]) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    lines = data.split(b"\n")
    utf8_lines, gb_lines, bad_lines = [], [], []
    for number, line in enumerate(lines, start=1):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            utf8_lines.append(number)
            continue
        except UnicodeDecodeError:
            pass
        try:
            line.decode("gb18030")
            gb_lines.append(number)
        except UnicodeDecodeError:
            bad_lines.append(number)
    if utf8_lines and gb_lines:
        # the first line in the other encoding than the file's first non-ASCII line is the odd one out
        minority = gb_lines if utf8_lines[0] < gb_lines[0] else utf8_lines
        params = {"utf8": len(utf8_lines), "gb": len(gb_lines)}
        raise SurveyRejected(filename, [Problem("survey.problem.mixed_encodings", row=minority[0], params=params)])
    if not bad_lines:
        return data.decode("gb18030"), "gb18030"
    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise SurveyRejected(filename, [Problem("survey.problem.undecodable", row=bad_lines[0])])
    return str(best), best.encoding


def _line_problem(data: bytes, offset: int, encoding: str) -> Problem:
    return Problem("survey.problem.undecodable", row=data[:offset].count(b"\n") + 1, params={"encoding": encoding})


def _delimiter(text: str) -> str:
    first_line = text.split("\n", 1)[0]
    return max((",", "\t", ";"), key=first_line.count) if first_line else ","


def _read_csv_fast(text: str) -> tuple[list[str], tuple[tuple[str, ...], ...]] | None:
    """Headers and columns of a clean CSV by pandas' C parser, or None when the row-by-row reader is
    needed to say what is wrong (or to read the file as it does): a blank first line, a row wider than
    the header, a cell over its length, or anything the C parser does not take."""
    if not text.split("\n", 1)[0].strip():  # a blank first line is that reader's (empty) header
        return None
    try:
        frame = pd.read_csv(
            io.StringIO(text),
            sep=_delimiter(text),
            header=None,
            dtype=object,
            na_filter=False,
            keep_default_na=False,
            skip_blank_lines=True,
            engine="c",
            quotechar='"',
            doublequote=True,
            escapechar=None,
            comment=None,
            skipinitialspace=False,
        )
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError, OverflowError):
        return None
    if len(frame) > MAX_ROWS + 1:
        return None
    raw = [frame[c].tolist() for c in frame.columns]
    headers = [str(column[0]) for column in raw]
    columns = [column[1:] for column in raw]
    if not columns or not columns[0]:
        return None
    if max(max(map(len, column)) for column in columns) > CELL_MAX:
        return None
    # rows whose every cell is blank are left out, as the row-by-row reader leaves them
    blank = None
    for column in columns:
        empty = pd.Series(column, dtype=object).str.strip().eq("").to_numpy()
        blank = empty if blank is None else blank & empty
        if not blank.any():
            break
    if blank is not None and blank.any():
        keep = (~blank).nonzero()[0].tolist()
        columns = [[column[i] for i in keep] for column in columns]
        if not columns[0]:
            return None
    return headers, tuple(tuple(column) for column in columns)


def _read_csv(text: str) -> tuple[list[str], list[list[str]], list[int]]:
    delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    headers: list[str] | None = None
    rows: list[list[str]] = []
    numbers: list[int] = []
    for record in reader:
        if headers is None:
            headers = record
            continue
        if not (record and (record[0].strip() or "".join(record).strip())):
            continue
        rows.append(record)
        numbers.append(reader.line_num)
        if len(rows) > MAX_ROWS:
            break
    return headers or [], rows, numbers


# --- workbooks ------------------------------------------------------------------------------


def _read_xlsx(
    data: bytes, filename: str, sheet: str | None
) -> tuple[list[str], list[list[str]], list[int], str, tuple[str, ...]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError):
        raise SurveyRejected(filename, [Problem("survey.problem.not_xlsx")]) from None
    try:
        sheets = tuple(book.sheetnames)
        name = sheet or sheets[0]
        if name not in sheets:
            params = {"sheet": name, "sheets": ", ".join(sheets)}
            raise SurveyRejected(filename, [Problem("survey.problem.no_sheet", params=params)])
        headers: list[str] | None = None
        rows: list[list[str]] = []
        numbers: list[int] = []
        for number, values in enumerate(book[name].iter_rows(values_only=True), start=1):
            record = [_cell_text(v) for v in values]
            if headers is None:
                if any(record):
                    headers = record
                continue
            if not any(cell.strip() for cell in record):
                continue
            rows.append(record)
            numbers.append(number)
            if len(rows) > MAX_ROWS:
                break
    finally:
        book.close()
    if headers is not None:
        while headers and not headers[-1].strip():
            headers.pop()
    return headers or [], rows, numbers, name, sheets


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)


# --- checks ---------------------------------------------------------------------------------


def _checked(
    filename: str,
    headers: list[str],
    rows: list[list[str]],
    numbers: list[int],
    encoding: str,
    sheet: str,
    sheets: tuple[str, ...],
    *,
    clean: bool = False,
) -> RawTable:
    """Every check of the table; ``clean``: the text was searched whole and holds no forbidden
    character or carriage return, so only the cells' lengths are left to check row by row."""
    headers = [h.strip() for h in headers]
    problems = _check_headers(filename, headers, len(rows), raise_now=False)
    width = len(headers)
    padded: list[tuple[str, ...]] = []
    for record, number in zip(rows, numbers, strict=True):
        if len(record) > width and any(cell.strip() for cell in record[width:]):
            params = {"count": len(record), "width": width}
            problems.append(Problem("survey.problem.too_many_cells", row=number, params=params))
        cells = tuple(record) if len(record) == width else tuple((record + [""] * width)[:width])
        if clean and max(map(len, cells)) <= CELL_MAX:
            padded.append(cells)
            continue
        joined = "\t".join(cells)
        if "\r" in joined:
            cells = tuple(c.replace("\r\n", "\n").replace("\r", "\n") for c in cells)
            joined = "\t".join(cells)
        if len(joined) <= CELL_MAX and not _FORBIDDEN.search(joined):
            padded.append(cells)
            continue
        for index, cell in enumerate(cells, start=1):
            char = forbidden_character(cell)
            if char is not None:
                problems.append(
                    Problem(
                        "survey.problem.control_character",
                        row=number,
                        column=index,
                        header=headers[index - 1],
                        params={"char": char},
                    )
                )
            elif len(cell) > CELL_MAX:
                problems.append(
                    Problem(
                        "survey.problem.cell_too_long",
                        row=number,
                        column=index,
                        header=headers[index - 1],
                        params={"max": CELL_MAX},
                    )
                )
        if len(problems) >= MAX_PROBLEMS:
            break
        padded.append(cells)
    if problems:
        raise SurveyRejected(filename, problems[:MAX_PROBLEMS])
    columns = tuple(zip(*padded, strict=True)) if padded else tuple(() for _ in headers)
    return RawTable(filename, tuple(headers), columns, encoding, sheet, sheets, numbers_of=lambda: tuple(numbers))


def _check_headers(filename: str, headers: list[str], count: int, *, raise_now: bool = True) -> list[Problem]:
    """The checks of the header row and the table's size; the header's problems raised (or returned)."""
    problems: list[Problem] = []
    headers = [h.strip() for h in headers]
    if not headers:
        raise SurveyRejected(filename, [Problem("survey.problem.empty_file")])
    if len(headers) > MAX_COLUMNS:
        params = {"count": len(headers), "max": MAX_COLUMNS}
        raise SurveyRejected(filename, [Problem("survey.problem.too_many_columns", row=1, params=params)])
    if not count:
        raise SurveyRejected(filename, [Problem("survey.problem.header_only", row=1)])
    if count > MAX_ROWS:
        raise SurveyRejected(filename, [Problem("survey.problem.too_many_rows", params={"max": MAX_ROWS})])
    seen: dict[str, int] = {}
    for index, header in enumerate(headers, start=1):
        if not header:
            problems.append(Problem("survey.problem.empty_header", row=1, column=index))
        elif header in seen:
            params = {"first": column_letter(seen[header])}
            problems.append(
                Problem("survey.problem.duplicate_header", row=1, column=index, header=header, params=params)
            )
        else:
            seen[header] = index
        char = forbidden_character(header)
        if char is not None:
            problems.append(Problem("survey.problem.control_character", row=1, column=index, params={"char": char}))
    if problems and raise_now:
        raise SurveyRejected(filename, problems[:MAX_PROBLEMS])
    return problems
