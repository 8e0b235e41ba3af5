"""The panel holds the scores that exist: sums, resampled means and Borda ranks computed from them
equal what a juror × dossier × criterion cube gives (the layout the engine no longer builds)."""

from __future__ import annotations

import numpy as np

from selection_desk.aggregation import RankingInput
from selection_desk.aggregation.methods import (
    ResampledMeans,
    Scenarios,
    criterion_means,
    from_criterion_aggregates,
    resampled_mean_scores,
    review_borda_points,
)
from selection_desk.aggregation.numerics import EQUAL_TOLERANCE
from selection_desk.aggregation.panel import Panel
from selection_desk.aggregation.stability import draw_jurors
from selection_desk.domain import Criterion
from tests.aggregation.panels import make_input

CRITERIA = (
    Criterion("A", "A", 2.0, 0, 5, 0.5),
    Criterion("B", "B", 1.0, 0, 20, 1),
    Criterion("C", "C", 1.5, 1, 10, 1),
)
JURORS, DOSSIERS, PER_DOSSIER = 40, 120, 4


def _sparse_input(seed: int = 7) -> RankingInput:
    """Each dossier scored by 4 of 40 jurors, on a half-point grid (some equal totals)."""
    rng = np.random.default_rng(seed)
    scores = {}
    for dossier in range(DOSSIERS):
        for juror in rng.choice(JURORS, PER_DOSSIER, replace=False):
            scores[(f"J{juror:02d}", f"D{dossier:03d}")] = [
                float(rng.integers(0, 11)) / 2,
                float(rng.integers(0, 21)),
                float(rng.integers(1, 11)),
            ]
    return make_input(scores, criteria=CRITERIA)


def _cube(ranking_input: RankingInput) -> tuple[np.ndarray, np.ndarray]:
    """The dense (J, D, C) scores and (J, D) presence the engine used to build."""
    shape = (len(ranking_input.jurors), len(ranking_input.dossiers))
    present = np.zeros(shape, dtype=bool)
    present[ranking_input.review_juror, ranking_input.review_dossier] = True
    cube = np.zeros((*shape, len(ranking_input.criteria)))
    cube[ranking_input.review_juror, ranking_input.review_dossier] = ranking_input.values
    return cube, present


def test_no_array_grows_with_jurors_times_dossiers_times_criteria() -> None:
    ranking_input = _sparse_input()
    panel = Panel.from_input(ranking_input)
    arrays = [value for value in vars(panel).values() if isinstance(value, np.ndarray)]
    # The largest is the juror × dossier presence: one flag per pair, not a value per score.
    assert arrays and max(array.size for array in arrays) == JURORS * DOSSIERS
    assert panel.slot_scores.shape == (DOSSIERS, PER_DOSSIER, len(CRITERIA))


def test_resampled_criterion_means_equal_the_dense_cube() -> None:
    ranking_input = _sparse_input()
    panel = Panel.from_input(ranking_input)
    cube, present = _cube(ranking_input)
    multiplicity = draw_jurors(present, ranking_input.jurors, 50, seed=3)
    expected_total = np.einsum("rj,jdc->rdc", multiplicity, cube)
    expected_count = multiplicity @ present.astype(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        expected = expected_total / expected_count[..., None]
    means = criterion_means(panel, multiplicity)
    np.testing.assert_allclose(means, expected, rtol=0, atol=1e-12)
    np.testing.assert_array_equal(np.isnan(means), np.isnan(expected))


def test_resampled_mean_scores_equal_the_criterion_means_path() -> None:
    """The bootstrap of the plain mean sums juror totals; the ranking sums criterion means: the
    two agree far inside the tolerance every comparison uses."""
    ranking_input = _sparse_input()
    panel = Panel.from_input(ranking_input)
    weights = np.array([[c.weight for c in CRITERIA]])
    multiplicity = draw_jurors(panel.present, ranking_input.jurors, 50, seed=5)
    scenarios = Scenarios(weights, multiplicity)
    fast = resampled_mean_scores(panel, scenarios)
    means = criterion_means(panel, multiplicity)
    reference = from_criterion_aggregates(panel, means, weights).scores
    np.testing.assert_array_equal(np.isnan(fast), np.isnan(reference))
    assert np.nanmax(np.abs(fast - reference)) < EQUAL_TOLERANCE / 1000


def test_borda_ranks_each_jurors_own_dossiers_with_shared_average_ranks() -> None:
    # J0 scores D0, D1, D2, D4 (totals 50, 80, 50 + half the tolerance, 10); J1 scores D3 only.
    scores = {
        ("J0", "D0"): (5.0,),
        ("J0", "D1"): (8.0,),
        ("J0", "D2"): (5.0 + EQUAL_TOLERANCE / 20,),
        ("J0", "D4"): (1.0,),
        ("J1", "D3"): (7.0,),
    }
    panel = Panel.from_input(make_input(scores))
    points, ranks = review_borda_points(panel, panel.review_totals(np.ones((1, 1))))
    # J0: 80 first, the two 50s share ranks 2 and 3 (2.5), 10 last; J1 alone: no points.
    np.testing.assert_array_equal(panel.to_matrix(ranks)[0, 0], [2.5, 1.0, 2.5, np.nan, 4.0])
    np.testing.assert_allclose(panel.to_matrix(points)[0, 0, [0, 1, 2, 4]], [50, 100, 50, 0])
    assert panel.to_matrix(ranks)[0, 1, 3] == 1.0
    assert np.isnan(panel.to_matrix(points)[0, 1]).all()


def test_resampled_means_share_one_product_with_the_screened_criteria() -> None:
    """The bootstrap of the plain mean takes its aggregates and the screened criteria's means
    from one sparse product: the same figures, to the bit, as the separate sums."""
    ranking_input = _sparse_input()
    panel = Panel.from_input(ranking_input)
    weights = np.array([[c.weight for c in CRITERIA]])
    multiplicity = draw_jurors(panel.present, ranking_input.jurors, 30, seed=11)
    columns = np.array([2, 0])
    scores, means = ResampledMeans(panel, weights[0], columns)(multiplicity)
    np.testing.assert_array_equal(
        scores, resampled_mean_scores(panel, Scenarios(weights, multiplicity))
    )
    np.testing.assert_array_equal(means, criterion_means(panel, multiplicity, columns=columns))
