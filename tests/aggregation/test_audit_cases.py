"""Cases an independent audit asked for: partial panels, conflicts, dominance, bootstrap value."""

from __future__ import annotations

from pathlib import Path
from statistics import mean

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from selection_desk.aggregation import compute_ranking
from selection_desk.domain import Method
from selection_desk.services.ranking import rank_campaign
from selection_desk.storage.store import CampaignStore
from tests.aggregation.panels import by_ref, make_input
from tests.aggregation.test_properties import PROPERTY, Panel, panels
from tests.factories import make_campaign_file


def test_a_dossier_scored_by_eight_of_nine_jurors_and_one_by_a_single_juror() -> None:
    jurors = [f"J{i}" for i in range(1, 10)]
    scores = {(j, "EIGHT"): (i,) for i, j in enumerate(jurors[:8], start=1)}  # 1..8
    scores[("J9", "ONE")] = (7,)
    scores.update({(j, "ALL"): (5,) for j in jurors})
    ranking = compute_ranking(make_input(scores, jurors=jurors), places=1)
    eight, one, everyone = (by_ref(ranking)[ref] for ref in ("EIGHT", "ONE", "ALL"))
    assert (eight.jurors, one.jurors, everyone.jurors) == (8, 1, 9)
    assert eight.score == pytest.approx(10 * mean(range(1, 9)))  # 45: the eight who scored it
    assert one.score == pytest.approx(70.0) and one.spread is None  # one juror: no spread
    assert [entry.ref for entry in ranking.entries] == ["ONE", "ALL", "EIGHT"]
    median = by_ref(compute_ranking(make_input(scores, jurors=jurors), method=Method.MEDIAN))
    assert median["EIGHT"].score == pytest.approx(45.0) and median["ONE"].score == 70.0


def test_a_conflict_never_penalises(tmp_path: Path) -> None:
    # The factory campaign: J1 declared a conflict on D01 and did not score it.
    path = make_campaign_file(tmp_path / "c.seldesk")
    with CampaignStore.open(path, readonly=True) as store:
        ranking = rank_campaign(store)
        criteria = {c.code: c for c in store.criteria()}
        scores = [s for s in store.scores() if s.dossier == "D01"]
    recused = ranking.entry("D01")
    assert recused.jurors == 2 and {s.juror for s in scores} == {"J2", "J3"}
    weights = sum(c.weight for c in criteria.values())

    def total(juror: str) -> float:
        return (
            100
            * sum(
                criteria[s.criterion].weight
                * (s.value - criteria[s.criterion].scale_min)
                / (criteria[s.criterion].scale_max - criteria[s.criterion].scale_min)
                for s in scores
                if s.juror == juror
            )
            / weights
        )

    assert recused.score == pytest.approx((total("J2") + total("J3")) / 2)


@st.composite
def juror_total_dominated_panels(draw: st.DrawFn) -> Panel:
    """Full panel where every juror's *total* for D0 is higher than for D1 — on some criteria
    D0 may score lower (the issue's condition, not criterion-by-criterion dominance)."""
    panel = draw(panels(full=True, thresholds=False))
    scores = dict(panel.scores)
    some_criterion_lower = False
    for juror in panel.jurors:
        first = tuple(draw(st.integers(0, 10)) for _ in panel.criteria)
        second = tuple(draw(st.integers(0, 10)) for _ in panel.criteria)
        scores[(juror, "D0")], scores[(juror, "D1")] = first, second
        trial = Panel(panel.criteria, scores, panel.jurors, panel.dossiers)
        high, low = trial.totals(juror, "D0"), trial.totals(juror, "D1")
        assume(abs(high - low) > 1e-6)
        if high < low:
            scores[(juror, "D0")], scores[(juror, "D1")] = second, first
            first, second = second, first
        some_criterion_lower |= any(a < b for a, b in zip(first, second, strict=True))
    assume(len(panel.criteria) == 1 or some_criterion_lower)
    return Panel(panel.criteria, scores, panel.jurors, panel.dossiers)


@PROPERTY
@given(
    panel=juror_total_dominated_panels(),
    method=st.sampled_from([m for m in Method if m != Method.TRIMMED]),
)
def test_every_juror_total_higher_ranks_higher(panel: Panel, method: Method) -> None:
    ranking = compute_ranking(panel.ranking_input(), method=method)
    ranks = {entry.ref: entry.rank for entry in ranking.entries}
    assert ranks["D0"] < ranks["D1"]


def test_bootstrap_p_top_has_the_exact_expected_value_on_a_tiny_panel() -> None:
    # Two jurors, two dossiers, one place. J1: A 90, B 10; J2: A 40, B 60. A resample draws two
    # jurors with replacement: {J1, J1} (¼) and {J1, J2} (½) select A (mean 90 vs 10, 65 vs 35),
    # {J2, J2} (¼) selects B. So p_top(A) = ¾ and p_top(B) = ¼ exactly in expectation; with
    # 4,000 resamples the standard error is √(¾·¼/4000) ≈ 0.007.
    scores = {("J1", "A"): (9,), ("J1", "B"): (1,), ("J2", "A"): (4,), ("J2", "B"): (6,)}
    ranking = compute_ranking(make_input(scores), places=1, bootstrap=4000, seed=11)
    p_a, p_b = by_ref(ranking)["A"].p_top, by_ref(ranking)["B"].p_top
    assert p_a is not None and p_b is not None
    assert p_a == pytest.approx(0.75, abs=0.03) and p_b == pytest.approx(0.25, abs=0.03)
    assert p_a + p_b == pytest.approx(1.0)  # never both, never neither: no ties possible
    assert by_ref(ranking)["A"].rank_interval == (1, 2)
