"""With ``criterion_decimals = N`` the methods with points rank by the rounded points total."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from selection_desk.aggregation import RankingSettings, compute_ranking
from selection_desk.aggregation.rounding import rounded_points_units
from selection_desk.domain import Criterion, Method
from tests.aggregation.panels import by_ref, make_input, order

A = Criterion("A", "A", 1.5, 0, 5, 0.1)
B = Criterion("B", "B", 1.3, 0, 5, 0.1)


def test_the_rounded_points_decide_the_order_hand_worked() -> None:
    # D1: 1.5·0.2 + 1.3·1.1 = 0.30 + 1.43 = 1.73 raw, rounded terms 0.3 + 1.4 = 1.7 points.
    # D2: 1.5·0.7 + 1.3·0.5 = 1.05 + 0.65 = 1.70 raw, rounded terms 1.1 + 0.7 = 1.8 points.
    # The 0–100 score prefers D1 (12.36 > 12.14); the published rule ranks D2 first.
    scores = {("J1", "D1"): (0.2, 1.1), ("J1", "D2"): (0.7, 0.5)}
    ranking = compute_ranking(
        make_input(scores, criteria=(A, B), settings=RankingSettings(criterion_decimals=1))
    )
    assert order(ranking) == [(1, "D2"), (2, "D1")]
    entries = by_ref(ranking)
    assert entries["D2"].points == 1.8 and entries["D1"].points == 1.7
    assert entries["D1"].score is not None and entries["D2"].score is not None
    assert entries["D1"].score > entries["D2"].score  # the score alone would have said otherwise


def test_equal_rounded_points_tie_although_the_raw_sums_differ() -> None:
    # D1: 1.5·0.3 = 0.45 → 0.5, 1.3·0.1 = 0.13 → 0.1: 0.6 points (raw 0.58).
    # D2: 1.5·0.4 = 0.6 → 0.6, 1.3·0.0 = 0 → 0.0: 0.6 points (raw 0.60).
    scores = {("J1", "D1"): (0.3, 0.1), ("J1", "D2"): (0.4, 0.0)}
    ranking = compute_ranking(
        make_input(scores, criteria=(A, B), settings=RankingSettings(criterion_decimals=1))
    )
    assert order(ranking) == [(1, "D1"), (1, "D2")]
    assert all(entry.tied and entry.points == 0.6 for entry in ranking.entries)
    untouched = compute_ranking(make_input(scores, criteria=(A, B)))
    assert order(untouched) == [(1, "D2"), (2, "D1")]  # without rounding the raw sums decide


def test_rounding_is_half_up_on_exact_halves_and_away_from_zero() -> None:
    # 1.5 · 0.25 = 0.375 → 0.38 (half-up), 1.5 · -0.25 = -0.375 → -0.38.
    units = rounded_points_units(np.array([[[0.25], [-0.25], [np.nan]]]), np.array([[1.5]]), 2)
    assert units[0, :2].tolist() == [38.0, -38.0] and np.isnan(units[0, 2])
    # a weight that prints with many decimals goes through exact (Python) integers
    third = rounded_points_units(np.array([[[3.0]]]), np.array([[1 / 3]]), 1)
    assert third.tolist() == [[10.0]]


def _decimal_mean(values: list[float], decimals: int, trimmed: bool) -> Decimal:
    exact = sorted(Decimal(repr(v)) for v in values)
    if trimmed and len(exact) >= 3:
        exact = exact[1:-1]
    quantum = Decimal(1).scaleb(-decimals)
    return (sum(exact) / len(exact)).quantize(quantum, rounding=ROUND_HALF_UP)


@settings(max_examples=150, deadline=None)
@given(
    data=st.data(),
    decimals=st.integers(min_value=0, max_value=2),
    trimmed=st.booleans(),
    weights=st.lists(
        st.integers(min_value=1, max_value=40).map(lambda tenth: tenth / 10), min_size=1,
        max_size=3,
    ),
    jurors=st.integers(min_value=1, max_value=4),
    dossiers=st.integers(min_value=2, max_value=7),
)  # fmt: skip
def test_order_agrees_with_the_rounded_points_over_whole_rankings(
    data: st.DataObject,
    decimals: int,
    trimmed: bool,
    weights: list[float],
    jurors: int,
    dossiers: int,
) -> None:
    criteria = tuple(
        Criterion(f"C{i}", f"C{i}", weight, 0, 5, 0.1) for i, weight in enumerate(weights)
    )
    value = st.integers(min_value=0, max_value=50).map(lambda tenth: tenth / 10)
    scores = {
        (f"J{j}", f"D{d}"): tuple(data.draw(value) for _ in criteria)
        for j in range(jurors)
        for d in range(dossiers)
    }
    method = Method.TRIMMED if trimmed else Method.MEAN
    ranking = compute_ranking(
        make_input(
            scores, criteria=criteria, settings=RankingSettings(criterion_decimals=decimals)
        ),
        method=method,
    )
    quantum = Decimal(1).scaleb(-decimals)
    expected: dict[str, Decimal] = {}
    for d in range(dossiers):
        total = Decimal(0)
        for c, criterion in enumerate(criteria):
            mean = _decimal_mean([scores[f"J{j}", f"D{d}"][c] for j in range(jurors)], decimals,
                                 trimmed)  # fmt: skip
            term = Decimal(repr(criterion.weight)) * mean
            total += term.quantize(quantum, rounding=ROUND_HALF_UP)
        expected[f"D{d}"] = total
    entries = by_ref(ranking)
    for ref, total in expected.items():
        assert entries[ref].points == float(total)
    for first in entries.values():
        for second in entries.values():
            if expected[first.ref] > expected[second.ref]:
                assert first.rank < second.rank
            elif expected[first.ref] == expected[second.ref]:
                assert first.rank == second.rank
