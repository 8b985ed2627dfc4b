"""Segments of respondents whose number is chosen for stability: k-means with bootstrap agreement.

Pure and shaped like a scikit-learn estimator: parameters in the constructor, :meth:`fit` on an
encoded matrix, results as attributes ending in ``_``. For each k in ``k_min … k_max`` the
respondents (a random subsample of at most ``max_sample`` of them, for speed) are clustered, then
re-clustered on ``n_bootstrap`` bootstrap resamples; a segment's stability is its mean Jaccard
agreement with the best-matching bootstrap cluster (Hennig's clusterwise stability). The chosen k is
the largest whose every segment reaches ``stability_threshold`` (0.75: the survey-segmenter's rule);
when none does, the k with the highest mean stability, its unstable segments marked as such
("pattern, not persona"). The final labels come from one fit on all respondents.

The same rule costs fewer fits when k is tried from the largest down: the first k whose every
segment holds is the answer (smaller ones are not looked at), and a k's resamples stop as soon as
one of its segments cannot reach the threshold any more; only when no k holds are the abandoned
ones completed, to find the most stable. ``stability_by_k_`` holds the k looked at in full.

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
        references: dict[int, KMeans] = {}
        abandoned: dict[int, tuple[np.ndarray, int]] = {}
        chosen: int | None = None
        with _one_thread():
            # largest k first: the first whose every segment holds is the answer, smaller ones need no look
            for k in sorted(ks, reverse=True):
                references[k] = self._kmeans(k, self.random_state).fit(Xs)
                scores, done = self._stability(Xs, references[k].labels_, k, start=0, give_up=True)
                if done == self.n_bootstrap:
                    self.stability_by_k_[k] = scores / self.n_bootstrap
                    if self.stability_by_k_[k].min() >= self.stability_threshold:
                        chosen = k
                        break
                else:
                    abandoned[k] = (scores, done)
            if chosen is None:
                # no k holds: the most stable one is chosen, so every k's full figure is needed after all
                for k, (scores, done) in abandoned.items():
                    rest, _ = self._stability(Xs, references[k].labels_, k, start=done, give_up=False)
                    self.stability_by_k_[k] = (scores + rest) / self.n_bootstrap
                chosen = max(self.stability_by_k_, key=lambda k: (self.stability_by_k_[k].mean(), -k))
        self.k_ = chosen
        final = KMeans(self.k_, init=references[self.k_].cluster_centers_, n_init=1, random_state=self.random_state)
        final.fit(X)
        self.labels_ = final.labels_
        self.cluster_centers_ = final.cluster_centers_
        # the reference clusters and the final ones match by their (shared) starting centres
        self.stability_ = self.stability_by_k_[self.k_]
        self.stable_ = self.stability_ >= self.stability_threshold
        return self

    def _kmeans(self, k: int, seed: int) -> KMeans:
        return KMeans(k, n_init=self.n_init, random_state=seed)

    def _stability(
        self, X: np.ndarray, labels: np.ndarray, k: int, *, start: int, give_up: bool
    ) -> tuple[np.ndarray, int]:
        """Summed best Jaccard agreement per segment over resamples ``start`` … ``n_bootstrap - 1``, and
        how many resamples were done in all. Resample b of k is drawn from its own seed, so the figures
        do not depend on which k was looked at first. With ``give_up``, stops as soon as one segment
        cannot reach the threshold even if it matched perfectly in every resample left."""
        n = len(X)
        scores = np.zeros(k)
        members = [labels == c for c in range(k)]
        needed = self.stability_threshold * self.n_bootstrap
        for b in range(start, self.n_bootstrap):
            drawn = np.unique(np.random.default_rng([self.random_state, k, b]).integers(0, n, n))
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
            left = self.n_bootstrap - (b + 1)
            if give_up and left and (scores + left).min() < needed - 1e-9:
                return scores, b + 1
        return scores, self.n_bootstrap
