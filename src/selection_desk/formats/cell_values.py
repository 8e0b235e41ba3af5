"""Spreadsheet cell values as the domain wants them: text, and numbers typed the French way too.

A cell read by openpyxl holds ``None``, ``str``, ``int``, ``float``, ``bool`` or a date/time.
People type numbers as text as often as as numbers (``"3,5"``, ``" 12 "``, ``"1 000,5"`` with French
non-breaking thousands spaces), so both are accepted; anything else is refused rather than guessed.

Every number read at an edge of the app (a cell, a command-line argument, a ballot) goes through
:func:`bounded`: beyond :data:`MAX_MAGNITUDE` it is refused, so that no later step overflows
(SQLite's 64-bit integers, exact float integers, babel's decimal formatting).
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, time, timedelta

from selection_desk.errors import define_message
from selection_desk.i18n import N_

_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_LARGEST_EXACT_INTEGER = 2**53

MAX_MAGNITUDE = 1e12
"""The largest number (in absolute value) any input accepts: scores, weights, scales, places, votes
and revisions are all far below; a float still holds every integer up to it exactly."""

NUMBER_TOO_LARGE = define_message(
    "number_too_large", N_("{value} is too large: numbers are limited to ±{limit}.")
)


class NotANumberError(ValueError):
    """The cell holds something that is not a number."""


class NumberTooLargeError(NotANumberError):
    """The value is a number beyond :data:`MAX_MAGNITUDE`."""


def bounded(number: float) -> float:
    """``number`` when finite and within :data:`MAX_MAGNITUDE`; else :class:`NotANumberError`
    (infinite, NaN) or :class:`NumberTooLargeError`."""
    if isinstance(number, float) and not math.isfinite(number):
        raise NotANumberError(number)
    if abs(number) > MAX_MAGNITUDE:
        raise NumberTooLargeError(number)
    return number


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def cell_text(value: object) -> str:
    """The text a person sees in the cell: ``17.0`` → ``"17"``, a date → ``"2025-03-14"``."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return plain_number(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(" ")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    return str(value)


def parse_number(value: object) -> float:
    """A finite number within :data:`MAX_MAGNITUDE` from a number cell or a text cell; a decimal
    comma is accepted."""
    if isinstance(value, bool):
        raise NotANumberError(value)
    number: float
    if isinstance(value, int | float):
        number = value
    elif isinstance(value, str):
        number = _parse_number_text(value)
    else:
        raise NotANumberError(value)
    try:
        # Bounded before float(): an int beyond a float's range would overflow there.
        return float(bounded(number))
    except NotANumberError as error:
        raise type(error)(value) from None


def parse_integer(value: object) -> int:
    number = parse_number(value)
    if not number.is_integer():
        raise NotANumberError(value)
    return int(number)


def _parse_number_text(text: str) -> float:
    compact = _SPACES.sub("", text)
    if "," in compact:
        if "." in compact or compact.count(",") > 1:
            raise NotANumberError(text)  # "1,234.5" or "1,2,3": ambiguous, never guessed
        compact = compact.replace(",", ".")
    if not _NUMBER.fullmatch(compact):
        raise NotANumberError(text)
    return float(compact)


def plain_number(value: float, decimal_comma: bool = False) -> str:
    """What a person types: ``3.0`` → ``"3"``, ``2.5`` → ``"2.5"`` (or ``"2,5"``)."""
    value = float(value)  # an int slips in where a float is declared
    if value.is_integer() and abs(value) < _LARGEST_EXACT_INTEGER:
        return str(int(value))
    text = repr(value)
    return text.replace(".", ",") if decimal_comma else text
