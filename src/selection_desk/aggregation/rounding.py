"""Half-up decimal rounding of criterion aggregates (design §5, ``criterion_decimals``).

Published competition rules round "half up" on the decimal number a person reads: 2.675 → 2.68.
Binary floats cannot hold 2.675 (the float is 2.67499999999999982…), so ``round(2.675, 2)`` gives
2.67, and a mean computed in floating point can land a hair on either side of a half-way point.
The rule implemented here is the one of ``Decimal(repr(x)).quantize(…, ROUND_HALF_UP)`` made robust
to that arithmetic noise: a value within 1e-9 of a unit of the last kept decimal from a half-way
point *is* half-way and rounds away from zero. For every value written with at most N + 6 decimals
the result is exactly the ``decimal`` one (tested); it is vectorised, so that the bootstrap can
round millions of aggregates.
"""

from __future__ import annotations

import numpy as np

from selection_desk.aggregation.numerics import EQUAL_TOLERANCE, FloatArray

MAX_DECIMALS = 10
_RELATIVE_NOISE = 1e-14
"""Floating-point noise relative to the magnitude of the scaled value (a few ulps of a sum)."""


def round_half_up(values: FloatArray, decimals: int) -> FloatArray:
    """Round every element half-up (away from zero) to ``decimals`` decimals; NaN stays NaN."""
    if not 0 <= decimals <= MAX_DECIMALS:
        raise ValueError(f"decimals must be within 0..{MAX_DECIMALS}, got {decimals}")
    scale = 10.0**decimals
    magnitude = np.abs(values) * scale
    whole = np.floor(magnitude)
    slack = np.maximum(EQUAL_TOLERANCE, magnitude * _RELATIVE_NOISE)
    rounds_up = (magnitude - whole) >= 0.5 - slack
    rounded = (whole + rounds_up) / scale
    # ``+ 0.0`` turns the −0.0 of a small negative value rounded to zero into 0.0.
    result: FloatArray = np.copysign(rounded, values) + 0.0
    return result


def round_if_asked(values: FloatArray, decimals: int | None) -> FloatArray:
    """``values`` rounded half-up to ``decimals`` decimals; unchanged when ``decimals`` is None."""
    return values if decimals is None else round_half_up(values, decimals)
