"""Numeric conventions shared by the whole aggregation engine.

Every comparison of computed quantities (juror totals, aggregates, criterion means) goes through one
tolerance: totals reached by different sums of the same scores differ in the last binary digits, and
a committee must not see two equal dossiers ranked apart because of that noise.
"""

from __future__ import annotations

from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

EQUAL_TOLERANCE = 1e-9
"""Two computed values closer than this are equal (design §5: "equal A (to 1e-9)")."""


def safe_divide(
    numerator: FloatArray, denominator: FloatArray, empty: float = np.nan
) -> FloatArray:
    """``numerator / denominator`` with ``empty`` where the denominator is 0 (and no warning)."""
    numerator, denominator = np.broadcast_arrays(numerator, denominator)
    result = np.full(numerator.shape, empty, dtype=np.float64)
    np.divide(numerator, denominator, out=result, where=denominator != 0)
    return result


ScalarT = TypeVar("ScalarT", bound=np.generic)


def read_only(array: npt.ArrayLike, dtype: type[ScalarT]) -> npt.NDArray[ScalarT]:
    """A contiguous private copy that nobody can modify, so that frozen inputs stay frozen."""
    copy: npt.NDArray[ScalarT] = np.array(array, dtype=dtype, copy=True, order="C")
    copy.setflags(write=False)
    return copy


def sample_std(values: FloatArray, present: BoolArray, axis: int) -> FloatArray:
    """Sample standard deviation (n − 1) of the present values along ``axis``; NaN when n < 2."""
    count = present.sum(axis=axis)
    filled = np.where(present, values, 0.0)
    mean = safe_divide(filled.sum(axis=axis), count.astype(np.float64))
    # Absent values are 0 in ``filled``; multiplying by ``present`` zeroes their deviation.
    deviations = (filled - np.expand_dims(mean, axis)) * present
    variance = safe_divide(np.square(deviations).sum(axis=axis), count - 1.0)
    return np.where(count >= 2, np.sqrt(np.maximum(variance, 0.0)), np.nan)


def optional_floats(values: FloatArray) -> list[Any]:
    """The values as a (nested) list of Python floats, ``None`` where NaN."""
    converted = values.astype(object)
    converted[np.isnan(values)] = None
    result: list[Any] = converted.tolist()
    return result
