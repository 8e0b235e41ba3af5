"""How much a criterion's weight must move before the selection changes (design §5, Sensitivity).

For each criterion, the weight is multiplied by 1 ± k·step (k = 1, 2, … up to ±limit; other weights
unchanged) and the dossiers selected by rank are recomputed with every rule of the ranking. The
answer is the smallest change, up and down, that changes the *set* of selected dossiers; a grid is
used rather than a bisection because the selection need not change monotonically with a weight.
All what-if weight vectors are ranked in one vectorised batch.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from selection_desk.aggregation.evaluation import standings_in_chunks
from selection_desk.aggregation.inputs import RankingInput
from selection_desk.aggregation.numerics import BoolArray, FloatArray
from selection_desk.aggregation.panel import Panel, resolve_weights
from selection_desk.domain.model import Method


@dataclass(frozen=True)
class WeightChange:
    relative_change: float
    """+0.07: the weight multiplied by 1.07; −0.12: by 0.88."""
    weight: float
    """The criterion's weight after the change."""
    entering: tuple[str, ...]
    """Refs of the dossiers that become selected by rank."""
    leaving: tuple[str, ...]
    """Refs of the dossiers that are no longer selected by rank."""


@dataclass(frozen=True)
class Sensitivity:
    criterion: str
    weight: float
    increase: WeightChange | None
    """Smallest increase that changes the selection; ``None``: none within the limit."""
    decrease: WeightChange | None
    """Smallest decrease that changes the selection; ``None``: none within the limit."""

    @property
    def smallest(self) -> WeightChange | None:
        """The smaller of the two changes (the decrease when both are as small)."""
        changes = [change for change in (self.decrease, self.increase) if change is not None]
        return min(changes, key=lambda change: abs(change.relative_change), default=None)


def weight_sensitivity(
    ranking_input: RankingInput,
    *,
    method: Method | None = None,
    places: int | None = None,
    weights: Mapping[str, float] | None = None,
    limit: float = 0.5,
    step: float = 0.01,
) -> dict[str, Sensitivity]:
    """Per criterion code, the smallest relative weight change (within ±``limit``, on a grid of
    ``step``) that changes the set of dossiers selected by rank."""
    if not (0 < step <= limit < 1):
        raise ValueError(f"need 0 < step ≤ limit < 1, got step={step}, limit={limit}")
    settings = ranking_input.settings
    method, places = settings.method_and_places(method, places)
    panel = Panel.from_input(ranking_input)
    base = resolve_weights(ranking_input, weights)
    criteria, count = len(base), round(limit / step)
    increases = step * np.arange(1, count + 1)
    changes = np.stack([increases, -increases])  # (2, S): up, then down
    grid = np.broadcast_to(base, (criteria, 2, count, criteria)).copy()
    diagonal = np.arange(criteria)
    grid[diagonal, :, :, diagonal] *= 1.0 + changes  # criterion c's own weight in c's rows
    rows = np.concatenate([base[None], grid.reshape(-1, criteria)])
    _ranks, within = standings_in_chunks(panel, method, settings, places, rows)
    selected, what_ifs = within[0], within[1:].reshape(criteria, 2, count, -1)
    refs = np.array(ranking_input.dossier_refs, dtype=object)

    def first_change(criterion: int, way: int) -> WeightChange | None:
        return _first_change(
            selected,
            what_ifs[criterion, way],
            changes[way],
            grid[criterion, way, :, criterion],
            refs,
        )

    return {
        code: Sensitivity(
            code, float(base[c]), increase=first_change(c, 0), decrease=first_change(c, 1)
        )
        for c, code in enumerate(panel.codes)
    }


def _first_change(
    selected: BoolArray,
    candidates: BoolArray,
    changes: FloatArray,
    weights: FloatArray,
    refs: npt.NDArray[np.object_],
) -> WeightChange | None:
    """The first ``candidates`` selection (one per change) that differs from ``selected``."""
    differs = (candidates != selected).any(axis=1)
    if not differs.any():
        return None
    row = int(np.argmax(differs))
    return WeightChange(
        relative_change=round(float(changes[row]), 12),
        weight=float(weights[row]),
        entering=tuple(refs[candidates[row] & ~selected].tolist()),
        leaving=tuple(refs[selected & ~candidates[row]].tolist()),
    )
