"""A condition on one dossier field, typed as the field is (the Dossiers table's field filter)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from selection_desk import i18n
from selection_desk.errors import InvalidInput
from selection_desk.formats.field_filter import parse_condition


def _matching(condition_text: str, stored_type: str | None, texts: list[str]) -> list[str]:
    condition = parse_condition(condition_text, stored_type)
    assert condition is not None
    return [text for text in texts if condition.matches(text)]


AMOUNTS = ["125 000 €", "90 000 €", "1 250 000 €", "100 000 €", "environ 5 k", ""]


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        (">100000", ["125 000 €", "1 250 000 €"]),
        (">= 100 000", ["125 000 €", "1 250 000 €", "100 000 €"]),
        ("≥100000", ["125 000 €", "1 250 000 €", "100 000 €"]),
        ("<100000", ["90 000 €"]),
        ("=90000", ["90 000 €"]),
        ("90 000", ["90 000 €"]),
        ("90000-125000", ["125 000 €", "90 000 €", "100 000 €"]),
        ("90000..125000", ["125 000 €", "90 000 €", "100 000 €"]),
        ("125000..90000", ["125 000 €", "90 000 €", "100 000 €"]),
    ],
)
def test_amounts_compare_by_value(condition: str, expected: list[str]) -> None:
    # A value that is not an amount (“environ 5 k”, nothing) never meets a numeric condition.
    assert _matching(condition, "money", AMOUNTS) == expected


def test_percentages_are_written_as_percentages() -> None:
    shares = ["12,5 %", "40 %", "7 %", "n/a"]
    assert _matching("<=12.5", "percent", shares) == ["12,5 %", "7 %"]
    assert _matching("<=12,5", "percent", shares) == ["12,5 %", "7 %"]
    assert _matching("<= 12,5 %", "percent", shares) == ["12,5 %", "7 %"]
    assert _matching("10-50", "percent", shares) == ["12,5 %", "40 %"]


def test_numbers_take_french_and_negative_bounds() -> None:
    values = ["-3", "0", "2,5", "12", "1 000"]
    assert _matching("-5..1", "number", values) == ["-3", "0"]
    assert _matching(">2,4", "number", values) == ["2,5", "12", "1 000"]
    assert _matching("<0", "number", values) == ["-3"]


def test_dates_compare_by_day_iso_or_day_first() -> None:
    days = ["15/03/2026", "28/02/2026", "01/03/2026", "pas encore"]
    assert _matching(">=2026-03-01", "date:DMY", days) == ["15/03/2026", "01/03/2026"]
    assert _matching("15/03/2026", "date:DMY", days) == ["15/03/2026"]
    assert _matching("<01/03/2026", "date:DMY", days) == ["28/02/2026"]
    assert _matching("01/03/2026..31/03/2026", "date:DMY", days) == ["15/03/2026", "01/03/2026"]
    # A month-first column reads its own values month first; the condition stays day first.
    assert _matching("2026-03-04", "date:MDY", ["03/04/2026", "04/03/2026"]) == ["03/04/2026"]


def test_a_date_and_time_compares_by_its_day() -> None:
    stamps = ["2026-03-15 14:02:11", "2026-03-16 08:00:00"]
    assert _matching("15/03/2026", "datetime:YMD", stamps) == ["2026-03-15 14:02:11"]
    assert _matching(">2026-03-15", "datetime:YMD", stamps) == ["2026-03-16 08:00:00"]


def test_yes_no_in_french_or_english() -> None:
    answers = ["Oui", "Non", "TRUE", "peut-être", ""]
    assert _matching("oui", "yes/no", answers) == ["Oui", "TRUE"]
    assert _matching("No", "yes/no", answers) == ["Non"]
    assert _matching("yes", "yes/no", answers) == ["Oui", "TRUE"]


def test_choices_and_text_contain_the_words() -> None:
    sectors = ["Énergie, Bâtiment", "Mobilité", "Energie"]
    assert _matching("energie", "choices", sectors) == ["Énergie, Bâtiment", "Energie"]
    assert _matching("BATI ener", "choices", sectors) == ["Énergie, Bâtiment"]
    assert _matching("mobi", None, sectors) == ["Mobilité"]
    # Typed conditions mean nothing for text: “>3” is looked for as it is.
    assert _matching(">3", "text", ["a >3 b", "4"]) == ["a >3 b"]


def test_an_empty_condition_is_no_condition() -> None:
    assert parse_condition("  ", "money") is None


@pytest.mark.parametrize(
    ("text", "stored_type", "message"),
    [
        (">abc", "money", "“>abc” is not a condition on a number"),
        ("10-", "number", "“10-” is not a condition on a number"),
        (">", "number", "“>” is not a condition on a number"),
        ("mars", "date:DMY", "“mars” is not a condition on a date"),
        ("31/02/2026", "date:DMY", "“31/02/2026” is not a condition on a date"),
        ("peut-être", "yes/no", "“peut-être” is neither yes nor no"),
    ],
)
def test_a_condition_that_cannot_be_read_says_what_to_type(
    text: str, stored_type: str, message: str
) -> None:
    with pytest.raises(InvalidInput) as raised, i18n.language("en"):
        parse_condition(text, stored_type)
    with i18n.language("en"):
        assert raised.value.message().startswith(message)
    with i18n.language("fr"):
        assert raised.value.message().startswith("« ")


@settings(deadline=None)
@given(
    st.integers(-(10**9), 10**9),
    st.integers(-(10**9), 10**9),
    st.integers(-(10**9), 10**9),
)
def test_a_range_holds_exactly_the_values_between_its_ends(low: int, high: int, value: int) -> None:
    inside = min(low, high) <= value <= max(low, high)
    for separator in ("..", " .. "):
        condition = parse_condition(f"{low}{separator}{high}", "number")
        assert condition is not None and condition.matches(str(value)) is inside
    assert parse_condition(f">={low}", "number").matches(str(value)) is (value >= low)  # type: ignore[union-attr]
    assert parse_condition(f"<{low}", "number").matches(str(value)) is (value < low)  # type: ignore[union-attr]


@settings(deadline=None)
@given(st.dates(date(1990, 1, 1), date(2100, 12, 31)), st.integers(-400, 400))
def test_day_first_and_iso_dates_mean_the_same_day(day: date, shift: int) -> None:
    other = day + timedelta(days=shift)
    iso = parse_condition(f">={day.isoformat()}", "date:DMY")
    french = parse_condition(f">={day:%d/%m/%Y}", "date:DMY")
    assert iso is not None and french is not None
    field = f"{other:%d/%m/%Y}"
    assert iso.matches(field) is french.matches(field) is (other >= day)
