"""Properties every ranking must have, on random panels (hypothesis)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from selection_desk.aggregation import Ranking, RankingInput, compute_ranking
from selection_desk.domain import Criterion, Method
from tests.aggregation.panels import make_input

PROPERTY = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
METHODS = st.sampled_from(list(Method))


@dataclass(frozen=True)
class Panel:
    criteria: tuple[Criterion, ...]
    scores: dict[tuple[str, str], tuple[int, ...]]
    jurors: list[str]
    dossiers: list[str]

    def ranking_input(self, **changes: object) -> RankingInput:
        fields = {"criteria": self.criteria, "jurors": self.jurors, "dossiers": self.dossiers,
                  **changes}  # fmt: skip
        return make_input(self.scores, **fields)  # type: ignore[arg-type]

    def totals(self, juror: str, dossier: str) -> float:
        weights = np.array([c.weight for c in self.criteria])
        return float(100 * weights @ np.array(self.scores[(juror, dossier)]) / 10 / weights.sum())


@st.composite
def panels(draw: st.DrawFn, *, full: bool = False, thresholds: bool = True) -> Panel:
    jurors = [f"J{j}" for j in range(draw(st.integers(2, 5)))]
    dossiers = [f"D{d}" for d in range(draw(st.integers(2, 6)))]
    criteria = tuple(
        Criterion(
            f"C{c}",
            f"Criterion {c}",
            float(draw(st.integers(1, 3))),
            0,
            10,
            1,
            threshold=draw(st.sampled_from([None, 3.0])) if thresholds else None,
        )
        for c in range(draw(st.integers(1, 3)))
    )
    scores = {
        (juror, dossier): tuple(draw(st.integers(0, 10)) for _ in criteria)
        for juror in jurors
        for dossier in dossiers
        if full or draw(st.booleans())
    }
    return Panel(criteria, scores, jurors, dossiers)


def standing(ranking: Ranking) -> dict[str, tuple[object, ...]]:
    return {
        e.ref: (e.rank, e.tied, e.eliminated, e.jurors, e.above_cutoff,
                pytest.approx(e.score, abs=1e-9) if e.score is not None else None)
        for e in ranking.entries
    }  # fmt: skip


@PROPERTY
@given(panel=panels(), method=METHODS, data=st.data())
def test_the_order_of_jurors_dossiers_and_reviews_changes_nothing(
    panel: Panel, method: Method, data: st.DataObject
) -> None:
    jurors = data.draw(st.permutations(panel.jurors))
    dossiers = data.draw(st.permutations(panel.dossiers))
    reviews = data.draw(st.permutations(list(panel.scores)))
    shuffled = Panel(panel.criteria, {pair: panel.scores[pair] for pair in reviews}, jurors,
                     dossiers)  # fmt: skip
    expected = standing(compute_ranking(panel.ranking_input(), method=method))
    assert standing(compute_ranking(shuffled.ranking_input(), method=method)) == expected


@PROPERTY
@given(panel=panels(), method=METHODS, factor=st.sampled_from([0.1, 0.7, 3.0, 12.5]))
def test_scaling_every_weight_changes_nothing(panel: Panel, method: Method, factor: float) -> None:
    ranking_input = panel.ranking_input()
    scaled = {c.code: c.weight * factor for c in panel.criteria}
    expected = standing(compute_ranking(ranking_input, method=method))
    assert standing(compute_ranking(ranking_input, method=method, weights=scaled)) == expected


@PROPERTY
@given(panel=panels(thresholds=False), score=st.integers(0, 10))
def test_a_juror_who_gives_everyone_the_same_total_does_not_change_zscore(
    panel: Panel, score: int
) -> None:
    """(Without eliminatory thresholds: the new juror's scores move the criterion means. The juror
    scores the dossiers already scored: a dossier nobody scored has no aggregate, one scored only by
    uninformative jurors has the default 0.)"""
    scored = {d for _j, d in panel.scores}
    flat = {
        ("JFLAT", d): tuple(score for _ in panel.criteria) for d in panel.dossiers if d in scored
    }
    widened = Panel(panel.criteria, {**panel.scores, **flat}, [*panel.jurors, "JFLAT"],
                    panel.dossiers)  # fmt: skip
    before = compute_ranking(panel.ranking_input(), method=Method.ZSCORE)
    after = compute_ranking(widened.ranking_input(), method=Method.ZSCORE)
    assert [(e.rank, e.ref, e.score) for e in after.entries] == [
        (e.rank, e.ref, e.score) for e in before.entries
    ]


@st.composite
def dominated_panels(draw: st.DrawFn) -> Panel:
    """Full panel without thresholds where every juror's total for D0 beats their total for D1."""
    panel = draw(panels(full=True, thresholds=False))
    scores = dict(panel.scores)
    for juror in panel.jurors:
        lower = tuple(draw(st.integers(0, 9)) for _ in panel.criteria)
        raise_by = draw(st.lists(st.integers(0, 1), min_size=len(lower), max_size=len(lower))
                        .filter(any))  # fmt: skip
        scores[(juror, "D1")] = lower
        scores[(juror, "D0")] = tuple(s + r for s, r in zip(lower, raise_by, strict=True))
    return Panel(panel.criteria, scores, panel.jurors, panel.dossiers)


@PROPERTY
@given(panel=dominated_panels(), method=st.sampled_from([m for m in Method if m != Method.TRIMMED]))
def test_a_dossier_every_juror_prefers_ranks_higher(panel: Panel, method: Method) -> None:
    ranking = compute_ranking(panel.ranking_input(), method=method)
    ranks = {entry.ref: entry.rank for entry in ranking.entries}
    assert ranks["D0"] < ranks["D1"]


@PROPERTY
@given(panel=panels(full=True, thresholds=False))
def test_schulze_ranks_the_condorcet_winner_first_alone(panel: Panel) -> None:
    def beats(x: str, y: str) -> bool:
        prefer_x = sum(panel.totals(j, x) > panel.totals(j, y) for j in panel.jurors)
        prefer_y = sum(panel.totals(j, y) > panel.totals(j, x) for j in panel.jurors)
        return prefer_x > prefer_y

    winners = [x for x in panel.dossiers if all(beats(x, y) for y in panel.dossiers if y != x)]
    assume(winners)
    ranking = compute_ranking(panel.ranking_input(), method=Method.SCHULZE)
    assert (ranking.entries[0].ref, ranking.entries[0].rank) == (winners[0], 1)
    assert not ranking.entries[0].tied


@PROPERTY
@given(panel=panels())
def test_mean_agrees_with_a_plain_python_computation(panel: Panel) -> None:
    ranking = compute_ranking(panel.ranking_input())
    for entry in ranking.entries:
        totals = [
            panel.totals(j, entry.ref) for j in panel.jurors if (j, entry.ref) in panel.scores
        ]
        assert entry.jurors == len(totals)
        assert entry.score == (pytest.approx(sum(totals) / len(totals)) if totals else None)


@settings(max_examples=15, deadline=None)
@given(panel=panels(), method=METHODS, seed=st.integers(0, 2**32 - 1))
def test_the_bootstrap_is_reproducible_for_a_seed(panel: Panel, method: Method, seed: int) -> None:
    def figures() -> list[tuple[object, ...]]:
        ranking = compute_ranking(panel.ranking_input(), method=method, bootstrap=25, seed=seed)
        return [(e.ref, e.p_top, e.rank_interval) for e in ranking.entries]

    first = figures()
    assert figures() == first
    assert all(0.0 <= p_top <= 1.0 for _, p_top, _ in first)  # type: ignore[operator]
