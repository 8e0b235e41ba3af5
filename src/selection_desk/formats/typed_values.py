"""The type of a stored value — number, money, percentage, date, date and time, or text — read
from its text, so that what shows or exports it sorts, formats and writes by value.

Dossier fields are stored as the text the applicant's form tool gave ("125 000 €", "15/03/2021",
"12,5 %"); :func:`typed_value` reads that text once, the same way for the Dossiers table, the
workbook and the PDFs.  A value whose type the import stored already comes in as that type
(``int``, ``float``, ``date``, ``datetime``) and is kept as it is.  Anything ambiguous stays
text: a value is never guessed into a number or a date.

A field whose type the import stored (``"money"``, ``"date:MDY"``, ``"phone"``…) is read with
that type by :func:`typed_field`: “03/04/2026” in a month-first column is the 4th of March, a
phone number stays text whatever its digits.
"""

from __future__ import annotations

import enum
import math
import re
from dataclasses import dataclass
from datetime import date, datetime

from selection_desk.formats import column_types
from selection_desk.formats.cell_values import NotANumberError, parse_number


class Kind(enum.Enum):
    TEXT = "text"
    NUMBER = "number"
    MONEY = "money"
    PERCENT = "percent"
    DATE = "date"
    DATETIME = "datetime"


@dataclass(frozen=True)
class TypedValue:
    kind: Kind
    text: str
    """The stored text, as shown when the type is text."""
    number: float | None = None
    """The amount for a number or money; the fraction (0.125 for "12,5 %") for a percentage."""
    when: date | None = None
    """The date (a :class:`datetime` for a date and time)."""

    def sort_key(self) -> tuple[int, float, str]:
        """Numbers before dates before text; each by value (dates by their ordinal)."""
        if self.number is not None:
            return (0, self.number, self.text)
        if isinstance(self.when, datetime):
            clock = self.when.hour * 3600 + self.when.minute * 60 + self.when.second
            return (1, self.when.toordinal() + clock / 86400, self.text)
        if self.when is not None:
            return (1, float(self.when.toordinal()), self.text)
        return (2, 0.0, self.text.casefold())


_MONEY = re.compile(r"^\s*(?:€|\$|eur\b)?\s*(?P<amount>[^€$]*?)\s*(?:€|\$|eur|euros?)?\s*$", re.I)
_HAS_CURRENCY = re.compile(r"€|\$|\beur(os?)?\b", re.I)
_PERCENT = re.compile(r"^\s*(?P<amount>.+?)\s*%\s*$")
_THOUSANDS = re.compile(r"(?<=\d)[\s\u00a0\u202f'](?=\d{3}\b)")
_SPACE = re.compile(r"[\s\u00a0\u202f]")
_LEADING_ZERO = re.compile(r"^[+-]?0\d")
"""A phone number, a postcode or a code ("0612345678", "06 12 34 56 78"): an identifier."""
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DAY_FIRST = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_ISO_DATETIME = re.compile(
    r"^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(:\d{2}(\.\d+)?)?)([+-]\d{2}:?\d{2}|Z)?$"
)


def typed_value(value: object) -> TypedValue:
    """``value`` (stored text, or a value the import typed) with its type."""
    if isinstance(value, bool) or value is None:
        return TypedValue(Kind.TEXT, "" if value is None else str(value))
    if isinstance(value, int | float):
        return TypedValue(Kind.NUMBER, str(value), number=float(value))
    if isinstance(value, datetime):
        return TypedValue(Kind.DATETIME, value.isoformat(" "), when=value)
    if isinstance(value, date):
        return TypedValue(Kind.DATE, value.isoformat(), when=value)
    text = str(value).strip()
    return _typed_text(text) or TypedValue(Kind.TEXT, text)


def _typed_text(text: str) -> TypedValue | None:
    if not text or not any(ch.isdigit() for ch in text):
        return None
    when = _date(text)
    if when is not None:
        kind = Kind.DATETIME if isinstance(when, datetime) else Kind.DATE
        return TypedValue(kind, text, when=when)
    percent = _PERCENT.match(text)
    if percent:
        amount = _amount(percent["amount"])
        return None if amount is None else TypedValue(Kind.PERCENT, text, number=amount / 100)
    if _HAS_CURRENCY.search(text):
        money = _MONEY.match(text)
        amount = _amount(money["amount"]) if money else None
        return None if amount is None else TypedValue(Kind.MONEY, text, number=amount)
    amount = _amount(text)
    return None if amount is None else TypedValue(Kind.NUMBER, text, number=amount)


def _amount(text: str) -> float | None:
    """A number written by a person: "125 000", "1 000,5", "3.5"; None if it is not one."""
    compact = _THOUSANDS.sub("", text.strip())
    if _SPACE.search(compact) or _LEADING_ZERO.match(compact):
        return None  # "+33 6 12 34 56 78": spaces that do not group thousands
    try:
        return parse_number(compact)
    except NotANumberError:
        return None


def _date(text: str) -> date | None:
    try:
        if match := _ISO_DATE.match(text):
            return date(int(match[1]), int(match[2]), int(match[3]))
        if match := _DAY_FIRST.match(text):
            return date(int(match[3]), int(match[2]), int(match[1]))
        if match := _ISO_DATETIME.match(text):
            return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:  # 31/02/2021: not a date, text
        return None
    return None


_STORED_KINDS = {
    "number": Kind.NUMBER,
    "money": Kind.MONEY,
    "percent": Kind.PERCENT,
    "date": Kind.DATE,
    "datetime": Kind.DATETIME,
}


def typed_field(text: str, stored_type: str | None) -> TypedValue:
    """A dossier field's text read with the type the import stored for its field (``None``: no
    type stored, the text alone decides as :func:`typed_value` does).  A value that does not read
    as its type, or a type that is not a number or a date (a phone, a link, a yes/no), is text."""
    column = column_types.ColumnType.parse(stored_type) if stored_type else None
    if column is None:
        return typed_value(text)
    kind = _STORED_KINDS.get(column.kind)
    read = column_types.typed_value(text, column) if kind is not None else None
    if isinstance(read, float) and kind is not None:
        return TypedValue(kind, text, number=read)
    if isinstance(read, datetime) and kind is Kind.DATETIME:
        return TypedValue(kind, text, when=read)
    if isinstance(read, date):  # a date column's ISO value reads as midnight: its day
        day = read.date() if isinstance(read, datetime) else read
        return TypedValue(Kind.DATE, text, when=day)
    return TypedValue(Kind.TEXT, text.strip())


def same_typed_value(original: str, stored_type: str | None, cell: str) -> bool:
    """Whether ``cell`` — a typed workbook cell as the import reads it (“125000”, “0.125”,
    “2021-03-15”) — holds the value of ``original``, the applicant's text of a field of
    ``stored_type`` (“125 000 €”, “12,5 %”, “15/03/2021”): then the text is kept."""
    if stored_type is None or original == cell:
        return original == cell
    before = typed_field(original, stored_type)
    if before.kind is Kind.TEXT:
        return False
    after = typed_value(cell)
    if before.number is not None:
        return after.number is not None and math.isclose(
            before.number, after.number, rel_tol=1e-12, abs_tol=1e-12
        )
    return after.when is not None and after.when == before.when
