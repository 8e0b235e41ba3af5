"""Use cases of the assignment by expertise (design §12): edit tags, bids and maximum loads, then
assign K jurors per dossier by affinity (:mod:`selection_desk.services.expertise_plan`), and
propose extra jurors for the dossiers whose selection is uncertain, naming the kits to re-issue for
the new pairs.

Dossier tags come from a mapped column of the form (``tags_field``, split on commas, semicolons,
slashes and vertical bars) or, without it, from the stored tags.  A juror's maximum load is their
stored limit, else ``max_load`` when given, else the even spread ``⌈K·D / J⌉``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from selection_desk.domain import SCORING_ROLES
from selection_desk.errors import InvalidInput, define_message
from selection_desk.i18n import N_
from selection_desk.services.assignments import (
    NO_DOSSIERS,
    NO_SCORING_JURORS,
    PER_DOSSIER_RANGE,
    AssignmentChange,
    current_assignments,
    set_assignments,
)
from selection_desk.services.expertise_plan import (
    Bid,
    ExpertiseInputs,
    ExpertisePlan,
    default_max_load,
    plan_by_expertise,
)
from selection_desk.services.ranking import rank_campaign
from selection_desk.services.setup_common import finite
from selection_desk.storage import expertise
from selection_desk.storage.kits import kit_issues
from selection_desk.storage.store import CampaignStore

ACTOR = "secretary"
UNCERTAIN_LOW, UNCERTAIN_HIGH = 0.1, 0.9
"""A dossier is uncertain when its bootstrap ``p_top`` lies within these bounds (inclusive)."""

TAGS_FIELD_UNKNOWN = define_message(
    "expertise_tags_field_unknown", N_("No dossier has a field named {field}.")
)
MAX_LOAD_NEGATIVE = define_message(
    "expertise_max_load_negative",
    N_("A maximum load is a whole number of at least 0 (got {value})."),
)
EVERYONE_SCORES_EVERYTHING = define_message(
    "expertise_everyone_scores_everything",
    N_(
        "Every juror already scores every dossier: there is no one left to add. Assign K jurors "
        "per dossier first."
    ),
)
_TAG_SEPARATORS = re.compile(r"[,;/|]")


def _check_max_load(max_load: int | None) -> None:
    """A maximum load is a count: not negative, and within the bound every input shares (a
    load of 10**30 overflowed)."""
    if max_load is None:
        return
    finite(max_load)
    if max_load < 0:
        raise InvalidInput(MAX_LOAD_NEGATIVE, value=max_load)


def set_juror_profile(
    store: CampaignStore,
    juror: str,
    *,
    tags: Iterable[str] | None = None,
    max_load: int | None = None,
    clear_max_load: bool = False,
    actor: str = ACTOR,
) -> None:
    """A juror's expertise tags and maximum load, in one transaction."""
    _check_max_load(max_load)
    with store.transaction():
        if tags is not None:
            expertise.write_juror_tags(store, juror, tags, actor)
        if max_load is not None or clear_max_load:
            expertise.write_load_limit(store, juror, max_load, actor)


def set_dossier_tags(
    store: CampaignStore, ref: str, tags: Iterable[str], *, actor: str = ACTOR
) -> None:
    with store.transaction():
        expertise.write_dossier_tags(store, ref, tags, actor)


def set_bid(
    store: CampaignStore, juror: str, ref: str, bid: Bid | None, *, actor: str = ACTOR
) -> None:
    with store.transaction():
        expertise.write_bid(store, juror, ref, None if bid is None else bid.value, actor)


def dossier_tags_from_field(store: CampaignStore, field: str) -> dict[str, tuple[str, ...]]:
    dossiers = store.dossiers()
    if not any(field in dossier.fields for dossier in dossiers):
        raise InvalidInput(TAGS_FIELD_UNKNOWN, field=field)
    return {
        dossier.ref: expertise.normalised_tags(_TAG_SEPARATORS.split(dossier.fields.get(field, "")))
        for dossier in dossiers
    }


def plan_expertise_assignment(
    store: CampaignStore,
    per_dossier: int,
    *,
    tags_field: str | None = None,
    max_load: int | None = None,
) -> ExpertisePlan:
    """K jurors per dossier by affinity; the reviews already begun are kept."""
    _check_max_load(max_load)
    jurors = _scoring_jurors(store)
    dossiers = [d.ref for d in store.dossiers()]
    if not dossiers:
        raise InvalidInput(NO_DOSSIERS)
    if not 1 <= per_dossier <= len(jurors):
        raise InvalidInput(PER_DOSSIER_RANGE, jurors=len(jurors), value=per_dossier)
    even = max_load
    if even is None:
        even = default_max_load(len(jurors), len(dossiers), per_dossier)
    inputs = _inputs(store, jurors, dossiers, per_dossier, even, tags_field)
    keep = frozenset((r.juror, r.dossier) for r in store.reviews())
    return plan_by_expertise(_with(inputs, keep=keep))


def assign_by_expertise(
    store: CampaignStore,
    per_dossier: int,
    *,
    tags_field: str | None = None,
    max_load: int | None = None,
    confirm: bool = False,
    actor: str = ACTOR,
) -> tuple[AssignmentChange, ExpertisePlan]:
    """:func:`plan_expertise_assignment`, written as the campaign's assignments."""
    plan = plan_expertise_assignment(store, per_dossier, tags_field=tags_field, max_load=max_load)
    return set_assignments(store, plan.pairs, confirm=confirm, actor=actor), plan


def uncertain_dossiers(store: CampaignStore) -> tuple[str, ...]:
    """The dossiers with ``0.1 ≤ p_top ≤ 0.9`` (bootstrap B = 1,000, seed 0), in ranking order."""
    ranking = rank_campaign(store, bootstrap=None)  # the campaign's stability setting
    return tuple(
        entry.ref
        for entry in ranking.entries
        if entry.p_top is not None and UNCERTAIN_LOW <= entry.p_top <= UNCERTAIN_HIGH
    )


def plan_extra_reviews(
    store: CampaignStore,
    extra: int,
    *,
    tags_field: str | None = None,
    max_load: int | None = None,
) -> ExpertisePlan:
    """``extra`` more jurors for each uncertain dossier, among the jurors not yet on it: the same
    hard limits as any assignment (conflicts, maximum loads counting the work already assigned),
    chosen by affinity; the plan holds the new pairs only."""
    _check_max_load(max_load)
    current = current_assignments(store)
    if current is None:
        raise InvalidInput(EVERYONE_SCORES_EVERYTHING)
    jurors = _scoring_jurors(store)
    if not 1 <= extra <= len(jurors):
        raise InvalidInput(PER_DOSSIER_RANGE, jurors=len(jurors), value=extra)
    uncertain = list(uncertain_dossiers(store))
    even = default_max_load(len(jurors), len(uncertain), extra) if max_load is None else max_load
    inputs = _inputs(store, jurors, uncertain, extra, even, tags_field)
    loads = {juror: sum(1 for j, _d in current if j == juror) for juror in jurors}
    stored = expertise.load_limits(store)
    room = {
        juror: max(0, stored[juror] - loads[juror]) if juror in stored else even for juror in jurors
    }
    return plan_by_expertise(
        _with(inputs, max_load=room, conflicts=frozenset(inputs.conflicts) | current)
    )


def add_extra_reviews(
    store: CampaignStore,
    extra: int,
    *,
    tags_field: str | None = None,
    max_load: int | None = None,
    actor: str = ACTOR,
) -> tuple[AssignmentChange, ExpertisePlan]:
    plan = plan_extra_reviews(store, extra, tags_field=tags_field, max_load=max_load)
    current = current_assignments(store) or frozenset()
    return set_assignments(store, current | plan.pairs, actor=actor), plan


def kits_to_reissue(store: CampaignStore, pairs: Iterable[tuple[str, str]]) -> tuple[str, ...]:
    """The jurors given new pairs who already hold a kit, in code order.

    A kit carries its juror's whole assignment and is signed for that juror, so the new pairs
    reach a juror who scores offline only through a new kit of theirs (the newest kit is the one
    that counts, :func:`selection_desk.storage.kits.current_kit_id`); the other jurors' kits stay
    valid and are not re-issued.
    """
    holders = {issue.juror for issue in kit_issues(store)}
    return tuple(sorted({juror for juror, _dossier in pairs} & holders))


def _scoring_jurors(store: CampaignStore) -> list[str]:
    jurors = [j.code for j in store.jurors() if j.role in SCORING_ROLES]
    if not jurors:
        raise InvalidInput(NO_SCORING_JURORS)
    return jurors


def _inputs(
    store: CampaignStore,
    jurors: Sequence[str],
    dossiers: Sequence[str],
    per_dossier: int,
    default_load: int,
    tags_field: str | None,
) -> ExpertiseInputs:
    limits = expertise.load_limits(store)
    return ExpertiseInputs(
        jurors=jurors,
        dossiers=dossiers,
        per_dossier=per_dossier,
        max_load={juror: limits.get(juror, default_load) for juror in jurors},
        juror_tags=expertise.juror_tags(store),
        dossier_tags=dossier_tags_from_field(store, tags_field)
        if tags_field
        else expertise.dossier_tags(store),
        bids={pair: Bid(level) for pair, level in expertise.bids(store).items()},
        conflicts=frozenset((c.juror, c.dossier) for c in store.conflicts()),
    )


def _with(inputs: ExpertiseInputs, **changes: object) -> ExpertiseInputs:
    return replace(inputs, **changes)  # type: ignore[arg-type]


__all__ = [
    "add_extra_reviews",
    "assign_by_expertise",
    "plan_expertise_assignment",
    "plan_extra_reviews",
    "set_bid",
    "set_dossier_tags",
    "set_juror_profile",
    "uncertain_dossiers",
]
