"""The Excel scoring sheet: written for each juror, filled in by hand, imported back."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest

from selection_desk.domain import Conflict, Dossier, Review
from selection_desk.errors import ValidationFailed
from selection_desk.formats.juror_sheet import META_SHEET, read_juror_sheet
from selection_desk.services.juror_sheets import import_juror_sheet, write_juror_sheets
from selection_desk.storage.store import CampaignStore
from tests.offline.conftest import CONFLICTED_NAME, SECRET_COMMENT_J2
from tests.offline.flows import full_state


def sheets(campaign: Path, folder: Path, language: str = "en") -> dict[str, Path]:
    with CampaignStore.open(campaign, readonly=True) as store:
        paths = write_juror_sheets(store, folder, language=language)
    return {path.stem.rsplit("-", 1)[1]: path for path in paths}


def fill(path: Path, values: dict[tuple[int, int], object]) -> Path:
    """What a juror does in Excel: type into cells, save."""
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.worksheets[0]
    for (row, column), value in values.items():
        sheet.cell(row=row, column=column).value = value
    workbook.save(path)
    return path


def test_one_protected_sheet_per_juror(campaign: Path, tmp_path: Path) -> None:
    paths = sheets(campaign, tmp_path / "sheets")
    assert sorted(paths) == ["J1", "J2", "J3"]
    workbook = openpyxl.load_workbook(paths["J1"])
    main, legend, meta = workbook.worksheets
    assert (main.title, legend.title, meta.title) == ("Scoring sheet", "Rubric", META_SHEET)
    assert meta.sheet_state == "veryHidden"
    assert workbook.security.lockStructure and main.protection.sheet
    assert main["B5"].value == "Dossier" and main["C5"].value.startswith("Équipe\n0 to 5, step 0.5")
    assert [main.cell(row=r, column=1).value for r in range(6, 9)] == ["D02", "D03", "D04"]
    assert main["C6"].value == 3  # J1's earlier score is filled in
    assert not main["C6"].protection.locked and main["A6"].protection.locked
    assert "Excellent" in main["C5"].comment.text
    formulas = sorted(v.formula1 for v in main.data_validations.dataValidation)
    assert formulas[0].startswith("AND(ISNUMBER(C6),C6>=0.0,C6<=5.0,ABS((C6-0.0)/0.5")
    assert {str(v.sqref) for v in main.data_validations.dataValidation} == {"C6:C8", "D6:D8"}
    legend_text = [c.value for row in legend.iter_rows() for c in row if c.value]
    assert "Équipe complète" in legend_text
    raw = paths["J1"].read_bytes()
    assert CONFLICTED_NAME.encode() not in raw and SECRET_COMMENT_J2.encode() not in raw


def test_french_sheets(campaign: Path, tmp_path: Path) -> None:
    paths = sheets(campaign, tmp_path, language="fr")
    assert paths["J2"].name == "fiche-de-notation-J2.xlsx"
    workbook = openpyxl.load_workbook(paths["J2"])
    assert workbook.worksheets[0].title == "Fiche de notation"
    assert "0 à 5, pas de 0,5" in workbook.worksheets[0]["C5"].value


def test_applicant_text_is_never_a_formula(campaign: Path, tmp_path: Path) -> None:
    with CampaignStore.open(campaign) as store, store.transaction():
        store.write_dossiers([Dossier("D03", '=HYPERLINK("http://x","y")')], {"D03": 2})
    path = sheets(campaign, tmp_path)["J1"]
    cell = openpyxl.load_workbook(path).worksheets[0]["B7"]
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")


def test_filled_sheet_imports_back(campaign: Path, tmp_path: Path) -> None:
    path = fill(
        sheets(campaign, tmp_path)["J1"],
        {(6, 3): 4.5, (6, 4): "3,5", (6, 5): "Très convaincant", (7, 3): 2, (8, 5): "vu"},
    )
    with CampaignStore.open(campaign) as store:
        report = import_juror_sheet(store, path)
        assert (report.scores_new, report.scores_changed, report.reviews_final) == (2, 1, 1)
        assert store.score_value("J1", "D02", "MARKET").value == 3.5  # type: ignore[union-attr]
        review = store.review("J1", "D02")
        assert review is not None and review.status.value == "final"
        assert review.comment == "Très convaincant"
        assert store.review("J1", "D03").status.value == "draft"  # type: ignore[union-attr]
        assert store.review("J1", "D04").comment == "vu"  # type: ignore[union-attr]
        audit = [e for e in store.audit_entries() if e.action == "import_sheet"]
        assert len(audit) == 1 and report.file in (audit[0].after or "")
    before = full_state(campaign)
    with CampaignStore.open(campaign) as store:
        assert not import_juror_sheet(store, path).imported
    assert full_state(campaign) == before


def test_every_bad_cell_is_reported_and_nothing_written(campaign: Path, tmp_path: Path) -> None:
    path = fill(sheets(campaign, tmp_path)["J2"], {(6, 3): 7, (7, 4): 2.25, (8, 3): "bien"})
    before = full_state(campaign)
    with CampaignStore.open(campaign) as store, pytest.raises(ValidationFailed) as failed:
        import_juror_sheet(store, path)
    where = [(p.row, p.column) for p in failed.value.problems]
    assert where == [(8, "C"), (6, "C"), (7, "D")]
    text = failed.value.message()
    assert "outside its scale" in text and "step of 0.5" in text and "bien is not a number" in text
    assert full_state(campaign) == before


def test_sheets_of_another_campaign_juror_or_criteria_are_refused(
    campaign: Path, tmp_path: Path
) -> None:
    from tests.offline.conftest import make_offline_campaign

    (tmp_path / "other").mkdir()
    other = make_offline_campaign(tmp_path / "other" / "c.seldesk")
    foreign = sheets(other, tmp_path / "foreign")["J2"]
    path = sheets(campaign, tmp_path / "mine")["J2"]
    with CampaignStore.open(campaign) as store:
        with pytest.raises(ValidationFailed) as wrong_campaign:
            import_juror_sheet(store, foreign)
        assert "another campaign" in wrong_campaign.value.message()
        with store.transaction():
            team = store.criteria()[0]
            store.write_criteria([replace(team, step=1.0)], {"TEAM": 0})
        with pytest.raises(ValidationFailed) as changed:
            import_juror_sheet(store, path)
        assert "criteria or their scales changed" in changed.value.message()


def test_a_conflict_declared_after_the_sheet_refuses_its_row(
    campaign: Path, tmp_path: Path
) -> None:
    path = fill(sheets(campaign, tmp_path)["J2"], {(8, 3): 1.0})  # row 8: D03
    with CampaignStore.open(campaign) as store:
        with store.transaction():
            store.write_conflicts([Conflict("J2", "D03", "découvert")])
        with pytest.raises(ValidationFailed) as refused:
            import_juror_sheet(store, path)
    assert "may not score dossier D03" in refused.value.message()


def test_an_older_sheet_is_a_replay(campaign: Path, tmp_path: Path) -> None:
    old = fill(sheets(campaign, tmp_path / "old")["J3"], {(6, 3): 1.0})
    new = fill(sheets(campaign, tmp_path / "new")["J3"], {(6, 3): 2.0})
    with CampaignStore.open(campaign) as store:
        import_juror_sheet(store, new)
        with pytest.raises(ValidationFailed) as replay:
            import_juror_sheet(store, old)
        assert "importing it would undo newer work" in replay.value.message()
        assert store.score_value("J3", "D01", "TEAM").value == 2.0  # type: ignore[union-attr]


def test_a_workbook_that_is_no_sheet(campaign: Path, tmp_path: Path) -> None:
    from selection_desk.formats.campaign_workbook import write_campaign_workbook
    from tests.factories import make_campaign_data

    path = tmp_path / "campaign.xlsx"
    write_campaign_workbook(make_campaign_data(), path)
    with pytest.raises(ValidationFailed) as refused:
        read_juror_sheet(path)
    assert "not a Selection Desk scoring sheet" in refused.value.message()


def test_a_review_already_final_is_not_counted_as_made_final(
    campaign: Path, tmp_path: Path
) -> None:
    first = fill(sheets(campaign, tmp_path / "a")["J1"], {(6, 3): 4.5, (6, 4): 3.5})
    with CampaignStore.open(campaign) as store:
        assert import_juror_sheet(store, first).reviews_final == 1
    # A newer sheet changes a score and the comment of the review, which stays final, and
    # finishes D03: one review made final.
    second = fill(
        sheets(campaign, tmp_path / "b")["J1"],
        {(6, 3): 5.0, (6, 5): "revu", (7, 3): 2.0, (7, 4): 1.0},
    )
    with CampaignStore.open(campaign) as store:
        report = import_juror_sheet(store, second)
        assert (report.scores_new, report.scores_changed, report.reviews_final) == (2, 1, 1)
        assert store.review("J1", "D02").status.value == "final"  # type: ignore[union-attr]
        assert store.review("J1", "D03").status.value == "final"  # type: ignore[union-attr]
        assert store.review("J1", "D02").comment == "revu"  # type: ignore[union-attr]


def test_a_juror_kit_is_no_target_for_a_sheet(campaign: Path, tmp_path: Path) -> None:
    from selection_desk.errors import InvalidInput
    from tests.offline.flows import issue_kit

    path = fill(sheets(campaign, tmp_path)["J2"], {(6, 3): 4.5})
    kit = issue_kit(campaign, "J2", tmp_path / "kit.seldesk")
    before = kit.read_bytes()
    with CampaignStore.open(kit) as store, pytest.raises(InvalidInput) as refused:
        import_juror_sheet(store, path)
    assert refused.value.message() == (
        f"{kit} is a juror kit: import scoring sheets into the secretary's campaign file."
    )
    assert kit.read_bytes() == before


def test_no_sheet_for_who_does_not_score_and_none_imported(campaign: Path, tmp_path: Path) -> None:
    """J3 filled in a sheet, then became an observer: no new sheet, and the old one is refused."""
    from selection_desk.domain import Role
    from selection_desk.errors import InvalidInput
    from selection_desk.services.jurors import edit_juror

    path = fill(sheets(campaign, tmp_path / "before")["J3"], {(6, 3): 4})
    with CampaignStore.open(campaign) as store:
        chloe = next(j for j in store.jurors() if j.code == "J3")
        edit_juror(store, "J3", replace(chloe, role=Role.OBSERVER))
    assert set(sheets(campaign, tmp_path / "after")) == {"J1", "J2"}
    before = full_state(campaign)
    with CampaignStore.open(campaign) as store, pytest.raises(InvalidInput) as refused:
        import_juror_sheet(store, path)
    assert "Juror J3 does not score" in refused.value.message()
    assert full_state(campaign) == before


def test_the_feedback_has_its_own_column_and_comes_back(campaign: Path, tmp_path: Path) -> None:
    """The private comment and the feedback for the applicant are two labelled columns, each
    filled with the review's own text and each read back into its own field."""
    with CampaignStore.open(campaign) as store, store.transaction():
        store.write_reviews([Review("J1", "D02", comment="entre nous", feedback="Bien expliqué")])
    path = sheets(campaign, tmp_path)["J1"]
    main = openpyxl.load_workbook(path).worksheets[0]
    assert main["E5"].value == "Private comment (committee only, never sent)"
    assert main["F5"].value.startswith("Feedback for the applicant")
    assert (main["E6"].value, main["F6"].value) == ("entre nous", "Bien expliqué")
    assert not main["F7"].protection.locked
    fill(path, {(7, 3): 2, (7, 6): "Marché à préciser", (8, 6): "Pitch clair"})
    with CampaignStore.open(campaign) as store:
        import_juror_sheet(store, path)
        assert store.review("J1", "D03").feedback == "Marché à préciser"  # type: ignore[union-attr]
        d04 = store.review("J1", "D04")
        assert d04 is not None and (d04.feedback, d04.comment) == ("Pitch clair", "")
        d02 = store.review("J1", "D02")
        assert d02 is not None and (d02.comment, d02.feedback) == ("entre nous", "Bien expliqué")


def test_french_sheet_labels_both_texts(campaign: Path, tmp_path: Path) -> None:
    main = openpyxl.load_workbook(sheets(campaign, tmp_path, "fr")["J1"]).worksheets[0]
    assert main["E5"].value.startswith("Commentaire privé (pour le comité seulement")
    assert main["F5"].value.startswith("Retour pour le candidat")


def test_a_sheet_made_before_the_feedback_column_still_imports(
    campaign: Path, tmp_path: Path
) -> None:
    path = sheets(campaign, tmp_path)["J1"]
    workbook = openpyxl.load_workbook(path)
    meta = workbook[META_SHEET]
    [row] = [r for r in meta.iter_rows() if r[0].value == "feedback_column"]
    meta.delete_rows(row[0].row)
    workbook.worksheets[0]["F6"].value = "ignored: no such column then"
    workbook.worksheets[0]["E6"].value = "ancien commentaire"
    workbook.save(path)
    with CampaignStore.open(campaign) as store:
        import_juror_sheet(store, path)
        review = store.review("J1", "D02")
        assert review is not None and (review.comment, review.feedback) == (
            "ancien commentaire",
            "",
        )
