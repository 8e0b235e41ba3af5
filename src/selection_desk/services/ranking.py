"""Use case: rank a campaign (recomputed from the scores, never stored as truth).

The one home of the campaign's stability setting: every p_top the app shows or prints — the
Ranking page, the deliberation, the minutes, ``rank --bootstrap`` — is a bootstrap over jurors with
the campaign's resamples and seed (:attr:`RankingSettings.stability`), so the same campaign gives
the same p_top everywhere.  Only ``rank --bootstrap B --seed S`` overrides it, explicitly.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

from selection_desk.aggregation import (
    BootstrapRun,
    DossierExplanation,
    Ranking,
    RankingInput,
    RankingSettings,
    build_ranking_input,
    explain_all,
)
from selection_desk.aggregation.ranking import Workings, rank_with_workings
from selection_desk.domain import Method
from selection_desk.storage.store import CampaignStore


def stability_run(
    settings: RankingSettings, bootstrap: int | None = None, seed: int | None = None
) -> BootstrapRun | None:
    """The bootstrap to run: the campaign's setting, with the resamples and seed a caller gives
    instead (``None``: the campaign's); ``bootstrap`` 0: none."""
    resamples = settings.stability.resamples if bootstrap is None else bootstrap
    if not resamples:
        return None
    return BootstrapRun(resamples, settings.stability.seed if seed is None else seed)


def stable_ranking(
    ranking_input: RankingInput,
    *,
    method: Method | None = None,
    weights: Mapping[str, float] | None = None,
    bootstrap: int | None = None,
    seed: int | None = None,
) -> Ranking:
    """The ranking with p_top and rank intervals from the campaign's stability setting (what the
    Ranking page, the deliberation and the minutes show); ``bootstrap`` and ``seed`` override it as
    in :func:`stability_run`."""
    run = stability_run(ranking_input.settings, bootstrap, seed)
    return _workings(ranking_input, method, weights, run).ranking


def rank_campaign(
    store: CampaignStore,
    *,
    method: Method | None = None,
    places: int | None = None,
    bootstrap: int | None = 0,
    seed: int | None = None,
) -> Ranking:
    """The campaign's ranking; ``bootstrap`` resamples (``None``: the campaign's setting; 0, the
    default: no stability, the quick ranking) drawn from ``seed`` (``None``: the campaign's)."""
    ranking_input = campaign_ranking_input(store, method, places)
    run = stability_run(ranking_input.settings, bootstrap, seed)
    return _workings(ranking_input, None, None, run).ranking


def rank_campaign_keeping_input(store: CampaignStore) -> tuple[Ranking, RankingInput]:
    """:func:`rank_campaign` (the quick ranking) and the input it was computed from: a caller that
    goes on to what-ifs (the Ranking page) starts from that input instead of reading the scores
    again."""
    ranking_input = campaign_ranking_input(store)
    return _workings(ranking_input, None, None, None).ranking, ranking_input


def rank_and_explain_campaign(
    store: CampaignStore,
    *,
    method: Method | None = None,
    places: int | None = None,
    bootstrap: int | None = 0,
    seed: int | None = None,
    refs: Iterable[str] | None = None,
) -> tuple[Ranking, dict[str, DossierExplanation]]:
    """:func:`rank_campaign` and the explanation of every dossier (or of the dossiers ``refs``:
    an unknown ref raises ``NotFound``), from one ranking."""
    ranking_input = campaign_ranking_input(store, method, places)
    return rank_and_explain(ranking_input, bootstrap=bootstrap, seed=seed, refs=refs)


def rank_and_explain(
    ranking_input: RankingInput,
    *,
    bootstrap: int | None = 0,
    seed: int | None = None,
    refs: Iterable[str] | None = (),
) -> tuple[Ranking, dict[str, DossierExplanation]]:
    """The ranking of a loaded input and the explanations of ``refs`` (``None``: every dossier;
    none by default), as :func:`rank_and_explain_campaign`."""
    run = stability_run(ranking_input.settings, bootstrap, seed)
    workings = _workings(ranking_input, None, None, run)
    if refs is not None and not refs:
        return workings.ranking, {}
    return workings.ranking, explain_all(ranking_input, refs, workings=workings)


def _workings(
    ranking_input: RankingInput,
    method: Method | None,
    weights: Mapping[str, float] | None,
    run: BootstrapRun | None,
) -> Workings:
    return rank_with_workings(
        ranking_input,
        method=method,
        weights=weights,
        bootstrap=run.resamples if run else 0,
        seed=run.seed if run else 0,
    )


def campaign_ranking_input(
    store: CampaignStore, method: Method | None = None, places: int | None = None
) -> RankingInput:
    """The campaign's scores as the engine reads them, with the campaign's settings (``method``
    and ``places`` replacing its own when given): load it once to rank it and compare methods."""
    settings = RankingSettings.from_campaign(store.round_campaign())
    if method is not None:
        settings = replace(settings, method=method)
    if places is not None:
        settings = replace(settings, places=places)
    return store.ranking_input(settings)


__all__ = [
    "build_ranking_input",
    "campaign_ranking_input",
    "rank_and_explain",
    "rank_and_explain_campaign",
    "rank_campaign",
    "rank_campaign_keeping_input",
    "stability_run",
    "stable_ranking",
]
