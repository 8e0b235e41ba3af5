"""Use case: import a campaign workbook into a campaign file — all or nothing, idempotent.

A workbook with a Rounds sheet (design §10) writes a campaign in several rounds: the campaign
file's rounds become the workbook's, matched by position (a round the file lacks is added; one the
workbook lacks is refused, a round is never deleted), then each round's criteria, assignments,
scores, reviews and decisions are written into it, in order, and a round the workbook says is
closed is closed as the app closes it — which writes the next round's roster, the dossiers that go
on.  The workbook carries no roster of its own: a later round's dossiers are those the rounds before
it passed on, so importing a campaign's export gives back the same rosters.  A round that is closed
in the file and open in the workbook is refused (reopening is the secretary's, audited).
Everything is one transaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from selection_desk.domain import CampaignData, Round, RoundData, Score, as_one_round
from selection_desk.errors import InvalidInput, Problem, ValidationFailed, define_message
from selection_desk.formats.file_digest import file_sha256
from selection_desk.i18n import N_
from selection_desk.services.changes import (
    CampaignChanges,
    EntityChanges,
    combined_changes,
    diff_campaigns,
)
from selection_desk.services.field_metadata import (
    field_types,
    keep_applicants_texts,
    store_field_types,
    workbook_field_types,
)
from selection_desk.services.op_changes import NOTHING, OpChanges
from selection_desk.services.rounds import close_within
from selection_desk.storage import rounds as round_rows
from selection_desk.storage.kits import is_juror_kit
from selection_desk.storage.store import CampaignStore

OTHER_CAMPAIGN = define_message(
    "workbook_of_other_campaign",
    N_(
        "This workbook belongs to another campaign (uid {incoming}) than the open file "
        "(uid {existing}); import it into a new campaign file instead."
    ),
)
NEW_CONFLICT_WITH_SCORES = define_message(
    "new_conflict_with_scores",
    N_(
        "Juror {juror} already scored dossier {dossier}; a conflict of interest cannot be "
        "declared on a scored dossier without removing those scores first."
    ),
)

ROUNDS_MISSING_IN_WORKBOOK = define_message(
    "workbook_rounds_missing",
    N_(
        "The campaign file has {file_count} rounds and the workbook's Rounds sheet {count}: a "
        "round is never deleted by an import; list every round of the file in the sheet."
    ),
)
ROUND_ELSEWHERE_IN_FILE = define_message(
    "workbook_round_elsewhere",
    N_(
        "Round {round} is round {position} of the workbook's Rounds sheet but another round of "
        "the campaign file: list the rounds in the file's order."
    ),
)
ROUND_CLOSED_IN_FILE = define_message(
    "workbook_round_closed_in_file",
    N_(
        "Round {round} is closed in the campaign file but open in the workbook: reopen it in "
        "the app first, or mark it closed in the Rounds sheet."
    ),
)
IMPORT_INTO_KIT = define_message(
    "import_into_kit",
    N_(
        "{path} is a juror kit: a kit takes its juror's scores only. Import into the "
        "secretary's campaign file, then make the kits again."
    ),
)


def refuse_juror_kit(store: CampaignStore) -> None:
    """Imports belong to the campaign file: a kit is one juror's copy, remade from it."""
    if is_juror_kit(store):
        raise InvalidInput(IMPORT_INTO_KIT, path=str(store.path))


@dataclass(frozen=True)
class ImportReport:
    source: str
    changes: CampaignChanges
    written: bool
    dry_run: bool
    field_types: Mapping[str, str] = field(default_factory=dict)

    @property
    def op_changes(self) -> OpChanges:
        """What the import wrote (nothing on a dry run)."""
        return self.changes.op_changes if self.written else NOTHING


def _check_belongs(existing: CampaignData, incoming: CampaignData, source: str) -> CampaignData:
    """A workbook with another uid may only fill an empty campaign file (it then takes its uid)."""
    incoming_uid = incoming.campaign.uid
    if not incoming_uid or incoming_uid == existing.campaign.uid:
        return replace(incoming, campaign=replace(incoming.campaign, uid=existing.campaign.uid))
    if existing.dossiers or existing.scores:
        raise ValidationFailed(
            [
                Problem(
                    OTHER_CAMPAIGN,
                    {"incoming": incoming_uid, "existing": existing.campaign.uid},
                    file=source,
                )
            ]
        )
    return incoming


def _check_new_conflicts(existing: CampaignData, changes: CampaignChanges, source: str) -> None:
    scored = {(s.juror, s.dossier) for s in existing.scores}
    problems = [
        Problem(NEW_CONFLICT_WITH_SCORES, {"juror": c.juror, "dossier": c.dossier}, file=source)
        for c in changes.conflicts.added
        if (c.juror, c.dossier) in scored
    ]
    if problems:
        raise ValidationFailed(problems)


def apply_campaign_data(
    store: CampaignStore,
    incoming: CampaignData,
    *,
    actor: str,
    source: str,
    source_sha256: str | None = None,
    dry_run: bool = False,
) -> ImportReport:
    """Write what ``incoming`` adds or changes, in one transaction; ``source`` names it for the
    report and the audit log."""
    refuse_juror_kit(store)
    if incoming.rounds:
        return _apply_rounds(store, incoming, actor, source, source_sha256, dry_run)
    existing = store.campaign_data()
    incoming = _check_belongs(existing, incoming, source)
    # A typed cell (a number, a date) holding a field's value keeps the applicant's text.
    dossiers = keep_applicants_texts(existing.dossiers, incoming.dossiers, field_types(store))
    incoming = replace(incoming, dossiers=dossiers)
    changes = diff_campaigns(existing, incoming)
    _check_new_conflicts(existing, changes, source)
    new_types = workbook_field_types(store, incoming)
    if dry_run or (changes.is_empty and not new_types):
        return ImportReport(source, changes, written=False, dry_run=dry_run, field_types=new_types)
    with store.transaction():
        _write_changes(store, incoming, changes)
        store_field_types(store, new_types)
        _record_import(store, actor, source, source_sha256, changes, new_types)
    return ImportReport(source, changes, written=True, dry_run=False, field_types=new_types)


def _write_changes(store: CampaignStore, incoming: CampaignData, changes: CampaignChanges) -> None:
    """Writes ``changes`` (the store's current round's part, and what every round shares)."""
    criterion_positions = {c.code: i for i, c in enumerate(incoming.criteria)}
    dossier_positions = {d.ref: i for i, d in enumerate(incoming.dossiers)}
    if changes.campaign_changed:
        store.write_campaign(incoming.campaign)
    criteria = incoming.criteria if changes.criteria_order_changed else changes.criteria.to_write
    store.write_criteria(criteria, criterion_positions)
    store.write_jurors(changes.jurors.to_write)
    dossiers = incoming.dossiers if changes.dossier_order_changed else changes.dossiers.to_write
    store.write_dossiers(dossiers, dossier_positions)
    store.write_conflicts(changes.conflicts.to_write)
    store.write_assignments(changes.assignments.to_write)
    store.write_reviews(changes.reviews.to_write)
    store.write_scores(changes.scores.to_write)
    store.write_decisions(changes.decisions.to_write)


def _record_import(
    store: CampaignStore,
    actor: str,
    source: str,
    source_sha256: str | None,
    changes: CampaignChanges,
    new_types: Mapping[str, str],
) -> None:
    store.record_audit(
        actor,
        "import",
        f"import:{source}",
        after={"sha256": source_sha256, **changes.summary(), "field_types": new_types},
    )


def _rounds_fit(store: CampaignStore, wanted: tuple[RoundData, ...]) -> EntityChanges[Round]:
    """How the file's rounds change (added; settings changed or closed); refuses a workbook with
    fewer rounds than the file, or that has open a round the file has closed."""
    existing = store.rounds()
    if len(existing) > len(wanted):
        raise InvalidInput(ROUNDS_MISSING_IN_WORKBOOK, file_count=len(existing), count=len(wanted))
    codes = [have.code for have in existing]
    for position, (have, part) in enumerate(zip(existing, wanted, strict=False), start=1):
        code = part.round.code
        if code != have.code and code in codes:  # the rounds are matched by position
            raise InvalidInput(ROUND_ELSEWHERE_IN_FILE, round=code, position=position)
        if have.closed and not part.round.closed:
            raise InvalidInput(ROUND_CLOSED_IN_FILE, round=have.code)
    matched = list(zip(existing, (part.round for part in wanted), strict=False))  # by position
    changed = tuple(value for have, value in matched if _settings(have) != _settings(value))
    added = tuple(part.round for part in wanted[len(existing) :])
    return EntityChanges(added, changed, unchanged=len(matched) - len(changed))


def _settings(value: Round) -> tuple[object, ...]:
    return (
        value.code, value.name, value.kind, value.places, value.method, value.weight,
        value.date, value.status,
    )  # fmt: skip


def _apply_rounds(
    store: CampaignStore,
    incoming: CampaignData,
    actor: str,
    source: str,
    source_sha256: str | None,
    dry_run: bool,
) -> ImportReport:
    """A workbook with a Rounds sheet (module doc)."""
    shown = store.round.code
    round_changes = _rounds_fit(store, incoming.rounds)
    store.use_round(store.rounds()[0].code)
    first = store.campaign_data()  # the first round takes every dossier
    shared = _check_belongs(first, replace(incoming, rounds=()), source)
    dossiers = keep_applicants_texts(first.dossiers, shared.dossiers, field_types(store))
    shared = replace(shared, dossiers=dossiers)
    new_types = workbook_field_types(store, shared)
    if dry_run:
        parts = _round_changes(store, shared, incoming.rounds)
        store.use_round(shown)
        changes = combined_changes(parts, round_changes)
        return ImportReport(source, changes, written=False, dry_run=True, field_types=new_types)
    try:
        with store.transaction():
            parts = _write_rounds(store, shared, incoming.rounds, actor, source)
            changes = combined_changes(parts, round_changes)
            if changes.is_empty and not new_types:
                raise _NothingToWrite(changes)  # rolled back: the file stays byte for byte
            store_field_types(store, new_types)
            _record_import(store, actor, source, source_sha256, changes, new_types)
    except _NothingToWrite as nothing:
        store.use_round(shown)
        return ImportReport(source, nothing.changes, written=False, dry_run=False)
    store.use_round(None)
    return ImportReport(source, changes, written=True, dry_run=False, field_types=new_types)


class _NothingToWrite(Exception):
    """Ends an import that changes nothing (its transaction is rolled back)."""

    def __init__(self, changes: CampaignChanges) -> None:
        super().__init__()
        self.changes = changes


def _round_changes(
    store: CampaignStore, shared: CampaignData, wanted: tuple[RoundData, ...]
) -> list[CampaignChanges]:
    """What each round would change, against the file as it is (a dry run)."""
    existing = store.rounds()
    parts = []
    for index, part in enumerate(wanted):
        if index < len(existing):
            store.use_round(existing[index].code)
            have = store.campaign_data()
        else:
            have = as_one_round(shared, RoundData(part.round))  # a round to add: empty
        base = shared if index == 0 else have
        parts.append(diff_campaigns(have, as_one_round(base, part)))
    return parts


def _every_score(store: CampaignStore) -> tuple[Score, ...]:
    """The scores of every round (the store's current round changes)."""
    scores: list[Score] = []
    for value in store.rounds():
        store.use_round(value.code)
        scores += store.scores()
    return tuple(scores)


def _write_rounds(
    store: CampaignStore,
    shared: CampaignData,
    wanted: tuple[RoundData, ...],
    actor: str,
    source: str,
) -> list[CampaignChanges]:
    """Inside the caller's transaction: each round set up, written and, when the workbook says
    so, closed — in order, since closing a round writes the next one's roster."""
    existing = store.rounds()
    for index, part in enumerate(wanted):  # every round first: closing one fills the next
        value = part.round
        if index >= len(existing):
            round_rows.insert_round(store, value)
        elif _settings(existing[index]) != _settings(value):
            round_rows.write_round_identity(store, existing[index].code, value)
    parts = []
    for index, part in enumerate(wanted):
        value = part.round
        current = store.use_round(value.code)
        have = store.campaign_data()
        # The first round writes what every round shares; a later one only its own part.
        incoming = as_one_round(shared if index == 0 else have, part)
        changes = diff_campaigns(have, incoming)
        if changes.conflicts.added:  # a conflict is declared for every round: none has scored
            _check_new_conflicts(replace(have, scores=_every_score(store)), changes, source)
            store.use_round(value.code)
        _write_changes(store, incoming, changes)
        if value.closed and not current.closed:
            _close_as_the_workbook_says(store, current, actor, source)
        parts.append(changes)
    return parts


def _close_as_the_workbook_says(
    store: CampaignStore, closing: Round, actor: str, source: str
) -> None:
    """Close ``closing`` as the workbook's Rounds sheet asks; a round that cannot close (a tie at
    its line, a departure without its reason) is a problem of the workbook, named with it."""
    try:
        close_within(store, closing, actor)
    except InvalidInput as refused:
        raise ValidationFailed([Problem(refused.code, refused.facts, file=source)]) from None


def import_campaign_workbook(
    store: CampaignStore, source: Path, *, actor: str, dry_run: bool = False
) -> ImportReport:
    """Read, validate (every problem at once), then write in one transaction — or nothing."""
    from selection_desk.formats.campaign_workbook import read_campaign_workbook

    incoming = read_campaign_workbook(source)
    return apply_campaign_data(
        store,
        incoming,
        actor=actor,
        source=source.name,
        source_sha256=file_sha256(source),
        dry_run=dry_run,
    )
