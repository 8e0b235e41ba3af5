"""Use case: the final ranking of a campaign in rounds (design §10), each round ranked as the
Ranking page ranks it, combined by :func:`selection_desk.aggregation.final_ranking.combine_rounds`
(the last round alone, or the rounds' weights).

The engine (numpy) loads when a final ranking is computed: :func:`all_rounds_closed` is asked by
the Ranking page as it is built, before the first paint."""

from __future__ import annotations

from typing import TYPE_CHECKING

from selection_desk.storage.store import CampaignStore

if TYPE_CHECKING:
    from selection_desk.aggregation.final_ranking import FinalRanking

FINAL = "final"
"""What ``rank --round`` and ``rank --json``'s ``round`` call the final ranking."""


def all_rounds_closed(store: CampaignStore) -> bool:
    """A campaign in several rounds whose every round is closed: ``rank`` then gives the final
    ranking by default."""
    rounds = store.rounds()
    return len(rounds) > 1 and all(r.closed for r in rounds)


def final_ranking(store: CampaignStore) -> FinalRanking:
    from selection_desk.aggregation.final_ranking import RoundScores, combine_rounds
    from selection_desk.services.ranking import rank_campaign

    current = store.round.code
    results: list[RoundScores] = []
    try:
        for value in store.rounds():
            store.use_round(value.code)
            ranking = rank_campaign(store)
            scores = {entry.ref: entry.score for entry in ranking.entries}
            results.append(RoundScores(value.code, ranking.method, value.weight, scores))
        dossiers = [(d.ref, d.name) for d in store.dossiers()]  # the last round's
        places = ranking.places
    finally:
        store.use_round(current)
    return combine_rounds(results, dossiers, places)
