"""A spreadsheet's typed cells as dossier fields: the text each field keeps, and its column's type.

A workbook written by Selection Desk (or by anyone in a spreadsheet) holds an amount as the number
125000 with a currency format, a percentage as the fraction 0.125 with a ``%`` format, a date as a
date.  Read into a campaign that never saw the applicant's text, such a cell keeps the text a
person reads in it — “125000”, “12.5 %”, “2026-03-04” — and its column gets the type the cells
and their values say (:func:`typed_cell_columns`), so that the Dossiers table sorts and filters
it and the next export writes it as a typed cell again.  A text cell in such a column keeps its
text as written (“125 000 €”, “environ 5 k”).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date

from selection_desk.formats.cell_values import cell_text, plain_number
from selection_desk.formats.column_types import column_type

TypedCell = tuple[object, str]
"""A cell's value (as openpyxl gives it) and its number format (``""``: none read)."""

_MONEY_FORMAT = re.compile(r"[€$£¥]|\[\$|#,##0\.00")
"""A currency sign, Excel's ``[$€-x]`` locale currency, or the export's own amount format."""
_PERCENT_DIGITS = 10
"""0.07 × 100 is 7.000000000000001 in binary: the percentage is rounded before it is written."""


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def field_text(value: object, number_format: str = "") -> str:
    """The text a field keeps for a cell: a percentage as the person reads it (“12.5 %”, not
    “0.125”), everything else as :func:`~selection_desk.formats.cell_values.cell_text` says."""
    if isinstance(value, int | float) and not isinstance(value, bool) and "%" in number_format:
        return f"{plain_number(round(value * 100, _PERCENT_DIGITS))} %"
    return cell_text(value)


def _is_typed(value: object) -> bool:
    return _is_number(value) or isinstance(value, bool | date)


def typed_cell_columns(columns: Mapping[str, Sequence[TypedCell]]) -> dict[str, str]:
    """Header → type (``"money"``, ``"date:YMD"``…, as a mapping file spells it) of each column
    holding typed cells, from their values, the texts of the column and its header; a column of
    text cells alone, or whose values say text, is left out (read from its text later)."""
    types: dict[str, str] = {}
    for header, cells in columns.items():
        typed = [(value, number_format) for value, number_format in cells if _is_typed(value)]
        if not typed:
            continue
        texts = [field_text(value, number_format) for value, number_format in cells]
        found = column_type(header, [text for text in texts if text], texts)
        kind = found.kind
        if kind == "number" and any(_MONEY_FORMAT.search(fmt) for value, fmt in typed if fmt):
            kind = "money"
        if kind != "text":
            types[header] = found.spelled() if kind == found.kind else kind
    return types
