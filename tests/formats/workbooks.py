"""Workbooks built cell by cell with openpyxl, the way a secretary's spreadsheet would be."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import openpyxl

Sheets = dict[str, list[list[object]]]
"""Sheet title → rows (lists of cell values); row ``i`` of the list is spreadsheet row ``i + 1``."""

WriteWorkbook = Callable[..., Path]
"""The ``write_workbook`` fixture: ``write_workbook(sheets, name="campaign.xlsx") -> Path``."""


def valid_sheets() -> Sheets:
    """A small, valid English campaign workbook: 2 criteria, 2 jurors, 2 dossiers."""
    return {
        "Campaign": [
            ["key", "value"],
            ["name", "Prize 2025"],
            ["places", 2],
        ],
        "Criteria": [
            ["code", "label", "weight", "min", "max", "step", "threshold", "levels"],
            ["C1", "Team", 2, 0, 5, 0.5, None, "0=Absent; 5=Excellent"],
            ["C2", "Market", 1, 0, 10, 1, 3, None],
        ],
        "Jurors": [
            ["code", "name", "email", "role"],
            ["J1", "Anne", "anne@example.org", "president"],
            ["J2", "Bruno", None, "member"],
        ],
        "Dossiers": [
            ["ref", "name", "City"],
            ["D1", "Alpha", "Lyon"],
            ["D2", "Beta", "Paris"],
        ],
        "Conflicts": [
            ["juror", "dossier", "reason"],
            ["J2", "D2", "advisor"],
        ],
        "Scores": [
            ["dossier", "juror", "criterion", "score", "comment"],
            ["D1", "J1", "C1", 4, "good"],
            ["D1", "J1", "C2", 7, None],
            ["D2", "J1", "C1", 2.5, None],
        ],
        "Decisions": [
            ["dossier", "outcome", "rationale"],
            ["D1", "selected", "strong team"],
        ],
    }


def save_workbook(sheets: Sheets, path: Path) -> Path:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    workbook.save(path)
    return path


def set_cell(sheets: Sheets, sheet: str, row: int, header: str, value: object) -> None:
    """Set the cell of spreadsheet row ``row`` under ``header`` (adding the column if needed)."""
    rows = sheets[sheet]
    if header not in rows[0]:
        rows[0].append(header)
    column = rows[0].index(header)
    while len(rows) < row:
        rows.append([])
    cells = rows[row - 1]
    cells.extend([None] * (column + 1 - len(cells)))
    cells[column] = value
