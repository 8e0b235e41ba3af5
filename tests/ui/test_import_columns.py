"""The import wizard's table of columns: each column's type and personal-data flag, shown as
detected, changed by the secretary, kept in the mapping and stored with the campaign."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from selection_desk.domain import Campaign
from selection_desk.storage.dossier_import import field_metadata
from selection_desk.ui.import_column_table import PERSONAL, UNDECIDED_DATE
from selection_desk.ui.import_source_page import PAGE_MAPPING
from selection_desk.ui.main_window import MainWindow
from tests.data.imports.generate import HERE as CORPUS
from tests.ui.test_dossiers_page import _import_into_an_empty_campaign

pytestmark = pytest.mark.gui


def _wizard(window: MainWindow, tmp_path: Path, source: Path) -> Any:
    """The import wizard on ``source`` in a new, empty campaign, at its columns step."""
    wizard = _import_into_an_empty_campaign(window, tmp_path, source)
    wizard.next()
    assert wizard.currentId() == PAGE_MAPPING
    return wizard


def test_the_secretary_changes_types_and_personal_flags_and_the_import_stores_them(
    window: MainWindow, tmp_path: Path
) -> None:
    wizard = _wizard(window, tmp_path, CORPUS / "google_forms_fr.csv")
    page = wizard.mapping_page
    table = page.column_table
    assert table.personal_box_checked("Adresse e-mail")
    assert table.personal_box_checked("Nom et prénom du porteur de projet")
    assert not table.personal_box_checked("Ville")
    row = table._headers.index("Adresse e-mail")
    assert table.item(row, PERSONAL).toolTip() == "Personal: an e-mail address"
    amount = table.type_combo("Montant demandé (€)")
    assert amount.currentData() == "money"

    table.item(table._headers.index("Ville"), PERSONAL).setCheckState(Qt.CheckState.Checked)
    amount.setCurrentIndex(amount.findData("number"))
    assert wizard.mapping.personal == {"Ville": True}
    assert wizard.mapping.types == {"Montant demandé (€)": "number"}
    # Unticking an attachment column keeps those choices (it once rebuilt the mapping without
    # its types).
    attachments = page.attachment_list
    deck = next(
        attachments.item(i)
        for i in range(attachments.count())
        if attachments.item(i).checkState() == Qt.CheckState.Checked
    )
    deck.setCheckState(Qt.CheckState.Unchecked)
    assert wizard.mapping.personal == {"Ville": True}
    assert wizard.mapping.types == {"Montant demandé (€)": "number"}
    assert page.column_table.personal_box_checked("Ville")

    wizard.next()
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert window.store is not None
    stored = field_metadata(window.store)
    assert stored["Ville"].personal is True
    assert stored["Adresse e-mail"].personal is True
    assert stored["Montant demandé (€)"].kind == "number"


def test_a_date_whose_order_no_value_tells_is_asked(window: MainWindow, tmp_path: Path) -> None:
    source = tmp_path / "list.csv"
    source.write_text("Nom du projet;Date du comité\nAlpha;03/04/2026\nBeta;05/06/2026\n")
    wizard = _wizard(window, tmp_path, source)
    table = wizard.mapping_page.column_table
    combo = table.type_combo("Date du comité")
    assert combo.currentText() == UNDECIDED_DATE and combo.currentData() is None
    combo.setCurrentIndex(combo.findData("date:DMY"))
    assert wizard.mapping.types == {"Date du comité": "date:DMY"}


def test_the_dossiers_table_sorts_a_field_by_its_stored_type(qtbot) -> None:  # type: ignore[no-untyped-def]
    """“12/01/2026” is the 1st of December in a month-first column: the stored type decides,
    where the text alone would read it day first."""
    from selection_desk.domain import CampaignData, Dossier
    from selection_desk.ui.models.dossier_model import DossierFilterModel, DossierTableModel

    dates = {"D1": "12/01/2026", "D2": "03/04/2026", "D3": "05/02/2026"}
    dossiers = tuple(Dossier(ref, ref, {"Envoi": text}) for ref, text in dates.items())
    data = CampaignData(campaign=Campaign(uid="u", name="x"), dossiers=dossiers)
    model = DossierTableModel()
    model.set_campaign(data, {})
    proxy = DossierFilterModel()
    proxy.setSourceModel(model)
    column = next(
        c
        for c in range(model.columnCount())
        if model.headerData(c, Qt.Orientation.Horizontal) == "Envoi"
    )

    def refs() -> list[str]:
        return [proxy.index(row, 1).data() for row in range(proxy.rowCount())]

    proxy.sort(column, Qt.SortOrder.AscendingOrder)
    assert refs() == ["D1", "D3", "D2"]  # read day first: 12 Jan, 5 Feb, 3 Apr
    model.set_campaign(data, {}, {"Envoi": "date:MDY"})
    proxy.sort(column, Qt.SortOrder.AscendingOrder)
    assert refs() == ["D2", "D3", "D1"]  # 4 Mar, 2 May, 1 Dec


def test_the_secretary_picks_which_repeated_submissions_to_keep(
    window: MainWindow, tmp_path: Path, qtbot
) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "forms.csv"
    source.write_text(
        "Horodateur,Adresse e-mail,Nom du projet\n"
        "01/03/2025 10:00:00,a@x.fr,Alpha\n"
        "02/03/2025 11:00:00,a@x.fr,Alpha v2\n"
        "03/03/2025 12:00:00,a@x.fr,Alpha v3\n"
        "03/03/2025 13:00:00,b@x.fr,Beta\n",
        encoding="utf-8",
    )
    wizard = _wizard(window, tmp_path, source)
    wizard.next()
    report = wizard.report_page
    qtbot.waitUntil(lambda: wizard.plan is not None)
    rows = report.repeated_rows
    assert report.repeated_rows.isVisibleTo(report)
    assert [rows.item(i).text() for i in range(rows.count())] == [
        "a@x.fr — row 2: Alpha",
        "a@x.fr — row 3: Alpha v2",
        "a@x.fr — row 4: Alpha v3",
    ]
    assert report.picked_rows() == [4]  # the latest, by default
    rows.item(0).setCheckState(Qt.CheckState.Checked)
    qtbot.waitUntil(lambda: wizard.plan is not None and wizard.plan.repeated[0].kept == (2, 4))
    assert "3 new dossier(s)" in report.summary.text()
    assert report.picked_rows() == [2, 4]
    rows.item(2).setCheckState(Qt.CheckState.Unchecked)
    qtbot.waitUntil(lambda: wizard.plan is not None and wizard.plan.repeated[0].kept == (2,))
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert window.store is not None
    assert sorted(d.name for d in window.store.dossiers()) == ["Alpha", "Beta"]
