"""What each survey column holds, recognised from its header and its answers; the user corrects it.

Pure. The rules, in order: a respondent id (an id-like header and unique values), a timestamp, a
Likert scale (agreement or satisfaction words in English or Chinese, or whole numbers within 1–5 or
1–7), multiple choice (answers joined by ``┋`` as 问卷星 writes them, or ``;`` as Microsoft Forms
does), a number, single choice (few distinct answers, each repeated), otherwise free text. A column
whose header names a department, role, age, gender, tenure, region or level is a demographic: it
describes segments and never forms them unless the user says so.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from pmo_insight.surveys.models import ColumnKind

MULTI_SEPARATORS = ("┋", ";", "；")

#: Likert labels and their place on a -1 … +1 scale (lower case; Chinese as written).
LIKERT_WORDS: dict[str, float] = {
    "strongly disagree": -1.0,
    "disagree": -0.5,
    "somewhat disagree": -0.25,
    "slightly disagree": -0.25,
    "neutral": 0.0,
    "neither agree nor disagree": 0.0,
    "undecided": 0.0,
    "not sure": 0.0,
    "somewhat agree": 0.25,
    "slightly agree": 0.25,
    "agree": 0.5,
    "strongly agree": 1.0,
    "very dissatisfied": -1.0,
    "dissatisfied": -0.5,
    "satisfied": 0.5,
    "very satisfied": 1.0,
    "never": -1.0,
    "rarely": -0.5,
    "sometimes": 0.0,
    "often": 0.5,
    "always": 1.0,
    "非常不同意": -1.0,
    "完全不同意": -1.0,
    "不同意": -0.5,
    "比较不同意": -0.5,
    "有点不同意": -0.25,
    "一般": 0.0,
    "中立": 0.0,
    "不确定": 0.0,
    "说不清": 0.0,
    "有点同意": 0.25,
    "比较同意": 0.5,
    "同意": 0.5,
    "非常同意": 1.0,
    "完全同意": 1.0,
    "非常不满意": -1.0,
    "不满意": -0.5,
    "比较不满意": -0.5,
    "比较满意": 0.5,
    "满意": 0.5,
    "非常满意": 1.0,
    "从不": -1.0,
    "很少": -0.5,
    "有时": 0.0,
    "经常": 0.5,
    "总是": 1.0,
}
_ID_HEADER = re.compile(
    r"(^|[^a-z])(id|respondent|no\.?)([^a-z]|$)|编号|序号|答卷编号|用户id|response id", re.IGNORECASE
)
_TIME_HEADER = re.compile(r"time|date|submitted|start|completion|时间|日期|提交|开始|完成", re.IGNORECASE)
_DEMOGRAPHIC_HEADER = re.compile(
    r"department|division|team|role|job|title|position|age|gender|sex|tenure|years|region|location|country|"
    r"level|grade|seniority|education|部门|岗位|职位|职务|职级|层级|年龄|性别|工龄|司龄|年限|地区|区域|城市|学历|所属",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d+)?|\.\d+)$")
_TIMESTAMP_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y %H:%M",
    "%m/%d/%Y",
    "%Y-%m-%dT%H:%M:%S",
)


@dataclass(frozen=True)
class ColumnGuess:
    header: str
    kind: ColumnKind
    demographic: bool


def likert_score(answer: str) -> float | None:
    """A Likert answer on the -1 … +1 scale, or None (numbers are scored by :func:`numeric_scale`)."""
    return LIKERT_WORDS.get(answer.strip().lower())


def split_choices(answer: str) -> list[str]:
    """A multiple-choice answer's options, whichever separator the tool wrote."""
    for separator in MULTI_SEPARATORS:
        if separator in answer:
            return [part.strip() for part in answer.split(separator) if part.strip()]
    return [answer.strip()] if answer.strip() else []


def to_number(answer: str) -> float | None:
    text = answer.strip()
    if not _NUMBER.match(text):
        return None
    return float(text.replace(",", "."))


def numeric_scale(values: Sequence[str]) -> int | None:
    """5 or 7 when every answer is a whole number within 1–5 or 1–7 (a numbered Likert scale)."""
    numbers = [to_number(v) for v in values if v.strip()]
    if not numbers or any(n is None or not float(n).is_integer() for n in numbers):
        return None
    low, high = min(numbers), max(numbers)  # type: ignore[type-var]
    if low < 1 or high > 7 or len(set(numbers)) < 2:
        return None
    return 5 if high <= 5 else 7


def is_timestamp(answer: str) -> bool:
    text = answer.strip()
    for fmt in _TIMESTAMP_FORMATS:
        try:
            datetime.strptime(text, fmt)
            return True
        except ValueError:
            continue
    return False


def is_demographic(header: str) -> bool:
    return bool(_DEMOGRAPHIC_HEADER.search(header))


def guess_kind(header: str, values: Sequence[str]) -> ColumnKind:
    """The kind of one column from its header and (a sample of) its answers.

    The answers are counted once (at C speed) and every rule then looks at the distinct answers
    with their counts, so a 20,000-row column costs about as much as its few distinct answers.
    """
    raw = Counter(values)
    distinct: Counter[str] = Counter()
    for value, count in raw.items():
        text = value.strip()
        if text:
            distinct[text] += count
    if not distinct:
        return ColumnKind.TEXT
    answered = sum(distinct.values())
    # an id-like header over (nearly) unique values: a duplicate or missing id is then refused by row
    if _ID_HEADER.search(header) and len(distinct) >= 0.9 * len(values):
        return ColumnKind.RESPONDENT
    sample = _first_answers(values, 200)
    if _TIME_HEADER.search(header) and sum(map(is_timestamp, sample)) >= 0.9 * len(sample):
        return ColumnKind.TIMESTAMP
    if all(likert_score(a) is not None for a in distinct):
        return ColumnKind.LIKERT
    if numeric_scale(list(distinct)) is not None and not is_demographic(header):
        return ColumnKind.LIKERT
    joined = sum(1 for a in sample if any(s in a for s in MULTI_SEPARATORS))
    if joined >= max(1, 0.1 * len(sample)):
        options: Counter[str] = Counter()
        for answer, count in distinct.items():
            for option in split_choices(answer):
                options[option] += count
        if len(options) <= max(30, answered // 10):
            return ColumnKind.MULTIPLE
    if all(to_number(a) is not None for a in set(sample)):
        return ColumnKind.NUMBER
    if len(distinct) <= min(30, max(2, answered // 3)):
        return ColumnKind.SINGLE
    return ColumnKind.TEXT


def _first_answers(values: Sequence[str], count: int) -> list[str]:
    """The first ``count`` non-empty answers, stripped (the sample the pattern rules look at)."""
    out: list[str] = []
    for value in values:
        text = value.strip()
        if text:
            out.append(text)
            if len(out) == count:
                break
    return out


def guess_columns(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> list[ColumnGuess]:
    """Every column's guessed kind from the rows; at most one respondent-id column (the first)."""
    return guess_by_column(headers, list(zip(*rows, strict=True)) if rows else [() for _ in headers])


def guess_by_column(headers: Sequence[str], columns: Sequence[Sequence[str]]) -> list[ColumnGuess]:
    """Every column's guessed kind (``columns[i]``: header i's answers); at most one respondent id."""
    guesses: list[ColumnGuess] = []
    has_id = False
    for header, values in zip(headers, columns, strict=True):
        kind = guess_kind(header, values)
        if kind is ColumnKind.RESPONDENT:
            if has_id:
                kind = ColumnKind.TEXT
            has_id = True
        demographic = kind in (ColumnKind.SINGLE, ColumnKind.NUMBER, ColumnKind.MULTIPLE) and is_demographic(header)
        guesses.append(ColumnGuess(header, kind, demographic))
    return guesses
