"""A campaign workbook in rounds (design §10): a ``Rounds`` / ``Tours`` sheet and a round column in
the Criteria, Assignments, Scores and Decisions sheets; every problem located by sheet, row and
column; a workbook without a Rounds sheet reads as it always did."""

from __future__ import annotations

from pathlib import Path

import pytest

from selection_desk.domain import Method, RoundKind, RoundStatus
from selection_desk.errors import ValidationFailed
from selection_desk.formats.campaign_workbook import read_campaign_workbook
from tests.formats.workbooks import Sheets, WriteWorkbook, set_cell, valid_sheets


def two_round_sheets() -> Sheets:
    """The valid workbook in two rounds: R1 (the sheet's criteria, scores and decision), R2 a
    hearing that starts from R1's criteria and changes C2."""
    sheets = valid_sheets()
    sheets["Rounds"] = [
        ["Code", "Name", "Kind", "Places", "Method", "Weight", "Criteria from"],
        ["R1", "Présélection", "dossier", 2, None, 40, None],
        ["R2", "Audition", "hearing", 1, "median", 60, "R1"],
    ]
    sheets["Criteria"][0].append("round")
    sheets["Criteria"].append(["C2", "Market on the day", 3, 0, 10, 1, None, None, "R2"])
    sheets["Assignments"] = [["juror", "dossier", "round"], ["J1", "D1", "R2"]]
    sheets["Scores"][0].append("round")
    sheets["Scores"].append(["D1", "J1", "C2", 9, "on the day", "R2"])
    sheets["Decisions"][0].append("round")
    sheets["Decisions"].append(["D1", "selected", "best pitch", "R2"])
    return sheets


def test_rounds_their_criteria_and_each_rounds_rows(write_workbook: WriteWorkbook) -> None:
    data = read_campaign_workbook(write_workbook(two_round_sheets()))
    assert (data.criteria, data.scores, data.decisions) == ((), (), ())  # all in the rounds
    first, second = data.rounds
    assert (first.round.code, first.round.name, first.round.kind) == (
        "R1",
        "Présélection",
        RoundKind.DOSSIER,
    )
    assert (first.round.places, first.round.method, first.round.weight) == (2, None, 40)
    assert (second.round.kind, second.round.method, second.round.status) == (
        RoundKind.HEARING,
        Method.MEDIAN,
        RoundStatus.OPEN,
    )
    assert [(c.code, c.label, c.weight) for c in first.criteria] == [
        ("C1", "Team", 2),
        ("C2", "Market", 1),
    ]
    # R2 starts from R1's criteria; its own row replaces C2.
    assert [(c.code, c.label, c.weight) for c in second.criteria] == [
        ("C1", "Team", 2),
        ("C2", "Market on the day", 3),
    ]
    assert [(s.dossier, s.criterion, s.value) for s in first.scores] == [
        ("D1", "C1", 4),
        ("D1", "C2", 7),
        ("D2", "C1", 2.5),
    ]
    assert [(s.dossier, s.criterion, s.value) for s in second.scores] == [("D1", "C2", 9)]
    assert [(a.juror, a.dossier) for a in second.assignments] == [("J1", "D1")]
    assert first.assignments == ()
    assert [(d.dossier, d.rationale) for d in first.decisions] == [("D1", "strong team")]
    assert [(d.dossier, d.rationale) for d in second.decisions] == [("D1", "best pitch")]
    assert [(r.juror, r.dossier) for r in second.reviews] == [("J1", "D1")]


def test_french_headers_and_words(write_workbook: WriteWorkbook) -> None:
    sheets = two_round_sheets()
    sheets["Tours"] = [
        ["Tour", "Nom", "Type", "Places", "Méthode", "Poids", "Statut", "Critères repris de"],
        ["R1", "Présélection", "Dossier", 8, "moyenne", "0,4", "clos", None],
        ["R2", "Audition", "audition", 4, None, "0,6", "ouvert", "R1"],
    ]
    del sheets["Rounds"]
    for sheet in ("Criteria", "Scores", "Decisions", "Assignments"):
        sheets[sheet][0][sheets[sheet][0].index("round")] = "Tour"
    data = read_campaign_workbook(write_workbook(sheets))
    first, second = data.rounds
    assert (first.round.kind, first.round.places, first.round.method) == (
        RoundKind.DOSSIER,
        8,
        Method.MEAN,
    )
    assert (first.round.weight, first.round.status) == (0.4, RoundStatus.CLOSED)
    assert (second.round.kind, second.round.weight, second.round.status) == (
        RoundKind.HEARING,
        0.6,
        RoundStatus.OPEN,
    )
    assert [s.value for s in second.scores] == [9]


def located(path: Path) -> list[tuple[str, str | None, int | None, str | None]]:
    with pytest.raises(ValidationFailed) as raised:
        read_campaign_workbook(path)
    return [(p.code, p.sheet, p.row, p.column) for p in raised.value.problems]


def test_every_round_problem_is_located(write_workbook: WriteWorkbook) -> None:
    sheets = two_round_sheets()
    sheets["Rounds"].append(["R3", "Finale", "final", 0, "best", -1, "R9"])
    sheets["Rounds"].append(["R1", "Again", None, None, None, None, None])
    sheets["Scores"].append(["D2", "J1", "C1", 3, None, "R7"])
    sheets["Decisions"].append(["D2", "rejected", None, "R2 "])  # spaces are trimmed: R2
    sheets["Assignments"].append(["J2", "D2", "R2"])  # J2 is conflicted with D2
    assert located(write_workbook(sheets)) == [
        ("workbook_unknown_round_kind", "Rounds", 4, "Kind"),
        ("workbook_round_places_too_few", "Rounds", 4, "Places"),
        ("workbook_unknown_method", "Rounds", 4, "Method"),
        ("workbook_weight_not_positive", "Rounds", 4, "Weight"),
        ("workbook_criteria_from_not_earlier", "Rounds", 4, "Criteria from"),
        ("workbook_round_without_criteria", "Rounds", 4, "Code"),
        ("workbook_duplicate_key", "Rounds", 5, "Code"),
        ("workbook_conflicted_score", "Assignments", 3, "juror"),
        ("workbook_unknown_round", "Scores", 6, "round"),
    ]


def test_a_closed_round_after_an_open_one_is_refused(write_workbook: WriteWorkbook) -> None:
    sheets = two_round_sheets()
    set_cell(sheets, "Rounds", 3, "Status", "closed")
    assert located(write_workbook(sheets)) == [
        ("workbook_closed_after_open", "Rounds", 3, "Status")
    ]


def test_without_a_rounds_sheet_a_round_column_names_no_round(
    write_workbook: WriteWorkbook,
) -> None:
    sheets = valid_sheets()
    set_cell(sheets, "Scores", 2, "round", "R2")
    assert located(write_workbook(sheets)) == [("workbook_unknown_round", "Scores", 2, "round")]
    set_cell(sheets, "Scores", 2, "round", None)  # an empty round column: the only round
    data = read_campaign_workbook(write_workbook(sheets, "plain.xlsx"))
    assert data.rounds == () and len(data.scores) == 3
