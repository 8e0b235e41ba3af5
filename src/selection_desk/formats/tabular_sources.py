"""Tables from whatever a web form tool exports: CSV/TXT, XLSX/XLSM, ODS and web pages.

A dossier list or a score file reaches the secretary as a CSV saved by French Excel (cp1252,
``;``), a UTF-8 or UTF-16 export, an XLSX from Google Forms, Microsoft Forms, Typeform or
Airtable, or an ODS from LibreOffice.  :func:`read_source` turns any of them into one
:class:`~selection_desk.formats.source_table.SourceTable`: the header row and the data rows, with
the row numbers a person sees when opening the file in a spreadsheet.

This module holds the entry point — which kind of file it is, from its content checked against
its name — and the XLSX reading; each other kind has its module:

- **Text files** (:mod:`~selection_desk.formats.text_tables`) are decoded by an ordered try
  (:mod:`~selection_desk.formats.text_decoding`) and split at the delimiter that splits the first
  records most consistently (:mod:`~selection_desk.formats.delimited`).
- **XLSX/XLSM** go through :mod:`selection_desk.formats.safe_xlsx` (container and zip-bomb checks,
  defusedxml, cached values of formulas, macros never run).
- **ODS** (:mod:`~selection_desk.formats.ods_tables`) is streamed after the same archive checks,
  repeated rows and columns counted against the cell budget before anything is materialised.
- **Web pages** saved as ``.xls`` or ``.csv`` (platforms' “Excel export”) have their one table
  read (:mod:`~selection_desk.formats.html_tables`).

:mod:`~selection_desk.formats.source_table` holds the table they all build.  Every failure is one
:class:`~selection_desk.errors.ValidationFailed` naming the file.  Cell contents are not judged
here (NUL characters, huge cells): the import reports those per row and column.
"""

from __future__ import annotations

import codecs
import zipfile
from pathlib import Path

from selection_desk.errors import define_message
from selection_desk.formats.html_tables import XML_SPREADSHEET_START, html_table, looks_like_html
from selection_desk.formats.ods_tables import ods_table
from selection_desk.formats.source_table import (
    SOURCE_EMPTY,
    SOURCE_MISSING,
    SOURCE_UNREADABLE,
    SourceTable,
    choose_sheet,
    source_failure,
)
from selection_desk.formats.text_decoding import utf16_without_bom
from selection_desk.formats.text_tables import text_table
from selection_desk.i18n import N_

TEXT_SUFFIXES = (".csv", ".txt", ".tsv", ".tab")


XLSX_SUFFIXES = (".xlsx", ".xlsm")


ODS_SUFFIXES = (".ods",)


SUPPORTED_SUFFIXES = (*TEXT_SUFFIXES, *XLSX_SUFFIXES, *ODS_SUFFIXES, ".xls")


_ZIP = (b"PK\x03\x04", b"PK\x05\x06")


_OLE = bytes.fromhex("d0cf11e0a1b11ae1")


SOURCE_UNSUPPORTED = define_message(
    "import_source_unsupported",
    N_(
        "This kind of file cannot be imported; use an Excel workbook (.xlsx), a LibreOffice "
        "spreadsheet (.ods) or a text file (.csv)."
    ),
)


TEXT_NAMED_WORKBOOK = define_message(
    "import_text_named_workbook",
    N_(
        "The file is named like a workbook ({suffix}) but holds plain text (CSV); rename it "
        "with the extension .csv and import it again."
    ),
)


WORKBOOK_NAMED_TEXT = define_message(
    "import_workbook_named_text",
    N_(
        "The file is named like a text file ({suffix}) but holds a spreadsheet workbook; rename "
        "it with the extension .xlsx (or .ods) and import it again."
    ),
)


def read_source(path: Path, sheet: str | None = None) -> SourceTable:
    """The table of the file at ``path`` (of ``sheet`` for a workbook; default: its first sheet
    holding anything).  Raises :class:`ValidationFailed` naming the file."""
    kind = source_kind(path)
    if kind == "xlsx":
        return _xlsx_table(path, sheet)
    if kind == "ods":
        return ods_table(path, sheet)
    if kind == "html":
        return html_table(path)
    return text_table(path)


def source_kind(path: Path) -> str:
    """``"csv"``, ``"xlsx"``, ``"ods"`` or ``"html"`` (a web page saved as .xls or .csv, as
    platforms' “Excel export” often is), from the content checked against the file name."""
    file = str(path)
    head = _head(path, file)
    suffix = path.suffix.lower()
    if not head:
        raise source_failure(SOURCE_EMPTY, file)
    content = _content_kind(path, head)
    if content == "text" and looks_like_html(head):
        return "html"
    if content == "text" and XML_SPREADSHEET_START.search(head[:2048]):
        raise source_failure(XML_SPREADSHEET, file)
    if suffix in XLSX_SUFFIXES or suffix in ODS_SUFFIXES:
        if content == "text":
            raise source_failure(TEXT_NAMED_WORKBOOK, file, suffix=suffix)
        if suffix in ODS_SUFFIXES and content == "zip":
            return "ods"
        return "xlsx" if suffix in XLSX_SUFFIXES else "ods"
    if suffix in TEXT_SUFFIXES:
        if content in ("zip", "ole"):
            raise source_failure(WORKBOOK_NAMED_TEXT, file, suffix=suffix)
        return "csv"
    if suffix == ".xls" and content == "text":
        return "csv"  # many platforms export tab-separated text under .xls
    if content == "zip":
        return "ods" if _is_ods(path) else "xlsx"
    if content == "ole":
        return "xlsx"  # safe_xlsx explains: an old .xls, or a password-protected workbook
    if content == "text" and suffix in ("", ".dat", ".export"):
        return "csv"
    raise source_failure(SOURCE_UNSUPPORTED, file)


def _head(path: Path, file: str) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(4096)
    except FileNotFoundError:
        raise source_failure(SOURCE_MISSING, file) from None
    except OSError:
        raise source_failure(SOURCE_UNREADABLE, file) from None


def _content_kind(path: Path, head: bytes) -> str:
    if head.startswith(_ZIP):
        return "zip"
    if head.startswith(_OLE):
        return "ole"
    if _looks_like_text(head):
        return "text"
    return "binary"


def _looks_like_text(head: bytes) -> bool:
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF8)):
        return True
    if utf16_without_bom(head):
        return True
    controls = sum(1 for byte in head if byte < 9 or 13 < byte < 32)
    return controls <= max(2, len(head) // 100)


def _is_ods(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            if "mimetype" not in archive.namelist():
                return False
            info = archive.getinfo("mimetype")
            if info.file_size > 200:
                return False
            return (
                archive.read("mimetype")
                .decode("ascii", "replace")
                .startswith("application/vnd.oasis.opendocument")
            )
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return False


XML_SPREADSHEET = define_message(
    "import_xml_spreadsheet",
    N_(
        "The file is an “XML Spreadsheet 2003”, which cannot be imported; open it in Excel or "
        "LibreOffice and save it as an Excel workbook (.xlsx)."
    ),
)


def workbook_sheet_titles(path: Path) -> list[str]:
    """The sheet titles of an XLSX, after the safety checks, without reading any cell."""
    from selection_desk.formats import safe_xlsx

    titles: list[str] = []

    def spy(title: str) -> bool:
        titles.append(title)
        return False

    safe_xlsx.read_sheet_rows(path, wanted=spy)
    return titles


def _xlsx_table(path: Path, sheet: str | None) -> SourceTable:
    from selection_desk.formats import safe_xlsx

    file = str(path)
    rows_by_title = safe_xlsx.read_sheet_rows(
        path, wanted=lambda title: sheet is None or title == sheet
    )
    return choose_sheet(file, "xlsx", rows_by_title, sheet)
