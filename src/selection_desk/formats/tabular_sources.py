"""Tables from whatever a web form tool exports: CSV/TXT, XLSX/XLSM and ODS.

A dossier list or a score file reaches the secretary as a CSV saved by French Excel (cp1252,
``;``), a UTF-8 or UTF-16 export, an XLSX from Google Forms, Microsoft Forms, Typeform or
Airtable, or an ODS from LibreOffice.  :func:`read_source` turns any of them into one
:class:`SourceTable`: the header row and the data rows, with the row numbers a person sees when
opening the file in a spreadsheet.

- **Text files** are decoded by an ordered try — byte-order mark, UTF-16 without a mark (every
  other byte NUL), strict UTF-8, then cp1252 or Mac Roman, whichever yields more French letters.
  (charset-normalizer was measured and rejected: on short French cp1252 lists it answered cp1250
  and turned “Hélène” into “Hélčne”.)  The delimiter (``;`` ``,`` tab ``|``, or Excel's
  ``sep=`` line) is the one that splits the first records most consistently.  Quoted multi-line
  fields are one row, as in Excel.
- **XLSX/XLSM** go through :mod:`selection_desk.formats.safe_xlsx` (container and zip-bomb checks,
  defusedxml, cached values of formulas, macros never run).
- **ODS** is read here with defusedxml's streaming parser after the same archive checks: repeated
  rows and columns (``number-rows-repeated``) count against the cell budget before anything is
  materialised.  (python-calamine 0.9.1 was measured and rejected: a 705-byte ODS declaring 6,000
  repeated rows of 16,000 repeated cells took 12 GB of memory and 57 s.)

Every failure is one :class:`~selection_desk.errors.ValidationFailed` naming the file.  Cell
contents are not judged here (NUL characters, huge cells): the import reports those per row and
column.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from html.parser import HTMLParser
from itertools import islice
from pathlib import Path
from typing import IO, Any, NamedTuple

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from selection_desk.errors import Problem, ValidationFailed, define_message
from selection_desk.formats.cell_values import cell_text, is_blank
from selection_desk.formats.shown import LocalNumber
from selection_desk.i18n import N_

MAX_TEXT_BYTES = 200 * 1024 * 1024
"""The largest CSV/TXT file read (a 100,000-row export with long answers is ~150 MB)."""
HEADER_SEARCH_ROWS = 10
"""A title row or two may sit above the header; the header is searched among the first rows."""
SNIFF_RECORDS = 50

TEXT_SUFFIXES = (".csv", ".txt", ".tsv", ".tab")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
ODS_SUFFIXES = (".ods",)
SUPPORTED_SUFFIXES = (*TEXT_SUFFIXES, *XLSX_SUFFIXES, *ODS_SUFFIXES, ".xls")

_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
_OLE = bytes.fromhex("d0cf11e0a1b11ae1")
_ODS_MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"
_DELIMITERS = (";", ",", "\t", "|")
_FRENCH_LETTERS = "éèêëàâäçùûüôöîïœÉÈÊÀÂÇÙÛÔÎŒ«»€°"
_CONTROLS = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

SOURCE_MISSING = define_message("import_source_missing", N_("The file does not exist."))
SOURCE_UNREADABLE = define_message(
    "import_source_unreadable", N_("The file cannot be read (permission denied or not a file).")
)
SOURCE_EMPTY = define_message("import_source_empty", N_("The file is empty."))
SOURCE_TOO_LARGE = define_message(
    "import_source_too_large",
    N_("The file is too large to import (more than {limit} MB); split it into smaller files."),
)
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
BINARY_TEXT = define_message(
    "import_binary_text",
    N_("The file is not a text file (it holds binary data); export the list again as CSV."),
)
UNKNOWN_ENCODING = define_message(
    "import_unknown_encoding",
    N_(
        "The text encoding of the file cannot be recognised; export it again as “CSV UTF-8” "
        "from your spreadsheet program."
    ),
)
TRUNCATED_CHARACTER = define_message(
    "import_truncated_character",
    N_("The file ends in the middle of a character: it seems cut short; export it again."),
)
MIXED_ENCODING = define_message(
    "import_mixed_encoding",
    N_(
        "The file is in UTF-8 except for row {rows}, whose accented letters were read as "
        "Windows-1252 (“{sample}”); check them in the preview."
    ),
)
MIXED_ENCODING_ROWS = define_message(
    "import_mixed_encoding_rows",
    N_(
        "The file is in UTF-8 except for rows {rows}, whose accented letters were read as "
        "Windows-1252 (“{sample}”); check them in the preview."
    ),
)
GARBLED_TEXT = define_message(
    "import_garbled_text",
    N_(
        "Row(s) {rows} hold accents already garbled in the file (“{sample}” where an accented "
        "letter was meant): the text was converted twice before it was exported; correct it at "
        "its source."
    ),
)
NO_ROWS = define_message("import_no_rows", N_("The file holds no table: every cell is empty."))
NO_DATA_ROWS = define_message(
    "import_no_data_rows", N_("The file holds a header row only, without any row below it.")
)
BROKEN_QUOTES = define_message(
    "import_broken_quotes",
    N_("A quoted field that starts on row {row} is never closed; the file seems cut short."),
)
UNKNOWN_SHEET = define_message(
    "import_unknown_sheet", N_("The workbook has no sheet named “{sheet}” (it has: {sheets}).")
)
ODS_NOT_SPREADSHEET = define_message(
    "import_ods_not_spreadsheet",
    N_("The file is an OpenDocument file but not a spreadsheet (for instance a text document)."),
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

    def column(self, header: str) -> int:
        return self.headers.index(header)

    def values(self, header: str) -> Iterator[Cell]:
        index = self.column(header)
        for row in self.rows:
            yield row.cells[index] if index < len(row.cells) else None

    def cell(self, row: SourceRow, header: str) -> Cell:
        index = self.column(header)
        return row.cells[index] if index < len(row.cells) else None


def _failure(code: str, file: str, **facts: Any) -> ValidationFailed:
    return ValidationFailed([Problem(code, facts, file=file)], file=file)


# --- Entry point ---------------------------------------------------------------------------------


def read_source(path: Path, sheet: str | None = None) -> SourceTable:
    """The table of the file at ``path`` (of ``sheet`` for a workbook; default: its first sheet
    holding anything).  Raises :class:`ValidationFailed` naming the file."""
    kind = source_kind(path)
    if kind == "xlsx":
        return _xlsx_table(path, sheet)
    if kind == "ods":
        return _ods_table(path, sheet)
    if kind == "html":
        return _html_table(path)
    return _text_table(path)


def source_kind(path: Path) -> str:
    """``"csv"``, ``"xlsx"``, ``"ods"`` or ``"html"`` (a web page saved as .xls or .csv, as
    platforms' “Excel export” often is), from the content checked against the file name."""
    file = str(path)
    head = _head(path, file)
    suffix = path.suffix.lower()
    if not head:
        raise _failure(SOURCE_EMPTY, file)
    content = _content_kind(path, head)
    if content == "text" and _looks_like_html(head):
        return "html"
    if content == "text" and _XML_SPREADSHEET.search(head[:2048]):
        raise _failure(XML_SPREADSHEET, file)
    if suffix in XLSX_SUFFIXES or suffix in ODS_SUFFIXES:
        if content == "text":
            raise _failure(TEXT_NAMED_WORKBOOK, file, suffix=suffix)
        if suffix in ODS_SUFFIXES and content == "zip":
            return "ods"
        return "xlsx" if suffix in XLSX_SUFFIXES else "ods"
    if suffix in TEXT_SUFFIXES:
        if content in ("zip", "ole"):
            raise _failure(WORKBOOK_NAMED_TEXT, file, suffix=suffix)
        return "csv"
    if suffix == ".xls" and content == "text":
        return "csv"  # many platforms export tab-separated text under .xls
    if content == "zip":
        return "ods" if _is_ods(path) else "xlsx"
    if content == "ole":
        return "xlsx"  # safe_xlsx explains: an old .xls, or a password-protected workbook
    if content == "text" and suffix in ("", ".dat", ".export"):
        return "csv"
    raise _failure(SOURCE_UNSUPPORTED, file)


def _head(path: Path, file: str) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(4096)
    except FileNotFoundError:
        raise _failure(SOURCE_MISSING, file) from None
    except OSError:
        raise _failure(SOURCE_UNREADABLE, file) from None


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
    if _utf16_without_bom(head):
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


# --- Rows to a table -----------------------------------------------------------------------------


def _build_table(
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
    filled = [row for row in numbered_rows if not all(is_blank(value) for value in row.cells)]
    if not filled:
        raise ValidationFailed([Problem(NO_ROWS, {}, file=file, sheet=sheet)], file=file)
    header_index = _header_index(filled)
    header = filled[header_index]
    data = filled[header_index + 1 :]
    if not data:
        raise ValidationFailed(
            [Problem(NO_DATA_ROWS, {}, file=file, sheet=sheet, row=header.number)], file=file
        )
    width = max(len(row.cells) for row in filled[header_index:])
    written = tuple(cell_text(value) for value in header.cells) + ("",) * (
        width - len(header.cells)
    )
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


# --- Text files ----------------------------------------------------------------------------------


def _read_text_bytes(path: Path, file: str) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_TEXT_BYTES:
            raise _failure(
                SOURCE_TOO_LARGE, file, limit=LocalNumber(MAX_TEXT_BYTES // (1024 * 1024))
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise _failure(SOURCE_MISSING, file) from None
    except OSError:
        raise _failure(SOURCE_UNREADABLE, file) from None
    if not data:
        raise _failure(SOURCE_EMPTY, file)
    return data


def _text_table(path: Path) -> SourceTable:
    file = str(path)
    data = _read_text_bytes(path, file)
    decoded = decode_text_checked(data, file)
    text, delimiter = _strip_sep_line(decoded.text)
    delimiter = delimiter or detect_delimiter(text)
    rows = parse_delimited(text, delimiter, file)
    notes = _stray_notes(data, decoded, file) + _garbled_notes(data, decoded, file)
    return _build_table(
        file, "csv", rows, encoding=decoded.encoding, delimiter=delimiter, notes=notes
    )


def _stray_notes(data: bytes, decoded: DecodedText, file: str) -> list[Problem]:
    """A visible note naming the rows whose bytes were not UTF-8 in a UTF-8 file."""
    if not decoded.stray_offsets:
        return []
    offsets = decoded.stray_offsets[:200]
    rows = sorted(set(rows_at_offsets(data, offsets)))
    shown = ", ".join(str(row) for row in rows[:5])
    if len(rows) > 5 or len(offsets) < len(decoded.stray_offsets):
        shown += " …"
    first = decoded.stray_offsets[0]
    before = _WORD_BEFORE.search(data, 0, first)
    after = _WORD_AFTER.match(data, first)
    start = before.start() if before else first
    stop = after.end() if after else first + 1
    sample = _with_strays(data[start:stop])[0][-40:]
    code = MIXED_ENCODING if len(rows) == 1 and shown == str(rows[0]) else MIXED_ENCODING_ROWS
    return [Problem(code, {"rows": shown, "sample": sample}, file=file, row=rows[0])]


def _garbled_notes(data: bytes, decoded: DecodedText, file: str) -> list[Problem]:
    """A UTF-8 file holding “Ã©” where “é” was meant (text converted twice before it was
    exported): read as it is — the bytes are valid —, with a note naming the rows."""
    if not decoded.encoding.startswith("utf-8"):
        return []
    matches = list(islice(_UTF8_READ_AS_CODE_PAGE.finditer(decoded.text), 50))
    if not matches:
        return []
    bom = len(codecs.BOM_UTF8) if decoded.encoding == "utf-8-sig" else 0
    offsets = [bom + len(decoded.text[: match.start()].encode("utf-8")) for match in matches]
    rows = sorted(set(rows_at_offsets(data, offsets)))
    shown = ", ".join(str(row) for row in rows[:5]) + (" …" if len(rows) > 5 else "")
    sample = matches[0].group()
    return [Problem(GARBLED_TEXT, {"rows": shown, "sample": sample}, file=file, row=rows[0])]


_WORD_BEFORE = re.compile(rb"[^\s;,|]*\Z")
_WORD_AFTER = re.compile(rb"[^\s;,|]*")


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_nuls > half * 0.3 and even_nuls < half * 0.05:
        return "utf-16-le"
    if even_nuls > half * 0.3 and odd_nuls < half * 0.05:
        return "utf-16-be"
    return None


def decode_text(data: bytes, file: str = "") -> tuple[str, str]:
    """The text and the name of its encoding (see :func:`decode_text_checked`)."""
    decoded = decode_text_checked(data, file)
    return decoded.text, decoded.encoding


class DecodedText(NamedTuple):
    text: str
    encoding: str
    stray_offsets: tuple[int, ...] = ()
    """Byte offsets of the bytes that are not UTF-8 in a file otherwise in UTF-8; they were read
    as Windows-1252 because that gave plausible French, and the import notes their rows."""


def decode_text_checked(data: bytes, file: str = "") -> DecodedText:
    """The text and its encoding, by an ordered try that never garbles silently.

    A byte-order mark, or UTF-16 without one, decides at once; strict UTF-8 comes next.
    Otherwise every possible reading is scored by the French it yields (é, è, à, ç, ’, « » score;
    a capital accent inside a lower-case word, “Ã©” — UTF-8 read as a code page —, box drawing
    and symbols cost): Windows-1252, Latin-9, Mac Roman, DOS (cp850), and UTF-8 whose few stray
    bytes are Windows-1252.  When no reading scores, the file is refused, naming the row of the
    first undecodable bytes; a UTF-8 file cut in the middle of a character is refused as cut
    short.
    """
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return DecodedText(data.decode(encoding), encoding)
            except UnicodeDecodeError as error:
                if encoding == "utf-8-sig":
                    return _decode_legacy(data, file, bom=len(codecs.BOM_UTF8))
                raise _decoding_failure(UNKNOWN_ENCODING, data, error.start, file) from None
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        try:
            return DecodedText(data.decode(utf16), utf16)
        except UnicodeDecodeError as error:
            raise _decoding_failure(UNKNOWN_ENCODING, data, error.start, file) from None
    try:
        return DecodedText(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    return _decode_legacy(data, file)


_LEGACY_ENCODINGS = ("cp1252", "iso8859_15", "mac_roman", "cp850")
_UTF8_WITH_STRAYS = "utf-8 + cp1252"
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_NON_ASCII_LINE = re.compile(rb"[^\r\n]*[\x80-\xff][^\r\n]*")
_NON_ASCII = re.compile("[^\x00-\x7f]")
_SAMPLE_LINES = 5000
_CP1252_UNDEFINED = frozenset((0x81, 0x8D, 0x8F, 0x90, 0x9D))
# How French a character reads: the letters and typography of French text score, other Latin
# letters are neutral, anything else costs (symbols, box drawing: a wrong code page's output).
_FRENCH_WEIGHTS = {
    **dict.fromkeys("é", 10),
    **dict.fromkeys("èà’", 5),
    **dict.fromkeys("êçâô€«»", 4),
    **dict.fromkeys("ÉîûùëïœÀÇ°\u00a0\u202f", 3),
    **dict.fromkeys("üÈÊÔÎŒ“”–—…·", 2),
    **dict.fromkeys("ÂÛÙËÏÜŸÿ‘²", 1),
}
_RARE_SYMBOLS = frozenset("©®™±×÷½¼¾³µ§¶£¥¢¿¡•‰")
_CAPITAL_IN_WORD = re.compile("(?<=[a-zß-öø-ÿœ])[À-ÖØ-ÞŒŠŽŸ]")
_UTF8_READ_AS_CODE_PAGE = re.compile(
    "[ÂÃÅâ][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013-\u203a\u20ac\u2122]"
)


def french_score(text: str) -> int:
    """How much ``text`` reads like French (positive) or like a wrong decoding (negative)."""
    score = 0
    for character, count in Counter(_NON_ASCII.findall(text)).items():
        weight = _FRENCH_WEIGHTS.get(character)
        if weight is None:
            if character in _RARE_SYMBOLS:
                weight = -1
            elif character.isalpha() and character <= "\u024f":
                weight = 0
            else:
                weight = -5
        score += weight * count
    score -= 6 * len(_CAPITAL_IN_WORD.findall(text))
    score -= 12 * len(_UTF8_READ_AS_CODE_PAGE.findall(text))
    return score


def _with_strays(data: bytes) -> tuple[str, list[int]]:
    """UTF-8, each byte that is not UTF-8 read as Windows-1252 (as a C1 control where
    Windows-1252 has no character, which disqualifies the reading)."""
    parts: list[str] = []
    offsets: list[int] = []
    position = 0
    while True:
        try:
            parts.append(data[position:].decode("utf-8"))
            return "".join(parts), offsets
        except UnicodeDecodeError as error:
            start = position + error.start
            stop = position + error.end
            parts.append(data[position:start].decode("utf-8"))
            offsets.append(start)
            stray = data[start:stop]
            if any(byte in _CP1252_UNDEFINED for byte in stray):
                parts.append(stray.decode("latin-1"))
            else:
                parts.append(stray.decode("cp1252"))
            position = stop


def _decode_legacy(data: bytes, file: str, bom: int = 0) -> DecodedText:
    body = data[bom:]
    first_bad = _first_undecodable(data)
    has_utf8 = _UTF8_SEQUENCE.search(body) is not None
    if has_utf8 and _cut_in_a_character(body):
        raise _decoding_failure(TRUNCATED_CHARACTER, data, first_bad, file)
    sample = b"\n".join(
        match.group() for match in islice(_NON_ASCII_LINE.finditer(body), _SAMPLE_LINES)
    )
    encodings: tuple[str, ...] = (
        (_UTF8_WITH_STRAYS, *_LEGACY_ENCODINGS) if has_utf8 else _LEGACY_ENCODINGS
    )
    if bom:
        encodings = (_UTF8_WITH_STRAYS,)
    candidates: list[tuple[int, int, str]] = []
    for rank, encoding in enumerate(encodings):
        if encoding == _UTF8_WITH_STRAYS:
            text = _with_strays(sample)[0]
        else:
            try:
                text = sample.decode(encoding)
            except UnicodeDecodeError:
                continue
        if not _has_controls(text):
            candidates.append((french_score(text), -rank, encoding))
    if not candidates:
        if not has_utf8 and _has_controls(data.decode("latin-1")):
            raise _failure(BINARY_TEXT, file)
        raise _decoding_failure(UNKNOWN_ENCODING, data, first_bad, file)
    score, _rank, encoding = max(candidates)
    if score <= 0:
        raise _decoding_failure(UNKNOWN_ENCODING, data, first_bad, file)
    if encoding == _UTF8_WITH_STRAYS:
        text, offsets = _with_strays(body)
        return DecodedText(
            text, "utf-8-sig" if bom else "utf-8", tuple(offset + bom for offset in offsets)
        )
    return DecodedText(body.decode(encoding), encoding)


def _first_undecodable(data: bytes) -> int:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        return error.start
    return 0


def _cut_in_a_character(body: bytes) -> bool:
    """UTF-8 throughout but for the start of a character at the very end, which is no French
    letter in Windows-1252 either (“Ã” is the first half of “é”): a file cut short."""
    for length in (1, 2, 3):
        if len(body) <= length:
            break
        lead = body[-length]
        if lead >= 0xC0:
            needed = 2 if lead < 0xE0 else 3 if lead < 0xF0 else 4
            if needed <= length:
                return False
            try:
                body[:-length].decode("utf-8")
            except UnicodeDecodeError:
                return False
            tail = body[len(body) - length :]
            if not all(0x80 <= byte < 0xC0 for byte in tail[1:]):
                return False
            return any(byte in _CP1252_UNDEFINED for byte in tail) or (
                french_score(tail.decode("cp1252")) <= 0
            )
        if not 0x80 <= lead < 0xC0:
            return False
    return False


def _decoding_failure(code: str, data: bytes, offset: int, file: str) -> ValidationFailed:
    row = rows_at_offsets(data, [offset])[0]
    return ValidationFailed([Problem(code, {"row": row}, file=file, row=row)], file=file)


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


def _has_controls(text: str) -> bool:
    """C0/C1 control characters other than tab and line ends: not a text a person typed."""
    return _CONTROLS.search(text) is not None


def _strip_sep_line(text: str) -> tuple[str, str | None]:
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
        if not widths or widths[0] < 2:
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
            rows.append(SourceRow(number, tuple(_without_trailing_blanks(record))))
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


def _without_trailing_blanks(record: list[str]) -> list[str]:
    end = len(record)
    while end and not record[end - 1]:
        end -= 1
    return record[:end]


# --- Web pages saved as a spreadsheet --------------------------------------------------------

_HTML_START = re.compile(
    rb"\A(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
    rb"<(?:!doctype\s+html|html|table|head|body|meta)[\s>/]",
    re.IGNORECASE | re.DOTALL,
)


def _looks_like_html(head: bytes) -> bool:
    sample = head
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or _utf16_without_bom(head):
        try:
            text = decode_text(head[: len(head) // 2 * 2])[0]
        except ValidationFailed:
            return False
        sample = text.encode("utf-8", "replace")
    return _HTML_START.match(sample) is not None


_XML_SPREADSHEET = re.compile(
    rb"\A(?:\xef\xbb\xbf)?\s*<\?xml[^>]*>.*?(urn:schemas-microsoft-com:office:spreadsheet"
    rb"|<Workbook[\s>])",
    re.DOTALL,
)
XML_SPREADSHEET = define_message(
    "import_xml_spreadsheet",
    N_(
        "The file is an “XML Spreadsheet 2003”, which cannot be imported; open it in Excel or "
        "LibreOffice and save it as an Excel workbook (.xlsx)."
    ),
)
HTML_NO_TABLE = define_message(
    "import_html_no_table",
    N_(
        "The file is a web page, not a spreadsheet, and holds no table to read; export the list "
        "again as an Excel workbook (.xlsx) or as CSV."
    ),
)
HTML_SEVERAL_TABLES = define_message(
    "import_html_several_tables",
    N_(
        "The file is a web page holding {count} tables, not a spreadsheet; export the list "
        "again as an Excel workbook (.xlsx) or as CSV."
    ),
)


class _HtmlTables(HTMLParser):
    """The rows of every ``<table>`` of a page, as text: markup dropped, entities decoded,
    ``<br>`` and paragraphs as line breaks, ``colspan`` as empty cells; scripts and styles
    ignored.  Nothing is fetched or run; cells count against the same budget as workbooks."""

    def __init__(self, budget: int) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[tuple[str, ...]]] = []
        self._open: list[list[tuple[str, ...]]] = []
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._span = 1
        self._skip = 0
        self._budget = budget

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "template"):
            self._skip += 1
        elif tag == "table":
            self._open.append([])
        elif not self._open:
            return
        elif tag == "tr":
            self._end_row()
            self._row = []
        elif tag in ("td", "th"):
            self._end_cell()
            if self._row is None:
                self._row = []
            self._cell = []
            span = dict(attrs).get("colspan") or "1"
            self._span = min(int(span), 1000) if span.strip().isdigit() and int(span) > 0 else 1
        elif tag in ("br", "p", "div", "li") and self._cell is not None and self._cell:
            self._cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "template"):
            self._skip = max(0, self._skip - 1)
        elif tag == "table" and self._open:
            self._end_row()
            self.tables.append(self._open.pop())
        elif tag in ("td", "th"):
            self._end_cell()
        elif tag == "tr":
            self._end_row()

    def handle_data(self, data: str) -> None:
        if self._cell is not None and not self._skip:
            self._cell.append(data)

    def _end_cell(self) -> None:
        if self._cell is None or self._row is None:
            return
        text = "".join(self._cell)
        lines = [" ".join(line.split()) for line in text.split("\n")]
        self._row.append("\n".join(line for line in lines if line))
        self._row.extend([""] * (self._span - 1))
        self._budget -= self._span
        if self._budget < 0:
            raise _TooManyCellsError
        self._cell = None
        self._span = 1

    def _end_row(self) -> None:
        self._end_cell()
        if self._row is not None and self._open:
            self._open[-1].append(tuple(_without_trailing_blanks(self._row)))
        self._row = None


def _html_table(path: Path) -> SourceTable:
    from selection_desk.formats import safe_xlsx

    file = str(path)
    data = _read_text_bytes(path, file)
    decoded = decode_text_checked(data, file)
    parser = _HtmlTables(safe_xlsx.MAX_CELLS)
    try:
        parser.feed(decoded.text)
        parser.close()
    except _TooManyCellsError:
        raise _failure(safe_xlsx.WORKBOOK_TOO_LARGE, file, **_ods_limits()) from None
    tables = [rows for rows in parser.tables if sum(1 for row in rows if any(row)) >= 2]
    if not tables:
        raise _failure(HTML_NO_TABLE, file)
    if len(tables) > 1:
        raise _failure(HTML_SEVERAL_TABLES, file, count=len(tables))
    numbered = [SourceRow(number, cells) for number, cells in enumerate(tables[0], start=1)]
    return _build_table(file, "html", numbered, encoding=decoded.encoding)


# --- Workbooks -----------------------------------------------------------------------------------


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
    return _choose_sheet(file, "xlsx", rows_by_title, sheet)


def _choose_sheet(
    file: str, kind: str, rows_by_title: dict[str, list[tuple[object, ...]]], sheet: str | None
) -> SourceTable:
    filled = tuple(
        title
        for title, rows in rows_by_title.items()
        if any(not all(is_blank(value) for value in row) for row in rows)
    )
    if sheet is not None and sheet not in rows_by_title:
        raise _failure(UNKNOWN_SHEET, file, sheet=sheet, sheets=", ".join(rows_by_title))
    chosen = sheet if sheet is not None else (filled[0] if filled else None)
    if chosen is None:
        raise _failure(NO_ROWS, file)
    numbered = [
        SourceRow(number, tuple(row)) for number, row in enumerate(rows_by_title[chosen], start=1)
    ]
    return _build_table(file, kind, numbered, sheet=chosen, sheets=filled or (chosen,))


# --- ODS -----------------------------------------------------------------------------------------

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


class _TooManyCellsError(Exception):
    pass


def _ods_table(path: Path, sheet: str | None) -> SourceTable:
    from selection_desk.formats import safe_xlsx

    file = str(path)
    try:
        with path.open("rb") as handle, zipfile.ZipFile(handle) as archive:
            _check_ods_archive(archive, file)
            with archive.open("content.xml") as content:
                tables = _ods_tables(content, file)
    except FileNotFoundError:
        raise _failure(SOURCE_MISSING, file) from None
    except ValidationFailed:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, KeyError):
        raise _failure(safe_xlsx.WORKBOOK_CORRUPT, file) from None
    except OSError:
        raise _failure(SOURCE_UNREADABLE, file) from None
    return _choose_sheet(file, "ods", tables, sheet)


def _check_ods_archive(archive: zipfile.ZipFile, file: str) -> None:
    """The same declared-size checks as for XLSX (:mod:`safe_xlsx`), then what makes an ODS."""
    from selection_desk.formats import safe_xlsx

    members = archive.infolist()
    total = 0
    for count, member in enumerate(members, start=1):
        total += member.file_size
        if count > safe_xlsx.MAX_MEMBERS or total > safe_xlsx.MAX_UNCOMPRESSED_BYTES:
            raise _failure(safe_xlsx.WORKBOOK_TOO_LARGE, file, **_ods_limits())
        if member.file_size > safe_xlsx.RATIO_CHECKED_ABOVE_BYTES:
            ratio = member.file_size / max(member.compress_size, 1)
            if ratio > safe_xlsx.MAX_COMPRESSION_RATIO:
                raise _failure(
                    safe_xlsx.WORKBOOK_SUSPICIOUS,
                    file,
                    member=member.filename,
                    ratio=LocalNumber(round(ratio)),
                )
    names = {member.filename for member in members}
    if "mimetype" in names:
        mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
        if mimetype != _ODS_MIMETYPE:
            raise _failure(ODS_NOT_SPREADSHEET, file)
    if "META-INF/manifest.xml" in names:
        manifest = archive.read("META-INF/manifest.xml")
        if b"encryption-data" in manifest:
            raise _failure(safe_xlsx.WORKBOOK_ENCRYPTED, file)
    if "content.xml" not in names:
        raise _failure(safe_xlsx.WORKBOOK_CORRUPT, file)


def _ods_limits() -> dict[str, int]:
    from selection_desk.formats import safe_xlsx

    return {
        "limit": LocalNumber(safe_xlsx.MAX_UNCOMPRESSED_BYTES // (1024 * 1024)),
        "cells": LocalNumber(safe_xlsx.MAX_CELLS),
    }


def _ods_tables(content: IO[bytes], file: str) -> dict[str, list[tuple[object, ...]]]:
    from selection_desk.formats import safe_xlsx

    reader = _OdsReader()
    try:
        for event, element in iterparse(content, events=("start", "end"), forbid_dtd=True):
            reader.handle(event, element)
    except _TooManyCellsError:
        raise _failure(safe_xlsx.WORKBOOK_TOO_LARGE, file, **_ods_limits()) from None
    except DefusedXmlException:
        raise _failure(safe_xlsx.WORKBOOK_FORBIDDEN_XML, file) from None
    except Exception as error:  # the parser's own errors on a damaged file
        if isinstance(error, ValidationFailed):
            raise
        raise _failure(safe_xlsx.WORKBOOK_CORRUPT, file) from error
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
            raise _TooManyCellsError

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
