"""Half-up rounding as published competition rules do it, on the decimal number a person reads."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from selection_desk.aggregation import round_half_up


def decimal_half_up(value: float, decimals: int) -> float:
    exponent = Decimal(1).scaleb(-decimals)
    return float(Decimal(repr(value)).quantize(exponent, rounding=ROUND_HALF_UP))


def test_classic_binary_traps_round_up() -> None:
    assert round(2.675, 2) == 2.67  # what Python's round does to the float 2.67499999…
    values = np.array([2.675, 1.005, 0.125, 2.5, 0.5, 1.45])
    assert round_half_up(values, 2).tolist() == [2.68, 1.01, 0.13, 2.5, 0.5, 1.45]
    assert round_half_up(values, 1).tolist() == [2.7, 1.0, 0.1, 2.5, 0.5, 1.5]
    assert round_half_up(values, 0).tolist() == [3.0, 1.0, 0.0, 3.0, 1.0, 1.0]


def test_negative_values_round_away_from_zero_and_nan_stays() -> None:
    result = round_half_up(np.array([-2.675, -0.004, np.nan, 0.0]), 2)
    assert result[0] == -2.68
    assert result[1] == 0.0 and not np.signbit(result[1])  # no "−0.00"
    assert np.isnan(result[2]) and result[3] == 0.0


def test_means_that_float_arithmetic_lands_below_the_half_still_round_up() -> None:
    # (2.15 + 5.8)/2 = 3.975 exactly in decimals; in binary the mean is 3.9749999999999996, which
    # Decimal(repr(mean)) would round down to 3.97.
    mean = float(np.mean([2.15, 5.8]))
    assert repr(mean) == "3.9749999999999996" and decimal_half_up(mean, 2) == 3.97
    assert round_half_up(np.array([mean]), 2)[0] == 3.98
    # 3 × 0.335 = 1.005 exactly; the float product is 1.0050000000000001 or 1.0049999999999999.
    assert round_half_up(np.array([3 * 0.335, 0.335 * 3]), 2).tolist() == [1.01, 1.01]


@settings(max_examples=300, deadline=None)
@given(
    digits=st.integers(min_value=-(10**9), max_value=10**9),
    places=st.integers(min_value=0, max_value=6),
    decimals=st.integers(min_value=0, max_value=4),
)
def test_agrees_with_decimal_on_numbers_with_a_few_more_decimals(
    digits: int, places: int, decimals: int
) -> None:
    value = float(Decimal(digits).scaleb(-(decimals + places)))
    assert round_half_up(np.array([value]), decimals)[0] == decimal_half_up(value, decimals)


@pytest.mark.parametrize("decimals", [-1, 11])
def test_unreasonable_decimals_are_refused(decimals: int) -> None:
    with pytest.raises(ValueError, match="decimals"):
        round_half_up(np.array([1.0]), decimals)
