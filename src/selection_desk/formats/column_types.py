"""The type of each column of a dossier list, from its values and its header.

Form exports hold text: “125 000”, “1 250 000 €”, “12,5 %”, “15/03/2021”, “3/7/2026 14:02:11”
(Google's M/D/YYYY), “Oui/Non”, “TRUE”.  :func:`detect_column_types` names each column's type
(:data:`KINDS`) from the first rows — the header breaks ties (“Montant” is money, “Téléphone” a
phone) — and decides a date column's day/month order from *all* its values: a first number above
12 means day first, a second one above 12 month first; when no value tells, the tool's known
format decides (Google Forms' English ``Timestamp`` is month first, its French ``Horodateur`` day
first), else the column is marked ambiguous for the secretary to decide in the mapping file
(``"types": {"Date de création": "date:DMY"}``).  :func:`typed_value` reads one value with its
type; the original text is always kept beside it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from selection_desk.formats.cell_values import cell_text, is_blank
from selection_desk.formats.headers import normalise_header
from selection_desk.formats.source_table import SourceTable

KINDS = (
    "number",
    "money",
    "percent",
    "date",
    "datetime",
    "yes/no",
    "choices",
    "link",
    "e-mail",
    "phone",
    "text",
)
DATE_ORDERS = ("DMY", "MDY", "YMD")
TYPE_SAMPLE_ROWS = 100
"""A column's type is read from its first rows; a date's order from all of them."""

_NUMBER = re.compile(r"^[-+]?\d{1,3}([\s\u00a0\u202f.,']?\d{3})*([.,]\d+)?$|^[-+]?\d+([.,]\d+)?$")
_MONEY_SIGN = re.compile(r"\s*(€|\$|£|eur|euros?|usd|chf)\s*", re.IGNORECASE)
_PERCENT = re.compile(r"^(?P<number>.+?)\s*%$")
_NUMERIC_DATE = re.compile(
    r"^(?P<a>\d{1,2})[/.-](?P<b>\d{1,2})[/.-](?P<year>\d{4}|\d{2})"
    r"(?P<time>[ T,-]+\d{1,2}:\d{2}(:\d{2})?(\s*[AaPp][Mm])?)?$"
)
_ISO_DATE = re.compile(
    r"^(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})"
    r"(?P<time>[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$"
)
_YES_NO = {"oui", "non", "yes", "no", "true", "false", "vrai", "faux", "y", "n"}
_EMAIL = re.compile(r"^[^@\s<>()]+@[^@\s<>()]+\.[^@\s<>()]{2,}$")
_LINK = re.compile(r"^https?://\S+$", re.IGNORECASE)
_PHONE = re.compile(r"^\+?[\d\s().\-/]{8,22}$")
_PHONE_HEADER = re.compile(r"\b(tel|telephone|phone|mobile|portable|cell|gsm)\b")
_MONEY_HEADER = re.compile(
    r"\b(montant|budget|cout|prix|chiffre d'affaires|ca|amount|price|cost|funding|revenue|"
    r"subvention|financement|levee|eur|euros?)\b|€|\$"
)
_CHOICE_SEPARATOR = re.compile(r",\s+|;\s*")

_MONTH_FIRST_HEADERS = {
    "timestamp",
    "start date",
    "end date",
    "start time",
    "completion time",
    "last modified time",
}
"""Headers that tools writing month-first dates in English use (Google Forms, SurveyMonkey,
Microsoft Forms)."""
_DAY_FIRST_HEADERS = {
    "horodateur",
    "date de debut",
    "date de fin",
    "heure de debut",
    "heure de fin",
    "heure de la derniere modification",
}


@dataclass(frozen=True)
class ColumnType:
    """A column's type; for a date, its day/month order (``None`` with ``ambiguous``)."""

    kind: str
    date_order: str | None = None
    ambiguous: bool = False

    def spelled(self) -> str:
        """As the mapping file writes it: ``"money"``, ``"date:DMY"``, ``"date:?"``."""
        if self.kind in ("date", "datetime"):
            return f"{self.kind}:{self.date_order or '?'}"
        return self.kind

    @classmethod
    def parse(cls, text: str) -> ColumnType | None:
        """The type a mapping file names (``None`` when it is not one)."""
        kind, _colon, order = text.strip().partition(":")
        if kind not in KINDS:
            return None
        if kind in ("date", "datetime"):
            known = order.upper() if order.upper() in DATE_ORDERS else None
            return cls(kind, known, ambiguous=known is None)
        return cls(kind)


def detect_column_types(
    table: SourceTable, given: Mapping[str, str] | None = None
) -> dict[str, ColumnType]:
    """Header → type for every column of ``table``; ``given`` (from a mapping file) wins."""
    types: dict[str, ColumnType] = {}
    sample = table.rows[:TYPE_SAMPLE_ROWS]
    for index, header in enumerate(table.headers):
        chosen = ColumnType.parse(given[header]) if given and header in given else None
        if chosen is None:
            values = [_text(row.cells, index) for row in sample]
            everything = (_text(row.cells, index) for row in table.rows)
            chosen = column_type(header, values, everything)
        types[header] = chosen
    return types


def column_type(header: str, sample: Sequence[str], everything: Iterable[str]) -> ColumnType:
    """The type of a column named ``header`` from the texts of its first rows (``sample``); a
    date's order from ``everything`` it holds (read only for a date)."""
    kind = _kind(normalise_header(header), [value for value in sample if value])
    if kind in ("date", "datetime"):
        return _date_type(kind, header, everything)
    return ColumnType(kind)


def _text(cells: Sequence[object], index: int) -> str:
    value = cells[index] if index < len(cells) else None
    return "" if is_blank(value) else cell_text(value).strip()


def mostly(values: Sequence[str], test: Callable[[str], object], share: float = 0.9) -> bool:
    """Whether at least ``share`` of ``values`` pass ``test``; stops as soon as they cannot."""
    allowed_misses = int(len(values) * (1 - share) + 1e-9)
    misses = 0
    for value in values:
        if not test(value):
            misses += 1
            if misses > allowed_misses:
                return False
    return True


def _kind(key: str, values: Sequence[str]) -> str:
    """The type the values say, the header breaking ties (money, phone)."""
    if not values:
        return "text"
    checks: tuple[tuple[str, Callable[[str], object]], ...] = (
        ("e-mail", _EMAIL.match),
        ("link", _LINK.match),
        ("yes/no", lambda value: value.casefold() in _YES_NO),
        ("percent", lambda value: _percent(value) is not None),
    )
    for kind, test in checks:
        if mostly(values, test):
            return kind
    if all(_date_parts(value) is not None for value in values):
        timed = any((parts := _date_parts(value)) is not None and parts[3] for value in values)
        return "datetime" if timed else "date"
    if _PHONE_HEADER.search(key) and mostly(values, _PHONE.match):
        return "phone"
    if all(_NUMBER.match(_MONEY_SIGN.sub("", value)) for value in values):
        signed = any(_MONEY_SIGN.search(value) for value in values)
        return "money" if signed or _MONEY_HEADER.search(key) else "number"
    if _looks_like_choices(values):
        return "choices"
    return "text"


def _looks_like_choices(values: Sequence[str]) -> bool:
    """Comma-joined answers drawn from a few options that repeat across rows."""
    parts = [part for value in values for part in _CHOICE_SEPARATOR.split(value) if part]
    joined = sum(1 for value in values if _CHOICE_SEPARATOR.search(value))
    options = {part.casefold() for part in parts}
    return joined >= max(2, len(values) // 5) and len(options) <= max(3, len(parts) // 3)


def _percent(value: str) -> float | None:
    found = _PERCENT.match(value)
    if found is None:
        return None
    return _number(found.group("number"))


def _number(text: str) -> float | None:
    """“1 250 000”, “12,5”, “1.250,50”, “1,250.50” → a float (``None`` when not a number)."""
    text = _MONEY_SIGN.sub("", text).strip()
    if not _NUMBER.match(text):
        return None
    digits = re.sub(r"[\s\u00a0\u202f']", "", text)
    if "," in digits and "." in digits:
        # The last of the two marks the decimals: “1.250,50” and “1,250.50”.
        decimal, thousands = (",", ".") if digits.rfind(",") > digits.rfind(".") else (".", ",")
        digits = digits.replace(thousands, "").replace(decimal, ".")
    else:
        # One mark alone is a decimal one (“12,5”, the French way); repeated, it groups thousands.
        for mark in (",", "."):
            if digits.count(mark) > 1:
                digits = digits.replace(mark, "")
        digits = digits.replace(",", ".")
    try:
        return float(digits)
    except ValueError:
        return None


def _date_parts(value: str) -> tuple[int, int, int, bool] | None:
    """(first number, second number, year, has a time) of a date, ``(day, month…)`` once
    ordered; ISO dates come as (day, month, year) already."""
    iso = _ISO_DATE.match(value)
    if iso:
        return int(iso["day"]), int(iso["month"]), int(iso["year"]), bool(iso["time"])
    found = _NUMERIC_DATE.match(value)
    if found is None:
        return None
    return int(found["a"]), int(found["b"]), int(found["year"]), bool(found["time"])


def _date_type(kind: str, header: str, values: Iterable[str]) -> ColumnType:
    """The column's order: told by a number above 12, else by the tool's known format."""
    day_first = month_first = iso = False
    for value in values:
        if not value:
            continue
        if _ISO_DATE.match(value):
            iso = True
            continue
        parts = _date_parts(value)
        if parts is None:
            continue
        day_first = day_first or parts[0] > 12
        month_first = month_first or parts[1] > 12
    if iso and not (day_first or month_first):
        return ColumnType(kind, "YMD")
    if day_first != month_first:
        return ColumnType(kind, "DMY" if day_first else "MDY")
    key = normalise_header(header)
    if not day_first and key in _MONTH_FIRST_HEADERS:
        return ColumnType(kind, "MDY")
    if not day_first and key in _DAY_FIRST_HEADERS:
        return ColumnType(kind, "DMY")
    return ColumnType(kind, None, ambiguous=True)


def typed_value(text: str, column: ColumnType) -> object:
    """``text`` read as its column's type: a float, a date or datetime, a bool, a list of
    choices; the text itself when it does not read (or the type is text-like)."""
    value = text.strip()
    if not value:
        return None
    if column.kind in ("number", "money"):
        number = _number(value)
        return value if number is None else number
    if column.kind == "percent":
        percent = _percent(value)
        return value if percent is None else percent / 100
    if column.kind == "yes/no":
        folded = value.casefold()
        return folded in {"oui", "yes", "true", "vrai", "y"} if folded in _YES_NO else value
    if column.kind == "choices":
        return [part.strip() for part in _CHOICE_SEPARATOR.split(value) if part.strip()]
    if column.kind in ("date", "datetime"):
        return _typed_date(value, column) or value
    return value


def _typed_date(value: str, column: ColumnType) -> date | datetime | None:
    iso = _ISO_DATE.match(value)
    try:
        if iso:
            return datetime.fromisoformat(value.replace("Z", "+00:00").replace(" ", "T"))
        found = _NUMERIC_DATE.match(value)
        if found is None or column.date_order not in ("DMY", "MDY"):
            return None
        first, second = int(found["a"]), int(found["b"])
        day, month = (first, second) if column.date_order == "DMY" else (second, first)
        year = int(found["year"]) + (2000 if len(found["year"]) == 2 else 0)
        day_value = date(year, month, day)
    except ValueError:
        return None
    time_text = (found["time"] or "").strip(" T,-")
    if not time_text:
        return day_value
    for pattern in ("%H:%M:%S", "%H:%M", "%I:%M:%S %p", "%I:%M %p"):
        try:
            moment = datetime.strptime(time_text.upper(), pattern).time()
        except ValueError:
            continue
        return datetime.combine(day_value, moment)
    return day_value
