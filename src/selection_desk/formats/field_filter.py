"""A condition on one dossier field, typed as the field is: ``>100000``, ``<=12,5``, ``10-20``,
``>=2026-03-01``, ``15/03/2026``, ``oui``, a word of a multiple choice.

The Dossiers table filters a column with the condition the secretary types
(:func:`parse_condition`, then :meth:`FieldCondition.matches` on each field's text):

- a number, an amount or a percentage: ``>``, ``>=``, ``<``, ``<=``, ``=`` (also ``≥``, ``≤``)
  before a number, or a range ``10-20`` / ``10..20`` (both ends included), or a number alone
  (equal).  Numbers are written the French way too (``12,5``, ``100 000``); in a percentage
  column ``12,5`` means 12.5 %.
- a date or a date and time: the same operators and ranges before a date written ``2026-03-01``
  or day first ``15/03/2026``; a date and time compares by its day.
- yes/no: ``oui``, ``non``, ``yes``, ``no`` (``vrai``, ``faux``, ``true``, ``false``).
- a multiple choice, and any other field: the words it must contain (accents and case ignored).

A value that does not read as its type (“environ 5 k” in an amount column) matches no typed
condition.  A condition that cannot be read raises :class:`~selection_desk.errors.InvalidInput`
with one sentence saying what to type.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from selection_desk.errors import InvalidInput, define_message
from selection_desk.formats import column_types
from selection_desk.formats.headers import fold
from selection_desk.formats.typed_values import TypedValue, typed_field, typed_value
from selection_desk.i18n import N_

NUMBER = "number"
DATE = "date"
YES_NO = "yes/no"
WORDS = "words"
"""The kinds of condition: what a field's stored type (or detected type) calls for."""

_KIND_OF_TYPE = {
    "number": NUMBER,
    "money": NUMBER,
    "percent": NUMBER,
    "date": DATE,
    "datetime": DATE,
    "yes/no": YES_NO,
}

NOT_A_NUMBER_CONDITION = define_message(
    "filter_not_a_number",
    N_(
        "“{text}” is not a condition on a number: type for instance >100000, <=12.5 or a range "
        "10-20."
    ),
)
NOT_A_DATE_CONDITION = define_message(
    "filter_not_a_date",
    N_(
        "“{text}” is not a condition on a date: type for instance >=2026-03-01, 15/03/2026 or a "
        "range 01/03/2026..31/03/2026."
    ),
)
NOT_YES_OR_NO = define_message(
    "filter_not_yes_or_no", N_("“{text}” is neither yes nor no: type oui, non, yes or no.")
)

_OPERATOR = re.compile(r"^(?P<op>>=|<=|≥|≤|>|<|=)\s*(?P<value>.+)$")
_SAME_OPERATOR = {"≥": ">=", "≤": "<="}
_RANGE_SEPARATORS = ("..", "…", "–", "—", "-")
_YES = {"oui", "yes", "true", "vrai", "o", "y"}
_NO = {"non", "no", "false", "faux", "n"}
_COMPARE: dict[str, Callable[[float, float], bool]] = {
    ">": lambda value, bound: value > bound,
    ">=": lambda value, bound: value >= bound,
    "<": lambda value, bound: value < bound,
    "<=": lambda value, bound: value <= bound,
    "=": lambda value, bound: value == bound,
}

Bound = float


def condition_kind(stored_type: str | None) -> str:
    """The kind of condition a field of ``stored_type`` (``"money"``, ``"date:DMY"``…) takes."""
    kind = (stored_type or "").partition(":")[0]
    return _KIND_OF_TYPE.get(kind, WORDS)


@dataclass(frozen=True)
class FieldCondition:
    """What a field's value must be: ``low <= value <= high`` (either may be open) or, for an
    operator, ``value <op> low``; for yes/no, ``answer``; for words, each of ``words``."""

    kind: str
    stored_type: str | None
    operator: str = ""
    low: Bound | None = None
    high: Bound | None = None
    answer: bool | None = None
    words: tuple[str, ...] = ()

    def matches(self, text: str) -> bool:
        """Whether a field holding ``text`` meets the condition."""
        if self.kind == WORDS:
            folded = fold(text)
            return all(word in folded for word in self.words)
        if self.kind == YES_NO:
            return column_types.typed_value(text, column_types.ColumnType("yes/no")) is self.answer
        value = _measure(typed_field(text, self.stored_type), self.kind)
        if value is None:
            return False
        if self.operator:
            assert self.low is not None
            return _COMPARE[self.operator](value, self.low)
        return (self.low is None or value >= self.low) and (self.high is None or value <= self.high)


def parse_condition(text: str, stored_type: str | None) -> FieldCondition | None:
    """The condition ``text`` states on a field of ``stored_type``; ``None`` for an empty text
    (no condition).  Raises :class:`InvalidInput` when it cannot be read."""
    text = text.strip()
    if not text:
        return None
    kind = condition_kind(stored_type)
    if kind == WORDS:
        return FieldCondition(kind, stored_type, words=tuple(fold(text).split()))
    if kind == YES_NO:
        folded = fold(text)
        if folded not in _YES | _NO:
            raise InvalidInput(NOT_YES_OR_NO, text=text)
        return FieldCondition(kind, stored_type, answer=folded in _YES)
    percent = (stored_type or "").startswith("percent")
    read = _bound_reader(kind, percent)
    error = NOT_A_NUMBER_CONDITION if kind == NUMBER else NOT_A_DATE_CONDITION
    operator = _OPERATOR.match(text)
    if operator:
        bound = read(operator["value"])
        if bound is None:
            raise InvalidInput(error, text=text)
        op = _SAME_OPERATOR.get(operator["op"], operator["op"])
        return FieldCondition(kind, stored_type, operator=op, low=bound)
    alone = read(text)
    if alone is not None:
        return FieldCondition(kind, stored_type, low=alone, high=alone)
    for separator in _RANGE_SEPARATORS:
        low_text, found, high_text = text.partition(separator)
        if not found or not low_text.strip():
            continue
        low, high = read(low_text), read(high_text)
        if low is not None and high is not None:
            return FieldCondition(kind, stored_type, low=min(low, high), high=max(low, high))
    raise InvalidInput(error, text=text)


def _bound_reader(kind: str, percent: bool) -> Callable[[str], Bound | None]:
    """How the value of a condition is read: a number (in a percentage column, ``12,5`` is
    12.5 % and ``12,5 %`` too), or a date as its day number."""

    def read(text: str) -> Bound | None:
        value = typed_value(text.strip())
        if kind == DATE:
            return _measure(value, DATE)
        if value.number is None or value.when is not None:
            return None
        if percent and not value.text.rstrip().endswith("%"):
            return value.number / 100
        return value.number

    return read


def _measure(value: TypedValue, kind: str) -> float | None:
    """The number a typed field compares by: its amount, or its day (a date and time by its
    day, so that ``=15/03/2026`` finds 15/03/2026 14:02)."""
    if kind == NUMBER:
        return value.number if value.when is None else None
    when = value.when
    if when is None:
        return None
    day = when.date() if isinstance(when, datetime) else when
    return float(date.toordinal(day))
