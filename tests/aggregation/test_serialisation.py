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
    assert list(first)[-3:] == ["p_top", "criteria", "rank_interval"]  # added keys come last
    assert isinstance(first["p_top"], float)
    json.dumps(document, allow_nan=False)


def test_explanations_interval_and_elimination_reach_the_json() -> None:
    from selection_desk.aggregation import explain_all
    from selection_desk.aggregation.ranking import rank_with_workings

    ranking_input = panel()
    workings = rank_with_workings(ranking_input, method=Method.TRIMMED, bootstrap=40, seed=1)
    explanations = explain_all(ranking_input, workings=workings)
    document = json.loads(json.dumps(ranking_to_json(workings.ranking, "C", explanations)))
    first, second, third = document["ranking"]
    legacy = ["rank", "ref", "name", "score", "points", "jurors", "spread", "flagged", "tied",
              "eliminated", "p_top", "criteria"]  # fmt: skip
    assert list(first)[: len(legacy)] == legacy  # the existing keys, unchanged and first
    assert first["ref"] == "D1" and first["rank_interval"] == [1, 1]
    assert "elimination" not in first
    explanation = first["explanation"]
    assert [(j["juror"], j["total"], j["points"], j["counted"]) for j in explanation["jurors"]] == [
        ("J1", 80.0, 8.0, True), ("J2", 60.0, 6.0, True)
    ]  # fmt: skip
    (team,) = explanation["criteria"]
    assert team["scores"] == {"J1": 8.0, "J2": 6.0} and team["mean"] == 7.0
    assert team["normalised"] == {"J1": 0.8, "J2": 0.6} and team["trimmed"] is None
    assert team["threshold"] == 3.0 and team["below_threshold"] is False
    # D2: mean 2 < threshold 3 → eliminated, with the reason; J2's draft is listed as left out
    assert second["ref"] == "D3" and third["ref"] == "D2"
    assert third["elimination"] == [{"criterion": "TEAM", "mean": 2.0, "threshold": 3.0}]
    assert third["explanation"]["left_out"] == [
        {"juror": "J2", "reason": "draft", "scored": 0, "expected": 1}
    ]
    assert second["explanation"]["jurors"] == [] and second["jurors"] == 0


def test_schulze_explanation_names_who_it_beats_with_the_path_strengths() -> None:
    from selection_desk.aggregation import explain, explanation_to_json

    # Three jurors: A > B > C for J1 and J2, C > A > B for J3. d[A,B] = 3, d[B,C] = 2 (d[C,B] =
    # 1), d[A,C] = 2 (d[C,A] = 1): winning-vote links A→B 3, B→C 2, A→C 2, none into A or out of
    # C, so p[C,·] = 0: A beats B (3 vs 0) and C (2 vs 0); B beats C (2 vs 0).
    scores = {
        ("J1", "A"): (9,), ("J1", "B"): (5,), ("J1", "C"): (1,),
        ("J2", "A"): (9,), ("J2", "B"): (5,), ("J2", "C"): (1,),
        ("J3", "A"): (5,), ("J3", "B"): (1,), ("J3", "C"): (9,),
    }  # fmt: skip
    detail = explain(make_input(scores), "B", method=Method.SCHULZE).schulze
    assert detail is not None
    assert [(c.other, c.strength, c.against) for c in detail.beats] == [("C", 2, 0)]
    assert [(c.other, c.strength, c.against) for c in detail.loses_to] == [("A", 0, 3)]
    assert (detail.beats_count, detail.loses_count) == (1, 1)
    as_json = explanation_to_json(explain(make_input(scores), "A", method=Method.SCHULZE))
    assert as_json["schulze"]["beats"] == [
        {"ref": "C", "strength": 2, "against": 0},  # the closest contest first
        {"ref": "B", "strength": 3, "against": 0},
    ]
    assert explain(make_input(scores), "A", method=Method.MEAN).schulze is None
