"""The Dossiers page and the import wizard, driven like a secretary would."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QWizard

from selection_desk.domain import Campaign, CampaignData, Dossier
from selection_desk.services import dossier_import
from selection_desk.storage.store import CampaignStore
from selection_desk.ui.import_source_page import PAGE_MAPPING, PAGE_REPORT
from selection_desk.ui.main_window import MainWindow
from selection_desk.ui.models.dossier_model import (
    SORT_ROLE,
    DossierFilterModel,
    DossierTableModel,
)
from tests.data.imports import generate
from tests.data.imports.generate import HERE as CORPUS
from tests.data.imports.generate import NAMES
from tests.factories import make_campaign_data, make_campaign_file
from tests.ui.drops import drop_files
from tests.ui.test_pdf_navigation import deck

pytestmark = pytest.mark.gui


@pytest.fixture
def opened(window: MainWindow, tmp_path: Path) -> MainWindow:
    path = make_campaign_file(tmp_path / "c.seldesk", make_campaign_data(dossiers=6))
    with CampaignStore.open(path) as store, store.transaction():
        store.write_attachment("D02", "deck.pdf", "application/pdf", generate.minimal_pdf("D02"))
        store.write_attachment("D02", "notes.txt", "text/plain", b"<b>hello</b>")
    window.open_file(path)
    window.show_phase("dossiers")
    return window


def _refs(window: MainWindow) -> list[str]:
    page = window.dossiers_page
    return [page.proxy.index(row, 1).data() for row in range(page.proxy.rowCount())]


def test_the_table_lists_every_dossier_with_its_fields(opened: MainWindow) -> None:
    page = opened.dossiers_page
    assert opened.pages.currentWidget() is page
    assert _refs(opened) == ["D01", "D02", "D03", "D04", "D05", "D06"]
    headers = [page.model.column_title(c) for c in range(page.model.columnCount())]
    assert headers == ["Status", "Ref", "Name", "Attachments", "Conflicts", "Secteur", "Ville"]
    assert page.proxy.index(1, 3).data() == "2"
    assert page.proxy.index(0, 4).data() == "1"
    assert page.proxy.index(0, 0).data() == "2 of 2 reviews final"
    assert page.count_label.text() == "6 dossier(s)"


def test_fitting_the_columns_reads_the_first_rows_only(opened: MainWindow) -> None:
    """A later setting of Qt's default (200 rows) overrode the 50 rows the page fits its columns
    to: a fifth of the Dossiers page's first show on 5,000 dossiers."""
    from selection_desk.ui.pages.dossiers import FIT_ROWS

    header = opened.dossiers_page.table.horizontalHeader()
    assert header.resizeContentsPrecision() == FIT_ROWS == 50


def test_an_open_campaign_is_kept_out_of_the_collectors_full_passes(opened: MainWindow) -> None:
    """A full collection walked every object of the open campaign (70-160 ms of the UI thread on
    5,000 dossiers, in the middle of a page switch): frozen once read, unfrozen on close."""
    import gc

    assert gc.get_freeze_count() > 0
    opened.close_campaign()
    assert gc.get_freeze_count() == 0


def test_search_filter_and_sort(opened: MainWindow) -> None:
    page = opened.dossiers_page
    page.set_search("TOULOUSE d03")
    assert _refs(opened) == ["D03"]
    page.set_search("saas start-up")
    assert len(_refs(opened)) == 6
    page.set_search("")
    page.filter_combo.setCurrentIndex(page.filter_combo.findData("conflicts"))
    assert _refs(opened) == ["D01"]
    assert page.count_label.text() == "1 of 6 dossier(s)"
    page.filter_combo.setCurrentIndex(page.filter_combo.findData("attachments"))
    assert _refs(opened) == ["D02"]
    page.filter_combo.setCurrentIndex(0)
    page.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert _refs(opened)[0] == "D06"


def test_the_column_chooser_hides_columns_and_remembers(opened: MainWindow) -> None:
    page = opened.dossiers_page
    actions = page.columns_menu.actions()
    assert [a.text() for a in actions][-2:] == ["Secteur", "Ville"]
    actions[-1].setChecked(False)
    assert page.table.horizontalHeader().isSectionHidden(6)
    assert page.settings is not None
    assert page.settings.value("dossiers/hidden_columns") in (["field:Ville"], "field:Ville")
    page.refresh()
    assert page.table.horizontalHeader().isSectionHidden(6)


def test_the_detail_pane_shows_every_field_and_opens_a_pdf_inside(opened: MainWindow) -> None:
    page = opened.dossiers_page
    page.select("D02")
    detail = page.detail
    assert detail.title.text() == "Start-up 2 · D02"
    text = detail.fields.toPlainText()
    assert "Secteur" in text and "Toulouse" in text
    assert [detail.attachments.item(i).text().split("  ")[0] for i in range(2)] == [
        "deck.pdf",
        "notes.txt",
    ]
    detail.attachments.setCurrentRow(0)
    detail.open_button.click()
    assert page.tabs.currentIndex() == 1
    assert page.viewer.page_count() == 1
    page.viewer.zoom_in()  # from "fit to width" to a fixed zoom
    before = page.viewer.zoom()
    page.viewer.zoom_in()
    assert page.viewer.zoom() == pytest.approx(before * 1.25)


def test_alt_page_down_and_up_turn_the_pages_of_a_deck(opened: MainWindow) -> None:
    page = opened.dossiers_page
    page.select("D02")
    page.detail.attachments.setCurrentRow(0)
    page.detail.open_button.click()  # the deck, inside the app
    assert page.viewer.load_bytes(deck(3))
    QApplication.processEvents()
    page.viewer.view.setFocus()
    focused = QApplication.focusWidget()
    assert focused is not None and page.isAncestorOf(focused), focused
    QTest.keyClick(focused, Qt.Key.Key_PageDown, Qt.KeyboardModifier.AltModifier)
    QTest.keyClick(focused, Qt.Key.Key_PageDown, Qt.KeyboardModifier.AltModifier)
    assert page.viewer.current_page() == 2
    QTest.keyClick(focused, Qt.Key.Key_PageUp, Qt.KeyboardModifier.AltModifier)
    assert page.viewer.current_page() == 1
    assert page.viewer.page_label.text() == "Page 2 / 3"


def test_other_files_open_with_the_system_viewer_as_their_real_type(
    opened: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened_urls: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened_urls.append(url) or True)
    page = opened.dossiers_page
    page.select("D02")
    page.detail.attachments.setCurrentRow(1)
    page.detail.open_button.click()
    [url] = opened_urls
    path = Path(url.toLocalFile())
    assert path.name == "notes.txt"
    assert path.read_bytes() == b"<b>hello</b>"
    assert page._temporary is not None
    shutil.rmtree(page._temporary)


def test_declaring_a_conflict_asks_when_scores_would_go(
    opened: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = opened.dossiers_page
    asked: list[str] = []
    replies = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]

    def answer(*args: object, **kwargs: object) -> QMessageBox.StandardButton:
        asked.append(str(args[2]))
        return replies.pop(0)

    monkeypatch.setattr(QMessageBox, "question", answer)
    assert not page.record_conflict("J2", "D04", "famille")
    assert opened.store is not None
    assert len(opened.store.conflicts()) == 1
    assert page.record_conflict("J2", "D04", "famille")
    assert asked and "J2" in asked[-1]
    store = opened.store
    assert store is not None
    assert ("J2", "D04", "famille") in {(c.juror, c.dossier, c.reason) for c in store.conflicts()}
    assert not [s for s in store.scores("J2") if s.dossier == "D04"]
    page.select("D04")
    assert "famille" in page.detail.conflicts.text()


def test_the_wizard_reads_a_pasted_path(window: MainWindow, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "vide.seldesk"
    CampaignStore.create(path, Campaign(uid="", name="Vide")).close()
    window.open_file(path)
    wizard = window.dossiers_page.start_import()
    assert wizard is not None
    field = wizard.source_page.path_edit
    field.setFocus()
    qtbot.keyClicks(field, str(tmp_path / "missing.csv"))
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert "No file at" in wizard.source_page.status.text()
    field.clear()
    qtbot.keyClicks(field, f'"{CORPUS / "airtable.csv"}"')  # as a file manager copies it
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert wizard.source_page.owner.source == CORPUS / "airtable.csv"
    assert "6 row(s)" in wizard.source_page.status.text()


def test_the_wizard_imports_a_google_forms_export_with_attachments(
    window: MainWindow, tmp_path: Path
) -> None:
    path = tmp_path / "vide.seldesk"
    CampaignStore.create(path, Campaign(uid="", name="Vide")).close()
    window.open_file(path)
    page = window.dossiers_page
    wizard = page.start_import(CORPUS / "airtable.csv")
    assert wizard is not None
    assert "6 row(s)" in wizard.source_page.status.text()
    wizard.source_page.set_attachments(CORPUS / "attachments")
    wizard.next()
    assert wizard.currentId() == PAGE_MAPPING
    mapping_page = wizard.mapping_page
    assert mapping_page.name_combo.currentText() == "Startup"
    assert mapping_page.preview.rowCount() == 6
    # Choose generated references instead of Airtable's record ids.
    mapping_page.ref_combo.setCurrentIndex(0)
    assert wizard.mapping is not None and wizard.mapping.ref is None
    assert mapping_page.preview.item(0, 1).text().startswith("A-")
    wizard.next()
    assert wizard.currentId() == PAGE_REPORT
    assert "6 new dossier(s)" in wizard.report_page.summary.text()
    assert wizard.report_page.rows_model.rowCount() == 6
    assert "to store" in wizard.report_page.details.text()
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert window.store is not None
    assert [d.name for d in window.store.dossiers()] == list(NAMES)
    assert page.model.rowCount() == 6
    assert len(window.store.attachments()) >= 4
    assert "6 new" in page.import_message


def test_rejected_rows_must_be_left_out_explicitly(window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "vide.seldesk"
    CampaignStore.create(path, Campaign(uid="", name="Vide")).close()
    window.open_file(path)
    wizard = window.dossiers_page.start_import(CORPUS / "hostile_duplicate_refs.csv")
    assert wizard is not None
    wizard.next()
    wizard.next()
    report = wizard.report_page
    assert report.skip_rejected.isVisible()
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert not finish.isEnabled()
    first_row = [report.rows_model.index(0, c).data() for c in range(5)]
    assert first_row[:3] == ["4", "rejected", "D1"]
    assert "already used on row 2" in first_row[4]
    report.skip_rejected.setChecked(True)
    assert finish.isEnabled()
    finish.click()
    assert window.store is not None
    assert [d.name for d in window.store.dossiers()] == ["Alpha", "Beta"]


def test_a_score_file_skips_the_columns_step(opened: MainWindow) -> None:
    wizard = opened.dossiers_page.start_import(CORPUS / "scores_fr.csv")
    assert wizard is not None
    assert "score file" in wizard.source_page.status.text()
    wizard.next()
    assert wizard.currentId() == PAGE_REPORT
    assert "scores: 0 new, 4 changed" in wizard.report_page.summary.text()
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert opened.store is not None
    assert opened.store.score_value("J2", "D01", "TEAM").value == 4.5  # type: ignore[union-attr]


def test_a_broken_file_says_why_in_the_wizard(opened: MainWindow) -> None:
    wizard = opened.dossiers_page.start_import(CORPUS / "hostile_xml_bomb.xlsx")
    assert wizard is not None
    assert "refused for safety" in wizard.source_page.status.text()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_dropping_a_file_on_the_window_starts_the_import(opened: MainWindow) -> None:
    drop_files(opened, CORPUS / "typeform.csv")
    wizard = opened.dossiers_page.wizard
    assert wizard is not None and wizard.isVisible()
    assert wizard.source == CORPUS / "typeform.csv"
    assert opened.pages.currentWidget() is opened.dossiers_page


def test_ten_thousand_dossiers_search_and_sort(qtbot) -> None:  # type: ignore[no-untyped-def]
    dossiers = tuple(
        Dossier(f"D{n:05d}", f"Projet {n}", {"Ville": "Besançon" if n % 7 else "Nîmes"})
        for n in range(10_000)
    )
    data = CampaignData(campaign=Campaign(uid="u", name="x"), dossiers=dossiers)
    model = DossierTableModel()
    model.set_campaign(data, {})
    proxy = DossierFilterModel()
    proxy.setSourceModel(model)
    proxy.set_search("nimes")
    assert proxy.rowCount() == len([n for n in range(10_000) if n % 7 == 0])
    proxy.set_search("")
    proxy.sort(1, Qt.SortOrder.DescendingOrder)
    assert proxy.index(0, 1).data() == "D09999"
    assert dossier_import is not None


def test_dropping_ballots_on_the_window_merges_them(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shown_errors: list[str]
) -> None:
    from selection_desk.services.ballots import export_ballot
    from selection_desk.services.kits import make_kit, open_kit
    from selection_desk.services.scoring import record_score

    path = make_campaign_file(tmp_path / "c.seldesk", make_campaign_data(scored=False))
    ballots = []
    with CampaignStore.open(path) as store:
        for juror in ("J2", "J3"):
            kit_path = tmp_path / f"{juror}.seldesk"
            make_kit(store, juror, kit_path)
            with open_kit(kit_path) as kit:
                record_score(kit, juror, "D02", "TEAM", 4.0)
                ballot = tmp_path / f"{juror}.json"
                export_ballot(kit, ballot)
                ballots.append(ballot)
    reports: list[str] = []
    monkeypatch.setattr(window.offline, "show_report", lambda title, text: reports.append(text))
    window.open_file(path)
    drop_files(window, *ballots)
    assert shown_errors == []
    assert len(reports) == 1
    assert window.store is not None
    merged = {(s.juror, s.dossier, s.criterion): s.value for s in window.store.scores()}
    assert merged == {("J2", "D02", "TEAM"): 4.0, ("J3", "D02", "TEAM"): 4.0}


def _sorted_table() -> tuple[DossierTableModel, DossierFilterModel, CampaignData]:
    dossiers = tuple(
        Dossier(ref, name, {"Ville": city})
        for ref, name, city in (
            ("D-10", "zèbre", "Évry"),
            ("D-9", "Éco-Logis", "annecy"),
            ("D-100", "abeille", "Évry"),
            ("d-2", "Ça Roule", "Brest"),
            ("D-1", "eco-logis", "Évry"),
        )
    )
    data = CampaignData(campaign=Campaign(uid="u", name="x"), dossiers=dossiers)
    model = DossierTableModel()
    model.set_campaign(data, {})
    proxy = DossierFilterModel()
    proxy.setSourceModel(model)
    return model, proxy, data


def _column(proxy: DossierFilterModel, column: int) -> list[str]:
    return [proxy.index(row, column).data() for row in range(proxy.rowCount())]


def test_sorting_is_natural_and_ignores_accents_and_case(qtbot) -> None:  # type: ignore[no-untyped-def]
    model, proxy, _data = _sorted_table()
    proxy.sort(1, Qt.SortOrder.AscendingOrder)
    assert _column(proxy, 1) == ["D-1", "d-2", "D-9", "D-10", "D-100"]
    proxy.sort(2, Qt.SortOrder.AscendingOrder)
    # “Éco-Logis” and “eco-logis” are equal for sorting: they keep the file's order.
    assert _column(proxy, 2) == ["abeille", "Ça Roule", "Éco-Logis", "eco-logis", "zèbre"]
    proxy.sort(5, Qt.SortOrder.DescendingOrder)
    assert _column(proxy, 1) == ["D-10", "D-100", "D-1", "d-2", "D-9"]
    # The search filters the sorted rows; -1 gives back the file's order.
    proxy.set_search("evry")
    assert _column(proxy, 1) == ["D-10", "D-100", "D-1"]
    proxy.set_search("")
    proxy.sort(-1)
    assert _column(proxy, 1) == ["D-10", "D-9", "D-100", "d-2", "D-1"]
    # The raw sort values stay available to views under the sort role.
    assert model.index(0, 1).data(SORT_ROLE) == "d-000000000010"


def test_numbers_money_percentages_and_dates_sort_by_value(qtbot) -> None:  # type: ignore[no-untyped-def]
    values = (
        ("D1", "11", "125 000 €", "15/03/2021", "5 %"),
        ("D2", "2", "9 500 €", "02/11/2020", "12,5 %"),
        ("D3", "14", "1 000 000 €", "2021-01-05", "40 %"),
        ("D4", "1", "", "", ""),
    )
    headers = ("Salariés", "Levée", "Création", "Part")
    dossiers = tuple(
        Dossier(ref, ref, dict(zip(headers, rest, strict=True))) for ref, *rest in values
    )
    model = DossierTableModel()
    model.set_campaign(CampaignData(campaign=Campaign(uid="u", name="x"), dossiers=dossiers), {})
    proxy = DossierFilterModel()
    proxy.setSourceModel(model)
    horizontal = Qt.Orientation.Horizontal
    columns = {model.headerData(c, horizontal): c for c in range(model.columnCount())}
    proxy.sort(columns["Salariés"], Qt.SortOrder.AscendingOrder)
    assert _column(proxy, columns["Salariés"]) == ["1", "2", "11", "14"]
    proxy.sort(columns["Levée"], Qt.SortOrder.AscendingOrder)
    assert _column(proxy, 1) == ["D2", "D1", "D3", "D4"]  # blank last
    proxy.sort(columns["Création"], Qt.SortOrder.AscendingOrder)
    assert _column(proxy, 1) == ["D2", "D3", "D1", "D4"]
    proxy.sort(columns["Part"], Qt.SortOrder.AscendingOrder)
    assert _column(proxy, 1) == ["D1", "D2", "D3", "D4"]


def test_the_sort_survives_a_refresh_and_a_selection_follows_its_row(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QPersistentModelIndex

    model, proxy, data = _sorted_table()
    proxy.sort(2, Qt.SortOrder.DescendingOrder)
    assert _column(proxy, 2)[0] == "zèbre"
    kept = QPersistentModelIndex(proxy.index(0, 1))
    proxy.sort(1, Qt.SortOrder.AscendingOrder)
    assert kept.data() == "D-10" and kept.row() == 3
    model.set_campaign(data, {})
    assert _column(proxy, 1) == ["D-1", "d-2", "D-9", "D-10", "D-100"]


def test_the_document_tab_never_shows_another_dossiers_pdf(opened: MainWindow) -> None:
    page = opened.dossiers_page
    assert opened.session is not None
    with opened.session.store.transaction():
        opened.session.store.write_attachment(
            "D04", "plan D04.pdf", "application/pdf", generate.minimal_pdf("D04 plan")
        )
    opened.session.changed()
    page.select("D02")
    page.detail.attachments.setCurrentRow(0)
    page.detail.open_button.click()
    assert (page.tabs.currentIndex(), page.viewer_title.text()) == (1, "deck.pdf")
    assert page.viewer.page_count() == 1
    # A dossier without a PDF: the viewer is emptied, the Document tab disabled.
    page.select("D03")
    assert page.viewer.page_count() == 0
    assert page.viewer_title.text() == ""
    assert not page.tabs.isTabEnabled(1)
    assert page.tabs.currentIndex() == 0
    # A dossier with its own PDF: the tab opens on its document, not the one seen before.
    page.select("D04")
    assert page.tabs.isTabEnabled(1)
    assert page.viewer.page_count() == 0  # loaded only when the tab is shown
    page.tabs.setCurrentIndex(1)
    assert page.viewer_title.text() == "plan D04.pdf"
    assert page.viewer.page_count() == 1
    # Browsing with the Document tab showing loads each dossier's own PDF.
    page.select("D02")
    assert page.tabs.currentIndex() == 1
    assert page.viewer_title.text() == "deck.pdf"


def test_an_attachment_opened_twice_reuses_its_read_only_copy(opened: MainWindow) -> None:
    import os
    import stat

    page = opened.dossiers_page
    assert opened.session is not None
    [_pdf, notes] = opened.session.store.attachments("D02")
    content = opened.session.store.attachment_content(notes.sha256)
    first = page.external_copy(notes, content)
    assert first.read_bytes() == b"<b>hello</b>"
    assert stat.S_IMODE(first.stat().st_mode) == 0o400
    os.utime(first, ns=(1_000_000_000, 1_000_000_000))
    again = page.external_copy(notes, content)
    assert again == first
    assert first.stat().st_mtime_ns == 1_000_000_000  # not rewritten (it is read-only)
    # A copy altered behind our back is replaced by a fresh one, read-only too.
    first.chmod(0o600)
    first.write_bytes(b"tampered")
    first.chmod(0o400)
    assert page.external_copy(notes, content).read_bytes() == b"<b>hello</b>"
    assert stat.S_IMODE(first.stat().st_mode) == 0o400
    assert [p.name for p in first.parent.iterdir()] == ["notes.txt"]
    assert page._temporary is not None
    shutil.rmtree(page._temporary)


def test_the_wizard_shows_which_rows_were_not_utf8(window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "vide.seldesk"
    CampaignStore.create(path, Campaign(uid="", name="Vide")).close()
    window.open_file(path)
    wizard = window.dossiers_page.start_import(CORPUS / "hostile_utf8_with_cp1252_row.csv")
    assert wizard is not None
    wizard.next()
    preview = wizard.mapping_page.preview
    assert [preview.item(row, 2).text() for row in range(preview.rowCount())] == list(NAMES)
    wizard.next()
    details = wizard.report_page.details
    assert details.isVisible()
    assert "except for row 4" in details.text() and "Café" in details.text()
    wizard.grab().save(str(tmp_path / "wizard-note.png"))


def _import_into_an_empty_campaign(window: MainWindow, tmp_path: Path, source: Path) -> Any:
    """The import wizard opened on ``source`` in a new, empty campaign."""
    path = tmp_path / "vide.seldesk"
    CampaignStore.create(path, Campaign(uid="", name="Vide")).close()
    window.open_file(path)
    wizard = window.dossiers_page.start_import(source)
    assert wizard is not None
    return wizard


def test_the_wizard_names_the_tool_and_previews_a_multiple_choice_as_one_field(
    window: MainWindow, tmp_path: Path
) -> None:
    wizard = _import_into_an_empty_campaign(window, tmp_path, CORPUS / "tool_kobotoolbox_hxl.csv")
    assert "KoBoToolbox export (2 header row(s))" in wizard.source_page.status.text()
    wizard.next()
    preview = wizard.mapping_page.preview
    titles = [preview.horizontalHeaderItem(c).text() for c in range(preview.columnCount())]
    assert titles[3:7] == ["start", "end", "Email", "Sectors"]
    assert [preview.item(row, 6).text() for row in range(2)] == ["energy", "mobility"]
    assert preview.horizontalHeaderItem(3).toolTip() == "Type: datetime:YMD"
    assert preview.horizontalHeaderItem(5).toolTip() == "Type: e-mail"


def test_the_wizard_offers_to_keep_every_repeated_submission(
    window: MainWindow, tmp_path: Path, qtbot
) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "forms.csv"
    source.write_text(
        "Horodateur,Adresse e-mail,Nom du projet\n"
        "01/03/2025 10:00:00,a@x.fr,Alpha\n"
        "03/03/2025 12:00:00,a@x.fr,Alpha v2\n",
        encoding="utf-8",
    )
    wizard = _import_into_an_empty_campaign(window, tmp_path, source)
    wizard.next()
    wizard.next()
    report = wizard.report_page
    qtbot.waitUntil(lambda: wizard.plan is not None)
    assert "1 new dossier(s)" in report.summary.text()
    assert "1 row(s) set aside" in report.summary.text()
    assert report.keep_all_repeated.isVisibleTo(report)
    report.keep_all_repeated.setChecked(True)
    qtbot.waitUntil(lambda: wizard.plan is not None and len(wizard.plan.added) == 2)
    assert "2 new dossier(s)" in report.summary.text()
