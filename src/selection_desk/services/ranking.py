"""Use case: rank a campaign from its file (recomputed from the scores, never stored as truth)."""

from __future__ import annotations

from dataclasses import replace

from selection_desk.aggregation import (
    Ranking,
    RankingSettings,
    build_ranking_input,
    compute_ranking,
)
from selection_desk.domain import Method
from selection_desk.storage.store import CampaignStore


def rank_campaign(
    store: CampaignStore,
    *,
    method: Method | None = None,
    places: int | None = None,
    bootstrap: int = 0,
    seed: int = 0,
) -> Ranking:
    settings = RankingSettings.from_campaign(store.campaign())
    if method is not None:
        settings = replace(settings, method=method)
    if places is not None:
        settings = replace(settings, places=places)
    ranking_input = store.ranking_input(settings)
    return compute_ranking(ranking_input, bootstrap=bootstrap, seed=seed)


__all__ = ["build_ranking_input", "rank_campaign"]
