"""Delimited text to rows: the delimiter (``;`` ``,`` tab ``|``, or Excel's ``sep=`` line) that
splits the first records most consistently, the records (a quoted multi-line field is one row, as
in Excel), and the row a byte offset falls in."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence

from selection_desk.errors import Problem, ValidationFailed, define_message
from selection_desk.formats.source_table import MAX_TEXT_BYTES, SourceRow
from selection_desk.i18n import N_

SNIFF_RECORDS = 50


_DELIMITERS = (";", ",", "\t", "|")


BROKEN_QUOTES = define_message(
    "import_broken_quotes",
    N_("A quoted field that starts on row {row} is never closed; the file seems cut short."),
)


_LINE_END = re.compile(rb"\r\n|\r|\n")


def rows_at_offsets(data: bytes, offsets: Sequence[int]) -> list[int]:
    """The row (as a spreadsheet numbers it: a quoted multi-line field is one row) holding each
    byte offset of a delimited text file.  Bytes are read as Latin-1, which keeps every line
    end, quote and delimiter where it is."""
    wanted = sorted(set(offsets))
    lines: dict[int, int] = {}
    line = 1
    ends = _LINE_END.finditer(data)
    end = next(ends, None)
    for offset in wanted:
        while end is not None and end.start() < offset:
            line += 1
            end = next(ends, None)
        lines[offset] = line
    text = data.decode("latin-1")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=detect_delimiter(text))
    rows: dict[int, int] = {}
    pending = sorted(set(lines.values()))
    record = 0
    try:
        for _ in reader:
            record += 1
            while pending and pending[0] <= reader.line_num:
                rows[pending.pop(0)] = record
            if not pending:
                break
    except csv.Error:
        pass
    for physical in pending:
        rows[physical] = record + 1
    return [rows[lines[offset]] for offset in offsets]


def strip_sep_line(text: str) -> tuple[str, str | None]:
    """Excel's ``sep=;`` first line names the delimiter; it is not part of the table."""
    match = re.match(r"\A\ufeff?sep=(.)\r?\n", text)
    if match:
        return text[match.end() :], match.group(1)
    return text.removeprefix("\ufeff"), None


def detect_delimiter(text: str) -> str:
    """The delimiter that splits the first records into the same, largest number of fields."""
    sample = text[: 256 * 1024]
    best = ";"
    best_score = (0, 0, 0)
    for delimiter in _DELIMITERS:
        if delimiter not in sample:
            continue
        widths: list[int] = []
        try:
            reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
            for record in reader:
                if any(field.strip() for field in record):
                    widths.append(len(record))
                if len(widths) >= SNIFF_RECORDS:
                    break
        except csv.Error:
            continue
        # A title line above the header (Drupal Webform's form title) is one field whatever the
        # delimiter: the records are judged from the first one it splits.
        widths = widths[next((i for i, width in enumerate(widths) if width >= 2), len(widths)) :]
        if not widths:
            continue
        consistent = sum(1 for width in widths if width == widths[0])
        score = (consistent * 100 // len(widths), widths[0], -_DELIMITERS.index(delimiter))
        if score > best_score:
            best, best_score = delimiter, score
    return best


def parse_delimited(text: str, delimiter: str, file: str = "") -> list[SourceRow]:
    """Records with their 1-based numbers; a quoted field may span lines (one record).

    Parsed strictly first, which notices a quoted field never closed (a file cut short); a file
    with merely stray quotes inside fields (``1;"x"y``) is then read leniently, as Excel does.
    """
    _raise_field_limit()
    try:
        return _records(text, delimiter, strict=True)
    except _UnclosedQuoteError as error:
        raise ValidationFailed(
            [Problem(BROKEN_QUOTES, {"row": error.row}, file=file, row=error.row)], file=file
        ) from None
    except csv.Error:
        return _records(text, delimiter, strict=False)


class _UnclosedQuoteError(Exception):
    def __init__(self, row: int) -> None:
        super().__init__(row)
        self.row = row


def _records(text: str, delimiter: str, *, strict: bool) -> list[SourceRow]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=strict)
    rows: list[SourceRow] = []
    number = 0
    try:
        for record in reader:
            number += 1
            rows.append(SourceRow(number, tuple(without_trailing_blanks(record))))
    except csv.Error as error:
        if "unexpected end of data" in str(error):
            raise _UnclosedQuoteError(number + 1) from None
        raise
    return rows


def _raise_field_limit() -> None:
    # The default limit (131,072 characters) would stop a long answer with a cryptic error; cell
    # sizes are judged per cell, with their row and column, by the import.
    if csv.field_size_limit() < MAX_TEXT_BYTES:
        csv.field_size_limit(MAX_TEXT_BYTES)


def without_trailing_blanks(record: list[str]) -> list[str]:
    """The record without its empty cells at the end (a trailing delimiter adds none)."""
    end = len(record)
    while end and not record[end - 1]:
        end -= 1
    return record[:end]
