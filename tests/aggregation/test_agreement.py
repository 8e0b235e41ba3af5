"""Krippendorff's alpha (interval) against published worked examples."""

from __future__ import annotations

import numpy as np
import pytest

from selection_desk.aggregation import compute_ranking, krippendorff_alpha_interval
from tests.aggregation.panels import make_input

n = np.nan


def test_krippendorff_2011_four_observers_twelve_units() -> None:
    """Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: interval
    alpha = 0.849 (unit 12, valued by one observer only, is not pairable)."""
    data = np.array([
        [1, 2, 3, 3, 2, 1, 4, 1, 2, n, n, n],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, n, 3],
        [n, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, n],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, n],
    ])  # fmt: skip
    assert krippendorff_alpha_interval(data) == pytest.approx(0.849, abs=5e-4)


def test_three_coders_fifteen_units_with_missing_values() -> None:
    """The worked example of the Wikipedia article (and of the ``krippendorff`` package's tests):
    interval alpha = 0.810845."""
    data = np.array([
        [n, n, n, n, n, 3, 4, 1, 2, 1, 1, 3, 3, n, 3],
        [1, n, 2, 1, 3, 3, 4, 3, n, n, n, n, n, n, n],
        [n, n, 2, 1, 3, 4, 4, n, 2, 1, 1, 3, 3, n, 4],
    ])  # fmt: skip
    assert krippendorff_alpha_interval(data) == pytest.approx(0.810845, abs=5e-7)


def test_perfect_agreement_is_one_and_undefined_cases_are_none() -> None:
    assert krippendorff_alpha_interval(np.array([[1.0, 2, 3], [1, 2, 3]])) == 1.0
    assert krippendorff_alpha_interval(np.array([[1.0, n], [n, 2]])) is None  # nothing pairable
    assert krippendorff_alpha_interval(np.array([[3.0, 3], [3, 3]])) is None  # no variation
    assert krippendorff_alpha_interval(np.empty((0, 0))) is None


def test_ranking_reports_alpha_on_juror_totals() -> None:
    scores = {("J1", "D1"): (8,), ("J2", "D1"): (8,), ("J1", "D2"): (3,), ("J2", "D2"): (3,)}
    assert compute_ranking(make_input(scores)).agreement == 1.0
    disagreeing = {("J1", "D1"): (8,), ("J2", "D1"): (3,), ("J1", "D2"): (3,), ("J2", "D2"): (8,)}
    agreement = compute_ranking(make_input(disagreeing)).agreement
    assert agreement is not None and agreement < 0
