"""From domain objects to the engine's arrays: what counts, what is reported, what is refused."""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any

import numpy as np
import pytest

from selection_desk.aggregation import (
    IncompleteReview,
    RankingInput,
    RankingSettings,
    build_ranking_input,
    compute_ranking,
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
from selection_desk.errors import InvalidInput, NotFound
from tests.aggregation.panels import QUALITY, make_input

TEAM = Criterion("TEAM", "Team", 2.0, 0, 5, 0.5, threshold=1.0)
MARKET = Criterion("MARKET", "Market", 1.0, 0, 5, 0.5)
FINAL, DRAFT = ReviewStatus.FINAL, ReviewStatus.DRAFT


def scores_of(juror: str, dossier: str, *values: float) -> list[Score]:
    return [Score(juror, dossier, code, v) for code, v in zip(("TEAM", "MARKET"), values,
                                                               strict=False)]  # fmt: skip


def campaign_data(**changes: Any) -> CampaignData:
    data = CampaignData(
        campaign=Campaign(
            uid="u",
            name="Call",
            places=2,
            method=Method.TRIMMED,
            criterion_decimals=1,
            tie_break="TEAM",
            spread_threshold=12.0,
            confidence_weighting=True,
        ),
        criteria=(TEAM, MARKET),
        jurors=(Juror("J1", "Ann"), Juror("J2", "Bob"), Juror("J3", "Cid")),
        dossiers=(Dossier("D1", "Alpha"), Dossier("D2", "Beta"), Dossier("D3", "Gamma")),
        conflicts=(Conflict("J1", "D1", "former partner"),),
        scores=tuple(
            scores_of("J2", "D1", 4, 3)  # final, complete: counts
            + scores_of("J3", "D1", 5, 4)  # final, complete, confidence 2: counts
            + scores_of("J1", "D2", 3, 3)  # draft review: reported
            + scores_of("J2", "D2", 2)  # final but one criterion missing: reported
            + scores_of("J3", "D2", 1, 1)  # no Review object at all: a draft
            + scores_of("J1", "D1", 5, 5)  # conflicted pair: never counted (defensive)
            + scores_of("J1", "D3", 2, 2)  # final, complete
        ),
        reviews=(
            Review("J2", "D1", FINAL),
            Review("J3", "D1", FINAL, confidence=2),
            Review("J1", "D2", DRAFT),
            Review("J2", "D2", FINAL),
            Review("J1", "D1", FINAL),
            Review("J1", "D3", FINAL),
            Review("J2", "D3", FINAL),  # final, no score at all: incomplete (0 of 2)
        ),
    )
    return replace(data, **changes)


def test_only_final_complete_reviews_count_and_the_rest_is_reported() -> None:
    ranking_input = build_ranking_input(campaign_data())
    counted = [
        (ranking_input.jurors[j], ranking_input.dossier_refs[d])
        for j, d in zip(ranking_input.review_juror, ranking_input.review_dossier, strict=True)
    ]
    assert counted == [("J2", "D1"), ("J3", "D1"), ("J1", "D3")]
    assert ranking_input.values.tolist() == [[4, 3], [5, 4], [2, 2]]
    assert np.isnan(ranking_input.confidence[0]) and ranking_input.confidence[1] == 2.0
    assert ranking_input.incomplete == (
        IncompleteReview("J1", "D2", DRAFT, 2, 2),
        IncompleteReview("J2", "D2", FINAL, 1, 2),
        IncompleteReview("J3", "D2", DRAFT, 2, 2),
        IncompleteReview("J2", "D3", FINAL, 0, 2),
    )
    assert ranking_input.recused == (("J1", "D1"),)
    assert ranking_input.dossiers == (("D1", "Alpha"), ("D2", "Beta"), ("D3", "Gamma"))
    ranking = compute_ranking(ranking_input)
    assert ranking.incomplete_reviews == ranking_input.incomplete


def test_settings_come_from_the_campaign_unless_given() -> None:
    settings = build_ranking_input(campaign_data()).settings
    assert settings == RankingSettings(
        method=Method.TRIMMED, places=2, criterion_decimals=1, tie_break="TEAM",
        spread_threshold=12.0, confidence_weighting=True,
    )  # fmt: skip
    given = RankingSettings(method=Method.BORDA)
    assert build_ranking_input(campaign_data(), given).settings is given


def test_an_empty_tie_break_means_none() -> None:
    campaign = Campaign(uid="u", name="Call", tie_break="")
    assert RankingSettings.from_campaign(campaign).tie_break is None


def test_non_finite_scores_do_not_count_as_scored() -> None:
    data = campaign_data(scores=(Score("J2", "D1", "TEAM", math.nan), Score("J2", "D1", "MARKET",
                                                                            1)))  # fmt: skip
    ranking_input = build_ranking_input(data)
    assert ranking_input.review_juror.size == 0
    assert IncompleteReview("J2", "D1", FINAL, 1, 2) in ranking_input.incomplete


@pytest.mark.parametrize(
    "score",
    [Score("J9", "D1", "TEAM", 1), Score("J1", "D9", "TEAM", 1), Score("J1", "D1", "NOPE", 1)],
)
def test_scores_naming_unknown_things_are_refused(score: Score) -> None:
    with pytest.raises(ValueError, match="unknown"):
        build_ranking_input(campaign_data(scores=(score,), conflicts=()))


@pytest.mark.parametrize(
    ("settings", "fact"),
    [
        ({"places": 0}, "places"),
        ({"criterion_decimals": -1}, "decimals"),
        ({"criterion_decimals": 11}, "decimals"),
        ({"spread_threshold": -1.0}, "threshold"),
        ({"spread_threshold": math.inf}, "threshold"),
    ],
)
def test_unusable_settings_are_refused(settings: dict[str, object], fact: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        RankingSettings(**settings)  # type: ignore[arg-type]
    assert fact in caught.value.facts


def test_criteria_are_checked() -> None:
    with pytest.raises(InvalidInput) as caught:
        make_input({}, criteria=())
    assert "no criteria" in caught.value.message()
    flat = Criterion("F", "Flat", 1.0, 5, 5, 1)
    with pytest.raises(InvalidInput) as caught:
        make_input({}, criteria=(flat,))
    assert caught.value.facts == {"criterion": "F", "minimum": 5, "maximum": 5}
    with pytest.raises(NotFound):
        make_input({}, settings=RankingSettings(tie_break="NOPE"))
    with pytest.raises(ValueError, match="unique"):
        make_input({}, criteria=(QUALITY, QUALITY))


def arrays(**changes: object) -> dict[str, object]:
    base: dict[str, object] = {
        "criteria": (QUALITY,),
        "dossiers": (("D1", "One"), ("D2", "Two")),
        "jurors": ("J1", "J2"),
        "review_juror": np.array([0, 1]),
        "review_dossier": np.array([0, 0]),
        "values": np.array([[1.0], [2.0]]),
        "confidence": np.array([np.nan, 4.0]),
    }
    return {**base, **changes}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"review_dossier": np.array([0])}, "arrays"),
        ({"values": np.array([1.0, 2.0])}, "arrays"),
        ({"review_juror": np.array([[0, 1]])}, "arrays"),
        ({"review_juror": np.array([0, 2])}, "outside jurors"),
        ({"review_juror": np.array([-1, 0])}, "outside jurors"),
        ({"review_dossier": np.array([0, 2])}, "outside dossiers"),
        ({"review_juror": np.array([1, 1])}, "more than one"),
        ({"values": np.array([[1.0], [np.inf]])}, "finite"),
    ],
)
def test_inconsistent_arrays_are_refused(changes: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        RankingInput(**arrays(**changes))  # type: ignore[arg-type]


def test_arrays_are_private_read_only_copies() -> None:
    values = np.array([[1.0], [2.0]])
    ranking_input = RankingInput(**arrays(values=values))  # type: ignore[arg-type]
    values[0, 0] = 9.0
    assert ranking_input.values[0, 0] == 1.0
    with pytest.raises(ValueError, match="read-only"):
        ranking_input.values[0, 0] = 5.0
    assert ranking_input.review_juror.dtype == np.int64
