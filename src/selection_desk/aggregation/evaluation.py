"""The ranking rules applied to a batch of scenarios: aggregates, eliminations, tie-break, ranks.

The plain ranking (one row), the bootstrap (one row per resample) and the weight sensitivity (one
row per what-if weight vector) all go through :func:`evaluate`, so they can never disagree on what
the rules are.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from selection_desk.aggregation.inputs import RankingSettings
from selection_desk.aggregation.methods import (
    Aggregates,
    ResampledMeans,
    Scenarios,
    borda_scores,
    criterion_means,
    from_criterion_aggregates,
    median_scores,
    resampled_mean_scores,
    trimmed_means,
    zscore_scores,
)
from selection_desk.aggregation.numerics import (
    EQUAL_TOLERANCE,
    BoolArray,
    FloatArray,
    IntArray,
)
from selection_desk.aggregation.ordering import (
    Standings,
    rank_rows,
    ranks_and_listing,
    selected_by_rank,
)
from selection_desk.aggregation.panel import Panel
from selection_desk.aggregation.rounding import round_if_asked
from selection_desk.aggregation.schulze import schulze_scores
from selection_desk.domain.model import Method

ELEMENT_BUDGET = 8_000_000
"""Rows of a large batch are evaluated in chunks whose temporaries hold about this many values
(a few tens of rows on a large campaign: large enough for efficient matrix products; 16 million
cost the bootstrap no less time on 5,000 dossiers and 60 MB more on 50,000, where the app runs
it next to the sensitivity)."""


@dataclass(frozen=True, eq=False)
class Screening:
    """What the criterion means decide, whatever the method: eliminations and the tie-break key."""

    thresholded: IntArray
    """(T,) indices of the criteria that have an eliminatory threshold."""
    below: BoolArray
    """(R, D, T) the dossier's (rounded) mean on a thresholded criterion is below the threshold."""
    tie_key: FloatArray | None
    """(R, D) the (rounded) mean on the tie-break criterion; ``None`` without a tie-break."""

    @property
    def eliminated(self) -> BoolArray:
        eliminated: BoolArray = np.asarray(self.below.any(axis=-1))
        return eliminated


@dataclass(frozen=True, eq=False)
class Evaluation:
    aggregates: Aggregates
    screening: Screening
    standings: Standings


def evaluate(
    panel: Panel, method: Method, settings: RankingSettings, scenarios: Scenarios
) -> Evaluation:
    aggregates, screening = _aggregate_and_screen(panel, method, settings, scenarios)
    standings = rank_rows(aggregates.rank_key, screening.eliminated, screening.tie_key)
    return Evaluation(aggregates, screening, standings)


def _aggregate_and_screen(
    panel: Panel, method: Method, settings: RankingSettings, scenarios: Scenarios
) -> tuple[Aggregates, Screening]:
    aggregates = aggregate(panel, method, settings, scenarios)
    # The plain mean's own aggregates are the rounded criterion means the screening needs.
    plain_means = method is Method.MEAN and not settings.confidence_weighting
    known = aggregates.criterion_aggregates if plain_means else None
    return aggregates, screen(panel, settings, scenarios.multiplicity, known)


def aggregate(
    panel: Panel, method: Method, settings: RankingSettings, scenarios: Scenarios
) -> Aggregates:
    """The aggregate of every dossier in every scenario row, by ``method`` (design §5)."""
    decimals = settings.criterion_decimals
    if method is Method.MEAN:
        if _totals_suffice(method, settings, resampled=scenarios.multiplicity is not None):
            return Aggregates(resampled_mean_scores(panel, scenarios))
        weights = panel.slot_confidence if settings.confidence_weighting else None
        means = criterion_means(panel, scenarios.multiplicity, review_weights=weights)
        return from_criterion_aggregates(
            panel, round_if_asked(means, decimals), scenarios.weights, decimals
        )
    if method is Method.TRIMMED:
        trimmed = trimmed_means(panel, scenarios.multiplicity)
        return from_criterion_aggregates(
            panel, round_if_asked(trimmed, decimals), scenarios.weights, decimals
        )
    scorers = {
        Method.MEDIAN: median_scores,
        Method.ZSCORE: zscore_scores,
        Method.BORDA: borda_scores,
        Method.SCHULZE: schulze_scores,
    }
    return Aggregates(scorers[method](panel, scenarios))


def _totals_suffice(method: Method, settings: RankingSettings, *, resampled: bool) -> bool:
    """A bootstrap of the plain mean (no rounding, no confidence weights) needs no criterion means:
    :func:`~selection_desk.aggregation.methods.resampled_mean_scores`."""
    plain = settings.criterion_decimals is None and not settings.confidence_weighting
    return resampled and method is Method.MEAN and plain


def screen(
    panel: Panel,
    settings: RankingSettings,
    multiplicity: FloatArray | None,
    rounded_means: FloatArray | None = None,
) -> Screening:
    """Eliminations (mean below threshold) and tie-break key from the rounded criterion means
    (``rounded_means``, R × D × C, when the caller has them already)."""
    columns = screened_columns(panel, settings)
    if rounded_means is not None:
        means = rounded_means[..., columns]
    else:
        means = round_if_asked(
            criterion_means(panel, multiplicity, columns=columns), settings.criterion_decimals
        )
    return screening_of(panel, settings, means)


def screened_columns(panel: Panel, settings: RankingSettings) -> IntArray:
    """The criteria whose means the screening reads: those with a threshold, then the tie-break
    criterion (when the campaign names one)."""
    thresholded = np.flatnonzero(~np.isnan(panel.thresholds))
    tie_break = [] if settings.tie_break is None else [panel.codes.index(settings.tie_break)]
    return np.concatenate([thresholded, tie_break]).astype(np.int64)


def screening_of(panel: Panel, settings: RankingSettings, means: FloatArray) -> Screening:
    """The screening from the (rounded) means ``(R, D, S)`` of the :func:`screened_columns`."""
    thresholded = np.flatnonzero(~np.isnan(panel.thresholds))
    below = means[..., : thresholded.size] < panel.thresholds[thresholded] - EQUAL_TOLERANCE
    tie_key = means[..., -1] if settings.tie_break is not None else None
    return Screening(thresholded, below, tie_key)


def selections_in_chunks(
    panel: Panel,
    method: Method,
    settings: RankingSettings,
    places: int,
    weights: FloatArray,
) -> BoolArray:
    """``(W, D)`` selected by rank, for one row per weight vector ``weights`` ``(W, C)`` (every
    juror once): the what-if rows of the sensitivity, which never read the ranks."""
    within = np.zeros((weights.shape[0], panel.present.shape[1]), dtype=np.bool_)
    for part, _rank, selected in standings_by_chunk(panel, method, settings, places, weights):
        within[part] = selected
    return within


def standings_by_chunk(
    panel: Panel,
    method: Method,
    settings: RankingSettings,
    places: int,
    weights: FloatArray,
    multiplicity: FloatArray | None = None,
) -> Iterator[tuple[slice, IntArray, BoolArray]]:
    """For a large batch of scenarios, a chunk of rows at a time: the rows' slice, their ranks and
    their selected-by-rank flags, ``(rows, D)`` each.  The caller keeps what it needs (the
    bootstrap all the ranks but only a count of the selections, the sensitivity only the
    selections): on 50,000 dossiers a thousand rows of either take 50 to 200 MB.

    Either one row per weight vector (``weights`` ``(W, C)``, every juror once) or one row per
    resample (``multiplicity`` ``(K, J)`` with one weight vector).
    """
    scenarios = Scenarios(weights, multiplicity)
    per_row = _values_per_row(panel, method, settings, resampled=multiplicity is not None)
    chunk = max(1, ELEMENT_BUDGET // max(1, per_row))
    # The plain mean's bootstrap: its aggregates and the screened means from one sparse product
    # per chunk, its matrix built once.
    plain_means = None
    if multiplicity is not None and _totals_suffice(method, settings, resampled=True):
        plain_means = ResampledMeans(panel, weights[0], screened_columns(panel, settings))
    for start in range(0, scenarios.rows, chunk):
        part = slice(start, start + chunk)
        if plain_means is not None and multiplicity is not None:
            scores, means = plain_means(multiplicity[part])
            aggregates, screening = Aggregates(scores), screening_of(panel, settings, means)
        else:
            aggregates, screening = _aggregate_and_screen(
                panel, method, settings, _part(scenarios, part)
            )
        rank, listing = ranks_and_listing(
            aggregates.rank_key, screening.eliminated, screening.tie_key
        )
        yield part, rank, selected_by_rank(rank, listing, places)


def _part(scenarios: Scenarios, part: slice) -> Scenarios:
    if scenarios.multiplicity is None:
        return Scenarios(scenarios.weights[part])
    return Scenarios(scenarios.weights, scenarios.multiplicity[part])


def _values_per_row(
    panel: Panel, method: Method, settings: RankingSettings, *, resampled: bool
) -> int:
    """About how many temporary values one more scenario row needs with ``method`` (the criterion
    means of the screening and the sorting of the ranks come on top of the method's own)."""
    dossiers, slots, criteria = panel.slot_scores.shape
    if _totals_suffice(method, settings, resampled=resampled):
        screened = int((~np.isnan(panel.thresholds)).sum()) + 1
        return int(dossiers * (4 + 3 * screened + 12))
    per_method = {
        Method.MEAN: 3 * criteria + slots,
        Method.TRIMMED: 5 * criteria + slots,
        Method.MEDIAN: 4 * slots,
        Method.ZSCORE: 4,
        Method.BORDA: 4,
        Method.SCHULZE: 3 * dossiers,
    }
    return int(dossiers * (per_method[method] + criteria + 12))
