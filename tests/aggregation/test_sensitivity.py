"""How far a weight can move before the selection changes."""

from __future__ import annotations

import pytest

from selection_desk.aggregation import RankingInput, WeightChange, weight_sensitivity
from selection_desk.aggregation.sensitivity import Sensitivity
from selection_desk.domain import Criterion, Method
from tests.aggregation.panels import make_input

A = Criterion("A", "Idea", 1.0, 0, 10, 1)
B = Criterion("B", "Team", 1.0, 0, 10, 1)
C = Criterion("C", "Impact", 1.0, 0, 10, 1)


def panel() -> dict[tuple[str, str], tuple[float, float, float]]:
    # One place. D1: 100·(w_A·1.0)/Σw; D2: 100·(w_B·0.9)/Σw; both give C the same 5.
    return {("J1", "D1"): (10, 0, 5), ("J1", "D2"): (0, 9, 5)}


def test_smallest_weight_changes_that_change_the_selection() -> None:
    result = weight_sensitivity(make_input(panel(), criteria=(A, B, C)))
    # B up: D2 passes D1 when 0.9·w_B > 1, i.e. w_B > 1.1111: the 1 % grid sees it at +12 %, the
    # bisection narrows it to +11.1 % (within 0.01 % above the exact 1/0.9 − 1 = 11.11 %).
    increase = result["B"].increase
    assert increase is not None
    exact = 1 / 0.9 - 1
    assert exact < increase.relative_change <= exact + 0.0001
    assert f"{100 * increase.relative_change:+.1f} %" == "+11.1 %"
    assert increase.weight == pytest.approx(1 + increase.relative_change)
    assert (increase.entering, increase.leaving) == (("D2",), ("D1",))
    assert result["B"].decrease is None
    # A down: at −10 % D1 equals D2 (0.9 = 0.9): the tie puts both at rank 1 — the set changes.
    assert result["A"].decrease == WeightChange(-0.1, 0.9, entering=("D2",), leaving=())
    assert result["A"].increase is None
    assert result["A"].smallest == result["A"].decrease
    # C weighs the same for both: no change within ±50 %.
    assert result["C"] == Sensitivity("C", 1.0, None, None)
    assert result["C"].smallest is None


def test_the_smaller_of_the_two_directions_is_the_smallest() -> None:
    up = WeightChange(0.05, 1.05, (), ())
    down = WeightChange(-0.05, 0.95, (), ())
    assert Sensitivity("X", 1.0, up, WeightChange(-0.2, 0.8, (), ())).smallest is up
    assert Sensitivity("X", 1.0, up, down).smallest is down


def test_sensitivity_follows_method_places_weights_and_limit() -> None:
    ranking_input = make_input(panel(), criteria=(A, B, C))
    assert weight_sensitivity(ranking_input, limit=0.1)["B"].increase is None
    two_places = weight_sensitivity(ranking_input, places=2)  # both always selected
    assert all(s.smallest is None for s in two_places.values())
    shifted = weight_sensitivity(ranking_input, weights={"B": 1.1})["B"]  # 0.99 vs 1 already
    assert shifted.weight == 1.1 and shifted.increase is not None
    # 0.9·1.1·(1 + r) > 1 from r > 1/0.99 − 1 = 1.0101 %
    assert 1 / 0.99 - 1 < shifted.increase.relative_change <= 1 / 0.99 - 1 + 0.0001
    assert shifted.increase.weight == pytest.approx(1.1 * (1 + shifted.increase.relative_change))
    by_median = weight_sensitivity(ranking_input, method=Method.MEDIAN)  # one juror: same answer
    assert by_median["B"].increase == result_b_increase(ranking_input)
    coarse = weight_sensitivity(ranking_input, precision=0.01)["B"].increase  # grid only
    assert coarse == WeightChange(0.12, 1.12, ("D2",), ("D1",))


def result_b_increase(ranking_input: RankingInput) -> WeightChange | None:
    return weight_sensitivity(ranking_input)["B"].increase


def test_a_coarser_grid_still_bisects_to_the_boundary() -> None:
    # The 5 % grid first sees the change at +15 %; the bisection brings it back to +11.11 %.
    result = weight_sensitivity(make_input(panel(), criteria=(A, B, C)), step=0.05)
    increase = result["B"].increase
    assert increase is not None and 1 / 0.9 - 1 < increase.relative_change <= 1 / 0.9 - 1 + 1e-4
    with pytest.raises(ValueError, match="precision"):
        weight_sensitivity(make_input(panel(), criteria=(A, B, C)), precision=0.02)


@pytest.mark.parametrize("method", list(Method))
def test_every_method_can_be_probed(method: Method) -> None:
    result = weight_sensitivity(make_input(panel(), criteria=(A, B, C)), method=method)
    assert set(result) == {"A", "B", "C"}


@pytest.mark.parametrize(("limit", "step"), [(0.5, 0.0), (0.5, 0.6), (1.0, 0.1)])
def test_unusable_grids_are_refused(limit: float, step: float) -> None:
    with pytest.raises(ValueError, match="step"):
        weight_sensitivity(make_input(panel(), criteria=(A, B, C)), limit=limit, step=step)
