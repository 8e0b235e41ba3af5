"""Use case: a juror scores one dossier on one criterion.

Shared by the command line and the scoring workspace, so both validate the same way.  Each call is
one transaction: the score, its review's state and the audit entry are committed together, durably,
before the call returns.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

from selection_desk.domain import Criterion, Review, ReviewStatus, Score
from selection_desk.errors import InvalidInput, define_message
from selection_desk.i18n import N_
from selection_desk.storage.audit import now_iso
from selection_desk.storage.store import UNKNOWN_CRITERION, CampaignStore

SCORE_OUT_OF_SCALE = define_message(
    "score_out_of_scale",
    N_("The score {value} for {criterion} is outside its scale ({low} to {high})."),
)
SCORE_OFF_STEP = define_message(
    "score_off_step",
    N_("The score {value} for {criterion} is not on its scale's step of {step}."),
)
JUROR_CONFLICTED = define_message(
    "juror_conflicted",
    N_(
        "Juror {juror} has declared a conflict of interest with dossier {dossier} "
        "and cannot score it."
    ),
)
JUROR_NOT_ASSIGNED = define_message(
    "juror_not_assigned", N_("Dossier {dossier} is not assigned to juror {juror}.")
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


def check_may_score(store: CampaignStore, juror: str, dossier: str) -> None:
    if store.is_conflicted(juror, dossier):
        raise InvalidInput(JUROR_CONFLICTED, juror=juror, dossier=dossier)
    if not store.is_assigned(juror, dossier):
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
    actor: str | None = None,
) -> ScoreChange:
    """Save one score at once.  Changing a score of a final review reopens it (audited) unless
    ``final`` asks to keep it final; ``final`` on an incomplete review is refused."""
    criterion, criteria = _criterion(store, criterion_code)
    validate_score(criterion, value)
    check_may_score(store, juror, dossier)
    with store.transaction():
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
        review = _updated_review(store, juror, dossier, criteria, final, at)
        store.record_audit(
            actor or juror,
            "score",
            f"score:{juror}/{dossier}/{criterion_code}",
            before=_score_state(before),
            after={**asdict(after), "review": review.status.value},
        )
    return ScoreChange(before, after, review)


def _score_state(score: Score | None) -> dict[str, object] | None:
    if score is None:
        return None
    state = asdict(score)
    state.pop("updated_at")
    return state


def _updated_review(
    store: CampaignStore,
    juror: str,
    dossier: str,
    criteria: tuple[Criterion, ...],
    final: bool,
    at: str,
) -> Review:
    current = store.review(juror, dossier) or Review(juror, dossier, revision=0)
    status = ReviewStatus.DRAFT
    if final:
        scored = {s.criterion for s in store.scores(juror) if s.dossier == dossier}
        missing = [c.code for c in criteria if c.code not in scored]
        if missing:
            raise InvalidInput(
                REVIEW_INCOMPLETE, juror=juror, dossier=dossier, missing=len(missing)
            )
        status = ReviewStatus.FINAL
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
