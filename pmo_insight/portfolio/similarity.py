"""How alike two short pains are, and pains put together by it (pure, offline, English and Chinese).

The portfolio's own small similarity: note grouping is being built separately and is not there to
reuse yet, so this module keeps to what the portfolio needs. Two measures, either one enough:

- the cosine of TF-IDF vectors of character 2–3-grams within words (``char_wb``), which works for
  Chinese without word segmentation and for English word order and inflection;
- rapidfuzz's ``token_set_ratio`` for near-duplicates that differ by a word or two;
- for Chinese, the Dice overlap of the texts' CJK character bigrams (a sentence is one "word" to
  the vectoriser, and a small portfolio's IDF weights make its cosine too low for reordered phrasing).

Grouping is by leaders, not by chaining: texts are taken most severe first and each joins the first
group whose leader it is like, else leads a new one, so a group never drifts far from its title.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from rapidfuzz import fuzz
from sklearn.feature_extraction.text import TfidfVectorizer

#: Cosine of the character n-gram vectors from which two pains count as the same.
COSINE_THRESHOLD = 0.5
#: rapidfuzz token-set ratio (0–100) from which two pains count as near-duplicates.
FUZZY_THRESHOLD = 88
#: Dice overlap of CJK character bigrams from which two Chinese pains count as the same.
CJK_THRESHOLD = 0.55

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")

_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Case, width (full-width letters) and spacing folded, punctuation dropped."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    kept = "".join(ch if ch.isalnum() or ch.isspace() else " " for ch in folded)
    return _SPACE.sub(" ", kept).strip()


def similarity_matrix(texts: Sequence[str]) -> list[list[float]]:
    """Pairwise similarity in 0..1 (the larger of the two measures)."""
    clean = [normalise(t) for t in texts]
    size = len(clean)
    if size == 0:
        return []
    cosine = _cosine(clean)
    bigrams = [_cjk_bigrams(t) for t in clean]
    # Each measure scaled so that its own threshold lands on the cosine threshold.
    fuzzy_scale = COSINE_THRESHOLD / (FUZZY_THRESHOLD / 100)
    cjk_scale = COSINE_THRESHOLD / CJK_THRESHOLD
    out = [[0.0] * size for _ in range(size)]
    for i in range(size):
        out[i][i] = 1.0
        for j in range(i + 1, size):
            value = max(float(cosine[i, j]), fuzz.token_set_ratio(clean[i], clean[j]) / 100 * fuzzy_scale)
            if bigrams[i] and bigrams[j]:
                shared = len(bigrams[i] & bigrams[j])
                value = max(value, 2 * shared / (len(bigrams[i]) + len(bigrams[j])) * cjk_scale)
            out[i][j] = out[j][i] = min(1.0, value)
    return out


def _cjk_bigrams(text: str) -> frozenset[str]:
    return frozenset(run[k : k + 2] for run in _CJK.findall(text) for k in range(len(run) - 1))


def _cosine(clean: list[str]):
    if not any(clean):
        import numpy as np

        return np.zeros((len(clean), len(clean)))
    vectors = TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 3), sublinear_tf=True).fit_transform(clean)
    return (vectors @ vectors.T).toarray()


def group_similar(texts: Sequence[str], order: Sequence[int] | None = None) -> list[list[int]]:
    """Indexes of ``texts`` in groups of alike ones; ``order`` says who may lead first (default: as given).

    Each group lists its leader first, then its members in ``order``.
    """
    order = list(range(len(texts))) if order is None else list(order)
    if not texts:
        return []
    matrix = similarity_matrix(texts)
    groups: list[list[int]] = []
    for index in order:
        for group in groups:
            if matrix[group[0]][index] >= COSINE_THRESHOLD:
                group.append(index)
                break
        else:
            groups.append([index])
    return groups
