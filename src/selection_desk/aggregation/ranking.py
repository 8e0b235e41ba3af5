"""The committee's ranking: :func:`compute_ranking` and what it returns.

Rounding (``criterion_decimals = N``), per method:

* ``mean`` and ``trimmed``: each criterion aggregate ``m_c`` (mean, or trimmed mean) is rounded
  half-up to N decimals; the points are ``Σ_c round(w_c·m_c)`` (exact decimal arithmetic) and the
  dossiers are **ranked by these rounded points**, equal totals sharing a rank (then the
  tie-break); the 0–100 score shown follows from the rounded ``m_c``, and can, rarely, order two
  dossiers otherwise than their points — the points decide, as published rules do;
* ``median``, ``zscore``, ``borda``, ``schulze``: the score aggregates juror totals, which are not
  rounded;
* every method: the criterion means shown (``criteria``), compared with eliminatory thresholds and
  used by the tie-break are the rounded means.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, NamedTuple

import numpy as np

from selection_desk.aggregation.agreement import krippendorff_alpha_interval
from selection_desk.aggregation.evaluation import Evaluation, evaluate
from selection_desk.aggregation.inputs import BootstrapRun, IncompleteReview, RankingInput
from selection_desk.aggregation.methods import (
    METHODS_WITH_POINTS,
    Scenarios,
    criterion_means,
    points_from_criterion_aggregates,
)
from selection_desk.aggregation.numerics import FloatArray, optional_floats, sample_std
from selection_desk.aggregation.panel import Panel, resolve_weights
from selection_desk.aggregation.rounding import round_if_asked
from selection_desk.aggregation.stability import Stability, bootstrap_stability
from selection_desk.domain.model import Method
from selection_desk.errors import InvalidInput, define_message
from selection_desk.i18n import N_

BOOTSTRAP_INVALID = define_message(
    "aggregation_bootstrap_invalid",
    N_("The number of bootstrap resamples must be a whole number of at least 0 (got {resamples})."),
)


class RankedDossier(NamedTuple):
    """One dossier's line of the ranking.

    A named tuple, not a frozen dataclass: every re-rank builds one per dossier, and a frozen
    dataclass's ``__init__`` (one ``object.__setattr__`` per field) costs 3 µs each — 15 ms of a
    5,000-dossier ranking, a tenth of what the SQL query averaging the same scores takes.
    """

    rank: int
    """1 = best; equal dossiers share a rank; eliminated dossiers are ranked after the others."""
    ref: str
    name: str
    score: float | None
    """The aggregate ``A`` (design §5); ``None`` when no juror counted (any method): such dossiers
    are listed after the scored ones, never selected, and their ``p_top`` is 0."""
    points: float | None
    """Weighted sum in the criteria's own units (mean and trimmed only)."""
    jurors: int
    """How many jurors' reviews counted."""
    spread: float | None
    """Sample standard deviation of the juror totals; ``None`` with fewer than 2 jurors."""
    flagged: bool
    """The spread exceeds the campaign's threshold: the jurors disagree."""
    tied: bool
    eliminated: bool
    eliminated_by: tuple[str, ...]
    """Codes of the criteria whose mean is below their eliminatory threshold."""
    tie_broken_by: str | None
    """The tie-break criterion, when this dossier had the same score as another one."""
    above_cutoff: bool
    """Selected by rank: not eliminated, scored and rank ≤ places (ties at the cut-off included)."""
    criteria: Mapping[str, float | None]
    """Mean score per criterion code (rounded when the campaign rounds); ``None``: no juror."""
    p_top: float | None = None
    """Bootstrap share of resamples in which the dossier is selected by rank."""
    rank_interval: tuple[int, int] | None = None
    """Bootstrap 90 % interval of the dossier's rank."""


@dataclass(frozen=True)
class Ranking:
    method: Method
    places: int
    entries: tuple[RankedDossier, ...]
    """Best first; dossiers sharing a rank are listed in ref order."""
    agreement: float | None
    """Krippendorff's alpha (interval) on the juror totals; ``None`` when undefined."""
    incomplete_reviews: tuple[IncompleteReview, ...]
    bootstrap: BootstrapRun | None
    weights: Mapping[str, float]
    """The criterion weights used (the campaign's, or the what-if ones)."""
    criterion_decimals: int | None
    tie_break: str | None
    confidence_weighted: bool
    thresholds: Mapping[str, float] = field(default_factory=dict)
    """Eliminatory threshold per criterion code (only the criteria that have one)."""

    @property
    def selected(self) -> tuple[RankedDossier, ...]:
        return tuple(entry for entry in self.entries if entry.above_cutoff)

    def entry(self, ref: str) -> RankedDossier:
        for entry in self.entries:
            if entry.ref == ref:
                return entry
        raise KeyError(ref)


def compute_ranking(
    ranking_input: RankingInput,
    *,
    method: Method | None = None,
    places: int | None = None,
    bootstrap: int = 0,
    seed: int = 0,
    weights: Mapping[str, float] | None = None,
) -> Ranking:
    """Rank the dossiers of ``ranking_input`` (design §5).

    ``method`` and ``places`` default to the campaign's settings; ``weights`` (criterion code →
    weight) replace the criteria's weights, nothing else; ``bootstrap`` resamples (seeded) add
    ``p_top`` and ``rank_interval`` to every entry.
    """
    return rank_with_workings(
        ranking_input, method=method, places=places, bootstrap=bootstrap, seed=seed,
        weights=weights,
    ).ranking  # fmt: skip


@dataclass(frozen=True, eq=False)
class Workings:
    """A ranking and the arrays it was computed from, for the explanations."""

    ranking: Ranking
    panel: Panel
    weights: FloatArray
    """(C,) the weights used."""
    evaluation: Evaluation

    @cached_property
    def review_totals(self) -> FloatArray:
        """(n,) the juror total T of each counted review."""
        totals: FloatArray = self.panel.review_totals(self.weights[None])[0]
        return totals

    @cached_property
    def totals(self) -> FloatArray:
        """(J, D) the juror totals T, NaN where absent: built when an explanation asks for them
        (on 50,000 dossiers and 300 jurors they take 120 MB, which a plain ranking never
        needs)."""
        totals: FloatArray = self.panel.to_matrix(self.review_totals[None])[0]
        return totals


def rank_with_workings(
    ranking_input: RankingInput,
    *,
    method: Method | None = None,
    places: int | None = None,
    bootstrap: int = 0,
    seed: int = 0,
    weights: Mapping[str, float] | None = None,
) -> Workings:
    """:func:`compute_ranking`, keeping the arrays it was computed from."""
    settings = ranking_input.settings
    method, places = settings.method_and_places(method, places)
    if isinstance(bootstrap, bool) or not isinstance(bootstrap, int) or bootstrap < 0:
        raise InvalidInput(BOOTSTRAP_INVALID, resamples=bootstrap)
    panel = Panel.from_input(ranking_input)
    weight_vector = resolve_weights(ranking_input, weights)
    evaluation = evaluate(panel, method, settings, Scenarios(weight_vector[None]))
    stability = None
    if bootstrap:
        stability = bootstrap_stability(
            panel,
            method,
            settings,
            weights=weight_vector,
            places=places,
            jurors=ranking_input.jurors,
            resamples=bootstrap,
            seed=seed,
        )
    slot_totals = panel.slot_totals(weight_vector)
    ranking = Ranking(
        method=method,
        places=places,
        entries=_entries(
            ranking_input, panel, method, places, weight_vector, slot_totals, evaluation, stability
        ),
        # The dossiers' slots as the coders' axis: the values that exist, in juror order.
        agreement=krippendorff_alpha_interval(np.where(panel.slot_present, slot_totals, np.nan).T),
        incomplete_reviews=ranking_input.incomplete,
        bootstrap=BootstrapRun(bootstrap, seed) if bootstrap else None,
        weights=dict(zip(panel.codes, weight_vector.tolist(), strict=True)),
        criterion_decimals=settings.criterion_decimals,
        tie_break=settings.tie_break,
        confidence_weighted=settings.confidence_weighting and method is Method.MEAN,
        thresholds={
            criterion.code: criterion.threshold
            for criterion in ranking_input.criteria
            if criterion.threshold is not None
        },
    )
    return Workings(ranking, panel, weight_vector, evaluation)


def _entries(
    ranking_input: RankingInput,
    panel: Panel,
    method: Method,
    places: int,
    weights: FloatArray,
    slot_totals: FloatArray,
    evaluation: Evaluation,
    stability: Stability | None,
) -> tuple[RankedDossier, ...]:
    """One entry per dossier, best first."""
    settings = ranking_input.settings
    decimals = settings.criterion_decimals
    standings, screening = evaluation.standings, evaluation.screening
    aggregates = evaluation.aggregates.criterion_aggregates
    points = (
        points_from_criterion_aggregates(aggregates[0], weights, decimals)
        if method in METHODS_WITH_POINTS and aggregates is not None
        else np.full(len(ranking_input.dossiers), np.nan)
    )
    spread = sample_std(slot_totals, panel.slot_present, axis=1)
    if method is Method.MEAN and not settings.confidence_weighting and aggregates is not None:
        means = aggregates[0]  # the method's own aggregates are the plain rounded means
    else:
        means = round_if_asked(criterion_means(panel, None)[0], decimals)
    thresholded = [panel.codes[column] for column in screening.thresholded]
    count = len(ranking_input.dossiers)
    below = screening.below[0]
    eliminated = below.any(axis=1).tolist()
    eliminated_by: list[tuple[str, ...]] = [()] * count
    for row in np.flatnonzero(eliminated).tolist():
        eliminated_by[row] = tuple(
            code for code, hit in zip(thresholded, below[row].tolist(), strict=True) if hit
        )
    tie_broken_by = [
        settings.tie_break if broken else None for broken in standings.tie_broken[0].tolist()
    ]
    codes = panel.codes
    # Built column by column, then zipped into rows: 5,000 entries must cost milliseconds, not
    # tens. Arrays become lists first: numpy scalars are slow.
    columns: dict[str, list[Any]] = {
        "rank": standings.rank[0].tolist(),
        "ref": [ref for ref, _name in ranking_input.dossiers],
        "name": [name for _ref, name in ranking_input.dossiers],
        "score": optional_floats(evaluation.aggregates.scores[0]),
        "points": optional_floats(points),
        "jurors": panel.slot_present.sum(axis=1).tolist(),
        "spread": optional_floats(spread),
        "flagged": (spread > settings.spread_threshold).tolist(),
        "tied": standings.tied[0].tolist(),
        "eliminated": eliminated,
        "eliminated_by": eliminated_by,
        "tie_broken_by": tie_broken_by,
        "above_cutoff": standings.within(places)[0].tolist(),
        "criteria": [dict(zip(codes, row, strict=True)) for row in optional_floats(means)],
        "p_top": [None] * count if stability is None else stability.p_top.tolist(),
        "rank_interval": [None] * count
        if stability is None
        else list(zip(stability.rank_low.tolist(), stability.rank_high.tolist(), strict=True)),
    }
    rows = zip(*(columns[name] for name in RankedDossier._fields), strict=True)
    entries = list(map(RankedDossier._make, rows))
    ranks = standings.rank[0]
    refs = np.array([ref for ref, _name in ranking_input.dossiers], dtype=object)
    listing = np.lexsort((np.argsort(np.argsort(refs, kind="stable")), ranks))
    return tuple(entries[index] for index in listing.tolist())
