"""Use case: import a dossier list exported by a web form tool, with its attachments.

Two steps, so that the user sees what will happen before anything is written:

1. :func:`plan_dossier_import` reads the file and the campaign and says, row by row, what importing
   would do — new, updated (which fields, before and after), unchanged, rejected (with the reasons,
   row and column) — which dossiers of the campaign the file lacks (*missing*: reported, never
   deleted) and which attachment goes to which dossier.  It writes nothing: it is the dry run.
2. :func:`apply_dossier_import` writes a plan in one ``BEGIN IMMEDIATE`` transaction, with progress
   and cancel, an audit entry per updated dossier (before/after of the changed fields) and one for
   the import (source file hash, mapping, references added, attachments stored).  A plan with
   rejected rows is refused unless the user chose to leave those rows out.  Importing the same file
   twice changes nothing the second time.

The mapping used is saved in the campaign and reused by the next import of the same form.  The
plan's types are in :mod:`~selection_desk.services.dossier_import_plan`, the attachments' matching
in :mod:`~selection_desk.services.dossier_attachments`, the report as read in
:mod:`~selection_desk.services.import_report`; long-format score files go through
:mod:`~selection_desk.services.score_import`, and :mod:`~selection_desk.services.import_source`
says which of these a file calls for.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from selection_desk.domain import Dossier
from selection_desk.errors import InvalidInput, Problem, ValidationFailed, define_message
from selection_desk.formats.attachment_matching import DossierKeys, listed_file_names
from selection_desk.formats.cell_values import cell_text
from selection_desk.formats.choice_columns import ChoiceGroup, choice_groups
from selection_desk.formats.column_mapping import (
    ColumnMapping,
    check_mapping,
    detect_mapping,
    fits,
    generated_ref,
    identity_key,
    name_only_key,
    submission_time_column,
)
from selection_desk.formats.column_types import TYPE_SAMPLE_ROWS, detect_column_types
from selection_desk.formats.file_digest import file_sha256
from selection_desk.formats.personal_fields import (
    detect_personal_columns,
    personal_reason_of_header,
)
from selection_desk.formats.shown import LocalNumber
from selection_desk.formats.source_table import SourceRow, SourceTable
from selection_desk.i18n import N_, _
from selection_desk.progress import NO_PROGRESS, Progress
from selection_desk.services.dossier_attachments import plan_attachments, write_attachments
from selection_desk.services.dossier_import_plan import (
    KEEP_LATEST_CHOICE,
    NEW,
    REJECTED,
    REPEATED,
    UNCHANGED,
    UPDATED,
    DossierImportPlan,
    DossierImportReport,
    DossierUpdate,
    FieldChange,
    PlannedRow,
    RepeatChoice,
    RepeatedSubmission,
    RowProblem,
)
from selection_desk.services.workbook_import import refuse_juror_kit
from selection_desk.storage import dossier_import as sql
from selection_desk.storage import state_digest
from selection_desk.storage.store import CampaignStore

MAX_CELL_CHARACTERS = 100_000
"""Excel itself holds at most 32,767 characters in a cell; three times that is a long essay."""
MAX_REF_CHARACTERS = 100
PROGRESS_EVERY = 500

ROW_NUL = define_message(
    "import_row_nul",
    N_(
        "The cell holds a NUL character, which text never contains: the file is damaged here "
        "(or was saved in another encoding)."
    ),
)
ROW_CELL_TOO_LONG = define_message(
    "import_row_cell_too_long",
    N_("The cell holds {length} characters; at most {limit} are accepted."),
)
ROW_EMPTY_REF = define_message("import_row_empty_ref", N_("The reference is empty."))
ROW_REF_TOO_LONG = define_message(
    "import_row_ref_too_long", N_("The reference has {length} characters; at most {limit}.")
)
ROW_EMPTY_NAME = define_message("import_row_empty_name", N_("The name is empty."))
ROW_DUPLICATE_REF = define_message(
    "import_row_duplicate_ref",
    N_("The reference “{ref}” is already used on row {first_row} of the file."),
)
ROW_DUPLICATE_IDENTITY = define_message(
    "import_row_duplicate_identity",
    N_(
        "Same {basis} as row {first_row} (a second submission?): both would get the reference "
        "“{ref}”."
    ),
)
IMPORT_HAS_REJECTED_ROWS = define_message(
    "import_has_rejected_rows",
    N_(
        "{count} row(s) cannot be imported; nothing was changed. Correct the file, or choose "
        "to import the other rows without them."
    ),
)
IMPORT_STALE_PLAN = define_message(
    "import_stale_plan",
    N_("The campaign changed since the preview was made; preview the import again."),
)
CHOICE_SAMPLE_ROWS = 300
"""Option columns are told from answers by their first rows."""
MAX_RESPONDENT_CHARACTERS = 60
"""A field longer than this is an answer, not a name an attachment may be filed under."""
BASIS_EMAIL = N_("e-mail")
BASIS_SUBMITTED = N_("submission time and name")
BASIS_ROW = N_("content")


def saved_mapping(store: CampaignStore) -> ColumnMapping | None:
    value = sql.saved_mapping_json(store)
    if value is None:
        return None
    try:
        return ColumnMapping.from_json(value)
    except InvalidInput:
        return None


def choose_mapping(
    store: CampaignStore, table: SourceTable, given: ColumnMapping | None = None
) -> tuple[ColumnMapping, str]:
    """The given mapping, else the campaign's saved one when it fits the file, else a guess."""
    if given is not None:
        return given, "given"
    saved = saved_mapping(store)
    if saved is not None and fits(saved, table):
        return saved, "saved"
    return detect_mapping(table), "detected"


def plan_dossier_import(
    store: CampaignStore,
    table: SourceTable,
    *,
    mapping: ColumnMapping | None = None,
    attachments: Path | None = None,
    progress: Progress = NO_PROGRESS,
    repeats: RepeatChoice = KEEP_LATEST_CHOICE,
) -> DossierImportPlan:
    """What importing ``table`` (read by :func:`~selection_desk.formats.tabular_sources.
    read_source`) would change; writes nothing."""
    refuse_juror_kit(store)
    chosen, origin = choose_mapping(store, table, mapping)
    check_mapping(chosen, table)
    existing = {dossier.ref: dossier for dossier in store.dossiers()}
    positions = sql.dossier_positions(store)
    planner = _RowPlanner(table, chosen, existing, progress, repeats)
    planner.run()
    next_position = max(positions.values(), default=-1) + 1
    new_positions = dict(positions)
    for dossier in planner.added:
        new_positions[dossier.ref] = next_position
        next_position += 1
    missing = tuple(ref for ref in existing if ref not in planner.seen)
    attachment_plan = None
    if attachments is not None:
        targets = _attachment_targets(planner, existing)
        attachment_plan = plan_attachments(store, attachments, targets, progress)
    columns_personal = personal_columns(table, chosen)
    return DossierImportPlan(
        source=Path(table.file).name,
        path=table.file,
        sha256=file_sha256(Path(table.file)),
        table=table,
        mapping=chosen,
        mapping_origin=origin,
        rows=tuple(planner.rows),
        added=tuple(planner.added),
        updated=tuple(planner.updated),
        unchanged=tuple(planner.unchanged),
        rejected=tuple(planner.rejected),
        missing=missing,
        positions=new_positions,
        attachments=attachment_plan,
        base_audit_hash=store.latest_audit_hash(),
        repeated=tuple(planner.repeated),
        field_types=_field_types(table, chosen, planner),
        personal_columns=columns_personal,
        field_personal=_field_personal(columns_personal, chosen, planner),
    )


def _field_types(
    table: SourceTable, mapping: ColumnMapping, planner: _RowPlanner
) -> dict[str, str]:
    """Each dossier field's type: its column's, ``"choices"`` for option columns read as one."""
    types = detect_column_types(table, mapping.types)
    spelled = {header: column.spelled() for header, column in types.items()}
    spelled.update({group.question: "choices" for group in planner.choices})
    return {name: spelled.get(name, "text") for name in planner.field_order}


def personal_columns(
    table: SourceTable, mapping: ColumnMapping, today: date | None = None
) -> dict[str, str | None]:
    """Each column → why it holds personal data (``None``: it does not), from its header and
    first values; the mapping's choice wins."""
    sample = table.rows[:TYPE_SAMPLE_ROWS]
    samples = {
        header: [cell_text(row.cells[index]) for row in sample if index < len(row.cells)]
        for index, header in enumerate(table.headers)
    }
    return detect_personal_columns(table.headers, samples, today or date.today(), mapping.personal)


def _field_personal(
    columns: Mapping[str, str | None], mapping: ColumnMapping, planner: _RowPlanner
) -> dict[str, bool]:
    """Each dossier field → personal or not: its column's flag; a choices field made of option
    columns by its question (a header saying so, or the mapping)."""
    flags = {header: reason is not None for header, reason in columns.items()}
    for group in planner.choices:
        chosen = mapping.personal.get(group.question)
        flags[group.question] = (
            chosen if chosen is not None else personal_reason_of_header(group.question) is not None
        )
    return {name: flags.get(name, False) for name in planner.field_order}


class _RowPlanner:
    def __init__(
        self,
        table: SourceTable,
        mapping: ColumnMapping,
        existing: Mapping[str, Dossier],
        progress: Progress,
        repeats: RepeatChoice = KEEP_LATEST_CHOICE,
    ) -> None:
        self.table = table
        self.mapping = mapping
        self.existing = existing
        self.progress = progress
        headers = table.headers
        self.ref_index = headers.index(mapping.ref) if mapping.ref else None
        assert mapping.name is not None
        self.name_index = headers.index(mapping.name)
        self.email_index = headers.index(mapping.email) if mapping.email else None
        submitted = submission_time_column(headers)
        self.submitted_index = headers.index(submitted) if submitted else None
        self.choices = choice_fields(table, mapping)
        grouped = {index: group for group in self.choices for index in group.columns}
        summaries = {group.summary for group in self.choices if group.summary is not None}
        self.field_columns: list[tuple[int, str]] = []
        self.choice_fields: list[ChoiceGroup] = []
        self.field_order: list[str] = []
        """Field names in the file's order, a choices field where its first option column is."""
        for index, header in enumerate(headers):
            group = grouped.get(index)
            if group is not None:
                if index == group.columns[0]:
                    self.choice_fields.append(group)
                    self.field_order.append(group.question)
            elif index not in (self.ref_index, self.name_index) and index not in summaries:
                self.field_columns.append((index, header))
                self.field_order.append(header)
        self.attachment_indexes = [headers.index(header) for header in mapping.attachments]
        self.width = len(headers)
        self.rows: list[PlannedRow] = []
        self.added: list[Dossier] = []
        self.updated: list[DossierUpdate] = []
        self.unchanged: list[str] = []
        self.rejected: list[RowProblem] = []
        self.seen: dict[str, int] = {}
        self.listed_files: dict[str, list[str]] = {}
        self.repeated: list[RepeatedSubmission] = []
        self.set_aside: set[int] = set()
        self.later_submission: dict[int, int] = {}
        """Row → its rank among its e-mail's kept rows (from 1): its reference is its own."""
        self._find_repeats(repeats)

    def _find_repeats(self, repeats: RepeatChoice) -> None:
        """The e-mails submitted on several rows, when references are generated from them."""
        if self.ref_index is not None or self.email_index is None:
            return
        by_email: dict[str, list[int]] = {}
        for row in self.table.rows:
            cells = row.cells
            cell = cells[self.email_index] if self.email_index < len(cells) else None
            email = cell_text(cell).strip().casefold()
            if email:
                by_email.setdefault(email, []).append(row.number)
        for email, numbers in by_email.items():
            if len(numbers) < 2:
                continue
            kept = repeats.kept(tuple(numbers))
            self.repeated.append(RepeatedSubmission(email, tuple(numbers), kept))
            self.set_aside.update(number for number in numbers if number not in kept)
            self.later_submission.update((number, rank) for rank, number in enumerate(kept) if rank)

    def run(self) -> None:
        total = len(self.table.rows)
        for done, row in enumerate(self.table.rows):
            if done % PROGRESS_EVERY == 0:
                self.progress.step(done, total, "")
            self._plan_row(row)

    def _header(self, index: int) -> str:
        return self.table.written_headers[index] or self.table.headers[index]

    def _plan_row(self, row: SourceRow) -> None:
        texts = [value.strip() if type(value) is str else cell_text(value) for value in row.cells]
        missing = self.width - len(texts)
        if missing > 0:
            texts.extend([""] * missing)
        problems: list[RowProblem] = []
        if "\x00" in "".join(texts) or max(map(len, texts)) > MAX_CELL_CHARACTERS:
            problems = [
                problem
                for index, text in enumerate(texts)
                if (problem := self._cell_problem(row.number, index, text)) is not None
            ]
        name = texts[self.name_index]
        if row.number in self.set_aside:
            self.rows.append(PlannedRow(row.number, "", name, REPEATED))
            return
        if not name:
            problems.append(RowProblem(row.number, self._header(self.name_index), ROW_EMPTY_NAME))
        ref = self._ref(row.number, texts, name, problems)
        fields = {header: texts[index] for index, header in self.field_columns}
        if self.choice_fields:
            for group in self.choice_fields:
                fields[group.question] = group.value(texts)
            fields = {field: fields[field] for field in self.field_order}
        if ref and not problems:
            first = self.seen.get(ref)
            if first is not None:
                problems.append(self._duplicate(row.number, ref, first, texts))
        if ref and ref not in self.seen:
            self.seen[ref] = row.number
        if problems:
            self.rejected.extend(problems)
            self.rows.append(PlannedRow(row.number, ref, name, REJECTED, tuple(problems)))
            return
        self.listed_files[ref] = [
            listed
            for index in self.attachment_indexes
            for listed in listed_file_names(texts[index])
        ]
        incoming = Dossier(ref, name, fields)
        before = self.existing.get(ref)
        if before is None:
            self.added.append(incoming)
            status = NEW
        else:
            update = _update(before, incoming, row.number)
            if update is None:
                self.unchanged.append(ref)
                status = UNCHANGED
            else:
                self.updated.append(update)
                status = UPDATED
        self.rows.append(PlannedRow(row.number, ref, name, status))

    def _cell_problem(self, number: int, index: int, text: str) -> RowProblem | None:
        if "\x00" in text:
            return RowProblem(number, self._header(index), ROW_NUL)
        if len(text) > MAX_CELL_CHARACTERS:
            return RowProblem(
                number,
                self._header(index),
                ROW_CELL_TOO_LONG,
                {"length": LocalNumber(len(text)), "limit": LocalNumber(MAX_CELL_CHARACTERS)},
            )
        return None

    def _ref(self, number: int, texts: Sequence[str], name: str, problems: list[RowProblem]) -> str:
        if self.ref_index is not None:
            ref = texts[self.ref_index]
            column = self._header(self.ref_index)
            if not ref:
                problems.append(RowProblem(number, column, ROW_EMPTY_REF))
            elif len(ref) > MAX_REF_CHARACTERS:
                problems.append(
                    RowProblem(
                        number,
                        column,
                        ROW_REF_TOO_LONG,
                        {"length": LocalNumber(len(ref)), "limit": LocalNumber(MAX_REF_CHARACTERS)},
                    )
                )
                return ""
            return ref
        email = texts[self.email_index] if self.email_index is not None else ""
        submitted = texts[self.submitted_index] if self.submitted_index is not None else ""
        rank = self.later_submission.get(number)
        if rank is not None:
            # Another submission of an e-mail whose every submission is kept: its own reference,
            # stable as long as its submission time (else its rank) stays.
            email = f"{email}\x1f{submitted or rank}"
        ref = generated_ref(identity_key(email, name, texts, submitted))
        if not email.strip() and ref not in self.existing:
            # A campaign imported when names alone made references keeps its dossiers.
            earlier = generated_ref(name_only_key(name))
            if earlier in self.existing and earlier not in self.seen:
                return earlier
        return ref

    def _duplicate(self, number: int, ref: str, first: int, texts: Sequence[str]) -> RowProblem:
        if self.ref_index is not None:
            return RowProblem(
                number,
                self._header(self.ref_index),
                ROW_DUPLICATE_REF,
                {"ref": ref, "first_row": first},
            )
        email = texts[self.email_index] if self.email_index is not None else ""
        if email.strip():
            basis, index = BASIS_EMAIL, self.email_index
        elif self.submitted_index is not None and texts[self.submitted_index].strip():
            basis, index = BASIS_SUBMITTED, self.submitted_index
        else:
            basis, index = BASIS_ROW, None
        return RowProblem(
            number,
            self._header(index) if index is not None else None,
            ROW_DUPLICATE_IDENTITY,
            {"basis": _(basis), "first_row": first, "ref": ref},
        )


def choice_fields(table: SourceTable, mapping: ColumnMapping) -> tuple[ChoiceGroup, ...]:
    """The multiple choices split into one column per option, each read as one field."""
    roles = mapping.roles()
    taken = [index for index, header in enumerate(table.headers) if header in roles]
    sample = [[cell_text(value) for value in row.cells] for row in table.rows[:CHOICE_SAMPLE_ROWS]]
    return choice_groups(table.headers, sample, taken)


def _keys(dossier: Dossier) -> DossierKeys:
    """What may name ``dossier`` in an attachment's file name; its short answers (a founder's
    name) for the files Google Drive renames after their respondent."""
    respondents = tuple(
        value
        for value in dossier.fields.values()
        if isinstance(value, str) and 3 <= len(value) <= MAX_RESPONDENT_CHARACTERS
    )
    return DossierKeys(dossier.ref, dossier.name, respondents=respondents)


def _attachment_targets(planner: _RowPlanner, existing: Mapping[str, Dossier]) -> list[DossierKeys]:
    """The dossiers attachments may go to once the rows are imported, with the file names each
    row lists."""
    targets = {ref: _keys(dossier) for ref, dossier in existing.items()}
    for dossier in planner.added:
        targets[dossier.ref] = _keys(dossier)
    for update in planner.updated:
        targets[update.after.ref] = _keys(update.after)
    for ref, listed in planner.listed_files.items():
        if ref in targets:
            targets[ref] = replace(targets[ref], listed_files=tuple(listed))
    return list(targets.values())


def _update(before: Dossier, incoming: Dossier, row: int) -> DossierUpdate | None:
    """The dossier once the new export is applied: fields of the file replace those of the
    campaign; fields the file lacks are kept (never lost); their order stays the campaign's."""
    changes: list[FieldChange] = []
    if incoming.name != before.name:
        changes.append(FieldChange(None, before.name, incoming.name))
    merged = dict(before.fields)
    for header, value in incoming.fields.items():
        old = before.fields.get(header)
        if old == value:
            continue
        if old is None and value == "":
            merged[header] = value  # a new, empty column: nothing to report
            continue
        changes.append(FieldChange(header, old, value))
        merged[header] = value
    if not changes:
        return None
    return DossierUpdate(before, Dossier(before.ref, incoming.name, merged), row, tuple(changes))


# --- Applying -----------------------------------------------------------------------------------


def apply_dossier_import(
    store: CampaignStore,
    plan: DossierImportPlan,
    *,
    actor: str,
    skip_rejected: bool = False,
    progress: Progress = NO_PROGRESS,
) -> DossierImportReport:
    """Write ``plan`` in one transaction, or nothing (rejected rows, a cancel, any error)."""
    refuse_juror_kit(store)
    if plan.rejected and not skip_rejected:
        problems = [problem.as_problem(plan.path, plan.table.sheet) for problem in plan.rejected]
        raise ValidationFailed(problems, file=plan.path)
    skipped = plan.rejected_rows if skip_rejected else ()
    if plan.is_empty:
        with store.transaction():
            _check_fresh(store, plan)
            _save_mapping_and_types(store, plan)
        return DossierImportReport(plan, written=False, dry_run=False, skipped_rows=skipped)
    stored_attachments: list[dict[str, str]] = []
    with store.transaction():
        _check_fresh(store, plan)
        dossiers = [*plan.added, *(update.after for update in plan.updated)]
        total = len(dossiers) + (len(plan.attachments.stored) if plan.attachments else 0)
        positions = dict(plan.positions)
        # Thousands of rows: the state digest folds the dossier table once, not row by row.
        with state_digest.bulk_write(store.db, ("dossier",), "1", ()):
            for start in range(0, len(dossiers), PROGRESS_EVERY):
                progress.step(start, total, "")
                store.write_dossiers(dossiers[start : start + PROGRESS_EVERY], positions)
        for update in plan.updated:
            store.record_audit(
                actor,
                "dossier.update",
                f"dossier:{update.after.ref}",
                before=_audit_state(update, before=True),
                after=_audit_state(update, before=False),
            )
        if plan.attachments and plan.attachments.stored:
            stored_attachments = write_attachments(store, plan, progress, len(dossiers), total)
        _save_mapping_and_types(store, plan)
        progress.step(total, total, "")
        store.record_audit(
            actor,
            "import",
            f"import:{plan.source}",
            after={
                "kind": "dossiers",
                "sha256": plan.sha256,
                "mapping": plan.mapping.to_json(),
                "added": [dossier.ref for dossier in plan.added],
                "updated": [update.after.ref for update in plan.updated],
                "unchanged": len(plan.unchanged),
                "missing": list(plan.missing),
                "skipped_rows": list(skipped),
                "attachments": stored_attachments,
            },
        )
    return DossierImportReport(plan, written=True, dry_run=False, skipped_rows=skipped)


def _save_mapping_and_types(store: CampaignStore, plan: DossierImportPlan) -> None:
    """The mapping, reused by the next import, and the fields' types and personal-data flags
    (inside the transaction)."""
    sql.write_setting(store, sql.MAPPING_SETTING, json.dumps(plan.mapping.to_json()))
    sql.write_field_metadata(
        store,
        [
            sql.FieldMetadata(name, kind, plan.field_personal.get(name, False))
            for name, kind in plan.field_types.items()
        ],
    )


def _check_fresh(store: CampaignStore, plan: DossierImportPlan) -> None:
    if store.latest_audit_hash() != plan.base_audit_hash:
        raise InvalidInput(IMPORT_STALE_PLAN)


def _audit_state(update: DossierUpdate, *, before: bool) -> dict[str, Any]:
    state: dict[str, Any] = {}
    fields: dict[str, str | None] = {}
    for change in update.changes:
        value = change.before if before else change.after
        if change.field is None:
            state["name"] = value
        else:
            fields[change.field] = value
    if fields:
        state["fields"] = fields
    return state


def import_dossiers(
    store: CampaignStore,
    source: Path,
    *,
    sheet: str | None = None,
    mapping: ColumnMapping | None = None,
    attachments: Path | None = None,
    actor: str,
    dry_run: bool = False,
    skip_rejected: bool = False,
    progress: Progress = NO_PROGRESS,
    repeats: RepeatChoice = KEEP_LATEST_CHOICE,
) -> DossierImportReport:
    """Read, plan, and (unless ``dry_run``) write — the command line's one call."""
    from selection_desk.formats.tabular_sources import read_source

    table = read_source(source, sheet)
    plan = plan_dossier_import(
        store, table, mapping=mapping, attachments=attachments, progress=progress, repeats=repeats
    )
    if dry_run:
        return DossierImportReport(plan, written=False, dry_run=True)
    return apply_dossier_import(
        store, plan, actor=actor, skip_rejected=skip_rejected, progress=progress
    )


# --- Live preview (the import wizard's mapping page) ------------------------------------------


@dataclass(frozen=True)
class PreviewRow:
    row: PlannedRow
    dossier: Dossier | None
    """``None`` for a rejected row."""


def preview_dossiers(
    table: SourceTable, mapping: ColumnMapping, limit: int = 20
) -> tuple[list[PreviewRow], list[Problem]]:
    """The first ``limit`` rows as ``mapping`` would import them into an empty campaign, or the
    problems of the mapping (nothing to preview)."""
    from selection_desk.formats.column_mapping import mapping_problems

    problems = mapping_problems(mapping, table)
    if problems:
        return [], problems
    sample = replace(table, rows=table.rows[:limit])
    planner = _RowPlanner(sample, mapping, {}, NO_PROGRESS)
    planner.run()
    by_ref = {dossier.ref: dossier for dossier in planner.added}
    return [
        PreviewRow(row, by_ref.get(row.ref) if row.status != REJECTED else None)
        for row in planner.rows
    ], []
