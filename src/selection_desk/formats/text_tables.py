"""A CSV/TXT file to a :class:`~selection_desk.formats.source_table.SourceTable`: its bytes read
within the size limit, decoded, split into rows, with notes naming the rows whose text is mixed or
garbled."""

from __future__ import annotations

import codecs
import re
from itertools import islice
from pathlib import Path

from selection_desk.errors import Problem, define_message
from selection_desk.formats.delimited import (
    detect_delimiter,
    parse_delimited,
    rows_at_offsets,
    strip_sep_line,
)
from selection_desk.formats.shown import LocalNumber
from selection_desk.formats.source_table import (
    MAX_TEXT_BYTES,
    SOURCE_EMPTY,
    SOURCE_MISSING,
    SOURCE_UNREADABLE,
    SourceTable,
    build_table,
    source_failure,
)
from selection_desk.formats.text_decoding import (
    UTF8_READ_AS_CODE_PAGE,
    DecodedText,
    decode_text_checked,
    with_strays,
)
from selection_desk.i18n import N_

SOURCE_TOO_LARGE = define_message(
    "import_source_too_large",
    N_("The file is too large to import (more than {limit} MB); split it into smaller files."),
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


def read_text_bytes(path: Path, file: str) -> bytes:
    """The bytes of a text file, refused when missing, unreadable, empty or too large."""
    try:
        size = path.stat().st_size
        if size > MAX_TEXT_BYTES:
            raise source_failure(
                SOURCE_TOO_LARGE, file, limit=LocalNumber(MAX_TEXT_BYTES // (1024 * 1024))
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise source_failure(SOURCE_MISSING, file) from None
    except OSError:
        raise source_failure(SOURCE_UNREADABLE, file) from None
    if not data:
        raise source_failure(SOURCE_EMPTY, file)
    return data


def text_table(path: Path) -> SourceTable:
    """The table of a CSV/TXT file, with notes on mixed or garbled text."""
    file = str(path)
    data = read_text_bytes(path, file)
    decoded = decode_text_checked(data, file)
    text, delimiter = strip_sep_line(decoded.text)
    delimiter = delimiter or detect_delimiter(text)
    rows = parse_delimited(text, delimiter, file)
    notes = _stray_notes(data, decoded, file) + _garbled_notes(data, decoded, file)
    return build_table(
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
    sample = with_strays(data[start:stop])[0][-40:]
    code = MIXED_ENCODING if len(rows) == 1 and shown == str(rows[0]) else MIXED_ENCODING_ROWS
    return [Problem(code, {"rows": shown, "sample": sample}, file=file, row=rows[0])]


def _garbled_notes(data: bytes, decoded: DecodedText, file: str) -> list[Problem]:
    """A UTF-8 file holding “Ã©” where “é” was meant (text converted twice before it was
    exported): read as it is — the bytes are valid —, with a note naming the rows."""
    if not decoded.encoding.startswith("utf-8"):
        return []
    matches = list(islice(UTF8_READ_AS_CODE_PAGE.finditer(decoded.text), 50))
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
