"""Typed dossier fields in the Excel export (issue 19): numbers, amounts, percentages and dates
are typed cells with their format, read with the type the import stored; imported back into the
campaign, a typed cell gives the field back its applicant's text; imported into a new campaign, it
keeps its type."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from selection_desk.cli import main
from selection_desk.domain import Campaign
from selection_desk.services.field_metadata import field_types
from selection_desk.services.reporting import export_reports
from selection_desk.services.workbook_import import import_campaign_workbook
from selection_desk.storage.store import CampaignStore
from tests.factories import make_imported_campaign

FORM = (
    "Horodateur;Adresse e-mail;Nom du projet;Montant demandé;Part du capital;Date du comité;"
    "Téléphone\n"
    "03/03/2026 09:15:02;a@a.fr;Alpha;125 000 €;12,5 %;03/04/2026;0612345678\n"
    "04/03/2026 14:02:40;b@b.fr;Beta;9 500 €;40 %;12/28/2026;0698765432\n"
)


def _campaign(tmp_path: Path) -> Path:
    return make_imported_campaign(tmp_path, FORM)


def _dossier_cells(path: Path) -> dict[str, list[tuple[object, str]]]:
    """Each dossier column of the export → its (value, number format) cells."""
    sheet = load_workbook(path)["Dossiers"]
    rows = list(sheet.iter_rows())
    return {
        str(header.value): [(row[index].value, row[index].number_format) for row in rows[1:]]
        for index, header in enumerate(rows[0])
    }


def test_typed_fields_are_typed_cells_with_their_format(tmp_path: Path) -> None:
    campaign = _campaign(tmp_path)
    workbook = tmp_path / "export.xlsx"
    export_reports(campaign, xlsx=workbook, language="fr")
    cells = _dossier_cells(workbook)
    assert cells["Montant demandé"] == [(125000, "#,##0.00"), (9500, "#,##0.00")]
    assert cells["Part du capital"] == [(0.125, "0.0%"), (0.4, "0.0%")]
    # 28 is a day: the column is month first, so 03/04/2026 is the 4th of March.
    assert cells["Date du comité"] == [
        (datetime(2026, 3, 4), "DD/MM/YYYY"),
        (datetime(2026, 12, 28), "DD/MM/YYYY"),
    ]
    assert cells["Horodateur"][0] == (datetime(2026, 3, 3, 9, 15, 2), "DD/MM/YYYY HH:MM")
    # A phone number stays the applicant's text, leading zero and all.
    assert cells["Téléphone"] == [("0612345678", "General"), ("0698765432", "General")]


def test_a_typed_cell_imported_back_keeps_the_applicants_text(tmp_path: Path) -> None:
    campaign = _campaign(tmp_path)
    with CampaignStore.open(campaign, readonly=True) as store:
        before = store.dossiers()
    workbook = tmp_path / "export.xlsx"
    export_reports(campaign, xlsx=workbook, language="en")
    with CampaignStore.open(campaign) as store:
        report = import_campaign_workbook(store, workbook, actor="test")
        after = store.dossiers()
    assert after == before
    assert after[0].fields["Montant demandé"] == "125 000 €"
    assert after[0].fields["Part du capital"] == "12,5 %"
    assert not report.written  # nothing changed


def _exported_with_amount(campaign: Path, tmp_path: Path, row: int, amount: object) -> Path:
    """The campaign's export with the amount asked on ``row`` of the Dossiers sheet edited."""
    workbook = tmp_path / "export.xlsx"
    export_reports(campaign, xlsx=workbook, language="en")
    edited = load_workbook(workbook)
    sheet = edited["Dossiers"]
    header = [cell.value for cell in sheet[1]]
    sheet.cell(row=row, column=header.index("Montant demandé") + 1).value = amount
    edited.save(workbook)
    return workbook


def test_a_changed_amount_is_imported_as_the_new_value(tmp_path: Path) -> None:
    campaign = _campaign(tmp_path)
    workbook = _exported_with_amount(campaign, tmp_path, 2, 130000)
    with CampaignStore.open(campaign) as store:
        import_campaign_workbook(store, workbook, actor="test")
        [alpha, beta] = store.dossiers()
    assert alpha.fields["Montant demandé"] == "130000"
    assert beta.fields["Montant demandé"] == "9 500 €"


def _new_campaign(tmp_path: Path) -> Path:
    path = tmp_path / "new.seldesk"
    CampaignStore.create(path, Campaign(uid="", name="Appel 2027")).close()
    return path


def test_a_typed_cell_imported_into_a_new_campaign_keeps_its_type(tmp_path: Path) -> None:
    campaign = _campaign(tmp_path)
    workbook = tmp_path / "export.xlsx"
    export_reports(campaign, xlsx=workbook, language="fr")
    new = _new_campaign(tmp_path)
    with CampaignStore.open(new) as store:
        report = import_campaign_workbook(store, workbook, actor="test")
        types = field_types(store)
        [alpha, beta] = store.dossiers()
    expected = {
        "Horodateur": "datetime:YMD",
        "Montant demandé": "money",
        "Part du capital": "percent",
        "Date du comité": "date:YMD",
    }
    assert types == expected and dict(report.field_types) == expected
    # What a person reads in the cell; a percentage as a percentage, not as its fraction.
    assert alpha.fields["Montant demandé"] == "125000"
    assert alpha.fields["Part du capital"] == "12.5 %"
    assert beta.fields["Date du comité"] == "2026-12-28"
    # The phone stays text (the export wrote it as text): no type is claimed for it.
    assert alpha.fields["Téléphone"] == "0612345678" and "Téléphone" not in types
    # Exported again from the new campaign, the fields are typed cells with their format.
    again = tmp_path / "again.xlsx"
    export_reports(new, xlsx=again, language="fr")
    cells = _dossier_cells(again)
    assert cells["Montant demandé"] == [(125000, "#,##0.00"), (9500, "#,##0.00")]
    assert cells["Part du capital"] == [(0.125, "0.0%"), (0.4, "0.0%")]
    assert cells["Date du comité"][1] == (datetime(2026, 12, 28), "DD/MM/YYYY")


def test_a_text_cell_in_a_typed_column_keeps_its_text(tmp_path: Path) -> None:
    campaign = _campaign(tmp_path)
    workbook = _exported_with_amount(campaign, tmp_path, 3, "9 500 €")
    new = _new_campaign(tmp_path)
    with CampaignStore.open(new) as store:
        import_campaign_workbook(store, workbook, actor="test")
        [alpha, beta] = store.dossiers()
        assert field_types(store)["Montant demandé"] == "money"
    assert alpha.fields["Montant demandé"] == "125000"
    assert beta.fields["Montant demandé"] == "9 500 €"


def test_the_dry_run_json_shows_the_workbook_fields_types(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    campaign = _campaign(tmp_path)
    workbook = tmp_path / "export.xlsx"
    export_reports(campaign, xlsx=workbook, language="en")
    new = _new_campaign(tmp_path)
    code = main(["--lang", "en", "import", str(new), str(workbook), "--dry-run", "--json"])
    report = json.loads(capsys.readouterr()[0])
    assert code == 0 and report["kind"] == "workbook" and not report["written"]
    assert report["field_types"]["Montant demandé"] == "money"
    assert report["field_types"]["Part du capital"] == "percent"
    with CampaignStore.open(new, readonly=True) as store:
        assert field_types(store) == {} and store.dossiers() == ()


def test_the_campaigns_own_types_win_over_the_workbooks(tmp_path: Path) -> None:
    # The same campaign: its stored types (a month-first date) stay, nothing is retyped.
    campaign = _campaign(tmp_path)
    with CampaignStore.open(campaign, readonly=True) as store:
        before = field_types(store)
    workbook = tmp_path / "export.xlsx"
    export_reports(campaign, xlsx=workbook, language="en")
    with CampaignStore.open(campaign) as store:
        report = import_campaign_workbook(store, workbook, actor="test")
        assert field_types(store) == before
    assert before["Date du comité"] == "date:MDY" and dict(report.field_types) == {}
