"""The counted scores laid out for vectorised aggregation, and the juror totals of design §5.

Two layouts serve every method:

* juror × dossier (``present[j, d]``, ``scores[j, d, c]``, 0 where absent): weighted sums over
  jurors become one matrix product, whatever the number of resamples or what-if weight vectors;
* dossier × slot (``slot_juror[d, m]``, the jurors of dossier ``d`` in juror order, padded): order
  statistics per dossier (median, trimmed mean) sort a few slots instead of every juror.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

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
    """Arrays derived once from a :class:`RankingInput` (J jurors, D dossiers, C criteria)."""

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
    scores: FloatArray
    """(J, D, C) the scores, 0 where absent."""
    confidence: FloatArray
    """(J, D) weight of each review in the confidence-weighted mean, 0 where absent."""

    # The dossier × slot layout is built on first use: only the order statistics (median,
    # trimmed mean, rank-based methods) need it, and it costs a third of the panel.
    @cached_property
    def _slot_layout(self) -> tuple[IntArray, BoolArray]:
        return _slots(self.present)

    @property
    def slot_juror(self) -> IntArray:
        """(D, M) the jurors of each dossier in juror order; padding slots hold juror 0."""
        return self._slot_layout[0]

    @property
    def slot_present(self) -> BoolArray:
        """(D, M) the slot holds a juror."""
        return self._slot_layout[1]

    @cached_property
    def slot_scores(self) -> FloatArray:
        """(D, M, C) the scores in the dossier × slot layout, 0 in padding slots."""
        if self.present.shape[0] == 0:  # no juror: nothing to gather
            return np.zeros((*self.slot_juror.shape, len(self.codes)), dtype=np.float64)
        dossiers = np.arange(self.present.shape[1])[:, None]
        gathered: FloatArray = np.where(
            self.slot_present[..., None], self.scores[self.slot_juror, dossiers], 0.0
        )
        return gathered

    @classmethod
    def from_input(cls, ranking_input: RankingInput) -> Panel:
        criteria = ranking_input.criteria
        low = np.array([criterion.scale_min for criterion in criteria], dtype=np.float64)
        high = np.array([criterion.scale_max for criterion in criteria], dtype=np.float64)
        thresholds = np.array(
            [math.nan if c.threshold is None else c.threshold for c in criteria], dtype=np.float64
        )
        shape = (len(ranking_input.jurors), len(ranking_input.dossiers))
        juror, dossier = ranking_input.review_juror, ranking_input.review_dossier
        present = np.zeros(shape, dtype=np.bool_)
        present[juror, dossier] = True
        scores = np.zeros((*shape, len(criteria)), dtype=np.float64)
        scores[juror, dossier] = ranking_input.values
        unit = (ranking_input.values - low) / (high - low)
        confidence = np.zeros(shape, dtype=np.float64)
        given = ranking_input.confidence
        confidence[juror, dossier] = np.where(np.isnan(given), CONFIDENCE_NOT_GIVEN, given)
        return cls(
            codes=tuple(criterion.code for criterion in criteria),
            low=low,
            span=high - low,
            thresholds=thresholds,
            review_juror=juror,
            review_dossier=dossier,
            review_unit=unit,
            present=present,
            scores=scores,
            confidence=confidence,
        )

    def totals(self, weights: FloatArray) -> FloatArray:
        """(W, J, D) juror totals ``T = 100·Σ w·u / Σ w`` for each weight row, NaN where absent."""
        per_review = 100.0 * (self.review_unit @ weights.T) / weights.sum(axis=1)
        totals = np.full((weights.shape[0], *self.present.shape), np.nan)
        totals[:, self.review_juror, self.review_dossier] = per_review.T
        return totals

    def slot_values(self, per_juror: FloatArray) -> FloatArray:
        """Gather ``(..., J, D)`` values into the dossier × slot layout ``(..., D, M)``."""
        if per_juror.shape[-2] == 0:  # no juror: every slot is padding
            return np.zeros((*per_juror.shape[:-2], *self.slot_juror.shape), dtype=np.float64)
        dossiers = np.arange(self.slot_juror.shape[0])[:, None]
        gathered: FloatArray = per_juror[..., self.slot_juror, dossiers]
        return gathered


def _slots(present: BoolArray) -> tuple[IntArray, BoolArray]:
    per_dossier = present.T
    counts = per_dossier.sum(axis=1)
    width = max(int(counts.max(initial=0)), 1)
    if per_dossier.shape[1] == 0:  # no juror at all: one empty slot per dossier
        return np.zeros((per_dossier.shape[0], 1), dtype=np.int64), np.zeros(
            (per_dossier.shape[0], 1), dtype=np.bool_
        )
    jurors_first = np.argsort(~per_dossier, axis=1, kind="stable")[:, :width]
    slot_present = np.arange(width) < counts[:, None]
    slot_juror: IntArray = np.where(slot_present, jurors_first, 0).astype(np.int64)
    return slot_juror, slot_present


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
