"""Segments of respondents whose number is chosen for stability: k-means with bootstrap agreement.

Pure and shaped like a scikit-learn estimator: parameters in the constructor, :meth:`fit` on an
encoded matrix, results as attributes ending in ``_``. For each k in ``k_min … k_max`` the
respondents (a random subsample of at most ``max_sample`` of them, for speed) are clustered, then
re-clustered on ``n_bootstrap`` bootstrap resamples; a segment's stability is its mean Jaccard
agreement with the best-matching bootstrap cluster (Hennig's clusterwise stability). The chosen k is
the largest whose every segment reaches ``stability_threshold`` (0.75: the survey-segmenter's rule);
when none does, the k with the highest mean stability, its unstable segments marked as such
("pattern, not persona"). The final labels come from one fit on all respondents.

The many small fits (the reference per k and its bootstrap resamples, at most ``max_sample`` rows)
run on one thread: on a matrix that small, scikit-learn's OpenMP threads cost far more in start-up
and waiting than they save (about 10× slower per fit on a shared two-core machine). The final fit
on all respondents keeps the library's default threads.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass

import numpy as np
from sklearn.cluster import KMeans
from threadpoolctl import ThreadpoolController

_CONTROLLER: ThreadpoolController | None = None


def _one_thread() -> AbstractContextManager[object]:
    """A context in which the native thread pools (OpenMP, BLAS) use one thread; libraries found once."""
    global _CONTROLLER
    if _CONTROLLER is None:
        _CONTROLLER = ThreadpoolController()
    return _CONTROLLER.limit(limits=1)


@dataclass
class StableSegmenter:
    k_min: int = 2
    k_max: int = 6
    n_bootstrap: int = 20
    stability_threshold: float = 0.75
    max_sample: int = 1500
    n_init: int = 3
    random_state: int = 0

    def fit(self, X: np.ndarray) -> StableSegmenter:
        X = np.asarray(X, dtype=float)
        n = len(X)
        if n < 2 * self.k_min:
            raise ValueError(f"{n} rows cannot form {self.k_min} segments")
        rng = np.random.default_rng(self.random_state)
        sample = np.sort(rng.choice(n, self.max_sample, replace=False)) if n > self.max_sample else np.arange(n)
        Xs = X[sample]
        distinct = len(np.unique(Xs, axis=0))
        ks = [k for k in range(self.k_min, self.k_max + 1) if k <= distinct and k < len(Xs)]
        if not ks:
            ks = [self.k_min]
        self.stability_by_k_: dict[int, np.ndarray] = {}
        centers: dict[int, np.ndarray] = {}
        with _one_thread():
            for k in ks:
                reference = self._kmeans(k, self.random_state).fit(Xs)
                centers[k] = reference.cluster_centers_
                self.stability_by_k_[k] = self._stability(Xs, reference.labels_, k, rng)
        stable = [k for k in ks if self.stability_by_k_[k].min() >= self.stability_threshold]
        self.k_ = max(stable) if stable else max(ks, key=lambda k: (self.stability_by_k_[k].mean(), -k))
        final = KMeans(self.k_, init=centers[self.k_], n_init=1, random_state=self.random_state).fit(X)
        self.labels_ = final.labels_
        self.cluster_centers_ = final.cluster_centers_
        # the reference clusters and the final ones match by their (shared) starting centres
        self.stability_ = self.stability_by_k_[self.k_]
        self.stable_ = self.stability_ >= self.stability_threshold
        return self

    def _kmeans(self, k: int, seed: int) -> KMeans:
        return KMeans(k, n_init=self.n_init, random_state=seed)

    def _stability(self, X: np.ndarray, labels: np.ndarray, k: int, rng: np.random.Generator) -> np.ndarray:
        n = len(X)
        scores = np.zeros(k)
        members = [labels == c for c in range(k)]
        for b in range(self.n_bootstrap):
            drawn = np.unique(rng.integers(0, n, n))
            boot = KMeans(k, n_init=1, random_state=self.random_state + b + 1).fit(X[drawn]).labels_
            for c in range(k):
                inside = members[c][drawn]
                if not inside.any():
                    continue
                best = 0.0
                for d in range(k):
                    other = boot == d
                    union = np.count_nonzero(inside | other)
                    if union:
                        best = max(best, np.count_nonzero(inside & other) / union)
                scores[c] += best
        return scores / self.n_bootstrap
