"""Why a dossier has its score: every number behind one entry of the ranking, and what was left out.

For the committee (and the minutes): each juror's total T and points P, how much the juror weighs
in the method's aggregate (and if not at all, why), the per-criterion scores, means and the values
the method used (the trimmed mean names the jurors whose scores were dropped: among equal scores,
the first juror in the campaign's order), and the reviews that did not count.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import numpy as np

from selection_desk.aggregation.inputs import RankingInput
from selection_desk.aggregation.methods import (
    METHODS_WITH_POINTS,
    points_from_criterion_aggregates,
    review_borda_points,
    review_z_scores,
)
from selection_desk.aggregation.numerics import FloatArray, IntArray, optional_floats
from selection_desk.aggregation.ranking import RankedDossier, Workings, rank_with_workings
from selection_desk.aggregation.schulze import preference_counts, strongest_paths
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
    points: float | None = None
    """mean and trimmed: this criterion's share of the points, ``w × aggregate``, rounded half-up
    when the campaign rounds — the shares add up to the entry's points exactly."""
    dropped_high: str | None = None
    """trimmed: the juror whose (highest) score was dropped."""
    dropped_low: str | None = None
    threshold: float | None = None
    below_threshold: bool = False


SCHULZE_DETAIL_LIMIT = 50
"""At most this many contests listed on each side (the closest first); the counts are complete."""


@dataclass(frozen=True)
class PathContest:
    """Schulze: this dossier against ``other``, by strongest path strengths (winning votes)."""

    other: str
    strength: int
    """``p[this, other]``: the strongest path from this dossier to the other."""
    against: int
    """``p[other, this]``."""


@dataclass(frozen=True)
class SchulzeDetail:
    beats: tuple[PathContest, ...]
    """The dossiers it beats (``strength > against``), the closest contests first."""
    loses_to: tuple[PathContest, ...]
    """The dossiers that beat it (``strength < against``), the closest contests first."""
    beats_count: int
    """How many it beats: its Schulze aggregate."""
    loses_count: int


@dataclass(frozen=True)
class DossierExplanation:
    """Every number behind one entry of a ranking (public and stable: the reports use it)."""

    ref: str
    name: str
    method: Method
    entry: RankedDossier
    jurors: tuple[JurorContribution, ...]
    criteria: tuple[CriterionDetail, ...]
    left_out: tuple[LeftOut, ...]
    schulze: SchulzeDetail | None = None
    """Schulze only: which dossiers it beats and loses to, with the path strengths."""
    criterion_decimals: int | None = None
    """The campaign's rounding of criterion means and points (``None``: not rounded)."""


def explain(
    ranking_input: RankingInput,
    ref: str,
    *,
    method: Method | None = None,
    weights: Mapping[str, float] | None = None,
) -> DossierExplanation:
    """Explain one dossier's entry of the ranking by ``method`` with ``weights`` (the campaign's
    by default). Raises :class:`NotFound` for an unknown ref. For many dossiers use
    :func:`explain_all`, which ranks once."""
    if ref not in ranking_input.dossier_refs:
        raise NotFound(UNKNOWN_DOSSIER, dossier=ref)
    return explain_all(ranking_input, [ref], method=method, weights=weights)[ref]


def explain_all(
    ranking_input: RankingInput,
    refs: Iterable[str] | None = None,
    *,
    method: Method | None = None,
    weights: Mapping[str, float] | None = None,
    workings: Workings | None = None,
) -> dict[str, DossierExplanation]:
    """Explain several dossiers (every one by default) from one ranking: ref → explanation, in
    ranking order. ``workings`` (from :func:`rank_with_workings`) reuses a ranking already made.
    Public and stable: the reports and ``rank --json`` use it."""
    wanted = list(ranking_input.dossier_refs if refs is None else refs)
    positions = {ref: index for index, ref in enumerate(ranking_input.dossier_refs)}
    for ref in wanted:
        if ref not in positions:
            raise NotFound(UNKNOWN_DOSSIER, dossier=ref)
    if workings is None:
        workings = rank_with_workings(ranking_input, method=method, weights=weights)
    shared = _SharedWorkings.of(ranking_input, workings)
    explained: dict[str, DossierExplanation] = {}
    listed = [entry.ref for entry in workings.ranking.entries]
    wanted_set = set(wanted)
    for ref in (ref for ref in listed if ref in wanted_set):
        dossier = positions[ref]
        reviews = workings.panel.dossier_reviews(dossier)
        jurors = workings.panel.review_juror[reviews]
        contributions = _contributions(ranking_input, workings, shared, dossier, reviews)
        entry = workings.ranking.entry(ref)
        explained[ref] = DossierExplanation(
            ref=ref,
            name=ranking_input.dossiers[dossier][1],
            method=workings.ranking.method,
            entry=entry,
            jurors=contributions,
            criteria=_criterion_details(ranking_input, workings, dossier, jurors, entry),
            left_out=_left_out(ranking_input, workings, shared, ref, contributions, jurors),
            schulze=None if shared.strengths is None else _schulze_detail(shared, dossier),
            criterion_decimals=ranking_input.settings.criterion_decimals,
        )
    return explained


@dataclass(frozen=True, eq=False)
class _SharedWorkings:
    """What every dossier's explanation needs, computed once per ranking."""

    refs: tuple[str, ...]
    z: tuple[FloatArray, FloatArray, FloatArray] | None
    """Per counted review its z, per juror μ and σ."""
    borda: tuple[FloatArray, FloatArray] | None
    """Per counted review its Borda points and rank."""
    strengths: IntArray | None
    """Schulze: (D, D) strongest path strengths."""
    left_out: Mapping[str, list[LeftOut]]
    confidence: Mapping[tuple[int, int], float]

    @classmethod
    def of(cls, ranking_input: RankingInput, workings: Workings) -> _SharedWorkings:
        panel, method = workings.panel, workings.ranking.method
        totals = workings.review_totals[None]
        strengths = None
        if method is Method.SCHULZE:
            preferences = preference_counts(workings.totals, panel.present, None)
            strengths = strongest_paths(preferences)[0].astype(np.int64)
        left_out: dict[str, list[LeftOut]] = {}
        for review in ranking_input.incomplete:
            reason = (
                LeftOutReason.DRAFT
                if review.status is ReviewStatus.DRAFT
                else LeftOutReason.INCOMPLETE
            )
            left_out.setdefault(review.dossier, []).append(
                LeftOut(review.juror, reason, review.scored, review.expected)
            )
        for juror, dossier in ranking_input.recused:
            left_out.setdefault(dossier, []).append(LeftOut(juror, LeftOutReason.RECUSED))
        confidence = {
            (juror, dossier): value
            for juror, dossier, value in zip(
                ranking_input.review_juror.tolist(),
                ranking_input.review_dossier.tolist(),
                ranking_input.confidence.tolist(),
                strict=True,
            )
        }
        return cls(
            refs=ranking_input.dossier_refs,
            z=review_z_scores(panel, totals) if method is Method.ZSCORE else None,
            borda=review_borda_points(panel, totals) if method is Method.BORDA else None,
            strengths=strengths,
            left_out=left_out,
            confidence=confidence,
        )


def _schulze_detail(shared: _SharedWorkings, dossier: int) -> SchulzeDetail:
    assert shared.strengths is not None
    forward = shared.strengths[dossier]
    backward = shared.strengths[:, dossier]
    beats = np.flatnonzero(forward > backward)
    loses = np.flatnonzero(forward < backward)

    def contests(others: IntArray) -> tuple[PathContest, ...]:
        # the closest contests first: they are the ones a committee asks about
        margin = np.abs(forward[others] - backward[others])
        closest = others[np.argsort(margin, kind="stable")][:SCHULZE_DETAIL_LIMIT]
        return tuple(
            PathContest(shared.refs[other], int(forward[other]), int(backward[other]))
            for other in closest.tolist()
        )

    return SchulzeDetail(
        beats=contests(beats),
        loses_to=contests(loses),
        beats_count=int(beats.size),
        loses_count=int(loses.size),
    )


def _contributions(
    ranking_input: RankingInput,
    workings: Workings,
    shared: _SharedWorkings,
    dossier: int,
    reviews: IntArray,
) -> tuple[JurorContribution, ...]:
    """Each juror's part in the dossier's aggregate; ``reviews``: the dossier's counted reviews,
    in juror order."""
    panel = workings.panel
    jurors = panel.review_juror[reviews]
    counted = np.ones(len(jurors), dtype=np.bool_)
    extra: dict[str, list[Any]] = {}
    if shared.z is not None:
        z, mean, sigma = shared.z
        counted = ~np.isnan(z[0, reviews])
        extra = {
            "juror_mean": optional_floats(mean[0, jurors]),
            "juror_sd": optional_floats(sigma[0, jurors]),
            "z": optional_floats(z[0, reviews]),
        }
    elif shared.borda is not None:
        points, ranks = shared.borda
        counted = ~np.isnan(points[0, reviews])
        extra = {
            "borda_rank": ranks[0, reviews].tolist(),
            "borda_of": panel.present.sum(axis=1)[jurors].tolist(),
            "borda_points": optional_floats(points[0, reviews]),
        }
    in_mean = panel.dossier_confidence(dossier) if workings.ranking.confidence_weighted else 1.0
    columns = {
        "juror": [ranking_input.jurors[j] for j in jurors],
        "total": workings.review_totals[reviews].tolist(),
        "points": (panel.dossier_scores(dossier) @ workings.weights).tolist(),
        "counted": counted.tolist(),
        "weight": np.where(counted, in_mean, 0.0).tolist(),
        "confidence": [
            None if np.isnan(value) else value
            for value in (shared.confidence[j, dossier] for j in jurors.tolist())
        ],
        **extra,
    }
    return tuple(
        JurorContribution(**dict(zip(columns, values, strict=True)))
        for values in zip(*columns.values(), strict=True)
    )


def _criterion_details(
    ranking_input: RankingInput,
    workings: Workings,
    dossier: int,
    jurors: IntArray,
    entry: RankedDossier,
) -> tuple[CriterionDetail, ...]:
    panel = workings.panel
    codes = [ranking_input.jurors[j] for j in jurors]
    values = panel.dossier_scores(dossier)
    normalised = (values - panel.low) / panel.span
    used = workings.evaluation.aggregates.criterion_aggregates
    aggregates = (
        [None] * len(ranking_input.criteria) if used is None else optional_floats(used[0, dossier])
    )
    with_points = workings.ranking.method in METHODS_WITH_POINTS
    decimals = ranking_input.settings.criterion_decimals
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
            points=_points_share(aggregates[c], float(workings.weights[c]), decimals)
            if with_points
            else None,
            dropped_high=None if high is None else codes[int(high[c])],
            dropped_low=None if low is None else codes[int(low[c])],
            threshold=criterion.threshold,
            below_threshold=criterion.code in entry.eliminated_by,
        )
        for c, criterion in enumerate(ranking_input.criteria)
    )


def _points_share(aggregate: float | None, weight: float, decimals: int | None) -> float | None:
    """``w × aggregate`` as the points sum it (rounded half-up the same exact way)."""
    if aggregate is None:
        return None
    share = points_from_criterion_aggregates(np.array([[aggregate]]), np.array([weight]), decimals)
    return float(share[0])


def _left_out(
    ranking_input: RankingInput,
    workings: Workings,
    shared: _SharedWorkings,
    ref: str,
    contributions: tuple[JurorContribution, ...],
    jurors: IntArray,
) -> tuple[LeftOut, ...]:
    left_out = list(shared.left_out.get(ref, ()))
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
