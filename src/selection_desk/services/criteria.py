"""Use cases of the campaign's criteria and their rubrics (design §8): add, edit, delete,
reorder, replace from a template or another campaign file.

Every change goes through one path (``_apply_criteria``) that works out the scores a new scale
removes and the final reviews it reopens, asks for confirmation, and on undo puts back what the
undone change removed (the set-up contract is in :mod:`~selection_desk.services.setup_common`)."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from selection_desk.domain import Criterion, Review, ReviewStatus, RubricLevel, Score
from selection_desk.domain.conflict_of_interest import conflicted_pairs, may_score
from selection_desk.errors import InvalidInput, NotFound, define_message
from selection_desk.i18n import N_
from selection_desk.services.op_changes import OpChanges
from selection_desk.services.setup_common import ACTOR, CODE_EMPTY, clean_text, finite
from selection_desk.services.setup_impact import NeedsConfirmation, ScoreImpact
from selection_desk.storage import setup as sql
from selection_desk.storage.audit import now_iso
from selection_desk.storage.store import UNKNOWN_CRITERION, CampaignStore

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

_STEP_TOLERANCE = 1e-6


@dataclass(frozen=True)
class CriteriaChange:
    before: tuple[Criterion, ...]
    after: tuple[Criterion, ...]
    impact: ScoreImpact = field(default_factory=ScoreImpact)
    tie_break_cleared: str | None = None
    """The tie-break criterion the change deleted (the campaign then has none)."""
    restored_scores: int = 0
    """Scores put back (undo)."""

    @property
    def op_changes(self) -> OpChanges:
        return self.impact.op_changes(self.restored_scores)

    def position(self, code: str, *, before: bool = False) -> int:
        criteria = self.before if before else self.after
        return [c.code for c in criteria].index(code)


def check_criterion(criterion: Criterion) -> Criterion:
    """The criterion with its texts trimmed, or a typed error saying what is wrong with it."""
    criterion = replace(
        criterion,
        code=clean_text(criterion.code),
        label=clean_text(criterion.label),
        group=clean_text(criterion.group),
        description=criterion.description.strip(),
        weight=finite(criterion.weight),
        scale_min=finite(criterion.scale_min),
        scale_max=finite(criterion.scale_max),
        step=finite(criterion.step),
        threshold=None if criterion.threshold is None else finite(criterion.threshold),
        levels=tuple(
            sorted(
                (
                    RubricLevel(
                        finite(level.value), clean_text(level.label), level.descriptor.strip()
                    )
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
    at = now_iso()
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
    conflicts = conflicted_pairs(store.conflicts())
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
        and may_score(s.juror, s.dossier, conflicts)
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
