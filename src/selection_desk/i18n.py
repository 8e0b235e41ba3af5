"""One translation mechanism for the core, the command line, the reports and the GUI.

gettext catalogs live in ``resources/translations/<lang>.po`` and are compiled to ``.mo`` at build
time (``packaging/hatch_build.py``).  English is the source language.  Numbers and dates are
formatted with Babel for the active language (decimal comma in French).
"""

from __future__ import annotations

import decimal
import gettext
import math
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from functools import cache

from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.dates import format_datetime as babel_format_datetime
from babel.numbers import format_decimal, format_scientific

from selection_desk.resources import resource_path

DOMAIN = "selection_desk"
LANGUAGES = ("fr", "en")
DEFAULT_LANGUAGE = "fr"

_active_language = DEFAULT_LANGUAGE


@cache
def _translations(language: str) -> gettext.NullTranslations:
    localedir = resource_path("translations")
    return gettext.translation(
        DOMAIN, localedir=str(localedir), languages=[language], fallback=True
    )


def detect_language(environ: dict[str, str] | None = None) -> str:
    """The user's language from the environment (LANGUAGE, LC_ALL, LC_MESSAGES, LANG), else French.

    Most users work in French, so an unset or unsupported locale falls back to French; ``C`` and
    ``POSIX`` mean the user chose the untranslated (English) programme messages.
    """
    env = os.environ if environ is None else environ
    for variable in ("SELECTION_DESK_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(variable, "")
        if not value:
            continue
        for candidate in value.split(":"):
            code = candidate.split(".")[0].split("@")[0].split("_")[0].lower()
            if code in LANGUAGES:
                return code
            if code in ("c", "posix"):
                return "en"
        if variable not in ("SELECTION_DESK_LANG", "LANGUAGE"):
            return DEFAULT_LANGUAGE  # the first locale variable set decides, as in gettext
    return DEFAULT_LANGUAGE


def set_language(language: str) -> None:
    global _active_language
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language {language!r}; expected one of {LANGUAGES}")
    _active_language = language


def current_language() -> str:
    return _active_language


@contextmanager
def language(code: str) -> Iterator[None]:
    """Temporarily switch language (a report in English from a French session)."""
    previous = _active_language
    set_language(code)
    try:
        yield
    finally:
        set_language(previous)


def _(message: str) -> str:
    """Translate ``message`` into the active language."""
    return _translations(_active_language).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translations(_active_language).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it now (translated when rendered)."""
    return message


def babel_locale(language: str | None = None) -> Locale:
    return Locale.parse({"fr": "fr_FR", "en": "en_GB"}[language or _active_language])


_NESTED_QUOTES = {
    # language: (primary opening, primary closing) → (secondary opening, secondary closing)
    "fr": (re.compile(r"«\s*"), re.compile(r"\s*»"), "“", "”"),
    "en": (re.compile(r"“"), re.compile(r"”"), "‘", "’"),
}


def inside_quotes(text: str, language: str | None = None) -> str:
    """``text`` ready to sit between the language's quotation marks: its own marks of that kind
    become the secondary ones, as typography wants (« Appel « Numérique » » reads « Appel
    “Numérique” »; “The “Green” call” reads “The ‘Green’ call”)."""
    opening, closing, secondary_opening, secondary_closing = _NESTED_QUOTES[
        language or _active_language
    ]
    return closing.sub(secondary_closing, opening.sub(secondary_opening, text))


_SCIENTIFIC_FROM = 1e15


def format_number(value: float | int, decimals: int | None = 2, language: str | None = None) -> str:
    """``12.5`` → ``12,50`` in French, ``12.50`` in English.

    Halves round up, away from zero, on the decimal the value reads as (73.25 → 73.3, as 76.75 →
    76.8): the rule of the aggregates (design §5, :mod:`~selection_desk.aggregation.rounding`),
    where babel alone would round half to even.  ``decimals=None`` keeps the digits the value has.
    From 10^15 on (a refused input quoted in a message), scientific notation: ``1E30`` (babel's
    decimal formatting fails there)."""
    if math.isfinite(value) and abs(value) >= _SCIENTIFIC_FROM:
        return format_scientific(value, format="0.###E0", locale=babel_locale(language))
    pattern = None if decimals is None else ("#,##0." + "0" * decimals if decimals else "#,##0")
    with decimal.localcontext() as context:  # babel quantizes in the current decimal context
        context.rounding = decimal.ROUND_HALF_UP
        return format_decimal(value, format=pattern, locale=babel_locale(language))


def format_date(value: date, language: str | None = None) -> str:
    return babel_format_date(value, format="long", locale=babel_locale(language))


def format_datetime(value: datetime, language: str | None = None) -> str:
    return babel_format_datetime(value, format="medium", locale=babel_locale(language))
