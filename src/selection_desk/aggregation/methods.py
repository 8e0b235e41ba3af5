"""The aggregation methods of design §5, computed for a batch of scenarios at once.

A *scenario* is one way of counting the panel: how many times each juror counts (a bootstrap
resample draws jurors with replacement; a plain ranking counts each juror once) and which criterion
weights apply (the what-if sliders, the sensitivity grid). Each method returns, for every scenario
row, the aggregate ``A[d]`` (NaN: no aggregate) of every dossier. The rows of a batch vary either
the multiplicities (the bootstrap, one weight vector) or the weights (every juror once).

``mean`` and ``trimmed`` go through per-criterion aggregates ``m_c`` (which the campaign may round,
see :mod:`selection_desk.aggregation.ranking`): ``A = 100·Σ w_c·(m_c − lo_c)/(hi_c − lo_c) / Σ w_c``
equals the mean of the juror totals when ``m_c`` are plain means. The other methods aggregate the
juror totals ``T`` themselves.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from selection_desk.aggregation.numerics import (
    EQUAL_TOLERANCE,
    BoolArray,
    FloatArray,
    IntArray,
    safe_divide,
)
from selection_desk.aggregation.ordering import run_bounds
from selection_desk.aggregation.panel import Panel, SlotSums
from selection_desk.aggregation.rounding import rounded_points_units
from selection_desk.domain.model import Method

ZSCORE_DEFAULT = 0.0
"""``zscore`` aggregate of a scored dossier left with no informative juror (design §5). A dossier
that no juror scored gets no aggregate at all (this sharpens design §5: a default would let it be
selected)."""
BORDA_DEFAULT = 50.0
"""``borda`` aggregate of a scored dossier left with no informative juror (design §5); none for a
dossier no juror scored."""
METHODS_WITH_POINTS = frozenset({Method.MEAN, Method.TRIMMED})


@dataclass(frozen=True, eq=False)
class Scenarios:
    """A batch of ways of counting the panel (see the module docstring)."""

    weights: FloatArray
    """(W, C) criterion weights of each row."""
    multiplicity: FloatArray | None = None
    """(K, J) how many times each juror counts in each row; ``None``: once each."""

    def __post_init__(self) -> None:
        if self.multiplicity is not None and self.weights.shape[0] != 1:
            raise ValueError("resampled jurors go with one weight vector")

    @property
    def rows(self) -> int:
        return int((self.weights if self.multiplicity is None else self.multiplicity).shape[0])


@dataclass(frozen=True, eq=False)
class Aggregates:
    scores: FloatArray
    """(R, D) the aggregate ``A`` of each dossier in each row; NaN: none."""
    criterion_aggregates: FloatArray | None = None
    """(R, D, C) the rounded per-criterion aggregates ``m_c`` (mean and trimmed only)."""
    points_units: FloatArray | None = None
    """(R, D) the rounded points total in units of ``10**-N`` (mean and trimmed with
    ``criterion_decimals = N`` only): then the dossiers are ranked by it, not by ``scores``."""

    @property
    def rank_key(self) -> FloatArray:
        """What the dossiers are ranked by (higher first; NaN: unscored)."""
        return self.scores if self.points_units is None else self.points_units


def criterion_means(
    panel: Panel,
    multiplicity: FloatArray | None,
    *,
    columns: IntArray | None = None,
    review_weights: FloatArray | None = None,
) -> FloatArray:
    """(R, D, C) mean score per criterion over the counted jurors, weighted by ``review_weights``
    (D, M: the dossier × slot layout) when given."""
    total, count = slot_sums(panel, multiplicity, columns=columns, review_weights=review_weights)
    return safe_divide(total, count[..., None])


def slot_sums(
    panel: Panel,
    multiplicity: FloatArray | None,
    *,
    columns: IntArray | None = None,
    review_weights: FloatArray | None = None,
) -> tuple[FloatArray, FloatArray]:
    """(R, D, C) the weighted sums of each dossier's scores and (R, D) the sums of the weights:
    each review weighs its juror's multiplicity (times ``review_weights``, D × M slots).

    Only the scores that exist are summed, never a juror × dossier × criterion cube: the rows of a
    bootstrap through a sparse product (:meth:`Panel.sparse_sums`), once-each rows a few slots per
    dossier."""
    scores = panel.slot_scores if columns is None else panel.slot_scores[:, :, columns]
    if multiplicity is not None:
        return panel.sparse_sums(multiplicity, scores, review_weights)
    weights = _slot_multiplicity(panel, None)
    if review_weights is not None:
        weights = weights * review_weights
    total = np.zeros((1, *scores.shape[::2]), dtype=np.float64)
    for slot in range(weights.shape[2]):
        total += weights[:, :, slot, None] * scores[None, :, slot, :]
    count: FloatArray = weights.sum(axis=2)
    return total, count


def resampled_mean_scores(panel: Panel, scenarios: Scenarios) -> FloatArray:
    """(R, D) the ``mean`` aggregate of each bootstrap row (unrounded criterion means):
    :class:`ResampledMeans` without screened criteria."""
    if scenarios.multiplicity is None or scenarios.weights.shape[0] != 1:
        raise ValueError("resampled rows with one weight vector only")
    no_columns = np.zeros(0, dtype=np.int64)
    scores, _means = ResampledMeans(panel, scenarios.weights[0], no_columns)(scenarios.multiplicity)
    return scores


class ResampledMeans:
    """The plain ``mean`` of bootstrap rows (unrounded criterion means, no confidence weights):
    the mean of the juror totals, ``A = Σ_j k_j·T_j / Σ_j k_j``, which equals ``A`` from the
    criterion means (module docstring) to the last digits — the tolerance of every comparison —
    and sums one value per review instead of one per score; with the means of a few criteria
    (``columns``: those the screening reads) from the same sparse product, which shares the sums
    of the weights.  The product's matrix is built once for every batch of rows."""

    def __init__(self, panel: Panel, weights: FloatArray, columns: IntArray) -> None:
        values = np.concatenate(
            [panel.slot_totals(weights)[..., None], panel.slot_scores[:, :, columns]], axis=2
        )
        self.sums = SlotSums(panel, values)

    def __call__(self, multiplicity: FloatArray) -> tuple[FloatArray, FloatArray]:
        """(R, D) the aggregates and (R, D, S) the means of the ``columns``."""
        sums = self.sums.by_dossier(multiplicity)  # (D, 1 + S + 1, R)
        count = sums[:, -1, :]
        # Divided in the product's layout, then only the results transposed to rows.
        scores = np.ascontiguousarray(safe_divide(sums[:, 0, :], count).T)
        means = safe_divide(sums[:, 1:-1, :], count[:, None, :]).transpose(2, 0, 1)
        return scores, means


def trimmed_means(panel: Panel, multiplicity: FloatArray | None) -> FloatArray:
    """(R, D, C) per criterion: drop one highest and one lowest score when ≥ 3 jurors scored, then
    average the rest (a juror drawn k times counts k times; only one copy is dropped)."""
    total, summed = slot_sums(panel, multiplicity)
    count = summed[..., None]
    taken = _slot_multiplicity(panel, multiplicity) > 0
    trimmable = count >= 3
    highest = np.where(trimmable, _extreme(panel.slot_scores, taken, np.maximum, -np.inf), 0.0)
    lowest = np.where(trimmable, _extreme(panel.slot_scores, taken, np.minimum, np.inf), 0.0)
    return safe_divide(total - highest - lowest, count - np.where(trimmable, 2.0, 0.0))


def _extreme(slot_scores: FloatArray, taken: BoolArray, pick: np.ufunc, none: float) -> FloatArray:
    """(R, D, C) the highest (``np.maximum``) or lowest (``np.minimum``) score among the taken
    slots (``none`` where no slot is taken). One pass per slot: a panel has few slots per
    dossier, and contiguous passes beat a masked reduction over the slot axis."""
    rows, dossiers, slots = taken.shape
    extreme = np.full((rows, dossiers, slot_scores.shape[2]), none)
    for slot in range(slots):
        pick(
            extreme,
            np.where(taken[:, :, slot, None], slot_scores[None, :, slot], none),
            out=extreme,
        )
    return extreme


def from_criterion_aggregates(
    panel: Panel, aggregates: FloatArray, weights: FloatArray, decimals: int | None = None
) -> Aggregates:
    """``A = 100·Σ w_c·(m_c − lo_c)/(hi_c − lo_c) / Σ w_c`` for each row of aggregates × weights;
    with ``decimals`` (the aggregates are then rounded) also the exact rounded points totals."""
    normalised = (aggregates - panel.low) / panel.span
    shares = weights / weights.sum(axis=1, keepdims=True)
    if shares.shape[0] == 1:  # one weight vector (the ranking, a bootstrap): one plain product
        rows, dossiers, criteria = normalised.shape
        scores = 100.0 * (normalised.reshape(rows * dossiers, criteria) @ shares[0]).reshape(
            rows, dossiers
        )
    else:
        scores = 100.0 * (normalised @ shares[:, :, None])[..., 0]
    units = None if decimals is None else rounded_points_units(aggregates, weights, decimals)
    return Aggregates(scores, aggregates, units)


def points_from_criterion_aggregates(
    aggregates: FloatArray, weights: FloatArray, decimals: int | None
) -> FloatArray:
    """Points ``Σ_c w_c·m_c``, each term rounded half-up (exactly, see
    :func:`~selection_desk.aggregation.rounding.rounded_points_units`) when ``decimals`` is set."""
    if decimals is None:
        points: FloatArray = (aggregates * weights).sum(axis=-1)
        return points
    units = rounded_points_units(aggregates[None], weights[None], decimals)[0]
    scaled: FloatArray = units / 10.0**decimals
    return scaled


def median_scores(panel: Panel, scenarios: Scenarios) -> FloatArray:
    """Median of the juror totals; a juror drawn k times counts k times."""
    slot_totals = np.where(
        panel.slot_present,
        panel.slot_review_values(panel.review_totals(scenarios.weights)),
        np.nan,
    )
    counts = _slot_multiplicity(panel, scenarios.multiplicity)
    order = np.argsort(slot_totals, axis=-1)  # padding (NaN) sorts last
    sorted_totals = np.take_along_axis(slot_totals, order, axis=-1)
    shape = np.broadcast_shapes(sorted_totals.shape, counts.shape)
    sorted_totals = np.broadcast_to(sorted_totals, shape)
    cumulative = np.cumsum(
        np.take_along_axis(np.broadcast_to(counts, shape), np.broadcast_to(order, shape), axis=-1),
        axis=-1,
    )
    total = cumulative[..., -1]

    def value_at(position: FloatArray) -> FloatArray:
        slot = np.argmax(cumulative >= position[..., None], axis=-1)
        value: FloatArray = np.take_along_axis(sorted_totals, slot[..., None], axis=-1)[..., 0]
        return value

    lower = value_at(np.ceil(total / 2))
    upper = value_at(np.floor(total / 2) + 1)
    return np.where(total > 0, (lower + upper) / 2, np.nan)


def review_z_scores(
    panel: Panel, review_totals: FloatArray
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """``z = (T − μ_j)/σ_j`` of each counted review, per weight row ``(W, n)``, NaN where the
    juror carries no information (fewer than 2 dossiers, or σ_j = 0); also ``(W, J)`` μ and σ
    (population) per juror over the dossiers the juror completed.  Summed per juror over the
    reviews (never a juror × dossier matrix: 120 MB each on 50,000 dossiers and 300 jurors)."""
    juror, jurors = panel.review_juror, panel.present.shape[0]
    completed = np.bincount(juror, minlength=jurors).astype(np.float64)
    mean = safe_divide(_sums_by_juror(juror, review_totals, jurors), completed)
    deviations = review_totals - mean[:, juror]
    sigma = np.sqrt(safe_divide(_sums_by_juror(juror, deviations**2, jurors), completed))
    informative = (completed >= 2) & (sigma > EQUAL_TOLERANCE)
    z = safe_divide(deviations, sigma[:, juror])
    return np.where(informative[:, juror], z, np.nan), mean, sigma


def _sums_by_juror(juror: IntArray, values: FloatArray, jurors: int) -> FloatArray:
    """(W, J) the sum of each row of the ``(W, n)`` per-review values, per juror."""
    sums = np.zeros((values.shape[0], jurors), dtype=np.float64)
    for row, row_values in enumerate(values):
        sums[row] = np.bincount(juror, row_values, minlength=jurors)
    return sums


def zscore_scores(panel: Panel, scenarios: Scenarios) -> FloatArray:
    """Mean of the informative jurors' z; 0 when no juror is left (design §5)."""
    z, _mean, _sigma = review_z_scores(panel, panel.review_totals(scenarios.weights))
    return _unless_unscored(panel, scenarios, _mean_of_counted(panel, scenarios, z, ZSCORE_DEFAULT))


def review_borda_points(panel: Panel, review_totals: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Each counted review's Borda points ``100·(n_j − r)/(n_j − 1)`` per weight row ``(W, n)``,
    NaN where the juror completed fewer than 2 dossiers; and the ranks ``r`` among the juror's
    dossiers (1 = best, ties share the average rank).

    Each juror's completed dossiers are sorted, not every dossier of the campaign: on 50,000
    dossiers a juror completes a few hundred."""
    juror = panel.review_juror
    completed = np.bincount(juror, minlength=panel.present.shape[0])
    juror_start = np.cumsum(completed) - completed
    ranks = np.full(review_totals.shape, np.nan)
    for row, row_totals in enumerate(review_totals):
        key = -row_totals
        order = np.lexsort((key, juror))
        starts = np.ones(order.shape, dtype=np.bool_)
        sorted_jurors, sorted_keys = juror[order], key[order]
        starts[1:] = (sorted_jurors[1:] != sorted_jurors[:-1]) | (
            np.diff(sorted_keys) > EQUAL_TOLERANCE
        )
        first, last = run_bounds(starts)
        ranks[row, order] = (first + last) / 2.0 + 1.0 - juror_start[sorted_jurors]
    counts = completed.astype(np.float64)[juror]
    points = safe_divide(100.0 * (counts - ranks), counts - 1.0)
    return np.where(counts >= 2, points, np.nan), ranks


def borda_scores(panel: Panel, scenarios: Scenarios) -> FloatArray:
    """Mean of the jurors' Borda points; 50 when no juror is left (design §5)."""
    points, _ranks = review_borda_points(panel, panel.review_totals(scenarios.weights))
    return _unless_unscored(
        panel, scenarios, _mean_of_counted(panel, scenarios, points, BORDA_DEFAULT)
    )


def _unless_unscored(panel: Panel, scenarios: Scenarios, scores: FloatArray) -> FloatArray:
    """NaN (unscored: listed after the scored dossiers, never selected) where no juror counted in
    the row. The defaults (0, 50) are only for dossiers whose jurors all carry no information."""
    kept: FloatArray = np.where(judged(panel, scenarios.multiplicity), scores, np.nan)
    return kept


def _mean_of_counted(
    panel: Panel, scenarios: Scenarios, values: FloatArray, default: float
) -> FloatArray:
    """Mean over each dossier's jurors of the non-NaN ``(W, n)`` values of the counted reviews
    (with multiplicity); ``default`` where there is none.  Gathered into the dossier slots
    first: the values that exist, summed one slot at a time in juror order."""
    gathered = panel.slot_review_values(values)
    counted = panel.slot_present & ~np.isnan(gathered)
    weights = np.where(counted, _slot_multiplicity(panel, scenarios.multiplicity), 0.0)
    filled = np.where(counted, gathered, 0.0)
    rows = max(filled.shape[0], weights.shape[0])
    total = np.zeros((rows, filled.shape[1]), dtype=np.float64)
    count = np.zeros_like(total)
    for slot in range(filled.shape[2]):
        total += filled[:, :, slot] * weights[:, :, slot]
        count += weights[:, :, slot]
    mean = safe_divide(total, count)
    return np.where(np.isnan(mean), default, mean)


def judged(panel: Panel, multiplicity: FloatArray | None) -> BoolArray:
    """(R, D) at least one of the dossier's jurors counts in the row."""
    counted: BoolArray = _slot_multiplicity(panel, multiplicity).sum(axis=2) > 0
    return counted


def _slot_multiplicity(panel: Panel, multiplicity: FloatArray | None) -> FloatArray:
    """(R, D, M) how many times the juror of each slot counts (0 in padding slots)."""
    if multiplicity is None:
        return panel.slot_present.astype(np.float64)[None]
    if multiplicity.shape[1] == 0:  # no juror: every slot is padding
        return np.zeros((multiplicity.shape[0], *panel.slot_juror.shape), dtype=np.float64)
    return np.where(panel.slot_present, multiplicity[:, panel.slot_juror], 0.0)
