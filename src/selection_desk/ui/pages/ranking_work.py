"""The Ranking page's computations, run in the task runner (never on the UI thread).

Plain functions over an immutable :class:`RankingInput` that touch no widget: the page starts from
the input the session's ranking was computed from and every what-if (another method, other
weights) is recomputed from memory.  A :class:`View` names what the table shows, so
that a result computed for a view the user has since left is recognised and dropped.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from selection_desk.domain import Method
from selection_desk.progress import Progress
from selection_desk.ui.charts import Cohort

if TYPE_CHECKING:
    from selection_desk.aggregation import (
        DossierExplanation,
        JurorCalibration,
        Ranking,
        RankingInput,
        Sensitivity,
    )
    from selection_desk.aggregation.robustness import CutoffZone, Robustness

SCHULZE_BOOTSTRAP_LIMIT = 300
"""Schulze costs D³ per resample: 1,000 resamples of 300 dossiers take about 10 s in the
background; beyond, p_top is not computed for Schulze."""
QUICK_SENSITIVITY_LIMIT = {
    Method.SCHULZE: 100,
    Method.MEDIAN: 1000,
    Method.ZSCORE: 1000,
    Method.BORDA: 1000,
}
"""The sensitivity ranks ~100 weight vectors per criterion: about a second on 5,000 dossiers for
the mean and the trimmed mean, up to a minute for Borda.  Beyond these sizes it runs on request."""
SCHULZE_CONFIRM_LIMIT = 1500
"""Beyond this many dossiers, one Schulze ranking takes minutes: the page asks first."""


@dataclass(frozen=True)
class View:
    """What the table shows: a method and the criterion weights (saved or what-if)."""

    method: Method
    weights: tuple[tuple[str, float], ...]

    @classmethod
    def of(cls, method: Method, weights: Mapping[str, float]) -> View:
        return cls(method, tuple(weights.items()))

    @property
    def weight_map(self) -> dict[str, float]:
        return dict(self.weights)


@dataclass(frozen=True)
class Loaded:
    ranking_input: RankingInput
    juror_names: Mapping[str, str]
    baseline: Ranking
    """The campaign's method with the saved weights: what the minutes will say."""


@dataclass(frozen=True)
class Ranked:
    view: View
    ranking: Ranking
    calibration: tuple[JurorCalibration, ...]
    cohort: Cohort
    """The dossiers' criterion means as quartiles, for the profile chart."""


@dataclass(frozen=True)
class Stable:
    view: View
    ranking: Ranking | None
    """The ranking with ``p_top`` and rank intervals; ``None``: not computed (too costly)."""
    zone: CutoffZone | None = None
    """The dossiers statistically indistinguishable at the line (design §12)."""


@dataclass(frozen=True)
class Robust:
    view: View
    robustness: Robustness


@dataclass(frozen=True)
class Sensitive:
    view: View
    sensitivity: Mapping[str, Sensitivity]


def rank(
    ranking_input: RankingInput, view: View, progress: Progress, known: Ranking | None = None
) -> Ranked:
    """``known``: the ranking of ``view`` when the caller has it already (the session's, for the
    campaign's own method and weights): it is not computed, nor held, a second time."""
    from selection_desk.aggregation import compute_ranking, juror_calibration

    weights = view.weight_map
    ranking = known or compute_ranking(ranking_input, method=view.method, weights=weights)
    progress.check()
    return Ranked(
        view,
        ranking,
        juror_calibration(ranking_input, weights=weights),
        Cohort.of(ranking, ranking_input.criteria),
    )


def stability_affordable(method: Method, dossiers: int) -> bool:
    return method is not Method.SCHULZE or dossiers <= SCHULZE_BOOTSTRAP_LIMIT


def stabilise(ranking_input: RankingInput, view: View, progress: Progress) -> Stable:
    """p_top and rank intervals (the campaign's bootstrap over jurors, as in the minutes), when
    affordable."""
    from selection_desk.aggregation.robustness import cutoff_zone
    from selection_desk.services.ranking import stable_ranking

    if not stability_affordable(view.method, len(ranking_input.dossiers)):
        return Stable(view, None)
    ranking = stable_ranking(ranking_input, method=view.method, weights=view.weight_map)
    return Stable(view, ranking, cutoff_zone(ranking))


def robustness(ranking_input: RankingInput, view: View, progress: Progress) -> Robust:
    """What every method selects with the view's weights (the method shown does not matter)."""
    from selection_desk.aggregation.robustness import selection_by_method

    return Robust(view, selection_by_method(ranking_input, weights=view.weight_map))


def sensitivity_is_quick(method: Method, dossiers: int) -> bool:
    limit = QUICK_SENSITIVITY_LIMIT.get(method)
    return limit is None or dossiers <= limit


def sensitivity(ranking_input: RankingInput, view: View, progress: Progress) -> Sensitive:
    """Per criterion, the smallest weight change (±50 %) that changes the selection."""
    from selection_desk.aggregation import weight_sensitivity

    return Sensitive(
        view, weight_sensitivity(ranking_input, method=view.method, weights=view.weight_map)
    )


def explanation(
    ranking_input: RankingInput, view: View, ref: str, progress: Progress
) -> tuple[View, DossierExplanation]:
    from selection_desk.aggregation import explain

    return view, explain(ranking_input, ref, method=view.method, weights=view.weight_map)
