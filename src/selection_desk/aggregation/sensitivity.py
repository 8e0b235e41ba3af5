"""How much a criterion's weight must move before the selection changes (design §5, Sensitivity).

For each criterion, the weight is multiplied by 1 ± k·step (k = 1, 2, … up to ±limit; other weights
unchanged) and the dossiers selected by rank are recomputed with every rule of the ranking. The
answer is the smallest change, up and down, that changes the *set* of selected dossiers. A grid
comes first because the selection need not change monotonically with a weight (a bisection over
the whole range could miss the first change); then, between the last grid point that leaves the
selection as it is and the first one that changes it, a bisection narrows the change down to
``precision`` (0.01 % by default): the answer is the first tried change that changes the
selection, at most ``precision`` beyond the exact boundary. Each grid and each bisection round is
one vectorised batch of what-if weight vectors.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from selection_desk.aggregation.evaluation import selections_in_chunks
from selection_desk.aggregation.inputs import RankingInput
from selection_desk.aggregation.numerics import FloatArray
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
    precision: float = 0.0001,
) -> dict[str, Sensitivity]:
    """Per criterion code, the smallest relative weight change (within ±``limit``; found on a grid
    of ``step``, then bisected to ``precision``) that changes the set of dossiers selected by
    rank."""
    if not (0 < step <= limit < 1):
        raise ValueError(f"need 0 < step ≤ limit < 1, got step={step}, limit={limit}")
    if not 0 < precision <= step:
        raise ValueError(f"need 0 < precision ≤ step, got precision={precision}, step={step}")
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
    within = selections_in_chunks(panel, method, settings, places, rows)
    selected, what_ifs = within[0], within[1:].reshape(criteria, 2, count, -1)
    refs = np.array(ranking_input.dossier_refs, dtype=object)
    differs = (what_ifs != selected).any(axis=-1)  # (C, 2, S)
    found = differs.any(axis=-1)
    first = np.argmax(differs, axis=-1)
    # Bisection bounds per (criterion, way): ``safe`` keeps the selection, ``changed`` changes it.
    signs = np.array([1.0, -1.0])[None, :]
    changed = np.where(found, step * (first + 1), np.nan) * signs
    safe = np.where(found, step * first, np.nan) * signs
    pairs = np.argwhere(found)
    changed_within = {tuple(pair): what_ifs[pair[0], pair[1], first[tuple(pair)]] for pair in pairs}

    def what_if_rows(relative: FloatArray) -> FloatArray:
        trial = np.broadcast_to(base, (len(pairs), criteria)).copy()
        trial[np.arange(len(pairs)), pairs[:, 0]] *= 1.0 + relative
        return trial

    while len(pairs) and np.nanmax(np.abs(changed - safe)) > precision * (1 + 1e-9):
        middle = (safe[pairs[:, 0], pairs[:, 1]] + changed[pairs[:, 0], pairs[:, 1]]) / 2
        trial_within = selections_in_chunks(panel, method, settings, places, what_if_rows(middle))
        moved = (trial_within != selected).any(axis=-1)
        for index, (criterion, way) in enumerate(pairs.tolist()):
            if moved[index]:
                changed[criterion, way] = middle[index]
                changed_within[criterion, way] = trial_within[index]
            else:
                safe[criterion, way] = middle[index]

    def first_change(criterion: int, way: int) -> WeightChange | None:
        if not found[criterion, way]:
            return None
        within_then = changed_within[criterion, way]
        relative = float(changed[criterion, way])
        return WeightChange(
            relative_change=round(relative, 12),
            weight=float(base[criterion] * (1.0 + relative)),
            entering=tuple(refs[within_then & ~selected].tolist()),
            leaving=tuple(refs[selected & ~within_then].tolist()),
        )

    return {
        code: Sensitivity(
            code, float(base[c]), increase=first_change(c, 0), decrease=first_change(c, 1)
        )
        for c, code in enumerate(panel.codes)
    }
