"""The ranking as JSON (design §6, ``rank --json``): a stable shape for scripts.

Keys, in order: ``campaign``, ``method``, ``places``, ``ranking`` (best first; each entry has
``rank``, ``ref``, ``name``, ``score``, ``points`` — only for the methods that define points —,
``jurors``, ``spread``, ``flagged``, ``tied``, ``eliminated``, ``p_top`` — only when a bootstrap
was run —, ``criteria``: the mean per criterion code), ``agreement``, ``incomplete_reviews``.
Numbers are plain JSON numbers (not rounded for display); missing values are ``null``.
"""

from __future__ import annotations

from typing import Any

from selection_desk.aggregation.methods import METHODS_WITH_POINTS
from selection_desk.aggregation.ranking import RankedDossier, Ranking


def ranking_to_json(ranking: Ranking, campaign_name: str) -> dict[str, Any]:
    with_points = ranking.method in METHODS_WITH_POINTS
    with_p_top = ranking.bootstrap is not None
    return {
        "campaign": campaign_name,
        "method": ranking.method.value,
        "places": ranking.places,
        "ranking": [_entry(entry, with_points, with_p_top) for entry in ranking.entries],
        "agreement": ranking.agreement,
        "incomplete_reviews": [
            {
                "juror": review.juror,
                "dossier": review.dossier,
                "status": review.status.value,
                "scored": review.scored,
                "expected": review.expected,
            }
            for review in ranking.incomplete_reviews
        ],
    }


def _entry(entry: RankedDossier, with_points: bool, with_p_top: bool) -> dict[str, Any]:
    item: dict[str, Any] = {
        "rank": entry.rank,
        "ref": entry.ref,
        "name": entry.name,
        "score": entry.score,
    }
    if with_points:
        item["points"] = entry.points
    item.update(
        jurors=entry.jurors,
        spread=entry.spread,
        flagged=entry.flagged,
        tied=entry.tied,
        eliminated=entry.eliminated,
    )
    if with_p_top:
        item["p_top"] = entry.p_top
    item["criteria"] = dict(entry.criteria)
    return item
