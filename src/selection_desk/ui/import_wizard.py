"""The import wizard: pick a file → check its columns on a live preview → see what the import will
do → import (with progress and cancel, in the page that opened the wizard).

Reading the file and computing the preview run in the task runner (a 100,000-row export takes
seconds); the preview opens its own read-only connection to the campaign file.  Campaign workbooks
and long-format score files are recognised too: they skip the column step.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from selection_desk.formats.column_mapping import ColumnMapping, with_role
from selection_desk.i18n import _
from selection_desk.progress import Progress
from selection_desk.services.dossier_import import (
    choose_mapping,
    plan_dossier_import,
    preview_dossiers,
)
from selection_desk.services.dossier_import_plan import (
    NEW,
    REJECTED,
    UNCHANGED,
    UPDATED,
    DossierImportPlan,
)
from selection_desk.services.import_report import (
    describe_attachments,
    describe_entity_changes,
    short_text,
    table_details,
)
from selection_desk.services.import_source import (
    DOSSIERS,
    SCORES,
    WORKBOOK,
    DetectedSource,
    detect_source,
)
from selection_desk.services.score_import import import_score_table
from selection_desk.storage.store import CampaignStore
from selection_desk.ui.messages import error_text
from selection_desk.ui.session import CampaignSession
from selection_desk.ui.tasks import TaskHandle, TaskRunner

SOURCE_FILTER = "*.xlsx *.xlsm *.csv *.txt *.tsv *.ods *.xls"
PREVIEW_ROWS = 20
PREVIEW_FIELDS = 6

PAGE_SOURCE, PAGE_MAPPING, PAGE_REPORT = range(3)


@dataclass(frozen=True)
class ImportRequest:
    """What the wizard asks its page to run: a dossier plan, or another kind of file."""

    kind: str
    source: Path
    plan: DossierImportPlan | None = None
    table: Any = None
    skip_rejected: bool = False


def _source_filter() -> str:
    return _("Dossier lists and workbooks ({patterns})").format(patterns=SOURCE_FILTER)


class _Busy(QWidget):
    """A progress bar with Cancel, shown while a task of the page runs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.cancel_button = QPushButton(_("Cancel"))
        layout.addWidget(self.bar, 1)
        layout.addWidget(self.cancel_button)
        self.handle: TaskHandle | None = None
        self.cancel_button.clicked.connect(self.cancel)
        self.hide()

    def start(self, handle: TaskHandle) -> None:
        self.handle = handle
        self.bar.setRange(0, 0)
        if not handle.done:
            self.show()

    def progress(self, done: int, total: int, _message: str) -> None:
        if total:
            self.bar.setRange(0, total)
            self.bar.setValue(done)

    def cancel(self) -> None:
        if self.handle is not None:
            self.handle.cancel()

    def stop(self) -> None:
        self.handle = None
        self.hide()


# --- Page 1: the file -----


class SourcePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle(_("Choose the file to import"))
        self.setSubTitle(
            _(
                "A list of applications exported by a form tool (Excel, CSV, LibreOffice), a "
                "campaign workbook or a score file. Attachments may come from a folder or a ZIP."
            )
        )
        self.path_edit = QLineEdit()
        self.path_edit.setReadOnly(True)
        self.path_edit.setPlaceholderText(_("No file chosen"))
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
        form.addRow(_("File:"), file_row)
        form.addRow(self.sheet_label, self.sheet_combo)
        form.addRow(_("Attachments:"), attachments_row)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.busy = _Busy()
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


# --- Page 2: the columns -----


class MappingPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle(_("Check the columns"))
        self.setSubTitle(
            _(
                "Say which column holds the reference, the name, the e-mail and the attachments; "
                "every other column is kept as a field of the dossier."
            )
        )
        self.ref_combo = QComboBox()
        self.name_combo = QComboBox()
        self.email_combo = QComboBox()
        self.attachment_list = QListWidget()
        self.attachment_list.setMaximumHeight(96)
        form = QFormLayout()
        ref_label = QLabel(_("&Reference:"))
        ref_label.setBuddy(self.ref_combo)
        name_label = QLabel(_("&Name:"))
        name_label.setBuddy(self.name_combo)
        email_label = QLabel(_("E-&mail:"))
        email_label.setBuddy(self.email_combo)
        attachments_label = QLabel(_("A&ttachment columns:"))
        attachments_label.setBuddy(self.attachment_list)
        form.addRow(ref_label, self.ref_combo)
        form.addRow(name_label, self.name_combo)
        form.addRow(email_label, self.email_combo)
        form.addRow(attachments_label, self.attachment_list)
        load_button = QPushButton(_("&Load a mapping…"))
        load_button.clicked.connect(self.load_mapping)
        save_button = QPushButton(_("&Save this mapping…"))
        save_button.clicked.connect(self.save_mapping)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(load_button)
        buttons.addWidget(save_button)
        self.problems = QLabel()
        self.problems.setObjectName("hint")
        self.problems.setWordWrap(True)
        self.preview = QTableWidget()
        self.preview.setObjectName("mappingPreview")
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview.verticalHeader().setVisible(False)
        self.preview.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.preview.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.preview.setWordWrap(False)
        columns = QHBoxLayout()
        columns.addLayout(form, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addLayout(buttons)
        layout.addWidget(self.problems)
        preview_title = QLabel(_("Preview of the first rows"))
        preview_title.setObjectName("sectionTitle")
        layout.addWidget(preview_title)
        layout.addWidget(self.preview, 1)
        self._updating = False
        for combo in (self.ref_combo, self.name_combo, self.email_combo):
            combo.currentIndexChanged.connect(self._combo_changed)
        self.attachment_list.itemChanged.connect(self._attachments_changed)

    def initializePage(self) -> None:  # noqa: N802
        table = self.owner.table
        if table is None:
            return
        if self.owner.mapping is None:
            self.owner.mapping, self.owner.mapping_origin = choose_mapping(
                self.owner.session.store, table
            )
        self._show_mapping()

    def _show_mapping(self) -> None:
        table = self.owner.table
        mapping = self.owner.mapping
        assert table is not None and mapping is not None
        self._updating = True
        headers = list(table.headers)
        for combo, empty, current in (
            (self.ref_combo, _("— generated from the e-mail or the name —"), mapping.ref),
            (self.name_combo, _("— choose the column —"), mapping.name),
            (self.email_combo, _("— none —"), mapping.email),
        ):
            combo.clear()
            combo.addItem(empty, None)
            for header in headers:
                combo.addItem(header, header)
            combo.setCurrentIndex(headers.index(current) + 1 if current in headers else 0)
        self.attachment_list.clear()
        for header in headers:
            item = QListWidgetItem(header)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = header in mapping.attachments
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.attachment_list.addItem(item)
        self._updating = False
        self._refresh_preview()

    def set_role(self, role: str, header: str | None) -> None:
        """Give ``header`` the ``role`` (what the combos do; also used by tests)."""
        assert self.owner.mapping is not None
        self.owner.mapping = with_role(self.owner.mapping, role, header)
        self.owner.mapping_origin = "given"
        self._show_mapping()

    def _combo_changed(self) -> None:
        if self._updating:
            return
        sender = self.sender()
        if not isinstance(sender, QComboBox):
            return
        role = {self.ref_combo: "ref", self.name_combo: "name", self.email_combo: "email"}.get(
            sender
        )
        if role is None:
            return
        self.set_role(role, sender.currentData())

    def _attachments_changed(self, item: QListWidgetItem) -> None:
        if self._updating or self.owner.mapping is None:
            return
        header = item.text()
        mapping = self.owner.mapping
        if item.checkState() == Qt.CheckState.Checked:
            mapping = with_role(mapping, "attachments", header)
        else:
            mapping = ColumnMapping(
                mapping.ref,
                mapping.name,
                mapping.email,
                tuple(h for h in mapping.attachments if h != header),
            )
        self.owner.mapping = mapping
        self.owner.mapping_origin = "given"
        self._show_mapping()

    def _refresh_preview(self) -> None:
        table = self.owner.table
        mapping = self.owner.mapping
        assert table is not None and mapping is not None
        rows, problems = preview_dossiers(table, mapping, PREVIEW_ROWS)
        self.problems.setText("\n".join(problem.message() for problem in problems))
        self.problems.setVisible(bool(problems))
        fields = [header for header in table.headers if header not in (mapping.ref, mapping.name)][
            :PREVIEW_FIELDS
        ]
        titles = [_("Row"), _("Reference"), _("Name"), *fields, _("Problem")]
        self.preview.clear()
        self.preview.setColumnCount(len(titles))
        self.preview.setHorizontalHeaderLabels(titles)
        self.preview.setRowCount(len(rows))
        for number, preview in enumerate(rows):
            dossier = preview.dossier
            values = [str(preview.row.number), preview.row.ref, preview.row.name]
            values += [
                " ".join((dossier.fields.get(header, "") if dossier else "").split())[:80]
                for header in fields
            ]
            values.append("; ".join(problem.message() for problem in preview.row.problems))
            for column, text in enumerate(values):
                self.preview.setItem(number, column, QTableWidgetItem(text))
        self.preview.resizeColumnsToContents()
        for column in range(self.preview.columnCount()):
            self.preview.setColumnWidth(column, min(self.preview.columnWidth(column), 240))
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802
        table = self.owner.table
        mapping = self.owner.mapping
        if table is None or mapping is None:
            return False
        from selection_desk.formats.column_mapping import mapping_problems

        return not mapping_problems(mapping, table)

    def load_mapping(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Load a mapping"), "", _("Column mappings (*.json)")
        )
        if not path:
            return
        from selection_desk.formats.column_mapping import load_mapping

        try:
            self.owner.mapping = load_mapping(Path(path))
        except Exception as error:
            self.problems.setText(error_text(error))
            self.problems.show()
            return
        self.owner.mapping_origin = "given"
        self._show_mapping()

    def save_mapping(self) -> None:
        if self.owner.mapping is None:
            return
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Save this mapping"), "mapping.json", _("Column mappings (*.json)")
        )
        if not path:
            return
        from selection_desk.formats.column_mapping import save_mapping

        try:
            save_mapping(self.owner.mapping, Path(path))
        except OSError as error:
            self.problems.setText(str(error))
            self.problems.show()


# --- Page 3: what will happen -----


class PlanRowsModel(QAbstractTableModel):
    """Every row of the file and what the import does with it."""

    COLUMNS = ("row", "status", "ref", "name", "details")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, ...]] = []

    def set_plan(self, plan: DossierImportPlan | None) -> None:
        self.beginResetModel()
        self._rows = [] if plan is None else _plan_lines(plan)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (_("Row"), _("Outcome"), _("Reference"), _("Name"), _("Details"))[section]

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._rows[index.row()][index.column()]
        return None


def _status_texts() -> dict[str, str]:
    return {
        NEW: _("new"),
        UPDATED: _("updated"),
        UNCHANGED: _("unchanged"),
        REJECTED: _("rejected"),
    }


def _plan_lines(plan: DossierImportPlan) -> list[tuple[str, ...]]:
    statuses = _status_texts()
    updates = {update.row: update for update in plan.updated}
    order = {REJECTED: 0, UPDATED: 1, NEW: 2, UNCHANGED: 3}
    lines: list[tuple[int, int, tuple[str, ...]]] = []
    for row in plan.rows:
        if row.status == REJECTED:
            details = "; ".join(
                (f"{problem.column}: " if problem.column else "") + problem.message()
                for problem in row.problems
            )
        elif row.status == UPDATED:
            update = updates[row.number]
            details = "; ".join(
                f"{change.field or _('name')}: “{short_text(change.before, 30)}” → "
                f"“{short_text(change.after, 30)}”"
                for change in update.changes
            )
        else:
            details = ""
        lines.append(
            (
                order[row.status],
                row.number,
                (str(row.number), statuses[row.status], row.ref, row.name, details),
            )
        )
    lines.sort(key=lambda line: (line[0], line[1]))
    return [line[2] for line in lines]


class ReportPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle(_("What the import will do"))
        self.setSubTitle(_("Nothing is written before you click Import."))
        self.summary = QLabel()
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.busy = _Busy()
        self.rows_model = PlanRowsModel(self)
        self.rows_view = QTableView()
        self.rows_view.setObjectName("importRows")
        self.rows_view.setModel(self.rows_model)
        self.rows_view.verticalHeader().setVisible(False)
        self.rows_view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.rows_view.setWordWrap(False)
        self.rows_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.rows_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.skip_rejected = QCheckBox(_("Import the other rows and leave the rejected rows out"))
        self.skip_rejected.toggled.connect(self._skip_toggled)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.busy)
        layout.addWidget(self.rows_view, 1)
        layout.addWidget(self.details)
        layout.addWidget(self.skip_rejected)

    def initializePage(self) -> None:  # noqa: N802
        self.owner.plan = None
        self.owner.other_report = None
        self.rows_model.set_plan(None)
        self.details.clear()
        self.skip_rejected.setChecked(False)
        self.skip_rejected.hide()
        self.summary.setText(_("Preparing the preview…"))
        detected = self.owner.detected
        source = self.owner.source
        assert detected is not None and source is not None
        campaign_path = self.owner.session.store.path
        mapping = self.owner.mapping
        attachments = self.owner.attachments

        def work(progress: Progress) -> object:
            with CampaignStore.open(campaign_path, readonly=True) as reader:
                if detected.kind == DOSSIERS:
                    assert detected.table is not None
                    return plan_dossier_import(
                        reader,
                        detected.table,
                        mapping=mapping,
                        attachments=attachments,
                        progress=progress,
                    )
                return _dry_run_other(reader, detected, source)

        handle = self.owner.runner.run(
            work,
            self._planned,
            self._failed,
            on_progress=self.busy.progress,
            on_cancel=self._cancelled,
        )
        self.busy.start(handle)

    def _planned(self, result: object) -> None:
        self.busy.stop()
        if isinstance(result, DossierImportPlan):
            self.owner.plan = result
            self._show_plan(result)
        else:
            self.owner.other_report = result
            self._show_other(result)
        self.completeChanged.emit()

    def _show_plan(self, plan: DossierImportPlan) -> None:
        counts = plan.counts()
        lines = [
            _(
                "{added} new dossier(s), {updated} updated, {unchanged} unchanged, {rejected} "
                "row(s) rejected."
            ).format(**counts)
        ]
        if plan.missing:
            lines.append(
                _(
                    "{count} dossier(s) of the campaign are not in this file; they are kept: {refs}"
                ).format(count=len(plan.missing), refs=", ".join(plan.missing[:15]))
                + (" …" if len(plan.missing) > 15 else "")
            )
        if plan.is_empty and not plan.rejected:
            lines.append(_("Nothing to import: the campaign already holds all of it."))
        self.summary.setText("\n".join(lines))
        self.rows_model.set_plan(plan)
        self.rows_view.resizeColumnsToContents()
        for column in range(self.rows_model.columnCount() - 1):
            self.rows_view.setColumnWidth(column, min(self.rows_view.columnWidth(column), 260))
        details: list[str] = [note.message() for note in plan.notes]
        if plan.attachments is not None:
            details.extend(describe_attachments(plan.attachments))
        self.details.setText("\n".join(line.strip() for line in details))
        self.details.setVisible(bool(details))
        self.skip_rejected.setVisible(bool(plan.rejected))

    def _show_other(self, report: Any) -> None:
        lines = [
            describe_entity_changes(name, summary)
            for name, summary in report.changes.summary().items()
            if name != "campaign_changed" and any(summary.values())
        ]
        if report.changes.is_empty:
            lines.append(_("Nothing to import: the campaign already holds all of it."))
        self.summary.setText("\n".join(lines))

    def _failed(self, error: BaseException) -> None:
        self.busy.stop()
        self.summary.setText(error_text(error))
        self.completeChanged.emit()

    def _cancelled(self) -> None:
        self.busy.stop()
        self.summary.setText(_("Cancelled."))
        self.completeChanged.emit()

    def _skip_toggled(self) -> None:
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802
        plan = self.owner.plan
        if plan is not None:
            return not plan.rejected or self.skip_rejected.isChecked()
        return self.owner.other_report is not None


def _dry_run_other(store: CampaignStore, detected: DetectedSource, source: Path) -> Any:
    if detected.kind == SCORES:
        assert detected.table is not None  # only a campaign workbook is detected without a table
        return import_score_table(store, detected.table, actor="secretary", dry_run=True)
    from selection_desk.services.workbook_import import import_campaign_workbook

    return import_campaign_workbook(store, source, actor="secretary", dry_run=True)


# --- The wizard -----


class ImportWizard(QWizard):
    import_requested = Signal(object)
    """An :class:`ImportRequest`, emitted when the user clicks Import."""

    def __init__(
        self,
        session: CampaignSession,
        runner: TaskRunner,
        parent: QWidget | None = None,
        source: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.runner = runner
        self.source: Path | None = None
        self.detected: DetectedSource | None = None
        self.attachments: Path | None = None
        self.mapping: ColumnMapping | None = None
        self.mapping_origin = "detected"
        self.plan: DossierImportPlan | None = None
        self.other_report: Any = None
        self.setWindowTitle(_("Import"))
        self.setObjectName("importWizard")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setButtonText(QWizard.WizardButton.FinishButton, _("&Import"))
        self.source_page = SourcePage(self)
        self.mapping_page = MappingPage(self)
        self.report_page = ReportPage(self)
        self.setPage(PAGE_SOURCE, self.source_page)
        self.setPage(PAGE_MAPPING, self.mapping_page)
        self.setPage(PAGE_REPORT, self.report_page)
        self.resize(1000, 640)
        if source is not None:
            self.source_page.set_source(source)

    @property
    def table(self) -> Any:
        return None if self.detected is None else self.detected.table

    def accept(self) -> None:
        detected = self.detected
        if detected is None or self.source is None:
            return
        if self.plan is not None:
            request = ImportRequest(
                DOSSIERS,
                self.source,
                plan=self.plan,
                skip_rejected=self.report_page.skip_rejected.isChecked(),
            )
        elif self.other_report is not None:
            request = ImportRequest(detected.kind, self.source, table=detected.table)
        else:
            return
        super().accept()
        self.import_requested.emit(request)

    def done(self, result: int) -> None:
        for busy in (self.source_page.busy, self.report_page.busy):
            busy.cancel()
        super().done(result)
