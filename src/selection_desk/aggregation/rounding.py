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

from decimal import Decimal
from typing import Any

import numpy as np
import numpy.typing as npt

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


def _decimal_weight(weight: float) -> tuple[int, int]:
    """``weight`` as the decimal number its shortest repr shows: ``(digits, q)`` with
    ``weight == digits / 10**q`` exactly (``1.5`` → ``(15, 1)``, ``100.0`` → ``(100, 0)``)."""
    sign, digit_tuple, exponent = Decimal(repr(float(weight))).as_tuple()
    if not isinstance(exponent, int):
        raise ValueError(f"weight must be finite, got {weight}")
    digits = int("".join(map(str, digit_tuple)) or "0") * (-1 if sign else 1)
    if exponent >= 0:
        return digits * 10**exponent, 0
    return digits, -exponent


def rounded_points_units(aggregates: FloatArray, weights: FloatArray, decimals: int) -> FloatArray:
    """The rounded points total ``Σ_c round_half_up(w_c·m_c, N)`` in units of ``10**-N``.

    ``aggregates`` (R, D, C) are criterion aggregates already rounded to N decimals (NaN: none);
    ``weights`` (R or 1, C). Each ``m_c`` is read as the N-decimal number ``k_c / 10**N`` and each
    weight as the decimal number it prints as (``Decimal(repr(w))``); the product and its half-up
    rounding (away from zero on exact halves, as :data:`decimal.ROUND_HALF_UP`) are then done in
    integer arithmetic, so the result is exactly ``decimal``'s, with no float tolerance. The
    totals are whole numbers (exact in float64 below 2**53) so that equal rounded totals compare
    equal; NaN where any aggregate is NaN.
    """
    missing = np.isnan(aggregates).any(axis=-1)
    units = np.rint(np.where(np.isnan(aggregates), 0.0, aggregates) * 10.0**decimals)
    parsed = [[_decimal_weight(value) for value in row] for row in np.atleast_2d(weights).tolist()]
    digits = [[d for d, _q in row] for row in parsed]
    largest_digit = max((abs(d) for row in digits for d in row), default=0)
    largest_unit = float(np.abs(units).max(initial=0.0))
    exact_in_int64 = largest_digit * largest_unit < 2**62
    dtype: type = np.int64 if exact_in_int64 else object
    k: npt.NDArray[Any] = units.astype(np.int64).astype(dtype)
    weight_digits: npt.NDArray[Any] = np.array(digits, dtype=dtype)[:, None, :]
    divisors: npt.NDArray[Any] = np.array(
        [[10**q for _d, q in row] for row in parsed], dtype=dtype
    )[:, None, :]
    products = k * weight_digits
    magnitude = (abs(products) + divisors // 2) // divisors  # half-up: q ≥ 1 makes 10**q even
    terms = np.where(products < 0, -magnitude, magnitude)
    terms = np.where(divisors == 1, products, terms)
    totals = terms.sum(axis=-1).astype(np.float64)
    result: FloatArray = np.where(missing, np.nan, totals)
    return result
