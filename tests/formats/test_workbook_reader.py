"""Reading valid campaign workbooks, English and French, typed the way people type."""

from __future__ import annotations

import zipfile
from datetime import datetime
from pathlib import Path

import pytest

from selection_desk.domain.model import (
    Campaign,
    Conflict,
    Criterion,
    Decision,
    Dossier,
    Juror,
    Method,
    Outcome,
    Review,
    ReviewStatus,
    Role,
    RubricLevel,
    Score,
)
from selection_desk.errors import ValidationFailed
from selection_desk.formats.campaign_workbook import read_campaign_workbook
from tests.formats.workbooks import WriteWorkbook, set_cell, valid_sheets

UID = "0b8f1f6e-6c3a-4d35-9a50-0c7c1d2e3f40"


def test_a_valid_english_workbook(write_workbook: WriteWorkbook) -> None:
    data = read_campaign_workbook(write_workbook(valid_sheets()))
    assert data.campaign == Campaign(uid="", name="Prize 2025", places=2)
    assert data.criteria == (
        Criterion(
            "C1", "Team", 2.0, 0.0, 5.0, 0.5,
            levels=(RubricLevel(0.0, "Absent"), RubricLevel(5.0, "Excellent")),
        ),
        Criterion("C2", "Market", 1.0, 0.0, 10.0, 1.0, threshold=3.0),
    )  # fmt: skip
    assert data.jurors == (
        Juror("J1", "Anne", "anne@example.org", Role.PRESIDENT),
        Juror("J2", "Bruno", "", Role.MEMBER),
    )
    assert data.dossiers == (
        Dossier("D1", "Alpha", {"City": "Lyon"}),
        Dossier("D2", "Beta", {"City": "Paris"}),
    )
    assert data.conflicts == (Conflict("J2", "D2", "advisor"),)
    assert data.scores == (
        Score("J1", "D1", "C1", 4.0, "good"),
        Score("J1", "D1", "C2", 7.0),
        Score("J1", "D2", "C1", 2.5),
    )
    assert data.reviews == (
        Review("J1", "D1", ReviewStatus.FINAL),
        Review("J1", "D2", ReviewStatus.FINAL),
    )
    assert data.decisions == (Decision("D1", Outcome.SELECTED, "strong team"),)
    assert data.assignments == ()


def test_a_french_workbook_typed_by_hand(write_workbook: WriteWorkbook) -> None:
    sheets = {
        "CAMPAGNE": [
            ["Clé", "Valeur"],
            ["Nom", " Prix de l’innovation "],
            ["Programme", "Incubateur"],
            ["places", "3"],
            ["Langue", "Français"],
            ["Méthode", "Médiane"],
            ["Décimales", "2"],
            ["Départage", "EQ"],
            ["seuil_dispersion", "12,5"],
            ["Pondération_confiance", "oui"],
            ["date_réunion", datetime(2025, 3, 14)],
            ["lieu_réunion", "Salle 2"],
            ["uid", UID.upper()],
        ],
        "critères": [
            ["Code", "Libellé ", "POIDS", "Min", "Max", "Pas", "Seuil", "Groupe", "Niveaux"],
            ["EQ", "Équipe", "2,5", "0", "5", "0,5", "1,5", "Humain", "0=Absent; 2,5=Moyen"],
            ["MA", "Marché", 1, None, None, None, None, None, None],
        ],
        "Jury": [
            ["code", "nom", "Courriel", "Rôle"],
            ["J1", "Anne", "anne@example.org", "Présidente"],
            ["J2", "Bruno", None, "observatrice"],
            ["J3", "Chloé", None, "Secrétaire"],
            ["J4", "Driss", None, None],
        ],
        "dossiers": [
            ["Réf.", "Nom", "Ville", "Secteur", "Nom"],
            ["D-001", "Alpha", "Lyon", "SaaS", "Dupont"],
            [17, "Beta", None, "Santé", "Martin"],
        ],
        "Conflits": [["Juré", "Dossier", "Motif"], ["J2", "17", "ancien associé"]],
        "NOTES": [
            ["Dossier", "Juré", "Critère", "Note", "Commentaire", "Statut", "Confiance"],
            ["D-001", "J1", "EQ", "3,5", "Bien", "brouillon", 4],
            ["D-001", "J1", "MA", 4, None, "Brouillon", "4"],
            ["17", "J1", "EQ", "5", None, "finale", None],
        ],
        "Décisions": [
            ["Dossier", "Décision", "Motivation"],
            ["D-001", "liste d’attente", "à revoir"],
            ["17", "Retenue", None],
        ],
    }
    data = read_campaign_workbook(write_workbook(sheets))
    assert data.campaign == Campaign(
        uid=UID,
        name="Prix de l’innovation",
        programme="Incubateur",
        places=3,
        language="fr",
        method=Method.MEDIAN,
        criterion_decimals=2,
        tie_break="EQ",
        spread_threshold=12.5,
        confidence_weighting=True,
        meeting_date="2025-03-14",
        meeting_place="Salle 2",
    )
    assert data.criteria == (
        Criterion(
            "EQ", "Équipe", 2.5, 0.0, 5.0, 0.5, 1.5, "Humain",
            levels=(RubricLevel(0.0, "Absent"), RubricLevel(2.5, "Moyen")),
        ),
        Criterion("MA", "Marché", 1.0),
    )  # fmt: skip
    assert [juror.role for juror in data.jurors] == [
        Role.PRESIDENT,
        Role.OBSERVER,
        Role.SECRETARY,
        Role.MEMBER,
    ]
    assert data.dossiers == (
        # The second "Nom" column is the applicant's name: kept as a field, as written.
        Dossier("D-001", "Alpha", {"Ville": "Lyon", "Secteur": "SaaS", "Nom": "Dupont"}),
        Dossier("17", "Beta", {"Ville": "", "Secteur": "Santé", "Nom": "Martin"}),
    )
    assert list(data.dossiers[0].fields) == ["Ville", "Secteur", "Nom"]
    assert data.conflicts == (Conflict("J2", "17", "ancien associé"),)
    assert [score.value for score in data.scores] == [3.5, 4.0, 5.0]
    assert data.reviews == (
        Review("J1", "D-001", ReviewStatus.DRAFT, confidence=4),
        Review("J1", "17", ReviewStatus.FINAL),
    )
    assert data.decisions == (
        Decision("D-001", Outcome.WAITING_LIST, "à revoir"),
        Decision("17", Outcome.SELECTED),
    )


def test_only_campaign_and_criteria_are_required(write_workbook: WriteWorkbook) -> None:
    sheets = valid_sheets()
    sheets = {"Campaign": [["name", "Prize"]], "Criteria": sheets["Criteria"]}
    data = read_campaign_workbook(write_workbook(sheets))
    assert data.campaign.name == "Prize"  # no header row: key | value from the first row
    assert len(data.criteria) == 2
    assert (data.jurors, data.dossiers, data.scores, data.reviews) == ((), (), (), ())


def test_blank_rows_headers_below_a_blank_row_and_other_sheets(
    write_workbook: WriteWorkbook,
) -> None:
    sheets = valid_sheets()
    sheets["Jurors"] = [[], [None, "  "], *sheets["Jurors"], [], [None, None, ""]]
    sheets["Scores"].insert(2, [])
    sheets["Ranking"] = [["this sheet is not read", "=1/0"]]
    sheets["Criteria"][0].append("Comments for the secretary")
    sheets["Criteria"][1].append("ignored")
    data = read_campaign_workbook(write_workbook(sheets))
    assert [juror.code for juror in data.jurors] == ["J1", "J2"]
    assert len(data.scores) == 3
    assert len(data.criteria) == 2


def test_excel_booleans_and_numbers_typed_as_text(write_workbook: WriteWorkbook) -> None:
    sheets = valid_sheets()
    sheets["Campaign"] += [["confidence_weighting", True], ["spread_threshold", " 20 "]]
    set_cell(sheets, "Scores", 2, "score", " 4,5 ")
    data = read_campaign_workbook(write_workbook(sheets))
    assert data.campaign.confidence_weighting is True
    assert data.campaign.spread_threshold == 20.0
    assert data.scores[0].value == 4.5


def _with_cached_value(path: Path, formula: str, cached: str) -> None:
    """openpyxl cannot write a formula's cached value: put one in the sheet XML, as Excel does."""
    with zipfile.ZipFile(path) as source:
        members = {info.filename: source.read(info) for info in source.infolist()}
    name = "xl/worksheets/sheet6.xml"  # Scores, the sixth sheet
    before = f"<f>{formula}</f><v />".encode()
    assert before in members[name]
    members[name] = members[name].replace(before, f"<f>{formula}</f><v>{cached}</v>".encode())
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for member, content in members.items():
            target.writestr(member, content)


def test_a_formula_yields_its_cached_value_never_itself(write_workbook: WriteWorkbook) -> None:
    sheets = valid_sheets()
    set_cell(sheets, "Scores", 2, "score", "=2+2")
    path = write_workbook(sheets)
    _with_cached_value(path, "2+2", "4")
    assert read_campaign_workbook(path).scores[0].value == 4.0


def test_a_formula_without_cached_value_is_an_empty_cell(write_workbook: WriteWorkbook) -> None:
    sheets = valid_sheets()
    set_cell(sheets, "Scores", 2, "score", "=2+2")
    set_cell(sheets, "Dossiers", 2, "City", '=HYPERLINK("http://x","y")')
    with pytest.raises(ValidationFailed) as raised:
        read_campaign_workbook(write_workbook(sheets))
    [problem] = raised.value.problems
    assert (problem.code, problem.sheet, problem.row, problem.column) == (
        "workbook_empty_cell",
        "Scores",
        2,
        "score",
    )
