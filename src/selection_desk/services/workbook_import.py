"""Use case: import a campaign workbook into a campaign file — all or nothing, idempotent."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from selection_desk.domain import CampaignData
from selection_desk.errors import InvalidInput, Problem, ValidationFailed, define_message
from selection_desk.formats.file_digest import file_sha256
from selection_desk.i18n import N_
from selection_desk.services.changes import CampaignChanges, diff_campaigns
from selection_desk.services.field_metadata import (
    field_types,
    keep_applicants_texts,
    store_field_types,
    workbook_field_types,
)
from selection_desk.services.op_changes import NOTHING, OpChanges
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
    """The types of the dossier fields new to the campaign, from the workbook's typed cells."""

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
    criterion_positions = {c.code: i for i, c in enumerate(incoming.criteria)}
    dossier_positions = {d.ref: i for i, d in enumerate(incoming.dossiers)}
    with store.transaction():
        if changes.campaign_changed:
            store.write_campaign(incoming.campaign)
        criteria = (
            incoming.criteria if changes.criteria_order_changed else changes.criteria.to_write
        )
        store.write_criteria(criteria, criterion_positions)
        store.write_jurors(changes.jurors.to_write)
        dossiers = incoming.dossiers if changes.dossier_order_changed else changes.dossiers.to_write
        store.write_dossiers(dossiers, dossier_positions)
        store.write_conflicts(changes.conflicts.to_write)
        store.write_assignments(changes.assignments.to_write)
        store.write_reviews(changes.reviews.to_write)
        store.write_scores(changes.scores.to_write)
        store.write_decisions(changes.decisions.to_write)
        store_field_types(store, new_types)
        store.record_audit(
            actor,
            "import",
            f"import:{source}",
            after={"sha256": source_sha256, **changes.summary(), "field_types": new_types},
        )
    return ImportReport(source, changes, written=True, dry_run=False, field_types=new_types)


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
