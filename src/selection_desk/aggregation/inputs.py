"""What the aggregation engine reads: the ranking settings and the counted scores as arrays.

The engine depends on :class:`RankingInput` only. :func:`build_ranking_input` fills it from domain
objects; the storage layer may fill it straight from SQL. Only reviews that count (design §1: final
and complete) are in the arrays; drafts and incomplete reviews are carried along to be reported,
never counted.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from selection_desk.aggregation.numerics import FloatArray, IntArray, read_only
from selection_desk.aggregation.rounding import MAX_DECIMALS
from selection_desk.domain.conflict_of_interest import Pair, conflicted_pairs, may_score
from selection_desk.domain.model import (
    DEFAULT_SPREAD_THRESHOLD,
    DEFAULT_STABILITY_RESAMPLES,
    STABILITY_RESAMPLES_RANGE,
    STABILITY_SEED_RANGE,
    Campaign,
    CampaignData,
    Criterion,
    Method,
    Review,
    ReviewStatus,
)
from selection_desk.errors import InvalidInput, NotFound, define_message
from selection_desk.i18n import N_

PLACES_INVALID = define_message(
    "aggregation_places_invalid",
    N_("The number of places must be a whole number of at least 1 (got {places})."),
)
DECIMALS_INVALID = define_message(
    "aggregation_decimals_invalid",
    N_(
        "The number of decimals of the criterion averages must be between 0 and {maximum} "
        "(got {decimals})."
    ),
)
SPREAD_THRESHOLD_INVALID = define_message(
    "aggregation_spread_threshold_invalid",
    N_("The spread threshold must be a number of at least 0 (got {threshold})."),
)
NO_CRITERIA = define_message(
    "aggregation_no_criteria",
    N_("The campaign has no criteria: add at least one criterion before ranking."),
)
SCALE_INVALID = define_message(
    "aggregation_scale_invalid",
    N_(
        "Criterion {criterion}: the top of the scale ({maximum}) must be above its bottom "
        "({minimum})."
    ),
)
UNKNOWN_CRITERION = define_message(
    "aggregation_unknown_criterion", N_("Unknown criterion {criterion}.")
)
STABILITY_RESAMPLES_OUT_OF_RANGE = define_message(
    "stability_resamples_out_of_range",
    N_("The stability check takes a whole number of resamples from 100 to 100,000 (here {value})."),
)
STABILITY_SEED_OUT_OF_RANGE = define_message(
    "stability_seed_out_of_range",
    N_("The stability seed must be a whole number from 0 to 2,147,483,647 (here {value})."),
)

CONFIDENCE_NOT_GIVEN = 3.0
"""Weight of a review without a confidence in the confidence-weighted mean: the middle of 1–5."""


@dataclass(frozen=True)
class BootstrapRun:
    """A bootstrap over jurors: B resamples drawn from a seed.  The campaign's stability setting,
    and what the stability of a :class:`~selection_desk.aggregation.Ranking` was computed with."""

    resamples: int
    seed: int


def check_stability_setting(resamples: int, seed: int) -> None:
    """A campaign's stability setting (a one-off ``rank --bootstrap B`` may use fewer resamples)."""
    if resamples not in STABILITY_RESAMPLES_RANGE:
        raise InvalidInput(STABILITY_RESAMPLES_OUT_OF_RANGE, value=resamples)
    if seed not in STABILITY_SEED_RANGE:
        raise InvalidInput(STABILITY_SEED_OUT_OF_RANGE, value=seed)


@dataclass(frozen=True)
class RankingSettings:
    """The campaign's ranking rules (design §1 "method and its settings")."""

    method: Method = Method.MEAN
    places: int = 1
    criterion_decimals: int | None = None
    tie_break: str | None = None
    """Code of the criterion whose higher mean breaks ties; ``None``: ties share a rank."""
    spread_threshold: float = DEFAULT_SPREAD_THRESHOLD
    confidence_weighting: bool = False
    """Mean method only: weigh each review by its confidence (1–5; none given counts as 3)."""
    stability: BootstrapRun = BootstrapRun(DEFAULT_STABILITY_RESAMPLES, 0)
    """The campaign's one stability setting: every p_top shown or printed comes from it."""

    def __post_init__(self) -> None:
        check_places(self.places)
        decimals = self.criterion_decimals
        if decimals is not None and not 0 <= decimals <= MAX_DECIMALS:
            raise InvalidInput(DECIMALS_INVALID, decimals=decimals, maximum=MAX_DECIMALS)
        if not (math.isfinite(self.spread_threshold) and self.spread_threshold >= 0):
            raise InvalidInput(SPREAD_THRESHOLD_INVALID, threshold=self.spread_threshold)

    def method_and_places(self, method: Method | None, places: int | None) -> tuple[Method, int]:
        """The method and places a call asks for, the campaign's where it asks for none."""
        places = self.places if places is None else places
        check_places(places)
        return Method(method or self.method), places

    @classmethod
    def from_campaign(cls, campaign: Campaign) -> RankingSettings:
        return cls(
            method=campaign.method,
            places=campaign.places,
            criterion_decimals=campaign.criterion_decimals,
            tie_break=campaign.tie_break or None,
            spread_threshold=campaign.spread_threshold,
            confidence_weighting=campaign.confidence_weighting,
            stability=BootstrapRun(campaign.stability_resamples, campaign.stability_seed),
        )


def check_places(places: int) -> None:
    if isinstance(places, bool) or not isinstance(places, int) or places < 1:
        raise InvalidInput(PLACES_INVALID, places=places)


@dataclass(frozen=True)
class IncompleteReview:
    """A review that exists but does not count: reported, never counted."""

    juror: str
    dossier: str
    status: ReviewStatus
    scored: int
    """How many criteria carry a score."""
    expected: int
    """How many criteria the campaign has."""


@dataclass(frozen=True, eq=False)
class RankingInput:
    """Everything a ranking is computed from; arrays are private read-only copies.

    ``review_juror[i]``, ``review_dossier[i]`` (indices into ``jurors`` and ``dossiers``),
    ``values[i, c]`` (the score on ``criteria[c]``) and ``confidence[i]`` (NaN: none given) describe
    counted review ``i``: final and complete. A (juror, dossier) pair appears at most once.
    """

    criteria: tuple[Criterion, ...]
    dossiers: tuple[tuple[str, str], ...]
    """(ref, name) of every dossier of the campaign, scored or not."""
    jurors: tuple[str, ...]
    review_juror: IntArray
    review_dossier: IntArray
    values: FloatArray
    confidence: FloatArray
    incomplete: tuple[IncompleteReview, ...] = ()
    settings: RankingSettings = field(default_factory=RankingSettings)
    recused: tuple[tuple[str, str], ...] = ()
    """(juror, dossier) pairs with a declared conflict: never counted, named in explanations."""

    def __post_init__(self) -> None:
        _check_criteria(self.criteria, self.settings.tie_break)
        arrays = {
            "review_juror": read_only(self.review_juror, np.int64),
            "review_dossier": read_only(self.review_dossier, np.int64),
            "values": read_only(self.values, np.float64),
            "confidence": read_only(self.confidence, np.float64),
        }
        for name, array in arrays.items():
            object.__setattr__(self, name, array)
        self._check_arrays()

    def _check_arrays(self) -> None:
        count = self.review_juror.shape[0] if self.review_juror.ndim == 1 else -1
        shapes_ok = (
            count >= 0
            and self.review_dossier.shape == (count,)
            and self.values.shape == (count, len(self.criteria))
            and self.confidence.shape == (count,)
        )
        if not shapes_ok:
            raise ValueError("review arrays must be (n,), (n,), (n, criteria) and (n,)")
        if count == 0:
            return
        if not (self.review_juror.min() >= 0 and self.review_juror.max() < len(self.jurors)):
            raise ValueError("review_juror holds an index outside jurors")
        if not (self.review_dossier.min() >= 0 and self.review_dossier.max() < len(self.dossiers)):
            raise ValueError("review_dossier holds an index outside dossiers")
        pairs = np.sort(self.review_juror * len(self.dossiers) + self.review_dossier)
        if not (pairs[1:] != pairs[:-1]).all():
            raise ValueError("a (juror, dossier) pair has more than one counted review")
        if not np.isfinite(self.values).all():
            raise ValueError("scores must be finite numbers")

    @property
    def dossier_refs(self) -> tuple[str, ...]:
        return tuple(ref for ref, _name in self.dossiers)


def _check_criteria(criteria: tuple[Criterion, ...], tie_break: str | None) -> None:
    if not criteria:
        raise InvalidInput(NO_CRITERIA)
    codes = [criterion.code for criterion in criteria]
    if len(set(codes)) != len(codes):
        raise ValueError(f"criterion codes must be unique: {codes}")
    for criterion in criteria:
        if not criterion.scale_max > criterion.scale_min:
            raise InvalidInput(
                SCALE_INVALID,
                criterion=criterion.code,
                minimum=criterion.scale_min,
                maximum=criterion.scale_max,
            )
    if tie_break is not None and tie_break not in codes:
        raise NotFound(UNKNOWN_CRITERION, criterion=tie_break)


def build_ranking_input(
    data: CampaignData, settings: RankingSettings | None = None
) -> RankingInput:
    """The counted reviews of ``data`` as arrays, with drafts and incomplete reviews listed.

    A review counts when its status is final and every criterion has a score. Scores without a
    Review object form a draft. Scores of a conflicted (juror, dossier) pair are never counted.
    """
    settings = settings or RankingSettings.from_campaign(data.campaign)
    criterion_index = {criterion.code: index for index, criterion in enumerate(data.criteria)}
    juror_index = {juror.code: index for index, juror in enumerate(data.jurors)}
    dossier_index = {dossier.ref: index for index, dossier in enumerate(data.dossiers)}
    conflicts = conflicted_pairs(data.conflicts)

    def pair_order(pair: tuple[str, str]) -> tuple[int, int]:
        juror, dossier = pair
        if juror not in juror_index or dossier not in dossier_index:
            raise ValueError(f"unknown juror {juror!r} or dossier {dossier!r}")
        return dossier_index[dossier], juror_index[juror]

    scores = _scores_by_pair(data, criterion_index, conflicts)
    reviews = {
        (r.juror, r.dossier): r for r in data.reviews if may_score(r.juror, r.dossier, conflicts)
    }
    counted: list[tuple[tuple[int, int], list[float], float]] = []
    incomplete: list[IncompleteReview] = []
    for pair in sorted(set(scores) | set(reviews), key=pair_order):
        values = scores.get(pair, {})
        review = reviews.get(pair)
        status = review.status if review is not None else ReviewStatus.DRAFT
        if (
            review is not None
            and status is ReviewStatus.FINAL
            and len(values) == len(data.criteria)
        ):
            row = [values[criterion.code] for criterion in data.criteria]
            counted.append((pair_order(pair), row, _confidence(review)))
        else:
            incomplete.append(
                IncompleteReview(pair[0], pair[1], status, len(values), len(data.criteria))
            )
    recused = sorted(
        (pair for pair in conflicts if _known(pair, juror_index, dossier_index)), key=pair_order
    )
    return RankingInput(
        criteria=data.criteria,
        dossiers=tuple((dossier.ref, dossier.name) for dossier in data.dossiers),
        jurors=tuple(juror.code for juror in data.jurors),
        review_juror=np.array([order[1] for order, _, _ in counted], dtype=np.int64),
        review_dossier=np.array([order[0] for order, _, _ in counted], dtype=np.int64),
        values=np.array([row for _, row, _ in counted], dtype=np.float64).reshape(
            len(counted), len(data.criteria)
        ),
        confidence=np.array([confidence for _, _, confidence in counted], dtype=np.float64),
        incomplete=tuple(incomplete),
        settings=settings,
        recused=tuple(recused),
    )


def _scores_by_pair(
    data: CampaignData, criterion_index: Mapping[str, int], conflicts: frozenset[Pair]
) -> dict[tuple[str, str], dict[str, float]]:
    """Criterion code → finite score, per (juror, dossier) pair; conflicted pairs left out."""
    scores: dict[tuple[str, str], dict[str, float]] = {}
    for score in data.scores:
        if score.criterion not in criterion_index:
            raise ValueError(f"score on unknown criterion {score.criterion!r}")
        pair = (score.juror, score.dossier)
        if not may_score(*pair, conflicts) or not math.isfinite(score.value):
            continue
        scores.setdefault(pair, {})[score.criterion] = score.value
    return scores


def _confidence(review: Review) -> float:
    return math.nan if review.confidence is None else float(review.confidence)


def _known(pair: tuple[str, str], jurors: Mapping[str, int], dossiers: Mapping[str, int]) -> bool:
    return pair[0] in jurors and pair[1] in dossiers
