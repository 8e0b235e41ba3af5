"""Use cases: who scores what (design §8) — everyone everything, a balanced automatic plan
(:mod:`~selection_desk.services.assignment_plan`, pure), or manual overrides pair by pair (the
set-up contract is in :mod:`~selection_desk.services.setup_common`)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from selection_desk.domain import Review
from selection_desk.domain.conflict_of_interest import (
    Pair,
    check_may_score,
    conflicted_pairs,
    may_score,
)
from selection_desk.errors import InvalidInput, define_message
from selection_desk.i18n import N_
from selection_desk.services.assignment_plan import AssignmentPlan, balanced_assignment
from selection_desk.services.op_changes import OpChanges
from selection_desk.services.scoring import JUROR_DOES_NOT_SCORE
from selection_desk.services.setup_common import ACTOR, SCORING_ROLES
from selection_desk.services.setup_impact import NeedsConfirmation, ScoreImpact
from selection_desk.storage import setup as sql
from selection_desk.storage.store import CampaignStore

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
CONFIRM_ASSIGNMENTS = define_message(
    "setup_confirm_assignments",
    N_("The new assignments take dossiers away from jurors who have already scored them:"),
)


@dataclass(frozen=True)
class AssignmentChange:
    before: frozenset[Pair] | None
    """``None``: everyone scored every non-conflicted dossier."""
    after: frozenset[Pair] | None
    impact: ScoreImpact = field(default_factory=ScoreImpact)
    plan: AssignmentPlan | None = None
    """The balanced plan, with its loads, when the change was an automatic assignment."""
    restored_scores: int = 0

    @property
    def op_changes(self) -> OpChanges:
        return self.impact.op_changes(self.restored_scores)


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
    conflicted = frozenset(conflicts)
    if pairs is None:
        return {j: sum(1 for d in dossiers if may_score(j, d, conflicted)) for j in jurors}
    loads = dict.fromkeys(jurors, 0)
    for juror, dossier in pairs:
        if juror in loads and may_score(juror, dossier, conflicted):
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
    conflicts = conflicted_pairs(store.conflicts())
    added = sorted(after - (before or frozenset())) if after is not None else []
    removed = sorted((before or frozenset()) - after) if after is not None and before else []
    for juror, dossier in added:
        store.juror_id(juror)
        store.dossier_id(dossier)
        check_may_score(juror, dossier, conflicts)
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
    conflicts: frozenset[Pair],
) -> int:
    criteria = {c.code: c for c in store.criteria()}

    def allowed(pair: Pair) -> bool:
        return may_score(*pair, conflicts) and (assigned is None or pair in assigned)

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
        conflicts=conflicted_pairs(store.conflicts()),
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
        conflicts = conflicted_pairs(store.conflicts())
        current = frozenset(
            (j.code, d.ref)
            for j in jurors
            if j.role in SCORING_ROLES
            for d in store.dossiers()
            if may_score(j.code, d.ref, conflicts)
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
