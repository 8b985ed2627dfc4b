"""Suggested groups for one quadrant's notes, offline, in English and Chinese: a pure estimator.

Shaped like a scikit-learn estimator: the parameters are explicit constructor arguments, ``fit``
takes the notes' texts and returns the estimator, and the result is inspectable attributes ending
in ``_`` (``labels_``, ``titles_``, ``duplicates_``, ``n_groups_``). No database, no Streamlit, and
nothing downloaded: every resource ships inside the installed packages.

Method:

1. **Similarity**: each text is normalised (lower case, full-width forms folded, punctuation to
   spaces), cut into words (jieba's dictionary segmentation; English words stay words), stop words
   dropped (scikit-learn's English list and a short list of Chinese function characters such as
   的/了/都), and vectorised with TF-IDF over character n-grams within word boundaries
   (``analyzer="char_wb"``, ``ngram_range=(1, 3)`` by default): a typo, a plural or 审批/审批流程 still
   share n-grams. Rows are L2-normalised, so cosine distance compares them.
2. **Groups**: agglomerative clustering (scikit-learn) with average linkage on cosine distance,
   into ``n_groups`` groups: the facilitator's "more" / "fewer" control. By default
   ``ceil(sqrt(n))`` groups: 6 for 30 notes, 13 for 150, 16 for 250 (the 10–20 named groups a
   facilitator wants from a round). With ``distance_threshold`` instead, the tree is cut there.
   With ``max_distance`` as well as a count, no group joins notes farther apart than that: the
   count is then the most groups the unlike notes are forced into, and unlike notes stay alone.
3. **Near-duplicates**: pairs whose normalised texts score at least ``duplicate_threshold`` with
   rapidfuzz's ``fuzz.ratio`` (an edit-distance similarity, 0–100): the same note typed twice with a
   typo, a digit for a word, or extra punctuation.
4. **Titles**: per group, its most central note's own text (the member whose TF-IDF row is most
   like the group's mean row), shortened at a word to 80 characters: "Approval takes two weeks",
   "周报要手工复制到三个模板". With ``title_from="keywords"`` instead, the group's top keywords by
   jieba's TF-IDF keyword extractor (``jieba.analyse.extract_tags``, whose dictionary and IDF table
   ship in the package; English stop words are dropped). A note alone is titled by its own text.
"""

from __future__ import annotations

import logging
import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

# scikit-learn, rapidfuzz and jieba are imported where they are used: importing them costs about a
# second, which every page and command of the app would otherwise pay at start.

#: ``fuzz.ratio`` from which two notes are near-duplicates by default (measured on the labelled notes).
DUPLICATE_THRESHOLD = 85.0
#: A title is at most this long (characters), like a sticky note's headline.
TITLE_MAX = 40
#: A title taken from a group's most central sentence keeps more of it.
CENTRAL_TITLE_MAX = 80
_PUNCTUATION = re.compile(r"[^\w\s]+", re.UNICODE)
_SPACES = re.compile(r"\s+")
#: A Chinese (CJK unified) character.
CJK = re.compile(r"[\u3400-\u9fff]")


def normalise(text: str) -> str:
    """Lower case, full-width letters and digits folded (NFKC), punctuation as spaces, spaces squeezed."""
    folded = unicodedata.normalize("NFKC", text).lower()
    return _SPACES.sub(" ", _PUNCTUATION.sub(" ", folded)).strip()


@dataclass
class NoteGrouper:
    """Groups short notes by their text; see the module's docstring for the method."""

    #: The number of groups wanted; ``None``: ``ceil(sqrt(n))``, unless ``distance_threshold`` is given.
    n_groups: int | None = None
    #: With ``n_groups`` None: cut where clusters are this far apart (cosine distance, 0 … 1).
    distance_threshold: float | None = None
    #: With ``n_groups``: never join notes farther apart than this (cosine distance, average linkage):
    #: a group the count alone would force on unlike notes stays apart, so there may be more groups.
    max_distance: float | None = None
    ngram_range: tuple[int, int] = (1, 3)
    #: ``fuzz.ratio`` (0–100) from which two notes are offered as near-duplicates.
    duplicate_threshold: float = DUPLICATE_THRESHOLD
    #: Keywords in a group's title.
    title_words: int = 3
    #: ``"central"``: a group is titled by its most central member's own words (the note most like the
    #: group's mean), shortened; ``"keywords"``: by its top keywords, which read as a list
    #: ("approval takes weeks", "status report reports") where the central note reads as a note.
    title_from: str = "central"

    labels_: np.ndarray = field(init=False, repr=False)
    titles_: list[str] = field(init=False, repr=False)
    duplicates_: list[tuple[int, int]] = field(init=False, repr=False)
    n_groups_: int = field(init=False, repr=False)

    def fit(self, texts: Sequence[str]) -> NoteGrouper:
        texts = list(texts)
        clean = [normalise(t) for t in texts]
        words = [content_words(c) for c in clean]  # segmented once, for the vectors and the titles
        self._vectors: np.ndarray | None = None
        self.labels_ = self._cluster(words)
        self.n_groups_ = int(self.labels_.max()) + 1 if len(texts) else 0
        self.duplicates_ = near_duplicates(clean, self.duplicate_threshold)
        self.titles_ = [self._group_title(texts, words, self.members(g)) for g in range(self.n_groups_)]
        return self

    def _group_title(self, texts: list[str], words: list[list[str]], members: list[int]) -> str:
        if self.title_from == "central" and len(members) > 1:
            vectors = self._vectors if self._vectors is not None else self.vectors(words)
            if vectors is not None:
                rows = vectors[members]
                centre = rows.mean(axis=0)
                return _shorten(texts[members[int(np.argmax(rows @ centre))]].strip(), CENTRAL_TITLE_MAX)
        return self._title([texts[i] for i in members], [words[i] for i in members])

    def members(self, group: int) -> list[int]:
        """Indices of the texts in group ``group``."""
        return [int(i) for i in np.flatnonzero(self.labels_ == group)]

    def groups(self) -> list[tuple[str, list[int]]]:
        """(title, member indices) per group, largest first, ties in the order of their first note."""
        order = sorted(range(self.n_groups_), key=lambda g: (-len(self.members(g)), self.members(g)[0]))
        return [(self.titles_[g], self.members(g)) for g in order]

    # --- steps -------------------------------------------------------------------------------

    def default_groups(self, n: int) -> int:
        return max(1, min(n, math.ceil(math.sqrt(n))))

    def _cluster(self, words: list[list[str]]) -> np.ndarray:
        n = len(words)
        if n == 0:
            return np.zeros(0, dtype=int)
        wanted = self.n_groups
        if wanted is None and self.distance_threshold is None:
            wanted = self.default_groups(n)
        if wanted is not None:
            wanted = max(1, min(wanted, n))
        if n == 1 or wanted == 1:
            return np.zeros(n, dtype=int)
        vectors = self.vectors(words)
        self._vectors = vectors
        if vectors is None:
            return np.arange(n)
        from sklearn.cluster import AgglomerativeClustering

        model = AgglomerativeClustering(
            n_clusters=wanted,
            distance_threshold=None if wanted is not None else self.distance_threshold,
            metric="cosine",
            linkage="average",
        )
        labels = model.fit_predict(vectors)
        if wanted is not None and self.max_distance is not None:
            # both cuts are of one dendrogram, so together they are its cut at the lower height
            capped = AgglomerativeClustering(
                n_clusters=None, distance_threshold=self.max_distance, metric="cosine", linkage="average"
            ).fit_predict(vectors)
            pairs: dict[tuple[int, int], int] = {}
            labels = np.array(
                [pairs.setdefault((int(a), int(b)), len(pairs)) for a, b in zip(labels, capped, strict=True)]
            )
        return _renumber(labels)

    def vectors(self, segmented: list[list[str]]) -> np.ndarray | None:
        """The TF-IDF rows of the notes' content words (None when no note has anything to compare)."""
        from sklearn.feature_extraction.text import TfidfVectorizer

        words = [" ".join(w) for w in segmented]
        if not any(words):
            return None
        vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=self.ngram_range, sublinear_tf=True)
        matrix = vectorizer.fit_transform([w or " " for w in words]).toarray()
        blank = ~matrix.any(axis=1)
        matrix[blank, 0] = 1.0  # a note of stop words only: its own direction, not a division by zero
        return matrix

    def _title(self, members: list[str], member_words: list[list[str]]) -> str:
        if len(members) == 1:
            return _shorten(members[0].strip())
        words = keywords(member_words, self.title_words)
        if not words:
            return _shorten(members[0].strip())
        joiner = "" if all(CJK.search(w) for w in words) else " "
        return _shorten(joiner.join(words) if joiner else "·".join(words))


def _renumber(labels: np.ndarray) -> np.ndarray:
    """Group numbers in the order of each group's first note."""
    mapping: dict[int, int] = {}
    return np.array([mapping.setdefault(int(label), len(mapping)) for label in labels], dtype=int)


def near_duplicates(clean: Sequence[str], threshold: float) -> list[tuple[int, int]]:
    """Index pairs (i < j) of normalised texts at least ``threshold`` alike by ``fuzz.ratio``."""
    if len(clean) < 2:
        return []
    from rapidfuzz import fuzz
    from rapidfuzz.process import cdist

    scores = cdist(clean, clean, scorer=fuzz.ratio, score_cutoff=threshold, dtype=np.uint8, workers=1)
    rows, cols = np.nonzero(np.triu(scores, k=1))
    return [(int(i), int(j)) for i, j in zip(rows, cols, strict=True) if clean[i] and clean[j]]


def _shorten(text: str, limit: int = TITLE_MAX) -> str:
    """At most ``limit`` characters; a longer text is cut at its last space within them (if any) with "…"."""
    text = _SPACES.sub(" ", text)
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut and not CJK.search(cut):
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:·、，；：") + "…"


#: Chinese function characters and words that say nothing about what a note is about.
ZH_STOP_WORDS = frozenset(
    "的 了 要 都 在 很 太 是 和 也 又 还 就 被 把 时 那里 这 那 一个 每个 经常 总是 没 不 得 地 着 呢 吧 啊".split()
)
_JIEBA_READY = False


def _jieba():
    global _JIEBA_READY
    import jieba
    import jieba.analyse

    if not _JIEBA_READY:
        jieba.setLogLevel(logging.WARNING)
        _JIEBA_READY = True
    return jieba


def _stop_words() -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return ENGLISH_STOP_WORDS | ZH_STOP_WORDS


def content_words(clean: str) -> list[str]:
    """The words of a normalised text that carry meaning (jieba's segmentation, stop words out).

    Dictionary words only (``HMM=False``): jieba's hidden-Markov guess at unknown words changed no
    label on the hand-labelled notes and pains (the same adjusted Rand index) and cost about a fifth
    of a Chinese suggestion (250 notes: 4.8–5.5× the TF-IDF floor with it, 3.7–5.0× without)."""
    stop = _stop_words()
    return [w for w in _jieba().lcut(clean, HMM=False) if w.strip() and w not in stop]


def keywords(segmented: Sequence[Sequence[str]], top: int) -> list[str]:
    """The top keywords of a group's already segmented notes by jieba's TF-IDF: each word's count in
    the group times its IDF in jieba's own table (the median IDF for a word not in it), as
    ``jieba.analyse.extract_tags`` ranks them, without segmenting the texts a second time."""
    tfidf = _jieba().analyse.default_tfidf
    counts: dict[str, int] = {}
    for words in segmented:
        for word in words:
            if len(word.strip()) > 1 and not word.isdigit():
                counts[word] = counts.get(word, 0) + 1
    score = {w: c * tfidf.idf_freq.get(w, tfidf.median_idf) for w, c in counts.items()}
    return sorted(score, key=lambda w: -score[w])[:top]  # stable: ties keep their first appearance
