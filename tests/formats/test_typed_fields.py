"""A dossier field read with the type its import stored (issue 19): the stored type wins over
what the text alone would suggest; values that do not read as their type stay text."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from selection_desk.formats.typed_values import Kind, typed_field


@pytest.mark.parametrize(
    ("text", "stored", "kind", "number", "when"),
    [
        ("03/04/2026", "date:MDY", Kind.DATE, None, date(2026, 3, 4)),
        ("03/04/2026", "date:DMY", Kind.DATE, None, date(2026, 4, 3)),
        ("2026-04-03", "date:YMD", Kind.DATE, None, date(2026, 4, 3)),
        ("3/7/2026 14:02:11", "datetime:MDY", Kind.DATETIME, None, datetime(2026, 3, 7, 14, 2, 11)),
        ("125 000 €", "money", Kind.MONEY, 125000.0, None),
        ("12,5 %", "percent", Kind.PERCENT, 0.125, None),
        ("1 250", "number", Kind.NUMBER, 1250.0, None),
        ("0612345678", "phone", Kind.TEXT, None, None),
        ("03/04/2026", "date:?", Kind.TEXT, None, None),
        ("bientôt", "money", Kind.TEXT, None, None),
    ],
)
def test_a_field_reads_with_its_stored_type(
    text: str, stored: str, kind: Kind, number: float | None, when: date | None
) -> None:
    value = typed_field(text, stored)
    assert (value.kind, value.number, value.when) == (kind, number, when)


def test_without_a_stored_type_the_text_decides() -> None:
    assert typed_field("15/03/2021", None).when == date(2021, 3, 15)
    assert typed_field("15/03/2021", "not a type").when == date(2021, 3, 15)
