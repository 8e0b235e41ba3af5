"""How stable the ranking is when the jury changes: bootstrap over jurors (design §5, Stability).

Each of B resamples draws, with replacement, as many juror codes as there are jurors with at least
one counted review (jurors who completed nothing carry no information). A juror drawn k times counts
k times in every aggregate of that resample; a dossier none of whose jurors was drawn has no
aggregate in that resample (or the method's default). Every rule of the plain ranking applies in
each resample: the method, rounding, eliminations, tie-break.

The draw depends only on the seed and the set of juror codes (jurors are drawn from their codes in
sorted order), so a campaign gives the same figures whatever order its jurors are stored in.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from selection_desk.aggregation.evaluation import standings_by_chunk
from selection_desk.aggregation.inputs import RankingSettings
from selection_desk.aggregation.numerics import BoolArray, FloatArray, IntArray
from selection_desk.aggregation.panel import Panel
from selection_desk.domain.model import Method

LOW_QUANTILE = 0.05
HIGH_QUANTILE = 0.95
"""The rank interval holds 90 % of the resamples' ranks (actual ranks: inverted-CDF quantiles)."""


@dataclass(frozen=True, eq=False)
class Stability:
    p_top: FloatArray
    """(D,) share of the resamples in which the dossier is selected by rank (within ``places``)."""
    rank_low: IntArray
    """(D,) 5th percentile of the dossier's rank over the resamples."""
    rank_high: IntArray
    """(D,) 95th percentile of the dossier's rank over the resamples."""


def bootstrap_stability(
    panel: Panel,
    method: Method,
    settings: RankingSettings,
    *,
    weights: FloatArray,
    places: int,
    jurors: tuple[str, ...],
    resamples: int,
    seed: int,
) -> Stability:
    multiplicity = draw_jurors(panel.present, jurors, resamples, seed)
    dossiers = panel.present.shape[1]
    # Ranks never exceed the number of dossiers: the smallest type that holds them (16 bits up
    # to 65,535 dossiers: a bootstrap of 50,000 dossiers holds 50 million of them).
    ranks = np.zeros((resamples, dossiers), dtype=np.min_scalar_type(dossiers))
    selected = np.zeros(dossiers, dtype=np.int64)
    for part, rank, within in standings_by_chunk(
        panel, method, settings, places, weights[None], multiplicity
    ):
        ranks[part] = rank
        selected += within.sum(axis=0)
    low, high = _rank_interval(ranks)
    return Stability(p_top=selected / resamples, rank_low=low, rank_high=high)


QUANTILE_BUDGET = 4_000_000
"""Ranks copied at once to take their quantiles (the sort works on a copy)."""


def _rank_interval(ranks: npt.NDArray[np.integer[Any]]) -> tuple[IntArray, IntArray]:
    """(D,) the low and high quantile of each column of the (B, D) ranks, a block of dossiers at a
    time: each block sorted along the resamples (a full vectorised sort of small integers beats
    a partial sort at two positions), then the two order statistics read."""
    resamples, dossiers = ranks.shape
    bounds = np.zeros((2, dossiers), dtype=np.int64)
    if not resamples:
        return bounds[0], bounds[1]
    # The order statistics that inverted-CDF quantiles of B values pick, found by asking numpy
    # for the quantiles of the positions themselves (its own rounding, exactly).
    kth = np.quantile(
        np.arange(resamples), (LOW_QUANTILE, HIGH_QUANTILE), method="inverted_cdf"
    ).astype(np.intp)
    step = max(1, QUANTILE_BUDGET // resamples)
    for start in range(0, dossiers, step):
        bounds[:, start : start + step] = np.sort(ranks[:, start : start + step], axis=0)[kth]
    return bounds[0], bounds[1]


def draw_jurors(
    present: BoolArray, jurors: tuple[str, ...], resamples: int, seed: int
) -> FloatArray:
    """(B, J) how many times each juror is drawn in each resample."""
    active = [j for j in sorted(range(len(jurors)), key=jurors.__getitem__) if present[j].any()]
    multiplicity = np.zeros((resamples, len(jurors)), dtype=np.float64)
    if not active:
        return multiplicity
    draws = np.random.default_rng(seed).integers(0, len(active), size=(resamples, len(active)))
    rows = np.repeat(np.arange(resamples), len(active))
    np.add.at(multiplicity, (rows, np.asarray(active)[draws.ravel()]), 1.0)
    return multiplicity
