"""The import wizard's first page: the file to import (and the attachments' folder), read and
recognised in the task runner: a dossier list goes on to its columns, a campaign workbook or a
long-format score file straight to what the import will do."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWizardPage,
)

from selection_desk.i18n import _
from selection_desk.progress import Progress
from selection_desk.services.import_report import table_details
from selection_desk.services.import_source import (
    DOSSIERS,
    SCORES,
    WORKBOOK,
    DetectedSource,
    detect_source,
)
from selection_desk.ui.messages import error_text
from selection_desk.ui.widgets.busy_row import BusyRow

if TYPE_CHECKING:
    from selection_desk.ui.import_state import WizardState

SOURCE_FILTER = "*.xlsx *.xlsm *.csv *.txt *.tsv *.ods *.xls"

PAGE_SOURCE, PAGE_MAPPING, PAGE_REPORT = range(3)
"""The wizard's page ids (the source page chooses which comes next)."""


def _source_filter() -> str:
    return _("Dossier lists and workbooks ({patterns})").format(patterns=SOURCE_FILTER)


class SourcePage(QWizardPage):
    def __init__(self, wizard: WizardState) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle(_("Choose the file to import"))
        self.setSubTitle(
            _(
                "A list of applications exported by a form tool (Excel, CSV, LibreOffice), a "
                "campaign workbook or a score file. Attachments may come from a folder or a ZIP."
            )
        )
        self.path_edit = QLineEdit()  # takes a pasted or typed path: Enter reads it
        self.path_edit.setPlaceholderText(_("Paste a file's path, or choose a file"))
        self.path_edit.returnPressed.connect(self._path_typed)
        browse = QPushButton(_("&Choose a file…"))
        browse.clicked.connect(self.choose_file)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(browse)

        self.sheet_combo = QComboBox()
        self.sheet_combo.currentTextChanged.connect(self._sheet_changed)
        self.sheet_label = QLabel(_("&Sheet:"))
        self.sheet_label.setBuddy(self.sheet_combo)

        self.attachments_edit = QLineEdit()
        self.attachments_edit.setReadOnly(True)
        self.attachments_edit.setPlaceholderText(_("No attachments"))
        folder_button = QPushButton(_("&Folder…"))
        folder_button.clicked.connect(self.choose_folder)
        zip_button = QPushButton(_("&ZIP…"))
        zip_button.clicked.connect(self.choose_zip)
        clear_button = QPushButton(_("None"))
        clear_button.clicked.connect(lambda: self.set_attachments(None))
        attachments_row = QHBoxLayout()
        attachments_row.addWidget(self.attachments_edit, 1)
        attachments_row.addWidget(folder_button)
        attachments_row.addWidget(zip_button)
        attachments_row.addWidget(clear_button)

        form = QFormLayout()
        file_label = QLabel(_("Fi&le:"))
        file_label.setBuddy(self.path_edit)
        form.addRow(file_label, file_row)
        form.addRow(self.sheet_label, self.sheet_combo)
        form.addRow(_("Attachments:"), attachments_row)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.busy = BusyRow()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.busy)
        layout.addWidget(self.status, 1, Qt.AlignmentFlag.AlignTop)
        self._set_sheets(())

    # -- choosing -------------------------------------------------------------------------------

    def choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Import a file"), self.path_edit.text(), _source_filter()
        )
        if path:
            self.set_source(Path(path))

    def _path_typed(self) -> None:
        """A pasted path, quotes and ``file://`` of a file manager's copy included."""
        text = self.path_edit.text().strip().strip("\"'")
        if text.startswith("file://"):
            text = QUrl(text).toLocalFile()
        path = Path(text).expanduser()
        if not text or path == self.owner.source:
            return
        if not path.is_file():
            self.status.setText(_("No file at {path}.").format(path=text))
            return
        self.set_source(path)

    def choose_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, _("Folder of the attachments"))
        if path:
            self.set_attachments(Path(path))

    def choose_zip(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("ZIP of the attachments"), "", _("ZIP archives (*.zip)")
        )
        if path:
            self.set_attachments(Path(path))

    def set_attachments(self, path: Path | None) -> None:
        self.owner.attachments = path
        self.attachments_edit.setText("" if path is None else str(path))

    def set_source(self, path: Path, sheet: str | None = None) -> None:
        self.owner.source = path
        self.owner.detected = None
        self.path_edit.setText(str(path))
        if sheet is None:
            self._set_sheets(())
        self.status.setText(_("Reading {name}…").format(name=path.name))
        self.completeChanged.emit()

        def read(progress: Progress) -> DetectedSource:
            progress.step(0, 0, "")
            return detect_source(path, sheet)

        handle = self.owner.runner.run(
            read,
            lambda detected: self._read(path, detected),
            lambda error: self._failed(error),
            on_progress=self.busy.progress,
            on_cancel=self._cancelled,
        )
        self.busy.start(handle)

    def _sheet_changed(self, title: str) -> None:
        detected = self.owner.detected
        if (
            title
            and detected is not None
            and detected.table is not None
            and detected.table.sheet != title
            and self.owner.source is not None
        ):
            self.set_source(self.owner.source, title)

    def _set_sheets(self, titles: tuple[str, ...], current: str | None = None) -> None:
        self.sheet_combo.blockSignals(True)
        self.sheet_combo.clear()
        self.sheet_combo.addItems(list(titles))
        if current:
            self.sheet_combo.setCurrentText(current)
        self.sheet_combo.blockSignals(False)
        visible = len(titles) > 1
        self.sheet_combo.setVisible(visible)
        self.sheet_label.setVisible(visible)

    # -- results --------------------------------------------------------------------------------

    def _read(self, path: Path, detected: DetectedSource) -> None:
        self.busy.stop()
        if path != self.owner.source:
            return
        self.owner.detected = detected
        self.owner.mapping = None
        table = detected.table
        if detected.kind == WORKBOOK:
            self.status.setText(
                _("{name} is a campaign workbook: it is imported as a whole.").format(
                    name=path.name
                )
            )
        elif table is not None:
            self._set_sheets(table.sheets, table.sheet)
            details = table_details(table)
            text = _(
                "{rows} row(s) and {columns} column(s) below the header on row {row} ({details})."
            ).format(
                rows=len(table.rows),
                columns=len(table.headers),
                row=table.header_row,
                details=details,
            )
            if detected.kind == SCORES:
                text = _("A score file: {details}").format(details=text)
            self.status.setText(text)
        self.completeChanged.emit()

    def _failed(self, error: BaseException) -> None:
        self.busy.stop()
        self.owner.detected = None
        self.status.setText(error_text(error))
        self.completeChanged.emit()

    def _cancelled(self) -> None:
        self.busy.stop()
        self.owner.detected = None
        self.status.setText(_("Cancelled."))
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802
        return self.owner.detected is not None and self.busy.handle is None

    def nextId(self) -> int:  # noqa: N802
        detected = self.owner.detected
        if detected is not None and detected.kind != DOSSIERS:
            return PAGE_REPORT
        return PAGE_MAPPING
