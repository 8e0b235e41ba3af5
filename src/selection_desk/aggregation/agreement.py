"""Krippendorff's alpha for interval data, with missing values.

Krippendorff, K. (2011). *Computing Krippendorff's Alpha-Reliability*. Only *pairable* values count:
those of units (dossiers) that at least two coders (jurors) valued; ``n`` is their number. With the
interval metric ``δ²(a, b) = (a − b)²``::

    D_o = 1/n · Σ_u 1/(m_u − 1) · Σ_{i≠j in u} (v_i − v_j)²
    D_e = 1/(n (n − 1)) · Σ_{i≠j over all pairable values} (v_i − v_j)²
    α   = 1 − D_o / D_e

Because ``Σ_{i≠j} (v_i − v_j)² = 2 m Σ_i (v_i − v̄)²`` for m values, both sums are computed from
centred sums of squares, in one vectorised pass and without cancellation.
"""

from __future__ import annotations

import numpy as np

from selection_desk.aggregation.numerics import EQUAL_TOLERANCE, FloatArray, safe_divide


def krippendorff_alpha_interval(values: FloatArray) -> float | None:
    """α of a ``(coders, units)`` matrix (NaN: missing); ``None`` when undefined (fewer than two
    pairable values, or all pairable values equal within the tolerance: nothing to agree on)."""
    present = ~np.isnan(values)
    per_unit = present.sum(axis=0)
    pairable = per_unit >= 2
    present = present & pairable
    filled = np.where(present, values, 0.0)
    count = int(present.sum())
    if count < 2:
        return None
    unit_mean = safe_divide(filled.sum(axis=0), per_unit.astype(np.float64))
    within = np.where(present, values - unit_mean, 0.0)
    unit_squares = (within**2).sum(axis=0)
    observed = safe_divide(per_unit * unit_squares, per_unit - 1.0, empty=0.0).sum()
    overall = np.where(present, values - filled.sum() / count, 0.0)
    total_squares = float((overall**2).sum())
    if total_squares <= count * EQUAL_TOLERANCE**2:
        return None
    return float(1.0 - (count - 1) * observed / (count * total_squares))
