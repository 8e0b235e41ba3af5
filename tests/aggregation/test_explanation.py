"""Every number behind one dossier's score, and what was left out and why."""

from __future__ import annotations

import math

import pytest

from selection_desk import i18n
from selection_desk.aggregation import (
    LeftOut,
    LeftOutReason,
    RankingSettings,
    build_ranking_input,
    explain,
)
from selection_desk.domain import (
    Campaign,
    CampaignData,
    Conflict,
    Criterion,
    Dossier,
    Juror,
    Method,
    Review,
    ReviewStatus,
    Score,
)
from selection_desk.errors import NotFound
from tests.aggregation.panels import make_input
from tests.aggregation.test_methods import zscore_panel

X = Criterion("X", "Idea", 2.0, 0, 10, 1, threshold=6.0)
Y = Criterion("Y", "Team", 1.0, 0, 5, 1)


def test_mean_explained_juror_by_juror_and_criterion_by_criterion() -> None:
    scores = {("J1", "D1"): (8, 4), ("J2", "D1"): (4, 1), ("J3", "D1"): (6, 5)}
    confidence = {("J1", "D1"): 5.0, ("J2", "D1"): 1.0}
    settings = RankingSettings(confidence_weighting=True)
    ranking_input = make_input(scores, criteria=(X, Y), confidence=confidence, settings=settings)
    explanation = explain(ranking_input, "D1")
    assert (explanation.ref, explanation.name, explanation.method) == ("D1", "Dossier D1",
                                                                       Method.MEAN)  # fmt: skip
    j1, j2, j3 = explanation.jurors
    # J1: T = 100·(2·0.8 + 0.8)/3 = 80, P = 2·8 + 4 = 20, confidence 5.
    assert (j1.juror, j1.points, j1.weight, j1.confidence) == ("J1", 20.0, 5.0, 5.0)
    assert j1.total == pytest.approx(80.0)
    assert (j2.weight, j3.weight, j3.confidence) == (1.0, 3.0, None)  # none given: weighs 3
    assert all(j.counted and j.z is None and j.borda_rank is None for j in explanation.jurors)
    x, y = explanation.criteria
    assert x.scores == {"J1": 8.0, "J2": 4.0, "J3": 6.0}
    assert x.normalised == {"J1": 0.8, "J2": 0.4, "J3": 0.6}
    assert x.mean == pytest.approx(6.0)
    assert x.aggregate == pytest.approx((5 * 8 + 1 * 4 + 3 * 6) / 9)  # what the weighted mean used
    assert (x.threshold, x.below_threshold, x.dropped_high) == (6.0, False, None)
    assert y.weight == 1.0 and y.threshold is None
    assert explanation.entry.score == pytest.approx(
        (5 * j1.total + 1 * j2.total + 3 * j3.total) / 9
    )
    assert explanation.left_out == ()


def test_trimmed_names_the_jurors_whose_scores_were_dropped() -> None:
    scores = {("J1", "D1"): (9, 3), ("J2", "D1"): (2, 3), ("J3", "D1"): (6, 3),
              ("J4", "D1"): (7, 1)}  # fmt: skip
    explanation = explain(make_input(scores, criteria=(X, Y)), "D1", method=Method.TRIMMED)
    x, y = explanation.criteria
    assert (x.dropped_high, x.dropped_low, x.aggregate) == ("J1", "J2", 6.5)
    # On Y three jurors gave the top score 3: the first one in the jurors' order is named.
    assert (y.dropped_high, y.dropped_low, y.aggregate) == ("J1", "J4", 3.0)
    assert x.mean == 6.0 and not x.below_threshold


def test_trimmed_with_fewer_than_three_jurors_drops_nothing() -> None:
    scores = {("J1", "D1"): (9, 3), ("J2", "D1"): (2, 3)}
    explanation = explain(make_input(scores, criteria=(X, Y)), "D1", method=Method.TRIMMED)
    assert explanation.criteria[0].dropped_high is None
    assert explanation.criteria[0].aggregate == 5.5
    assert explanation.criteria[0].below_threshold  # 5.5 < 6
    assert explanation.entry.eliminated_by == ("X",)


def test_zscore_shows_each_jurors_mean_deviation_and_who_was_left_out() -> None:
    ranking_input = make_input(zscore_panel())
    d1 = explain(ranking_input, "D1", method=Method.ZSCORE)
    j1, j2, j4 = d1.jurors
    assert (j1.juror_mean, j1.juror_sd, j1.z) == pytest.approx((60.0, math.sqrt(800 / 3),
                                                                math.sqrt(1.5)))  # fmt: skip
    assert (j4.juror_mean, j4.juror_sd, j4.z, j4.counted) == (60.0, 30.0, 1.0, True)
    assert (j2.counted, j2.weight, j2.z, j2.juror_sd) == (False, 0.0, None, 0.0)
    assert d1.left_out == (LeftOut("J2", LeftOutReason.NO_VARIATION),)
    d3 = explain(ranking_input, "D3", method=Method.ZSCORE)
    assert d3.left_out == (LeftOut("J3", LeftOutReason.TOO_FEW_DOSSIERS),)
    assert [criterion.aggregate for criterion in d3.criteria] == [None]


def test_borda_shows_each_jurors_rank_and_points() -> None:
    scores = {("J1", "D1"): (8,), ("J1", "D2"): (6,), ("J1", "D3"): (6,), ("J2", "D2"): (7,)}
    explanation = explain(make_input(scores), "D2", method=Method.BORDA)
    j1, j2 = explanation.jurors
    # J1 ranks D2 2.5th of 3 (tied with D3): 100·(3 − 2.5)/2 = 25. J2 completed one dossier only.
    assert (j1.borda_rank, j1.borda_of, j1.borda_points, j1.counted) == (2.5, 3, 25.0, True)
    assert (j2.borda_rank, j2.borda_of, j2.borda_points, j2.counted) == (1.0, 1, None, False)
    assert explanation.left_out == (LeftOut("J2", LeftOutReason.TOO_FEW_DOSSIERS),)
    assert explanation.entry.score == 25.0


@pytest.mark.parametrize("method", [Method.MEDIAN, Method.SCHULZE])
def test_methods_on_totals_count_every_juror(method: Method) -> None:
    scores = {("J1", "D1"): (8,), ("J2", "D1"): (5,), ("J1", "D2"): (3,)}
    explanation = explain(make_input(scores), "D1", method=method)
    assert all(j.counted and j.weight == 1.0 for j in explanation.jurors)
    assert explanation.criteria[0].aggregate is None


def campaign() -> CampaignData:
    criteria = (Criterion("A", "A", 1.0, 0, 5, 1), Criterion("B", "B", 1.0, 0, 5, 1))
    return CampaignData(
        campaign=Campaign(uid="u", name="Call"),
        criteria=criteria,
        jurors=tuple(Juror(code, code) for code in ("J1", "J2", "J3", "J4")),
        dossiers=(Dossier("D1", "Alpha"), Dossier("D2", "Beta")),
        conflicts=(Conflict("J4", "D1", "co-founder"),),
        scores=(
            Score("J1", "D1", "A", 4),
            Score("J1", "D1", "B", 4),
            Score("J2", "D1", "A", 3),
            Score("J3", "D1", "A", 2),
            Score("J3", "D1", "B", 2),
            Score("J1", "D2", "A", 1),
            Score("J1", "D2", "B", 1),
        ),
        reviews=(
            Review("J1", "D1", ReviewStatus.FINAL),
            Review("J2", "D1", ReviewStatus.FINAL),
            Review("J3", "D1", ReviewStatus.DRAFT),
            Review("J1", "D2", ReviewStatus.FINAL),
        ),
    )


def test_drafts_incomplete_reviews_and_recusals_are_explained() -> None:
    explanation = explain(build_ranking_input(campaign()), "D1")
    assert [j.juror for j in explanation.jurors] == ["J1"]
    assert explanation.left_out == (
        LeftOut("J2", LeftOutReason.INCOMPLETE, 1, 2),
        LeftOut("J3", LeftOutReason.DRAFT, 2, 2),
        LeftOut("J4", LeftOutReason.RECUSED),
    )
    messages = [left_out.message() for left_out in explanation.left_out]
    assert messages == [
        "Review marked final but incomplete (1 of 2 criteria scored): not counted.",
        "Review still a draft (2 of 2 criteria scored): not counted.",
        "Recused (declared conflict of interest): did not score this dossier.",
    ]
    with i18n.language("fr"):
        assert explanation.left_out[1].message() == (
            "Évaluation encore en brouillon (2 critère(s) noté(s) sur 2) : non comptée."
        )
    assert explain(build_ranking_input(campaign()), "D2").left_out == ()


def test_unknown_dossier() -> None:
    with pytest.raises(NotFound) as caught:
        explain(make_input({("J1", "D1"): (1,)}), "D9")
    assert caught.value.message() == "Unknown dossier D9."


@pytest.mark.parametrize("method", [Method.MEAN, Method.MEDIAN])
def test_a_dossier_nobody_scored(method: Method) -> None:
    ranking_input = make_input({("J1", "D1"): (5, 2)}, criteria=(X, Y), dossiers=["D1", "D2"])
    explanation = explain(ranking_input, "D2", method=method)
    assert explanation.jurors == () and explanation.left_out == ()
    assert [(c.mean, c.aggregate, c.scores) for c in explanation.criteria] == [(None, None, {})] * 2
    assert explanation.entry.score is None


def test_each_criterions_share_of_the_points_is_rounded_and_they_add_up() -> None:
    """Same panel as the rounding test of the ranking: terms 0.335 → 0.34 and 1.01."""
    a = Criterion("A", "A", 0.125, 0, 5, 0.05)
    b = Criterion("B", "B", 1.0, 0, 10, 0.01)
    scores = {("J1", "D1"): (2.5, 1.0), ("J2", "D1"): (2.85, 1.01)}
    rounded = explain(
        make_input(scores, criteria=(a, b), settings=RankingSettings(criterion_decimals=2)), "D1"
    )
    assert [detail.points for detail in rounded.criteria] == [0.34, 1.01]
    assert sum(detail.points or 0 for detail in rounded.criteria) == rounded.entry.points == 1.35
    assert rounded.criterion_decimals == 2
    plain = explain(make_input(scores, criteria=(a, b)), "D1")
    assert [detail.points for detail in plain.criteria] == pytest.approx([0.334375, 1.005])
    assert plain.criterion_decimals is None
    median = explain(make_input(scores, criteria=(a, b)), "D1", method=Method.MEDIAN)
    assert [detail.points for detail in median.criteria] == [None, None]
