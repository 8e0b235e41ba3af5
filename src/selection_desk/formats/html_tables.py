"""A web page saved as ``.xls`` or ``.csv`` (as platforms' “Excel export” often is): its one table
read as rows; an XML Spreadsheet 2003 is recognised and refused with a way out."""

from __future__ import annotations

import codecs
import re
from html.parser import HTMLParser
from pathlib import Path

from selection_desk.errors import ValidationFailed, define_message
from selection_desk.formats.delimited import without_trailing_blanks
from selection_desk.formats.source_table import (
    SourceRow,
    SourceTable,
    TooManyCellsError,
    build_table,
    size_limits,
    source_failure,
)
from selection_desk.formats.text_decoding import decode_text, decode_text_checked, utf16_without_bom
from selection_desk.formats.text_tables import read_text_bytes
from selection_desk.i18n import N_

_HTML_START = re.compile(
    rb"\A(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
    rb"<(?:!doctype\s+html|html|table|head|body|meta)[\s>/]",
    re.IGNORECASE | re.DOTALL,
)


def looks_like_html(head: bytes) -> bool:
    """Whether the first bytes of a file open a web page (in UTF-8, UTF-16 or a code page)."""
    sample = head
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or utf16_without_bom(head):
        try:
            text = decode_text(head[: len(head) // 2 * 2])[0]
        except ValidationFailed:
            return False
        sample = text.encode("utf-8", "replace")
    return _HTML_START.match(sample) is not None


XML_SPREADSHEET_START = re.compile(
    rb"\A(?:\xef\xbb\xbf)?\s*<\?xml[^>]*>.*?(urn:schemas-microsoft-com:office:spreadsheet"
    rb"|<Workbook[\s>])",
    re.DOTALL,
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
            raise TooManyCellsError
        self._cell = None
        self._span = 1

    def _end_row(self) -> None:
        self._end_cell()
        if self._row is not None and self._open:
            self._open[-1].append(tuple(without_trailing_blanks(self._row)))
        self._row = None


def html_table(path: Path) -> SourceTable:
    """The one table of a web page saved as a spreadsheet; none or several are refused."""
    from selection_desk.formats import safe_xlsx

    file = str(path)
    data = read_text_bytes(path, file)
    decoded = decode_text_checked(data, file)
    parser = _HtmlTables(safe_xlsx.MAX_CELLS)
    try:
        parser.feed(decoded.text)
        parser.close()
    except TooManyCellsError:
        raise source_failure(safe_xlsx.WORKBOOK_TOO_LARGE, file, **size_limits()) from None
    tables = [rows for rows in parser.tables if sum(1 for row in rows if any(row)) >= 2]
    if not tables:
        raise source_failure(HTML_NO_TABLE, file)
    if len(tables) > 1:
        raise source_failure(HTML_SEVERAL_TABLES, file, count=len(tables))
    numbered = [SourceRow(number, cells) for number, cells in enumerate(tables[0], start=1)]
    return build_table(file, "html", numbered, encoding=decoded.encoding)
