"""Deciding under uncertainty (design §12): the robustness across methods and the cut-off zone
on top of the bootstrap, against the bootstrap alone (issue 21: ≤ 1.2× on L)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from selection_desk.aggregation import Ranking, compute_ranking
from selection_desk.aggregation.robustness import CutoffZone, cutoff_zone, selection_by_method
from selection_desk.domain import Method
from tests.benchmarks.harness import BenchCase, Prepared, Side
from tests.benchmarks.operations.ranking_baselines import _load


def robustness_side(resamples: int) -> Side:
    """The bootstrapped ranking, then every method's selection and the zone."""

    @contextmanager
    def side(case: BenchCase) -> Iterator[Prepared]:
        ranking_input = _load(case, Method.MEAN)

        def run() -> tuple[Ranking, CutoffZone | None]:
            ranking = compute_ranking(ranking_input, bootstrap=resamples, seed=1)
            selection_by_method(ranking_input, places=ranking.places, weights=ranking.weights)
            return ranking, cutoff_zone(ranking)

        yield Prepared(run)

    return side


def check_same_ranking_and_a_zone(ours: object, baseline: object) -> None:
    assert isinstance(ours, tuple) and isinstance(baseline, Ranking)
    ranking, zone = ours
    assert ranking.entries == baseline.entries and zone is not None
