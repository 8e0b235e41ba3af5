"""What the scoring page may see and do for one juror: the juror's queue of dossiers, its order
and progress, the score sheet of one dossier, and the doors to it — the juror's PIN, or the
secretary's for a paper sheet typed in on the juror's behalf.

:class:`JurorWorkspace` (see :func:`open_workspace`) can only return that juror's assigned,
non-conflicted dossiers and that juror's own scores and reviews — its reads go through a
connection that SQLite itself confines to them (:mod:`selection_desk.storage.scoring_queries`);
its writes are the use cases of :mod:`selection_desk.services.scoring`, after which the sheet of
the pair just written is read back on the writing connection (see ``_written_sheet``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

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
from selection_desk.services.scoring import (
    check_scores,
    clear_score,
    mark_review_final,
    record_score,
    reopen_review,
    set_review_comment,
    set_review_confidence,
    set_review_feedback,
    set_score_comment,
)
from selection_desk.storage.kits import is_juror_kit
from selection_desk.storage.scoring_queries import JurorReader, pair_scores
from selection_desk.storage.store import CampaignStore

NOT_IN_QUEUE = define_message(
    "scoring_not_in_queue", N_("Dossier {dossier} is not in the queue of juror {juror}.")
)


PIN_REQUIRED = define_message(
    "scoring_pin_required", N_("Juror {juror} has a PIN: type it to start scoring.")
)


WRONG_PIN = define_message("scoring_wrong_pin", N_("Wrong PIN for juror {juror}."))


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
    def feedback(self) -> str:
        """What the juror wrote for the applicant (the overall comment stays in the committee)."""
        return self.review.feedback if self.review else ""

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
    confines to the juror's own rows (a write's own pair, checked through it first, is read back
    on the writing connection); a dossier that is not in the juror's queue (conflicted, not
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

    def _written_sheet(self, ref: str, review: Review | None = None) -> ScoreSheet:
        """The sheet of a dossier just written, read back on the writing connection.

        Every write checks ``ref`` through the reader first, so this reads the juror's own pair
        only.  The writer's page cache is still valid after its own commit, whereas the commit
        makes the reader drop all of its cache: the same sheet read there cost a keystroke about
        0.1 ms (a fifth of its time on top of the durable write).  ``review``: the review as the
        write left it, when the write returns it.
        """
        juror = self.juror.code
        return ScoreSheet(
            ref,
            self.__store.criteria(),
            pair_scores(self.__store, juror, ref),
            review if review is not None else self.__store.review(juror, ref),
        )

    # -- writing: one transaction each, then the sheet as it now is --------------------------

    def set_score(self, ref: str, criterion: str, value: float) -> ScoreSheet:
        # A final review is refused by record_score itself, inside its transaction: reading the
        # review here first cost a query per keystroke for the same sentence.
        self._check(ref)
        change = record_score(
            self.__store, self.juror.code, ref, criterion, value, actor=self.actor
        )
        return self._written_sheet(ref, change.review)

    def clear_score(self, ref: str, criterion: str) -> ScoreSheet:
        self._check(ref)
        clear_score(self.__store, self.juror.code, ref, criterion, actor=self.actor)
        return self._written_sheet(ref)

    def set_comment(self, ref: str, criterion: str, comment: str) -> ScoreSheet:
        self._check(ref)
        set_score_comment(self.__store, self.juror.code, ref, criterion, comment, actor=self.actor)
        return self._written_sheet(ref)

    def set_overall_comment(self, ref: str, comment: str) -> ScoreSheet:
        self._check(ref)
        set_review_comment(self.__store, self.juror.code, ref, comment, actor=self.actor)
        return self._written_sheet(ref)

    def set_feedback(self, ref: str, feedback: str) -> ScoreSheet:
        self._check(ref)
        set_review_feedback(self.__store, self.juror.code, ref, feedback, actor=self.actor)
        return self._written_sheet(ref)

    def set_confidence(self, ref: str, confidence: int | None) -> ScoreSheet:
        self._check(ref)
        set_review_confidence(self.__store, self.juror.code, ref, confidence, actor=self.actor)
        return self._written_sheet(ref)

    def mark_final(self, ref: str) -> ScoreSheet:
        self._check(ref)
        mark_review_final(self.__store, self.juror.code, ref, actor=self.actor)
        return self._written_sheet(ref)

    def reopen(self, ref: str) -> ScoreSheet:
        self._check(ref)
        reopen_review(self.__store, self.juror.code, ref, actor=self.actor)
        return self._written_sheet(ref)


def progress_of(items: Sequence[QueueItem]) -> QueueProgress:
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
