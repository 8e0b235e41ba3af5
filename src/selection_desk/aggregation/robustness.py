"""Deciding under uncertainty (design §12): the selection under every method, and the cut-off zone.

**Robustness across methods.** Each method ranks the same counted scores with every rule of the
plain ranking (rounding, eliminations, tie-break, the same weights); its selected set is the
dossiers selected by rank: scored, not eliminated, rank ≤ ``places``.  A tie at the cut-off is
never broken here either: every dossier sharing the rank at the line is selected, so a method's set
may hold more than ``places`` dossiers, which shows the tie.  The *method-dependent* dossiers are
those selected by some methods and not by others (the union of the sets minus their
intersection).

Schulze's strongest paths cost D³ steps: above :data:`SCHULZE_ROBUSTNESS_LIMIT` dossiers (or
where its own guard refuses it) it is left out of the comparison and named in ``skipped``, so that
the comparison stays as cheap as one bootstrap (a few seconds rather than minutes).

**The cut-off zone.** The dossiers whose 90 % bootstrap rank interval ``[low, high]`` contains the
cut-off — the line between rank ``places`` and rank ``places + 1``, so ``low ≤ places < high`` —
are statistically indistinguishable at the line: the resampled juries put them on either side of
it.  (A dossier ranked exactly ``places`` by every resampled jury, ``[places, places]``, is sure of
its place and is not in the zone.)  Eliminated and unscored dossiers are never in the zone (they
cannot be selected, whatever the jury).  The zone exists only with a bootstrap (its B and seed are
kept).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from selection_desk.aggregation.evaluation import evaluate
from selection_desk.aggregation.inputs import RankingInput
from selection_desk.aggregation.methods import Scenarios
from selection_desk.aggregation.panel import Panel, resolve_weights
from selection_desk.aggregation.ranking import Ranking
from selection_desk.aggregation.schulze import MAX_DOSSIERS
from selection_desk.domain.model import Method

SCHULZE_ROBUSTNESS_LIMIT = 1_000
"""Largest campaign (dossiers) whose Schulze ranking enters the comparison: 1,000 dossiers take
about a second, 5,000 take minutes (D³), against seconds for every other method."""


@dataclass(frozen=True)
class Robustness:
    places: int
    selected: Mapping[Method, tuple[str, ...]]
    """Per method compared, the refs it selects, in ref order."""
    skipped: tuple[Method, ...]
    """Methods left out of the comparison because of their cost (Schulze on large campaigns)."""

    @property
    def method_dependent(self) -> tuple[str, ...]:
        """Refs selected by at least one method and not by all of them, in ref order."""
        sets = [frozenset(refs) for refs in self.selected.values()]
        if not sets:
            return ()
        every = sets[0].intersection(*sets[1:])
        return tuple(sorted(sets[0].union(*sets[1:]) - every))


@dataclass(frozen=True)
class CutoffZone:
    places: int
    refs: tuple[str, ...]
    """The dossiers indistinguishable at the line, best plain rank first (then ref)."""
    resamples: int
    seed: int


def selection_by_method(
    ranking_input: RankingInput,
    *,
    places: int | None = None,
    weights: Mapping[str, float] | None = None,
) -> Robustness:
    """The set each method selects from ``ranking_input`` (``places`` and ``weights`` default to
    the campaign's, as in :func:`~selection_desk.aggregation.ranking.compute_ranking`)."""
    settings = ranking_input.settings
    _method, places = settings.method_and_places(None, places)
    panel = Panel.from_input(ranking_input)
    scenarios = Scenarios(resolve_weights(ranking_input, weights)[None])
    refs = np.array([ref for ref, _name in ranking_input.dossiers], dtype=object)
    compared = [method for method in Method if not _too_costly(method, len(refs))]
    selected = {
        method: tuple(
            sorted(refs[evaluate(panel, method, settings, scenarios).standings.within(places)[0]])
        )
        for method in compared
    }
    skipped = tuple(method for method in Method if method not in selected)
    return Robustness(places, selected, skipped)


def _too_costly(method: Method, dossiers: int) -> bool:
    return method is Method.SCHULZE and dossiers > min(SCHULZE_ROBUSTNESS_LIMIT, MAX_DOSSIERS)


def cutoff_zone(ranking: Ranking) -> CutoffZone | None:
    """The zone of ``ranking`` at its ``places``; ``None`` when computed without bootstrap."""
    if ranking.bootstrap is None:
        return None
    refs = tuple(
        entry.ref
        for entry in ranking.entries
        if entry.rank_interval is not None
        and entry.score is not None
        and not entry.eliminated
        and entry.rank_interval[0] <= ranking.places < entry.rank_interval[1]
    )
    return CutoffZone(ranking.places, refs, ranking.bootstrap.resamples, ranking.bootstrap.seed)


def robustness_to_json(robustness: Robustness, zone: CutoffZone | None) -> dict[str, object]:
    """The §12 keys of ``rank --json``: ``robustness``, ``method_dependent``, ``cutoff_zone``
    (``null`` without bootstrap)."""
    return {
        "robustness": {method.value: list(refs) for method, refs in robustness.selected.items()},
        "robustness_skipped": [method.value for method in robustness.skipped],
        "method_dependent": list(robustness.method_dependent),
        "cutoff_zone": None
        if zone is None
        else {"refs": list(zone.refs), "resamples": zone.resamples, "seed": zone.seed},
    }
