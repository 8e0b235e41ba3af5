"""Clipboard tables: applicant text pasted into a spreadsheet stays text, on its own cell."""

from __future__ import annotations

import pytest

from selection_desk.formats.tab_separated import spreadsheet_cell, tab_separated


@pytest.mark.parametrize(
    ("text", "pasted"),
    [
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("+33 6 12 34 56 78", "'+33 6 12 34 56 78"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("-2+3", "'-2+3"),
        ("-12,5", "-12,5"),  # a number stays a number
        ("+4", "+4"),
        ("66,67", "66,67"),
        ("Éco-Logis", "Éco-Logis"),
        ("", ""),
    ],
)
def test_text_a_sheet_would_take_for_a_formula_is_marked_as_text(text: str, pasted: str) -> None:
    assert spreadsheet_cell(text) == pasted


def test_tabs_and_line_breaks_inside_a_cell_cannot_shift_the_others() -> None:
    text = tab_separated([["Rank", "Name"], ["1", "Start\tup\r\nde Lyon"]])
    assert text.split("\n") == ["Rank\tName", "1\tStart up de Lyon"]
