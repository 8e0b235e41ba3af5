"""Every method of design §5 on small panels worked out by hand (the arithmetic is in comments)."""

from __future__ import annotations

import math

import pytest

from selection_desk.aggregation import RankingSettings, compute_ranking
from selection_desk.domain import Criterion, Method
from tests.aggregation.panels import by_ref, make_input, order

# Two criteria: A (weight 2, scale 0–10) and B (weight 1, scale 0–5).
A = Criterion("A", "Team", 2.0, 0, 10, 0.5)
B = Criterion("B", "Market", 1.0, 0, 5, 0.5)


def two_criteria_panel() -> dict[tuple[str, str], tuple[float, float]]:
    return {
        ("J1", "D1"): (8, 4),  # u = (0.8, 0.8): T = 100·(2·0.8 + 0.8)/3 = 80;  P = 2·8 + 4 = 20
        ("J2", "D1"): (6, 3),  # u = (0.6, 0.6): T = 60;                       P = 15
        ("J3", "D1"): (7, 5),  # u = (0.7, 1.0): T = 100·(1.4 + 1)/3 = 80;     P = 19
        ("J1", "D2"): (5, 2),  # u = (0.5, 0.4): T = 100·(1.0 + 0.4)/3 = 46.67; P = 12
        ("J2", "D2"): (6, 2),  # u = (0.6, 0.4): T = 100·(1.2 + 0.4)/3 = 53.33; P = 14
    }


def test_mean_of_juror_totals_and_points() -> None:
    ranking = compute_ranking(make_input(two_criteria_panel(), criteria=(A, B)))
    d1, d2 = by_ref(ranking)["D1"], by_ref(ranking)["D2"]
    assert d1.score == pytest.approx((80 + 60 + 80) / 3)  # 73.33
    assert d1.points == pytest.approx((20 + 15 + 19) / 3)  # 18
    assert d2.score == pytest.approx(50.0)  # (46.67 + 53.33) / 2
    assert d2.points == pytest.approx(13.0)  # (12 + 14) / 2
    assert d1.criteria == pytest.approx({"A": 7.0, "B": 4.0})
    assert d2.criteria == pytest.approx({"A": 5.5, "B": 2.0})
    # Spread: sample standard deviation of (80, 60, 80) = sqrt(((6.67)² + (13.33)² + (6.67)²) / 2)
    assert d1.spread == pytest.approx(math.sqrt(800 / 3 / 2))
    assert (d1.jurors, d2.jurors) == (3, 2)
    assert order(ranking) == [(1, "D1"), (2, "D2")]
    assert ranking.method is Method.MEAN


def test_median_of_juror_totals_odd_and_even_panels() -> None:
    scores = {
        ("J1", "D1"): (8,), ("J2", "D1"): (6,), ("J3", "D1"): (7,), ("J4", "D1"): (9,),
        # D1 totals 80, 60, 70, 90: even count, median = (70 + 80) / 2 = 75
        ("J1", "D2"): (5,), ("J2", "D2"): (9,), ("J3", "D2"): (4,),
        # D2 totals 50, 90, 40: median 50
    }  # fmt: skip
    ranking = compute_ranking(make_input(scores), method=Method.MEDIAN)
    assert by_ref(ranking)["D1"].score == pytest.approx(75.0)
    assert by_ref(ranking)["D2"].score == pytest.approx(50.0)
    assert by_ref(ranking)["D1"].points is None  # points are defined for mean and trimmed only


def test_trimmed_drops_one_highest_and_one_lowest_score_per_criterion() -> None:
    scores = {
        # D1: 9, 2, 6, 7 → drop 9 and 2 → (6 + 7)/2 = 6.5 → A = 65, points 6.5
        ("J1", "D1"): (9,), ("J2", "D1"): (2,), ("J3", "D1"): (6,), ("J4", "D1"): (7,),
        # D2: two jurors only → nothing dropped → (8 + 4)/2 = 6 → 60
        ("J1", "D2"): (8,), ("J2", "D2"): (4,),
        # D3: 5, 5, 5 → one 5 dropped each side even though tied → 5 → 50
        ("J1", "D3"): (5,), ("J2", "D3"): (5,), ("J3", "D3"): (5,),
    }  # fmt: skip
    ranking = compute_ranking(make_input(scores), method=Method.TRIMMED)
    entries = by_ref(ranking)
    assert (entries["D1"].score, entries["D1"].points) == pytest.approx((65.0, 6.5))
    assert entries["D2"].score == pytest.approx(60.0)
    assert entries["D3"].score == pytest.approx(50.0)
    assert entries["D1"].criteria == {"Q": 6.0}  # the plain mean is still what ``criteria`` shows


def test_trimmed_formula_with_weights_and_a_scale_not_starting_at_zero() -> None:
    a = Criterion("A", "A", 3.0, 0, 10, 1)
    b = Criterion("B", "B", 1.0, 1, 5, 1)
    scores = {("J1", "D1"): (4, 5), ("J2", "D1"): (8, 1), ("J3", "D1"): (6, 3)}
    # m_A = 6 (4 and 8 dropped), m_B = 3 (5 and 1 dropped)
    # A = 100·(3·(6 − 0)/10 + 1·(3 − 1)/4) / 4 = 100·(1.8 + 0.5)/4 = 57.5; points 3·6 + 3 = 21
    ranking = compute_ranking(make_input(scores, criteria=(a, b)), method=Method.TRIMMED)
    entry = ranking.entries[0]
    assert (entry.score, entry.points) == pytest.approx((57.5, 21.0))


def test_trimmed_can_invert_a_dossier_every_juror_prefers() -> None:
    """The trimmed mean works per criterion, so it can rank D2 above D1 although every juror's
    total is higher for D1 — the documented price of its robustness."""
    a = Criterion("A", "A", 1.0, 0, 10, 1)
    b = Criterion("B", "B", 1.0, 0, 10, 1)
    scores = {
        ("J1", "D1"): (10, 0), ("J2", "D1"): (0, 10), ("J3", "D1"): (3, 3),  # T 50, 50, 30
        ("J1", "D2"): (4, 4), ("J2", "D2"): (4, 4), ("J3", "D2"): (2, 2),  # T 40, 40, 20
    }  # fmt: skip
    # Trimmed: D1 m_A = 3 (10, 0 dropped), m_B = 3 → 30; D2 m_A = m_B = 4 (4 and 2 dropped) → 40.
    ranking_input = make_input(scores, criteria=(a, b))
    trimmed = compute_ranking(ranking_input, method=Method.TRIMMED)
    assert order(trimmed) == [(1, "D2"), (2, "D1")]
    assert by_ref(trimmed)["D1"].score == pytest.approx(30.0)
    assert by_ref(trimmed)["D2"].score == pytest.approx(40.0)
    assert order(compute_ranking(ranking_input, method=Method.MEAN))[0] == (1, "D1")


def zscore_panel() -> dict[tuple[str, str], tuple[float]]:
    return {
        # J1: totals 80, 60, 40 → μ = 60, σ = sqrt((400 + 0 + 400)/3) = 16.33
        # → z = 1.2247, 0, −1.2247
        ("J1", "D1"): (8,), ("J1", "D2"): (6,), ("J1", "D3"): (4,),
        # J2: 50, 50 → σ = 0: no ranking information, left out
        ("J2", "D1"): (5,), ("J2", "D2"): (5,),
        # J3: a single dossier: left out
        ("J3", "D3"): (7,),
        # J4: 90, 30 → μ = 60, σ = 30 → z = 1, −1
        ("J4", "D1"): (9,), ("J4", "D2"): (3,),
    }  # fmt: skip


def test_zscore_standardises_each_juror_and_leaves_out_the_uninformative() -> None:
    ranking_input = make_input(zscore_panel(), dossiers=["D1", "D2", "D3", "D4"])
    ranking = compute_ranking(ranking_input, method=Method.ZSCORE)
    z = math.sqrt(1.5)  # 20 / 16.33
    entries = by_ref(ranking)
    assert entries["D1"].score == pytest.approx((z + 1) / 2)  # 1.1124
    assert entries["D2"].score == pytest.approx((0 - 1) / 2)  # −0.5
    assert entries["D3"].score == pytest.approx(-z)  # J3 left out
    assert entries["D4"].score is None  # nobody scored it: no aggregate, listed last
    assert order(ranking) == [(1, "D1"), (2, "D2"), (3, "D3"), (4, "D4")]


def test_borda_average_ranks_for_ties_and_default_for_unscored() -> None:
    scores = {
        # J1: totals 80, 60, 60, 40 → ranks 1, 2.5, 2.5, 4 (n = 4) → 100·(4 − r)/3 = 100, 50, 50, 0
        ("J1", "D1"): (8,), ("J1", "D2"): (6,), ("J1", "D3"): (6,), ("J1", "D4"): (4,),
        # J2: 50, 70 → ranks 2, 1 (n = 2) → 0, 100
        ("J2", "D1"): (5,), ("J2", "D2"): (7,),
        # J3: one dossier: left out
        ("J3", "D3"): (9,),
    }  # fmt: skip
    ranking_input = make_input(scores, dossiers=["D1", "D2", "D3", "D4", "D5"])
    ranking = compute_ranking(ranking_input, method=Method.BORDA)
    entries = by_ref(ranking)
    assert entries["D1"].score == pytest.approx(50.0)  # (100 + 0)/2
    assert entries["D2"].score == pytest.approx(75.0)  # (50 + 100)/2
    assert entries["D3"].score == pytest.approx(50.0)  # J1 only
    assert entries["D4"].score == pytest.approx(0.0)
    assert entries["D5"].score is None  # nobody scored it: no aggregate, listed last
    assert order(ranking) == [(1, "D2"), (2, "D1"), (2, "D3"), (4, "D4"), (5, "D5")]
    assert all(entries[ref].tied for ref in ("D1", "D3"))


def test_schulze_on_the_classic_example_with_a_condorcet_cycle() -> None:
    """Schulze (2011) §3.1 / Wikipedia: 45 voters, 5 candidates; pairwise majorities form cycles,
    strongest paths give E > A > C > B > D."""
    ballots = {"ACBED": 5, "ADECB": 5, "BEDAC": 8, "CABED": 3, "CAEBD": 7, "CBADE": 2,
               "DCEBA": 7, "EBADC": 8}  # fmt: skip
    scores: dict[tuple[str, str], tuple[float]] = {}
    voter = 0
    for ballot, count in ballots.items():
        for _ in range(count):
            voter += 1
            for position, candidate in enumerate(ballot):
                scores[(f"V{voter:02d}", candidate)] = (10 - 2 * position,)
    ranking = compute_ranking(make_input(scores), method=Method.SCHULZE)
    assert order(ranking) == [(1, "E"), (2, "A"), (3, "C"), (4, "B"), (5, "D")]
    assert [entry.score for entry in ranking.entries] == [
        4.0,
        3.0,
        2.0,
        1.0,
        0.0,
    ]  # dossiers beaten


def test_schulze_perfect_cycle_is_a_tie_for_everyone() -> None:
    scores = {
        ("J1", "A"): (9,), ("J1", "B"): (5,), ("J1", "C"): (1,),  # A > B > C
        ("J2", "B"): (9,), ("J2", "C"): (5,), ("J2", "A"): (1,),  # B > C > A
        ("J3", "C"): (9,), ("J3", "A"): (5,), ("J3", "B"): (1,),  # C > A > B
    }  # fmt: skip
    # Every pairwise majority is 2 to 1 and every strongest path is 2: nobody beats anybody.
    ranking = compute_ranking(make_input(scores), method=Method.SCHULZE)
    assert order(ranking) == [(1, "A"), (1, "B"), (1, "C")]
    assert all(entry.tied and entry.score == 0.0 for entry in ranking.entries)


def test_schulze_counts_only_jurors_who_completed_both_dossiers() -> None:
    scores = {
        ("J1", "A"): (8,), ("J1", "B"): (6,),  # A > B
        ("J2", "B"): (9,), ("J2", "C"): (3,),  # B > C
        ("J3", "C"): (9,),  # C alone: no preference expressed
    }  # fmt: skip
    ranking = compute_ranking(make_input(scores, dossiers=["A", "B", "C", "D"]),
                              method=Method.SCHULZE)  # fmt: skip
    # Path A → B → C: A beats B and C, B beats C; D has no juror: no aggregate, listed last.
    assert order(ranking) == [(1, "A"), (2, "B"), (3, "C"), (4, "D")]
    assert by_ref(ranking)["D"].score is None


@pytest.mark.parametrize("method", list(Method))
def test_dossier_nobody_scored_has_no_score_and_is_listed_after_the_scored(method: Method) -> None:
    ranking_input = make_input({("J1", "D1"): (2,)}, dossiers=["D0", "D1", "D2"])
    ranking = compute_ranking(ranking_input, method=method)
    assert order(ranking) == [(1, "D1"), (2, "D0"), (2, "D2")]
    unscored = by_ref(ranking)["D0"]
    assert (unscored.score, unscored.jurors, unscored.spread) == (None, 0, None)
    assert unscored.criteria == {"Q": None}
    assert unscored.tied and not unscored.eliminated and not unscored.above_cutoff


@pytest.mark.parametrize("method", list(Method))
def test_a_dossier_nobody_scored_is_never_within_the_places(method: Method) -> None:
    # Three scored dossiers, two unscored ones, four places: only the scored ones are selected,
    # in every bootstrap resample too (zscore and borda used to give them 0 and 50).
    scores = {
        ("J1", "D1"): (9,), ("J1", "D2"): (2,), ("J1", "D3"): (1,),
        ("J2", "D1"): (8,), ("J2", "D2"): (3,), ("J2", "D3"): (1,),
    }  # fmt: skip
    ranking_input = make_input(scores, dossiers=["D1", "D2", "D3", "E1", "E2"])
    ranking = compute_ranking(ranking_input, method=method, places=4, bootstrap=50, seed=3)
    assert [entry.ref for entry in ranking.entries][3:] == ["E1", "E2"]
    for ref in ("E1", "E2"):
        unscored = by_ref(ranking)[ref]
        assert unscored.score is None and unscored.jurors == 0
        assert not unscored.above_cutoff and unscored.p_top == 0.0
    assert [entry.ref for entry in ranking.selected] == ["D1", "D2", "D3"]


def test_settings_choose_the_method_unless_the_call_does() -> None:
    ranking_input = make_input(zscore_panel(), settings=RankingSettings(method=Method.BORDA))
    assert compute_ranking(ranking_input).method is Method.BORDA
    assert compute_ranking(ranking_input, method=Method.MEDIAN).method is Method.MEDIAN
