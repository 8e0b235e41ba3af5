"""Use case: the §12 figures of a campaign's ranking (the selection under every method)."""

from __future__ import annotations

from dataclasses import replace

from selection_desk.aggregation import Ranking, RankingInput, RankingSettings
from selection_desk.aggregation.robustness import Robustness, selection_by_method
from selection_desk.storage.store import CampaignStore


def campaign_robustness(store: CampaignStore, ranking: Ranking) -> Robustness:
    """What every method selects from the campaign's scores, at ``ranking``'s places and with its
    weights."""
    settings = replace(RankingSettings.from_campaign(store.round_campaign()), places=ranking.places)
    return selection_by_method(store.ranking_input(settings), weights=ranking.weights)


def input_robustness(ranking_input: RankingInput, ranking: Ranking) -> Robustness:
    """:func:`campaign_robustness` from the input ``ranking`` was computed from (loaded once)."""
    return selection_by_method(ranking_input, places=ranking.places, weights=ranking.weights)
