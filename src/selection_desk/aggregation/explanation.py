"""Why a dossier has its score: every number behind one entry of the ranking, and what was left out.

For the committee (and the minutes): each juror's total T and points P, how much the juror weighs
in the method's aggregate (and if not at all, why), the per-criterion scores, means and the values
the method used (the trimmed mean names the jurors whose scores were dropped: among equal scores,
the first juror in the campaign's order), and the reviews that did not count.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import numpy as np

from selection_desk.aggregation.inputs import RankingInput
from selection_desk.aggregation.methods import juror_borda_points, juror_z_scores
from selection_desk.aggregation.numerics import FloatArray, IntArray, optional_floats
from selection_desk.aggregation.ranking import RankedDossier, Workings, rank_with_workings
from selection_desk.domain.model import Method, ReviewStatus
from selection_desk.errors import NotFound, define_message, render_message
from selection_desk.i18n import N_

UNKNOWN_DOSSIER = define_message("aggregation_unknown_dossier", N_("Unknown dossier {dossier}."))


class LeftOutReason(StrEnum):
    DRAFT = "draft"
    INCOMPLETE = "incomplete"
    RECUSED = "recused"
    NO_VARIATION = "no_variation"
    """zscore: the juror gave every completed dossier the same total (σ = 0)."""
    TOO_FEW_DOSSIERS = "too_few_dossiers"
    """zscore, borda: the juror completed fewer than 2 dossiers."""


LEFT_OUT_MESSAGES = {
    LeftOutReason.DRAFT: define_message(
        "aggregation_left_out_draft",
        N_("Review still a draft ({scored} of {expected} criteria scored): not counted."),
    ),
    LeftOutReason.INCOMPLETE: define_message(
        "aggregation_left_out_incomplete",
        N_(
            "Review marked final but incomplete ({scored} of {expected} criteria scored): "
            "not counted."
        ),
    ),
    LeftOutReason.RECUSED: define_message(
        "aggregation_left_out_recused",
        N_("Recused (declared conflict of interest): did not score this dossier."),
    ),
    LeftOutReason.NO_VARIATION: define_message(
        "aggregation_left_out_no_variation",
        N_("Gave every dossier the same total: carries no ranking information for this method."),
    ),
    LeftOutReason.TOO_FEW_DOSSIERS: define_message(
        "aggregation_left_out_too_few_dossiers",
        N_("Completed fewer than 2 dossiers: carries no ranking information for this method."),
    ),
}


@dataclass(frozen=True)
class LeftOut:
    juror: str
    reason: LeftOutReason
    scored: int | None = None
    expected: int | None = None

    def message(self) -> str:
        """The reason in the active language."""
        return render_message(
            LEFT_OUT_MESSAGES[self.reason], {"scored": self.scored, "expected": self.expected}
        )


@dataclass(frozen=True)
class JurorContribution:
    juror: str
    total: float
    """T (0–100)."""
    points: float
    """P, in the criteria's own units."""
    counted: bool
    """Counts in the method's aggregate (see the left-out reasons otherwise)."""
    weight: float
    """Weight in the aggregate: the confidence (or 3) in the confidence-weighted mean, else 1;
    0 when not counted."""
    confidence: float | None
    juror_mean: float | None = None
    """zscore: μ_j, the juror's mean total over the dossiers they completed."""
    juror_sd: float | None = None
    """zscore: σ_j (population)."""
    z: float | None = None
    borda_rank: float | None = None
    """borda: the juror's rank of this dossier (1 = best, ties share the average rank)."""
    borda_of: int | None = None
    """borda: how many dossiers the juror completed."""
    borda_points: float | None = None


@dataclass(frozen=True)
class CriterionDetail:
    criterion: str
    weight: float
    scores: Mapping[str, float]
    """Juror code → score."""
    normalised: Mapping[str, float]
    """Juror code → ``(s − lo) / (hi − lo)``."""
    mean: float | None
    """Plain mean (rounded when the campaign rounds)."""
    aggregate: float | None
    """What the method used (mean, confidence-weighted mean or trimmed mean, rounded when the
    campaign rounds); ``None`` for the methods that aggregate totals."""
    dropped_high: str | None = None
    """trimmed: the juror whose (highest) score was dropped."""
    dropped_low: str | None = None
    threshold: float | None = None
    below_threshold: bool = False


@dataclass(frozen=True)
class DossierExplanation:
    ref: str
    name: str
    method: Method
    entry: RankedDossier
    jurors: tuple[JurorContribution, ...]
    criteria: tuple[CriterionDetail, ...]
    left_out: tuple[LeftOut, ...]


def explain(
    ranking_input: RankingInput,
    ref: str,
    *,
    method: Method | None = None,
    weights: Mapping[str, float] | None = None,
) -> DossierExplanation:
    refs = ranking_input.dossier_refs
    if ref not in refs:
        raise NotFound(UNKNOWN_DOSSIER, dossier=ref)
    workings = rank_with_workings(ranking_input, method=method, weights=weights)
    dossier = refs.index(ref)
    jurors = np.flatnonzero(workings.panel.present[:, dossier])
    contributions = _contributions(ranking_input, workings, dossier, jurors)
    entry = workings.ranking.entry(ref)
    return DossierExplanation(
        ref=ref,
        name=ranking_input.dossiers[dossier][1],
        method=workings.ranking.method,
        entry=entry,
        jurors=contributions,
        criteria=_criterion_details(ranking_input, workings, dossier, jurors, entry),
        left_out=_left_out(ranking_input, workings, ref, contributions, jurors),
    )


def _contributions(
    ranking_input: RankingInput, workings: Workings, dossier: int, jurors: IntArray
) -> tuple[JurorContribution, ...]:
    panel, method = workings.panel, workings.ranking.method
    totals = workings.totals[None]
    counted = np.ones(len(jurors), dtype=np.bool_)
    extra: dict[str, list[Any]] = {}
    if method is Method.ZSCORE:
        z, mean, sigma = juror_z_scores(totals, panel.present)
        counted = ~np.isnan(z[0, jurors, dossier])
        extra = {
            "juror_mean": optional_floats(mean[0, jurors]),
            "juror_sd": optional_floats(sigma[0, jurors]),
            "z": optional_floats(z[0, jurors, dossier]),
        }
    elif method is Method.BORDA:
        points, ranks = juror_borda_points(totals, panel.present)
        counted = ~np.isnan(points[0, jurors, dossier])
        extra = {
            "borda_rank": ranks[0, jurors, dossier].tolist(),
            "borda_of": panel.present.sum(axis=1)[jurors].tolist(),
            "borda_points": optional_floats(points[0, jurors, dossier]),
        }
    in_mean = panel.confidence[jurors, dossier] if workings.ranking.confidence_weighted else 1.0
    columns = {
        "juror": [ranking_input.jurors[j] for j in jurors],
        "total": workings.totals[jurors, dossier].tolist(),
        "points": (panel.scores[jurors, dossier] @ workings.weights).tolist(),
        "counted": counted.tolist(),
        "weight": np.where(counted, in_mean, 0.0).tolist(),
        "confidence": optional_floats(_given_confidence(ranking_input, dossier, jurors)),
        **extra,
    }
    return tuple(
        JurorContribution(**dict(zip(columns, values, strict=True)))
        for values in zip(*columns.values(), strict=True)
    )


def _given_confidence(ranking_input: RankingInput, dossier: int, jurors: IntArray) -> FloatArray:
    """The confidence each juror gave (NaN: none), in the order of ``jurors``."""
    reviews = np.flatnonzero(ranking_input.review_dossier == dossier)
    by_juror = dict(
        zip(ranking_input.review_juror[reviews].tolist(), reviews.tolist(), strict=True)
    )
    return ranking_input.confidence[[by_juror[j] for j in jurors.tolist()]]


def _criterion_details(
    ranking_input: RankingInput,
    workings: Workings,
    dossier: int,
    jurors: IntArray,
    entry: RankedDossier,
) -> tuple[CriterionDetail, ...]:
    panel = workings.panel
    codes = [ranking_input.jurors[j] for j in jurors]
    values = panel.scores[jurors, dossier]
    normalised = (values - panel.low) / panel.span
    used = workings.evaluation.aggregates.criterion_aggregates
    aggregates = (
        [None] * len(ranking_input.criteria) if used is None else optional_floats(used[0, dossier])
    )
    trimmed = workings.ranking.method is Method.TRIMMED and len(jurors) >= 3
    high = np.argmax(values, axis=0) if trimmed else None
    low = np.argmin(values, axis=0) if trimmed else None
    return tuple(
        CriterionDetail(
            criterion=criterion.code,
            weight=float(workings.weights[c]),
            scores=dict(zip(codes, values[:, c].tolist(), strict=True)),
            normalised=dict(zip(codes, normalised[:, c].tolist(), strict=True)),
            mean=entry.criteria[criterion.code],
            aggregate=aggregates[c],
            dropped_high=None if high is None else codes[int(high[c])],
            dropped_low=None if low is None else codes[int(low[c])],
            threshold=criterion.threshold,
            below_threshold=criterion.code in entry.eliminated_by,
        )
        for c, criterion in enumerate(ranking_input.criteria)
    )


def _left_out(
    ranking_input: RankingInput,
    workings: Workings,
    ref: str,
    contributions: tuple[JurorContribution, ...],
    jurors: IntArray,
) -> tuple[LeftOut, ...]:
    left_out = [
        LeftOut(
            review.juror,
            LeftOutReason.DRAFT
            if review.status is ReviewStatus.DRAFT
            else LeftOutReason.INCOMPLETE,
            review.scored,
            review.expected,
        )
        for review in ranking_input.incomplete
        if review.dossier == ref
    ]
    left_out += [
        LeftOut(juror, LeftOutReason.RECUSED)
        for juror, dossier in ranking_input.recused
        if dossier == ref
    ]
    completed = workings.panel.present.sum(axis=1)
    left_out += [
        LeftOut(
            contribution.juror,
            LeftOutReason.TOO_FEW_DOSSIERS if completed[j] < 2 else LeftOutReason.NO_VARIATION,
        )
        for contribution, j in zip(contributions, jurors.tolist(), strict=True)
        if not contribution.counted
    ]
    return tuple(left_out)
