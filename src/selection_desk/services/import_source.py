"""Which import a file calls for: a campaign workbook, a long-format score file or a dossier
list."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from selection_desk.errors import InvalidInput, define_message
from selection_desk.formats.source_table import SourceTable
from selection_desk.i18n import N_, _
from selection_desk.services.score_import import is_score_table

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
