"""The Schulze method (Schulze 2011, "A new monotonic, clone-independent, reversal symmetric, and
Condorcet-consistent single-winner election method") on the jurors' totals.

Each juror prefers X to Y when both were completed and ``T[j,X] > T[j,Y]`` (beyond the equality
tolerance); ``d[X,Y]`` counts the jurors preferring X to Y (a resampled juror counts as often as
drawn). Link strengths are winning votes: ``d[X,Y]`` where ``d[X,Y] > d[Y,X]``, else 0; ``p`` are
the strongest (widest) path strengths. X beats Y when ``p[X,Y] > p[Y,X]``, a transitive relation.

The aggregate ``A[X]`` reported is the number of dossiers X beats: if X beats Y, X beats everything
Y beats, so ordering by ``A`` respects every Schulze defeat; dossiers with the same number of wins
share a rank. A dossier that no juror completed gets no aggregate (listed after the others).

Cost: the strongest paths take D³ steps (Floyd–Warshall, vectorised over resamples), fine for the
hundreds of dossiers a committee deliberates on; thousands of dossiers take minutes.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from selection_desk.aggregation.methods import Scenarios, judged
from selection_desk.aggregation.numerics import EQUAL_TOLERANCE, BoolArray, FloatArray
from selection_desk.aggregation.panel import Panel
from selection_desk.errors import InvalidInput, define_message
from selection_desk.i18n import N_

MAX_DOSSIERS = 6_000
"""Above this the D × D preference and path matrices alone outgrow a laptop's memory (D² cells
each: 50,000 dossiers would need 20 GB per matrix); the method is refused with an explanation."""

SCHULZE_TOO_LARGE = define_message(
    "aggregation_schulze_too_large",
    N_(
        "The Schulze method compares every pair of dossiers: with {count} dossiers that is too "
        "large to compute on this computer (at most {limit}). Choose another method."
    ),
)

_ELEMENT_BUDGET = 4_000_000
"""Largest temporary array (elements) built at once while counting preferences."""


def schulze_scores(panel: Panel, scenarios: Scenarios) -> FloatArray:
    """(R, D) the number of dossiers each dossier beats in each scenario row (NaN: no juror)."""
    dossiers = panel.present.shape[1]
    if dossiers > MAX_DOSSIERS:
        raise InvalidInput(SCHULZE_TOO_LARGE, count=dossiers, limit=MAX_DOSSIERS)
    totals = panel.totals(scenarios.weights)
    multiplicity = scenarios.multiplicity
    scored = judged(panel, multiplicity)
    if multiplicity is None:  # one row per weight vector
        rows = [preference_counts(row_totals, panel.present, None) for row_totals in totals]
        preferences = np.concatenate(rows)
    else:  # one row per resample, one weight vector
        preferences = preference_counts(totals[0], panel.present, multiplicity)
    strengths = strongest_paths(preferences)
    wins = (strengths > np.swapaxes(strengths, 1, 2)).sum(axis=2).astype(np.float64)
    return np.where(scored, wins, np.nan)


def preference_counts(
    totals: FloatArray, present: BoolArray, multiplicity: FloatArray | None
) -> FloatArray:
    """(R, D, D) ``d[X, Y]``: how many jurors (times their multiplicity) prefer X to Y."""
    jurors, dossiers = present.shape
    rows = 1 if multiplicity is None else multiplicity.shape[0]
    counts = np.zeros((rows, dossiers * dossiers), dtype=np.float64)
    step = max(1, _ELEMENT_BUDGET // max(1, dossiers * dossiers))
    for start in range(0, jurors, step):
        chunk = slice(start, start + step)
        both = present[chunk, :, None] & present[chunk, None, :]
        prefers = both & (totals[chunk, :, None] > totals[chunk, None, :] + EQUAL_TOLERANCE)
        flat = prefers.reshape(prefers.shape[0], -1).astype(np.float64)
        counts += flat.sum(axis=0) if multiplicity is None else multiplicity[:, chunk] @ flat
    return counts.reshape(rows, dossiers, dossiers)


def strongest_paths(preferences: FloatArray) -> npt.NDArray[np.unsignedinteger[Any]]:
    """(R, D, D) widest-path strengths ``p`` from pairwise counts ``d`` (winning votes).

    Counts are whole numbers of jurors: the smallest unsigned type that holds them keeps the D³
    Floyd–Warshall passes light on memory bandwidth.
    """
    links = np.where(preferences > np.swapaxes(preferences, 1, 2), preferences, 0.0)
    dtype = np.min_scalar_type(int(links.max(initial=0.0)))
    strengths = links.astype(dtype)
    through = np.empty_like(strengths)
    for via in range(strengths.shape[1]):
        np.minimum(strengths[:, :, via, None], strengths[:, None, via, :], out=through)
        np.maximum(strengths, through, out=strengths)
    return strengths
