"""Survey answers as numbers a clustering can use, one block of columns per question.

Pure. Likert answers become their place on the scale mapped to 0 … 1 (words by
:data:`~pmo_insight.surveys.kinds.LIKERT_WORDS`, numbers 1–5 or 1–7 linearly); single choice one
column per option (1 for the chosen one); multiple choice one column per option (1 for each chosen);
numbers min–max scaled. A missing answer takes the question's mean, so it pulls no respondent
towards any segment. Every question thus spans 0 … 1 and weighs alike whatever its kind.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from pmo_insight.surveys.kinds import likert_score, numeric_scale, split_choices, to_number
from pmo_insight.surveys.models import ColumnKind


@dataclass(frozen=True)
class Feature:
    """One column of the encoded matrix: which question, which option (None: the question's score)."""

    question: str
    kind: ColumnKind
    option: str | None = None


def likert_values(values: Sequence[str]) -> list[float | None]:
    """Each answer on 0 … 1 (None when empty or not on the scale); scored once per distinct answer."""
    distinct = list(dict.fromkeys(values))
    scale = numeric_scale(distinct)
    score: dict[str, float | None] = {}
    for value in distinct:
        if scale is not None:
            number = to_number(value)
            score[value] = None if number is None else (number - 1) / (scale - 1)
        else:
            word = likert_score(value)
            score[value] = None if word is None else (word + 1) / 2
    return [score[value] for value in values]


def encode(
    questions: Sequence[tuple[str, ColumnKind]], columns: Sequence[Sequence[str]]
) -> tuple[np.ndarray, list[Feature]]:
    """The respondents × features matrix for these questions (``columns[i]``: question i's answers)."""
    blocks: list[np.ndarray] = []
    features: list[Feature] = []
    for (question, kind), values in zip(questions, columns, strict=True):
        if kind is ColumnKind.LIKERT or kind is ColumnKind.NUMBER:
            raw = likert_values(values) if kind is ColumnKind.LIKERT else [to_number(v) for v in values]
            block = np.array([np.nan if v is None else v for v in raw], dtype=float)
            if kind is ColumnKind.NUMBER and np.isfinite(block).any():
                low, high = np.nanmin(block), np.nanmax(block)
                block = (block - low) / (high - low) if high > low else block * 0
            mean = np.nanmean(block) if np.isfinite(block).any() else 0.5
            blocks.append(np.where(np.isnan(block), mean, block)[:, None])
            features.append(Feature(question, kind))
        else:
            split = {
                v: split_choices(v) if kind is ColumnKind.MULTIPLE else ([v.strip()] if v.strip() else [])
                for v in dict.fromkeys(values)
            }
            chosen = [split[v] for v in values]
            options = [o for o, _ in Counter(o for c in chosen for o in c).most_common()]
            index = {o: i for i, o in enumerate(options)}
            block = np.zeros((len(values), len(options)))
            for row, picks in enumerate(chosen):
                for option in picks:
                    block[row, index[option]] = 1.0
            answered = np.array([bool(p) for p in chosen])
            if answered.any() and not answered.all():
                block[~answered] = block[answered].mean(axis=0)
            blocks.append(block)
            features.extend(Feature(question, kind, o) for o in options)
    matrix = np.hstack(blocks) if blocks else np.zeros((len(columns[0]) if columns else 0, 0))
    return matrix, features
