"""Use cases of a selection in stages (design §10): list, add, close and reopen rounds.

A campaign has one or more rounds, in order; the store's current round scopes every query about
criteria, assignments, reviews, scores and decisions.  Closing round r decides who goes on: the
dossiers its decisions select when it has decisions, else the first ``places`` of its ranking.
Every departure from the ranking's order (a dossier that goes on from below the first ``places``,
or one within them that does not) needs a reason, the rationale of its decision.  Dossiers that
share a rank across the line (the tie-break criterion, if the campaign names one, did not separate
them) are never parted by their listing order (design §5): closing is refused, naming them, until
each of them has a decision with its reason — settled in deliberation or, where the campaign
allows it, by the audited draw (``services.draw``), whose outcome is then recorded as decisions,
as the draw's own use case requires.  The dossiers that
go on become round r+1's roster, and a hearing round's assignments are every scoring juror × its
roster minus the conflicts.  A closed round is read-only (the database refuses every change, see
migration ``0011_rounds``); reopening it is audited, and refused once a later round has scores.

Each call is one transaction with its audit entry; bad input raises before anything is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from typing import TYPE_CHECKING, Any

from selection_desk.domain import (
    SCORING_ROLES,
    CampaignData,
    Decision,
    Method,
    Outcome,
    Round,
    RoundData,
    RoundKind,
    RoundStatus,
)
from selection_desk.errors import InvalidInput, define_message
from selection_desk.i18n import N_
from selection_desk.services.setup_common import finite
from selection_desk.storage import rounds as round_rows
from selection_desk.storage import setup as setup_rows
from selection_desk.storage.audit import now_iso
from selection_desk.storage.store import CampaignStore

if TYPE_CHECKING:  # the round bar asks this module before the first paint: no engine, no numpy
    from selection_desk.aggregation import Ranking

DEFAULT_ACTOR = "secretary"

ROUND_CODE_EMPTY = define_message("round_code_empty", N_("A round needs a code."))
ROUND_NAME_EMPTY = define_message("round_name_empty", N_("A round needs a name."))
ROUND_CODE_TAKEN = define_message(
    "round_code_taken", N_("There is already a round with the code {code}.")
)
ROUND_KIND_UNKNOWN = define_message(
    "round_kind_unknown", N_("{kind} is not a kind of round; choose dossier or hearing.")
)
ROUND_METHOD_UNKNOWN = define_message(
    "round_method_unknown", N_("{method} is not a ranking method; choose one of: {choices}.")
)
ROUND_PLACES_TOO_FEW = define_message(
    "round_places_too_few", N_("A round fills at least one place (here {value}).")
)
ROUND_WEIGHT_NOT_POSITIVE = define_message(
    "round_weight_not_positive", N_("A round's weight must be greater than 0 (here {value}).")
)
ROUND_ALREADY_CLOSED = define_message(
    "round_already_closed", N_("Round {round} is already closed.")
)
ROUND_NOT_CLOSED = define_message(
    "round_not_closed", N_("Round {round} is open: there is nothing to reopen.")
)
ROUND_NOT_RANKED = define_message(
    "round_not_ranked",
    N_(
        "Round {round} has neither decisions nor a complete review: nothing says who goes on. "
        "Record its scores or its decisions before closing it."
    ),
)
GOES_ON_WITHOUT_REASON = define_message(
    "round_goes_on_without_reason",
    N_(
        "{dossier} goes on from rank {rank}, below the first {places} of round {round}: give the "
        "reason in the rationale of its decision before closing the round."
    ),
)
STOPS_WITHOUT_REASON = define_message(
    "round_stops_without_reason",
    N_(
        "{dossier} stops although ranked {rank}, within the first {places} of round {round}: "
        "record a decision on it with the reason before closing the round."
    ),
)
TIED_AT_THE_LINE = define_message(
    "round_tied_at_the_line",
    N_(
        "{dossiers} are tied at rank {rank} of round {round}, across its line (places: "
        "{places}), and the order they are listed in is no reason to part them: record who goes "
        "on as the round's decisions, with a reason on each of them, before closing the round."
    ),
)
TIED_AT_THE_LINE_DRAW = define_message(
    "round_tied_at_the_line_draw",
    N_(
        "{dossiers} are tied at rank {rank} of round {round}, across its line (places: "
        "{places}), and the order they are listed in is no reason to part them: record who goes "
        "on as the round's decisions, with a reason on each of them (the audited draw, if the "
        "committee settles the tie so), before closing the round."
    ),
)
REOPEN_AFTER_LATER_SCORES = define_message(
    "round_reopen_after_later_scores",
    N_(
        "Round {round} cannot be reopened: round {later} already has scores, given to the "
        "dossiers that round {round} passed on."
    ),
)


@dataclass(frozen=True)
class RoundClosing:
    round: Round
    goes_on: tuple[str, ...]
    """The refs of the dossiers that go on, in the ranking's order."""
    next_round: Round | None
    """The round whose roster they became (``None``: the last round was closed)."""


def list_rounds(store: CampaignStore) -> tuple[Round, ...]:
    return store.rounds()


def campaign_in_rounds(store: CampaignStore) -> CampaignData | None:
    """A campaign in several rounds whole, as its workbook holds it: what the rounds share
    (every dossier) and each round's own part; ``None`` for a campaign in one round.  The
    store's current round is left as it was."""
    rounds = store.rounds()
    if len(rounds) < 2:
        return None
    current = store.round.code
    try:
        parts = []
        for value in rounds:
            store.use_round(value.code)
            data = store.campaign_data()
            parts.append(
                RoundData(
                    value,
                    data.criteria,
                    data.assignments,
                    data.scores,
                    data.reviews,
                    data.decisions,
                )
            )
        store.use_round(rounds[0].code)  # the first round takes every dossier
        shared = store.campaign_data(scores=False)
    finally:
        store.use_round(current)
    return CampaignData(
        campaign=shared.campaign,
        jurors=shared.jurors,
        dossiers=shared.dossiers,
        conflicts=shared.conflicts,
        rounds=tuple(parts),
    )


def _kind(kind: RoundKind | str) -> RoundKind:
    try:
        return RoundKind(kind)
    except ValueError:
        raise InvalidInput(ROUND_KIND_UNKNOWN, kind=kind) from None


def _method(method: Method | str | None) -> Method | None:
    if method is None:
        return None
    try:
        return Method(method)
    except ValueError:
        choices = ", ".join(m.value for m in Method)
        raise InvalidInput(ROUND_METHOD_UNKNOWN, method=method, choices=choices) from None


def _checked_round(store: CampaignStore, value: Round, *, new: bool = True) -> Round:
    code, name = value.code.strip(), value.name.strip()
    if not code:
        raise InvalidInput(ROUND_CODE_EMPTY)
    if not name:
        raise InvalidInput(ROUND_NAME_EMPTY)
    if new and any(r.code == code for r in store.rounds()):
        raise InvalidInput(ROUND_CODE_TAKEN, code=code)
    for number in (value.places, value.weight):
        if number is not None:
            finite(number)  # within the bound every input shares (places 10**30 overflowed)
    if value.places is not None and value.places < 1:
        raise InvalidInput(ROUND_PLACES_TOO_FEW, value=value.places)
    if value.weight is not None and not value.weight > 0:
        raise InvalidInput(ROUND_WEIGHT_NOT_POSITIVE, value=value.weight)
    return Round(
        code=code,
        name=name,
        kind=_kind(value.kind),
        places=value.places,
        method=_method(value.method),
        weight=value.weight,
        date=value.date.strip(),
    )


def add_round(
    store: CampaignStore,
    value: Round,
    *,
    criteria_from: str | None = None,
    actor: str = DEFAULT_ACTOR,
) -> Round:
    """Adds ``value`` after the last round (audited); ``criteria_from``: a round whose criteria
    and rubric the new round starts from (copied).  When the round before it is already closed,
    the new round's roster is written at once."""
    checked = _checked_round(store, value)
    previous = store.rounds()[-1] if store.rounds() else None
    current = store.round.code
    with store.transaction():
        source = store.criteria() if criteria_from is None else _criteria_of(store, criteria_from)
        added = round_rows.insert_round(store, checked)
        if criteria_from is not None:
            store.use_round(added.code)
            store.write_criteria(source, {c.code: i for i, c in enumerate(source)})
        if previous is not None and previous.closed:
            _pass_on(store, added, _goes_on(store, previous))
        store.record_audit(actor, "add", f"round:{added.code}", after=_state(added))
    store.use_round(current if not (previous and previous.closed) else None)
    return added


def edit_round(
    store: CampaignStore,
    code: str,
    *,
    actor: str = DEFAULT_ACTOR,
    **settings: Any,
) -> Round:
    """Changes round ``code``'s ``name``, ``places``, ``method``, ``weight`` or ``date`` (those
    given; ``None`` for places, method or weight: the campaign's, or no weight), audited."""
    before = next((r for r in store.rounds() if r.code == code), None)
    if before is None:
        store.use_round(code)  # NotFound, with its message
        raise AssertionError(code)
    after = replace(
        _checked_round(store, replace(before, **settings), new=False),
        uid=before.uid,
        position=before.position,
        kind=before.kind,
        status=before.status,
        closed_at=before.closed_at,
    )
    if after == before:
        return before
    with store.transaction():
        round_rows.write_round_settings(store, code, after)
        store.record_audit(
            actor, "edit", f"round:{code}", before=_state(before), after=_state(after)
        )
    return after


def _criteria_of(store: CampaignStore, code: str) -> tuple[Any, ...]:
    current = store.round.code
    store.use_round(code)
    try:
        return store.criteria()
    finally:
        store.use_round(current)


def _state(value: Round) -> dict[str, Any]:
    state = asdict(value)
    state["kind"] = value.kind.value
    state["status"] = value.status.value
    state["method"] = None if value.method is None else value.method.value
    return state


def _round(store: CampaignStore, code: str | None) -> Round:
    return store.round if code is None else store.use_round(code)


def close_round(
    store: CampaignStore, code: str | None = None, *, actor: str = DEFAULT_ACTOR
) -> RoundClosing:
    """Closes round ``code`` (``None``: the current round), audited, and passes the dossiers
    that go on to the next round (module doc)."""
    closing = _round(store, code)
    with store.transaction():
        goes_on, following = close_within(store, closing, actor)
    store.use_round(None)
    closed = next(r for r in store.rounds() if r.code == closing.code)
    return RoundClosing(closed, goes_on, following)


def close_within(
    store: CampaignStore, closing: Round, actor: str
) -> tuple[tuple[str, ...], Round | None]:
    """Closes ``closing`` inside the caller's transaction (a workbook import closes the rounds
    it writes): who goes on, and the round they went on to."""
    if closing.closed:
        raise InvalidInput(ROUND_ALREADY_CLOSED, round=closing.code)
    goes_on = _goes_on(store, closing)
    later = [r for r in store.rounds() if r.position > closing.position]
    round_rows.write_round_status(store, closing.code, RoundStatus.CLOSED, now_iso())
    if later:
        _pass_on(store, later[0], goes_on)
    store.record_audit(
        actor,
        "close",
        f"round:{closing.code}",
        before={"status": RoundStatus.OPEN.value},
        after={"status": RoundStatus.CLOSED.value, "goes_on": list(goes_on)},
    )
    return goes_on, later[0] if later else None


def who_goes_on(store: CampaignStore, code: str) -> tuple[str, ...]:
    """Who would go on if round ``code`` closed now, in its ranking's order (the store's current
    round is kept); refused, with the reason, when closing it would be."""
    closing = next((r for r in store.rounds() if r.code == code), None)
    if closing is None:
        return _goes_on(store, store.use_round(code))  # NotFound, with its message
    return _goes_on(store, closing)


def _goes_on(store: CampaignStore, closing: Round) -> tuple[str, ...]:
    """Who goes on from ``closing``, in its ranking's order; refused while a departure from that
    order has no reason."""
    # The engine (numpy) loads here, not with the module: the window's round bar lists the rounds
    # through this module before the first paint.
    from selection_desk.services.ranking import rank_campaign

    current = store.round.code
    store.use_round(closing.code)
    try:
        ranking = rank_campaign(store)
        decisions = {d.dossier: d for d in store.decisions()}
    finally:
        store.use_round(current)
    order = [entry.ref for entry in ranking.entries]
    places = ranking.places
    _check_tie_at_the_line(store, closing.code, ranking, decisions)
    if not decisions:
        if not any(entry.score is not None for entry in ranking.entries):
            raise InvalidInput(ROUND_NOT_RANKED, round=closing.code)
        return tuple(order[:places])
    _check_departures(closing.code, order, places, decisions)
    return tuple(
        ref
        for ref in order
        if (decision := decisions.get(ref)) is not None and decision.outcome is Outcome.SELECTED
    )


def tied_at_the_line(ranking: Ranking) -> tuple[str, ...]:
    """The dossiers sharing the last selected rank when they are more than the places left for
    them (in the ranking's order), else ``()``: the ranking selects ties at the line whole
    (``above_cutoff``), so more selected dossiers than places means a tie across the line."""
    selected = ranking.selected
    if len(selected) <= ranking.places:
        return ()
    return tuple(entry.ref for entry in selected if entry.rank == selected[-1].rank)


def _check_tie_at_the_line(
    store: CampaignStore, code: str, ranking: Ranking, decisions: dict[str, Decision]
) -> None:
    """Refused while a dossier tied across the line has no decision with its reason."""
    tied = tied_at_the_line(ranking)
    if all((d := decisions.get(ref)) is not None and d.rationale.strip() for ref in tied):
        return
    raise InvalidInput(
        TIED_AT_THE_LINE_DRAW if store.campaign().allow_draw else TIED_AT_THE_LINE,
        dossiers=", ".join(tied),
        rank=ranking.entry(tied[0]).rank,
        round=code,
        places=ranking.places,
        tied=tied,
    )


def _check_departures(
    code: str, order: Sequence[str], places: int, decisions: dict[str, Decision]
) -> None:
    for rank, ref in enumerate(order, start=1):
        decision = decisions.get(ref)
        selected = decision is not None and decision.outcome is Outcome.SELECTED
        reason = "" if decision is None else decision.rationale.strip()
        facts = {"dossier": ref, "rank": rank, "places": places, "round": code}
        if selected and rank > places and not reason:
            raise InvalidInput(GOES_ON_WITHOUT_REASON, **facts)
        if not selected and rank <= places and not reason:
            raise InvalidInput(STOPS_WITHOUT_REASON, **facts)


def _pass_on(store: CampaignStore, next_round: Round, goes_on: Sequence[str]) -> None:
    """``goes_on`` becomes ``next_round``'s roster; a hearing is scored by the whole committee:
    every scoring juror is assigned every dossier of the roster they have no conflict with."""
    round_rows.write_roster(store, next_round.code, goes_on)
    if next_round.kind is not RoundKind.HEARING:
        return
    conflicts = {(c.juror, c.dossier) for c in store.conflicts()}
    jurors = [j.code for j in store.jurors() if j.role in SCORING_ROLES]
    current = store.round.code
    store.use_round(next_round.code)
    try:
        setup_rows.replace_assignments(
            store,
            [(j, ref) for j in jurors for ref in goes_on if (j, ref) not in conflicts],
        )
    finally:
        store.use_round(current)


def reopen_round(
    store: CampaignStore, code: str | None = None, *, actor: str = DEFAULT_ACTOR
) -> Round:
    """Reopens closed round ``code`` (``None``: the last closed round), audited; refused once a
    later round has scores.  The next round's roster is cleared: closing again writes it."""
    rounds = store.rounds()
    if code is None:
        closed = [r for r in rounds if r.closed]
        reopening = closed[-1] if closed else store.round
    else:
        reopening = store.use_round(code)
    if not reopening.closed:
        raise InvalidInput(ROUND_NOT_CLOSED, round=reopening.code)
    later = [r for r in rounds if r.position > reopening.position]
    for other in later:
        if round_rows.has_scores(store, other.code):
            raise InvalidInput(REOPEN_AFTER_LATER_SCORES, round=reopening.code, later=other.code)
    with store.transaction():
        round_rows.write_round_status(store, reopening.code, RoundStatus.OPEN, "")
        if later:
            round_rows.write_roster(store, later[0].code, ())
        store.record_audit(
            actor,
            "reopen",
            f"round:{reopening.code}",
            before={"status": RoundStatus.CLOSED.value, "closed_at": reopening.closed_at},
            after={"status": RoundStatus.OPEN.value},
        )
    store.use_round(None)
    return next(r for r in store.rounds() if r.code == reopening.code)
