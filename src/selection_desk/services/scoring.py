"""Use cases of scoring: a juror scores, comments, marks a review final or reopens it.

Shared by the command line, the scoring workspace
(:mod:`~selection_desk.services.scoring_workspace`, which the scoring page reads through), kits
and scoring sheets, so all validate the same way.
Each call is one transaction: the change, its review's state and the audit entry are committed
together, durably, before the call returns.  A final review is frozen: it changes only once the
juror reopens it, which is audited.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any

from selection_desk.domain import (
    SCORING_ROLES,
    Criterion,
    Review,
    ReviewStatus,
    Role,
    Score,
)
from selection_desk.domain.conflict_of_interest import conflict_error
from selection_desk.errors import InvalidInput, define_message
from selection_desk.i18n import N_
from selection_desk.services.op_changes import NOTHING, SCORES, OpChanges
from selection_desk.storage import scoring_queries
from selection_desk.storage.audit import flat_state, now_iso
from selection_desk.storage.store import UNKNOWN_CRITERION, CampaignStore

SCORE_OUT_OF_SCALE = define_message(
    "score_out_of_scale",
    N_("The score {value} for {criterion} is outside its scale ({low} to {high})."),
)


SCORE_OFF_STEP = define_message(
    "score_off_step",
    N_("The score {value} for {criterion} is not on its scale's step of {step}."),
)


JUROR_NOT_ASSIGNED = define_message(
    "juror_not_assigned", N_("Dossier {dossier} is not assigned to juror {juror}.")
)


JUROR_DOES_NOT_SCORE = define_message(
    "juror_does_not_score",
    N_(
        "Juror {juror} does not score: presidents and members score, secretaries and observers "
        "do not."
    ),
)


REVIEW_INCOMPLETE = define_message(
    "review_incomplete",
    N_(
        "The review of {dossier} by {juror} cannot be marked final: {missing} criterion(s) "
        "not scored yet."
    ),
)


@dataclass(frozen=True)
class ScoreChange:
    before: Score | None
    after: Score
    review: Review

    @property
    def op_changes(self) -> OpChanges:
        """Scores, even when the value is the same: ``final=True`` may have closed the review."""
        return SCORES

    @property
    def changed(self) -> bool:
        return self.before is None or (self.before.value, self.before.comment) != (
            self.after.value,
            self.after.comment,
        )


def _criterion(store: CampaignStore, code: str) -> tuple[Criterion, tuple[Criterion, ...]]:
    criteria = store.criteria()
    for criterion in criteria:
        if criterion.code == code:
            return criterion, criteria
    from selection_desk.errors import NotFound

    raise NotFound(UNKNOWN_CRITERION, code=code)


def validate_score(criterion: Criterion, value: float) -> None:
    if not math.isfinite(value) or not criterion.in_scale(value):
        raise InvalidInput(
            SCORE_OUT_OF_SCALE,
            value=value,
            criterion=criterion.code,
            low=criterion.scale_min,
            high=criterion.scale_max,
        )
    if not criterion.on_step(value):
        raise InvalidInput(
            SCORE_OFF_STEP, value=value, criterion=criterion.code, step=criterion.step
        )


def check_scores(store: CampaignStore, juror: str) -> None:
    """Refuses a juror who does not score (a secretary, an observer)."""
    _check_role(juror, scoring_queries.juror_role(store, juror))


def _check_role(juror: str, role: Role | None) -> None:
    if role is not None and role not in SCORING_ROLES:
        raise InvalidInput(JUROR_DOES_NOT_SCORE, juror=juror)


def check_may_score(store: CampaignStore, juror: str, dossier: str) -> None:
    access = store.pair_access(juror, dossier)
    _check_role(juror, access.role)
    if access.conflicted:
        raise conflict_error(juror, dossier)
    if not access.assigned:
        raise InvalidInput(JUROR_NOT_ASSIGNED, juror=juror, dossier=dossier)


def record_score(
    store: CampaignStore,
    juror: str,
    dossier: str,
    criterion_code: str,
    value: float,
    *,
    comment: str | None = None,
    final: bool = False,
    reopen: bool = False,
    actor: str | None = None,
) -> ScoreChange:
    """Save one score at once.  A final review is frozen, as in the workspace: changing it is
    refused unless ``reopen`` asks to reopen it first (audited as a reopening, then the score);
    ``final`` marks the review final again, and is refused on an incomplete review."""
    criterion, criteria = _criterion(store, criterion_code)
    validate_score(criterion, value)
    check_may_score(store, juror, dossier)
    with store.transaction():
        current = store.review(juror, dossier)
        if current is not None and current.status is ReviewStatus.FINAL:
            if not reopen:
                raise InvalidInput(REVIEW_IS_FINAL, juror=juror, dossier=dossier)
            current = _write_review(
                store, current, juror, dossier, "reopen", actor, status=ReviewStatus.DRAFT
            ).after
        before = store.score_value(juror, dossier, criterion_code)
        at = now_iso()
        after = Score(
            juror,
            dossier,
            criterion_code,
            float(value),
            before.comment if comment is None and before else (comment or ""),
            (before.revision + 1) if before else 1,
            at,
        )
        store.write_scores([after])
        review = _updated_review(store, current, juror, dossier, criteria, final, at)
        store.record_audit(
            actor or juror,
            "score",
            f"score:{juror}/{dossier}/{criterion_code}",
            before=_score_state(before),
            after={**flat_state(after), "review": review.status.value},
        )
    return ScoreChange(before, after, review)


def _score_state(score: Score | None) -> dict[str, object] | None:
    if score is None:
        return None
    state = flat_state(score)
    state.pop("updated_at")
    return state


def _check_complete(
    store: CampaignStore, juror: str, dossier: str, criteria: tuple[Criterion, ...]
) -> None:
    """Refuses to mark a review final while a criterion is unscored."""
    scored = scoring_queries.scored_criteria(store, juror, dossier)
    missing = [c.code for c in criteria if c.code not in scored]
    if missing:
        raise InvalidInput(REVIEW_INCOMPLETE, juror=juror, dossier=dossier, missing=len(missing))


def _updated_review(
    store: CampaignStore,
    current: Review | None,
    juror: str,
    dossier: str,
    criteria: tuple[Criterion, ...],
    final: bool,
    at: str,
) -> Review:
    """The review after one more score (``current``: as read in this transaction).

    A score on a draft that stays a draft changes nothing of the review (the score carries its own
    revision and time): its row is left alone, one page fewer to journal and sync per keystroke.
    """
    status = ReviewStatus.DRAFT
    if final:
        _check_complete(store, juror, dossier, criteria)
        status = ReviewStatus.FINAL
    if current is not None and current.status is status:
        return current
    current = current or Review(juror, dossier, revision=0)
    review = Review(
        juror,
        dossier,
        status,
        current.comment,
        current.confidence,
        current.revision + 1,
        at,
    )
    store.write_reviews([review])
    return review


REVIEW_IS_FINAL = define_message(
    "scoring_review_final",
    N_("The review of {dossier} is final: reopen it before changing it."),
)


COMMENT_NEEDS_SCORE = define_message(
    "scoring_comment_needs_score",
    N_("Score {criterion} on {dossier} before commenting on it."),
)


CONFIDENCE_OUT_OF_RANGE = define_message(
    "scoring_confidence_range",
    N_("The confidence must be a whole number from 1 to 5 (got {value})."),
)


@dataclass(frozen=True)
class ReviewChange:
    before: Review | None
    after: Review

    @property
    def op_changes(self) -> OpChanges:
        return SCORES if self.changed else NOTHING

    @property
    def changed(self) -> bool:
        if self.before is None:
            return True
        return (self.before.status, self.before.comment, self.before.confidence) != (
            self.after.status,
            self.after.comment,
            self.after.confidence,
        )


def _review_entity(juror: str, dossier: str) -> str:
    return f"review:{juror}/{dossier}"


def _review_state(review: Review | None) -> dict[str, object] | None:
    if review is None:
        return None
    state = flat_state(review)
    state.pop("updated_at")
    return state


def _refuse_if_final(store: CampaignStore, juror: str, dossier: str) -> None:
    review = store.review(juror, dossier)
    if review is not None and review.status is ReviewStatus.FINAL:
        raise InvalidInput(REVIEW_IS_FINAL, juror=juror, dossier=dossier)


def _write_review(
    store: CampaignStore,
    before: Review | None,
    juror: str,
    dossier: str,
    action: str,
    actor: str | None,
    **changes: Any,
) -> ReviewChange:
    """Writes ``before`` with ``changes`` (a new revision) and its audit entry; call inside
    the use case's transaction."""
    current = before or Review(juror, dossier, revision=0)
    after = replace(current, revision=current.revision + 1, updated_at=now_iso(), **changes)
    store.write_reviews([after])
    store.record_audit(
        actor or juror,
        action,
        _review_entity(juror, dossier),
        before=_review_state(before),
        after=_review_state(after),
    )
    return ReviewChange(before, after)


def clear_score(
    store: CampaignStore, juror: str, dossier: str, criterion_code: str, *, actor: str | None = None
) -> ScoreChange | None:
    """Remove a score typed by mistake (the review stays a draft).  ``None``: there was none."""
    _criterion(store, criterion_code)
    check_may_score(store, juror, dossier)
    with store.transaction():
        _refuse_if_final(store, juror, dossier)
        before = store.score_value(juror, dossier, criterion_code)
        if before is None:
            return None
        scoring_queries.delete_score(store, juror, dossier, criterion_code)
        review = store.review(juror, dossier) or Review(juror, dossier)
        store.record_audit(
            actor or juror,
            "clear_score",
            f"score:{juror}/{dossier}/{criterion_code}",
            before=_score_state(before),
            after=None,
        )
    return ScoreChange(before, before, review)


def set_score_comment(
    store: CampaignStore,
    juror: str,
    dossier: str,
    criterion_code: str,
    comment: str,
    *,
    actor: str | None = None,
) -> ScoreChange:
    """The juror's comment on one criterion of one dossier (the criterion must be scored)."""
    _criterion(store, criterion_code)
    check_may_score(store, juror, dossier)
    with store.transaction():
        _refuse_if_final(store, juror, dossier)
        before = store.score_value(juror, dossier, criterion_code)
        if before is None:
            raise InvalidInput(
                COMMENT_NEEDS_SCORE, juror=juror, dossier=dossier, criterion=criterion_code
            )
        review = store.review(juror, dossier) or Review(juror, dossier)
        if before.comment == comment:
            return ScoreChange(before, before, review)
        after = replace(before, comment=comment, revision=before.revision + 1, updated_at=now_iso())
        store.write_scores([after])
        store.record_audit(
            actor or juror,
            "comment",
            f"score:{juror}/{dossier}/{criterion_code}",
            before=_score_state(before),
            after=_score_state(after),
        )
    return ScoreChange(before, after, review)


def set_review_comment(
    store: CampaignStore, juror: str, dossier: str, comment: str, *, actor: str | None = None
) -> ReviewChange:
    """The juror's overall comment on a dossier."""
    return _update_review(store, juror, dossier, "review_comment", actor, comment=comment)


def set_review_confidence(
    store: CampaignStore,
    juror: str,
    dossier: str,
    confidence: int | None,
    *,
    actor: str | None = None,
) -> ReviewChange:
    """How sure the juror is of this review, 1–5 (``None``: not said)."""
    if confidence is not None and (
        isinstance(confidence, bool) or not isinstance(confidence, int) or not 1 <= confidence <= 5
    ):
        raise InvalidInput(CONFIDENCE_OUT_OF_RANGE, value=confidence)
    return _update_review(store, juror, dossier, "review_confidence", actor, confidence=confidence)


def _update_review(
    store: CampaignStore,
    juror: str,
    dossier: str,
    action: str,
    actor: str | None,
    **fields: Any,
) -> ReviewChange:
    """Change fields of the juror's review of a draft dossier (nothing when they are as given)."""
    check_may_score(store, juror, dossier)
    with store.transaction():
        _refuse_if_final(store, juror, dossier)
        before = store.review(juror, dossier)
        if before is not None and all(getattr(before, k) == v for k, v in fields.items()):
            return ReviewChange(before, before)
        return _write_review(store, before, juror, dossier, action, actor, **fields)


def mark_review_final(
    store: CampaignStore, juror: str, dossier: str, *, actor: str | None = None
) -> ReviewChange:
    """Mark the review final: refused unless every criterion is scored; already final: no-op."""
    check_may_score(store, juror, dossier)
    with store.transaction():
        before = store.review(juror, dossier)
        if before is not None and before.status is ReviewStatus.FINAL:
            return ReviewChange(before, before)
        _check_complete(store, juror, dossier, store.criteria())
        return _write_review(
            store, before, juror, dossier, "mark_final", actor, status=ReviewStatus.FINAL
        )


def reopen_review(
    store: CampaignStore, juror: str, dossier: str, *, actor: str | None = None
) -> ReviewChange:
    """Turn a final review back into a draft (audited); a draft stays as it is."""
    check_may_score(store, juror, dossier)
    with store.transaction():
        before = store.review(juror, dossier)
        if before is None or before.status is not ReviewStatus.FINAL:
            return ReviewChange(before, before or Review(juror, dossier))
        return _write_review(
            store, before, juror, dossier, "reopen", actor, status=ReviewStatus.DRAFT
        )
