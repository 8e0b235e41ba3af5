"""A list of jurors from a spreadsheet: XLSX, or CSV as French Excel and web tools write it.

Columns are found by their headers in English or French (:mod:`selection_desk.formats.headers`):
code (optional), name — or first name and last name —, e-mail, role.  In an XLSX file the sheet
named like the campaign workbook's Jurors sheet is read, else the first sheet.  CSV text may be
UTF-8 (with or without BOM), UTF-16 or Windows-1252, separated by ``;``, ``,`` or tabs.  Every
problem of the file is reported at once; a file with any problem yields nothing.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from selection_desk.domain.model import Role
from selection_desk.errors import Problem, ValidationFailed, define_message
from selection_desk.formats.cell_values import cell_text, is_blank
from selection_desk.formats.headers import (
    JUROR_COLUMNS,
    JURORS_SHEET,
    SHEETS,
    Column,
    match_headers,
)
from selection_desk.formats.vocabulary import ROLES
from selection_desk.i18n import N_

MAX_TEXT_BYTES = 20 * 1024 * 1024
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")

LIST_UNREADABLE = define_message(
    "juror_list_unreadable", N_("The file cannot be read (missing, or permission denied).")
)
LIST_TOO_LARGE = define_message(
    "juror_list_too_large", N_("The file is too large to be a list of jurors.")
)
LIST_NOT_TEXT = define_message(
    "juror_list_not_text",
    N_("The file is neither an Excel workbook (.xlsx) nor a text file (.csv) that can be read."),
)
LIST_EMPTY = define_message("juror_list_empty", N_("The file lists no juror."))
LIST_NO_NAME_COLUMN = define_message(
    "juror_list_no_name_column",
    N_("No column gives the jurors' names (expected “name” or “nom”, or first and last names)."),
)
LIST_EMPTY_NAME = define_message("juror_list_empty_name", N_("The name is empty."))
LIST_UNKNOWN_ROLE = define_message(
    "juror_list_unknown_role",
    N_("“{value}” is not a role; use president, member, secretary or observer."),
)
LIST_BAD_EMAIL = define_message("juror_list_bad_email", N_("“{value}” is not an e-mail address."))
LIST_DUPLICATE_CODE = define_message(
    "juror_list_duplicate_code", N_("The code “{value}” is already used on row {first_row}.")
)

_CODE = Column("code", "code", "code", ("juror code", "code juré", "id", "identifiant"))
_NAME = Column("name", "name", "nom", ("full name", "nom complet", "nom et prénom"))
_FIRST = Column("first_name", "first name", "prénom", ("given name", "firstname", "prenom"))
_LAST = Column("last_name", "last name", "nom de famille", ("surname", "family name", "lastname"))
COLUMNS: tuple[Column, ...] = (_CODE, _NAME, _FIRST, _LAST, JUROR_COLUMNS[2], JUROR_COLUMNS[3])


@dataclass(frozen=True)
class JurorEntry:
    """One row of the list.  ``code`` is empty when the file has no code column or cell."""

    row: int
    code: str
    name: str
    email: str
    role: Role


def read_juror_list(path: Path) -> tuple[JurorEntry, ...]:
    file = str(path)
    sheet, rows = _read_rows(path, file)
    filled = [
        (number, row)
        for number, row in enumerate(rows, start=1)
        if not all(is_blank(v) for v in row)
    ]
    if not filled:
        raise ValidationFailed([Problem(LIST_EMPTY, file=file, sheet=sheet)], file=file)
    header = filled[0][1]
    match = match_headers(header, COLUMNS)
    positions = dict(match.positions)
    if "first_name" in positions and "last_name" not in positions and "name" in positions:
        # "Prénom | Nom": with a first-name column, "nom" is the family name.
        positions["last_name"] = positions.pop("name")
    if "name" not in positions and "last_name" not in positions and "first_name" not in positions:
        raise ValidationFailed([Problem(LIST_NO_NAME_COLUMN, file=file, sheet=sheet)], file=file)
    written = {key: match.written.get(key, key) for key in positions}
    if "last_name" in positions and "last_name" not in match.written:
        written["last_name"] = match.written.get("name", "last_name")

    problems: list[Problem] = []
    entries: list[JurorEntry] = []
    first_rows: dict[str, int] = {}
    for number, row in filled[1:]:

        def cell(key: str, row: Sequence[object] = row) -> str:
            index = positions.get(key)
            return cell_text(row[index]) if index is not None and index < len(row) else ""

        def problem(code: str, key: str, number: int = number, **facts: object) -> None:
            problems.append(Problem(code, facts, file, sheet, number, written.get(key)))

        code = cell("code")
        if code:
            if code in first_rows:
                problem(LIST_DUPLICATE_CODE, "code", value=code, first_row=first_rows[code])
            first_rows.setdefault(code, number)
        name = cell("name") or " ".join(p for p in (cell("first_name"), cell("last_name")) if p)
        if not name:
            problem(LIST_EMPTY_NAME, "name" if "name" in positions else "last_name")
        email = cell("email")
        if email and not _EMAIL.fullmatch(email):
            problem(LIST_BAD_EMAIL, "email", value=email)
        role_text = cell("role")
        role = Role.MEMBER
        if role_text:
            key = ROLES.key_of(role_text)
            if key is None:
                problem(LIST_UNKNOWN_ROLE, "role", value=role_text)
            else:
                role = Role(key)
        entries.append(JurorEntry(number, code, name, email, role))
    if problems:
        raise ValidationFailed(problems, file=file)
    if not entries:
        raise ValidationFailed([Problem(LIST_EMPTY, file=file, sheet=sheet)], file=file)
    return tuple(entries)


def _read_rows(path: Path, file: str) -> tuple[str | None, list[Sequence[object]]]:
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError:
        raise ValidationFailed([Problem(LIST_UNREADABLE, file=file)], file=file) from None
    if head.startswith(b"PK\x03\x04") or head.startswith(bytes.fromhex("d0cf11e0a1b11ae1")):
        return _xlsx_rows(path)
    return None, _text_rows(path, file)


def _xlsx_rows(path: Path) -> tuple[str | None, list[Sequence[object]]]:
    from selection_desk.formats.safe_xlsx import read_sheet_rows

    sheets = read_sheet_rows(path, wanted=lambda title: True)
    for title, rows in sheets.items():
        if SHEETS.key_of(title) == JURORS_SHEET:
            return title, list(rows)
    if not sheets:
        return None, []
    title = next(iter(sheets))
    return title, list(sheets[title])


def _text_rows(path: Path, file: str) -> list[Sequence[object]]:
    try:
        if path.stat().st_size > MAX_TEXT_BYTES:
            raise ValidationFailed([Problem(LIST_TOO_LARGE, file=file)], file=file)
        data = path.read_bytes()
    except OSError:
        raise ValidationFailed([Problem(LIST_UNREADABLE, file=file)], file=file) from None
    text = _decode(data)
    if text is None:
        raise ValidationFailed([Problem(LIST_NOT_TEXT, file=file)], file=file)
    text = text.replace("\x00", "")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text)))


def _decode(data: bytes) -> str | None:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    for encoding in ("utf-8", "cp1252"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" in text and text.count("\x00") > len(text) // 4:
            return None  # UTF-16 without a BOM or a binary file
        return text
    return None


def _delimiter(text: str) -> str:
    first_line = text.lstrip().split("\n", 1)[0]
    counts = {delimiter: first_line.count(delimiter) for delimiter in (";", "\t", ",")}
    best = max(counts, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","
