"""The ranking as JSON (design §6, ``rank --json``): a stable shape for scripts.

Keys, in order: ``campaign``, ``method``, ``places``, ``ranking`` (best first; each entry has
``rank``, ``ref``, ``name``, ``score``, ``points`` — only for the methods that define points —,
``jurors``, ``spread``, ``flagged``, ``tied``, ``eliminated``, ``p_top`` — only when a bootstrap
was run —, ``criteria``: the mean per criterion code), ``agreement``, ``incomplete_reviews``.
Numbers are plain JSON numbers (not rounded for display); missing values are ``null``.

Added after those keys (existing keys never change), per entry:

* ``rank_interval``: ``[low, high]``, the bootstrap 90 % interval of the rank — only when a
  bootstrap was run;
* ``elimination``: only when eliminated: a list of ``{"criterion", "mean", "threshold"}``, one per
  criterion whose mean is below its eliminatory threshold;
* ``explanation`` — only when explanations are asked for (``rank --explain``: every dossier;
  ``rank --explain REF``: that dossier):
  ``jurors`` (per counted juror: ``juror``, ``total`` T, ``points`` P, ``counted``, ``weight``,
  ``confidence``; zscore adds ``juror_mean``, ``juror_sd``, ``z``; borda adds ``borda_rank``,
  ``borda_of``, ``borda_points``), ``criteria`` (per criterion: ``criterion``, ``weight``,
  ``scores`` and ``normalised`` — juror → value —, ``mean``, ``aggregate`` — what the method used —,
  ``points`` — mean and trimmed: w × aggregate, rounded as the points are, summing to them —,
  ``trimmed`` — ``{"high": juror, "low": juror}`` or ``null`` —, ``threshold``,
  ``below_threshold``), ``left_out`` (``juror``, ``reason``, ``scored``, ``expected``) and, for
  schulze, ``schulze``: ``beats`` and ``loses_to`` (``ref``, ``strength`` p[this, other],
  ``against`` p[other, this]; the closest 50 contests first) with ``beats_count``, ``loses_count``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from selection_desk.aggregation.explanation import DossierExplanation
from selection_desk.aggregation.methods import METHODS_WITH_POINTS
from selection_desk.aggregation.ranking import RankedDossier, Ranking


def ranking_to_json(
    ranking: Ranking,
    campaign_name: str,
    explanations: Mapping[str, DossierExplanation] | None = None,
) -> dict[str, Any]:
    """The ``rank --json`` object; ``explanations`` (from ``explain_all``) add ``explanation``."""
    with_points = ranking.method in METHODS_WITH_POINTS
    with_p_top = ranking.bootstrap is not None
    given = explanations or {}
    return {
        "campaign": campaign_name,
        "method": ranking.method.value,
        "places": ranking.places,
        "ranking": [
            _entry(entry, with_points, with_p_top, ranking.thresholds, given.get(entry.ref))
            for entry in ranking.entries
        ],
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


def _entry(
    entry: RankedDossier,
    with_points: bool,
    with_p_top: bool,
    thresholds: Mapping[str, float],
    explanation: DossierExplanation | None,
) -> dict[str, Any]:
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
    if with_p_top:
        item["rank_interval"] = None if entry.rank_interval is None else list(entry.rank_interval)
    if entry.eliminated:
        item["elimination"] = [
            {"criterion": code, "mean": entry.criteria[code], "threshold": thresholds.get(code)}
            for code in entry.eliminated_by
        ]
    if explanation is not None:
        item["explanation"] = explanation_to_json(explanation)
    return item


def explanation_to_json(explanation: DossierExplanation) -> dict[str, Any]:
    """The ``explanation`` object of ``rank --json`` (see the module docstring); public, stable."""
    jurors = []
    for juror in explanation.jurors:
        row: dict[str, Any] = {
            "juror": juror.juror,
            "total": juror.total,
            "points": juror.points,
            "counted": juror.counted,
            "weight": juror.weight,
            "confidence": juror.confidence,
        }
        if juror.z is not None or juror.juror_mean is not None:
            row.update(juror_mean=juror.juror_mean, juror_sd=juror.juror_sd, z=juror.z)
        if juror.borda_rank is not None:
            row.update(
                borda_rank=juror.borda_rank,
                borda_of=juror.borda_of,
                borda_points=juror.borda_points,
            )
        jurors.append(row)
    result: dict[str, Any] = {
        "jurors": jurors,
        "criteria": [
            {
                "criterion": detail.criterion,
                "weight": detail.weight,
                "scores": dict(detail.scores),
                "normalised": dict(detail.normalised),
                "mean": detail.mean,
                "aggregate": detail.aggregate,
                "points": detail.points,
                "trimmed": None
                if detail.dropped_high is None
                else {"high": detail.dropped_high, "low": detail.dropped_low},
                "threshold": detail.threshold,
                "below_threshold": detail.below_threshold,
            }
            for detail in explanation.criteria
        ],
        "left_out": [
            {
                "juror": left.juror,
                "reason": left.reason.value,
                "scored": left.scored,
                "expected": left.expected,
            }
            for left in explanation.left_out
        ],
    }
    if explanation.schulze is not None:
        schulze = explanation.schulze
        result["schulze"] = {
            "beats": [
                {"ref": c.other, "strength": c.strength, "against": c.against}
                for c in schulze.beats
            ],
            "loses_to": [
                {"ref": c.other, "strength": c.strength, "against": c.against}
                for c in schulze.loses_to
            ],
            "beats_count": schulze.beats_count,
            "loses_count": schulze.loses_count,
        }
    return result
