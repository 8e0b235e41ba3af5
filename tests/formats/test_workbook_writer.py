"""The export is a campaign workbook: written then read, it gives the same campaign."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.workbook import Workbook

from selection_desk.domain.model import (
    Campaign,
    CampaignData,
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
from selection_desk.formats.campaign_workbook import (
    WorkbookWriteFailed,
    read_campaign_workbook,
    write_campaign_workbook,
)
from selection_desk.formats.workbook_writer import MAX_COLUMN_WIDTH, MIN_COLUMN_WIDTH

UID = "5d0c3a52-8f43-4c1e-9d7e-3b1f2a6c9e10"
TRICKY_TEXTS = (
    '=HYPERLINK("http://x","y")',
    "+33 6 12 34 56 78",
    "@SUM(A1)",
    "-2+3",
    "<b>x</b>",
    "#N/A",
    "0612345678",
    "Zoé & Cie — 12 000 €",
    "ligne 1\r\nligne 2\rfin\tcolonne",
)


def rich_campaign() -> CampaignData:
    return CampaignData(
        campaign=Campaign(
            uid=UID,
            name="Prix de l’innovation 2025 €",
            programme="Incubateur <b>régional</b>",
            places=3,
            language="fr",
            method=Method.TRIMMED,
            criterion_decimals=2,
            tie_break="EQ",
            spread_threshold=12.5,
            confidence_weighting=True,
            stability_resamples=2500,
            stability_seed=42,
            meeting_date="2025-03-14",
            meeting_place="Salle Condorcet",
            contact="selection@innovup.fr",
        ),
        criteria=(
            Criterion(
                "EQ",
                "Équipe",
                2.5,
                0.0,
                5.0,
                0.5,
                threshold=1.5,
                group="Humain",
                description="Complémentarité; expérience",
                levels=(
                    RubricLevel(0.0, "Absent", "aucune équipe; rien"),
                    RubricLevel(2.5, "Moyen"),
                    RubricLevel(5.0, "Excellent", "équipe complète"),
                ),
            ),
            Criterion("MA", "Marché", 1.0, 1.0, 10.0, 1.0),
        ),
        jurors=(
            Juror("J1", "Anne Dupré", "anne@example.org", Role.PRESIDENT),
            Juror("J2", "Bruno", "", Role.OBSERVER),
            Juror("J3", "Chloé", "chloe@example.org", Role.SECRETARY),
        ),
        dossiers=(
            Dossier(
                "D-001",
                TRICKY_TEXTS[0],
                {f"Champ {i}": text for i, text in enumerate(TRICKY_TEXTS, start=1)},
            ),
            Dossier(
                "17",
                "Beta",
                {f"Champ {i}": "" for i in range(1, len(TRICKY_TEXTS) + 1)} | {"Champ 3": "x"},
            ),
        ),
        conflicts=(Conflict("J2", "17", "ancien associé"),),
        scores=(
            Score("J1", "D-001", "EQ", 3.5, "=1+1"),
            Score("J1", "D-001", "MA", 7.0),
            Score("J2", "D-001", "EQ", 0.0, "bof"),
            Score("J1", "17", "EQ", 5.0),
        ),
        reviews=(
            Review(
                "J1",
                "D-001",
                ReviewStatus.FINAL,
                "Très bon dossier",
                4,
                feedback="Un plan clair pour le candidat",
            ),
            Review("J2", "D-001", ReviewStatus.DRAFT),
            Review("J1", "17", ReviewStatus.FINAL, confidence=1),
        ),
        decisions=(
            Decision("D-001", Outcome.WAITING_LIST, "@à revoir", 3, 1, 0, "2025-03-15"),
            Decision("17", Outcome.REJECTED),
        ),
    )


@pytest.mark.parametrize("language", ["en", "fr"])
def test_written_then_read_gives_the_same_campaign(tmp_path: Path, language: str) -> None:
    data = rich_campaign()
    path = tmp_path / "export.xlsx"
    write_campaign_workbook(data, path, language)
    assert read_campaign_workbook(path) == data


@pytest.mark.parametrize("outcome", list(Outcome))
@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_word_is_read_back(tmp_path: Path, language: str, outcome: Outcome) -> None:
    base = rich_campaign()
    for role, method in zip(Role, Method, strict=False):
        data = CampaignData(
            campaign=Campaign(uid="", name="x", method=method, confidence_weighting=False),
            criteria=base.criteria,
            jurors=(Juror("J1", "Anne", role=role),),
            dossiers=(Dossier("D1", "Alpha"),),
            decisions=(Decision("D1", outcome),),
        )
        path = tmp_path / f"{language}-{role}-{method}.xlsx"
        write_campaign_workbook(data, path, language)
        assert read_campaign_workbook(path) == data


def test_sheet_names_and_headers_in_each_language(tmp_path: Path) -> None:
    english, french = tmp_path / "en.xlsx", tmp_path / "fr.xlsx"
    write_campaign_workbook(rich_campaign(), english, "en")
    write_campaign_workbook(rich_campaign(), french, "fr")
    assert _load(english).sheetnames == [
        "Campaign", "Criteria", "Jurors", "Dossiers", "Conflicts", "Scores", "Decisions",
    ]  # fmt: skip
    assert _load(french).sheetnames == [
        "Campagne", "Critères", "Jury", "Dossiers", "Conflits", "Notes", "Décisions",
    ]  # fmt: skip
    assert _header(_load(english)["Scores"])[:5] == [
        "dossier", "juror", "criterion", "score", "comment",
    ]  # fmt: skip
    assert _header(_load(french)["Notes"])[:5] == [
        "dossier", "juré", "critère", "note", "commentaire",
    ]  # fmt: skip
    assert _header(_load(french)["Dossiers"]) == ["réf", "nom"] + [
        f"Champ {i}" for i in range(1, len(TRICKY_TEXTS) + 1)
    ]
    french_roles = [row[3] for row in _load(french)["Jury"].iter_rows(min_row=2, values_only=True)]
    assert french_roles == ["président", "observateur", "secrétaire"]


def test_applicant_text_is_never_a_formula(tmp_path: Path) -> None:
    texts = (*TRICKY_TEXTS, "\tleading tab", "\rleading CR", "=", "-")
    data = CampaignData(
        campaign=Campaign(uid="", name="=cmd|' /C calc'!A0"),
        criteria=(Criterion("C1", "Team", 1.0),),
        dossiers=(Dossier("D1", "Alpha", {f"F{i}": t for i, t in enumerate(texts)}),),
    )
    path = tmp_path / "export.xlsx"
    write_campaign_workbook(data, path)
    workbook = _load(path)
    cells = {cell.value: cell for row in workbook["Dossiers"].iter_rows(min_row=2) for cell in row}
    for text in texts:
        assert cells[text].data_type == "s", text
        assert cells[text].value == text
    name = workbook["Campaign"]["B2"]
    assert (name.value, name.data_type) == ("=cmd|' /C calc'!A0", "s")
    with zipfile.ZipFile(path) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert not any(b"<f>" in archive.read(sheet) for sheet in sheets)


def test_numbers_are_numbers(tmp_path: Path) -> None:
    path = tmp_path / "export.xlsx"
    write_campaign_workbook(rich_campaign(), path)
    workbook = _load(path)
    first_score = workbook["Scores"]["D2"]
    assert (first_score.value, first_score.data_type) == (3.5, "n")
    weight = workbook["Criteria"]["C2"]
    assert (weight.value, weight.data_type) == (2.5, "n")
    assert workbook["Campaign"]["B4"].value == 3  # places


def test_header_bold_and_frozen_and_columns_sized(tmp_path: Path) -> None:
    path = tmp_path / "export.xlsx"
    write_campaign_workbook(rich_campaign(), path)
    workbook = _load(path)
    for sheet in workbook.worksheets:
        assert sheet.freeze_panes == "A2"
        assert all(cell.font.bold for cell in sheet[1])
        assert not any(cell.font.bold for cell in sheet[2])
        widths = [sheet.column_dimensions[letter].width for letter in "ABC"]
        assert all(MIN_COLUMN_WIDTH <= width <= MAX_COLUMN_WIDTH for width in widths)
    campaign = workbook["Campaign"]
    assert campaign.column_dimensions["B"].width == len(UID) + 2


def test_control_characters_a_spreadsheet_cannot_hold_are_dropped(tmp_path: Path) -> None:
    data = CampaignData(
        campaign=Campaign(uid="", name="Prize\x0b 2025\x01"),
        criteria=(Criterion("C1", "Team", 1.0),),
    )
    path = tmp_path / "export.xlsx"
    write_campaign_workbook(data, path)
    assert read_campaign_workbook(path).campaign.name == "Prize 2025"


def test_an_existing_workbook_is_replaced_whole(tmp_path: Path) -> None:
    path = tmp_path / "export.xlsx"
    path.write_bytes(b"previous content")
    path.chmod(0o640)
    write_campaign_workbook(rich_campaign(), path, "fr")
    assert read_campaign_workbook(path) == rich_campaign()
    assert path.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.xlsx"]


def test_a_new_workbook_is_readable_by_others(tmp_path: Path) -> None:
    path = tmp_path / "export.xlsx"
    write_campaign_workbook(rich_campaign(), path)
    assert path.stat().st_mode & 0o777 == 0o644


def test_a_failed_write_leaves_the_previous_file_and_no_debris(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "export.xlsx"
    path.write_bytes(b"previous content")

    def disk_full(self: Workbook, target: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Workbook, "save", disk_full)
    with pytest.raises(WorkbookWriteFailed) as raised:
        write_campaign_workbook(rich_campaign(), path)
    assert raised.value.code == "disk_full"  # its own sentence, in the user's language
    assert raised.value.facts == {"path": str(path)}
    assert str(path) in raised.value.message()
    assert path.read_bytes() == b"previous content"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.xlsx"]


def test_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(WorkbookWriteFailed):
        write_campaign_workbook(rich_campaign(), tmp_path / "missing" / "export.xlsx")


def test_only_english_and_french(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="de"):
        write_campaign_workbook(rich_campaign(), tmp_path / "x.xlsx", "de")


def _load(path: Path) -> Workbook:
    return openpyxl.load_workbook(path)


def _header(sheet: object) -> list[object]:
    return [cell.value for cell in sheet[1]]  # type: ignore[index]


def test_the_scores_sheet_keeps_the_private_comment_and_the_feedback_apart(
    tmp_path: Path,
) -> None:
    path = tmp_path / "export.xlsx"
    write_campaign_workbook(rich_campaign(), path, "fr")
    sheet = _load(path)["Notes"]
    header = _header(sheet)
    assert header[-2:] == ["commentaire général", "retour pour le candidat"]
    first = next(sheet.iter_rows(min_row=2, values_only=True))
    assert first[-2:] == ("Très bon dossier", "Un plan clair pour le candidat")
