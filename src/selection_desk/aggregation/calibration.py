"""How each juror scores compared with the rest of the panel (severe or lenient).

A juror's deviation on a dossier is their total minus the panel's mean total of that dossier (the
mean over every juror who counted for it, the juror included); the calibration reports its mean
over the juror's dossiers: negative = severe, positive = lenient.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from selection_desk.aggregation.inputs import RankingInput
from selection_desk.aggregation.numerics import FloatArray, IntArray, optional_floats, safe_divide
from selection_desk.aggregation.panel import Panel, resolve_weights


@dataclass(frozen=True)
class JurorCalibration:
    juror: str
    dossiers: int
    """How many of the juror's reviews counted."""
    mean_total: float | None
    """Mean of the juror's totals T (0–100); ``None`` without a counted review."""
    spread: float | None
    """Sample standard deviation of the juror's totals; ``None`` with fewer than 2."""
    mean_deviation: float | None
    """Mean of (juror's total − panel's mean total) over the juror's dossiers."""


def juror_calibration(
    ranking_input: RankingInput, *, weights: Mapping[str, float] | None = None
) -> tuple[JurorCalibration, ...]:
    """One calibration per juror of the campaign, in the jurors' order.

    Summed over the counted reviews (one value each), never over a juror × dossier matrix: on
    50,000 dossiers and 300 jurors each such matrix took 120 MB, and the sums took six."""
    panel = Panel.from_input(ranking_input)
    totals = panel.review_totals(resolve_weights(ranking_input, weights)[None])[0]
    juror, dossier = panel.review_juror, panel.review_dossier
    jurors, dossiers = panel.present.shape
    count = np.bincount(juror, minlength=jurors)
    counted = count.astype(np.float64)
    mean_total = safe_divide(_sum_by(juror, totals, jurors), counted)
    panel_mean = safe_divide(
        _sum_by(dossier, totals, dossiers),
        np.bincount(dossier, minlength=dossiers).astype(np.float64),
    )
    deviations = _sum_by(juror, totals - panel_mean[dossier], jurors)
    mean_deviation = safe_divide(deviations, counted)
    squares = _sum_by(juror, np.square(totals - mean_total[juror]), jurors)
    variance = safe_divide(squares, counted - 1.0)
    spread = np.where(count >= 2, np.sqrt(np.maximum(variance, 0.0)), np.nan)
    return tuple(
        JurorCalibration(juror, n, mean, sd, deviation)
        for juror, n, mean, sd, deviation in zip(
            ranking_input.jurors,
            count.tolist(),
            optional_floats(mean_total),
            optional_floats(spread),
            optional_floats(mean_deviation),
            strict=True,
        )
    )


def _sum_by(index: IntArray, values: FloatArray, size: int) -> FloatArray:
    """(size,) the sum of ``values`` per ``index``."""
    sums: FloatArray = np.bincount(index, values, minlength=size).astype(np.float64)
    return sums
