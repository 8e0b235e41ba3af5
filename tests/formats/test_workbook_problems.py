"""Every problem of a workbook is reported, located by sheet, row and header as written."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from selection_desk import i18n
from selection_desk.errors import Problem, ValidationFailed
from selection_desk.formats.campaign_workbook import read_campaign_workbook
from tests.formats.workbooks import Sheets, WriteWorkbook, set_cell, valid_sheets

Located = tuple[str, str | None, int | None, str | None]
"""(code, sheet, row, column) of a problem."""


def problems_of(path: Path) -> list[Problem]:
    with pytest.raises(ValidationFailed) as raised:
        read_campaign_workbook(path)
    return list(raised.value.problems)


def located(problems: list[Problem]) -> list[Located]:
    return [(p.code, p.sheet, p.row, p.column) for p in problems]


def _edit(*cells: tuple[str, int, str, object]) -> Callable[[Sheets], None]:
    def edit(sheets: Sheets) -> None:
        for sheet, row, header, value in cells:
            set_cell(sheets, sheet, row, header, value)

    return edit


def _setting(key: str, value: object) -> Callable[[Sheets], None]:
    def edit(sheets: Sheets) -> None:
        sheets["Campaign"].append([key, value])

    return edit


def _score_row(
    row: int, dossier: str, juror: str, criterion: str, score: float
) -> Callable[[Sheets], None]:
    def edit(sheets: Sheets) -> None:
        sheets["Scores"].insert(row - 1, [dossier, juror, criterion, score])

    return edit


def _drop(sheet: str) -> Callable[[Sheets], None]:
    def edit(sheets: Sheets) -> None:
        del sheets[sheet]

    return edit


CASES: dict[str, tuple[Callable[[Sheets], None], list[Located]]] = {
    "missing Campaign sheet": (
        _drop("Campaign"),
        [("workbook_missing_sheet", None, None, None)],
    ),
    "missing Criteria sheet": (
        _drop("Criteria"),
        [
            ("workbook_missing_sheet", None, None, None),
            ("workbook_unknown_criterion", "Scores", 2, "criterion"),
            ("workbook_unknown_criterion", "Scores", 3, "criterion"),
            ("workbook_unknown_criterion", "Scores", 4, "criterion"),
        ],
    ),
    "missing required column": (
        _edit(("Criteria", 1, "weight", "heaviness")),
        [("workbook_missing_column", "Criteria", None, "weight")],
    ),
    "empty required cell": (
        _edit(("Criteria", 2, "label", "  ")),
        [("workbook_empty_cell", "Criteria", 2, "label")],
    ),
    "not a number": (
        _edit(("Criteria", 3, "max", "ten")),
        [("workbook_not_a_number", "Criteria", 3, "max")],
    ),
    "weight zero": (
        _edit(("Criteria", 2, "weight", 0)),
        [("workbook_weight_not_positive", "Criteria", 2, "weight")],
    ),
    "weight negative": (
        _edit(("Criteria", 2, "weight", "-1,5")),
        [("workbook_weight_not_positive", "Criteria", 2, "weight")],
    ),
    "min not below max": (
        _edit(("Criteria", 3, "min", 10), ("Criteria", 3, "threshold", None)),
        [("workbook_scale_inverted", "Criteria", 3, "max")],
    ),
    "step zero": (
        _edit(("Criteria", 3, "step", 0)),
        [("workbook_step_not_positive", "Criteria", 3, "step")],
    ),
    "step not dividing the range": (
        _edit(("Criteria", 3, "step", 3)),
        [("workbook_step_not_dividing", "Criteria", 3, "step")],
    ),
    "threshold outside the scale": (
        _edit(("Criteria", 3, "threshold", 11)),
        [("workbook_threshold_outside_scale", "Criteria", 3, "threshold")],
    ),
    "bad level syntax": (
        _edit(("Criteria", 2, "levels", "0=Absent; Excellent")),
        [("workbook_bad_level", "Criteria", 2, "levels")],
    ),
    "level outside the scale": (
        _edit(("Criteria", 2, "levels", "0=Absent; 9=Excellent")),
        [("workbook_level_outside_scale", "Criteria", 2, "levels")],
    ),
    "level given twice": (
        _edit(("Criteria", 2, "levels", "0=Absent; 0,0=Nothing")),
        [("workbook_duplicate_level", "Criteria", 2, "levels")],
    ),
    "duplicate criterion code": (
        _edit(("Criteria", 3, "code", "C1")),
        [
            ("workbook_duplicate_key", "Criteria", 3, "code"),
            ("workbook_unknown_criterion", "Scores", 3, "criterion"),
        ],
    ),
    "duplicate juror code": (
        _edit(("Jurors", 3, "code", "J1")),
        [
            ("workbook_duplicate_key", "Jurors", 3, "code"),
            ("workbook_unknown_juror", "Conflicts", 2, "juror"),
        ],
    ),
    "duplicate dossier ref": (
        _edit(("Dossiers", 3, "ref", "D1")),
        [
            ("workbook_duplicate_key", "Dossiers", 3, "ref"),
            ("workbook_unknown_dossier", "Conflicts", 2, "dossier"),
            ("workbook_unknown_dossier", "Scores", 4, "dossier"),
        ],
    ),
    "unknown role": (
        _edit(("Jurors", 3, "role", "chief")),
        [("workbook_unknown_role", "Jurors", 3, "role")],
    ),
    "unknown juror in Conflicts": (
        _edit(("Conflicts", 2, "juror", "J9")),
        [("workbook_unknown_juror", "Conflicts", 2, "juror")],
    ),
    "conflict declared twice": (
        _edit(("Conflicts", 3, "juror", "J2"), ("Conflicts", 3, "dossier", "D2")),
        [("workbook_duplicate_conflict", "Conflicts", 3, "dossier")],
    ),
    "unknown criterion in Scores": (
        _edit(("Scores", 3, "criterion", "C9")),
        [("workbook_unknown_criterion", "Scores", 3, "criterion")],
    ),
    "unknown juror in Scores": (
        _edit(("Scores", 3, "juror", "J9")),
        [("workbook_unknown_juror", "Scores", 3, "juror")],
    ),
    "unknown dossier in Scores": (
        _edit(("Scores", 3, "dossier", "D9")),
        [("workbook_unknown_dossier", "Scores", 3, "dossier")],
    ),
    "empty score": (
        _edit(("Scores", 3, "score", None)),
        [("workbook_empty_cell", "Scores", 3, "score")],
    ),
    "score outside the scale": (
        _edit(("Scores", 2, "score", 6)),
        [("workbook_score_outside_scale", "Scores", 2, "score")],
    ),
    "score off its step": (
        _edit(("Scores", 2, "score", "3,3")),
        [("workbook_score_off_step", "Scores", 2, "score")],
    ),
    "score given twice": (
        _score_row(5, "D1", "J1", "C1", 3),
        [("workbook_duplicate_score", "Scores", 5, "criterion")],
    ),
    "juror scoring a conflicted dossier": (
        _score_row(5, "D2", "J2", "C1", 3),
        [("workbook_conflicted_score", "Scores", 5, "juror")],
    ),
    "unknown status": (
        _edit(("Scores", 2, "status", "maybe")),
        [("workbook_unknown_status", "Scores", 2, "status")],
    ),
    "rows of one review with different statuses": (
        _edit(("Scores", 2, "Status", "final"), ("Scores", 3, "Status", "draft")),
        [("workbook_review_mismatch", "Scores", 3, "Status")],
    ),
    "rows of one review with different confidences": (
        _edit(("Scores", 2, "confidence", 3), ("Scores", 3, "confidence", 4)),
        [("workbook_review_mismatch", "Scores", 3, "confidence")],
    ),
    "confidence outside 1-5": (
        _edit(("Scores", 4, "confidence", 6)),
        [("workbook_confidence_out_of_range", "Scores", 4, "confidence")],
    ),
    "confidence not whole": (
        _edit(("Scores", 4, "confidence", "2,5")),
        [("workbook_not_an_integer", "Scores", 4, "confidence")],
    ),
    "unknown outcome": (
        _edit(("Decisions", 2, "outcome", "accepted?")),
        [("workbook_unknown_outcome", "Decisions", 2, "outcome")],
    ),
    "empty outcome": (
        _edit(("Decisions", 2, "outcome", None)),
        [("workbook_empty_cell", "Decisions", 2, "outcome")],
    ),
    "unknown dossier in Decisions": (
        _edit(("Decisions", 2, "dossier", "D9")),
        [("workbook_unknown_dossier", "Decisions", 2, "dossier")],
    ),
    "two decisions for one dossier": (
        _edit(("Decisions", 3, "dossier", "D1"), ("Decisions", 3, "outcome", "rejected")),
        [("workbook_duplicate_key", "Decisions", 3, "dossier")],
    ),
    "negative votes": (
        _edit(("Decisions", 2, "votes for", -1)),
        [("workbook_negative_number", "Decisions", 2, "votes for")],
    ),
    "known column twice": (
        _edit(("Jurors", 1, "Name", "Name")),
        [("workbook_duplicate_column", "Jurors", None, "Name")],
    ),
    "dossier field twice": (
        _edit(("Dossiers", 1, "City ", "City")),
        [("workbook_duplicate_column", "Dossiers", None, "City")],
    ),
    "unknown method": (
        _setting("Method", "best"),
        [("workbook_unknown_method", "Campaign", 4, "Method")],
    ),
    "places below 1": (
        _edit(("Campaign", 3, "value", 0)),
        [("workbook_places_too_few", "Campaign", 3, "places")],
    ),
    "places not whole": (
        _edit(("Campaign", 3, "value", "2,5")),
        [("workbook_not_an_integer", "Campaign", 3, "places")],
    ),
    "unknown tie-break criterion": (
        _setting("tie_break", "C9"),
        [("workbook_unknown_tie_break", "Campaign", 4, "tie_break")],
    ),
    "criterion decimals above 6": (
        _setting("criterion_decimals", 7),
        [("workbook_decimals_out_of_range", "Campaign", 4, "criterion_decimals")],
    ),
    "criterion decimals not whole": (
        _setting("décimales", "1,5"),
        [("workbook_not_an_integer", "Campaign", 4, "décimales")],
    ),
    "negative spread threshold": (
        _setting("spread_threshold", -3),
        [("workbook_negative_number", "Campaign", 4, "spread_threshold")],
    ),
    "too few stability resamples": (
        _setting("bootstrap", 10),
        [("stability_resamples_out_of_range", "Campaign", 4, "bootstrap")],
    ),
    "negative stability seed": (
        _setting("stabilité_graine", -1),
        [("stability_seed_out_of_range", "Campaign", 4, "stabilité_graine")],
    ),
    "unknown language": (
        _setting("language", "de"),
        [("workbook_unknown_language", "Campaign", 4, "language")],
    ),
    "not a boolean": (
        _setting("confidence_weighting", "perhaps"),
        [("workbook_not_a_boolean", "Campaign", 4, "confidence_weighting")],
    ),
    "invalid uid": (
        _setting("uid", "not-a-uuid"),
        [("workbook_invalid_uid", "Campaign", 4, "uid")],
    ),
    "unknown setting": (
        _setting("number of seats", 3),
        [("workbook_unknown_setting", "Campaign", 4, "number of seats")],
    ),
    "setting given twice": (
        _setting("Places", 3),
        [("workbook_duplicate_setting", "Campaign", 4, "Places")],
    ),
    "campaign without a name": (
        _edit(("Campaign", 2, "value", None)),
        [("workbook_missing_setting", "Campaign", 2, None)],
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_each_problem_is_located(write_workbook: WriteWorkbook, case: str) -> None:
    edit, expected = CASES[case]
    sheets = valid_sheets()
    edit(sheets)
    problems = problems_of(write_workbook(sheets))
    assert located(problems) == expected
    for problem in problems:
        assert problem.file is not None and problem.file.endswith("campaign.xlsx")
        assert "{" not in problem.message()  # every fact of the template is given


def test_a_campaign_sheet_without_the_name_key(write_workbook: WriteWorkbook) -> None:
    sheets = valid_sheets()
    sheets["Campaign"] = [["places", 2]]
    assert located(problems_of(write_workbook(sheets))) == [
        ("workbook_missing_setting", "Campaign", None, None)
    ]


def test_a_criteria_sheet_without_criteria(write_workbook: WriteWorkbook) -> None:
    sheets = valid_sheets()
    sheets = {"Campaign": sheets["Campaign"], "Criteria": sheets["Criteria"][:1]}
    assert located(problems_of(write_workbook(sheets))) == [
        ("workbook_no_criteria", "Criteria", None, None)
    ]


def test_a_sheet_given_twice(write_workbook: WriteWorkbook) -> None:
    sheets = valid_sheets()
    sheets["Critères"] = sheets["Criteria"]
    assert located(problems_of(write_workbook(sheets))) == [
        ("workbook_duplicate_sheet", "Critères", None, None)
    ]


def test_a_missing_column_is_named_in_the_language_of_the_sheet(
    write_workbook: WriteWorkbook,
) -> None:
    sheets = valid_sheets()
    sheets["Critères"] = sheets.pop("Criteria")
    set_cell(sheets, "Critères", 1, "weight", "heaviness")
    assert located(problems_of(write_workbook(sheets))) == [
        ("workbook_missing_column", "Critères", None, "poids")
    ]


def test_everything_at_once(write_workbook: WriteWorkbook) -> None:
    sheets = valid_sheets()
    for edit in (
        _edit(("Criteria", 2, "weight", "heavy")),
        _edit(("Criteria", 3, "step", 3)),
        _edit(("Jurors", 3, "role", "boss")),
        _edit(("Dossiers", 3, "ref", None)),
        _edit(("Scores", 2, "score", 6)),
        _edit(("Scores", 4, "confidence", 9)),
        _edit(("Decisions", 2, "outcome", "maybe")),
        _setting("method", "lottery"),
    ):
        edit(sheets)
    problems = problems_of(write_workbook(sheets))
    # In reading order: sheet by sheet as the export writes them, row by row.
    assert located(problems) == [
        ("workbook_unknown_method", "Campaign", 4, "method"),
        ("workbook_not_a_number", "Criteria", 2, "weight"),
        ("workbook_step_not_dividing", "Criteria", 3, "step"),
        ("workbook_unknown_role", "Jurors", 3, "role"),
        ("workbook_empty_cell", "Dossiers", 3, "ref"),
        ("workbook_unknown_dossier", "Conflicts", 2, "dossier"),
        ("workbook_score_outside_scale", "Scores", 2, "score"),
        ("workbook_unknown_dossier", "Scores", 4, "dossier"),
        ("workbook_confidence_out_of_range", "Scores", 4, "confidence"),
        ("workbook_unknown_outcome", "Decisions", 2, "outcome"),
    ]


def test_the_message_lists_every_problem_with_its_place(write_workbook: WriteWorkbook) -> None:
    sheets = valid_sheets()
    set_cell(sheets, "Scores", 2, "score", 6)
    set_cell(sheets, "Jurors", 3, "role", "boss")
    with pytest.raises(ValidationFailed) as raised:
        read_campaign_workbook(write_workbook(sheets))
    message = raised.value.message()
    assert message.splitlines()[0] == "2 problem(s) found; nothing was changed:"
    assert "sheet Scores, row 2, column score: The score 6 is outside the scale of criterion" in (
        message
    )
    assert "sheet Jurors, row 3, column role: “boss” is not a role" in message


def test_problems_read_in_french(write_workbook: WriteWorkbook) -> None:
    sheets = valid_sheets()
    set_cell(sheets, "Scores", 2, "score", "3,3")
    with pytest.raises(ValidationFailed) as raised:
        read_campaign_workbook(write_workbook(sheets))
    with i18n.language("fr"):
        message = raised.value.message()
    assert "feuille Scores, ligne 2, colonne score" in message
    assert "3,3" in message and "0,5" in message
