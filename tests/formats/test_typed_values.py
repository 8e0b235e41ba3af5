"""Values stored as text read with their type: numbers, money, percentages, dates, or text."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from selection_desk.formats.typed_values import Kind, typed_value


@pytest.mark.parametrize(
    ("text", "kind", "number", "when"),
    [
        ("14", Kind.NUMBER, 14.0, None),
        ("125 000", Kind.NUMBER, 125000.0, None),
        ("1 000,5", Kind.NUMBER, 1000.5, None),
        ("125 000 €", Kind.MONEY, 125000.0, None),
        ("12,5 %", Kind.PERCENT, 0.125, None),
        ("15/03/2021", Kind.DATE, None, date(2021, 3, 15)),
        ("2026-12-12", Kind.DATE, None, date(2026, 12, 12)),
        ("2026-12-12 10:30:00", Kind.DATETIME, None, datetime(2026, 12, 12, 10, 30)),
        ("06 12 34 56 78", Kind.TEXT, None, None),  # a phone number stays text
        ("0612345678", Kind.TEXT, None, None),
        ("1,234.5", Kind.TEXT, None, None),  # ambiguous: never guessed
        ("31/02/2021", Kind.TEXT, None, None),
        ("INC26-001", Kind.TEXT, None, None),
    ],
)
def test_stored_text_is_read_with_its_type(
    text: str, kind: Kind, number: float | None, when: date | None
) -> None:
    value = typed_value(text)
    assert (value.kind, value.number, value.when, value.text) == (kind, number, when, text)


def test_values_sort_by_value_not_by_text() -> None:
    employees = ["1", "11", "14", "2"]
    assert sorted(employees, key=lambda t: typed_value(t).sort_key()) == ["1", "2", "11", "14"]
    dates = ["15/03/2021", "02/11/2020", "2021-01-05"]
    assert sorted(dates, key=lambda t: typed_value(t).sort_key()) == [
        "02/11/2020",
        "2021-01-05",
        "15/03/2021",
    ]


def test_a_value_the_import_typed_keeps_its_type() -> None:
    assert typed_value(7).number == 7.0
    assert typed_value(date(2021, 3, 15)).kind is Kind.DATE
