"""Use cases of the campaign set-up (design §8, issue 5): properties, criteria and their rubrics,
jurors and their PINs, conflicts of interest, assignments.

Every use case validates first (typed errors; bad input changes nothing), then makes its change in
one ``BEGIN IMMEDIATE`` transaction with its audit entry, and returns what changed — enough for the
set-up page to undo it by calling the inverse use case, which is audited in turn:

=========================  ==============================================================
change                     inverse
=========================  ==============================================================
``update_campaign(new)``   ``update_campaign(change.before)``
``add_criterion``          ``delete_criterion(code, restore=change)``
``edit_criterion``         ``edit_criterion(new code, change.before…, restore=change)``
``delete_criterion``       ``add_criterion(old, position, restore=change)``
``reorder_criteria``       ``reorder_criteria(change.before order)``
``replace_criteria``       ``replace_criteria(change.before, restore=change)``
``add_juror``              ``delete_juror``
``edit_juror``             ``edit_juror(before, pin_hash=change.before_pin_hash)``
``delete_juror``           ``add_juror(before, restore=change.removed)``
``apply_juror_import``     ``revert_juror_import``
``declare_conflict``       ``remove_conflict(restore=change)`` (or the previous reason)
``remove_conflict``        ``declare_conflict(previous reason)``
``set_assignments`` & co   ``set_assignments(change.before, restore=change)``
=========================  ==============================================================

A change that would cost jurors work (scores removed, final reviews reopened or deleted) raises
:class:`~selection_desk.services.setup_impact.NeedsConfirmation` describing exactly that, and
happens only when called again with ``confirm=True``.  ``restore`` puts back what the change being
undone removed — only where nothing newer took its place.
"""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any, Final

from selection_desk.aggregation.inputs import check_stability_setting
from selection_desk.domain import SCORING_ROLES as _SCORING_ROLES
from selection_desk.domain import (
    Assignment,
    Campaign,
    Conflict,
    Criterion,
    Juror,
    Review,
    ReviewStatus,
    RubricLevel,
    Score,
)
from selection_desk.errors import InvalidInput, NotFound, define_message
from selection_desk.i18n import LANGUAGES, N_
from selection_desk.services.assignment_plan import AssignmentPlan, Pair, balanced_assignment
from selection_desk.services.scoring import JUROR_DOES_NOT_SCORE
from selection_desk.services.setup_impact import NeedsConfirmation, ScoreImpact
from selection_desk.storage import setup as sql
from selection_desk.storage.audit import flat_state, now_iso
from selection_desk.storage.store import (
    UNKNOWN_CRITERION,
    UNKNOWN_JUROR,
    CampaignStore,
)

ACTOR = "secretary"
PIN_MIN_LENGTH = 4
SCORING_ROLES = tuple(sorted(_SCORING_ROLES))
"""Who scores, and so who is given dossiers (secretaries and observers take part in the meeting
but do not score)."""


class _Unchanged:
    def __repr__(self) -> str:
        return "UNCHANGED"


UNCHANGED: Final = _Unchanged()
"""``edit_juror(pin=UNCHANGED)``: keep the juror's PIN as it is."""

# --- messages ---------------------------------------------------------------------------------

CAMPAIGN_NAME_EMPTY = define_message("setup_campaign_name_empty", N_("The campaign needs a name."))
PLACES_TOO_FEW = define_message(
    "setup_places_too_few", N_("The number of places must be at least 1 (here {value}).")
)
DECIMALS_OUT_OF_RANGE = define_message(
    "setup_decimals_out_of_range",
    N_("The number of decimals must be a whole number from 0 to 6 (here {value})."),
)
UNKNOWN_TIE_BREAK = define_message(
    "setup_unknown_tie_break",
    N_("The tie-break criterion {code} is not a criterion of this campaign."),
)
SPREAD_NEGATIVE = define_message(
    "setup_spread_negative", N_("The value must not be negative (here {value}).")
)
UNKNOWN_LANGUAGE = define_message(
    "setup_unknown_language", N_("“{value}” is not a supported language; use fr or en.")
)
NOT_FINITE = define_message("setup_not_finite", N_("{value} is not a usable number."))
CODE_EMPTY = define_message("setup_code_empty", N_("The code must not be empty."))
CRITERION_CODE_TAKEN = define_message(
    "setup_criterion_code_taken", N_("There is already a criterion with the code {code}.")
)
CRITERION_CODE_SCORED = define_message(
    "setup_criterion_code_scored",
    N_(
        "Criterion {code} already has scores: its code can no longer change (ballots and "
        "scoring sheets name it)."
    ),
)
LABEL_EMPTY = define_message("setup_label_empty", N_("The label must not be empty."))
WEIGHT_NOT_POSITIVE = define_message(
    "setup_weight_not_positive", N_("The weight must be greater than 0 (here {value}).")
)
SCALE_INVERTED = define_message(
    "setup_scale_inverted", N_("The minimum {min} must be less than the maximum {max}.")
)
STEP_NOT_POSITIVE = define_message(
    "setup_step_not_positive", N_("The step must be greater than 0 (here {value}).")
)
STEP_NOT_DIVIDING = define_message(
    "setup_step_not_dividing",
    N_("The step {step} does not divide the scale from {min} to {max} into whole steps."),
)
THRESHOLD_OUTSIDE_SCALE = define_message(
    "setup_threshold_outside_scale",
    N_("The threshold {value} is outside the scale from {min} to {max}."),
)
LEVEL_OUTSIDE_SCALE = define_message(
    "setup_level_outside_scale",
    N_("The level {value} is outside the scale from {min} to {max}."),
)
DUPLICATE_LEVEL = define_message(
    "setup_duplicate_level", N_("The level {value} is given more than once.")
)
LEVEL_LABEL_EMPTY = define_message(
    "setup_level_label_empty", N_("The level {value} needs a label.")
)
ORDER_MISMATCH = define_message(
    "setup_order_mismatch", N_("The new order must list every criterion exactly once.")
)
JUROR_CODE_TAKEN = define_message(
    "setup_juror_code_taken", N_("There is already a juror with the code {code}.")
)
JUROR_CODE_FIXED = define_message(
    "setup_juror_code_fixed",
    N_("Juror {code} has already scored or received a juror kit: the code can no longer change."),
)
JUROR_NAME_EMPTY = define_message("setup_juror_name_empty", N_("The juror needs a name."))
BAD_EMAIL = define_message("setup_bad_email", N_("“{value}” is not an e-mail address."))
PIN_TOO_SHORT = define_message(
    "setup_pin_too_short", N_("A PIN needs at least {length} characters.")
)
NO_CONFLICT = define_message(
    "setup_no_conflict",
    N_("Juror {juror} has declared no conflict of interest with dossier {dossier}."),
)
ASSIGN_CONFLICTED = define_message(
    "setup_assign_conflicted",
    N_(
        "Juror {juror} has a conflict of interest with dossier {dossier} and cannot be assigned "
        "to it."
    ),
)
PER_DOSSIER_RANGE = define_message(
    "setup_per_dossier_range",
    N_("The number of jurors per dossier must be from 1 to {jurors} (here {value})."),
)
NO_SCORING_JURORS = define_message(
    "setup_no_scoring_jurors",
    N_(
        "There is no juror to assign: presidents and members score, secretaries and observers "
        "do not."
    ),
)
NO_DOSSIERS = define_message("setup_no_dossiers", N_("There are no dossiers to assign yet."))
SOURCE_WITHOUT_CRITERIA = define_message(
    "setup_source_without_criteria", N_("{source} has no criteria to copy.")
)

CONFIRM_ADD_CRITERION = define_message(
    "setup_confirm_add_criterion",
    N_("Adding criterion {code} leaves reviews already marked final incomplete:"),
)
CONFIRM_DELETE_CRITERION = define_message(
    "setup_confirm_delete_criterion",
    N_("Criterion {code} already has scores; deleting it removes them:"),
)
CONFIRM_RESCALE = define_message(
    "setup_confirm_rescale",
    N_(
        "The scores of criterion {code} were given on the scale from {old_min} to {old_max}; "
        "they would not mean the same on the scale from {new_min} to {new_max}, so they are "
        "removed:"
    ),
)
CONFIRM_STEP = define_message(
    "setup_confirm_step",
    N_(
        "With the step {step}, some scores already given on criterion {code} are no longer on "
        "its steps; they are removed:"
    ),
)
CONFIRM_EDIT_CRITERION = define_message(
    "setup_confirm_edit_criterion", N_("Changing criterion {code} changes scores already given:")
)
CONFIRM_REPLACE_CRITERIA = define_message(
    "setup_confirm_replace_criteria",
    N_("Replacing the criteria by those of {source} changes scores already given:"),
)
CONFIRM_DELETE_JUROR = define_message(
    "setup_confirm_delete_juror",
    N_("Juror {juror} has already scored; deleting the juror removes their work:"),
)
CONFIRM_CONFLICT = define_message(
    "setup_confirm_conflict",
    N_(
        "Juror {juror} has already scored dossier {dossier}; declaring a conflict of interest "
        "removes that review:"
    ),
)
CONFIRM_ASSIGNMENTS = define_message(
    "setup_confirm_assignments",
    N_("The new assignments take dossiers away from jurors who have already scored them:"),
)
CONFIRM_REVERT_IMPORT = define_message(
    "setup_confirm_revert_import",
    N_("Jurors added by the import have already scored; removing them removes their work:"),
)

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_STEP_TOLERANCE = 1e-6


def _now() -> str:
    return now_iso()


def _text(value: str) -> str:
    return value.strip()


def _finite(value: float) -> float:
    if not math.isfinite(value):
        raise InvalidInput(NOT_FINITE, value=str(value))
    return float(value)


# ==============================================================================================
# Campaign properties
# ==============================================================================================


@dataclass(frozen=True)
class CampaignChange:
    before: Campaign
    after: Campaign

    @property
    def changed(self) -> bool:
        return self.before != self.after


def _check_campaign(store: CampaignStore, campaign: Campaign) -> Campaign:
    campaign = replace(
        campaign,
        name=_text(campaign.name),
        programme=_text(campaign.programme),
        meeting_date=_text(campaign.meeting_date),
        meeting_place=_text(campaign.meeting_place),
        contact=_text(campaign.contact),
        tie_break=_text(campaign.tie_break or "") or None,
    )
    if not campaign.name:
        raise InvalidInput(CAMPAIGN_NAME_EMPTY)
    if campaign.places < 1:
        raise InvalidInput(PLACES_TOO_FEW, value=campaign.places)
    decimals = campaign.criterion_decimals
    if decimals is not None and not 0 <= decimals <= 6:
        raise InvalidInput(DECIMALS_OUT_OF_RANGE, value=decimals)
    if campaign.language not in LANGUAGES:
        raise InvalidInput(UNKNOWN_LANGUAGE, value=campaign.language)
    _finite(campaign.spread_threshold)
    if campaign.spread_threshold < 0:
        raise InvalidInput(SPREAD_NEGATIVE, value=campaign.spread_threshold)
    check_stability_setting(campaign.stability_resamples, campaign.stability_seed)
    codes = {c.code for c in store.criteria()}
    if campaign.tie_break is not None and campaign.tie_break not in codes:
        raise InvalidInput(UNKNOWN_TIE_BREAK, code=campaign.tie_break)
    return campaign


def update_campaign(
    store: CampaignStore, campaign: Campaign, *, actor: str = ACTOR
) -> CampaignChange:
    """Name, programme, places, language, method and its settings, meeting date and place.

    The campaign's uid never changes (ballots and kits carry it)."""
    before = store.campaign()
    after = _check_campaign(store, replace(campaign, uid=before.uid))
    if after == before:
        return CampaignChange(before, after)
    with store.transaction():
        store.write_campaign(after)
        old_state, new_state = flat_state(before), flat_state(after)
        changed = {key: value for key, value in new_state.items() if old_state[key] != value}
        store.record_audit(
            actor,
            "campaign.update",
            "campaign",
            before={key: old_state[key] for key in changed},
            after=changed,
        )
    return CampaignChange(before, after)


# ==============================================================================================
# Criteria
# ==============================================================================================


@dataclass(frozen=True)
class CriteriaChange:
    before: tuple[Criterion, ...]
    after: tuple[Criterion, ...]
    impact: ScoreImpact = field(default_factory=ScoreImpact)
    tie_break_cleared: str | None = None
    """The tie-break criterion the change deleted (the campaign then has none)."""
    restored_scores: int = 0
    """Scores put back (undo)."""

    def position(self, code: str, *, before: bool = False) -> int:
        criteria = self.before if before else self.after
        return [c.code for c in criteria].index(code)


def check_criterion(criterion: Criterion) -> Criterion:
    """The criterion with its texts trimmed, or a typed error saying what is wrong with it."""
    criterion = replace(
        criterion,
        code=_text(criterion.code),
        label=_text(criterion.label),
        group=_text(criterion.group),
        description=criterion.description.strip(),
        weight=_finite(criterion.weight),
        scale_min=_finite(criterion.scale_min),
        scale_max=_finite(criterion.scale_max),
        step=_finite(criterion.step),
        threshold=None if criterion.threshold is None else _finite(criterion.threshold),
        levels=tuple(
            sorted(
                (
                    RubricLevel(_finite(level.value), _text(level.label), level.descriptor.strip())
                    for level in criterion.levels
                ),
                key=lambda level: level.value,
            )
        ),
    )
    lo, hi, step = criterion.scale_min, criterion.scale_max, criterion.step
    if not criterion.code:
        raise InvalidInput(CODE_EMPTY)
    if not criterion.label:
        raise InvalidInput(LABEL_EMPTY)
    if criterion.weight <= 0:
        raise InvalidInput(WEIGHT_NOT_POSITIVE, value=criterion.weight)
    if lo >= hi:
        raise InvalidInput(SCALE_INVERTED, min=lo, max=hi)
    if step <= 0:
        raise InvalidInput(STEP_NOT_POSITIVE, value=step)
    steps = (hi - lo) / step
    if not math.isclose(steps, round(steps), abs_tol=_STEP_TOLERANCE):
        raise InvalidInput(STEP_NOT_DIVIDING, step=step, min=lo, max=hi)
    if criterion.threshold is not None and not criterion.in_scale(criterion.threshold):
        raise InvalidInput(THRESHOLD_OUTSIDE_SCALE, value=criterion.threshold, min=lo, max=hi)
    seen: set[float] = set()
    for level in criterion.levels:
        if not criterion.in_scale(level.value):
            raise InvalidInput(LEVEL_OUTSIDE_SCALE, value=level.value, min=lo, max=hi)
        if level.value in seen:
            raise InvalidInput(DUPLICATE_LEVEL, value=level.value)
        if not level.label:
            raise InvalidInput(LEVEL_LABEL_EMPTY, value=level.value)
        seen.add(level.value)
    return criterion


def _check_criteria(criteria: Sequence[Criterion]) -> tuple[Criterion, ...]:
    checked = tuple(check_criterion(c) for c in criteria)
    seen: set[str] = set()
    for criterion in checked:
        if criterion.code in seen:
            raise InvalidInput(CRITERION_CODE_TAKEN, code=criterion.code)
        seen.add(criterion.code)
    return checked


def _scores_removed_by(
    store: CampaignStore, old: Criterion, new: Criterion | None, source_code: str
) -> list[Score]:
    if new is not None and (old.scale_min, old.scale_max, old.step) == (
        new.scale_min,
        new.scale_max,
        new.step,
    ):
        return []
    scores = sql.scores_on_criterion(store, source_code)
    if new is None or (old.scale_min, old.scale_max) != (new.scale_min, new.scale_max):
        return list(scores)
    return [s for s in scores if not new.on_step(s.value)]


def _apply_criteria(
    store: CampaignStore,
    after: Sequence[Criterion],
    *,
    confirm: bool,
    restore: CriteriaChange | None,
    confirmation: tuple[str, dict[str, Any]],
    action: str,
    entity: str,
    actor: str,
    rename: tuple[str, str] | None = None,
) -> CriteriaChange:
    """The one way criteria change: ``after`` becomes the campaign's criteria, in that order."""
    after = _check_criteria(after)
    before = store.criteria()
    if after == before and restore is None and rename is None:
        return CriteriaChange(before, after)
    source_code = {c.code: c.code for c in before}
    if rename is not None:
        old_code, new_code = rename
        source_code = {(new_code if k == old_code else k): v for k, v in source_code.items()}
    before_by = {(rename[1] if rename and c.code == rename[0] else c.code): c for c in before}
    after_by = {c.code: c for c in after}

    removed: list[Score] = []
    for code, old in before_by.items():
        removed += _scores_removed_by(store, old, after_by.get(code), source_code[code])
    removed_keys = {(s.juror, s.dossier, s.criterion) for s in removed}
    restored = _restorable_scores(store, restore, after_by, removed_keys)

    n_before, n_after = len(before), len(after)
    reopened: list[Review] = []
    refinalise: list[Review] = []
    if removed or restore is not None or n_before != n_after:
        # (Otherwise only texts, weights, thresholds, levels or the order change: every review
        # keeps its scores and its completeness.)
        pair_counts = sql.score_counts_by_pair(store)
        delta = Counter((s.juror, s.dossier) for s in removed)
        delta.subtract(Counter((s.juror, s.dossier) for s in restored))

        def scored_after(pair: tuple[str, str]) -> int:
            return pair_counts.get(pair, 0) - delta[pair]

        reopened = [
            review
            for review in sql.reviews_with_status(store, ReviewStatus.FINAL)
            if pair_counts.get((review.juror, review.dossier), 0) == n_before
            and scored_after((review.juror, review.dossier)) != n_after
        ]
        refinalise = _reviews_to_refinalise(
            store, restore, lambda pair: scored_after(pair) == n_after
        )
    impact = ScoreImpact(tuple(removed), tuple(reopened))
    if not impact.is_empty and not confirm:
        code, facts = confirmation
        raise NeedsConfirmation(code, impact, **facts)

    campaign = store.campaign() if store.has_campaign() else None
    tie_break = campaign.tie_break if campaign else None
    if rename is not None and tie_break == rename[0]:
        tie_break = rename[1]
    cleared = tie_break if tie_break is not None and tie_break not in after_by else None
    put_back_tie_break = (
        restore is not None
        and restore.tie_break_cleared in after_by
        and campaign is not None
        and campaign.tie_break is None
    )
    at = _now()
    with store.transaction():
        if rename is not None:
            sql.rename_criterion(store, *rename)
        for code in before_by:
            if code not in after_by:
                sql.delete_criterion(store, source_code[code])
        sql.delete_scores(store, [s for s in removed if s.criterion in after_by])
        store.write_criteria(after, {c.code: i for i, c in enumerate(after)})
        restored_count = sql.insert_scores_if_absent(store, restored)
        store.write_reviews(
            replace(r, status=ReviewStatus.DRAFT, revision=r.revision + 1, updated_at=at)
            for r in reopened
        )
        store.write_reviews(
            replace(r, status=ReviewStatus.FINAL, revision=r.revision + 1, updated_at=at)
            for r in refinalise
        )
        if campaign is not None and cleared is not None:
            store.write_campaign(replace(campaign, tie_break=None))
        elif campaign is not None and put_back_tie_break and restore is not None:
            store.write_campaign(replace(campaign, tie_break=restore.tie_break_cleared))
        changed_codes = [
            code
            for code in dict.fromkeys([*before_by, *after_by])
            if before_by.get(code) != after_by.get(code)
        ]
        store.record_audit(
            actor,
            action,
            entity,
            before={
                "criteria": {
                    code: _criterion_record(before_by.get(code)) for code in changed_codes
                },
                "order": list(before_by),
            },
            after={
                "criteria": {code: _criterion_record(after_by.get(code)) for code in changed_codes},
                "order": list(after_by),
                "impact": impact.audit_record(),
                "restored_scores": restored_count,
                "reviews_final_again": [[r.juror, r.dossier] for r in refinalise],
                "tie_break_cleared": cleared,
            },
        )
    return CriteriaChange(before, after, impact, cleared, restored_count)


def _criterion_record(criterion: Criterion | None) -> dict[str, Any] | None:
    return None if criterion is None else asdict(criterion)


def _restorable_scores(
    store: CampaignStore,
    restore: CriteriaChange | None,
    after_by: dict[str, Criterion],
    removed_keys: set[tuple[str, str, str]],
) -> list[Score]:
    if restore is None or not restore.impact.removed_scores:
        return []
    jurors = {j.code for j in store.jurors()}
    dossiers = {d.ref for d in store.dossiers()}
    conflicts = {(c.juror, c.dossier) for c in store.conflicts()}
    present: set[tuple[str, str, str]] = set()
    for code in {s.criterion for s in restore.impact.removed_scores} & set(after_by):
        if code in {c.code for c in store.criteria()}:
            present |= {
                (s.juror, s.dossier, s.criterion) for s in sql.scores_on_criterion(store, code)
            }
    present -= removed_keys
    return [
        s
        for s in restore.impact.removed_scores
        if s.criterion in after_by
        and after_by[s.criterion].accepts(s.value)
        and s.juror in jurors
        and s.dossier in dossiers
        and (s.juror, s.dossier) not in conflicts
        and (s.juror, s.dossier, s.criterion) not in present
    ]


def _reviews_to_refinalise(
    store: CampaignStore,
    restore: CriteriaChange | None,
    complete_after: Any,
) -> list[Review]:
    """Reviews the undone change sent back to draft, untouched since and complete again."""
    if restore is None or not restore.impact.reopened_reviews:
        return []
    drafts = {(r.juror, r.dossier): r for r in sql.reviews_with_status(store, ReviewStatus.DRAFT)}
    result: list[Review] = []
    for previous in restore.impact.reopened_reviews:
        current = drafts.get((previous.juror, previous.dossier))
        if (
            current is not None
            and current.revision == previous.revision + 1
            and complete_after((previous.juror, previous.dossier))
        ):
            result.append(current)
    return result


def _criteria_list(store: CampaignStore) -> list[Criterion]:
    return list(store.criteria())


def _index_of(criteria: Sequence[Criterion], code: str) -> int:
    for index, criterion in enumerate(criteria):
        if criterion.code == code:
            return index
    raise NotFound(UNKNOWN_CRITERION, code=code)


def add_criterion(
    store: CampaignStore,
    criterion: Criterion,
    *,
    position: int | None = None,
    confirm: bool = False,
    restore: CriteriaChange | None = None,
    actor: str = ACTOR,
) -> CriteriaChange:
    """Adds ``criterion`` at ``position`` (default: last).

    Reviews already final become incomplete and go back to draft: that asks for confirmation."""
    criterion = check_criterion(criterion)
    current = _criteria_list(store)
    if criterion.code in {c.code for c in current}:
        raise InvalidInput(CRITERION_CODE_TAKEN, code=criterion.code)
    index = len(current) if position is None else max(0, min(position, len(current)))
    after = [*current[:index], criterion, *current[index:]]
    return _apply_criteria(
        store,
        after,
        confirm=confirm,
        restore=restore,
        confirmation=(CONFIRM_ADD_CRITERION, {"code": criterion.code}),
        action="criterion.add",
        entity=f"criterion:{criterion.code}",
        actor=actor,
    )


def edit_criterion(
    store: CampaignStore,
    code: str,
    criterion: Criterion,
    *,
    confirm: bool = False,
    restore: CriteriaChange | None = None,
    actor: str = ACTOR,
) -> CriteriaChange:
    """Replaces criterion ``code`` by ``criterion`` (label, weight, scale, levels, even the code
    while it has no scores).  A new scale removes the scores that no longer fit it, which asks
    for confirmation first: every score when the minimum or maximum changes (they were given on
    another scale), the scores off the new steps when only the step changes."""
    criterion = check_criterion(criterion)
    current = _criteria_list(store)
    index = _index_of(current, code)
    old = current[index]
    rename = None
    if criterion.code != code:
        if criterion.code in {c.code for c in current}:
            raise InvalidInput(CRITERION_CODE_TAKEN, code=criterion.code)
        if sql.scores_on_criterion(store, code):
            raise InvalidInput(CRITERION_CODE_SCORED, code=code)
        rename = (code, criterion.code)
    after = [*current[:index], criterion, *current[index + 1 :]]
    if (old.scale_min, old.scale_max) != (criterion.scale_min, criterion.scale_max):
        confirmation: tuple[str, dict[str, Any]] = (
            CONFIRM_RESCALE,
            {
                "code": code,
                "old_min": old.scale_min,
                "old_max": old.scale_max,
                "new_min": criterion.scale_min,
                "new_max": criterion.scale_max,
            },
        )
    elif old.step != criterion.step:
        confirmation = (CONFIRM_STEP, {"code": code, "step": criterion.step})
    else:
        confirmation = (CONFIRM_EDIT_CRITERION, {"code": code})
    return _apply_criteria(
        store,
        after,
        confirm=confirm,
        restore=restore,
        confirmation=confirmation,
        action="criterion.edit",
        entity=f"criterion:{code}",
        actor=actor,
        rename=rename,
    )


def set_rubric_levels(
    store: CampaignStore,
    code: str,
    levels: Iterable[RubricLevel],
    *,
    actor: str = ACTOR,
) -> CriteriaChange:
    """The rubric of criterion ``code``: a label and a descriptor per level (scores unaffected)."""
    current = _criteria_list(store)
    old = current[_index_of(current, code)]
    return edit_criterion(store, code, replace(old, levels=tuple(levels)), actor=actor)


def delete_criterion(
    store: CampaignStore,
    code: str,
    *,
    confirm: bool = False,
    restore: CriteriaChange | None = None,
    actor: str = ACTOR,
) -> CriteriaChange:
    """Deletes criterion ``code`` with its rubric.  Its scores go with it, which asks for
    confirmation first; the reviews stay as they are (complete on the remaining criteria), and
    the tie-break, if it was this criterion, is cleared."""
    current = _criteria_list(store)
    index = _index_of(current, code)
    after = [*current[:index], *current[index + 1 :]]
    return _apply_criteria(
        store,
        after,
        confirm=confirm,
        restore=restore,
        confirmation=(CONFIRM_DELETE_CRITERION, {"code": code}),
        action="criterion.delete",
        entity=f"criterion:{code}",
        actor=actor,
    )


def reorder_criteria(
    store: CampaignStore, order: Sequence[str], *, actor: str = ACTOR
) -> CriteriaChange:
    """The criteria in the order of the codes in ``order`` (which lists each exactly once)."""
    current = _criteria_list(store)
    by_code = {c.code: c for c in current}
    if sorted(order) != sorted(by_code) or len(set(order)) != len(order):
        raise InvalidInput(ORDER_MISMATCH)
    before = tuple(current)
    after = tuple(by_code[code] for code in order)
    if after == before:
        return CriteriaChange(before, after)
    with store.transaction():
        sql.write_criterion_order(store, order)
        store.record_audit(
            actor,
            "criteria.reorder",
            "criteria",
            before={"order": [c.code for c in before]},
            after={"order": list(order)},
        )
    return CriteriaChange(before, after)


def move_criterion(
    store: CampaignStore, code: str, position: int, *, actor: str = ACTOR
) -> CriteriaChange:
    """Moves criterion ``code`` to ``position`` (0-based, clamped)."""
    codes = [c.code for c in _criteria_list(store)]
    index = codes.index(code) if code in codes else -1
    if index < 0:
        raise NotFound(UNKNOWN_CRITERION, code=code)
    codes.pop(index)
    codes.insert(max(0, min(position, len(codes))), code)
    return reorder_criteria(store, codes, actor=actor)


def replace_criteria(
    store: CampaignStore,
    criteria: Sequence[Criterion],
    *,
    source: str,
    confirm: bool = False,
    restore: CriteriaChange | None = None,
    actor: str = ACTOR,
) -> CriteriaChange:
    """The campaign's criteria become ``criteria`` (from a template or another campaign file):
    criteria of the same code are updated (their scores kept when the scale allows), the others
    deleted or added."""
    if not criteria:
        raise InvalidInput(SOURCE_WITHOUT_CRITERIA, source=source)
    return _apply_criteria(
        store,
        criteria,
        confirm=confirm,
        restore=restore,
        confirmation=(CONFIRM_REPLACE_CRITERIA, {"source": source}),
        action="criteria.replace",
        entity=f"criteria:{source}",
        actor=actor,
    )


def criteria_from_template(name: str) -> tuple[Criterion, ...]:
    """The criteria of a shipped template (``startup`` or ``impact``)."""
    from selection_desk.formats.campaign_workbook import read_campaign_workbook
    from selection_desk.services.campaigns import template_path

    return read_campaign_workbook(template_path(name)).criteria


def criteria_from_campaign_file(path: Path) -> tuple[Criterion, ...]:
    """The criteria of another campaign file, read-only."""
    with CampaignStore.open(Path(path), readonly=True) as other:
        criteria = other.criteria()
    if not criteria:
        raise InvalidInput(SOURCE_WITHOUT_CRITERIA, source=Path(path).name)
    return criteria


# ==============================================================================================
# Jurors
# ==============================================================================================


@dataclass(frozen=True)
class JurorRecord:
    """Everything deleting a juror removes, to put it back on undo."""

    juror: Juror
    pin_hash: str | None
    conflicts: tuple[Conflict, ...]
    assignments: tuple[Assignment, ...]
    impact: ScoreImpact


@dataclass(frozen=True)
class JurorChange:
    before: Juror | None
    after: Juror | None
    before_pin_hash: str | None = None
    after_pin_hash: str | None = None
    removed: JurorRecord | None = None
    """What a deletion removed."""
    restored_scores: int = 0

    @property
    def code(self) -> str:
        juror = self.after or self.before
        assert juror is not None
        return juror.code

    @property
    def impact(self) -> ScoreImpact:
        return self.removed.impact if self.removed else ScoreImpact()


def _check_juror(juror: Juror) -> Juror:
    juror = replace(juror, code=_text(juror.code), name=_text(juror.name), email=_text(juror.email))
    if not juror.code:
        raise InvalidInput(CODE_EMPTY)
    if not juror.name:
        raise InvalidInput(JUROR_NAME_EMPTY)
    if juror.email and not _EMAIL.fullmatch(juror.email):
        raise InvalidInput(BAD_EMAIL, value=juror.email)
    return juror


def jurors_with_pin(store: CampaignStore) -> frozenset[str]:
    """The codes of the jurors who have a PIN."""
    return sql.jurors_with_pin(store)


def _check_pin(pin: str) -> str:
    if len(pin) < PIN_MIN_LENGTH:
        raise InvalidInput(PIN_TOO_SHORT, length=PIN_MIN_LENGTH)
    return pin


def _juror(store: CampaignStore, code: str) -> Juror:
    for juror in store.jurors():
        if juror.code == code:
            return juror
    raise NotFound(UNKNOWN_JUROR, code=code)


def _juror_record(juror: Juror) -> dict[str, Any]:
    return {
        "code": juror.code,
        "name": juror.name,
        "email": juror.email,
        "role": juror.role.value,
        "public_key": juror.public_key.hex() if juror.public_key else None,
    }


def add_juror(
    store: CampaignStore,
    juror: Juror,
    *,
    pin: str | None = None,
    pin_hash: str | None = None,
    restore: JurorRecord | None = None,
    actor: str = ACTOR,
) -> JurorChange:
    """Adds a juror, with a PIN when one is given (only its scrypt hash is stored).

    ``pin_hash`` and ``restore`` serve undo: the stored hash and everything a deletion removed."""
    juror = _check_juror(juror)
    if juror.code in {j.code for j in store.jurors()}:
        raise InvalidInput(JUROR_CODE_TAKEN, code=juror.code)
    if pin is not None:
        pin_hash = sql.hash_pin(_check_pin(pin))
    if restore is not None and pin_hash is None:
        pin_hash = restore.pin_hash
    restored = 0
    with store.transaction():
        store.write_jurors([juror])
        if pin_hash is not None:
            sql.write_pin_hash(store, juror.code, pin_hash)
        if restore is not None:
            restored = _restore_juror_work(store, restore)
        store.record_audit(
            actor,
            "juror.add" if restore is None else "juror.restore",
            f"juror:{juror.code}",
            after={
                **_juror_record(juror),
                "pin": pin_hash is not None,
                "restored_scores": restored,
            },
        )
    return JurorChange(None, juror, None, pin_hash, restored_scores=restored)


def _restore_juror_work(store: CampaignStore, record: JurorRecord) -> int:
    dossiers = {d.ref for d in store.dossiers()}
    criteria = {c.code: c for c in store.criteria()}
    store.write_conflicts(c for c in record.conflicts if c.dossier in dossiers)
    conflicted = {c.dossier for c in record.conflicts}
    store.write_assignments(a for a in record.assignments if a.dossier in dossiers)
    scores = [
        s
        for s in record.impact.removed_scores
        if s.dossier in dossiers
        and s.dossier not in conflicted
        and s.criterion in criteria
        and criteria[s.criterion].accepts(s.value)
    ]
    restored = sql.insert_scores_if_absent(store, scores)
    store.write_reviews(
        r
        for r in record.impact.deleted_reviews
        if r.dossier in dossiers and r.dossier not in conflicted
    )
    return restored


def edit_juror(
    store: CampaignStore,
    code: str,
    juror: Juror,
    *,
    pin: str | _Unchanged | None = UNCHANGED,
    pin_hash: str | _Unchanged | None = UNCHANGED,
    actor: str = ACTOR,
) -> JurorChange:
    """Name, e-mail, role; the code too while the juror has no scores and no kit.

    ``pin``: a new PIN, ``None`` to remove it, ``UNCHANGED`` to keep it; ``pin_hash`` puts back a
    stored hash (undo)."""
    before = _juror(store, code)
    juror = replace(_check_juror(juror), public_key=before.public_key)
    before_hash = sql.pin_hash(store, code)
    if isinstance(pin, str):
        after_hash: str | None = sql.hash_pin(_check_pin(pin))
    elif pin is None:
        after_hash = None
    elif not isinstance(pin_hash, _Unchanged):
        after_hash = pin_hash
    else:
        after_hash = before_hash
    renamed = juror.code != code
    if renamed:
        if juror.code in {j.code for j in store.jurors()}:
            raise InvalidInput(JUROR_CODE_TAKEN, code=juror.code)
        if sql.juror_holds_key(store, code) or store.scores(code):
            raise InvalidInput(JUROR_CODE_FIXED, code=code)
    if juror == before and after_hash == before_hash:
        return JurorChange(before, juror, before_hash, after_hash)
    with store.transaction():
        if renamed:
            sql.rename_juror(store, code, juror.code)
        store.write_jurors([juror])
        if after_hash != before_hash:
            sql.write_pin_hash(store, juror.code, after_hash)
        store.record_audit(
            actor,
            "juror.edit",
            f"juror:{code}",
            before={**_juror_record(before), "pin": before_hash is not None},
            after={
                **_juror_record(juror),
                "pin": after_hash is not None,
                "pin_changed": after_hash != before_hash,
            },
        )
    return JurorChange(before, juror, before_hash, after_hash)


def set_juror_pin(
    store: CampaignStore, code: str, pin: str | None, *, actor: str = ACTOR
) -> JurorChange:
    """Sets (or with ``None`` removes) the PIN a juror types before scoring."""
    return edit_juror(store, code, _juror(store, code), pin=pin, actor=actor)


def delete_juror(
    store: CampaignStore, code: str, *, confirm: bool = False, actor: str = ACTOR
) -> JurorChange:
    """Deletes a juror with their conflicts and assignments; their scores and reviews go too,
    which asks for confirmation first."""
    juror = _juror(store, code)
    reviews = store.reviews(code)
    impact = ScoreImpact(store.scores(code), (), reviews)
    if not impact.is_empty and not confirm:
        raise NeedsConfirmation(CONFIRM_DELETE_JUROR, impact, juror=code)
    record = JurorRecord(
        juror,
        sql.pin_hash(store, code),
        tuple(c for c in store.conflicts() if c.juror == code),
        tuple(a for a in store.assignments() if a.juror == code),
        impact,
    )
    with store.transaction():
        sql.delete_juror(store, code)
        store.record_audit(
            actor,
            "juror.delete",
            f"juror:{code}",
            before={
                **_juror_record(juror),
                "pin": record.pin_hash is not None,
                "conflicts": [[c.dossier, c.reason] for c in record.conflicts],
                "assignments": [a.dossier for a in record.assignments],
            },
            after={"impact": impact.audit_record()},
        )
    return JurorChange(juror, None, record.pin_hash, None, removed=record)


# --- importing a list of jurors ---------------------------------------------------------------


@dataclass(frozen=True)
class JurorImport:
    source: str
    added: tuple[Juror, ...] = ()
    changed: tuple[tuple[Juror, Juror], ...] = ()
    """(before, after) for jurors already in the campaign whose details differ."""
    unchanged: tuple[Juror, ...] = ()
    written: bool = False

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.changed)


def _folded(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return " ".join(
        "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().split()
    )


def suggest_juror_code(name: str, taken: Iterable[str]) -> str:
    """Initials of the name (``Claire Martin-Dupont`` → ``CMD``), numbered when already used."""
    words = [w for w in re.split(r"[\s\-'’.]+", _folded(name)) if w and w[0].isalnum()]
    if len(words) >= 2:
        base = "".join(w[0] for w in words[:4]).upper()
    elif words:
        base = words[0][:3].upper()
    else:
        base = "J"
    taken_set = set(taken)
    if base not in taken_set:
        return base
    number = 2
    while f"{base}{number}" in taken_set:
        number += 1
    return f"{base}{number}"


def plan_juror_import(store: CampaignStore, path: Path) -> JurorImport:
    """Reads a list of jurors (XLSX or CSV) and says what importing it would change; writes
    nothing.  Rows match the campaign's jurors by code, else by e-mail, else by name; new jurors
    without a code get their initials."""
    from selection_desk.formats.juror_list import read_juror_list

    entries = read_juror_list(Path(path))
    existing = list(store.jurors())
    by_code = {j.code: j for j in existing}
    by_email = {j.email.casefold(): j for j in existing if j.email}
    by_name = {_folded(j.name): j for j in existing}
    taken = set(by_code)
    added: list[Juror] = []
    changed: list[tuple[Juror, Juror]] = []
    unchanged: list[Juror] = []
    for entry in entries:
        match = (
            by_code.get(entry.code)
            if entry.code
            else (by_email.get(entry.email.casefold()) if entry.email else None)
            or by_name.get(_folded(entry.name))
        )
        if match is None:
            code = entry.code or suggest_juror_code(entry.name, taken)
            taken.add(code)
            added.append(_check_juror(Juror(code, entry.name, entry.email, entry.role)))
            continue
        incoming = _check_juror(
            replace(match, name=entry.name, email=entry.email or match.email, role=entry.role)
        )
        if incoming == match:
            unchanged.append(match)
        else:
            changed.append((match, incoming))
    return JurorImport(Path(path).name, tuple(added), tuple(changed), tuple(unchanged))


def apply_juror_import(
    store: CampaignStore, plan: JurorImport, *, actor: str = ACTOR
) -> JurorImport:
    """Writes a planned import in one transaction (also the redo of an undone import)."""
    codes = {j.code for j in store.jurors()}
    for juror in plan.added:
        if juror.code in codes:
            raise InvalidInput(JUROR_CODE_TAKEN, code=juror.code)
    if plan.is_empty:
        return replace(plan, written=False)
    with store.transaction():
        store.write_jurors([*plan.added, *(after for _before, after in plan.changed)])
        store.record_audit(
            actor,
            "jurors.import",
            f"import:{plan.source}",
            before={"changed": [_juror_record(before) for before, _after in plan.changed]},
            after={
                "added": [_juror_record(j) for j in plan.added],
                "changed": [_juror_record(after) for _before, after in plan.changed],
                "unchanged": len(plan.unchanged),
            },
        )
    return replace(plan, written=True)


def import_jurors(
    store: CampaignStore, path: Path, *, dry_run: bool = False, actor: str = ACTOR
) -> JurorImport:
    plan = plan_juror_import(store, path)
    return plan if dry_run else apply_juror_import(store, plan, actor=actor)


def revert_juror_import(
    store: CampaignStore, change: JurorImport, *, confirm: bool = False, actor: str = ACTOR
) -> JurorImport:
    """Undoes an import: removes the jurors it added (their work, if any, asks for confirmation
    first) and gives the others back their previous details."""
    present = {j.code for j in store.jurors()}
    added = [j for j in change.added if j.code in present]
    impact = ScoreImpact()
    for juror in added:
        impact = impact.merged(ScoreImpact(store.scores(juror.code), (), store.reviews(juror.code)))
    if not impact.is_empty and not confirm:
        raise NeedsConfirmation(CONFIRM_REVERT_IMPORT, impact)
    with store.transaction():
        for juror in added:
            sql.delete_juror(store, juror.code)
        store.write_jurors(before for before, _after in change.changed if before.code in present)
        store.record_audit(
            actor,
            "jurors.import_undo",
            f"import:{change.source}",
            before={"added": [j.code for j in added]},
            after={
                "restored": [_juror_record(before) for before, _after in change.changed],
                "impact": impact.audit_record(),
            },
        )
    return replace(change, written=False)


# ==============================================================================================
# Conflicts of interest
# ==============================================================================================


@dataclass(frozen=True)
class ConflictChange:
    juror: str
    dossier: str
    before: Conflict | None
    after: Conflict | None
    impact: ScoreImpact = field(default_factory=ScoreImpact)
    """The review (and its scores) that declaring the conflict removed."""
    unassigned: bool = False
    """The pair was explicitly assigned; the declaration took the assignment away."""
    restored_scores: int = 0


def _conflict(store: CampaignStore, juror: str, dossier: str) -> Conflict | None:
    store.juror_id(juror)
    store.dossier_id(dossier)
    for conflict in store.conflicts():
        if (conflict.juror, conflict.dossier) == (juror, dossier):
            return conflict
    return None


def declare_conflict(
    store: CampaignStore,
    juror: str,
    dossier: str,
    reason: str = "",
    *,
    confirm: bool = False,
    actor: str = ACTOR,
) -> ConflictChange:
    """Declares (or re-words) a conflict of interest: the juror neither sees nor scores the
    dossier.  A juror who already scored it loses that review and its scores, which asks for
    confirmation first."""
    before = _conflict(store, juror, dossier)
    after = Conflict(juror, dossier, reason.strip())
    if before == after:
        return ConflictChange(juror, dossier, before, after)
    review = store.review(juror, dossier)
    impact = ScoreImpact(
        sql.scores_of_juror_on(store, juror, dossier), (), (review,) if review else ()
    )
    if not impact.is_empty and not confirm:
        raise NeedsConfirmation(CONFIRM_CONFLICT, impact, juror=juror, dossier=dossier)
    unassigned = Assignment(juror, dossier) in set(store.assignments())
    with store.transaction():
        if review is not None:
            sql.delete_review(store, juror, dossier)
        if unassigned:
            sql.delete_assignment(store, juror, dossier)
        store.write_conflicts([after])
        store.record_audit(
            actor,
            "conflict.declare",
            f"conflict:{juror}/{dossier}",
            before=None if before is None else {"reason": before.reason},
            after={"reason": after.reason, "unassigned": unassigned, **impact.audit_record()},
        )
    return ConflictChange(juror, dossier, before, after, impact, unassigned)


def remove_conflict(
    store: CampaignStore,
    juror: str,
    dossier: str,
    *,
    restore: ConflictChange | None = None,
    actor: str = ACTOR,
) -> ConflictChange:
    """Withdraws a declared conflict.  ``restore`` (undoing a declaration) puts back the review,
    scores and assignment that the declaration removed."""
    before = _conflict(store, juror, dossier)
    if before is None:
        raise InvalidInput(NO_CONFLICT, juror=juror, dossier=dossier)
    restored = 0
    with store.transaction():
        sql.delete_conflict(store, juror, dossier)
        if restore is not None:
            if restore.unassigned:
                store.write_assignments([Assignment(juror, dossier)])
            criteria = {c.code: c for c in store.criteria()}
            restored = sql.insert_scores_if_absent(
                store,
                [
                    s
                    for s in restore.impact.removed_scores
                    if s.criterion in criteria and criteria[s.criterion].accepts(s.value)
                ],
            )
            if store.review(juror, dossier) is None or restored:
                store.write_reviews(restore.impact.deleted_reviews)
        store.record_audit(
            actor,
            "conflict.remove",
            f"conflict:{juror}/{dossier}",
            before={"reason": before.reason},
            after={"restored_scores": restored},
        )
    return ConflictChange(juror, dossier, before, None, restored_scores=restored)


# ==============================================================================================
# Assignments
# ==============================================================================================


@dataclass(frozen=True)
class AssignmentChange:
    before: frozenset[Pair] | None
    """``None``: everyone scored every non-conflicted dossier."""
    after: frozenset[Pair] | None
    impact: ScoreImpact = field(default_factory=ScoreImpact)
    plan: AssignmentPlan | None = None
    """The balanced plan, with its loads, when the change was an automatic assignment."""
    restored_scores: int = 0


def current_assignments(store: CampaignStore) -> frozenset[Pair] | None:
    """The explicit (juror, dossier) pairs, or ``None`` when everyone scores everything."""
    pairs = frozenset((a.juror, a.dossier) for a in store.assignments())
    return pairs or None


def assignment_loads(
    jurors: Sequence[str],
    dossiers: Sequence[str],
    conflicts: Iterable[Pair],
    pairs: frozenset[Pair] | None,
) -> dict[str, int]:
    """Dossiers each juror is to score, conflicts left out (pure; for the page's summary)."""
    conflicted = set(conflicts)
    if pairs is None:
        return {j: sum(1 for d in dossiers if (j, d) not in conflicted) for j in jurors}
    loads = dict.fromkeys(jurors, 0)
    for juror, dossier in pairs:
        if juror in loads and (juror, dossier) not in conflicted:
            loads[juror] += 1
    return loads


def set_assignments(
    store: CampaignStore,
    pairs: Iterable[Pair] | None,
    *,
    confirm: bool = False,
    restore: AssignmentChange | None = None,
    plan: AssignmentPlan | None = None,
    actor: str = ACTOR,
) -> AssignmentChange:
    """Who scores what: exactly ``pairs``, or with ``None`` everyone scores every dossier.

    A juror who loses a dossier they have begun to review loses that review and its scores,
    which asks for confirmation first.  ``restore`` (undo) puts back what the undone change
    removed.  The audit entry records the pairs added and removed."""
    return _set_assignments(
        store,
        None if pairs is None else frozenset(pairs),
        current_assignments(store),
        confirm=confirm,
        restore=restore,
        plan=plan,
        actor=actor,
    )


_FEW_PAIRS = 64


def _set_assignments(
    store: CampaignStore,
    after: frozenset[Pair] | None,
    before: frozenset[Pair] | None,
    *,
    confirm: bool,
    restore: AssignmentChange | None,
    plan: AssignmentPlan | None,
    actor: str,
) -> AssignmentChange:
    conflicts = {(c.juror, c.dossier) for c in store.conflicts()}
    added = sorted(after - (before or frozenset())) if after is not None else []
    removed = sorted((before or frozenset()) - after) if after is not None and before else []
    for juror, dossier in added:
        store.juror_id(juror)
        store.dossier_id(dossier)
        if (juror, dossier) in conflicts:
            raise InvalidInput(ASSIGN_CONFLICTED, juror=juror, dossier=dossier)
    dropped = _reviews_left_out(store, after, before, removed)
    impact = ScoreImpact(
        tuple(s for r in dropped for s in sql.scores_of_juror_on(store, r.juror, r.dossier)),
        (),
        tuple(dropped),
    )
    if not impact.is_empty and not confirm:
        raise NeedsConfirmation(CONFIRM_ASSIGNMENTS, impact)
    restored = 0
    with store.transaction():
        for review in dropped:
            sql.delete_review(store, review.juror, review.dossier)
        if after is None or before is None:
            sql.replace_assignments(store, sorted(after or ()))
        else:
            sql.change_assignments(store, added=added, removed=removed)
        if restore is not None and not restore.impact.is_empty:
            restored = _restore_reviews(store, restore.impact, after, conflicts)
        store.record_audit(
            actor,
            "assignments.set",
            "assignments",
            before={"everyone": before is None, "pairs": len(before or ())},
            after={
                "everyone": after is None,
                "pairs": len(after or ()),
                "added": [list(pair) for pair in added],
                "removed": [list(pair) for pair in removed],
                "plan": None
                if plan is None
                else {"min_load": plan.min_load, "max_load": plan.max_load},
                "restored_scores": restored,
                **impact.audit_record(),
            },
        )
    return AssignmentChange(before, after, impact, plan, restored)


def _reviews_left_out(
    store: CampaignStore,
    after: frozenset[Pair] | None,
    before: frozenset[Pair] | None,
    removed: Sequence[Pair],
) -> list[Review]:
    """The reviews begun on pairs that the new assignments leave out."""
    if after is None:
        return []
    if before is not None and len(removed) <= _FEW_PAIRS:
        found = (store.review(juror, dossier) for juror, dossier in removed)
        return [review for review in found if review is not None]
    return [r for r in store.reviews() if (r.juror, r.dossier) not in after]


def _restore_reviews(
    store: CampaignStore,
    impact: ScoreImpact,
    assigned: frozenset[Pair] | None,
    conflicts: set[Pair],
) -> int:
    criteria = {c.code: c for c in store.criteria()}

    def allowed(pair: Pair) -> bool:
        return pair not in conflicts and (assigned is None or pair in assigned)

    present = {(r.juror, r.dossier) for r in store.reviews()}
    reviews = [
        r
        for r in impact.deleted_reviews
        if allowed((r.juror, r.dossier)) and (r.juror, r.dossier) not in present
    ]
    pairs = {(r.juror, r.dossier) for r in reviews}
    restored = sql.insert_scores_if_absent(
        store,
        [
            s
            for s in impact.removed_scores
            if (s.juror, s.dossier) in pairs
            and s.criterion in criteria
            and criteria[s.criterion].accepts(s.value)
        ],
    )
    store.write_reviews(reviews)
    return restored


def assign_everyone(store: CampaignStore, *, actor: str = ACTOR) -> AssignmentChange:
    """The default: every juror scores every dossier they have no conflict with."""
    return set_assignments(store, None, actor=actor)


def _seed(store: CampaignStore) -> int:
    return int(hashlib.sha256(store.campaign().uid.encode("utf-8")).hexdigest()[:12], 16)


def plan_balanced_assignment(
    store: CampaignStore,
    per_dossier: int,
    *,
    jurors: Sequence[str] | None = None,
    seed: int | None = None,
) -> AssignmentPlan:
    """``per_dossier`` jurors for each dossier, conflicts respected, loads as even as possible;
    the reviews already begun are kept.  By default presidents and members are assigned."""
    codes = (
        list(jurors)
        if jurors is not None
        else [j.code for j in store.jurors() if j.role in SCORING_ROLES]
    )
    for code in codes:
        store.juror_id(code)
    if not codes:
        raise InvalidInput(NO_SCORING_JURORS)
    if not 1 <= per_dossier <= len(codes):
        raise InvalidInput(PER_DOSSIER_RANGE, jurors=len(codes), value=per_dossier)
    dossiers = [d.ref for d in store.dossiers()]
    if not dossiers:
        raise InvalidInput(NO_DOSSIERS)
    return balanced_assignment(
        codes,
        dossiers,
        per_dossier,
        conflicts={(c.juror, c.dossier) for c in store.conflicts()},
        keep={(r.juror, r.dossier) for r in store.reviews()},
        seed=_seed(store) if seed is None else seed,
    )


def assign_balanced(
    store: CampaignStore,
    per_dossier: int,
    *,
    jurors: Sequence[str] | None = None,
    seed: int | None = None,
    confirm: bool = False,
    actor: str = ACTOR,
) -> AssignmentChange:
    """Automatic assignment (:func:`plan_balanced_assignment`), written in one transaction; the
    change carries the plan with its min/max load."""
    plan = plan_balanced_assignment(store, per_dossier, jurors=jurors, seed=seed)
    return set_assignments(store, plan.pairs, confirm=confirm, plan=plan, actor=actor)


def set_assignment(
    store: CampaignStore,
    juror: str,
    dossier: str,
    assigned: bool,
    *,
    confirm: bool = False,
    actor: str = ACTOR,
) -> AssignmentChange:
    """A manual override: assigns (or takes away) one dossier to (from) one juror.  When
    everyone scored everything, the explicit assignments start from that."""
    store.juror_id(juror)
    store.dossier_id(dossier)
    jurors = store.jurors()
    if assigned and any(j.code == juror and j.role not in SCORING_ROLES for j in jurors):
        raise InvalidInput(JUROR_DOES_NOT_SCORE, juror=juror)
    before = current_assignments(store)
    current = before
    if current is None:
        conflicts = {(c.juror, c.dossier) for c in store.conflicts()}
        current = frozenset(
            (j.code, d.ref)
            for j in jurors
            if j.role in SCORING_ROLES
            for d in store.dossiers()
            if (j.code, d.ref) not in conflicts
        )
    pairs = current | {(juror, dossier)} if assigned else current - {(juror, dossier)}
    return _set_assignments(
        store,
        frozenset(pairs),
        before,
        confirm=confirm,
        restore=None,
        plan=None,
        actor=actor,
    )


__all__ = [
    "ACTOR",
    "UNCHANGED",
    "AssignmentChange",
    "AssignmentPlan",
    "CampaignChange",
    "ConflictChange",
    "CriteriaChange",
    "JurorChange",
    "JurorImport",
    "JurorRecord",
    "NeedsConfirmation",
    "ScoreImpact",
    "add_criterion",
    "add_juror",
    "apply_juror_import",
    "assign_balanced",
    "assign_everyone",
    "assignment_loads",
    "check_criterion",
    "criteria_from_campaign_file",
    "criteria_from_template",
    "current_assignments",
    "declare_conflict",
    "delete_criterion",
    "delete_juror",
    "edit_criterion",
    "edit_juror",
    "import_jurors",
    "jurors_with_pin",
    "move_criterion",
    "plan_balanced_assignment",
    "plan_juror_import",
    "remove_conflict",
    "reorder_criteria",
    "replace_criteria",
    "revert_juror_import",
    "set_assignment",
    "set_assignments",
    "set_juror_pin",
    "set_rubric_levels",
    "suggest_juror_code",
    "update_campaign",
]
