"""Use cases: declaring and withdrawing a conflict of interest (design §8; the set-up contract
is in :mod:`~selection_desk.services.setup_common`).  What a declared conflict forbids, and the
message that says so, is the rule of :mod:`~selection_desk.domain.conflict_of_interest`."""

from __future__ import annotations

from dataclasses import dataclass, field

from selection_desk.domain import Assignment, Conflict
from selection_desk.errors import InvalidInput, define_message
from selection_desk.i18n import N_
from selection_desk.services.op_changes import OpChanges
from selection_desk.services.setup_common import ACTOR
from selection_desk.services.setup_impact import NeedsConfirmation, ScoreImpact
from selection_desk.storage import setup as sql
from selection_desk.storage.store import CampaignStore

NO_CONFLICT = define_message(
    "setup_no_conflict",
    N_("Juror {juror} has declared no conflict of interest with dossier {dossier}."),
)
CONFIRM_CONFLICT = define_message(
    "setup_confirm_conflict",
    N_(
        "Juror {juror} has already scored dossier {dossier}; declaring a conflict of interest "
        "removes that review:"
    ),
)


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

    @property
    def op_changes(self) -> OpChanges:
        return self.impact.op_changes()

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
