"""Reading survey files and recognising their columns: encodings, XLSX sheets, every bad file refused by place.

Pure (no database): bytes in, a table or a refusal naming the file, row and column out.
"""

from __future__ import annotations

import pytest

from pmo_insight.surveys.kinds import guess_columns, guess_kind
from pmo_insight.surveys.models import ColumnKind
from pmo_insight.surveys.reading import SurveyRejected, read_survey
from pmo_insight.surveys.services import problem_lines
from tests.survey_files import csv_bytes, planted_rows, xlsx_bytes


@pytest.mark.parametrize(
    ("lang", "encoding", "expected"),
    [
        ("en", "utf-8", "utf-8"),
        ("zh", "utf-8-sig", "utf-8-sig"),
        ("zh", "gb18030", "gb18030"),
        ("zh", "gbk", "gb18030"),
    ],
)
def test_csv_in_each_encoding_reads_back_verbatim(lang, encoding, expected):
    headers, rows, _ = planted_rows(lang)
    if encoding == "gbk":  # GBK has no emoji (GB18030 does)
        rows = [[cell.replace(" 🙃", "") for cell in row] for row in rows]

    table = read_survey(csv_bytes(headers, rows, encoding), "answers.csv")

    assert table.encoding == expected
    assert table.headers == tuple(headers)
    assert [list(r) for r in table.rows] == rows


def test_xlsx_reads_the_first_sheet_or_the_one_chosen():
    headers, rows, _ = planted_rows("zh", sizes=(12, 10, 10))
    data = xlsx_bytes(headers, rows, sheet="答卷", first="说明")

    with pytest.raises(SurveyRejected) as first:
        read_survey(data, "export.xlsx")
    chosen = read_survey(data, "export.xlsx", sheet="答卷")

    assert first.value.problems[0].key == "survey.problem.header_only"
    assert chosen.sheets == ("说明", "答卷") and chosen.sheet == "答卷"
    assert [list(r) for r in chosen.rows] == rows
    with pytest.raises(SurveyRejected) as missing:
        read_survey(data, "export.xlsx", sheet="Sheet9")
    assert "说明, 答卷" in problem_lines(missing.value, "en")[0]


def test_a_formula_stays_text_and_cjk_emoji_rtl_survive():
    rows = [["R1", '=HYPERLINK("http://x")', "+1", "-2-3", "@SUM(A1)", "你好 🙂 שלום"]] * 3
    headers = ["ID", "a", "b", "c", "d", "e"]

    for data, name in ((csv_bytes(headers, rows), "f.csv"), (xlsx_bytes(headers, rows), "f.xlsx")):
        table = read_survey(data, name)
        assert table.rows[0] == tuple(rows[0])


def _refusal(data: bytes, name: str = "bad.csv") -> list[str]:
    with pytest.raises(SurveyRejected) as refused:
        read_survey(data, name)
    return problem_lines(refused.value, "en")


def test_every_bad_file_is_refused_with_its_file_row_and_column():
    header = "ID,Q1,Q2\r\n"
    cases = {
        b"": "bad.csv: the file is empty",
        header.encode(): "bad.csv, row 1: the file has a header row but no answers",
        b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4: "bad.csv: this is not a text (CSV) file",
        (header + "R1,好,x\r\n").encode("utf-8")
        + "R2,坏,y\r\n".encode("gbk"): "bad.csv, row 3: the file mixes encodings",
        b"ID,Q1,Q1\r\nR1,a,b\r\n": "bad.csv, row 1, column C (\u201cQ1\u201d): the header repeats column B",
        (
            header + "R1,a\x00b,c\r\nR2,d,e\r\n"
        ).encode(): "bad.csv, row 2, column B (\u201cQ1\u201d): the cell holds the control character U+0000",
        (
            header + "R1,a,b\r\nR2,c\x07,d\r\n"
        ).encode(): "bad.csv, row 3, column B (\u201cQ1\u201d): the cell holds the control character U+0007",
        (header + "R1,a,b,c,d\r\n").encode(): "bad.csv, row 2: the row has 5 cells but there are 3 headers",
    }
    for data, expected in cases.items():
        lines = _refusal(data)
        assert lines[0].startswith(expected), (expected, lines)
    assert _refusal(b"ID,Q1,Q1\r\nR1,a,b\r\n")[0].startswith("bad.csv, row 1, column C")


def test_files_over_the_limits_say_the_limit():
    too_wide = ",".join(f"Q{i}" for i in range(201)) + "\r\n" + ",".join("1" * 201) + "\r\n"
    too_long = "ID,Q1\r\n" + "".join(f"R{i},a\r\n" for i in range(20_001))

    assert "201 columns; the limit is 200" in _refusal(too_wide.encode())[0]
    assert "more than 20000 respondents; the limit is 20000" in _refusal(too_long.encode())[0]


def test_an_xlsx_that_is_not_one_is_refused():
    assert "not a readable XLSX workbook" in _refusal(b"PK\x03\x04 not really a zip", "x.xlsx")[0]


def test_column_kinds_are_recognised_in_both_languages():
    for lang in ("en", "zh"):
        headers, rows, _ = planted_rows(lang, separator="┋" if lang == "zh" else ";")
        guesses = guess_columns(headers, rows)
        kinds = [g.kind for g in guesses]
        assert kinds == [
            ColumnKind.RESPONDENT,
            ColumnKind.TIMESTAMP,
            ColumnKind.SINGLE,
            ColumnKind.SINGLE,
            *[ColumnKind.LIKERT] * 8,
            ColumnKind.SINGLE,
            ColumnKind.MULTIPLE,
            ColumnKind.TEXT,
        ]
        assert [g.demographic for g in guesses][:4] == [False, False, True, True]
        assert not any(g.demographic for g in guesses[4:])


def test_numbered_scales_and_plain_numbers_are_told_apart():
    assert guess_kind("Q9 satisfaction", ["1", "5", "3", "4", "2"] * 4) is ColumnKind.LIKERT
    assert guess_kind("Q10 likelihood", ["1", "7", "6", "4"] * 4) is ColumnKind.LIKERT
    assert guess_kind("Projects run last year", ["12", "40", "3", "8.5", "120"] * 4) is ColumnKind.NUMBER
    assert guess_kind("Age", ["1", "2", "3", "4"] * 4) is not ColumnKind.LIKERT


_PARITY_TEXTS = {
    "plain": "ID,Q1,Q2\nR1,a,b\nR2,c,d\n",
    "no final line break": "ID,Q1,Q2\nR1,a,b\nR2,c,d",
    "quoted comma, quote, line break": 'ID,Q1,Q2\nR1,"a, b","say ""hi"""\nR2,"two\nlines",x\n',
    "short rows padded": "ID,Q1,Q2\nR1,a\nR2\nR3,c,d\n",
    "blank and blank-cell rows left out": "ID,Q1,Q2\n\nR1,a,b\n,,\n  , ,\nR2,c,d\n\n",
    "semicolons": "ID;Q1;Q2\nR1;a,1;b\nR2;c;d\n",
    "tabs": "ID\tQ1\tQ2\nR1\ta b\tc\n",
    "spaces kept": "ID, Q1 ,Q2\nR1,  a  , b\n",
    "quote inside a field": 'ID,Q1,Q2\nR1,a"b,"c"d\nR2, "e",f\n',
    "cjk emoji rtl formulas": "编号,问题,Q2\nR1,你好 🙂,שלום\nR2,=SUM(A1),+1\nR3,-2,@x\n",
    "multiple choice": "ID,Tools,Q\nR1,A┋B┋C,x\nR2,A;B,y\n",
    "empty cells": "ID,Q1,Q2\nR1,,\nR2,,b\n",
    "header padding": "ID,Q1,\nR1,a,\n",
}


@pytest.mark.parametrize("name", sorted(_PARITY_TEXTS))
def test_the_c_parser_reads_a_clean_csv_as_the_row_by_row_reader_does(name):
    from pmo_insight.surveys.reading import _checked, _read_csv, _read_csv_fast

    text = _PARITY_TEXTS[name]
    headers, rows, numbers = _read_csv(text)

    def outcome(read):
        try:
            table = read()
        except SurveyRejected as refused:
            return refused.problems
        return table.headers, table.columns, table.rows, table.row_numbers

    slow = outcome(lambda: _checked("f.csv", headers, rows, numbers, "utf-8", "", ()))
    fast = outcome(lambda: read_survey(text.encode(), "f.csv"))

    assert _read_csv_fast(text) is not None  # each of these is one the C parser takes
    assert fast == slow
    if not isinstance(slow, list):
        assert slow[3] == tuple(numbers)


def test_a_file_the_c_parser_cannot_read_as_it_stands_goes_row_by_row():
    from pmo_insight.surveys.models import CELL_MAX
    from pmo_insight.surveys.reading import _read_csv_fast

    assert _read_csv_fast("ID,Q1\nR1,a,b\n") is None  # wider than the header: refused by row there
    assert _read_csv_fast("\nID,Q1\nR1,a\n") is None  # a blank first line is that reader's header
    assert _read_csv_fast("  \nID,Q1\nR1,a\n") is None  # so is a first line of spaces
    assert _read_csv_fast("ID,Q1\nR1," + "x" * (CELL_MAX + 1) + "\n") is None  # over a cell's length
    problems = _refusal(b"ID,Q1\r\nR1,a,b\r\n")
    assert problems and "row 2" in problems[0]


def test_a_forbidden_character_among_cjk_is_found_by_the_whole_text_look():
    from pmo_insight.surveys.reading import _is_clean

    assert _is_clean("编号,问题\nR1,你好 🙂 שלום\n")
    assert not _is_clean("编号,问题\nR1,你好\x85\n")  # a C1 control beside Chinese text
    assert not _is_clean("ID,Q\nR1,a\x00b\n")
    assert not _is_clean("ID,Q\nR1,\ufffe\n")
    assert not _is_clean("ID,Q\nR1,a\x1bb\n")
