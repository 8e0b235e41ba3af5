"""The SQL fast path fills RankingInput exactly as the domain-object path does."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np

from selection_desk.aggregation import RankingInput, build_ranking_input
from selection_desk.domain import Review, ReviewStatus, Score
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
