"""Bootstrap over jurors: p_top and rank intervals, reproducible for a seed."""

from __future__ import annotations

import numpy as np
import pytest

from selection_desk.aggregation import BootstrapRun, RankingSettings, compute_ranking
from selection_desk.aggregation.evaluation import evaluate
from selection_desk.aggregation.methods import Scenarios
from selection_desk.aggregation.panel import Panel
from selection_desk.aggregation.stability import _rank_interval, draw_jurors
from selection_desk.domain import Criterion, Method
from tests.aggregation.panels import by_ref, make_input


def unanimous_panel() -> dict[tuple[str, str], tuple[float]]:
    # Every juror: D1 9 > D2 6 > D3 3.
    return {(f"J{j}", d): (s,) for j in range(1, 5) for d, s in (("D1", 9), ("D2", 6), ("D3", 3))}


@pytest.mark.parametrize("method", list(Method))
def test_a_unanimous_panel_is_perfectly_stable(method: Method) -> None:
    ranking = compute_ranking(make_input(unanimous_panel()), method=method, bootstrap=50, seed=1)
    entries = by_ref(ranking)
    assert [entries[d].p_top for d in ("D1", "D2", "D3")] == [1.0, 0.0, 0.0]
    assert [entries[d].rank_interval for d in ("D1", "D2", "D3")] == [(1, 1), (2, 2), (3, 3)]
    assert ranking.bootstrap == BootstrapRun(50, 1)


def split_panel() -> dict[tuple[str, str], tuple[float]]:
    return {
        ("J1", "D1"): (9,), ("J1", "D2"): (5,), ("J1", "D3"): (1,),
        ("J2", "D1"): (9,), ("J2", "D2"): (5,), ("J2", "D3"): (1,),
        ("J3", "D1"): (2,), ("J3", "D2"): (8,), ("J3", "D3"): (1,),
        ("J4", "D2"): (7,), ("J4", "D3"): (2,),
    }  # fmt: skip


def test_a_split_panel_gives_probabilities_and_wide_intervals() -> None:
    ranking = compute_ranking(make_input(split_panel()), bootstrap=400, seed=7)
    entries = by_ref(ranking)
    # D1 (mean 66.7) leads D2 (62.5) in the full panel but not when J3 or J4 is drawn too often.
    assert 0.2 < entries["D1"].p_top < 0.8  # type: ignore[operator]
    assert 0.2 < entries["D2"].p_top < 0.8  # type: ignore[operator]
    assert entries["D1"].p_top + entries["D2"].p_top == pytest.approx(1.0, abs=0.05)  # type: ignore[operator]
    assert entries["D1"].rank_interval == (1, 2) and entries["D2"].rank_interval == (1, 2)
    assert entries["D3"].p_top == 0.0 and entries["D3"].rank_interval == (3, 3)


def test_same_seed_same_figures_whatever_the_jurors_order() -> None:
    panel = split_panel()
    first = compute_ranking(make_input(panel), bootstrap=200, seed=3)
    again = compute_ranking(make_input(panel), bootstrap=200, seed=3)
    reordered = compute_ranking(make_input(panel, jurors=["J4", "J2", "J3", "J1"]),
                                bootstrap=200, seed=3)  # fmt: skip
    other_seed = compute_ranking(make_input(panel), bootstrap=200, seed=4)

    def figures(ranking: object) -> list[object]:
        return [(e.ref, e.p_top, e.rank_interval) for e in ranking.entries]  # type: ignore[attr-defined]

    assert figures(first) == figures(again) == figures(reordered)
    assert figures(first) != figures(other_seed)


def test_resampling_draws_only_jurors_with_counted_reviews() -> None:
    present = np.array([[True, False], [False, False], [True, True]])
    draws = draw_jurors(present, ("B", "C", "A"), resamples=100, seed=0)
    assert draws.shape == (100, 3)
    assert (draws.sum(axis=1) == 2).all()  # two active jurors: two codes drawn per resample
    assert (draws[:, 1] == 0).all()  # C completed nothing
    assert draw_jurors(np.zeros((2, 2), dtype=bool), ("A", "B"), 5, 0).sum() == 0


def test_every_rule_applies_within_each_resample() -> None:
    team = Criterion("T", "Team", 1.0, 0, 10, 1, threshold=5.0)
    scores = {
        ("J1", "D1"): (9,), ("J2", "D1"): (2,),  # mean 5.5 but 2 when J2 is drawn twice
        ("J1", "D2"): (5,), ("J2", "D2"): (5,),
    }  # fmt: skip
    ranking = compute_ranking(make_input(scores, criteria=(team,)), bootstrap=300, seed=2)
    d1 = by_ref(ranking)["D1"]
    assert not d1.eliminated and d1.rank == 1
    # Eliminated in the resamples that draw J2 twice (one in four): p_top about 0.75.
    assert 0.6 < d1.p_top < 0.9  # type: ignore[operator]
    assert d1.rank_interval == (1, 2)


def test_tie_break_and_rounding_apply_within_each_resample() -> None:
    x = Criterion("X", "X", 1.0, 0, 10, 1)
    y = Criterion("Y", "Y", 1.0, 0, 10, 1)
    scores = {
        ("J1", "D1"): (6, 4),
        ("J1", "D2"): (4, 6),
        ("J2", "D1"): (6, 4),
        ("J2", "D2"): (4, 6),
    }
    settings = RankingSettings(tie_break="X", criterion_decimals=1)
    ranking = compute_ranking(make_input(scores, criteria=(x, y), settings=settings),
                              bootstrap=30)  # fmt: skip
    assert by_ref(ranking)["D1"].p_top == 1.0 and by_ref(ranking)["D2"].p_top == 0.0


def test_resamples_use_one_weight_vector() -> None:
    with pytest.raises(ValueError, match="one weight vector"):
        Scenarios(np.ones((2, 1)), multiplicity=np.ones((3, 2)))


@pytest.mark.parametrize(
    "settings",
    [RankingSettings(places=12), RankingSettings(places=12, tie_break="B")],
    ids=["plain", "tie-break"],
)
def test_the_batched_bootstrap_equals_each_resample_ranked_alone(
    settings: RankingSettings,
) -> None:
    """The thousand rows are ranked in chunks by a fused, vectorised path: each resample gives
    the ranks that the plain ranking rules give it alone (eliminations, unscored dossiers and
    tie-breaks included), and the interval is numpy's inverted-CDF quantiles of them."""
    rng = np.random.default_rng(4)
    criteria = (
        Criterion("A", "A", 2.0, 0, 5, 0.5, threshold=2.0),
        Criterion("B", "B", 1.0, 0, 20, 1),
    )
    scores = {
        (f"J{juror:02d}", f"D{dossier:03d}"): (rng.integers(0, 11) / 2, float(rng.integers(0, 21)))
        for dossier in range(60)
        for juror in rng.choice(12, 3, replace=False)
    }
    ranking_input = make_input(scores, criteria=criteria, settings=settings)
    resamples, seed = 41, 9
    ranking = compute_ranking(ranking_input, bootstrap=resamples, seed=seed)

    panel = Panel.from_input(ranking_input)
    weights = np.array([[c.weight for c in criteria]])
    multiplicity = draw_jurors(panel.present, ranking_input.jurors, resamples, seed)
    alone = [
        evaluate(panel, Method.MEAN, settings, Scenarios(weights, row[None])).standings
        for row in multiplicity
    ]
    ranks = np.array([standings.rank[0] for standings in alone])
    selected = np.array([standings.within(settings.places)[0] for standings in alone])
    low, high = np.quantile(ranks, (0.05, 0.95), axis=0, method="inverted_cdf")
    refs = [ref for ref, _name in ranking_input.dossiers]
    entries = by_ref(ranking)
    assert [entries[ref].rank_interval for ref in refs] == list(
        zip(low.tolist(), high.tolist(), strict=True)
    )
    assert [entries[ref].p_top for ref in refs] == selected.mean(axis=0).tolist()
    assert any(entry.eliminated for entry in ranking.entries)


@pytest.mark.parametrize("resamples", [1, 2, 19, 20, 21, 200, 1001])
def test_rank_interval_is_the_inverted_cdf_quantiles(resamples: int) -> None:
    ranks = np.random.default_rng(resamples).integers(1, 40, (resamples, 33)).astype(np.int32)
    low, high = _rank_interval(ranks)
    expected = np.quantile(ranks, (0.05, 0.95), axis=0, method="inverted_cdf")
    np.testing.assert_array_equal(low, expected[0])
    np.testing.assert_array_equal(high, expected[1])
