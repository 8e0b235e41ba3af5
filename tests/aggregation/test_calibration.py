"""Severe and lenient jurors."""

from __future__ import annotations

import math

import pytest

from selection_desk.aggregation import JurorCalibration, juror_calibration
from tests.aggregation.panels import make_input


def test_each_juror_against_the_panel_mean_of_the_same_dossiers() -> None:
    scores = {
        ("J1", "D1"): (8,), ("J1", "D2"): (6,),  # totals 80, 60
        ("J2", "D1"): (6,), ("J2", "D2"): (4,),  # totals 60, 40
        ("J3", "D3"): (5,),  # alone on D3: no deviation from itself
    }  # fmt: skip
    # Panel means: D1 70, D2 50, D3 50. J1 deviates +10 on both, J2 −10.
    result = juror_calibration(make_input(scores, jurors=["J1", "J2", "J3", "J4"]))
    assert result[0] == JurorCalibration("J1", 2, 70.0, result[0].spread, 10.0)
    assert result[1] == JurorCalibration("J2", 2, 50.0, result[1].spread, -10.0)
    assert result[0].spread == result[1].spread == pytest.approx(math.sqrt(200))  # (80, 60)
    assert result[2] == JurorCalibration("J3", 1, 50.0, None, 0.0)
    assert result[3] == JurorCalibration("J4", 0, None, None, None)


def test_calibration_follows_what_if_weights() -> None:
    from selection_desk.domain import Criterion

    x = Criterion("X", "X", 1.0, 0, 10, 1)
    y = Criterion("Y", "Y", 1.0, 0, 10, 1)
    scores = {("J1", "D1"): (10, 0), ("J2", "D1"): (0, 10)}
    assert juror_calibration(make_input(scores, criteria=(x, y)))[0].mean_deviation == 0.0
    weighted = juror_calibration(make_input(scores, criteria=(x, y)), weights={"X": 3.0})
    assert [c.mean_total for c in weighted] == [75.0, 25.0]
    assert [c.mean_deviation for c in weighted] == [25.0, -25.0]
