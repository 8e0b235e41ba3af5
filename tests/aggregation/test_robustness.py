"""The selection under every method and the cut-off zone (design §12), against hand computations."""

from __future__ import annotations

from selection_desk.aggregation import RankingSettings, compute_ranking
from selection_desk.aggregation.robustness import (
    CutoffZone,
    cutoff_zone,
    robustness_to_json,
    selection_by_method,
)
from selection_desk.domain import Method
from tests.aggregation.panels import make_input
from tests.aggregation.test_stability import split_panel
from tests.deciding.campaigns import METHOD_SPLIT


def method_split_input(places: int = 1):  # type: ignore[no-untyped-def]
    table = {(j, d): (v,) for j, row in METHOD_SPLIT.items() for d, v in row.items()}
    return make_input(table, settings=RankingSettings(places=places))


def test_each_method_selects_what_the_hand_computation_says() -> None:
    robustness = selection_by_method(method_split_input())
    assert dict(robustness.selected) == {
        Method.MEAN: ("B",),
        Method.MEDIAN: ("A",),
        Method.TRIMMED: ("A",),
        Method.ZSCORE: ("B",),
        Method.BORDA: ("A",),
        Method.SCHULZE: ("A",),
    }
    assert robustness.method_dependent == ("A", "B")
    assert robustness.skipped == ()


def test_a_tie_at_the_cut_off_selects_every_tied_dossier() -> None:
    table = {("J1", "A"): (8,), ("J1", "B"): (8,), ("J1", "C"): (2,)}
    robustness = selection_by_method(make_input(table))  # one place, A and B share rank 1
    assert robustness.selected[Method.MEAN] == ("A", "B")


def test_two_places_everyone_agrees() -> None:
    robustness = selection_by_method(method_split_input(places=2))
    assert set(robustness.selected.values()) == {("A", "B")}
    assert robustness.method_dependent == ()


def test_schulze_is_left_out_above_its_robustness_limit(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("selection_desk.aggregation.robustness.SCHULZE_ROBUSTNESS_LIMIT", 2)
    robustness = selection_by_method(method_split_input())
    assert robustness.skipped == (Method.SCHULZE,)
    assert Method.SCHULZE not in robustness.selected
    assert robustness_to_json(robustness, None)["robustness_skipped"] == ["schulze"]


def test_the_zone_holds_the_dossiers_whose_interval_straddles_the_cut_off() -> None:
    # test_stability: D1 and D2 have the interval (1, 2), D3 (3, 3).
    ranking = compute_ranking(make_input(split_panel()), bootstrap=400, seed=7, places=1)
    assert cutoff_zone(ranking) == CutoffZone(1, ("D1", "D2"), 400, 7)
    at_two = compute_ranking(make_input(split_panel()), bootstrap=400, seed=7, places=2)
    assert cutoff_zone(at_two) == CutoffZone(2, (), 400, 7)  # (1, 2) lies above the line at 2
    assert cutoff_zone(compute_ranking(make_input(split_panel()))) is None


def test_json_keys() -> None:
    ranking = compute_ranking(method_split_input(), bootstrap=50, seed=3)
    document = robustness_to_json(selection_by_method(method_split_input()), cutoff_zone(ranking))
    assert document["method_dependent"] == ["A", "B"]
    assert document["robustness"]["mean"] == ["B"]  # type: ignore[index]
    assert document["cutoff_zone"]["resamples"] == 50  # type: ignore[index]
