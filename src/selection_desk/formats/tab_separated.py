"""Rows as tab-separated text, the form a table takes on the clipboard, safe to paste into a
spreadsheet.

A spreadsheet parses each pasted cell as if it were typed: an applicant named
``=HYPERLINK("http://x","y")`` would become a live formula, a tab or a line break inside a name
would shift every cell after it.  So breaks become spaces and text that a spreadsheet would take
for a formula (``=``, ``+``, ``-``, ``@``) gets the apostrophe that makes it text (OWASP's advice
for CSV injection); numbers, negative ones included, stay numbers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_BREAKS = re.compile(r"[\t\r\n]+")
_FORMULA_STARTS = ("=", "+", "-", "@")
_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?%?")  # not "+33 6 12 34 56 78": that is text


def spreadsheet_cell(text: str) -> str:
    """``text`` on one line, read as text (or as the number it is) by the sheet it is pasted in."""
    flat = _BREAKS.sub(" ", text)
    if flat.startswith(_FORMULA_STARTS) and not _NUMBER.fullmatch(flat):
        return "'" + flat
    return flat


def tab_separated(rows: Iterable[Iterable[str]]) -> str:
    """One line per row, cells separated by tabs, each made safe by :func:`spreadsheet_cell`."""
    return "\n".join("\t".join(spreadsheet_cell(cell) for cell in row) for row in rows)
