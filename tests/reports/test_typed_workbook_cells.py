"""Typed dossier fields in the Excel export (issue 19): numbers, amounts, percentages and dates
are typed cells with their format, read with the type the import stored; imported back into the
campaign, a typed cell gives the field back its applicant's text."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

from openpyxl import load_workbook

from selection_desk.services.dossier_import import import_dossiers
from selection_desk.services.reporting import export_reports
from selection_desk.services.workbook_import import import_campaign_workbook
from selection_desk.storage.store import CampaignStore
from tests.factories import make_campaign_data, make_campaign_file

FORM = (
    "Horodateur;Adresse e-mail;Nom du projet;Montant demandé;Part du capital;Date du comité;"
    "Téléphone\n"
    "03/03/2026 09:15:02;a@a.fr;Alpha;125 000 €;12,5 %;03/04/2026;0612345678\n"
    "04/03/2026 14:02:40;b@b.fr;Beta;9 500 €;40 %;12/28/2026;0698765432\n"
)


def _campaign(tmp_path: Path) -> Path:
    source = tmp_path / "form.csv"
    source.write_text(FORM, encoding="utf-8")
    data = make_campaign_data(dossiers=0, scored=False)
    path = make_campaign_file(tmp_path / "c.seldesk", replace(data, conflicts=()))
    with CampaignStore.open(path) as store:
        import_dossiers(store, source, actor="test")
    return path


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


def test_a_changed_amount_is_imported_as_the_new_value(tmp_path: Path) -> None:
    campaign = _campaign(tmp_path)
    workbook = tmp_path / "export.xlsx"
    export_reports(campaign, xlsx=workbook, language="en")
    edited = load_workbook(workbook)
    sheet = edited["Dossiers"]
    header = [cell.value for cell in sheet[1]]
    sheet.cell(row=2, column=header.index("Montant demandé") + 1).value = 130000
    edited.save(workbook)
    with CampaignStore.open(campaign) as store:
        import_campaign_workbook(store, workbook, actor="test")
        [alpha, beta] = store.dossiers()
    assert alpha.fields["Montant demandé"] == "130000"
    assert beta.fields["Montant demandé"] == "9 500 €"
