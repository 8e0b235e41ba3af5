"""Huge numbers in every numeric input: one clear sentence, never a traceback, nothing written."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from selection_desk.cli import main
from selection_desk.domain import Round, RubricLevel
from selection_desk.errors import InvalidInput, ValidationFailed
from selection_desk.formats.campaign_workbook import read_campaign_workbook
from selection_desk.formats.cell_values import (
    MAX_MAGNITUDE,
    NotANumberError,
    NumberTooLargeError,
    bounded,
    parse_integer,
    parse_number,
)
from selection_desk.i18n import format_number
from selection_desk.services.campaign_settings import update_campaign
from selection_desk.services.criteria import edit_criterion
from selection_desk.services.expertise import assign_by_expertise, set_juror_profile
from selection_desk.services.rounds import add_round, edit_round
from selection_desk.services.weights import apply_weights
from selection_desk.storage.store import CampaignStore
from tests.factories import make_campaign_file
from tests.formats.workbooks import save_workbook, set_cell, valid_sheets


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_huge_numbers_format_in_scientific_notation() -> None:
    assert format_number(1e30, None, "en") == "1E30"
    assert format_number(1e308, 2, "fr") == "1E308"
    assert format_number(10**30, 0, "en") == "1E30"
    assert format_number(-1.5e20, None, "fr") == "-1,5E20"
    assert format_number(123.5, 2, "fr") == "123,50"


@pytest.mark.parametrize("value", [1e30, 1e308, 10**30, 2**70, "1e30", "99999999999999999999999"])
def test_numbers_beyond_the_bound_are_refused(value: object) -> None:
    with pytest.raises(NumberTooLargeError):
        parse_number(value)
    with pytest.raises(NumberTooLargeError):
        parse_integer(value)


def test_the_bound_itself_and_non_finite_values() -> None:
    assert bounded(MAX_MAGNITUDE) == MAX_MAGNITUDE and bounded(-3) == -3
    assert parse_integer(int(MAX_MAGNITUDE)) == int(MAX_MAGNITUDE)
    for value in (float("inf"), float("nan")):
        with pytest.raises(NotANumberError):
            bounded(value)


@pytest.mark.parametrize("value", ["1e30", "1e308", "-1e300", "99999999999999999999999"])
def test_score_with_a_huge_value_says_one_sentence(
    value: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = make_campaign_file(tmp_path / "c.seldesk")
    before = _digest(file)
    code = main(["--lang", "en", "score", str(file), "J2", "D02", "TEAM", "--", value])
    err = capsys.readouterr().err.strip()
    assert code == 1
    assert err == f"{value} is too large: numbers are limited to ±1,000,000,000,000."
    assert _digest(file) == before


@pytest.mark.parametrize("option", ["--bootstrap", "--seed", "--places"])
def test_rank_options_beyond_the_bound_are_usage_errors(
    option: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = make_campaign_file(tmp_path / "c.seldesk")
    with pytest.raises(SystemExit) as exited:
        main(["--lang", "en", "rank", str(file), option, str(2**70)])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and str(2**70) in err


@pytest.mark.parametrize(
    ("sheet", "row", "header", "value"),
    [
        ("Campaign", 3, "value", 10**30),  # places
        ("Campaign", 3, "value", "1e30"),
        ("Scores", 2, "score", 1e308),
        ("Criteria", 2, "weight", 1e300),
        ("Criteria", 2, "max", 1e300),
    ],
)
def test_a_workbook_with_a_huge_number_lists_the_problem(
    sheet: str, row: int, header: str, value: object, tmp_path: Path
) -> None:
    sheets = valid_sheets()
    set_cell(sheets, sheet, row, header, value)
    path = save_workbook(sheets, tmp_path / "huge.xlsx")
    with pytest.raises(ValidationFailed) as raised:
        read_campaign_workbook(path)
    [problem] = raised.value.problems
    assert problem.code == "number_too_large"
    assert (problem.sheet, problem.row) == (sheet, row)
    assert "is too large: numbers are limited to ±1,000,000,000,000." in problem.message()


def test_importing_a_huge_places_setting_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheets = valid_sheets()
    set_cell(sheets, "Campaign", 3, "value", 10**30)
    source = save_workbook(sheets, tmp_path / "huge.xlsx")
    file = make_campaign_file(tmp_path / "c.seldesk")
    before = _digest(file)
    code = main(["--lang", "en", "import", str(file), str(source)])
    err = capsys.readouterr().err
    assert code == 1 and "is too large" in err and "Unexpected error" not in err
    assert _digest(file) == before


def _refused_as_too_large(tmp_path: Path, change: Callable[[CampaignStore], object]) -> None:
    """``change`` is refused with the bound's own message, and the file is left as it was."""
    file = make_campaign_file(tmp_path / "c.seldesk")
    before = _digest(file)
    with CampaignStore.open(file) as store, pytest.raises(InvalidInput) as raised:
        change(store)
    assert raised.value.code == "number_too_large"
    assert raised.value.message().endswith("numbers are limited to ±1,000,000,000,000.")
    assert _digest(file) == before


@pytest.mark.parametrize(
    "changes",
    [{"places": 10**30}, {"places": 2**70}, {"spread_threshold": 1e300}],
)
def test_the_campaign_settings_refuse_numbers_beyond_the_bound(
    changes: dict[str, object], tmp_path: Path
) -> None:
    """``places = 10**30`` used to end in ``Unexpected error (OverflowError)``."""
    _refused_as_too_large(
        tmp_path,
        lambda store: update_campaign(store, replace(store.campaign(), **changes)),  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(
    "changes",
    [
        {"weight": 1e30},
        {"scale_min": -1e300},
        {"scale_max": 1e300},
        {"step": 1e13},
        {"threshold": 1e20},
        {"levels": (RubricLevel(1e30, "Trop"),)},
    ],
)
def test_a_criterion_refuses_numbers_beyond_the_bound(
    changes: dict[str, object], tmp_path: Path
) -> None:
    def edit_first(store: CampaignStore) -> object:
        criterion = store.criteria()[0]
        return edit_criterion(store, criterion.code, replace(criterion, **changes))  # type: ignore[arg-type]

    _refused_as_too_large(tmp_path, edit_first)


def test_the_bound_itself_is_accepted_by_the_set_up(tmp_path: Path) -> None:
    file = make_campaign_file(tmp_path / "c.seldesk")
    with CampaignStore.open(file) as store:
        criterion = store.criteria()[0]
        edit_criterion(store, criterion.code, replace(criterion, weight=MAX_MAGNITUDE))
        assert store.criteria()[0].weight == MAX_MAGNITUDE


@pytest.mark.parametrize(
    "settings",
    [{"places": 10**30}, {"places": 2**70}, {"weight": 1e300}, {"weight": 1e13}],
)
def test_a_round_refuses_numbers_beyond_the_bound(
    settings: dict[str, object], tmp_path: Path
) -> None:
    """``round add --places 10**30`` ended in ``Unexpected error (OverflowError)``, and a weight
    of 1e300 was stored."""
    _refused_as_too_large(
        tmp_path,
        lambda store: add_round(store, Round("R9", "Later", **settings)),  # type: ignore[arg-type]
    )
    (tmp_path / "edit").mkdir()
    _refused_as_too_large(
        tmp_path / "edit", lambda store: edit_round(store, store.round.code, **settings)
    )


@pytest.mark.parametrize("weight", [1e30, 10**30, 2**70])
def test_what_if_weights_refuse_numbers_beyond_the_bound(weight: float, tmp_path: Path) -> None:
    def apply(store: CampaignStore) -> object:
        return apply_weights(store, {store.criteria()[0].code: weight}, actor="test")

    _refused_as_too_large(tmp_path, apply)


def test_the_cli_says_one_sentence_for_a_round_with_huge_places(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = make_campaign_file(tmp_path / "c.seldesk")
    before = _digest(file)
    code = main(
        ["--lang", "en", "round", str(file), "add", "R9", "--name", "X", "--places", "1" + "0" * 30]
    )
    err = capsys.readouterr().err
    assert code in (1, 2) and "too large" in err and "Unexpected error" not in err
    assert _digest(file) == before


@pytest.mark.parametrize("max_load", [10**30, 2**70])
def test_a_juror_s_maximum_load_refuses_numbers_beyond_the_bound(
    max_load: int, tmp_path: Path
) -> None:
    """``expertise --juror J1 --max-load 10**30`` ended in ``Unexpected error (OverflowError)``."""
    _refused_as_too_large(
        tmp_path,
        lambda store: set_juror_profile(store, store.jurors()[0].code, max_load=max_load),
    )
    (tmp_path / "plan").mkdir()
    _refused_as_too_large(
        tmp_path / "plan", lambda store: assign_by_expertise(store, 1, max_load=max_load)
    )
