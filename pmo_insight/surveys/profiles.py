"""Who is in each segment: size and share, the answers that set it apart, its demographics, its own words.

Pure: a stored survey (columns and responses as records) in, :class:`SegmentProfile` views out.
:func:`segment_survey` encodes the chosen questions, fits :class:`StableSegmenter` and describes the
segments, largest first, labelled A, B, C… A distinguishing answer is one whose share in the segment
differs most from the whole sample (at most one per question; 3–5 of them, those beyond the third
only when at least 10 points apart); quotes are free-text answers of the members nearest the
segment's centre, with their respondent ids.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from pmo_insight.errors import DomainError
from pmo_insight.i18n import t
from pmo_insight.surveys.encoding import Factorize, SharedFactorize, encode, likert_scores
from pmo_insight.surveys.kinds import split_choices
from pmo_insight.surveys.models import FORMING_KINDS, MIN_RESPONDENTS, ColumnKind
from pmo_insight.surveys.segmentation import StableSegmenter

LABELS = "ABCDEF"
MIN_DISTINGUISHING, MAX_DISTINGUISHING = 3, 5
#: A distinguishing answer beyond the third must differ from the whole sample by this much.
MIN_DIFFERENCE = 0.10
MAX_QUOTES = 3
MIN_QUOTE_CHARS = 4


class SegmentationRefused(DomainError):
    key = "survey.refused.too_few"


@dataclass(frozen=True)
class Distinction:
    question: str
    #: The option, or ``agree`` / ``disagree`` for a Likert question.
    answer: str
    kind: ColumnKind
    segment_share: float
    overall_share: float

    def text(self, lang: str) -> str:
        answer = t(f"survey.likert.{self.answer}", lang) if self.kind is ColumnKind.LIKERT else self.answer
        return t(
            "survey.distinction",
            lang,
            question=self.question,
            answer=answer,
            segment=round(self.segment_share * 100),
            overall=round(self.overall_share * 100),
        )


@dataclass(frozen=True)
class SegmentProfile:
    label: str
    size: int
    total: int
    stable: bool
    stability: float
    distinguishing: tuple[Distinction, ...]
    #: For each demographic column: its most common values in the segment, as (value, share).
    demographics: dict[str, tuple[tuple[str, float], ...]]
    quotes: tuple[tuple[str, str], ...]
    respondents: tuple[str, ...]
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def share(self) -> float:
        return self.size / self.total

    def as_json(self, lang: str = "en") -> dict[str, Any]:
        """The ``survey segments --json`` contract."""
        return {
            "label": self.label,
            "size": self.size,
            "share": round(self.share, 4),
            "stable": self.stable,
            "distinguishing": [d.text(lang) for d in self.distinguishing],
            "quotes": [{"respondent": r, "text": q} for r, q in self.quotes],
            "respondents": list(self.respondents),
        }


def default_questions(columns: Sequence[Any]) -> list[str]:
    """The app's own choice: every Likert, single- and multiple-choice column that is not a demographic."""
    forming = (ColumnKind.LIKERT, ColumnKind.SINGLE, ColumnKind.MULTIPLE)
    return [c.header for c in columns if c.kind in forming and not c.demographic]


def segment_survey(
    columns: Sequence[Any],
    responses: Sequence[Any],
    *,
    questions: Sequence[str] | None = None,
    segmenter: StableSegmenter | None = None,
) -> list[SegmentProfile]:
    """Segment a stored survey on ``questions`` (headers; default :func:`default_questions`)."""
    total = len(responses)
    if total < MIN_RESPONDENTS:
        raise SegmentationRefused(count=total, min=MIN_RESPONDENTS)
    by_header = {c.header: i for i, c in enumerate(columns)}
    chosen = list(questions) if questions else default_questions(columns)
    unknown = [q for q in chosen if q not in by_header]
    if unknown:
        raise DomainError("survey.refused.unknown_question", question=unknown[0])
    not_forming = [q for q in chosen if columns[by_header[q]].kind not in FORMING_KINDS]
    if not_forming:
        raise DomainError("survey.refused.not_forming", question=not_forming[0])
    if not chosen:
        raise DomainError("survey.refused.no_questions")
    width = len(columns)
    rows = (r.answers if len(r.answers) == width else (list(r.answers) + [""] * width)[:width] for r in responses)
    answers = [list(column) for column in zip(*rows, strict=True)]
    factorized = SharedFactorize()  # the encoding and the distinguishing answers read the same columns
    X, _features = encode(
        [(q, columns[by_header[q]].kind) for q in chosen], [answers[by_header[q]] for q in chosen], factorized
    )
    if X.shape[1] == 0 or np.allclose(X, X[0]):
        raise DomainError("survey.refused.no_variation")
    model = (segmenter or StableSegmenter()).fit(X)
    labels = model.labels_
    order = sorted(range(model.k_), key=lambda c: (-np.count_nonzero(labels == c), c))
    respondents = [r.respondent for r in responses]
    candidates = _candidates(columns, answers, chosen, factorized)
    profiles = []
    for place, cluster in enumerate(order):
        members = np.flatnonzero(labels == cluster)
        distance = np.linalg.norm(X[members] - model.cluster_centers_[cluster], axis=1)
        nearest = members[np.argsort(distance, kind="stable")]
        profiles.append(
            SegmentProfile(
                label=LABELS[place],
                size=len(members),
                total=total,
                stable=bool(model.stable_[cluster]),
                stability=float(model.stability_[cluster]),
                distinguishing=_distinguishing(candidates, members, total),
                demographics=_demographics(columns, answers, members, factorized),
                quotes=_quotes(columns, answers, respondents, nearest),
                respondents=tuple(respondents[i] for i in members),
                extra={"stability_by_k": {k: v.round(3).tolist() for k, v in model.stability_by_k_.items()}},
            )
        )
    return profiles


def _candidates(
    columns: Sequence[Any], answers: list[list[str]], chosen: Sequence[str], factorized: Factorize
) -> list[tuple]:
    """(question, answer, kind, 0/1 indicator per respondent) for every answer that may set a segment apart."""
    out = []
    for index, column in enumerate(columns):
        if column.header not in chosen and (column.demographic or column.kind not in FORMING_KINDS):
            continue
        values = answers[index]
        if column.kind is ColumnKind.LIKERT:
            scores = likert_scores(values, factorized)
            out.append((column.header, "agree", column.kind, np.nan_to_num(scores, nan=0.5) > 0.5))
            out.append((column.header, "disagree", column.kind, np.nan_to_num(scores, nan=0.5) < 0.5))
        elif column.kind in (ColumnKind.SINGLE, ColumnKind.MULTIPLE):
            codes, distinct = factorized(values)
            picks = [set(split_choices(v)) if column.kind is ColumnKind.MULTIPLE else {v.strip()} for v in distinct]
            counts = np.bincount(codes, minlength=len(distinct)).tolist() if len(codes) else [0] * len(distinct)
            options: Counter[str] = Counter()
            for i, p in enumerate(picks):
                for o in sorted(p):
                    if o:
                        options[o] += counts[i]
            for option, _ in options.most_common(12):
                has = np.array([option in p for p in picks])
                out.append((column.header, option, column.kind, has[codes]))
    return out


def _distinguishing(candidates: list[tuple], members: np.ndarray, total: int) -> tuple[Distinction, ...]:
    scored = []
    for question, answer, kind, indicator in candidates:
        inside = float(indicator[members].mean()) if len(members) else 0.0
        overall = float(indicator.sum() / total)
        scored.append((abs(inside - overall), Distinction(question, answer, kind, inside, overall)))
    scored.sort(key=lambda pair: -pair[0])
    picked: list[Distinction] = []
    seen: set[str] = set()
    for difference, distinction in scored:
        if distinction.question in seen:
            continue
        if len(picked) >= MIN_DISTINGUISHING and difference < MIN_DIFFERENCE:
            break
        picked.append(distinction)
        seen.add(distinction.question)
        if len(picked) == MAX_DISTINGUISHING:
            break
    return tuple(picked)


def _demographics(columns: Sequence[Any], answers: list[list[str]], members: np.ndarray, factorized: Factorize) -> dict:
    """Per demographic column, its four commonest answers among the members with their shares
    (counted per distinct answer: one code per respondent, from the shared factorisation)."""
    out = {}
    for index, column in enumerate(columns):
        if not column.demographic:
            continue
        codes, distinct = factorized(answers[index])
        per_answer = np.bincount(codes[members], minlength=len(distinct)).tolist() if len(members) else []
        counts: Counter[str] = Counter()
        for value, count in zip(distinct, per_answer, strict=False):
            if count:
                counts[value.strip() or "—"] += count
        out[column.header] = tuple((value, count / len(members)) for value, count in counts.most_common(4))
    return out


def _quotes(columns: Sequence[Any], answers: list[list[str]], respondents: list[str], nearest: np.ndarray) -> tuple:
    texts = [i for i, c in enumerate(columns) if c.kind is ColumnKind.TEXT and not c.demographic]
    quotes: list[tuple[str, str]] = []
    seen: set[str] = set()
    for row in nearest:
        for index in texts:
            text = answers[index][row].strip()
            if len(text) >= MIN_QUOTE_CHARS and text not in seen:
                quotes.append((respondents[row], text))
                seen.add(text)
                break
        if len(quotes) == MAX_QUOTES:
            break
    return tuple(quotes)
