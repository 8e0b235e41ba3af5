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

The mapping used is saved in the campaign and reused by the next import of the same form.  Long
format score files go through :func:`import_score_file`, which reuses the campaign workbook's own
reading of a Scores sheet, so both are validated the same way.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from selection_desk.domain import CampaignData, Dossier, Review, Score
from selection_desk.errors import (
    InvalidInput,
    Problem,
    ValidationFailed,
    define_message,
    render_message,
)
from selection_desk.formats import attachments as files
from selection_desk.formats.cell_values import cell_text
from selection_desk.formats.column_mapping import (
    ColumnMapping,
    check_mapping,
    detect_mapping,
    fits,
    generated_ref,
    identity_key,
)
from selection_desk.formats.shown import LocalNumber, terminal_safe
from selection_desk.formats.tabular_sources import SourceRow, SourceTable
from selection_desk.i18n import N_, _
from selection_desk.progress import NO_PROGRESS, Progress
from selection_desk.services.importing import ImportReport, apply_campaign_data, refuse_juror_kit
from selection_desk.storage import dossier_import as sql
from selection_desk.storage.audit import now_iso
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
IMPORT_ATTACHMENT_CHANGED = define_message(
    "import_attachment_changed",
    N_("The attachment {file} changed since the preview was made; preview the import again."),
)
BASIS_EMAIL = N_("e-mail")
BASIS_NAME = N_("name")
BASIS_ROW = N_("content")


# --- Plans --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RowProblem:
    row: int
    column: str | None
    code: str
    facts: Mapping[str, Any] = field(default_factory=dict)

    def message(self) -> str:
        return render_message(self.code, self.facts)

    def as_problem(self, file: str, sheet: str | None) -> Problem:
        return Problem(
            self.code, self.facts, file=file, sheet=sheet, row=self.row, column=self.column
        )


@dataclass(frozen=True)
class FieldChange:
    field: str | None
    """The field's header; ``None`` for the dossier's name."""
    before: str | None
    after: str


@dataclass(frozen=True)
class DossierUpdate:
    before: Dossier
    after: Dossier
    row: int
    changes: tuple[FieldChange, ...]


NEW = "new"
UPDATED = "updated"
UNCHANGED = "unchanged"
REJECTED = "rejected"


@dataclass(frozen=True)
class PlannedRow:
    """What happens to one data row of the file (for the preview)."""

    number: int
    ref: str
    name: str
    status: str
    problems: tuple[RowProblem, ...] = ()


@dataclass(frozen=True)
class PlannedAttachment:
    original: str
    ref: str
    file_name: str
    mime_type: str
    size: int
    sha256: str
    matched_by: str
    replaces: bool


@dataclass(frozen=True)
class AttachmentPlan:
    source: str
    path: str
    stored: tuple[PlannedAttachment, ...] = ()
    unchanged: int = 0
    unmatched: tuple[str, ...] = ()
    ambiguous: tuple[tuple[str, tuple[str, ...]], ...] = ()
    rejected: tuple[files.RejectedFile, ...] = ()


@dataclass(frozen=True)
class DossierImportPlan:
    source: str
    """The file's name (reports, audit)."""
    path: str
    sha256: str
    table: SourceTable
    mapping: ColumnMapping
    mapping_origin: str
    """``"given"`` (a mapping file, the wizard), ``"saved"`` (the campaign's) or ``"detected"``."""
    rows: tuple[PlannedRow, ...]
    added: tuple[Dossier, ...]
    updated: tuple[DossierUpdate, ...]
    unchanged: tuple[str, ...]
    rejected: tuple[RowProblem, ...]
    missing: tuple[str, ...]
    positions: Mapping[str, int]
    attachments: AttachmentPlan | None
    base_audit_hash: str
    """The campaign's state the plan was made on: applying it to a changed campaign is refused."""

    @property
    def rejected_rows(self) -> tuple[int, ...]:
        return tuple(sorted({problem.row for problem in self.rejected}))

    @property
    def notes(self) -> tuple[Problem, ...]:
        return self.table.notes

    @property
    def is_empty(self) -> bool:
        attachments = self.attachments
        return not (self.added or self.updated or (attachments and attachments.stored))

    def counts(self) -> dict[str, int]:
        return {
            "rows": len(self.rows),
            "added": len(self.added),
            "updated": len(self.updated),
            "unchanged": len(self.unchanged),
            "rejected": len(self.rejected_rows),
            "missing": len(self.missing),
        }


@dataclass(frozen=True)
class DossierImportReport:
    plan: DossierImportPlan
    written: bool
    dry_run: bool
    skipped_rows: tuple[int, ...] = ()


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


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
) -> DossierImportPlan:
    """What importing ``table`` (read by :func:`~selection_desk.formats.tabular_sources.
    read_source`) would change; writes nothing."""
    refuse_juror_kit(store)
    chosen, origin = choose_mapping(store, table, mapping)
    check_mapping(chosen, table)
    existing = {dossier.ref: dossier for dossier in store.dossiers()}
    positions = sql.dossier_positions(store)
    planner = _RowPlanner(table, chosen, existing, progress)
    planner.run()
    next_position = max(positions.values(), default=-1) + 1
    new_positions = dict(positions)
    for dossier in planner.added:
        new_positions[dossier.ref] = next_position
        next_position += 1
    missing = tuple(ref for ref in existing if ref not in planner.seen)
    attachment_plan = None
    if attachments is not None:
        attachment_plan = _plan_attachments(store, attachments, planner, existing, progress)
    return DossierImportPlan(
        source=Path(table.file).name,
        path=table.file,
        sha256=_file_sha256(Path(table.file)),
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
    )


class _RowPlanner:
    def __init__(
        self,
        table: SourceTable,
        mapping: ColumnMapping,
        existing: Mapping[str, Dossier],
        progress: Progress,
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
        self.field_columns = [
            (index, header)
            for index, header in enumerate(headers)
            if index not in (self.ref_index, self.name_index)
        ]
        self.attachment_indexes = [headers.index(header) for header in mapping.attachments]
        self.width = len(headers)
        self.rows: list[PlannedRow] = []
        self.added: list[Dossier] = []
        self.updated: list[DossierUpdate] = []
        self.unchanged: list[str] = []
        self.rejected: list[RowProblem] = []
        self.seen: dict[str, int] = {}
        self.listed_files: dict[str, list[str]] = {}

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
        if not name:
            problems.append(RowProblem(row.number, self._header(self.name_index), ROW_EMPTY_NAME))
        ref = self._ref(row.number, texts, name, problems)
        fields = {header: texts[index] for index, header in self.field_columns}
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
            for listed in files.listed_file_names(texts[index])
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
        return generated_ref(identity_key(email, name, texts))

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
        elif texts[self.name_index].strip():
            basis, index = BASIS_NAME, self.name_index
        else:
            basis, index = BASIS_ROW, None
        return RowProblem(
            number,
            self._header(index) if index is not None else None,
            ROW_DUPLICATE_IDENTITY,
            {"basis": _(basis), "first_row": first, "ref": ref},
        )


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


# --- Attachments --------------------------------------------------------------------------------


def _stored_name(name: str, mime_type: str) -> str:
    """The sanitised name, with the extension of the content's real type when it lacks it."""
    extension = files.extension_for(mime_type)
    lowered = name.lower()
    aliases = {".jpg": (".jpeg", ".jpe"), ".tif": (".tiff",), ".txt": (".md", ".text", ".tsv")}
    if not extension or lowered.endswith(extension):
        return name
    if any(lowered.endswith(alias) for alias in aliases.get(extension, ())):
        return name
    return files.sanitise_file_name(name + extension)


def _plan_attachments(
    store: CampaignStore,
    path: Path,
    planner: _RowPlanner,
    existing: Mapping[str, Dossier],
    progress: Progress,
) -> AttachmentPlan:
    targets: dict[str, files.DossierKeys] = {
        ref: files.DossierKeys(ref, dossier.name) for ref, dossier in existing.items()
    }
    for dossier in planner.added:
        targets[dossier.ref] = files.DossierKeys(dossier.ref, dossier.name)
    for update in planner.updated:
        targets[update.after.ref] = files.DossierKeys(update.after.ref, update.after.name)
    for ref, listed in planner.listed_files.items():
        if ref in targets:
            targets[ref] = replace(targets[ref], listed_files=tuple(listed))
    fingerprints = sql.attachment_fingerprints(store)
    with files.open_attachment_source(path) as source:
        result = files.match_files(source.files, list(targets.values()))
        rejected = list(source.rejected)
        stored: list[PlannedAttachment] = []
        unchanged = 0
        taken: dict[tuple[str, str], str] = {}
        total = len(result.matches)
        for done, match in enumerate(result.matches):
            progress.step(done, total, match.file.name)
            try:
                content = source.read(match.file)
            except files.DamagedMember as damaged:
                rejected.append(
                    files.RejectedFile(
                        match.file.original, files.FILE_DAMAGED, {"reason": damaged.reason_code}
                    )
                )
                continue
            except OSError as error:
                rejected.append(
                    files.RejectedFile(
                        match.file.original, files.FILE_UNREADABLE, {"reason": str(error)}
                    )
                )
                continue
            sniffed = files.sniff(content, match.file.name)
            if sniffed.mime_type is None:
                if sniffed.refused_kind:
                    kind = _(files.refused_kind_text(sniffed.refused_kind))
                    rejected.append(
                        files.RejectedFile(
                            match.file.original, files.FILE_FORBIDDEN_TYPE, {"kind": kind}
                        )
                    )
                else:
                    rejected.append(
                        files.RejectedFile(match.file.original, files.FILE_UNKNOWN_TYPE)
                    )
                continue
            digest = hashlib.sha256(content).hexdigest()
            name = _free_name(
                _stored_name(match.file.name, sniffed.mime_type), match.ref, digest, taken
            )
            if name is None:
                unchanged += 1  # the same file twice in the source
                continue
            taken[(match.ref, name)] = digest
            current = fingerprints.get((match.ref, name))
            if current == digest:
                unchanged += 1
                continue
            stored.append(
                PlannedAttachment(
                    original=match.file.original,
                    ref=match.ref,
                    file_name=name,
                    mime_type=sniffed.mime_type,
                    size=len(content),
                    sha256=digest,
                    matched_by=match.by,
                    replaces=current is not None,
                )
            )
    return AttachmentPlan(
        source=path.name,
        path=str(path),
        stored=tuple(stored),
        unchanged=unchanged,
        unmatched=tuple(file.original for file in result.unmatched),
        ambiguous=tuple((file.original, refs) for file, refs in result.ambiguous),
        rejected=tuple(rejected),
    )


def _free_name(
    name: str, ref: str, digest: str, taken: Mapping[tuple[str, str], str]
) -> str | None:
    """``name``, or ``name (2)`` … when another file of the same dossier has it; ``None`` when
    that other file is this very content."""
    candidate = name
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    counter = 1
    while (ref, candidate) in taken:
        if taken[(ref, candidate)] == digest:
            return None
        counter += 1
        candidate = f"{stem} ({counter}){'.' + suffix if suffix else ''}"
    return candidate


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
            sql.write_setting(store, sql.MAPPING_SETTING, json.dumps(plan.mapping.to_json()))
        return DossierImportReport(plan, written=False, dry_run=False, skipped_rows=skipped)
    stored_attachments: list[dict[str, str]] = []
    with store.transaction():
        _check_fresh(store, plan)
        dossiers = [*plan.added, *(update.after for update in plan.updated)]
        total = len(dossiers) + (len(plan.attachments.stored) if plan.attachments else 0)
        positions = dict(plan.positions)
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
            stored_attachments = _write_attachments(store, plan, progress, len(dossiers), total)
        sql.write_setting(store, sql.MAPPING_SETTING, json.dumps(plan.mapping.to_json()))
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


def _write_attachments(
    store: CampaignStore, plan: DossierImportPlan, progress: Progress, done: int, total: int
) -> list[dict[str, str]]:
    assert plan.attachments is not None
    written: list[dict[str, str]] = []
    with files.open_attachment_source(Path(plan.attachments.path)) as source:
        by_original = {candidate.original: candidate for candidate in source.files}
        for index, planned in enumerate(plan.attachments.stored):
            progress.step(done + index, total, planned.file_name)
            candidate = by_original.get(planned.original)
            try:
                content = source.read(candidate) if candidate is not None else b""
            except OSError:
                raise InvalidInput(IMPORT_ATTACHMENT_CHANGED, file=planned.original) from None
            if hashlib.sha256(content).hexdigest() != planned.sha256:
                raise InvalidInput(IMPORT_ATTACHMENT_CHANGED, file=planned.original)
            store.write_attachment(planned.ref, planned.file_name, planned.mime_type, content)
            written.append(
                {"dossier": planned.ref, "file": planned.file_name, "sha256": planned.sha256}
            )
    return written


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
) -> DossierImportReport:
    """Read, plan, and (unless ``dry_run``) write — the command line's one call."""
    from selection_desk.formats.tabular_sources import read_source

    table = read_source(source, sheet)
    plan = plan_dossier_import(
        store, table, mapping=mapping, attachments=attachments, progress=progress
    )
    if dry_run:
        return DossierImportReport(plan, written=False, dry_run=True)
    return apply_dossier_import(
        store, plan, actor=actor, skip_rejected=skip_rejected, progress=progress
    )


# --- Reports ------------------------------------------------------------------------------------


def plan_json(report: DossierImportReport) -> dict[str, Any]:
    """The stable JSON form of a dossier import (``selection-desk import … --json``)."""
    plan = report.plan
    table = plan.table
    result: dict[str, Any] = {
        "source": plan.source,
        "kind": "dossiers",
        "dry_run": report.dry_run,
        "written": report.written,
        "sha256": plan.sha256,
        "table": {
            "format": table.kind,
            "sheet": table.sheet,
            "encoding": table.encoding,
            "delimiter": table.delimiter,
            "header_row": table.header_row,
            "columns": list(table.headers),
        },
        "mapping": {**plan.mapping.to_json(), "origin": plan.mapping_origin},
        "counts": plan.counts(),
        "added": [dossier.ref for dossier in plan.added],
        "updated": [
            {
                "ref": update.after.ref,
                "row": update.row,
                "changes": [
                    {"field": change.field, "before": change.before, "after": change.after}
                    for change in update.changes
                ],
            }
            for update in plan.updated
        ],
        "rejected": [
            {
                "row": problem.row,
                "column": problem.column,
                "code": problem.code,
                "message": problem.message(),
            }
            for problem in plan.rejected
        ],
        "skipped_rows": list(report.skipped_rows),
        "missing": list(plan.missing),
        "notes": [
            {"column": note.column, "code": note.code, "message": note.message()}
            for note in plan.notes
        ],
    }
    attachments = plan.attachments
    if attachments is not None:
        result["attachments"] = {
            "source": attachments.source,
            "stored": [
                {
                    "file": planned.original,
                    "dossier": planned.ref,
                    "name": planned.file_name,
                    "type": planned.mime_type,
                    "size": planned.size,
                    "sha256": planned.sha256,
                    "matched_by": planned.matched_by,
                    "replaces": planned.replaces,
                }
                for planned in attachments.stored
            ],
            "unchanged": attachments.unchanged,
            "unmatched": list(attachments.unmatched),
            "ambiguous": [
                {"file": original, "dossiers": list(refs)}
                for original, refs in attachments.ambiguous
            ],
            "rejected": [
                {
                    "file": rejected.original,
                    "code": rejected.code,
                    "message": rejected_file_message(rejected),
                }
                for rejected in attachments.rejected
            ],
        }
    return result


def rejected_file_message(rejected: files.RejectedFile) -> str:
    if rejected.code == files.FILE_DAMAGED:
        reason = files.damage_reason_text(str(rejected.facts.get("reason", "")))
        return render_message(rejected.code, dict(rejected.facts, reason=reason))
    return render_message(rejected.code, rejected.facts)


# --- Score files --------------------------------------------------------------------------------


def is_score_table(table: SourceTable) -> bool:
    from selection_desk.formats.headers import SCORE_COLUMNS, match_headers

    return not match_headers(table.written_headers, SCORE_COLUMNS).missing


def read_score_rows(
    table: SourceTable, data: CampaignData
) -> tuple[tuple[Score, ...], tuple[Review, ...], frozenset[str]]:
    """Scores and reviews of a long-format table, read by the campaign workbook's own reader
    against the campaign's criteria, jurors, dossiers and conflicts (same checks, same
    messages).  Also returns which optional review columns the file has."""
    from selection_desk.formats.headers import SCORE_COLUMNS, SCORES_SHEET, match_headers
    from selection_desk.formats.workbook_reader import read_score_sheet, sorted_problems
    from selection_desk.formats.workbook_tables import ProblemLog, Sheet

    rows: list[tuple[object, ...]] = [()] * table.header_row
    rows[table.header_row - 1] = table.written_headers
    for row in table.rows:
        rows.extend([()] * (row.number - 1 - len(rows)))
        rows.append(row.cells)
    title = table.sheet or Path(table.file).name
    language = "fr" if any(_is_french(header) for header in table.written_headers) else "en"
    sheet = Sheet(SCORES_SHEET, title, language, rows)
    log = ProblemLog(table.file)
    criteria = {criterion.code: criterion for criterion in data.criteria}
    scores, reviews = read_score_sheet(
        sheet,
        log,
        criteria,
        {juror.code for juror in data.jurors},
        {dossier.ref for dossier in data.dossiers},
        data.conflicts,
    )
    if log.problems:
        problems = [_in_the_campaign(problem, table) for problem in sorted_problems(log.problems)]
        raise ValidationFailed(problems, file=table.file)
    present = frozenset(match_headers(table.written_headers, SCORE_COLUMNS).positions)
    return scores, reviews, present


SCORE_UNKNOWN_CRITERION = define_message(
    "score_file_unknown_criterion", N_("The campaign has no criterion “{value}”.")
)
SCORE_UNKNOWN_JUROR = define_message(
    "score_file_unknown_juror", N_("The campaign has no juror “{value}”.")
)
SCORE_UNKNOWN_DOSSIER = define_message(
    "score_file_unknown_dossier", N_("The campaign has no dossier “{value}”.")
)


def _in_the_campaign(problem: Problem, table: SourceTable) -> Problem:
    """A score file's problem as its reader, the campaign workbook's, would not put it: a CSV has
    no sheet (the file is named), and the jurors, dossiers and criteria are the campaign's, not
    sheets of the file."""
    from selection_desk.formats import workbook_reader

    codes = {
        workbook_reader.UNKNOWN_CRITERION: SCORE_UNKNOWN_CRITERION,
        workbook_reader.UNKNOWN_JUROR: SCORE_UNKNOWN_JUROR,
        workbook_reader.UNKNOWN_DOSSIER: SCORE_UNKNOWN_DOSSIER,
    }
    return replace(problem, code=codes.get(problem.code, problem.code), sheet=table.sheet)


def _is_french(header: str) -> bool:
    from selection_desk.formats.headers import SCORE_COLUMNS, normalise_header

    key = normalise_header(header)
    return any(
        key == normalise_header(column.french) and column.french != column.english
        for column in SCORE_COLUMNS
    )


def merge_scores(
    data: CampaignData,
    scores: Sequence[Score],
    reviews: Sequence[Review],
    present: frozenset[str],
    at: str,
) -> CampaignData:
    """The campaign with the file's scores and reviews laid over its own: a changed score gets the
    next revision; a review column the file lacks keeps the campaign's value."""
    current_scores = {(s.juror, s.dossier, s.criterion): s for s in data.scores}
    merged_scores = dict(current_scores)
    for score in scores:
        key = (score.juror, score.dossier, score.criterion)
        before = current_scores.get(key)
        if before is not None and (before.value, before.comment) == (score.value, score.comment):
            continue
        merged_scores[key] = replace(
            score, revision=(before.revision + 1) if before else 1, updated_at=at
        )
    current_reviews = {(r.juror, r.dossier): r for r in data.reviews}
    merged_reviews = dict(current_reviews)
    for review in reviews:
        key2 = (review.juror, review.dossier)
        before_review = current_reviews.get(key2)
        incoming = review
        if before_review is not None:
            if "review_comment" not in present:
                incoming = replace(incoming, comment=before_review.comment)
            if "confidence" not in present:
                incoming = replace(incoming, confidence=before_review.confidence)
            if (incoming.status, incoming.comment, incoming.confidence) == (
                before_review.status,
                before_review.comment,
                before_review.confidence,
            ):
                continue
            incoming = replace(incoming, revision=before_review.revision + 1, updated_at=at)
        else:
            incoming = replace(incoming, updated_at=at)
        merged_reviews[key2] = incoming
    return replace(
        data, scores=tuple(merged_scores.values()), reviews=tuple(merged_reviews.values())
    )


def import_score_table(
    store: CampaignStore,
    table: SourceTable,
    *,
    actor: str,
    dry_run: bool = False,
) -> ImportReport:
    existing = store.campaign_data()
    scores, reviews, present = read_score_rows(table, existing)
    incoming = merge_scores(existing, scores, reviews, present, now_iso())
    return apply_campaign_data(
        store,
        incoming,
        actor=actor,
        source=Path(table.file).name,
        source_sha256=_file_sha256(Path(table.file)),
        dry_run=dry_run,
    )


# --- What kind of file -------------------------------------------------------------------------

WORKBOOK = "workbook"
SCORES = "scores"
DOSSIERS = "dossiers"

OPTIONS_NEED_DOSSIER_LIST = define_message(
    "import_options_need_dossier_list",
    N_(
        "{source} is {kind}: a column mapping and attachments go with a dossier list only "
        "(import the attachments with the dossier list they belong to)."
    ),
)
KIND_NAMES = {WORKBOOK: N_("a campaign workbook"), SCORES: N_("a score file")}


@dataclass(frozen=True)
class DetectedSource:
    kind: str
    """:data:`WORKBOOK`, :data:`SCORES` or :data:`DOSSIERS`."""
    table: SourceTable | None
    """The table read (``None`` for a campaign workbook, which is read as a whole)."""


def detect_source(path: Path, sheet: str | None = None) -> DetectedSource:
    """A campaign workbook (its Campaign or Criteria sheet), a long-format score file (dossier,
    juror, criterion, score columns) or a dossier list (anything else)."""
    from selection_desk.formats.headers import CAMPAIGN_SHEET, CRITERIA_SHEET, SCORES_SHEET, SHEETS
    from selection_desk.formats.tabular_sources import (
        read_source,
        source_kind,
        workbook_sheet_titles,
    )

    if sheet is None and source_kind(path) == "xlsx":
        titles = workbook_sheet_titles(path)
        keys = {SHEETS.key_of(title): title for title in titles}
        if CAMPAIGN_SHEET in keys or CRITERIA_SHEET in keys:
            return DetectedSource(WORKBOOK, None)
        sheet = keys.get(SCORES_SHEET)
    table = read_source(path, sheet)
    return DetectedSource(SCORES if is_score_table(table) else DOSSIERS, table)


def check_options(
    detected: DetectedSource, source: Path, *, mapping: bool, attachments: bool
) -> None:
    if detected.kind != DOSSIERS and (mapping or attachments):
        raise InvalidInput(
            OPTIONS_NEED_DOSSIER_LIST, source=source.name, kind=_(KIND_NAMES[detected.kind])
        )


# --- Text report (command line) -----------------------------------------------------------------

LISTED = 20


def _more(count: int) -> str:
    return _("… and {count} more").format(count=count)


def _column(header: str | None) -> str:
    return f"“{header}”" if header else "—"


def describe_dossier_import(report: DossierImportReport) -> str:
    """The report of a dossier import as a person reads it on a terminal."""
    plan = report.plan
    table = plan.table
    counts = plan.counts()
    lines: list[str] = []
    if report.dry_run:
        lines.append(_("Dry run: nothing was written."))
    elif report.written:
        lines.append(_("Imported {source}.").format(source=plan.source))
    else:
        lines.append(_("{source} is already imported: nothing changed.").format(source=plan.source))
    lines.append(
        "  "
        + _("Read {rows} row(s) below the header on row {header_row} ({details}).").format(
            rows=counts["rows"], header_row=table.header_row, details=_table_details(table)
        )
    )
    origins = {"given": _("given"), "saved": _("saved in the campaign"), "detected": _("detected")}
    lines.append(
        "  "
        + _(
            "Columns ({origin}): reference {ref}, name {name}, e-mail {email}, attachments "
            "{attachments}."
        ).format(
            origin=origins[plan.mapping_origin],
            ref=_column(plan.mapping.ref) if plan.mapping.ref else _("generated"),
            name=_column(plan.mapping.name),
            email=_column(plan.mapping.email),
            attachments=", ".join(_column(h) for h in plan.mapping.attachments) or "—",
        )
    )
    lines.append(
        "  "
        + _(
            "Dossiers: {added} new, {updated} updated, {unchanged} unchanged, {rejected} row(s) "
            "rejected, {missing} only in the campaign (kept)."
        ).format(**counts)
    )
    lines.extend("  " + _("Note: {message}").format(message=note.message()) for note in plan.notes)
    for problem in plan.rejected[:LISTED]:
        where = _("row {row}").format(row=problem.row)
        if problem.column:
            where += ", " + _("column {column}").format(column=problem.column)
        lines.append(
            "  ✗ " + _("{where}: {message}").format(where=where, message=problem.message())
        )
    if len(plan.rejected) > LISTED:
        lines.append("    " + _more(len(plan.rejected) - LISTED))
    for update in plan.updated[:LISTED]:
        changes = "; ".join(
            f"{change.field or _('name')}: “{_short(change.before)}” → “{_short(change.after)}”"
            for change in update.changes
        )
        lines.append(f"  ~ {update.after.ref}: {changes}")
    if len(plan.updated) > LISTED:
        lines.append("    " + _more(len(plan.updated) - LISTED))
    if plan.missing:
        shown = ", ".join(plan.missing[:LISTED])
        lines.append("  " + _("Only in the campaign, kept: {refs}").format(refs=shown))
    if plan.attachments is not None:
        lines.extend(_describe_attachments(plan.attachments))
    if report.skipped_rows:
        lines.append(
            "  " + _("Rows left out: {rows}").format(rows=", ".join(map(str, report.skipped_rows)))
        )
    return "\n".join(terminal_safe(line) for line in lines)


def _short(text: str | None, limit: int = 60) -> str:
    if text is None:
        return ""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _table_details(table: SourceTable) -> str:
    parts = [table.kind.upper()]
    if table.sheet:
        parts.append(_("sheet {sheet}").format(sheet=table.sheet))
    if table.encoding:
        parts.append(_("encoding {encoding}").format(encoding=table.encoding))
    if table.delimiter:
        shown = {"\t": _("tab"), ";": ";", ",": ",", "|": "|"}.get(table.delimiter, table.delimiter)
        parts.append(_("delimiter {delimiter}").format(delimiter=shown))
    return ", ".join(parts)


def _describe_attachments(plan: AttachmentPlan) -> list[str]:
    lines = [
        "  "
        + _(
            "Attachments ({source}): {stored} to store, {unchanged} already stored, "
            "{unmatched} matching no dossier, {refused} refused."
        ).format(
            source=plan.source,
            stored=len(plan.stored),
            unchanged=plan.unchanged,
            unmatched=len(plan.unmatched) + len(plan.ambiguous),
            refused=len(plan.rejected),
        )
    ]
    for planned in plan.stored[:LISTED]:
        lines.append(f"  + {planned.ref}: {planned.file_name} ({planned.mime_type})")
    for original in plan.unmatched[:LISTED]:
        lines.append("  ? " + _("{file}: matches no dossier").format(file=original))
    for original, refs in plan.ambiguous[:LISTED]:
        lines.append(
            "  ? "
            + _("{file}: matches several dossiers ({refs})").format(
                file=original, refs=", ".join(refs)
            )
        )
    for rejected in plan.rejected[:LISTED]:
        lines.append(f"  ✗ {rejected.original}: {rejected_file_message(rejected)}")
    return lines


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
