"""Rules shared by every method: ties, tie-break, elimination, cut-off, rounding, weights."""

from __future__ import annotations

import math

import pytest

from selection_desk.aggregation import RankingSettings, compute_ranking
from selection_desk.domain import Criterion, Method
from selection_desk.errors import InvalidInput, NotFound
from tests.aggregation.panels import QUALITY, by_ref, make_input, order

X = Criterion("X", "Idea", 1.0, 0, 10, 1)
Y = Criterion("Y", "Team", 1.0, 0, 10, 1)


def tied_panel() -> dict[tuple[str, str], tuple[float, float]]:
    # Every total is 50: D1 (6, 4), D2 (4, 6), D3 (5, 5), D4 (6, 4).
    return {("J1", "D1"): (6, 4), ("J1", "D2"): (4, 6), ("J1", "D3"): (5, 5), ("J1", "D4"): (6, 4)}


def test_equal_scores_share_a_rank_and_are_listed_by_ref() -> None:
    ranking = compute_ranking(
        make_input(tied_panel(), criteria=(X, Y), dossiers=["D4", "D3", "D2", "D1"])
    )
    assert order(ranking) == [(1, "D1"), (1, "D2"), (1, "D3"), (1, "D4")]
    assert all(entry.tied and entry.tie_broken_by is None for entry in ranking.entries)
    # A tie at the cut-off keeps everyone tied above it: the committee decides, not the order.
    assert all(entry.above_cutoff for entry in ranking.entries)


def test_tie_break_criterion_orders_equal_scores_and_keeps_true_ties() -> None:
    settings = RankingSettings(tie_break="X", places=1)
    ranking = compute_ranking(make_input(tied_panel(), criteria=(X, Y), settings=settings))
    # Means on X: D1 6, D4 6, D3 5, D2 4.
    assert order(ranking) == [(1, "D1"), (1, "D4"), (3, "D3"), (4, "D2")]
    entries = by_ref(ranking)
    assert entries["D1"].tied and entries["D4"].tied
    assert not entries["D3"].tied and not entries["D2"].tied
    assert all(entry.tie_broken_by == "X" for entry in ranking.entries)
    assert [entry.ref for entry in ranking.selected] == ["D1", "D4"]


def test_tie_break_only_applies_to_equal_scores() -> None:
    scores = {("J1", "D1"): (9, 1), ("J1", "D2"): (2, 2)}  # totals 50 and 20
    ranking = compute_ranking(make_input(scores, criteria=(X, Y),
                                         settings=RankingSettings(tie_break="Y")))  # fmt: skip
    assert order(ranking) == [(1, "D1"), (2, "D2")]
    assert all(entry.tie_broken_by is None for entry in ranking.entries)


def test_scores_equal_up_to_float_noise_are_equal() -> None:
    a = Criterion("A", "A", 0.1, 0, 1, 0.1)
    b = Criterion("B", "B", 0.2, 0, 1, 0.1)
    # 0.1·0.3 + 0.2·0.1 and 0.1·0.1 + 0.2·0.2 are both 0.05, but not in binary floating point.
    scores = {("J1", "D1"): (0.3, 0.1), ("J1", "D2"): (0.1, 0.2)}
    ranking = compute_ranking(make_input(scores, criteria=(a, b)))
    assert order(ranking) == [(1, "D1"), (1, "D2")]


def test_dossier_below_a_threshold_is_eliminated_and_listed_last() -> None:
    team = Criterion("T", "Team", 1.0, 0, 10, 1, threshold=5.0)
    idea = Criterion("I", "Idea", 3.0, 0, 10, 1)
    scores = {
        ("J1", "D1"): (4, 10), ("J2", "D1"): (5, 10),  # team mean 4.5 < 5: eliminated, total 96+
        ("J1", "D2"): (5, 5), ("J2", "D2"): (5, 5),  # team mean exactly 5: not below
        ("J1", "D3"): (8, 3), ("J2", "D3"): (6, 3),
    }  # fmt: skip
    ranking_input = make_input(scores, criteria=(team, idea), dossiers=["D1", "D2", "D3", "D4"],
                               settings=RankingSettings(places=3))  # fmt: skip
    ranking = compute_ranking(ranking_input)
    assert order(ranking) == [(1, "D2"), (2, "D3"), (3, "D4"), (4, "D1")]
    d1 = by_ref(ranking)["D1"]
    assert d1.eliminated and d1.eliminated_by == ("T",) and not d1.above_cutoff
    assert d1.score is not None and d1.score > by_ref(ranking)["D2"].score  # type: ignore[operator]
    assert [entry.ref for entry in ranking.selected] == ["D2", "D3"]  # D4 has no score


def test_several_eliminated_dossiers_are_ranked_among_themselves() -> None:
    team = Criterion("T", "Team", 1.0, 0, 10, 1, threshold=5.0)
    scores = {("J1", "D1"): (2,), ("J1", "D2"): (4,), ("J1", "D3"): (4,), ("J1", "D4"): (9,)}
    ranking = compute_ranking(make_input(scores, criteria=(team,)))
    assert order(ranking) == [(1, "D4"), (2, "D2"), (2, "D3"), (4, "D1")]
    assert [entry.eliminated for entry in ranking.entries] == [False, True, True, True]


def test_high_spread_is_flagged() -> None:
    scores = {("J1", "D1"): (9,), ("J2", "D1"): (5,), ("J1", "D2"): (6,), ("J2", "D2"): (5,)}
    # Spreads: D1 sqrt(((90 − 70)² + (50 − 70)²)/1) = 28.28 > 15; D2 7.07.
    ranking = compute_ranking(make_input(scores))
    assert by_ref(ranking)["D1"].spread == pytest.approx(math.sqrt(800))
    assert by_ref(ranking)["D1"].flagged and not by_ref(ranking)["D2"].flagged
    strict = compute_ranking(make_input(scores, settings=RankingSettings(spread_threshold=5)))
    assert by_ref(strict)["D2"].flagged


def test_a_single_juror_gives_no_spread() -> None:
    ranking = compute_ranking(make_input({("J1", "D1"): (9,)}))
    assert ranking.entries[0].spread is None and not ranking.entries[0].flagged


def test_rounding_half_up_applies_to_criterion_means_and_weighted_terms() -> None:
    a = Criterion("A", "A", 0.125, 0, 5, 0.05)
    b = Criterion("B", "B", 1.0, 0, 10, 0.01)
    scores = {("J1", "D1"): (2.5, 1.0), ("J2", "D1"): (2.85, 1.01)}
    # Means: A 2.675 (round(2.675, 2) gives 2.67 in Python) → 2.68; B 1.005 → 1.01.
    # Terms: 0.125·2.68 = 0.335 → 0.34; 1·1.01 = 1.01. Points 0.34 + 1.01 = 1.35.
    # Score: 100·(0.125·2.68/5 + 1.01/10)/1.125 = 100·0.168/1.125 = 14.933…
    rounded = compute_ranking(
        make_input(scores, criteria=(a, b), settings=RankingSettings(criterion_decimals=2))
    )
    entry = rounded.entries[0]
    assert entry.criteria == {"A": 2.68, "B": 1.01}
    assert entry.points == 1.35
    assert entry.score == pytest.approx(100 * 0.168 / 1.125)
    # Unrounded: points 0.125·2.675 + 1.005 = 1.339375, score 100·(0.066875 + 0.1005)/1.125.
    plain = compute_ranking(make_input(scores, criteria=(a, b))).entries[0]
    assert plain.points == pytest.approx(1.339375)
    assert plain.score == pytest.approx(100 * 0.167375 / 1.125)
    assert rounded.criterion_decimals == 2


def test_a_mean_on_a_half_way_point_rounds_up_despite_binary_arithmetic() -> None:
    team = Criterion("T", "Team", 1.0, 0, 10, 0.05)
    scores = {
        ("J1", "D1"): (2.15,),
        ("J2", "D1"): (5.8,),
    }  # mean 3.975, 3.9749999999999996 in binary
    settings = RankingSettings(criterion_decimals=2)
    entry = compute_ranking(make_input(scores, criteria=(team,), settings=settings)).entries[0]
    assert entry.criteria == {"T": 3.98}
    assert entry.points == 3.98
    assert entry.score == pytest.approx(39.8)


def test_rounded_means_decide_elimination() -> None:
    team = Criterion("T", "Team", 1.0, 0, 10, 0.01, threshold=5.0)
    scores = {("J1", "D1"): (4.99,), ("J2", "D1"): (5.0,)}  # mean 4.995: below 5, rounds to 5.0
    assert compute_ranking(make_input(scores, criteria=(team,))).entries[0].eliminated
    settings = RankingSettings(criterion_decimals=2)
    rounded = compute_ranking(make_input(scores, criteria=(team,), settings=settings))
    assert not rounded.entries[0].eliminated and rounded.entries[0].criteria == {"T": 5.0}


def test_rounding_does_not_touch_the_aggregate_of_methods_on_totals() -> None:
    scores = {("J1", "D1"): (3,), ("J2", "D1"): (4,), ("J3", "D1"): (4,)}
    settings = RankingSettings(criterion_decimals=0)
    ranking = compute_ranking(make_input(scores, settings=settings), method=Method.MEDIAN)
    assert ranking.entries[0].score == pytest.approx(40.0)
    assert ranking.entries[0].criteria == {"Q": 4.0}  # mean 3.67 rounded to 0 decimals


def test_confidence_weighted_mean() -> None:
    scores = {("J1", "D1"): (8,), ("J2", "D1"): (4,), ("J3", "D1"): (6,)}
    confidence = {("J1", "D1"): 5.0, ("J2", "D1"): 1.0}  # J3 gave none: weighs 3
    # (5·80 + 1·40 + 3·60)/9 = 620/9 = 68.89; points (5·8 + 1·4 + 3·6)/9 = 6.889
    settings = RankingSettings(confidence_weighting=True)
    ranking = compute_ranking(make_input(scores, confidence=confidence, settings=settings))
    assert ranking.entries[0].score == pytest.approx(620 / 9)
    assert ranking.entries[0].points == pytest.approx(62 / 9)
    assert ranking.entries[0].criteria == pytest.approx({"Q": 6.0})  # plain mean, as design §6
    assert ranking.confidence_weighted
    unweighted = compute_ranking(make_input(scores, confidence=confidence))
    assert unweighted.entries[0].score == pytest.approx(60.0) and not unweighted.confidence_weighted
    # Only the mean is weighted.
    median = compute_ranking(make_input(scores, confidence=confidence, settings=settings),
                             method=Method.MEDIAN)  # fmt: skip
    assert median.entries[0].score == pytest.approx(60.0) and not median.confidence_weighted


def test_what_if_weights_override_the_criteria_weights_only() -> None:
    scores = {("J1", "D1"): (10, 0), ("J1", "D2"): (0, 8)}
    ranking_input = make_input(scores, criteria=(X, Y))
    assert order(compute_ranking(ranking_input))[0] == (1, "D1")  # 50 vs 40
    what_if = compute_ranking(ranking_input, weights={"Y": 3.0})
    # D1: 100·(1·1 + 3·0)/4 = 25; D2: 100·(3·0.8)/4 = 60
    assert order(what_if) == [(1, "D2"), (2, "D1")]
    assert by_ref(what_if)["D2"].score == pytest.approx(60.0)
    assert by_ref(what_if)["D2"].points == pytest.approx(24.0)
    assert what_if.weights == {"X": 1.0, "Y": 3.0}
    assert ranking_input.criteria[1].weight == 1.0
    assert order(compute_ranking(ranking_input, weights={"X": 0.0}))[0] == (1, "D2")


@pytest.mark.parametrize(
    ("weights", "error"),
    [
        ({"NOPE": 1.0}, NotFound),
        ({"X": -1.0}, InvalidInput),
        ({"X": math.nan}, InvalidInput),
        ({"X": 0.0, "Y": 0.0}, InvalidInput),
    ],
)
def test_bad_what_if_weights_are_refused(weights: dict[str, float], error: type) -> None:
    with pytest.raises(error):
        compute_ranking(make_input({("J1", "D1"): (1, 2)}, criteria=(X, Y)), weights=weights)


@pytest.mark.parametrize("places", [0, -1, 1.5, True])
def test_places_must_be_a_positive_whole_number(places: object) -> None:
    with pytest.raises(InvalidInput) as caught:
        compute_ranking(make_input({("J1", "D1"): (1,)}), places=places)  # type: ignore[arg-type]
    assert "number of places" in caught.value.message()


@pytest.mark.parametrize("bootstrap", [-1, 2.5, True])
def test_bootstrap_count_must_be_a_whole_number(bootstrap: object) -> None:
    with pytest.raises(InvalidInput):
        compute_ranking(make_input({("J1", "D1"): (1,)}), bootstrap=bootstrap)  # type: ignore[arg-type]


def test_places_from_the_call_or_the_settings_set_the_cutoff() -> None:
    scores = {("J1", f"D{i}"): (i,) for i in range(1, 6)}
    ranking_input = make_input(scores, settings=RankingSettings(places=2))
    assert [e.ref for e in compute_ranking(ranking_input).selected] == ["D5", "D4"]
    assert [e.ref for e in compute_ranking(ranking_input, places=3).selected] == ["D5", "D4", "D3"]
    assert compute_ranking(ranking_input, places=3).places == 3


def test_no_juror_at_all() -> None:
    ranking = compute_ranking(make_input({}, dossiers=["D1", "D2"], jurors=["J1"]), bootstrap=10)
    assert order(ranking) == [(1, "D1"), (1, "D2")]
    assert ranking.agreement is None
    assert all(entry.score is None and entry.p_top == 0.0 for entry in ranking.entries)


def test_entry_lookup_and_metadata() -> None:
    ranking = compute_ranking(make_input({("J1", "D1"): (1,)}))
    assert ranking.entry("D1").ref == "D1"
    with pytest.raises(KeyError):
        ranking.entry("D9")
    assert ranking.bootstrap is None and ranking.tie_break is None
    assert ranking.weights == {QUALITY.code: 1.0}
