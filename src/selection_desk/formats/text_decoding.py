"""The encoding of a text file, by an ordered try: byte-order mark, UTF-16 without a mark (every
other byte NUL), strict UTF-8 (with stray Windows-1252 bytes noted), then cp1252 or Mac Roman,
whichever yields more French letters (charset-normalizer was measured and rejected: on short
French cp1252 lists it answered cp1250 and turned “Hélène” into “Hélčne”)."""

from __future__ import annotations

import codecs
import re
from collections import Counter
from itertools import islice
from typing import NamedTuple

from selection_desk.errors import Problem, ValidationFailed, define_message
from selection_desk.formats.delimited import rows_at_offsets
from selection_desk.formats.source_table import source_failure
from selection_desk.i18n import N_

_FRENCH_LETTERS = "éèêëàâäçùûüôöîïœÉÈÊÀÂÇÙÛÔÎŒ«»€°"


_CONTROLS = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


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


def utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` when every other byte is NUL (UTF-16 without a mark)."""
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
    utf16 = utf16_without_bom(data)
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


UTF8_READ_AS_CODE_PAGE = re.compile(
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
    score -= 12 * len(UTF8_READ_AS_CODE_PAGE.findall(text))
    return score


def with_strays(data: bytes) -> tuple[str, list[int]]:
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
            text = with_strays(sample)[0]
        else:
            try:
                text = sample.decode(encoding)
            except UnicodeDecodeError:
                continue
        if not _has_controls(text):
            candidates.append((french_score(text), -rank, encoding))
    if not candidates:
        if not has_utf8 and _has_controls(data.decode("latin-1")):
            raise source_failure(BINARY_TEXT, file)
        raise _decoding_failure(UNKNOWN_ENCODING, data, first_bad, file)
    score, _rank, encoding = max(candidates)
    if score <= 0:
        raise _decoding_failure(UNKNOWN_ENCODING, data, first_bad, file)
    if encoding == _UTF8_WITH_STRAYS:
        text, offsets = with_strays(body)
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


def _has_controls(text: str) -> bool:
    """C0/C1 control characters other than tab and line ends: not a text a person typed."""
    return _CONTROLS.search(text) is not None
