"""The final ranking of a campaign in rounds (design §10), against an independent computation."""

from __future__ import annotations

import random

import pytest

from selection_desk.aggregation.final_ranking import RoundScores, combine_rounds
from selection_desk.domain import Method
from selection_desk.errors import InvalidInput

DOSSIERS = [(f"D{i:02d}", f"Start-up {i}") for i in range(1, 21)]


def _rounds(seed: int) -> list[RoundScores]:
    generator = random.Random(seed)
    first = {ref: round(generator.uniform(0, 100), 3) for ref, _name in DOSSIERS}
    shortlist = [ref for ref, _name in DOSSIERS[:8]]
    second: dict[str, float | None] = {
        ref: round(generator.uniform(0, 100), 3) for ref in shortlist
    }
    second[shortlist[-1]] = None  # taking part, not scored: only round 1 counts for it
    return [
        RoundScores("R1", Method.MEAN, 40.0, first),
        RoundScores("R2", Method.BORDA, 60.0, second),
    ]


def _by_hand(rounds: list[RoundScores], refs: list[str]) -> dict[str, float]:
    """Σ λ_r·A_r / Σ λ_r over the rounds each dossier was scored in, written out."""
    combined = {}
    for ref in refs:
        numerator = denominator = 0.0
        for one_round in rounds:
            value = one_round.scores.get(ref)
            if value is not None and one_round.weight is not None:
                numerator += one_round.weight * value
                denominator += one_round.weight
        combined[ref] = numerator / denominator
    return combined


@pytest.mark.parametrize("seed", range(5))
def test_weights_combine_each_rounds_score_as_the_formula_says(seed: int) -> None:
    rounds = _rounds(seed)
    finalists = DOSSIERS[:8]
    final = combine_rounds(rounds, finalists, places=4)
    expected = _by_hand(rounds, [ref for ref, _name in finalists])
    assert final.weighted
    assert {e.ref: e.score for e in final.entries} == pytest.approx(expected)
    assert [e.ref for e in final.entries] == sorted(expected, key=lambda r: (-expected[r], r))
    assert [e.rank for e in final.entries] == list(range(1, 9))
    both = next(e for e in final.entries if len(e.shares) == 2)
    assert both.explanation().startswith(f"Final score {both.score:.2f} = (40 × ")
    assert both.explanation().endswith(" (R2)) / 100.")
    (alone,) = [e for e in final.entries if e.ref == "D08"]  # not scored in R2
    assert alone.explanation().endswith(" (R1)) / 40.")


def test_without_weights_the_last_round_alone_ranks() -> None:
    rounds = [
        RoundScores("R1", Method.ZSCORE, None, {"D01": 1.5, "D02": -0.3}),
        RoundScores("R2", Method.MEAN, None, {"D01": 40.0, "D02": 75.0}),
    ]
    final = combine_rounds(rounds, DOSSIERS[:2], places=1)
    assert not final.weighted
    assert [(e.ref, e.score) for e in final.entries] == [("D02", 75.0), ("D01", 40.0)]
    assert final.entries[0].explanation() == "Final score 75.00: round R2 alone."


@pytest.mark.parametrize("method", [Method.ZSCORE, Method.SCHULZE])
def test_a_weighted_round_off_the_0_100_scale_is_refused(method: Method) -> None:
    rounds = [
        RoundScores("R1", method, 40.0, {"D01": 1.0}),
        RoundScores("R2", Method.MEAN, 60.0, {"D01": 50.0}),
    ]
    with pytest.raises(InvalidInput, match=f"Round R1 is ranked by the method {method.value}"):
        combine_rounds(rounds, DOSSIERS[:1], places=1)


def test_equal_final_scores_share_a_rank() -> None:
    rounds = [RoundScores("R1", Method.MEAN, 1.0, {"D01": 50.0, "D02": 50.0, "D03": 20.0})]
    final = combine_rounds(rounds, DOSSIERS[:3], places=1)
    assert [(e.rank, e.ref) for e in final.entries] == [(1, "D01"), (1, "D02"), (3, "D03")]
