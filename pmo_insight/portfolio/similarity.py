"""How alike two short pains are, and pains put together by it (pure, offline, English and Chinese).

The portfolio's own similarity, apart from note grouping (:mod:`pmo_insight.grouping.suggest`):
grouping cuts one board's notes into a chosen number of groups (average linkage), while the
portfolio needs a threshold over pains from many workshops, the most severe leading each group.
Two measures, either one enough:

- the cosine of TF-IDF vectors of character 2–3-grams within words (``char_wb``), which works for
  Chinese without word segmentation and for English word order and inflection;
- rapidfuzz's ``token_set_ratio`` for near-duplicates that differ by a word or two;
- for Chinese, the Dice overlap of the texts' CJK character bigrams (a sentence is one "word" to
  the vectoriser, and a small portfolio's IDF weights make its cosine too low for reordered phrasing).

Grouping is by leaders, not by chaining: texts are taken most severe first and each joins the first
group whose leader it is like, else leads a new one, so a group never drifts far from its title.

Cost: the measures are computed once per pair of *distinct* texts (after :func:`normalise`), as
whole matrices in compiled code (a sparse product for the cosine and the bigram overlap,
``rapidfuzz.process.cdist`` for the ratio), not pair by pair in Python. A portfolio repeats the
same pains across workshops, so the distinct texts are far fewer than the pains; the TF-IDF weights
are still fitted on every pain, so the figures are those of the pairwise definition above.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

import numpy as np
from rapidfuzz import fuzz, process
from scipy.sparse import csr_matrix
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
    """Pairwise similarity in 0..1 (the largest of the measures); 1 on the diagonal."""
    if not texts:
        return []
    clean = [normalise(t) for t in texts]
    distinct, index = _distinct(clean)
    matrix = _distinct_similarity(clean, distinct)[np.ix_(index, index)]
    np.fill_diagonal(matrix, 1.0)
    return matrix.tolist()


def _distinct(clean: Sequence[str]) -> tuple[list[str], np.ndarray]:
    """The distinct texts in first-seen order, and each text's place among them."""
    places: dict[str, int] = {}
    index = np.fromiter((places.setdefault(t, len(places)) for t in clean), dtype=np.intp, count=len(clean))
    return list(places), index


def _distinct_similarity(clean: Sequence[str], distinct: Sequence[str]) -> np.ndarray:
    """Similarity between every two distinct texts, diagonal included as computed (two copies of an
    empty text are not alike). ``clean`` (every text, repeats and all) weights the TF-IDF."""
    cosine = _cosine(list(clean), list(distinct))
    # Each measure scaled so that its own threshold lands on the cosine threshold.
    fuzzy_scale = COSINE_THRESHOLD / (FUZZY_THRESHOLD / 100)
    fuzzy = process.cdist(distinct, distinct, scorer=fuzz.token_set_ratio, dtype=np.float64) / 100 * fuzzy_scale
    value = np.maximum(cosine, fuzzy)
    bigrams = [_cjk_bigrams(t) for t in distinct]
    if any(bigrams):
        cjk_scale = COSINE_THRESHOLD / CJK_THRESHOLD
        vocabulary: dict[str, int] = {}
        rows = [sorted(vocabulary.setdefault(b, len(vocabulary)) for b in grams) for grams in bigrams]
        data = csr_matrix(
            (
                np.ones(sum(len(r) for r in rows)),
                np.fromiter((c for r in rows for c in r), dtype=np.intp),
                np.cumsum([0] + [len(r) for r in rows]),
            ),
            shape=(len(rows), len(vocabulary)),
        )
        shared = (data @ data.T).toarray()
        sizes = np.array([len(r) for r in rows], dtype=np.float64)
        both = (sizes[:, None] > 0) & (sizes[None, :] > 0)
        totals = np.where(both, sizes[:, None] + sizes[None, :], 1.0)
        dice = np.where(both, 2 * shared / totals * cjk_scale, 0.0)
        value = np.maximum(value, dice)
    return np.minimum(1.0, value)


def _cjk_bigrams(text: str) -> frozenset[str]:
    return frozenset(run[k : k + 2] for run in _CJK.findall(text) for k in range(len(run) - 1))


def _cosine(clean: list[str], distinct: list[str]) -> np.ndarray:
    """Cosine between the distinct texts' TF-IDF vectors, the weights fitted on every text."""
    if not any(distinct):
        return np.zeros((len(distinct), len(distinct)))
    vectoriser = TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 3), sublinear_tf=True).fit(clean)
    vectors = vectoriser.transform(distinct)
    return (vectors @ vectors.T).toarray()


def group_similar(texts: Sequence[str], order: Sequence[int] | None = None) -> list[list[int]]:
    """Indexes of ``texts`` in groups of alike ones; ``order`` says who may lead first (default: as given).

    Each group lists its leader first, then its members in ``order``.
    """
    order = list(range(len(texts))) if order is None else list(order)
    if not texts:
        return []
    clean = [normalise(t) for t in texts]
    distinct, place = _distinct(clean)
    alike = _distinct_similarity(clean, distinct) >= COSINE_THRESHOLD
    groups: list[list[int]] = []
    for index in order:
        row = alike[place[index]]
        for group in groups:
            if row[place[group[0]]]:
                group.append(index)
                break
        else:
            groups.append([index])
    return groups
