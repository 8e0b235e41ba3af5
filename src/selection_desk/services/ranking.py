"""Use case: rank a campaign from its file (recomputed from the scores, never stored as truth)."""

from __future__ import annotations

from dataclasses import replace

from selection_desk.aggregation import (
    DossierExplanation,
    Ranking,
    RankingInput,
    RankingSettings,
    build_ranking_input,
    compute_ranking,
    explain_all,
)
from selection_desk.aggregation.ranking import rank_with_workings
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
    ranking_input = _ranking_input(store, method, places)
    return compute_ranking(ranking_input, bootstrap=bootstrap, seed=seed)


def rank_and_explain_campaign(
    store: CampaignStore,
    *,
    method: Method | None = None,
    places: int | None = None,
    bootstrap: int = 0,
    seed: int = 0,
) -> tuple[Ranking, dict[str, DossierExplanation]]:
    """:func:`rank_campaign` and every dossier's explanation, from one ranking."""
    ranking_input = _ranking_input(store, method, places)
    workings = rank_with_workings(ranking_input, bootstrap=bootstrap, seed=seed)
    return workings.ranking, explain_all(ranking_input, workings=workings)


def _ranking_input(store: CampaignStore, method: Method | None, places: int | None) -> RankingInput:
    settings = RankingSettings.from_campaign(store.campaign())
    if method is not None:
        settings = replace(settings, method=method)
    if places is not None:
        settings = replace(settings, places=places)
    return store.ranking_input(settings)


__all__ = ["build_ranking_input", "rank_and_explain_campaign", "rank_campaign"]
