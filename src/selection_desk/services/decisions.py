"""Use cases: the committee records, or clears, its decision on a dossier.

A decision is the outcome (selected, waiting list, rejected, deferred), its rationale, an optional
vote (for / against / abstain), who decided and when.  Jurors who declared a conflict of interest
with the dossier are *recused*: they are recorded as such with the decision and do not vote.

Who votes and when the quorum is reached are the rules of :mod:`selection_desk.domain.quorum`; the
quorum is shown, never enforced: the minutes say whether it was reached.

Selecting more dossiers than the campaign has places is refused unless the caller confirms it
(``allow_over_places=True``): the GUI asks the user first with :func:`check_places`.

Each call is one transaction with its audit entry; bad input raises before anything is written, and
recording the same decision again writes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from selection_desk.domain import Decision, Outcome
from selection_desk.domain.quorum import Quorum, Votes, quorum_of
from selection_desk.errors import InvalidInput, define_message
from selection_desk.i18n import N_, current_language
from selection_desk.services.op_changes import DECISIONS, NOTHING, OpChanges
from selection_desk.storage import decisions as decision_rows
from selection_desk.storage.audit import flat_state, now_iso
from selection_desk.storage.store import DOSSIER_NOT_IN_ROUND, CampaignStore

UNKNOWN_OUTCOME = define_message(
    "decision_unknown_outcome",
    N_("{outcome} is not a decision; choose one of: {choices}."),
)
VOTES_NOT_COUNTS = define_message(
    "decision_votes_not_counts",
    N_("Votes are counted in whole numbers of at least 0 (got {value})."),
)
VOTES_EMPTY = define_message(
    "decision_votes_empty",
    N_("A vote needs at least one vote cast (for, against or abstaining)."),
)
VOTES_EXCEED_VOTERS = define_message(
    "decision_votes_exceed_voters",
    N_(
        "{cast} votes were cast but only {voters} committee members may vote on {dossier} "
        "(observers and recused jurors do not vote)."
    ),
)
OVER_PLACES = define_message(
    "decision_over_places",
    N_(
        "Selecting {dossier} would make {selected} selected dossiers for {places} places; "
        "confirm to select more dossiers than places."
    ),
)

DEFAULT_ACTOR = "secretary"


@dataclass(frozen=True)
class PlacesCheck:
    places: int
    selected: int
    """How many dossiers would be selected after the decision."""

    @property
    def exceeded(self) -> bool:
        return self.selected > self.places


@dataclass(frozen=True)
class DecisionRecord:
    decision: Decision
    recused: tuple[str, ...]
    """The jurors recused from the vote: as recorded with the decision, or (decisions imported
    from a workbook) the conflicts declared now."""


@dataclass(frozen=True)
class DecisionChange:
    before: Decision | None
    after: Decision | None
    quorum: Quorum | None
    """The quorum of the decision recorded (``None`` when a decision was cleared)."""
    changed: bool

    @property
    def op_changes(self) -> OpChanges:
        return DECISIONS if self.changed else NOTHING


def parse_outcome(value: str | Outcome) -> Outcome:
    """An outcome as the domain names it (``waiting_list``) or as users write it, in English or
    French (``waiting list``, ``liste d’attente``, ``Retenue`` …)."""
    if isinstance(value, Outcome):
        return value
    from selection_desk.formats.vocabulary import OUTCOMES

    key = OUTCOMES.key_of(value)
    if key is None:
        language = current_language()
        raise InvalidInput(
            UNKNOWN_OUTCOME,
            outcome=str(value),
            choices=", ".join(OUTCOMES.written(o.value, language) for o in Outcome),
        )
    return Outcome(key)


def _check_votes(votes: Votes, quorum: Quorum, dossier: str) -> None:
    for count in (votes.votes_for, votes.against, votes.abstain):
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise InvalidInput(VOTES_NOT_COUNTS, value=str(count))
    if votes.cast == 0:
        raise InvalidInput(VOTES_EMPTY)
    if votes.cast > len(quorum.voters):
        raise InvalidInput(
            VOTES_EXCEED_VOTERS, cast=votes.cast, voters=len(quorum.voters), dossier=dossier
        )


def check_places(store: CampaignStore, dossier: str, outcome: Outcome | str) -> PlacesCheck:
    """How many dossiers would be selected if ``dossier`` got ``outcome``."""
    outcome = parse_outcome(outcome)
    others = decision_rows.count_outcome(store, Outcome.SELECTED, excluding=dossier)
    return PlacesCheck(
        places=store.round_campaign().places,
        selected=others + (1 if outcome is Outcome.SELECTED else 0),
    )


def _state(decision: Decision | None, recused: tuple[str, ...] | None) -> dict[str, Any] | None:
    if decision is None:
        return None
    state = flat_state(decision)
    state["outcome"] = decision.outcome.value
    state["recused"] = None if recused is None else list(recused)
    return state


def _same(before: Decision | None, after: Decision) -> bool:
    return before is not None and replace(before, decided_at="") == replace(after, decided_at="")


def record_decision(
    store: CampaignStore,
    dossier: str,
    outcome: Outcome | str,
    *,
    rationale: str = "",
    votes: Votes | None = None,
    decided_by: str = "",
    actor: str = DEFAULT_ACTOR,
    allow_over_places: bool = False,
) -> DecisionChange:
    """Record the committee's decision on ``dossier`` (replacing an earlier one), audited."""
    outcome = parse_outcome(outcome)
    if not store.takes_part(dossier):  # NotFound before anything else
        raise InvalidInput(DOSSIER_NOT_IN_ROUND, dossier=dossier, round=store.round.code)
    quorum = quorum_of(decision_rows.quorum_roster(store, dossier), votes)
    if votes is not None:
        _check_votes(votes, quorum, dossier)
    with store.transaction():
        if outcome is Outcome.SELECTED and not allow_over_places:
            places = check_places(store, dossier, outcome)
            if places.exceeded:
                raise InvalidInput(
                    OVER_PLACES, dossier=dossier, selected=places.selected, places=places.places
                )
        before = decision_rows.read_decision(store, dossier)
        recused_before = decision_rows.read_recused(store, dossier)
        after = Decision(
            dossier=dossier,
            outcome=outcome,
            rationale=rationale.strip(),
            votes_for=None if votes is None else votes.votes_for,
            votes_against=None if votes is None else votes.against,
            votes_abstain=None if votes is None else votes.abstain,
            decided_at=now_iso(),
            decided_by=decided_by.strip(),
        )
        if _same(before, after) and recused_before == quorum.recused:
            return DecisionChange(before, before, quorum, changed=False)
        store.write_decisions([after])
        decision_rows.write_recused(store, dossier, quorum.recused)
        store.record_audit(
            actor,
            "decide",
            f"decision:{dossier}",
            before=_state(before, recused_before),
            after=_state(after, quorum.recused),
        )
    return DecisionChange(before, after, quorum, changed=True)


def clear_decision(
    store: CampaignStore, dossier: str, *, actor: str = DEFAULT_ACTOR
) -> DecisionChange:
    """Remove the decision on ``dossier`` (audited); nothing to clear writes nothing."""
    store.dossier_id(dossier)
    with store.transaction():
        before = decision_rows.read_decision(store, dossier)
        if before is None:
            return DecisionChange(None, None, None, changed=False)
        recused_before = decision_rows.read_recused(store, dossier)
        decision_rows.delete_decision(store, dossier)
        store.record_audit(
            actor,
            "clear_decision",
            f"decision:{dossier}",
            before=_state(before, recused_before),
        )
    return DecisionChange(before, None, None, changed=True)


def decision_records(store: CampaignStore) -> tuple[DecisionRecord, ...]:
    """Every decision with its recused jurors, in dossier order."""
    recorded = decision_rows.recorded_recusals(store)
    declared: dict[str, list[str]] = {}
    for conflict in store.conflicts():
        declared.setdefault(conflict.dossier, []).append(conflict.juror)
    return tuple(
        DecisionRecord(
            decision,
            recorded[decision.dossier]
            if decision.dossier in recorded
            else tuple(declared.get(decision.dossier, ())),
        )
        for decision in store.decisions()
    )


def record_attendance(
    store: CampaignStore, present: Iterable[str] | None, *, actor: str = DEFAULT_ACTOR
) -> bool:
    """Record which jurors are present at the meeting (``None``: forget the attendance), in the
    committee's order, audited; returns whether anything changed.  An unknown code raises
    before anything is written."""
    from selection_desk.errors import NotFound
    from selection_desk.storage.store import UNKNOWN_JUROR

    jurors = [juror.code for juror in store.jurors()]
    after: tuple[str, ...] | None = None
    if present is not None:
        wanted = set(present)
        for code in sorted(wanted - set(jurors)):
            raise NotFound(UNKNOWN_JUROR, code=code)
        after = tuple(code for code in jurors if code in wanted)
    with store.transaction():
        before = decision_rows.read_attendance(store)
        if before == after:
            return False
        decision_rows.write_attendance(store, after)
        store.record_audit(
            actor,
            "attendance",
            "meeting:attendance",
            before=None if before is None else list(before),
            after=None if after is None else list(after),
        )
    return True


def read_attendance(store: CampaignStore) -> tuple[str, ...] | None:
    """The codes of the jurors recorded as present at the meeting; ``None``: not recorded."""
    return decision_rows.read_attendance(store)
