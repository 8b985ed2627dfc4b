"""Survey answers as numbers a clustering can use, one block of columns per question.

Pure. Likert answers become their place on the scale mapped to 0 … 1 (words by
:data:`~pmo_insight.surveys.kinds.LIKERT_WORDS`, numbers 1–5 or 1–7 linearly); single choice one
column per option (1 for the chosen one); multiple choice one column per option (1 for each chosen);
numbers min–max scaled. A missing answer takes the question's mean, so it pulls no respondent
towards any segment. Every question thus spans 0 … 1 and weighs alike whatever its kind.

Each column is factorised once (``pandas.factorize``: one code per respondent, at C speed) and only
its distinct answers are scored or split in Python, so 20,000 respondents cost about as much as the
handful of answers they chose between.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from pmo_insight.surveys.kinds import likert_score, numeric_scale, split_choices, to_number
from pmo_insight.surveys.models import ColumnKind


@dataclass(frozen=True)
class Feature:
    """One column of the encoded matrix: which question, which option (None: the question's score)."""

    question: str
    kind: ColumnKind
    option: str | None = None


def factorize(values: Sequence[str]) -> tuple[np.ndarray, list[str]]:
    """(code per answer, distinct answers in order of first appearance): ``distinct[codes[i]] == values[i]``."""
    codes, uniques = pd.factorize(np.asarray(values, dtype=object), use_na_sentinel=False)
    return np.asarray(codes, dtype=np.intp), [str(u) for u in uniques]


Factorize = Callable[[Sequence[str]], tuple[np.ndarray, list[str]]]


class SharedFactorize:
    """:func:`factorize` that factorises each column object once, for steps that read the same columns."""

    def __init__(self) -> None:
        self._done: dict[int, tuple[Sequence[str], tuple[np.ndarray, list[str]]]] = {}

    def __call__(self, values: Sequence[str]) -> tuple[np.ndarray, list[str]]:
        found = self._done.get(id(values))
        if found is None or found[0] is not values:
            found = self._done[id(values)] = (values, factorize(values))  # the column kept: its id stays its own
        return found[1]


def likert_scores(values: Sequence[str], factorized: Factorize = factorize) -> np.ndarray:
    """Each answer on 0 … 1 (NaN when empty or not on the scale); scored once per distinct answer."""
    codes, distinct = factorized(values)
    scale = numeric_scale(distinct)
    score = np.empty(len(distinct), dtype=float)
    for place, value in enumerate(distinct):
        if scale is not None:
            number = to_number(value)
            score[place] = np.nan if number is None else (number - 1) / (scale - 1)
        else:
            word = likert_score(value)
            score[place] = np.nan if word is None else (word + 1) / 2
    return score[codes] if len(codes) else np.zeros(0)


def likert_values(values: Sequence[str]) -> list[float | None]:
    """:func:`likert_scores` as a list, None for an answer off the scale."""
    return [None if np.isnan(v) else float(v) for v in likert_scores(values)]


def encode(
    questions: Sequence[tuple[str, ColumnKind]], columns: Sequence[Sequence[str]], factorized: Factorize = factorize
) -> tuple[np.ndarray, list[Feature]]:
    """The respondents × features matrix for these questions (``columns[i]``: question i's answers)."""
    blocks: list[np.ndarray] = []
    features: list[Feature] = []
    for (question, kind), values in zip(questions, columns, strict=True):
        if kind is ColumnKind.LIKERT or kind is ColumnKind.NUMBER:
            if kind is ColumnKind.LIKERT:
                block = likert_scores(values, factorized)
            else:
                codes, distinct = factorized(values)
                numbers = np.array([np.nan if (n := to_number(v)) is None else n for v in distinct], dtype=float)
                block = numbers[codes] if len(codes) else np.zeros(0)
            if kind is ColumnKind.NUMBER and np.isfinite(block).any():
                low, high = np.nanmin(block), np.nanmax(block)
                block = (block - low) / (high - low) if high > low else block * 0
            mean = np.nanmean(block) if np.isfinite(block).any() else 0.5
            blocks.append(np.where(np.isnan(block), mean, block)[:, None])
            features.append(Feature(question, kind))
        else:
            codes, distinct = factorized(values)
            multiple = kind is ColumnKind.MULTIPLE
            split = [split_choices(v) if multiple else ([v.strip()] if v.strip() else []) for v in distinct]
            per_answer = np.bincount(codes, minlength=len(distinct)) if len(codes) else np.zeros(len(distinct), int)
            tally: Counter[str] = Counter()
            for picks, count in zip(split, per_answer.tolist(), strict=True):
                for option in picks:
                    tally[option] += count
            options = [o for o, _ in tally.most_common()]
            index = {o: i for i, o in enumerate(options)}
            # one row of 0/1 per distinct answer, then one row per respondent by its answer's code
            distinct_block = np.zeros((len(distinct), len(options)))
            for place, picks in enumerate(split):
                for option in picks:
                    distinct_block[place, index[option]] = 1.0
            block = distinct_block[codes]
            answered = np.array([bool(p) for p in split], dtype=bool)[codes] if len(codes) else np.zeros(0, bool)
            if answered.any() and not answered.all():
                block[~answered] = block[answered].mean(axis=0)
            blocks.append(block)
            features.extend(Feature(question, kind, o) for o in options)
    matrix = np.hstack(blocks) if blocks else np.zeros((len(columns[0]) if columns else 0, 0))
    return matrix, features
