"""What a dossier import would do, row by row and file by file: the plan that
:func:`~selection_desk.services.dossier_import.plan_dossier_import` makes, the import wizard
shows, :func:`~selection_desk.services.dossier_import.apply_dossier_import` writes and the reports
(:mod:`~selection_desk.services.import_report`, the command line's JSON) describe."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from selection_desk.domain import Dossier
from selection_desk.errors import Problem, render_message
from selection_desk.formats.attachments import RejectedFile
from selection_desk.formats.column_mapping import ColumnMapping
from selection_desk.formats.source_table import SourceTable
from selection_desk.services.op_changes import ATTACHMENTS, DOSSIERS, NOTHING, OpChanges


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
REPEATED = "repeated"
"""A row set aside: an earlier or later submission of the same e-mail was kept instead."""

KEEP_LATEST = "latest"
KEEP_ALL = "all"
KEEP_PICKED = "pick"


@dataclass(frozen=True)
class RepeatChoice:
    """What to do with the submissions of an e-mail seen on several rows (references generated):
    keep the latest (the file's last row), keep all (each its own dossier), or keep the rows
    picked (an e-mail none of whose rows is picked keeps its latest)."""

    keep: str = KEEP_LATEST
    rows: frozenset[int] = frozenset()

    def kept(self, numbers: tuple[int, ...]) -> tuple[int, ...]:
        if self.keep == KEEP_ALL:
            return numbers
        if self.keep == KEEP_PICKED:
            picked = tuple(number for number in numbers if number in self.rows)
            if picked:
                return picked
        return numbers[-1:]


KEEP_LATEST_CHOICE = RepeatChoice()
"""The default: each e-mail's latest submission."""


@dataclass(frozen=True)
class RepeatedSubmission:
    """The rows of one e-mail, and those kept."""

    email: str
    rows: tuple[int, ...]
    kept: tuple[int, ...]


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
    rejected: tuple[RejectedFile, ...] = ()


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
    repeated: tuple[RepeatedSubmission, ...] = ()
    field_types: Mapping[str, str] = field(default_factory=dict)
    """Each dossier field's type (``"money"``, ``"date:DMY"``, ``"choices"``), stored with the
    campaign by the import."""
    personal_columns: Mapping[str, str | None] = field(default_factory=dict)
    """Each column of the file → why it holds personal data (``"e-mail"``, ``"name"``…), ``None``
    when it does not (:mod:`~selection_desk.formats.personal_fields`, the mapping's choice)."""
    field_personal: Mapping[str, bool] = field(default_factory=dict)
    """Each dossier field → whether it holds personal data, stored with the campaign."""

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

    @property
    def set_aside_rows(self) -> tuple[int, ...]:
        """Rows of a repeated e-mail not kept (see :class:`RepeatChoice`)."""
        return tuple(sorted(row for r in self.repeated for row in r.rows if row not in r.kept))


@dataclass(frozen=True)
class DossierImportReport:
    plan: DossierImportPlan
    written: bool
    dry_run: bool
    skipped_rows: tuple[int, ...] = ()

    @property
    def op_changes(self) -> OpChanges:
        """Dossiers and their files (nothing on a dry run)."""
        return DOSSIERS | ATTACHMENTS if self.written else NOTHING
