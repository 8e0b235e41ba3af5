"""Use case: make what-if weights the campaign's criterion weights — one audited transaction.

The Ranking page lets the committee try other weights without touching the file; this is the
deliberate step that saves them.  Weights are validated first (every code known, every weight a
finite number above 0), so bad input changes nothing; unchanged weights write nothing and leave no
audit entry.  The audit entry records every criterion's weight before and after.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace

from selection_desk.errors import InvalidInput, NotFound, define_message
from selection_desk.i18n import N_
from selection_desk.services.op_changes import NOTHING, SETUP, OpChanges
from selection_desk.services.setup_common import finite
from selection_desk.storage.store import UNKNOWN_CRITERION, CampaignStore

WEIGHT_INVALID = define_message(
    "weights_weight_invalid",
    N_("The weight of criterion {criterion} must be a number above 0 (got {weight})."),
)
NO_WEIGHTS = define_message("weights_none_given", N_("No criterion weight was given."))

AUDIT_ACTION = "apply_weights"
AUDIT_ENTITY = "criteria:weights"


@dataclass(frozen=True)
class WeightsChange:
    before: Mapping[str, float]
    """Every criterion's weight before, criterion code → weight, in the criteria's order."""
    after: Mapping[str, float]
    changed: tuple[str, ...]
    """Codes of the criteria whose weight changed; empty: nothing was written."""

    @property
    def written(self) -> bool:
        return bool(self.changed)

    @property
    def op_changes(self) -> OpChanges:
        return SETUP if self.written else NOTHING


def _checked(weights: Mapping[str, float], known: set[str]) -> dict[str, float]:
    if not weights:
        raise InvalidInput(NO_WEIGHTS)
    checked: dict[str, float] = {}
    for code, weight in weights.items():
        if code not in known:
            raise NotFound(UNKNOWN_CRITERION, code=code)
        if (
            isinstance(weight, bool)
            or not isinstance(weight, int | float)
            or (isinstance(weight, float) and not math.isfinite(weight))
            or weight <= 0
        ):
            raise InvalidInput(WEIGHT_INVALID, criterion=code, weight=weight)
        checked[code] = finite(weight)  # within the bound every input shares
    return checked


def apply_weights(
    store: CampaignStore, weights: Mapping[str, float], *, actor: str
) -> WeightsChange:
    """Save ``weights`` (criterion code → weight; criteria not named keep theirs)."""
    criteria = store.criteria()
    wanted = _checked(weights, {criterion.code for criterion in criteria})
    before = {criterion.code: criterion.weight for criterion in criteria}
    after = {code: wanted.get(code, weight) for code, weight in before.items()}
    changed = tuple(code for code in before if after[code] != before[code])
    if not changed:
        return WeightsChange(before, after, ())
    # Every criterion is rewritten with its position renumbered in the current order: writing
    # only some could reorder them when stored positions are not 0, 1, 2 … (imports may leave
    # gaps or equal positions).
    positions = {criterion.code: index for index, criterion in enumerate(criteria)}
    with store.transaction():
        store.write_criteria(
            [replace(criterion, weight=after[criterion.code]) for criterion in criteria],
            positions,
        )
        store.record_audit(actor, AUDIT_ACTION, AUDIT_ENTITY, before=before, after=after)
    return WeightsChange(before, after, changed)
