"""The SQL fast path fills RankingInput exactly as the domain-object path does."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np

from selection_desk.aggregation import RankingInput, build_ranking_input
from selection_desk.domain import Criterion, Review, ReviewStatus, Round, RoundKind, Score
from selection_desk.services.criteria import add_criterion
from selection_desk.services.rounds import add_round, close_round
from selection_desk.storage.store import CampaignStore
from tests.factories import make_campaign_data, make_campaign_file


def assert_same_input(a: RankingInput, b: RankingInput) -> None:
    assert a.criteria == b.criteria
    assert a.dossiers == b.dossiers
    assert a.jurors == b.jurors
    np.testing.assert_array_equal(a.review_juror, b.review_juror)
    np.testing.assert_array_equal(a.review_dossier, b.review_dossier)
    np.testing.assert_array_equal(a.values, b.values)
    np.testing.assert_array_equal(a.confidence, b.confidence)
    assert a.incomplete == b.incomplete
    assert a.settings == b.settings
    assert a.recused == b.recused


def test_fast_path_matches_domain_path_with_drafts_gaps_and_conflicts(tmp_path: Path) -> None:
    data = make_campaign_data(dossiers=6, jurors=4)
    # A draft review, an incomplete final review, scores without a review, a confidence.
    reviews = [
        replace(r, status=ReviewStatus.DRAFT) if (r.juror, r.dossier) == ("J2", "D03") else r
        for r in data.reviews
    ]
    reviews = [
        replace(r, confidence=5) if (r.juror, r.dossier) == ("J3", "D02") else r for r in reviews
    ]
    reviews.append(Review("J1", "D06", ReviewStatus.FINAL))
    scores = [s for s in data.scores if (s.juror, s.dossier, s.criterion) != ("J4", "D05", "TEAM")]
    scores = [s for s in scores if (s.juror, s.dossier) != ("J1", "D06")]
    reviews = [r for r in reviews if (r.juror, r.dossier) != ("J4", "D04")]
    scores.append(Score("J1", "D06", "TEAM", 2.5))
    data = replace(data, reviews=tuple(reviews), scores=tuple(scores))
    path = make_campaign_file(tmp_path / "c.seldesk", data)
    with CampaignStore.open(path, readonly=True) as store:
        fast = store.ranking_input()
        slow = build_ranking_input(store.campaign_data())
    assert_same_input(fast, slow)
    assert len(fast.incomplete) == 4
    assert ("J1", "D01") in fast.recused


def test_fast_path_on_an_empty_campaign(tmp_path: Path) -> None:
    path = make_campaign_file(tmp_path / "c.seldesk", make_campaign_data(scored=False))
    with CampaignStore.open(path, readonly=True) as store:
        fast = store.ranking_input()
        assert_same_input(fast, build_ranking_input(store.campaign_data()))
    assert fast.values.shape == (0, 2)


def test_each_round_reads_its_own_scores_when_its_criteria_ids_are_not_one_run(
    tmp_path: Path,
) -> None:
    """R1's criteria are ids 1, 2 and 5 (IMPACT added after R2 copied TEAM and MARKET as 3 and
    4): the scan keeps two ranges of ids, and neither round sees the other's scores."""
    path = make_campaign_file(tmp_path / "c.seldesk", make_campaign_data(dossiers=5, jurors=3))
    with CampaignStore.open(path) as store:
        add_round(store, Round("R2", "Audition", kind=RoundKind.HEARING), criteria_from="R1")
        add_criterion(store, Criterion("IMPACT", "Impact", 1.0, 0, 5, 0.5), confirm=True)
        with store.transaction():
            store.write_scores(  # % 4: no tie at R1's line, which closing would refuse
                Score(r.juror, r.dossier, "IMPACT", 1.5 + int(r.dossier[1:]) % 4)
                for r in store.reviews()
            )
            store.write_reviews(replace(r, status=ReviewStatus.FINAL) for r in store.reviews())
        close_round(store, "R1")
        store.use_round("R2")
        with store.transaction():
            store.write_scores(
                Score(a.juror, a.dossier, c.code, 4.5 - int(a.juror[1:]) % 2)
                for a in store.assignments()
                for c in store.criteria()
            )
            store.write_reviews(
                Review(a.juror, a.dossier, ReviewStatus.FINAL) for a in store.assignments()
            )
    with CampaignStore.open(path, readonly=True) as store:
        ids = store.db.execute("SELECT round_id, id FROM criterion ORDER BY id").fetchall()
        assert ids == [(1, 1), (1, 2), (2, 3), (2, 4), (1, 5)]
        for code in ("R1", "R2"):
            store.use_round(code)
            fast = store.ranking_input()
            assert_same_input(fast, build_ranking_input(store.campaign_data()))
            pairs = len(store.reviews())  # 14 in R1 (J1 and D01 in conflict), 6 or 5 in R2
            assert fast.values.shape == (pairs, len(store.criteria()))
            assert not np.isnan(fast.values).any()
