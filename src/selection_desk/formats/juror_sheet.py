"""The Excel scoring sheet: one workbook per juror, for jurors who score without the app.

The juror's dossiers (assigned, not conflicted, in the campaign's order) are rows; the criteria are
columns whose cells accept only a number on the criterion's scale and step (Excel data validation),
with the rubric as a note on each header and as a legend sheet; the last two columns take the
juror's private comment (for the committee only) and the feedback for the applicant (which reaches a
letter only once the secretary approves it).  The structure is protected (only the score, comment
and feedback cells can be edited; sheets cannot be added, removed or renamed), and a very hidden
sheet identifies the campaign, the juror, the sheet's format version and this very sheet (an id
and the time it was made), plus a fingerprint of the criteria's scales: reading it back
(:func:`read_juror_sheet`) and importing it (``services.juror_sheets``) check all of these, like a
ballot's.

The juror's scores already in the campaign are filled in, so a sheet always shows the juror's
current work.  Applicant text is always written as text, never as a formula.  This module writes
and reads one workbook; ``services.juror_sheets`` gathers each juror's content from the campaign
file.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation

from selection_desk.domain import (
    Campaign,
    Criterion,
    Dossier,
    Juror,
    Review,
    Score,
)
from selection_desk.errors import Problem, ValidationFailed, define_message
from selection_desk.formats.cell_values import NotANumberError, cell_text, is_blank, parse_number
from selection_desk.formats.file_digest import file_sha256
from selection_desk.formats.safe_xlsx import read_sheet_rows
from selection_desk.formats.workbook_writer import put_text_safely, save_workbook_atomically
from selection_desk.i18n import N_, _, format_number, language
from selection_desk.labels import scale_text

SHEET_FORMAT = "selection-desk-juror-sheet"
SHEET_VERSION = 1
META_SHEET = "selection_desk"
HEADER_ROW = 5
FIRST_ROW = HEADER_ROW + 1
_STEP_TOLERANCE = "0.000001"

COMMENT_LABEL = N_("Private comment (committee only, never sent)")
FEEDBACK_LABEL = N_("Feedback for the applicant (approved by the secretary before any letter)")
"""The two free texts' labels, on the Excel and on the printed sheet alike."""

SHEET_NOT_A_SCORING_SHEET = define_message(
    "sheet_not_a_scoring_sheet",
    N_("{file} is not a Selection Desk scoring sheet (its hidden identification is missing)."),
)
SHEET_NEWER_VERSION = define_message(
    "sheet_newer_version",
    N_(
        "{file} was made by a newer version of Selection Desk (sheet format {found}); update "
        "Selection Desk to import it."
    ),
)
SHEET_NOT_A_NUMBER = define_message(
    "sheet_not_a_number", N_("{value} is not a number (criterion {criterion}).")
)
SHEET_DUPLICATE_ROW = define_message(
    "sheet_duplicate_row", N_("Dossier {ref} appears twice in the sheet.")
)


@dataclass(frozen=True)
class JurorSheetContent:
    """What one juror's sheet is made from (``services.juror_sheets`` gathers it)."""

    campaign: Campaign
    criteria: tuple[Criterion, ...]
    juror: Juror
    dossiers: tuple[Dossier, ...]
    issued_at: str
    """When the sheet was made (the audit's time format): a sheet older than one already imported
    for the juror is refused."""
    scores: tuple[Score, ...] = ()
    reviews: tuple[Review, ...] = ()
    sheet_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    round_uid: str = ""
    """The round the sheet is for (design §10); "" in a sheet made before rounds."""


@dataclass(frozen=True)
class SheetScore:
    criterion: str
    value: float
    row: int
    column: str


@dataclass(frozen=True)
class SheetEntry:
    ref: str
    row: int
    scores: tuple[SheetScore, ...]
    comment: str
    feedback: str = ""

    @property
    def is_empty(self) -> bool:
        return not self.scores and not self.comment and not self.feedback


@dataclass(frozen=True)
class JurorSheet:
    """A scoring sheet read back: its identification and the juror's entries, not yet validated
    against the campaign (``services.juror_sheets`` does that)."""

    file: str
    sheet_title: str
    campaign_uid: str
    juror: str
    sheet_id: str
    issued_at: str
    criteria_fingerprint: str
    entries: tuple[SheetEntry, ...]
    sha256: str
    problems: tuple[Problem, ...] = ()
    round_uid: str = ""
    """The round the sheet was made for; "": a sheet made before rounds (the first round)."""
    """Cells that cannot be read (text where a number is expected, a row twice): reported with
    the campaign's own checks, so that the user sees every problem at once."""


def criteria_fingerprint(criteria: tuple[Criterion, ...]) -> str:
    """Which criteria, on which scales: a sheet made before these changed cannot be imported."""
    shape = [[c.code, c.scale_min, c.scale_max, c.step] for c in criteria]
    return hashlib.sha256(json.dumps(shape).encode()).hexdigest()[:16]


# -- writing ---------------------------------------------------------------------------------


def sheet_file_name(juror: str, language_code: str, suffix: str = ".xlsx") -> str:
    """The juror's sheet's file name (``.pdf`` for the printable sheet)."""
    import re

    safe = re.sub(r"[^\w-]+", "_", juror, flags=re.ASCII).strip("_")[:60] or "juror"
    stem = "fiche-de-notation" if language_code == "fr" else "scoring-sheet"
    return f"{stem}-{safe}{suffix}"


_THIN = Side(style="thin", color="A6A6A6")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_INPUT_FILL = PatternFill("solid", fgColor="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")
_LOCKED_FILL = PatternFill("solid", fgColor="F2F2F2")


def _number(value: float) -> str:
    return format_number(value, decimals=None)


def _validation(criterion: Criterion, cell: str) -> DataValidation:
    """Only a number on the scale and its step; formulas use the file's own '.' decimals."""
    low, high, step = (
        repr(float(v)) for v in (criterion.scale_min, criterion.scale_max, criterion.step)
    )
    parts = [f"ISNUMBER({cell})", f"{cell}>={low}", f"{cell}<={high}"]
    if criterion.step > 0:
        steps = f"({cell}-{low})/{step}"
        parts.append(f"ABS({steps}-ROUND({steps},0))<{_STEP_TOLERANCE}")
    validation = DataValidation(
        type="custom",
        formula1=f"AND({','.join(parts)})",
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="stop",
        errorTitle=_("Score not accepted"),
        error=_("Type a number from {scale}.").format(scale=scale_text(criterion)),
        showInputMessage=True,
        promptTitle=criterion.label[:32],
        prompt=scale_text(criterion)[:255],
    )
    return validation


def _rubric_note(criterion: Criterion) -> str:
    lines = [criterion.label, scale_text(criterion)]
    if criterion.description:
        lines.append(criterion.description)
    for level in criterion.levels:
        text = f"{_number(level.value)} — {level.label}"
        if level.descriptor:
            text += f": {level.descriptor}"
        lines.append(text)
    return "\n".join(lines)


def write_juror_sheet(content: JurorSheetContent, path: Path, language_code: str) -> None:
    """Write one juror's scoring sheet in ``language_code`` ("fr" or "en")."""
    with language(language_code):
        workbook = _build_workbook(content)
    save_workbook_atomically(workbook, Path(path))


def _build_workbook(content: JurorSheetContent) -> Workbook:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Scoring sheet")[:31]
    criteria = content.criteria
    comment_column = 3 + len(criteria)
    feedback_column = comment_column + 1
    bold = Font(bold=True)
    put_text_safely(sheet.cell(row=1, column=1), content.campaign.name).font = Font(
        bold=True, size=14
    )
    put_text_safely(
        sheet.cell(row=2, column=1),
        _("Juror: {name} ({code})").format(name=content.juror.name, code=content.juror.code),
    ).font = bold
    put_text_safely(
        sheet.cell(row=3, column=1),
        _(
            "Type one score per white cell (the scale of each criterion is in its header; its "
            "rubric in the header's note and on the sheet {legend}), then send this file back "
            "as it is: Selection Desk reads it back."
        ).format(legend=_("Rubric")),
    )
    headers = [_("Reference"), _("Dossier")]
    headers += [f"{c.label}\n{scale_text(c)}" for c in criteria]
    headers += [_(COMMENT_LABEL), _(FEEDBACK_LABEL)]
    for column, header in enumerate(headers, start=1):
        cell = put_text_safely(sheet.cell(row=HEADER_ROW, column=column), header)
        cell.font = bold
        cell.fill = _HEADER_FILL
        cell.border = _BORDER
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for offset, criterion in enumerate(criteria):
        note = Comment(_rubric_note(criterion), "Selection Desk")
        note.width, note.height = 320, 40 + 18 * (len(criterion.levels) + 3)
        sheet.cell(row=HEADER_ROW, column=3 + offset).comment = note
    scores = {(s.dossier, s.criterion): s for s in content.scores}
    reviews = {r.dossier: r for r in content.reviews}
    last_row = FIRST_ROW + len(content.dossiers) - 1
    for row, dossier in enumerate(content.dossiers, start=FIRST_ROW):
        for column, value in ((1, dossier.ref), (2, dossier.name)):
            cell = put_text_safely(sheet.cell(row=row, column=column), value)
            cell.fill = _LOCKED_FILL
            cell.border = _BORDER
        for offset, criterion in enumerate(criteria):
            cell = sheet.cell(row=row, column=3 + offset)
            score = scores.get((dossier.ref, criterion.code))
            if score is not None:
                cell.value = score.value
            cell.protection = Protection(locked=False)
            cell.fill = _INPUT_FILL
            cell.border = _BORDER
            cell.alignment = Alignment(horizontal="center")
        review = reviews.get(dossier.ref)
        _put_free_text(sheet.cell(row=row, column=comment_column), review.comment if review else "")
        _put_free_text(
            sheet.cell(row=row, column=feedback_column), review.feedback if review else ""
        )
    if content.dossiers:
        for offset, criterion in enumerate(criteria):
            letter = get_column_letter(3 + offset)
            validation = _validation(criterion, f"{letter}{FIRST_ROW}")
            validation.add(f"{letter}{FIRST_ROW}:{letter}{last_row}")
            sheet.add_data_validation(validation)
    sheet.column_dimensions["A"].width = 12
    sheet.column_dimensions["B"].width = 32
    for offset in range(len(criteria)):
        sheet.column_dimensions[get_column_letter(3 + offset)].width = 14
    sheet.column_dimensions[get_column_letter(comment_column)].width = 45
    sheet.column_dimensions[get_column_letter(feedback_column)].width = 45
    sheet.row_dimensions[HEADER_ROW].height = 48
    sheet.freeze_panes = sheet.cell(row=FIRST_ROW, column=3)
    last_column = get_column_letter(feedback_column)
    sheet.merge_cells(f"A3:{last_column}3")
    sheet["A3"].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.row_dimensions[3].height = 45
    # Printed (some jurors print it): landscape, one page wide, the header on every page.
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    _protect(sheet)
    _write_legend(workbook, content)
    _write_meta(workbook, content, sheet.title, comment_column)
    workbook.security = WorkbookProtection(lockStructure=True)
    return workbook


def _put_free_text(cell: Any, value: str) -> None:
    """A cell the juror writes freely in (the comment, the feedback): unlocked, wrapped."""
    put_text_safely(cell, value)
    cell.protection = Protection(locked=False)
    cell.border = _BORDER
    cell.alignment = Alignment(wrap_text=True, vertical="top")


def _protect(sheet: Any) -> None:
    """Only unlocked cells can change; columns and rows may still be resized."""
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False
    sheet.protection.selectLockedCells = False
    sheet.protection.selectUnlockedCells = False


def _write_legend(workbook: Workbook, content: JurorSheetContent) -> None:
    legend = workbook.create_sheet(_("Rubric")[:31])
    headers = [_("Criterion"), _("Weight"), _("Scale"), _("Value"), _("Level"), _("Descriptor")]
    bold = Font(bold=True)
    for column, header in enumerate(headers, start=1):
        cell = put_text_safely(legend.cell(row=1, column=column), header)
        cell.font = bold
        cell.fill = _HEADER_FILL
    row = 2
    for criterion in content.criteria:
        put_text_safely(legend.cell(row=row, column=1), criterion.label).font = bold
        legend.cell(row=row, column=2).value = criterion.weight
        put_text_safely(legend.cell(row=row, column=3), scale_text(criterion))
        if criterion.description:
            put_text_safely(legend.cell(row=row, column=6), criterion.description)
        row += 1
        for level in criterion.levels:
            legend.cell(row=row, column=4).value = level.value
            put_text_safely(legend.cell(row=row, column=5), level.label)
            put_text_safely(legend.cell(row=row, column=6), level.descriptor)
            row += 1
    for letter, width in zip("ABCDEF", (32, 9, 22, 8, 20, 70), strict=True):
        legend.column_dimensions[letter].width = width
    legend.freeze_panes = "A2"
    _protect(legend)


def _write_meta(
    workbook: Workbook, content: JurorSheetContent, title: str, comment_column: int
) -> None:
    meta = workbook.create_sheet(META_SHEET)
    columns = {c.code: 3 + i for i, c in enumerate(content.criteria)}
    values: list[tuple[str, str | int]] = [
        ("format", SHEET_FORMAT),
        ("version", SHEET_VERSION),
        ("campaign_uid", content.campaign.uid),
        ("juror", content.juror.code),
        ("sheet_id", content.sheet_id),
        ("round_uid", content.round_uid),
        ("issued_at", content.issued_at),
        ("criteria", criteria_fingerprint(content.criteria)),
        ("sheet", title),
        ("first_row", FIRST_ROW),
        ("rows", len(content.dossiers)),
        ("comment_column", comment_column),
        ("feedback_column", comment_column + 1),
        ("columns", json.dumps(columns, sort_keys=True)),
    ]
    for row, (key, value) in enumerate(values, start=1):
        put_text_safely(meta.cell(row=row, column=1), key)
        put_text_safely(meta.cell(row=row, column=2), value)
    meta.sheet_state = "veryHidden"
    _protect(meta)


# -- reading ---------------------------------------------------------------------------------


def _meta_values(rows: list[tuple[object, ...]]) -> dict[str, str]:
    return {
        cell_text(row[0]): cell_text(row[1]) for row in rows if len(row) >= 2 and row[0] is not None
    }


def read_juror_sheet(path: Path) -> JurorSheet:
    """Read a scoring sheet back.  A file that is no scoring sheet raises ``ValidationFailed``;
    unreadable cells are listed in :attr:`JurorSheet.problems`."""
    path = Path(path)
    file = path.name
    sheets = read_sheet_rows(path, lambda title: True)
    not_ours = ValidationFailed([Problem(SHEET_NOT_A_SCORING_SHEET, {"file": file}, file=file)])
    if META_SHEET not in sheets:
        raise not_ours
    meta = _meta_values(sheets[META_SHEET])
    if meta.get("format") != SHEET_FORMAT:
        raise not_ours
    try:
        version = int(float(meta.get("version", "")))
        first_row = int(float(meta["first_row"]))
        row_count = int(float(meta["rows"]))
        comment_column = int(float(meta["comment_column"]))
        # Sheets made before the feedback had its own column have no feedback to read.
        feedback_column = int(float(meta.get("feedback_column", "0")))
        columns: dict[str, int] = json.loads(meta["columns"])
        title = meta["sheet"]
    except (KeyError, ValueError, TypeError):
        raise not_ours from None
    if version > SHEET_VERSION:
        raise ValidationFailed(
            [Problem(SHEET_NEWER_VERSION, {"file": file, "found": version}, file=file)]
        )
    if title not in sheets or not isinstance(columns, dict):
        raise not_ours
    rows = sheets[title]
    problems: list[Problem] = []
    entries: list[SheetEntry] = []
    seen: set[str] = set()
    for row_number in range(first_row, first_row + row_count):
        cells = rows[row_number - 1] if row_number - 1 < len(rows) else ()
        entry = _read_entry(
            cells, row_number, columns, (comment_column, feedback_column), title, file, problems
        )
        if entry is None:
            continue
        if entry.ref in seen:
            problems.append(
                Problem(
                    SHEET_DUPLICATE_ROW, {"ref": entry.ref}, file=file, sheet=title, row=row_number
                )
            )
        seen.add(entry.ref)
        entries.append(entry)
    return JurorSheet(
        file=file,
        sheet_title=title,
        campaign_uid=meta.get("campaign_uid", ""),
        juror=meta.get("juror", ""),
        sheet_id=meta.get("sheet_id", ""),
        issued_at=meta.get("issued_at", ""),
        criteria_fingerprint=meta.get("criteria", ""),
        entries=tuple(entries),
        sha256=file_sha256(path),
        problems=tuple(problems),
        round_uid=meta.get("round_uid", ""),
    )


def _cell(cells: tuple[object, ...], column: int) -> object:
    return cells[column - 1] if 0 < column <= len(cells) else None


def _read_entry(
    cells: tuple[object, ...],
    row: int,
    columns: dict[str, int],
    text_columns: tuple[int, int],
    title: str,
    file: str,
    problems: list[Problem],
) -> SheetEntry | None:
    ref = cell_text(_cell(cells, 1))
    if not ref:
        return None
    scores: list[SheetScore] = []
    for code, column in columns.items():
        value = _cell(cells, int(column))
        if is_blank(value):
            continue
        letter = get_column_letter(int(column))
        try:
            number = parse_number(value)
        except NotANumberError:
            problems.append(
                Problem(
                    SHEET_NOT_A_NUMBER,
                    {"value": cell_text(value), "criterion": code},
                    file=file,
                    sheet=title,
                    row=row,
                    column=letter,
                )
            )
            continue
        scores.append(SheetScore(code, number, row, letter))
    comment_column, feedback_column = text_columns
    comment = cell_text(_cell(cells, comment_column))
    feedback = cell_text(_cell(cells, feedback_column))
    return SheetEntry(ref, row, tuple(scores), comment, feedback)
