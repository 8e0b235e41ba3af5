"""The table every tabular source becomes (:class:`SourceTable`): the header row found among the
first rows, blank columns and rows dropped, repeated or blank headers renamed with a note; and
what the readers share — their failures, their size limits, the choice of a workbook's sheet."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from selection_desk.errors import Problem, ValidationFailed, define_message
from selection_desk.formats.cell_values import cell_text, is_blank
from selection_desk.formats.form_tools import FormExport, detect_form_export
from selection_desk.formats.shown import LocalNumber
from selection_desk.i18n import N_

MAX_TEXT_BYTES = 200 * 1024 * 1024
"""The largest CSV/TXT file read (a 100,000-row export with long answers is ~150 MB)."""


HEADER_SEARCH_ROWS = 10
"""A title row or two may sit above the header; the header is searched among the first rows."""


SOURCE_MISSING = define_message("import_source_missing", N_("The file does not exist."))


SOURCE_UNREADABLE = define_message(
    "import_source_unreadable", N_("The file cannot be read (permission denied or not a file).")
)


SOURCE_EMPTY = define_message("import_source_empty", N_("The file is empty."))


NO_ROWS = define_message("import_no_rows", N_("The file holds no table: every cell is empty."))


NO_DATA_ROWS = define_message(
    "import_no_data_rows", N_("The file holds a header row only, without any row below it.")
)


UNKNOWN_SHEET = define_message(
    "import_unknown_sheet", N_("The workbook has no sheet named “{sheet}” (it has: {sheets}).")
)


DUPLICATE_HEADER = define_message(
    "import_duplicate_header",
    N_("The column “{header}” appears more than once; its later copies are kept as “{renamed}”."),
)


BLANK_HEADER = define_message(
    "import_blank_header",
    N_("A column without a header holds data; it is kept as “{renamed}”."),
)


Cell = object


class SourceRow(NamedTuple):
    number: int
    """1-based row number as a spreadsheet program shows it (a multi-line CSV record is one row)."""
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class SourceTable:
    """One table of a file: its header and its data rows (blank rows dropped)."""

    file: str
    kind: str
    """``"csv"``, ``"xlsx"``, ``"ods"`` or ``"html"``."""
    headers: tuple[str, ...]
    """Header texts, unique: a repeated or blank header is renamed (see :attr:`notes`)."""
    written_headers: tuple[str, ...]
    """Header texts as the file writes them."""
    rows: tuple[SourceRow, ...]
    header_row: int
    sheet: str | None = None
    sheets: tuple[str, ...] = ()
    """Every sheet of a workbook that holds something (to choose another one)."""
    encoding: str | None = None
    delimiter: str | None = None
    notes: tuple[Problem, ...] = ()
    """Things the import should tell the user (renamed headers)."""
    tool: FormExport | None = None
    """The form tool whose export shape was recognised (``None``: a generic table)."""

    @property
    def header_rows(self) -> int:
        """How many rows the header takes (a form tool may stack several)."""
        return self.tool.header_rows if self.tool else 1

    def column(self, header: str) -> int:
        return self.headers.index(header)

    def values(self, header: str) -> Iterator[Cell]:
        index = self.column(header)
        for row in self.rows:
            yield row.cells[index] if index < len(row.cells) else None

    def cell(self, row: SourceRow, header: str) -> Cell:
        index = self.column(header)
        return row.cells[index] if index < len(row.cells) else None


def source_failure(code: str, file: str, **facts: Any) -> ValidationFailed:
    """The refusal of a whole file: one problem naming it."""
    return ValidationFailed([Problem(code, facts, file=file)], file=file)


def build_table(
    file: str,
    kind: str,
    numbered_rows: Sequence[SourceRow],
    *,
    sheet: str | None = None,
    sheets: tuple[str, ...] = (),
    encoding: str | None = None,
    delimiter: str | None = None,
    notes: Sequence[Problem] = (),
) -> SourceTable:
    """The table of ``numbered_rows``: blank rows dropped, the header row found among the first
    :data:`HEADER_SEARCH_ROWS`, empty columns dropped, headers made unique (with a note)."""
    filled = [row for row in numbered_rows if not all(is_blank(value) for value in row.cells)]
    if not filled:
        raise ValidationFailed([Problem(NO_ROWS, {}, file=file, sheet=sheet)], file=file)
    tool = detect_form_export([row.cells for row in filled], HEADER_SEARCH_ROWS)
    if tool is None:
        header_index, header_rows = _header_index(filled), 1
    else:
        header_index, header_rows = tool.first, tool.header_rows
    header = filled[header_index]
    header_texts = tool.headers if tool else tuple(cell_text(value) for value in header.cells)
    data = filled[header_index + header_rows :]
    if not data:
        raise ValidationFailed(
            [Problem(NO_DATA_ROWS, {}, file=file, sheet=sheet, row=header.number)], file=file
        )
    width = max(len(row.cells) for row in filled[header_index:])
    written = header_texts + ("",) * (width - len(header_texts))
    used = _used_columns(data, width)
    headers, header_notes = _unique_headers(written, used, file, sheet, header.number)
    keep = [index for index in range(width) if written[index] or used[index]]
    if len(keep) != width:
        headers = tuple(headers[index] for index in keep)
        written = tuple(written[index] for index in keep)
        data = [SourceRow(row.number, _pick(row.cells, keep)) for row in data]
    return SourceTable(
        file=file,
        kind=kind,
        headers=headers,
        written_headers=written,
        rows=tuple(data),
        header_row=header.number,
        sheet=sheet,
        sheets=sheets,
        encoding=encoding,
        delimiter=delimiter,
        notes=(*notes, *header_notes),
        tool=tool,
    )


def _pick(cells: tuple[Cell, ...], keep: Sequence[int]) -> tuple[Cell, ...]:
    return tuple(cells[index] if index < len(cells) else None for index in keep)


def _header_index(filled: Sequence[SourceRow]) -> int:
    """The first row at least half as wide as the widest of the first rows: a title line above
    the header (“Export of 12/03/2025”) is skipped."""
    counts = [
        sum(1 for value in row.cells if not is_blank(value)) for row in filled[:HEADER_SEARCH_ROWS]
    ]
    widest = max(counts)
    for index, count in enumerate(counts):
        if count * 2 >= widest:
            return index
    return 0


def _used_columns(rows: Sequence[SourceRow], width: int) -> list[bool]:
    used = [False] * width
    for row in rows:
        for index, value in enumerate(row.cells):
            if not used[index] and not is_blank(value):
                used[index] = True
    return used


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA: how spreadsheets name columns."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def _unique_headers(
    written: Sequence[str], used: Sequence[bool], file: str, sheet: str | None, row: int
) -> tuple[tuple[str, ...], list[Problem]]:
    headers: list[str] = []
    notes: list[Problem] = []
    seen: dict[str, int] = {}
    for index, text in enumerate(written):
        letter = column_letter(index)
        if not text:
            renamed = f"[{letter}]"
            if used[index]:
                notes.append(Problem(BLANK_HEADER, {"renamed": renamed}, file, sheet, row, letter))
            headers.append(renamed)
            continue
        key = text.casefold()
        if key in seen:
            seen[key] += 1
            renamed = f"{text} ({seen[key]})"
            while renamed.casefold() in seen:
                seen[key] += 1
                renamed = f"{text} ({seen[key]})"
            seen[renamed.casefold()] = 1
            notes.append(
                Problem(
                    DUPLICATE_HEADER, {"header": text, "renamed": renamed}, file, sheet, row, text
                )
            )
            headers.append(renamed)
        else:
            seen[key] = 1
            headers.append(text)
    return tuple(headers), notes


def choose_sheet(
    file: str, kind: str, rows_by_title: dict[str, list[tuple[object, ...]]], sheet: str | None
) -> SourceTable:
    """The table of ``sheet`` among a workbook's sheets (default: the first holding anything)."""
    filled = tuple(
        title
        for title, rows in rows_by_title.items()
        if any(not all(is_blank(value) for value in row) for row in rows)
    )
    if sheet is not None and sheet not in rows_by_title:
        raise source_failure(UNKNOWN_SHEET, file, sheet=sheet, sheets=", ".join(rows_by_title))
    chosen = sheet if sheet is not None else (filled[0] if filled else None)
    if chosen is None:
        raise source_failure(NO_ROWS, file)
    numbered = [
        SourceRow(number, tuple(row)) for number, row in enumerate(rows_by_title[chosen], start=1)
    ]
    return build_table(file, kind, numbered, sheet=chosen, sheets=filled or (chosen,))


class TooManyCellsError(Exception):
    """A workbook read row by row went past the cell budget (:func:`size_limits`)."""


def size_limits() -> dict[str, int]:
    """The size and cell limits a too large workbook is refused with (the XLSX ones)."""
    from selection_desk.formats import safe_xlsx

    return {
        "limit": LocalNumber(safe_xlsx.MAX_UNCOMPRESSED_BYTES // (1024 * 1024)),
        "cells": LocalNumber(safe_xlsx.MAX_CELLS),
    }
