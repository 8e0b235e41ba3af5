"""The sheets of a workbook as tables of typed rows, with every problem found collected on the way.

This is the spreadsheet half of the workbook import: it finds the sheets by name, the columns by
header, turns cells into text, numbers and vocabulary words, and records each problem with its
sheet, 1-based row and header as written.  What the values mean for a campaign is
:mod:`selection_desk.formats.workbook_reader`'s business.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from selection_desk.errors import Problem, define_message
from selection_desk.formats.cell_values import (
    MAX_MAGNITUDE,
    NUMBER_TOO_LARGE,
    NotANumberError,
    NumberTooLargeError,
    cell_text,
    is_blank,
    parse_integer,
    parse_number,
)
from selection_desk.formats.headers import (
    SETTING_HEADER,
    SHEETS,
    Column,
    Lexicon,
    match_headers,
    normalise_header,
)
from selection_desk.formats.safe_xlsx import NumberFormats, Row
from selection_desk.i18n import N_

MISSING_SHEET = define_message(
    "workbook_missing_sheet", N_("The sheet “{english}” (or “{french}”) is missing.")
)
DUPLICATE_SHEET = define_message(
    "workbook_duplicate_sheet",
    N_("The sheets “{first}” and “{second}” hold the same table; keep only one of them."),
)
MISSING_COLUMN = define_message(
    "workbook_missing_column", N_("The required column “{header}” is missing.")
)
DUPLICATE_COLUMN = define_message(
    "workbook_duplicate_column", N_("The column “{header}” appears more than once.")
)
EMPTY_CELL = define_message("workbook_empty_cell", N_("“{header}” must be filled in."))
NOT_A_NUMBER = define_message("workbook_not_a_number", N_("“{value}” is not a number."))
NOT_AN_INTEGER = define_message("workbook_not_an_integer", N_("“{value}” is not a whole number."))
UNKNOWN_SETTING = define_message(
    "workbook_unknown_setting", N_("“{key}” is not a campaign setting.")
)
DUPLICATE_SETTING = define_message(
    "workbook_duplicate_setting", N_("The setting “{key}” is already given on row {first_row}.")
)


class ProblemLog:
    """Every problem of one file, in the order found."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def add(
        self,
        code: str,
        *,
        sheet: str | None = None,
        row: int | None = None,
        column: str | None = None,
        **facts: Any,
    ) -> None:
        self.problems.append(Problem(code, facts, self.file, sheet, row, column))


@dataclass(frozen=True)
class Sheet:
    key: str
    title: str
    """As written in the workbook."""
    language: str
    """The language of its name: missing columns are named in it."""
    rows: Sequence[Row]
    formats: Mapping[tuple[int, int], str] = field(default_factory=dict)
    """(0-based row, 0-based column) → the number format of a typed cell, where it was read
    (:func:`~selection_desk.formats.safe_xlsx.read_workbook_cells`)."""


def locate_sheets(
    rows_by_title: Mapping[str, Sequence[Row]],
    required: Sequence[str],
    log: ProblemLog,
    formats_by_title: Mapping[str, NumberFormats] | None = None,
) -> dict[str, Sheet]:
    sheets: dict[str, Sheet] = {}
    for title, rows in rows_by_title.items():
        spelling = SHEETS.find(title)
        if spelling is None:
            continue
        if spelling.key in sheets:
            log.add(DUPLICATE_SHEET, sheet=title, first=sheets[spelling.key].title, second=title)
            continue
        formats = (formats_by_title or {}).get(title, {})
        sheets[spelling.key] = Sheet(
            spelling.key, title, spelling.language_of(title), rows, formats
        )
    for key in required:
        if key not in sheets:
            spelling = SHEETS.spelling(key)
            log.add(MISSING_SHEET, english=spelling.english, french=spelling.french)
    return sheets


@dataclass
class TableRow:
    """One data row, read through typed accessors that report problems instead of raising.

    An accessor returns its ``default`` when the cell is empty or its column absent, and also when
    the value is wrong — after reporting it — so that reading goes on and finds every problem.
    """

    log: ProblemLog
    sheet: str
    row_number: int | None
    """1-based; ``None`` for a campaign setting the sheet does not give."""
    cells: Mapping[str, object]
    headers: Mapping[str, str]
    extra: tuple[tuple[str, object], ...] = ()
    """Cells of columns that are not known, as (header as written, value), in column order."""
    extra_formats: tuple[str, ...] = ()
    """The number format of each :attr:`extra` cell (``""``: none, or not read)."""
    faulty: set[str] = field(default_factory=set)

    def report(self, code: str, key: str, **facts: Any) -> None:
        self.faulty.add(key)
        self.log.add(
            code, sheet=self.sheet, row=self.row_number, column=self.headers.get(key), **facts
        )

    def is_sound(self, *keys: str) -> bool:
        """Whether none of ``keys`` had a problem so far."""
        return not self.faulty.intersection(keys)

    def is_empty(self, key: str) -> bool:
        return is_blank(self.cells.get(key))

    def text(self, key: str, required: bool = False) -> str:
        if required and self._missing(key):
            return ""
        return cell_text(self.cells.get(key))

    def number(
        self, key: str, default: float | None = None, required: bool = False
    ) -> float | None:
        if self.is_empty(key):
            if required:
                self._missing(key)
            return default
        value = self.cells[key]
        try:
            return parse_number(value)
        except NumberTooLargeError:
            self.report(NUMBER_TOO_LARGE, key, value=cell_text(value), limit=MAX_MAGNITUDE)
        except NotANumberError:
            self.report(NOT_A_NUMBER, key, value=cell_text(value))
        return default

    def integer(self, key: str, default: int | None = None) -> int | None:
        if self.is_empty(key):
            return default
        value = self.cells[key]
        try:
            return parse_integer(value)
        except NumberTooLargeError:
            self.report(NUMBER_TOO_LARGE, key, value=cell_text(value), limit=MAX_MAGNITUDE)
        except NotANumberError:
            self.report(NOT_AN_INTEGER, key, value=cell_text(value))
        return default

    def word(self, key: str, lexicon: Lexicon, unknown_code: str, default: str) -> str:
        """The key of the vocabulary word in the cell; a word not in ``lexicon`` is reported
        with ``unknown_code``.  Excel's TRUE/FALSE cells read as the words true/false."""
        if self.is_empty(key):
            return default
        text = cell_text(self.cells[key])
        found = lexicon.key_of(text)
        if found is None:
            self.report(unknown_code, key, value=text)
            return default
        return found

    def _missing(self, key: str) -> bool:
        """Reports an empty required cell; a missing column was reported once already."""
        if key in self.headers and self.is_empty(key):
            self.report(EMPTY_CELL, key, header=self.headers[key])
            return True
        return key not in self.headers


def read_table(
    sheet: Sheet | None, columns: Sequence[Column], log: ProblemLog, extras_allowed: bool = False
) -> tuple[TableRow, ...]:
    """The data rows of ``sheet`` below its header row (its first non-empty row).

    Known columns are found whatever their order.  With ``extras_allowed`` (the Dossiers sheet),
    every other column is kept in :attr:`TableRow.extra` — a second column named like a known one
    included; otherwise they are ignored, but a known column given twice is a problem.
    """
    if sheet is None:
        return ()
    rows = _filled_rows(sheet)
    header = rows[0][1] if rows else ()
    match = match_headers(header, columns)
    for column in match.missing:
        name = column.written(sheet.language)
        log.add(MISSING_COLUMN, sheet=sheet.title, column=name, header=name)
    extra_columns = _extra_columns(match.unknown, match.duplicates, extras_allowed)
    _report_duplicate_columns(sheet, match.duplicates, extra_columns, extras_allowed, log)
    return tuple(
        TableRow(
            log,
            sheet.title,
            number,
            {key: _cell(row, index) for key, index in match.positions.items()},
            match.written,
            tuple((header_text, _cell(row, index)) for index, header_text in extra_columns),
            _formats(sheet, number, extra_columns),
        )
        for number, row in rows[1:]
    )


def _formats(sheet: Sheet, number: int, columns: Sequence[tuple[int, str]]) -> tuple[str, ...]:
    """The number formats of row ``number`` (1-based) in ``columns``, when the sheet has any."""
    if not sheet.formats:
        return ()
    return tuple(sheet.formats.get((number - 1, index), "") for index, _header in columns)


def _extra_columns(
    unknown: Sequence[tuple[int, str]],
    duplicates: Sequence[tuple[int, str]],
    extras_allowed: bool,
) -> list[tuple[int, str]]:
    if not extras_allowed:
        return []
    return sorted([*unknown, *duplicates])


def _report_duplicate_columns(
    sheet: Sheet,
    duplicates: Sequence[tuple[int, str]],
    extra_columns: Sequence[tuple[int, str]],
    extras_allowed: bool,
    log: ProblemLog,
) -> None:
    repeated = list(duplicates) if not extras_allowed else []
    seen: set[str] = set()
    for index, header_text in extra_columns:
        if header_text in seen:
            repeated.append((index, header_text))
        seen.add(header_text)
    for _, header_text in sorted(repeated):
        log.add(DUPLICATE_COLUMN, sheet=sheet.title, column=header_text, header=header_text)


def read_settings(sheet: Sheet | None, settings: Lexicon, log: ProblemLog) -> dict[str, TableRow]:
    """The key | value rows of the Campaign sheet, by setting key; its header row is optional.

    The problems of a setting are located in the key's row, with the key as written as column.
    """
    if sheet is None:
        return {}
    found: dict[str, TableRow] = {}
    rows = _filled_rows(sheet)
    if rows and _is_setting_header(rows[0][1]):
        rows = rows[1:]
    for number, row in rows:
        key_text, value = cell_text(_cell(row, 0)), _cell(row, 1)
        key = settings.key_of(key_text)
        if key is None:
            log.add(UNKNOWN_SETTING, sheet=sheet.title, row=number, column=key_text, key=key_text)
        elif key in found:
            first_row = found[key].row_number
            log.add(
                DUPLICATE_SETTING,
                sheet=sheet.title,
                row=number,
                column=key_text,
                key=key_text,
                first_row=first_row,
            )
        else:
            found[key] = TableRow(log, sheet.title, number, {key: value}, {key: key_text})
    return found


def _is_setting_header(row: Row) -> bool:
    key_header, value_header = SETTING_HEADER
    return normalise_header(_cell(row, 0)) in key_header.accepted() and (
        normalise_header(_cell(row, 1)) in value_header.accepted()
    )


def _cell(row: Row, index: int) -> object:
    return row[index] if index < len(row) else None


def _filled_rows(sheet: Sheet) -> list[tuple[int, Row]]:
    """(1-based row number, row) of the rows holding anything."""
    return [
        (number, row)
        for number, row in enumerate(sheet.rows, start=1)
        if not all(is_blank(value) for value in row)
    ]
