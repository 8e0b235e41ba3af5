"""ODS workbooks, read with defusedxml's streaming parser after the same archive checks as XLSX:
repeated rows and columns (``number-rows-repeated``) count against the cell budget before anything
is materialised (python-calamine 0.9.1 was measured and rejected: a 705-byte ODS declaring 6,000
repeated rows of 16,000 repeated cells took 12 GB of memory and 57 s)."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from selection_desk.errors import ValidationFailed, define_message
from selection_desk.formats.cell_values import is_blank
from selection_desk.formats.shown import LocalNumber
from selection_desk.formats.source_table import (
    SOURCE_MISSING,
    SOURCE_UNREADABLE,
    SourceTable,
    TooManyCellsError,
    choose_sheet,
    size_limits,
    source_failure,
)
from selection_desk.i18n import N_

_ODS_MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"


ODS_NOT_SPREADSHEET = define_message(
    "import_ods_not_spreadsheet",
    N_("The file is an OpenDocument file but not a spreadsheet (for instance a text document)."),
)


_NS_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"


_NS_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"


_NS_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"


_TABLE = f"{{{_NS_TABLE}}}table"


_ROW = f"{{{_NS_TABLE}}}table-row"


_CELL = f"{{{_NS_TABLE}}}table-cell"


_COVERED = f"{{{_NS_TABLE}}}covered-table-cell"


_NAME = f"{{{_NS_TABLE}}}name"


_ROWS_REPEATED = f"{{{_NS_TABLE}}}number-rows-repeated"


_COLUMNS_REPEATED = f"{{{_NS_TABLE}}}number-columns-repeated"


_VALUE_TYPE = f"{{{_NS_OFFICE}}}value-type"


_VALUE = f"{{{_NS_OFFICE}}}value"


_DATE_VALUE = f"{{{_NS_OFFICE}}}date-value"


_TIME_VALUE = f"{{{_NS_OFFICE}}}time-value"


_BOOLEAN_VALUE = f"{{{_NS_OFFICE}}}boolean-value"


_ANNOTATION = f"{{{_NS_OFFICE}}}annotation"


_PARAGRAPH = f"{{{_NS_TEXT}}}p"


_HEADING = f"{{{_NS_TEXT}}}h"


_SPACE = f"{{{_NS_TEXT}}}s"


_TAB = f"{{{_NS_TEXT}}}tab"


_LINE_BREAK = f"{{{_NS_TEXT}}}line-break"


_SPACE_COUNT = f"{{{_NS_TEXT}}}c"


def ods_table(path: Path, sheet: str | None) -> SourceTable:
    """The table of ``sheet`` of an ODS workbook (default: its first sheet holding anything)."""
    from selection_desk.formats import safe_xlsx

    file = str(path)
    try:
        with path.open("rb") as handle, zipfile.ZipFile(handle) as archive:
            _check_ods_archive(archive, file)
            with archive.open("content.xml") as content:
                tables = _ods_tables(content, file)
    except FileNotFoundError:
        raise source_failure(SOURCE_MISSING, file) from None
    except ValidationFailed:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, KeyError):
        raise source_failure(safe_xlsx.WORKBOOK_CORRUPT, file) from None
    except OSError:
        raise source_failure(SOURCE_UNREADABLE, file) from None
    return choose_sheet(file, "ods", tables, sheet)


def _check_ods_archive(archive: zipfile.ZipFile, file: str) -> None:
    """The same declared-size checks as for XLSX (:mod:`safe_xlsx`), then what makes an ODS."""
    from selection_desk.formats import safe_xlsx

    members = archive.infolist()
    total = 0
    for count, member in enumerate(members, start=1):
        total += member.file_size
        if count > safe_xlsx.MAX_MEMBERS or total > safe_xlsx.MAX_UNCOMPRESSED_BYTES:
            raise source_failure(safe_xlsx.WORKBOOK_TOO_LARGE, file, **size_limits())
        if member.file_size > safe_xlsx.RATIO_CHECKED_ABOVE_BYTES:
            ratio = member.file_size / max(member.compress_size, 1)
            if ratio > safe_xlsx.MAX_COMPRESSION_RATIO:
                raise source_failure(
                    safe_xlsx.WORKBOOK_SUSPICIOUS,
                    file,
                    member=member.filename,
                    ratio=LocalNumber(round(ratio)),
                )
    names = {member.filename for member in members}
    if "mimetype" in names:
        mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
        if mimetype != _ODS_MIMETYPE:
            raise source_failure(ODS_NOT_SPREADSHEET, file)
    if "META-INF/manifest.xml" in names:
        manifest = archive.read("META-INF/manifest.xml")
        if b"encryption-data" in manifest:
            raise source_failure(safe_xlsx.WORKBOOK_ENCRYPTED, file)
    if "content.xml" not in names:
        raise source_failure(safe_xlsx.WORKBOOK_CORRUPT, file)


def _ods_tables(content: IO[bytes], file: str) -> dict[str, list[tuple[object, ...]]]:
    from selection_desk.formats import safe_xlsx

    reader = _OdsReader()
    try:
        for event, element in iterparse(content, events=("start", "end"), forbid_dtd=True):
            reader.handle(event, element)
    except TooManyCellsError:
        raise source_failure(safe_xlsx.WORKBOOK_TOO_LARGE, file, **size_limits()) from None
    except DefusedXmlException:
        raise source_failure(safe_xlsx.WORKBOOK_FORBIDDEN_XML, file) from None
    except Exception as error:  # the parser's own errors on a damaged file
        if isinstance(error, ValidationFailed):
            raise
        raise source_failure(safe_xlsx.WORKBOOK_CORRUPT, file) from error
    return reader.tables


class _OdsReader:
    """Builds the rows of each table as its elements end; repeats count against the budget
    before they are materialised, and runs of empty rows or cells are never materialised."""

    def __init__(self) -> None:
        from selection_desk.formats import safe_xlsx

        self.tables: dict[str, list[tuple[object, ...]]] = {}
        self._rows: list[tuple[object, ...]] = []
        self._pending_empty_rows = 0
        self._cells: list[object] = []
        self._pending_empty_cells = 0
        self._budget = safe_xlsx.MAX_CELLS

    def _spend(self, cells: int) -> None:
        self._budget -= max(cells, 1)
        if self._budget < 0:
            raise TooManyCellsError

    def handle(self, event: str, element: Any) -> None:
        tag = element.tag
        if event == "start":
            if tag == _TABLE:
                self._rows = []
                self._pending_empty_rows = 0
            elif tag == _ROW:
                self._cells = []
                self._pending_empty_cells = 0
            return
        if tag in (_CELL, _COVERED):
            self._end_cell(element)
            element.clear()
        elif tag == _ROW:
            self._end_row(element)
            element.clear()
        elif tag == _TABLE:
            name = element.get(_NAME) or f"Sheet{len(self.tables) + 1}"
            self.tables[name] = self._rows
            self._rows = []
            element.clear()

    def _end_cell(self, element: Any) -> None:
        repeat = _repeat(element.get(_COLUMNS_REPEATED))
        value = None if element.tag == _COVERED else _ods_value(element)
        if is_blank(value):
            self._pending_empty_cells += repeat
            return
        self._spend(self._pending_empty_cells + repeat)
        self._cells.extend([None] * self._pending_empty_cells)
        self._pending_empty_cells = 0
        self._cells.extend([value] * repeat)

    def _end_row(self, element: Any) -> None:
        repeat = _repeat(element.get(_ROWS_REPEATED))
        cells = tuple(self._cells)
        self._cells = []
        if not cells:
            self._pending_empty_rows += repeat
            return
        self._spend(len(cells) * repeat + self._pending_empty_rows)
        self._rows.extend([()] * self._pending_empty_rows)
        self._pending_empty_rows = 0
        self._rows.extend([cells] * repeat)


def _repeat(text: str | None) -> int:
    if not text:
        return 1
    try:
        return max(1, int(text))
    except ValueError:
        return 1


def _ods_value(cell: Any) -> object:
    kind = cell.get(_VALUE_TYPE)
    if kind in ("float", "percentage", "currency"):
        raw = cell.get(_VALUE)
        if raw is not None:
            try:
                number = float(raw)
            except ValueError:
                return _cell_text(cell)
            return int(number) if number.is_integer() and abs(number) < 2**53 else number
    elif kind == "date":
        raw = cell.get(_DATE_VALUE) or ""
        try:
            return datetime.fromisoformat(raw) if "T" in raw else date.fromisoformat(raw)
        except ValueError:
            return _cell_text(cell) or raw
    elif kind == "boolean":
        return (cell.get(_BOOLEAN_VALUE) or "").lower() == "true"
    elif kind == "time":
        return _cell_text(cell) or cell.get(_TIME_VALUE)
    text = _cell_text(cell)
    return text or None


def _cell_text(cell: Any) -> str:
    paragraphs = [_inline_text(child) for child in cell if child.tag in (_PARAGRAPH, _HEADING)]
    return "\n".join(paragraphs)


def _inline_text(element: Any) -> str:
    parts: list[str] = [element.text or ""]
    for child in element:
        if child.tag == _SPACE:
            parts.append(" " * _repeat(child.get(_SPACE_COUNT)))
        elif child.tag == _TAB:
            parts.append("\t")
        elif child.tag == _LINE_BREAK:
            parts.append("\n")
        elif child.tag != _ANNOTATION:
            parts.append(_inline_text(child))
        parts.append(child.tail or "")
    return "".join(parts)
