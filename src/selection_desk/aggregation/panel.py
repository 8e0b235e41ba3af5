"""The counted scores laid out for vectorised aggregation, and the juror totals of design §5.

The scores are held as they exist, never as a juror × dossier × criterion cube (on 50,000 dossiers
and 300 jurors that cube alone took 1.2 GB for 1.5 M scores):

* per review (``review_juror[i]``, ``review_dossier[i]``, ``review_unit[i, c]``): juror totals for
  any number of weight vectors are one matrix product, and what compares a juror's dossiers with
  each other (calibration, z-scores, Borda) sums per juror over the reviews;
* dossier × slot (``slot_juror[d, m]``, the jurors of dossier ``d`` in juror order, padded to the
  largest panel; ``slot_scores[d, m, c]``): the criterion means of every scenario — a bootstrap
  resample, a what-if weight vector — sum a few slots per dossier, and order statistics (median,
  trimmed mean) sort a few slots instead of every juror;
* juror × dossier (``present[j, d]``, and :meth:`Panel.totals` on request): Schulze's pairwise
  preferences and an explanation's lookups — one value per pair, not per score (on 50,000 dossiers
  and 300 jurors still 120 MB a matrix: nothing a plain ranking or its bootstrap builds).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from selection_desk.aggregation.inputs import CONFIDENCE_NOT_GIVEN, UNKNOWN_CRITERION, RankingInput
from selection_desk.aggregation.numerics import BoolArray, FloatArray, IntArray
from selection_desk.errors import InvalidInput, NotFound, define_message
from selection_desk.i18n import N_

WEIGHT_INVALID = define_message(
    "aggregation_weight_invalid",
    N_("The weight of criterion {criterion} must be a number of at least 0 (got {weight})."),
)
WEIGHTS_ALL_ZERO = define_message(
    "aggregation_weights_all_zero", N_("At least one criterion must have a weight above 0.")
)


@dataclass(frozen=True, eq=False)
class Panel:
    """Arrays derived once from a :class:`RankingInput` (J jurors, D dossiers, C criteria, n
    counted reviews, M slots: the largest number of jurors of one dossier)."""

    codes: tuple[str, ...]
    """(C,) criterion codes."""
    low: FloatArray
    """(C,) bottom of each criterion's scale."""
    span: FloatArray
    """(C,) top minus bottom of each criterion's scale."""
    thresholds: FloatArray
    """(C,) eliminatory threshold, NaN where the criterion has none."""
    review_juror: IntArray
    """(n,) juror of each counted review."""
    review_dossier: IntArray
    """(n,) dossier of each counted review."""
    review_unit: FloatArray
    """(n, C) normalised scores ``u = (s − lo) / (hi − lo)`` of each counted review."""
    present: BoolArray
    """(J, D) juror j has a counted review of dossier d."""
    slot_juror: IntArray
    """(D, M) the jurors of each dossier in juror order; padding slots hold juror 0."""
    slot_review: IntArray
    """(D, M) the counted review in each slot; padding slots hold review 0."""
    slot_present: BoolArray
    """(D, M) the slot holds a juror."""
    slot_scores: FloatArray
    """(D, M, C) the scores in the dossier × slot layout, 0 in padding slots."""
    slot_confidence: FloatArray
    """(D, M) weight of each review in the confidence-weighted mean, 0 in padding slots."""

    @classmethod
    def from_input(cls, ranking_input: RankingInput) -> Panel:
        criteria = ranking_input.criteria
        low = np.array([criterion.scale_min for criterion in criteria], dtype=np.float64)
        high = np.array([criterion.scale_max for criterion in criteria], dtype=np.float64)
        thresholds = np.array(
            [math.nan if c.threshold is None else c.threshold for c in criteria], dtype=np.float64
        )
        juror, dossier = ranking_input.review_juror, ranking_input.review_dossier
        present = np.zeros((len(ranking_input.jurors), len(ranking_input.dossiers)), np.bool_)
        present[juror, dossier] = True
        given = ranking_input.confidence
        confidence = np.where(np.isnan(given), CONFIDENCE_NOT_GIVEN, given)
        slot_review = _slot_reviews(juror, dossier, len(ranking_input.dossiers))
        slot_present = slot_review >= 0
        # Padding slots point at review 0 (or at an appended zero row when there is none) and are
        # zeroed by ``slot_present``.
        taken = np.where(slot_present, slot_review, 0)
        values = ranking_input.values if len(juror) else np.zeros((1, len(criteria)))
        return cls(
            codes=tuple(criterion.code for criterion in criteria),
            low=low,
            span=high - low,
            thresholds=thresholds,
            review_juror=juror,
            review_dossier=dossier,
            review_unit=(ranking_input.values - low) / (high - low),
            present=present,
            slot_juror=np.where(slot_present, juror[taken] if len(juror) else 0, 0),
            slot_review=taken,
            slot_present=slot_present,
            slot_scores=np.where(slot_present[..., None], values[taken], 0.0),
            slot_confidence=np.where(slot_present, confidence[taken] if len(juror) else 0.0, 0.0),
        )

    def review_totals(self, weights: FloatArray) -> FloatArray:
        """(W, n) the juror total ``T = 100·Σ w·u / Σ w`` of each counted review, per weight
        row: one value per review (what grows with the scores that exist)."""
        per_review: FloatArray = (100.0 * (self.review_unit @ weights.T) / weights.sum(axis=1)).T
        return per_review

    def totals(self, weights: FloatArray) -> FloatArray:
        """(W, J, D) juror totals ``T`` (:meth:`review_totals`) for each weight row, NaN where
        absent: a juror × dossier matrix per row (an explanation's lookups; the methods work
        on the reviews)."""
        return self.to_matrix(self.review_totals(weights))

    def to_matrix(self, per_review: FloatArray) -> FloatArray:
        """Scatter ``(W, n)`` values of the counted reviews into ``(W, J, D)``, NaN elsewhere."""
        matrix = np.full((per_review.shape[0], *self.present.shape), np.nan)
        matrix[:, self.review_juror, self.review_dossier] = per_review
        return matrix

    def slot_review_values(self, per_review: FloatArray) -> FloatArray:
        """Gather ``(W, n)`` values of the counted reviews into the slot layout ``(W, D, M)``
        (padding slots hold review 0's value: mask them with ``slot_present``)."""
        if per_review.shape[-1] == 0:  # no review: every slot is padding
            return np.zeros((per_review.shape[0], *self.slot_review.shape), dtype=np.float64)
        gathered: FloatArray = per_review[:, self.slot_review]
        return gathered

    def sparse_sums(
        self,
        multiplicity: FloatArray,
        values: FloatArray,
        review_weights: FloatArray | None = None,
    ) -> tuple[FloatArray, FloatArray]:
        """(R, D, K) Σ over each dossier's reviews of ``multiplicity[r, juror] · weight · value``
        and (R, D) Σ ``multiplicity[r, juror] · weight``, for ``values`` (D, M, K) in the slot
        layout (weight: ``review_weights``, D × M, or 1): :class:`SlotSums` built for one use."""
        return SlotSums(self, values, review_weights)(multiplicity)

    def slot_totals(self, weights: FloatArray) -> FloatArray:
        """(D, M) the juror totals ``T`` of :meth:`totals` (one weight vector ``(C,)``) in the
        slot layout, 0 in padding slots."""
        unit = (self.slot_scores - self.low) / self.span
        totals: FloatArray = np.where(
            self.slot_present, 100.0 * (unit @ weights) / weights.sum(), 0.0
        )
        return totals

    def dossier_reviews(self, dossier: int) -> IntArray:
        """(k,) the counted reviews of the dossier, in juror order."""
        reviews: IntArray = self.slot_review[dossier, self.slot_present[dossier]]
        return reviews

    def dossier_scores(self, dossier: int) -> FloatArray:
        """(k, C) the scores of the dossier's k jurors, in juror order."""
        scores: FloatArray = self.slot_scores[dossier, self.slot_present[dossier]]
        return scores

    def dossier_confidence(self, dossier: int) -> FloatArray:
        """(k,) the weights of the dossier's k reviews in the confidence-weighted mean."""
        confidence: FloatArray = self.slot_confidence[dossier, self.slot_present[dossier]]
        return confidence


class SlotSums:
    """Σ over each dossier's reviews of ``multiplicity[r, juror] · weight · value`` for batches of
    multiplicity rows, with one sparse matrix built once for every batch.

    One sparse product with the (D·(K + 1)) × J matrix of the values that exist: a bootstrap's
    thousand rows cost what the panel holds, not jurors × dossiers × criteria each."""

    def __init__(
        self, panel: Panel, values: FloatArray, review_weights: FloatArray | None = None
    ) -> None:
        from scipy.sparse import csr_array  # only the bootstrap needs it: kept off start-up

        dossiers, _slots, kinds = values.shape
        taken = panel.slot_present
        weights = (
            np.ones(int(taken.sum()), dtype=np.float64)
            if review_weights is None
            else review_weights[taken]
        )
        slot_dossier = np.broadcast_to(np.arange(dossiers)[:, None], taken.shape)[taken]
        self.width = kinds + 1  # the values, then the weight itself
        self.dossiers = dossiers
        entries = np.concatenate([values[taken] * weights[:, None], weights[:, None]], axis=1)
        rows = (slot_dossier[:, None] * self.width + np.arange(self.width)).ravel()
        self.matrix = csr_array(
            (entries.ravel(), (rows, np.repeat(panel.slot_juror[taken], self.width))),
            shape=(dossiers * self.width, panel.present.shape[0]),
        )

    def by_dossier(self, multiplicity: FloatArray) -> FloatArray:
        """(D, K + 1, R) the sums of each value, then of the weights, per dossier: the product's
        own layout (a caller that needs a few (R, D) slices transposes only those)."""
        # Explicit row count: reshape(-1) cannot infer it when there are no dossiers.
        product: FloatArray = np.asarray(self.matrix @ multiplicity.T).reshape(
            self.dossiers, self.width, len(multiplicity)
        )
        return product

    def __call__(self, multiplicity: FloatArray) -> tuple[FloatArray, FloatArray]:
        """(R, D, K) the sums of the values and (R, D) the sums of the weights."""
        sums = np.ascontiguousarray(self.by_dossier(multiplicity).transpose(2, 0, 1))
        total: FloatArray = sums[..., :-1]
        count: FloatArray = sums[..., -1]
        return total, count


def _slot_reviews(juror: IntArray, dossier: IntArray, dossiers: int) -> IntArray:
    """(D, M) the counted review in each slot, the dossier's jurors in juror order; -1: padding."""
    counts = np.bincount(dossier, minlength=dossiers)
    width = max(int(counts.max(initial=0)), 1)
    slots = np.full((dossiers, width), -1, dtype=np.int64)
    order = np.lexsort((juror, dossier))
    starts = np.cumsum(counts) - counts
    sorted_dossiers = dossier[order]
    slots[sorted_dossiers, np.arange(len(order)) - starts[sorted_dossiers]] = order
    return slots


def resolve_weights(
    ranking_input: RankingInput, overrides: Mapping[str, float] | None
) -> FloatArray:
    """The criteria's weights, with ``overrides`` (criterion code → weight) applied.

    What-if weights may be 0 (leave a criterion out) but not negative; at least one must be > 0.
    """
    weights = {criterion.code: float(criterion.weight) for criterion in ranking_input.criteria}
    for code, weight in (overrides or {}).items():
        if code not in weights:
            raise NotFound(UNKNOWN_CRITERION, criterion=code)
        weights[code] = float(weight)
    for code, weight in weights.items():
        if not (math.isfinite(weight) and weight >= 0):
            raise InvalidInput(WEIGHT_INVALID, criterion=code, weight=weight)
    if not any(weight > 0 for weight in weights.values()):
        raise InvalidInput(WEIGHTS_ALL_ZERO)
    return np.array(list(weights.values()), dtype=np.float64)
