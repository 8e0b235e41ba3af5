"""Reading the cells of a workbook that came from anywhere: e-mail, a USB stick, a web form tool.

Before openpyxl parses anything, the file is checked: it must be a zip archive (not a CSV renamed
``.xlsx``, not an old ``.xls``, not a password-protected workbook, which Excel stores as an
encrypted OLE container), and the sizes its members declare must stay within the limits below.
Checking the declared sizes is enough: :mod:`zipfile` never inflates a member beyond its declared
size.  XML entity tricks are refused by defusedxml, which openpyxl uses whenever it is installed.

Cells are read in read-only mode with cached values: a formula yields the value Excel last computed
for it, or nothing; it is never evaluated.  Every failure is one :class:`ValidationFailed` naming
the file.  For the sheets a caller asks (:func:`read_workbook_cells`), the number format of each
number or date cell is read too: a percentage is the fraction 0.125 shown as “12.5 %”, an amount a
number shown with its currency, and only the format tells them apart.
"""

from __future__ import annotations

import contextlib
import threading
import warnings
import zipfile
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import IO, Any

from defusedxml import DefusedXmlException
from openpyxl import load_workbook
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from selection_desk.errors import Problem, ValidationFailed, define_message
from selection_desk.formats.shown import LocalNumber
from selection_desk.i18n import N_

MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
"""The most all members of the archive may expand to."""
MAX_COMPRESSION_RATIO = 200
"""Real spreadsheets compress 5 to 50 times; zip bombs thousands of times."""
RATIO_CHECKED_ABOVE_BYTES = 1024 * 1024
"""Tiny members (styles, a one-cell sheet) may legitimately compress very well."""
MAX_MEMBERS = 10_000
MAX_CELLS = 5_000_000
"""Cells kept from the wanted sheets: a sparse row reaching column XFD counts 16,384 of them."""

_ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06")
_OLE_SIGNATURE = bytes.fromhex("d0cf11e0a1b11ae1")
_ENCRYPTED_STREAM_NAME = "EncryptedPackage".encode("utf-16-le")
_SCAN_CHUNK_BYTES = 1024 * 1024

Row = tuple[object, ...]
NumberFormats = dict[tuple[int, int], str]
"""(0-based row, 0-based column) → the number format of a number or date cell whose format is
not ``General``."""

WORKBOOK_MISSING = define_message("workbook_missing", N_("The file does not exist."))
WORKBOOK_UNREADABLE = define_message(
    "workbook_unreadable", N_("The file cannot be read (permission denied or not a file).")
)
WORKBOOK_EMPTY = define_message("workbook_empty", N_("The file is empty."))
WORKBOOK_NOT_XLSX = define_message(
    "workbook_not_xlsx",
    N_("The file is not an Excel workbook (.xlsx); in a spreadsheet program, save it as .xlsx."),
)
WORKBOOK_LEGACY_XLS = define_message(
    "workbook_legacy_xls",
    N_(
        "The file is in the old Excel format (.xls); open it in Excel or LibreOffice and save it "
        "as .xlsx."
    ),
)
WORKBOOK_ENCRYPTED = define_message(
    "workbook_encrypted",
    N_("The workbook is protected by a password; save a copy without a password and use that."),
)
WORKBOOK_CORRUPT = define_message(
    "workbook_corrupt", N_("The workbook is damaged and cannot be read.")
)
WORKBOOK_TOO_LARGE = define_message(
    "workbook_too_large",
    N_(
        "The workbook is too large to import (limits: {limit} MB uncompressed, {cells} cells); "
        "it was not opened."
    ),
)
WORKBOOK_SUSPICIOUS = define_message(
    "workbook_suspicious",
    N_(
        "The workbook contains a part ({member}) that expands {ratio} times, as malicious files "
        "do; it was not opened."
    ),
)
WORKBOOK_FORBIDDEN_XML = define_message(
    "workbook_forbidden_xml",
    N_(
        "The workbook contains XML declarations that are refused for safety (entities, DTD); it "
        "was not opened."
    ),
)


class _TooManyCellsError(Exception):
    pass


def read_sheet_rows(path: Path, wanted: Callable[[str], bool]) -> dict[str, list[Row]]:
    """The rows of each sheet whose title ``wanted`` accepts, by title, in the workbook's order.

    Rows are tuples of cell values without trailing empty cells; trailing empty rows are dropped;
    row ``i`` of the list is spreadsheet row ``i + 1``.
    """
    return read_workbook_cells(path, wanted)[0]


def read_workbook_cells(
    path: Path, wanted: Callable[[str], bool], formatted: Callable[[str], bool] = lambda _: False
) -> tuple[dict[str, list[Row]], dict[str, NumberFormats]]:
    """:func:`read_sheet_rows`, and for each sheet ``formatted`` accepts, the number formats of
    its number and date cells (reading them costs time: only the sheets that need them)."""
    file = str(path)
    try:
        with path.open("rb") as handle:
            _check_container(handle, file)
            return _load_rows(handle, file, wanted, formatted)
    except FileNotFoundError:
        raise _failure(WORKBOOK_MISSING, file) from None
    except OSError:
        raise _failure(WORKBOOK_UNREADABLE, file) from None


def _failure(code: str, file: str, **facts: Any) -> ValidationFailed:
    return ValidationFailed([Problem(code, facts, file=file)], file=file)


def _check_container(handle: IO[bytes], file: str) -> None:
    signature = handle.read(8)
    if not signature:
        raise _failure(WORKBOOK_EMPTY, file)
    if signature.startswith(_OLE_SIGNATURE):
        encrypted = _contains(handle, _ENCRYPTED_STREAM_NAME)
        raise _failure(WORKBOOK_ENCRYPTED if encrypted else WORKBOOK_LEGACY_XLS, file)
    if not signature.startswith(_ZIP_SIGNATURES):
        raise _failure(WORKBOOK_NOT_XLSX, file)
    handle.seek(0)
    try:
        with zipfile.ZipFile(handle) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise _failure(WORKBOOK_CORRUPT, file) from None
    _check_members(members, file)
    handle.seek(0)


def _contains(handle: IO[bytes], needle: bytes) -> bool:
    """Whether the file holds ``needle``: an OLE directory names its streams in UTF-16."""
    handle.seek(0)
    tail = b""
    scanned = 0
    while scanned < MAX_UNCOMPRESSED_BYTES:
        chunk = handle.read(_SCAN_CHUNK_BYTES)
        if not chunk:
            return False
        if needle in tail + chunk:
            return True
        tail = chunk[-len(needle) :]
        scanned += len(chunk)
    return False


def _check_members(members: Iterable[zipfile.ZipInfo], file: str) -> None:
    total = 0
    names: set[str] = set()
    for count, member in enumerate(members, start=1):
        total += member.file_size
        if count > MAX_MEMBERS or total > MAX_UNCOMPRESSED_BYTES:
            raise _failure(WORKBOOK_TOO_LARGE, file, **_limits())
        if member.file_size > RATIO_CHECKED_ABOVE_BYTES:
            ratio = member.file_size / max(member.compress_size, 1)
            if ratio > MAX_COMPRESSION_RATIO:
                raise _failure(
                    WORKBOOK_SUSPICIOUS,
                    file,
                    member=member.filename,
                    ratio=LocalNumber(round(ratio)),
                )
        names.add(member.filename)
    if "[Content_Types].xml" not in names:
        raise _failure(WORKBOOK_NOT_XLSX, file)


def _limits() -> dict[str, int]:
    return {
        "limit": LocalNumber(MAX_UNCOMPRESSED_BYTES // (1024 * 1024)),
        "cells": LocalNumber(MAX_CELLS),
    }


_SIZING = threading.Lock()


def _unsized(sheet: object) -> None:
    """The sheet's declared size left unread (see :func:`_without_sizing_pass`)."""


@contextlib.contextmanager
def _without_sizing_pass() -> Iterator[None]:
    """Load a workbook without openpyxl's sizing pass over each sheet.

    A read-only sheet learns its size as the workbook loads (``ReadOnlyWorksheet._get_size``)
    by reading its XML up to a ``<dimension>`` element; in a sheet without one — Google Sheets'
    downloads, where most form answers come from, and openpyxl's own write-only files — that
    reading goes through to the end of the sheet, a whole parse before the real one.  We throw
    the size away anyway (:func:`_sheet_rows` resets it and reads what is there): skipping the
    pass took a quarter off importing 5,000 rows of such a file.  Only while our own loads run,
    one at a time; an openpyxl without that method loads as it is.
    """
    sizing = ReadOnlyWorksheet.__dict__.get("_get_size")
    if sizing is None:
        yield
        return
    with _SIZING:
        ReadOnlyWorksheet._get_size = _unsized
        try:
            yield
        finally:
            ReadOnlyWorksheet._get_size = sizing


def _load_rows(
    handle: IO[bytes], file: str, wanted: Callable[[str], bool], formatted: Callable[[str], bool]
) -> tuple[dict[str, list[Row]], dict[str, NumberFormats]]:
    # openpyxl raises whatever its parser meets (KeyError, TypeError, ParseError …) on a malformed
    # part: each of them means the same to the user, a damaged workbook.  Its warnings are about
    # features we do not read (data validation, extensions) and would only clutter the output.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            with _without_sizing_pass():
                workbook = load_workbook(handle, read_only=True, data_only=True, keep_links=False)
        except Exception as error:
            raise _unreadable(error, file) from error
        try:
            budget = _CellBudget()
            rows: dict[str, list[Row]] = {}
            formats: dict[str, NumberFormats] = {}
            for sheet in workbook.worksheets:
                if not wanted(sheet.title):
                    continue
                if formatted(sheet.title):
                    formats[sheet.title] = {}
                    rows[sheet.title] = budget.keep(_formatted_rows(sheet, formats[sheet.title]))
                else:
                    rows[sheet.title] = budget.keep(_sheet_rows(sheet))
            return rows, formats
        except _TooManyCellsError:
            raise _failure(WORKBOOK_TOO_LARGE, file, **_limits()) from None
        except Exception as error:
            raise _unreadable(error, file) from error
        finally:
            workbook.close()


def _unreadable(error: BaseException, file: str) -> ValidationFailed:
    """Refused XML (openpyxl wraps defusedxml's error in its own) or else a damaged workbook."""
    cause: BaseException | None = error
    while cause is not None:
        if isinstance(cause, DefusedXmlException):
            return _failure(WORKBOOK_FORBIDDEN_XML, file)
        cause = cause.__cause__ or cause.__context__
    return _failure(WORKBOOK_CORRUPT, file)


class _CellBudget:
    def __init__(self) -> None:
        self.left = MAX_CELLS

    def spend(self, cells: int) -> None:
        self.left -= max(cells, 1)
        if self.left < 0:
            raise _TooManyCellsError

    def keep(self, rows: Iterable[Row]) -> list[Row]:
        kept: list[Row] = []
        for row in rows:
            self.spend(len(row))
            kept.append(row)
        while kept and not any(value is not None for value in kept[-1]):
            kept.pop()
        return kept


def _sheet_rows(sheet: Any) -> Iterable[Row]:
    # The dimension a file declares may be wrong (some web tools write A1:A1); read what is there.
    sheet.reset_dimensions()
    for row in sheet.iter_rows(values_only=True):
        yield _without_trailing_empty_cells(row)


def _formatted_rows(sheet: Any, formats: NumberFormats) -> Iterable[Row]:
    """:func:`_sheet_rows`, noting in ``formats`` each number or date cell's number format."""
    sheet.reset_dimensions()
    for row_index, cells in enumerate(sheet.iter_rows()):
        values = tuple(cell.value for cell in cells)
        for column, value in enumerate(values):
            if isinstance(value, int | float | date) and not isinstance(value, bool):
                number_format = cells[column].number_format
                if number_format and number_format != "General":
                    formats[(row_index, column)] = number_format
        yield _without_trailing_empty_cells(values)


def _without_trailing_empty_cells(row: tuple[object, ...]) -> Row:
    end = len(row)
    while end and row[end - 1] is None:
        end -= 1
    return tuple(row[:end])
