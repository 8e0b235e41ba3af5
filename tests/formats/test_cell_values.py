"""Cell values: numbers typed the French way, text as a person sees it, rubric levels."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from selection_desk.domain.model import RubricLevel
from selection_desk.formats.cell_values import (
    NotANumberError,
    cell_text,
    parse_integer,
    parse_number,
    plain_number,
)
from selection_desk.formats.rubric_levels import LevelSyntaxError, format_levels, parse_levels


@pytest.mark.parametrize(
    ("cell", "number"),
    [
        (3, 3.0),
        (3.5, 3.5),
        ("3,5", 3.5),
        (" 3.5 ", 3.5),
        ("1\u202f000,5", 1000.5),
        ("-2", -2.0),
        (",5", 0.5),
        ("1e3", 1000.0),
    ],
)
def test_numbers_as_numbers_or_text(cell: object, number: float) -> None:
    assert parse_number(cell) == number


@pytest.mark.parametrize(
    "cell", ["abc", "1,234.5", "1,2,3", "nan", "inf", "1_000", "", True, None, date(2025, 1, 1)]
)
def test_what_is_not_a_number(cell: object) -> None:
    with pytest.raises(NotANumberError):
        parse_number(cell)


def test_integers() -> None:
    assert parse_integer("4") == 4
    assert parse_integer(4.0) == 4
    with pytest.raises(NotANumberError):
        parse_integer("2,5")


@pytest.mark.parametrize(
    ("cell", "text"),
    [
        (None, ""),
        ("  Lyon ", "Lyon"),
        (17, "17"),
        (17.0, "17"),
        (2.5, "2.5"),
        (True, "true"),
        (datetime(2025, 3, 14), "2025-03-14"),
        (datetime(2025, 3, 14, 9, 30), "2025-03-14 09:30:00"),
        (date(2025, 3, 14), "2025-03-14"),
        (time(9, 30), "09:30:00"),
    ],
)
def test_cell_text(cell: object, text: str) -> None:
    assert cell_text(cell) == text


def test_plain_numbers() -> None:
    assert plain_number(3.0) == "3"
    assert plain_number(2.5) == "2.5"
    assert plain_number(2.5, decimal_comma=True) == "2,5"
    assert plain_number(4) == "4"


def test_levels_on_one_line() -> None:
    assert parse_levels("0=Absent; 1 = Faible ;2,5=Moyen : le projet est esquissé;") == (
        RubricLevel(0.0, "Absent"),
        RubricLevel(1.0, "Faible"),
        RubricLevel(2.5, "Moyen", "le projet est esquissé"),
    )


def test_levels_one_per_line_may_hold_semicolons() -> None:
    text = "0 = Absent : rien; vraiment rien\r\n5 = Excellent;"
    assert parse_levels(text) == (
        RubricLevel(0.0, "Absent", "rien; vraiment rien"),
        RubricLevel(5.0, "Excellent"),
    )


def test_no_levels() -> None:
    assert parse_levels("") == ()
    assert format_levels(()) == ""


@pytest.mark.parametrize(
    ("text", "part"),
    [("0=Absent; Faible", "Faible"), ("x=Absent", "x=Absent"), ("1=", "1="), ("1= : d", "1= : d")],
)
def test_bad_level_syntax_names_the_part(text: str, part: str) -> None:
    with pytest.raises(LevelSyntaxError) as raised:
        parse_levels(text)
    assert raised.value.part == part


def test_levels_written_then_read_back() -> None:
    levels = (
        RubricLevel(0.0, "Absent", "rien;\nvraiment"),
        RubricLevel(2.5, "Moyen"),
        RubricLevel(5.0, "Excellent", "équipe complète"),
    )
    written = format_levels(levels, decimal_comma=True)
    assert written == "0 = Absent : rien; vraiment\n2,5 = Moyen\n5 = Excellent : équipe complète"
    assert parse_levels(written) == (
        RubricLevel(0.0, "Absent", "rien; vraiment"),
        *levels[1:],
    )
