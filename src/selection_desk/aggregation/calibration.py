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
from selection_desk.aggregation.numerics import optional_floats, safe_divide, sample_std
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
    """One calibration per juror of the campaign, in the jurors' order."""
    panel = Panel.from_input(ranking_input)
    totals = panel.totals(resolve_weights(ranking_input, weights)[None])[0]
    present = panel.present
    filled = np.where(present, totals, 0.0)
    count = present.sum(axis=1)
    mean_total = safe_divide(filled.sum(axis=1), count.astype(np.float64))
    panel_mean = safe_divide(filled.sum(axis=0), present.sum(axis=0).astype(np.float64))
    deviations = np.where(present, totals - panel_mean, 0.0).sum(axis=1)
    mean_deviation = safe_divide(deviations, count.astype(np.float64))
    spread = sample_std(totals, present, axis=1)
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
