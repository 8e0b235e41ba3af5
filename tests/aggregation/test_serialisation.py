"""``rank --json``: the stable shape of design §6."""

from __future__ import annotations

import json

from selection_desk.aggregation import (
    IncompleteReview,
    RankingInput,
    compute_ranking,
    ranking_to_json,
)
from selection_desk.domain import Criterion, Method, ReviewStatus
from tests.aggregation.panels import make_input


def panel() -> RankingInput:
    team = Criterion("TEAM", "Team", 1.0, 0, 10, 1, threshold=3.0)
    ranking_input = make_input(
        {("J1", "D1"): (8,), ("J2", "D1"): (6,), ("J1", "D2"): (2,)},
        criteria=(team,),
        dossiers=["D1", "D2", "D3"],
    )
    incomplete = (IncompleteReview("J2", "D2", ReviewStatus.DRAFT, 0, 1),)
    return RankingInput(**{**ranking_input.__dict__, "incomplete": incomplete})


def test_mean_ranking_as_json() -> None:
    document = ranking_to_json(compute_ranking(panel()), "Call 2026")
    assert list(document) == ["campaign", "method", "places", "ranking", "agreement",
                              "incomplete_reviews"]  # fmt: skip
    assert document["campaign"] == "Call 2026" and document["method"] == "mean"
    assert document["places"] == 1
    assert document["ranking"][0] == {
        "rank": 1, "ref": "D1", "name": "Dossier D1", "score": 70.0, "points": 7.0, "jurors": 2,
        "spread": document["ranking"][0]["spread"], "flagged": False, "tied": False,
        "eliminated": False, "criteria": {"TEAM": 7.0},
    }  # fmt: skip
    assert list(document["ranking"][0]) == [
        "rank",
        "ref",
        "name",
        "score",
        "points",
        "jurors",
        "spread",
        "flagged",
        "tied",
        "eliminated",
        "criteria",
    ]
    assert [entry["ref"] for entry in document["ranking"]] == ["D1", "D3", "D2"]
    assert document["ranking"][1]["score"] is None and document["ranking"][1]["criteria"] == {
        "TEAM": None
    }
    assert document["ranking"][2]["eliminated"] is True
    # One pairable dossier: its disagreement is all the disagreement there is, alpha = 0.
    assert document["agreement"] == 0.0
    assert document["incomplete_reviews"] == [
        {"juror": "J2", "dossier": "D2", "status": "draft", "scored": 0, "expected": 1}
    ]
    json.dumps(document, allow_nan=False)  # plain JSON: no NaN anywhere


def test_points_only_where_defined_and_p_top_only_when_computed() -> None:
    document = ranking_to_json(compute_ranking(panel(), method=Method.BORDA, bootstrap=20), "C")
    first = document["ranking"][0]
    assert "points" not in first
    assert list(first)[-2:] == ["p_top", "criteria"]
    assert isinstance(first["p_top"], float)
    json.dumps(document, allow_nan=False)
