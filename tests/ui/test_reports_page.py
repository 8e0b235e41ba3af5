"""The Reports page: outputs, language, folder; export with progress, cancel and errors."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from selection_desk.domain import Outcome
from selection_desk.errors import InvalidInput
from selection_desk.progress import Progress
from selection_desk.services.decisions import record_decision
from selection_desk.services.reporting import ExportResult
from selection_desk.ui import dialogs, messages
from selection_desk.ui.main_window import MainWindow
from selection_desk.ui.pages.reports import ReportsPage
from tests.factories import make_campaign_data, make_campaign_file

pytestmark = pytest.mark.gui


@pytest.fixture
def page_errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    errors: list[str] = []
    monkeypatch.setattr(
        messages,
        "show_error",
        lambda parent, title, error: errors.append(messages.error_text(error)),
    )
    return errors


@pytest.fixture
def questions(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    asked: list[str] = []

    def answer(parent: object, title: str, text: str) -> bool:
        asked.append(text)
        return False

    monkeypatch.setattr(dialogs, "confirm", answer)
    return asked


class FakeExport:
    """Stands in for services.reporting.export_reports (same signature), writing small files."""

    def __init__(self) -> None:
        self.calls: list[dict[str, Any]] = []
        self.cancel = False
        self.error: Exception | None = None
        self.pseudonymised: list[bool] = []

    def __call__(
        self,
        campaign_file: Path,
        *,
        xlsx: Path | None = None,
        pdf: Path | None = None,
        letters: Path | None = None,
        language: str | None = None,
        progress: Progress | None = None,
        pseudonymise: bool = False,
    ) -> ExportResult:
        assert progress is not None
        self.pseudonymised.append(pseudonymise)
        self.calls.append(
            {"campaign_file": campaign_file, "xlsx": xlsx, "pdf": pdf, "letters": letters,
             "language": language}
        )  # fmt: skip
        if self.error is not None:
            raise self.error
        progress.step(0, 2, "Computing the ranking…")
        if self.cancel:
            progress.cancel()
            progress.step(1, 2, "")
        written = []
        for path in (xlsx, pdf):
            if path is not None:
                path.write_bytes(b"report")
                written.append(path)
        if letters is not None:
            letters.mkdir(exist_ok=True)
            letter = letters / "D01.pdf"
            letter.write_bytes(b"letter")
            written.append(letter)
        progress.step(2, 2, "")
        return ExportResult(written)


@pytest.fixture
def fake_export(monkeypatch: pytest.MonkeyPatch) -> FakeExport:
    fake = FakeExport()
    try:
        reporting = importlib.import_module("selection_desk.services.reporting")
    except ModuleNotFoundError:  # the report service is written in parallel
        import sys
        import types

        reporting = types.ModuleType("selection_desk.services.reporting")
        monkeypatch.setitem(sys.modules, "selection_desk.services.reporting", reporting)
    monkeypatch.setattr(reporting, "export_reports", fake, raising=False)
    return fake


@pytest.fixture
def page(window: MainWindow, tmp_path: Path, page_errors: list[str]) -> ReportsPage:
    window.open_file(make_campaign_file(tmp_path / "appel.seldesk", make_campaign_data()))
    window.show_phase("reports")
    return window.reports_page


def test_the_page_proposes_every_output_in_the_campaigns_language(
    window: MainWindow, page: ReportsPage, tmp_path: Path
) -> None:
    assert window.pages.currentWidget() is page
    assert page.xlsx_box.isChecked() and page.pdf_box.isChecked() and page.letters_box.isChecked()
    assert page.language.currentData() == "fr"  # the campaign's language
    assert Path(page.folder.text()) == tmp_path / "appel-reports"
    assert page.summary.text().startswith("0 of 4 dossiers decided.")
    assert page.export_button.isEnabled()
    for box in (page.xlsx_box, page.pdf_box, page.letters_box):
        box.setChecked(False)
    assert not page.export_button.isEnabled()
    page.pdf_box.setChecked(True)
    page.folder.clear()
    assert not page.export_button.isEnabled()


def test_export_calls_the_report_service_and_lists_the_files(
    page: ReportsPage, fake_export: FakeExport, tmp_path: Path
) -> None:
    folder = tmp_path / "sortie"
    page.folder.setText(str(folder))
    page.language.setCurrentIndex(page.language.findData("en"))
    page.letters_box.setChecked(False)
    page.export()
    assert fake_export.calls == [
        {
            "campaign_file": tmp_path / "appel.seldesk",
            "xlsx": folder / "appel.xlsx",
            "pdf": folder / "appel-minutes.pdf",
            "letters": None,
            "language": "en",
        }
    ]
    listed = [page.files.item(i).text() for i in range(page.files.count())]
    assert listed == ["appel.xlsx", "appel-minutes.pdf"]
    assert page.files.item(1).data(Qt.ItemDataRole.UserRole) == str(folder / "appel-minutes.pdf")
    assert page.status.text() == f"2 file(s) written in {folder}"
    assert page.open_folder_button.isEnabled()
    assert page.export_button.isEnabled()


def test_french_reports_get_french_file_names(
    page: ReportsPage, fake_export: FakeExport, tmp_path: Path
) -> None:
    page.export()
    (call,) = fake_export.calls
    folder = tmp_path / "appel-reports"
    assert (call["pdf"], call["letters"], call["language"]) == (
        folder / "appel-proces-verbal.pdf",
        folder / "lettres",
        "fr",
    )
    assert page.files.count() == 3


def test_existing_files_are_replaced_only_after_a_confirmation(
    page: ReportsPage, fake_export: FakeExport, questions: list[str], tmp_path: Path
) -> None:
    folder = tmp_path / "appel-reports"
    folder.mkdir()
    (folder / "appel.xlsx").write_bytes(b"old")
    page.export()
    assert questions == ["These files are already in the folder and will be replaced:\nappel.xlsx"]
    assert fake_export.calls == []
    assert (folder / "appel.xlsx").read_bytes() == b"old"


def test_a_cancelled_export_says_so(
    page: ReportsPage, fake_export: FakeExport, page_errors: list[str]
) -> None:
    fake_export.cancel = True
    page.export()
    assert len(fake_export.calls) == 1
    assert page.status.text() == "Export cancelled."
    assert page.files.count() == 0
    assert page_errors == []
    assert page.export_button.isEnabled()


def test_a_failed_export_shows_the_message(
    page: ReportsPage, fake_export: FakeExport, page_errors: list[str]
) -> None:
    from selection_desk.errors import define_message

    fake_export.error = InvalidInput(define_message("test_export_failed", "Disk full."))
    page.export()
    assert page_errors == ["Disk full."]
    assert page.status.text() == "The export failed."
    assert page.files.count() == 0


@pytest.mark.slow
def test_the_real_export_writes_the_workbook_minutes_and_letters(
    window: MainWindow, page: ReportsPage, tmp_path: Path, page_errors: list[str]
) -> None:
    pytest.importorskip("selection_desk.services.reporting")
    from openpyxl import load_workbook
    from pypdf import PdfReader

    assert window.store is not None
    record_decision(window.store, "D02", Outcome.SELECTED, rationale="Décision motivée en séance")
    window.session.changed()  # type: ignore[union-attr]
    assert page.summary.text().startswith("1 of 4 dossiers decided.")
    folder = tmp_path / "rapports"
    page.folder.setText(str(folder))
    page.export()
    assert page_errors == []
    workbook, minutes = folder / "appel.xlsx", folder / "appel-proces-verbal.pdf"
    assert workbook.is_file() and minutes.is_file()
    letters = sorted((folder / "lettres").glob("*.pdf"))
    assert len(letters) == 4
    listed = {
        Path(page.files.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(page.files.count())
    }
    assert {workbook, minutes, *letters} <= listed
    read = load_workbook(workbook, read_only=True)
    assert "Campagne" in read.sheetnames
    read.close()  # a read-only workbook keeps its file open until closed
    text = " ".join(page.extract_text() for page in PdfReader(minutes).pages)
    assert "Décision motivée en séance" in " ".join(text.split())


def test_the_jurors_scoring_sheets_are_exported_into_their_folder(
    window: MainWindow, page: ReportsPage, tmp_path: Path, page_errors: list[str]
) -> None:
    from openpyxl import load_workbook
    from pypdf import PdfReader

    assert not page.sheets_box.isChecked()  # on demand only
    for box in (page.xlsx_box, page.pdf_box, page.letters_box):
        box.setChecked(False)
    assert not page.export_button.isEnabled()
    page.sheets_box.setChecked(True)
    assert page.export_button.isEnabled()
    page.language.setCurrentIndex(page.language.findData("en"))
    folder = tmp_path / "out"
    page.folder.setText(str(folder))
    page.export()
    assert page_errors == []
    assert window.store is not None
    jurors = [j.code for j in window.store.jurors()]
    sheets = folder / "scoring-sheets"
    expected = {
        sheets / f"scoring-sheet-{code}.{ext}" for code in jurors for ext in ("xlsx", "pdf")
    }
    assert {p for p in sheets.iterdir()} == expected
    listed = {
        Path(page.files.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(page.files.count())
    }
    assert listed == expected
    assert page.status.text() == f"{len(expected)} file(s) written in {folder}"
    juror = window.store.jurors()[0]
    workbook = load_workbook(sheets / f"scoring-sheet-{juror.code}.xlsx")
    assert juror.name in " ".join(
        str(c.value) for row in workbook.worksheets[0].iter_rows() for c in row if c.value
    )
    text = " ".join(
        p.extract_text() for p in PdfReader(sheets / f"scoring-sheet-{juror.code}.pdf").pages
    )
    assert juror.name in " ".join(text.split())
    assert not (folder / "appel.xlsx").exists()  # only what was asked for


def test_exporting_the_scoring_sheets_stops_on_cancel(tmp_path: Path) -> None:
    from selection_desk.errors import Cancelled
    from selection_desk.services.juror_sheets import export_juror_sheets

    campaign = make_campaign_file(tmp_path / "appel.seldesk", make_campaign_data())
    steps: list[str] = []

    def on_step(done: int, total: int, message: str) -> None:
        steps.append(message)
        progress.cancel()  # while the first file is written

    progress = Progress(on_step)
    with pytest.raises(Cancelled):
        export_juror_sheets(campaign, tmp_path / "sheets", language="fr", progress=progress)
    assert [p.name for p in (tmp_path / "sheets").iterdir()] == [steps[0]]


def test_a_pseudonymised_export_leaves_names_out_and_never_replaces_the_committees_files(
    page: ReportsPage, tmp_path: Path, page_errors: list[str]
) -> None:
    from openpyxl import load_workbook

    from tests.reports.pdf_text import joined

    page.sheets_box.setChecked(True)
    page.pseudonymise_box.setChecked(True)
    # Letters and juror sheets are addressed by name: left out, and cannot be ticked.
    for box in (page.letters_box, page.sheets_box):
        assert not box.isChecked() and not box.isEnabled()
    page.language.setCurrentIndex(page.language.findData("en"))
    folder = tmp_path / "observers"
    page.folder.setText(str(folder))
    page.export()
    assert page_errors == []
    workbook, minutes = (
        folder / "appel-pseudonymised.xlsx",
        folder / "appel-pseudonymised-minutes.pdf",
    )
    assert sorted(folder.iterdir()) == sorted([workbook, minutes])
    read = load_workbook(workbook, read_only=True)
    cells = [
        str(value)
        for sheet in read.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    ]
    read.close()  # a read-only workbook keeps its file open until closed
    text = joined(minutes)
    for name in ("Start-up 1", "Juré 1", "j1@example.org"):
        assert name not in cells and name not in text
    assert "Juror A" in cells and "Juror A" in text
    page.pseudonymise_box.setChecked(False)
    assert page.letters_box.isEnabled() and page.sheets_box.isEnabled()
