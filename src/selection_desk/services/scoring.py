"""Use cases of scoring: a juror scores, comments, marks a review final or reopens it.

Shared by the command line and the scoring workspace, so both validate the same way.  Each call is
one transaction: the change, its review's state and the audit entry are committed together,
durably, before the call returns.

The scoring workspace reads through :class:`JurorWorkspace`, a read model bound to one juror (see
:func:`open_workspace`): it can only return that juror's assigned, non-conflicted dossiers and that
juror's own scores and reviews — its reads go through a connection that SQLite itself confines to
them (:mod:`selection_desk.storage.scoring_queries`).  A final review is frozen: the workspace
refuses to change it until the juror reopens it, which is audited.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from selection_desk.domain import (
    SCORING_ROLES,
    Attachment,
    Campaign,
    Criterion,
    Dossier,
    Juror,
    Review,
    ReviewStatus,
    Role,
    Score,
)
from selection_desk.errors import InvalidInput, NotFound, define_message
from selection_desk.i18n import N_
from selection_desk.storage import scoring_queries
from selection_desk.storage.audit import flat_state, now_iso
from selection_desk.storage.kits import is_juror_kit
from selection_desk.storage.scoring_queries import JurorReader
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
        raise InvalidInput(JUROR_CONFLICTED, juror=juror, dossier=dossier)
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


# -- the workspace's use cases: comments, confidence, final, reopen -------------------------------

NOT_IN_QUEUE = define_message(
    "scoring_not_in_queue", N_("Dossier {dossier} is not in the queue of juror {juror}.")
)
PIN_REQUIRED = define_message(
    "scoring_pin_required", N_("Juror {juror} has a PIN: type it to start scoring.")
)
WRONG_PIN = define_message("scoring_wrong_pin", N_("Wrong PIN for juror {juror}."))
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
    check_may_score(store, juror, dossier)
    with store.transaction():
        _refuse_if_final(store, juror, dossier)
        before = store.review(juror, dossier)
        if before is not None and before.comment == comment:
            return ReviewChange(before, before)
        return _write_review(
            store, before, juror, dossier, "review_comment", actor, comment=comment
        )


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
    check_may_score(store, juror, dossier)
    with store.transaction():
        _refuse_if_final(store, juror, dossier)
        before = store.review(juror, dossier)
        if before is not None and before.confidence == confidence:
            return ReviewChange(before, before)
        return _write_review(
            store, before, juror, dossier, "review_confidence", actor, confidence=confidence
        )


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


# -- the juror's read model -------------------------------------------------------------------


class QueueStatus(StrEnum):
    UNSCORED = "unscored"
    DRAFT = "draft"
    FINAL = "final"


class QueueOrder(StrEnum):
    SHUFFLED = "shuffled"
    """The default: a per-juror shuffle, to spread order bias across the committee."""
    CAMPAIGN = "campaign"
    REFERENCE = "reference"
    NAME = "name"


@dataclass(frozen=True)
class QueueItem:
    ref: str
    name: str
    status: QueueStatus
    scored: int
    """How many criteria the juror has scored."""
    position: int = 0


@dataclass(frozen=True)
class QueueProgress:
    total: int
    final: int
    draft: int

    @property
    def unscored(self) -> int:
        return self.total - self.final - self.draft


def queue_status(review_status: ReviewStatus | None, scored: int) -> QueueStatus:
    if review_status is ReviewStatus.FINAL:
        return QueueStatus.FINAL
    return QueueStatus.DRAFT if scored else QueueStatus.UNSCORED


def shuffle_key(campaign_uid: str, juror: str, ref: str) -> str:
    """Each dossier's place in a juror's shuffled queue: stable for that juror across sessions and
    machines, different for each juror, and unchanged for the other dossiers when one is added."""
    return hashlib.sha256(f"{campaign_uid}\x1f{juror}\x1f{ref}".encode()).hexdigest()


def order_queue(
    items: list[QueueItem], order: QueueOrder, campaign_uid: str, juror: str
) -> tuple[QueueItem, ...]:
    if order is QueueOrder.SHUFFLED:
        return tuple(sorted(items, key=lambda i: shuffle_key(campaign_uid, juror, i.ref)))
    if order is QueueOrder.REFERENCE:
        return tuple(sorted(items, key=lambda i: i.ref.casefold()))
    if order is QueueOrder.NAME:
        return tuple(sorted(items, key=lambda i: (i.name.casefold(), i.ref)))
    return tuple(sorted(items, key=lambda i: i.position))


@dataclass(frozen=True)
class ScoreSheet:
    """One juror's sheet for one dossier: their own scores and review, nobody else's."""

    dossier: str
    criteria: tuple[Criterion, ...]
    scores: Mapping[str, Score]
    review: Review | None

    def value(self, criterion: str) -> float | None:
        score = self.scores.get(criterion)
        return None if score is None else score.value

    def comment(self, criterion: str) -> str:
        score = self.scores.get(criterion)
        return "" if score is None else score.comment

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(c.code for c in self.criteria if c.code not in self.scores)

    @property
    def complete(self) -> bool:
        return bool(self.criteria) and not self.missing

    @property
    def final(self) -> bool:
        return self.review is not None and self.review.status is ReviewStatus.FINAL

    @property
    def status(self) -> QueueStatus:
        return queue_status(
            self.review.status if self.review else None,
            sum(1 for c in self.criteria if c.code in self.scores),
        )

    @property
    def overall_comment(self) -> str:
        return self.review.comment if self.review else ""

    @property
    def confidence(self) -> int | None:
        return self.review.confidence if self.review else None

    def _weight(self) -> float:
        return sum(c.weight for c in self.criteria)

    @property
    def running_total(self) -> float:
        """``100 · Σ w·u / Σ w`` over the criteria scored so far (design §5's juror total once
        every criterion is scored): it only grows as the juror fills the sheet."""
        weight = self._weight()
        if not weight:
            return 0.0
        return (
            100.0
            * sum(
                c.weight * c.normalise(self.scores[c.code].value)
                for c in self.criteria
                if c.code in self.scores
            )
            / weight
        )

    @property
    def total(self) -> float | None:
        """The juror total ``T`` (0–100) of design §5, once the sheet is complete."""
        return self.running_total if self.complete else None

    @property
    def points(self) -> float | None:
        """``P = Σ w·s`` of design §5, once the sheet is complete."""
        if not self.complete:
            return None
        return sum(c.weight * self.scores[c.code].value for c in self.criteria)


class JurorWorkspace:
    """What the scoring page may see and do, for one juror: nothing else is reachable from it.

    Every method is bound to the juror given to :func:`open_workspace` and takes no juror;
    reads go through a :class:`~selection_desk.storage.scoring_queries.JurorReader`, which SQLite
    confines to the juror's own rows; a dossier that is not in the juror's queue (conflicted, not
    assigned, unknown) is refused by every method alike, so nothing tells it apart.
    """

    def __init__(
        self, store: CampaignStore, juror: Juror, campaign: Campaign, *, actor: str | None = None
    ) -> None:
        self.__store = store
        self.__reader = JurorReader(store, juror.code)
        self.juror = juror
        self.campaign = campaign
        self.actor = actor or juror.code
        """Who the audit names for each change: the juror, or the secretary entering their
        paper sheet (:func:`open_paper_entry`)."""

    @property
    def paper_entry(self) -> bool:
        return self.actor != self.juror.code

    def close(self) -> None:
        self.__reader.close()

    def __enter__(self) -> JurorWorkspace:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- reading ----------------------------------------------------------------------------

    def criteria(self) -> tuple[Criterion, ...]:
        return self.__store.criteria()

    def queue(self, order: QueueOrder = QueueOrder.SHUFFLED) -> tuple[QueueItem, ...]:
        items = [
            QueueItem(row.ref, row.name, queue_status(row.status, row.scored), row.scored, i)
            for i, row in enumerate(self.__reader.queue())
        ]
        return order_queue(items, order, self.campaign.uid, self.juror.code)

    def progress(self) -> QueueProgress:
        return progress_of(self.queue(QueueOrder.CAMPAIGN))

    def _check(self, ref: str) -> None:
        if not self.__reader.has_dossier(ref):
            raise NotFound(NOT_IN_QUEUE, dossier=ref, juror=self.juror.code)

    def dossier(self, ref: str) -> Dossier:
        dossier = self.__reader.dossier(ref)
        if dossier is None:
            raise NotFound(NOT_IN_QUEUE, dossier=ref, juror=self.juror.code)
        return dossier

    def attachments(self, ref: str) -> tuple[Attachment, ...]:
        self._check(ref)
        return self.__reader.attachments(ref)

    def attachment_content(self, ref: str, file_name: str) -> bytes:
        content = self.__reader.attachment_content(ref, file_name)
        if content is None:
            raise NotFound(NOT_IN_QUEUE, dossier=ref, juror=self.juror.code)
        return content

    def sheet(self, ref: str) -> ScoreSheet:
        self._check(ref)
        return ScoreSheet(
            ref, self.__store.criteria(), self.__reader.scores(ref), self.__reader.review(ref)
        )

    # -- writing: one transaction each, then the sheet as it now is --------------------------

    def _refuse_final(self, ref: str) -> None:
        review = self.__reader.review(ref)
        if review is not None and review.status is ReviewStatus.FINAL:
            raise InvalidInput(REVIEW_IS_FINAL, juror=self.juror.code, dossier=ref)

    def set_score(self, ref: str, criterion: str, value: float) -> ScoreSheet:
        self._check(ref)
        self._refuse_final(ref)
        record_score(self.__store, self.juror.code, ref, criterion, value, actor=self.actor)
        return self.sheet(ref)

    def clear_score(self, ref: str, criterion: str) -> ScoreSheet:
        self._check(ref)
        clear_score(self.__store, self.juror.code, ref, criterion, actor=self.actor)
        return self.sheet(ref)

    def set_comment(self, ref: str, criterion: str, comment: str) -> ScoreSheet:
        self._check(ref)
        set_score_comment(self.__store, self.juror.code, ref, criterion, comment, actor=self.actor)
        return self.sheet(ref)

    def set_overall_comment(self, ref: str, comment: str) -> ScoreSheet:
        self._check(ref)
        set_review_comment(self.__store, self.juror.code, ref, comment, actor=self.actor)
        return self.sheet(ref)

    def set_confidence(self, ref: str, confidence: int | None) -> ScoreSheet:
        self._check(ref)
        set_review_confidence(self.__store, self.juror.code, ref, confidence, actor=self.actor)
        return self.sheet(ref)

    def mark_final(self, ref: str) -> ScoreSheet:
        self._check(ref)
        mark_review_final(self.__store, self.juror.code, ref, actor=self.actor)
        return self.sheet(ref)

    def reopen(self, ref: str) -> ScoreSheet:
        self._check(ref)
        reopen_review(self.__store, self.juror.code, ref, actor=self.actor)
        return self.sheet(ref)


def progress_of(items: tuple[QueueItem, ...] | list[QueueItem]) -> QueueProgress:
    return QueueProgress(
        total=len(items),
        final=sum(1 for i in items if i.status is QueueStatus.FINAL),
        draft=sum(1 for i in items if i.status is QueueStatus.DRAFT),
    )


@dataclass(frozen=True)
class ScoringJuror:
    """A juror as the "who is scoring?" list shows them: no scores, no dossiers."""

    code: str
    name: str
    role: Role
    has_pin: bool


def scoring_jurors(store: CampaignStore) -> tuple[ScoringJuror, ...]:
    from selection_desk.storage.setup import jurors_with_pin

    with_pin = jurors_with_pin(store)
    return tuple(
        ScoringJuror(j.code, j.name, j.role, j.code in with_pin)
        for j in store.jurors()
        if j.role in SCORING_ROLES
    )


def open_workspace(store: CampaignStore, juror: str, *, pin: str | None = None) -> JurorWorkspace:
    """The workspace of ``juror``, after checking their PIN when they have one."""
    check_juror_pin(store, juror, pin)
    identity = next(j for j in store.jurors() if j.code == juror)
    return JurorWorkspace(store, identity, store.campaign())


def juror_has_pin(store: CampaignStore, juror: str) -> bool:
    from selection_desk.storage.setup import pin_hash

    return bool(pin_hash(store, juror))  # NotFound for an unknown juror


def check_juror_pin(store: CampaignStore, juror: str, pin: str | None) -> None:
    """A juror who scores, and who has a PIN, scores only after giving it: in the app and on
    the command line alike."""
    from selection_desk.storage.setup import pin_hash, verify_pin

    stored = pin_hash(store, juror)  # NotFound for an unknown juror
    check_scores(store, juror)
    if stored:
        if not pin:
            raise InvalidInput(PIN_REQUIRED, juror=juror)
        if not verify_pin(pin, stored):
            raise InvalidInput(WRONG_PIN, juror=juror)


PAPER_ACTOR = "secretary for {juror}"
"""The audit's actor for a paper sheet the secretary types in on a juror's behalf (with the
secretary's code when a secretary's PIN opened the entry: ``secretary J8 for J3``)."""
SECRETARY_PIN_REQUIRED = define_message(
    "scoring_secretary_pin_required",
    N_("Type the secretary's PIN to type in the paper sheet of {juror}."),
)
WRONG_SECRETARY_PIN = define_message(
    "scoring_wrong_secretary_pin", N_("This is not the PIN of a secretary of this campaign.")
)
PAPER_ENTRY_NEEDS_SECRETARY_PIN = define_message(
    "scoring_paper_needs_secretary_pin",
    N_(
        "Juror {juror} has a PIN: give a secretary a PIN (Campaign, Jurors) before typing in "
        "their paper sheet, so that nobody can score as them without one."
    ),
)


def paper_entry_needs_pin(store: CampaignStore) -> bool:
    """Whether a secretary's PIN opens paper entry (some secretary has one)."""
    return bool(_secretaries_with_pin(store))


def _secretaries_with_pin(store: CampaignStore) -> list[str]:
    from selection_desk.storage.setup import jurors_with_pin

    with_pin = jurors_with_pin(store)
    return [j.code for j in store.jurors() if j.role is Role.SECRETARY and j.code in with_pin]


def open_paper_entry(
    store: CampaignStore, juror: str, *, secretary_pin: str | None = None
) -> JurorWorkspace:
    """The workspace of ``juror`` for the secretary typing in their paper sheet: the juror's PIN
    is not asked (they are not at the keyboard), the secretary's is when a secretary has one —
    paper entry must not be a way round a juror's PIN.  The same checks and keyboard entry as the
    juror's own workspace; every change audited as the secretary's on the juror's behalf."""
    from selection_desk.storage.setup import pin_hash, verify_pin

    juror_pin = pin_hash(store, juror)  # NotFound for an unknown juror
    check_scores(store, juror)
    secretaries = _secretaries_with_pin(store)
    actor = PAPER_ACTOR.format(juror=juror)
    if secretaries:
        if not secretary_pin:
            raise InvalidInput(SECRETARY_PIN_REQUIRED, juror=juror)
        matching = [
            code for code in secretaries if verify_pin(secretary_pin, pin_hash(store, code) or "")
        ]
        if not matching:
            raise InvalidInput(WRONG_SECRETARY_PIN, juror=juror)
        actor = f"secretary {matching[0]} for {juror}"
    elif juror_pin:
        raise InvalidInput(PAPER_ENTRY_NEEDS_SECRETARY_PIN, juror=juror)
    identity = next(j for j in store.jurors() if j.code == juror)
    return JurorWorkspace(store, identity, store.campaign(), actor=actor)


class ScoringDesk:
    """The scoring page's only handle on an open campaign: who may score, and the door to one
    juror's :class:`JurorWorkspace` (PIN checked).  Nothing else is reachable through it."""

    def __init__(self, store: CampaignStore) -> None:
        self.__store = store

    def jurors(self) -> tuple[ScoringJuror, ...]:
        return scoring_jurors(self.__store)

    def campaign_name(self) -> str:
        return self.__store.campaign().name

    def criteria(self) -> tuple[Criterion, ...]:
        """The campaign's grid (public: every juror scores on it)."""
        return self.__store.criteria()

    def open(self, juror: str, pin: str | None = None) -> JurorWorkspace:
        return open_workspace(self.__store, juror, pin=pin)

    @property
    def paper_entry_allowed(self) -> bool:
        """The secretary's campaign file, not a juror's kit (a kit holds one juror's work)."""
        return not is_juror_kit(self.__store)

    @property
    def paper_entry_needs_pin(self) -> bool:
        return paper_entry_needs_pin(self.__store)

    def open_paper_entry(self, juror: str, secretary_pin: str | None = None) -> JurorWorkspace:
        """A juror's paper sheet typed in by the secretary (see :func:`open_paper_entry`)."""
        return open_paper_entry(self.__store, juror, secretary_pin=secretary_pin)
