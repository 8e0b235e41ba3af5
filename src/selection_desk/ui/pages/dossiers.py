"""The Dossiers page: every application, searchable, with its fields, attachments and conflicts.

The table is a :class:`~selection_desk.ui.models.dossier_model.DossierTableModel` behind a search
and filter proxy; a column chooser hides or shows any column (the choice is remembered).  The
detail pane shows every field of the selected dossier, its attachments — PDFs open inside the app,
other files with the system's viewer, from a private temporary copy — and its declared conflicts
of interest, with a button to declare one.  Imports run from the wizard (Ctrl+I, the Import
button, or a file dropped on the window), written behind a progress dialog with Cancel.  The
detail pane and the conflict dialog are widgets of their own (:mod:`.dossiers_detail`).
"""

from __future__ import annotations

import contextlib
import hashlib
import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import QEvent, QItemSelection, QObject, QSettings, Qt, QTimer, QUrl
from PySide6.QtGui import (
    QAction,
    QDesktopServices,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QShortcut,
)
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from selection_desk.domain import Attachment
from selection_desk.errors import SelectionDeskError
from selection_desk.formats.ballot_files import is_ballot_path
from selection_desk.formats.file_types import extension_for
from selection_desk.i18n import _
from selection_desk.progress import Progress
from selection_desk.services import dossier_import as service
from selection_desk.services.dossier_import_plan import DossierImportReport
from selection_desk.services.field_metadata import field_types
from selection_desk.services.import_source import SCORES
from selection_desk.services.op_changes import OpChanges
from selection_desk.services.score_import import import_score_table
from selection_desk.storage.dossier_import import attachment_counts
from selection_desk.storage.store import CampaignStore
from selection_desk.ui.import_wizard import ImportRequest, ImportWizard
from selection_desk.ui.messages import show_error
from selection_desk.ui.models.dossier_model import (
    FILTERS,
    REF_ROLE,
    DossierFilterModel,
    DossierTableModel,
    filter_titles,
)
from selection_desk.ui.pages.dossiers_detail import ConflictDialog, DossierDetail
from selection_desk.ui.privacy import run_erasure
from selection_desk.ui.session import CampaignSession
from selection_desk.ui.stored_settings import string_list
from selection_desk.ui.tasks import TaskRunner
from selection_desk.ui.widgets.empty_state import EmptyState
from selection_desk.ui.widgets.field_filter import FieldFilter
from selection_desk.ui.widgets.pdf_viewer import PdfViewer

HIDDEN_COLUMNS_SETTING = "dossiers/hidden_columns"
FIT_ROWS = 50
"""The rows a column's width is fitted to."""
SHOWN = OpChanges(setup=True, dossiers=True, attachments=True, scores=True, decisions=True)
"""What the list shows: the dossiers, their files, their scoring status (the rules, the reviews)
and their decision — not the kits."""
IMPORTABLE_SUFFIXES = (".xlsx", ".xlsm", ".csv", ".txt", ".tsv", ".ods", ".xls")


def _holds(path: Path, content: bytes) -> bool:
    try:
        if path.stat().st_size != len(content):
            return False
        return hashlib.sha256(path.read_bytes()).digest() == hashlib.sha256(content).digest()
    except OSError:
        return False


class DossiersPage(QWidget):
    def __init__(
        self,
        runner: TaskRunner | None = None,
        settings: QSettings | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner or TaskRunner(self)
        self.settings = settings
        self.session: CampaignSession | None = None
        self.wizard: ImportWizard | None = None
        self.last_import: object = None
        self.import_message = ""
        self._temporary: Path | None = None
        self._document_ref: str | None = None
        """The dossier whose PDF the Document tab shows (never another dossier's)."""

        self.title = QLabel(_("Dossiers"))
        self.title.setObjectName("pageTitle")
        self.count_label = QLabel()
        self.count_label.setObjectName("hint")
        self.search = QLineEdit()
        self.search.setObjectName("dossierSearch")
        self.search.setAccessibleName(_("Find a dossier"))
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(_("Search every field (Ctrl+F)"))
        self.filter_combo = QComboBox()
        titles = filter_titles()
        for key in FILTERS:
            self.filter_combo.addItem(titles[key], key)
        self.field_filter = FieldFilter()
        self.columns_button = QToolButton()
        self.columns_button.setText(_("Columns"))
        self.columns_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.columns_menu = QMenu(self)
        self.columns_button.setMenu(self.columns_menu)
        self.import_button = QPushButton(_("&Import…"))
        self.import_button.setToolTip(
            _("Import a list of dossiers, a score file or a campaign workbook (Ctrl+I)")
        )
        self.import_button.clicked.connect(lambda: self.start_import())

        self.model = DossierTableModel(self)
        self.proxy = DossierFilterModel(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setObjectName("dossierTable")
        self.table.setAccessibleName(_("Dossiers"))
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the file's order first
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        # Fitting the columns looks at the first rows only (Qt's default is 1,000 of them, which
        # on a large campaign cost a fifth of a second of every refresh).
        self.table.horizontalHeader().setResizeContentsPrecision(FIT_ROWS)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultSectionSize(150)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(
            lambda position: self.columns_menu.exec(header.mapToGlobal(position))
        )
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        self.detail = DossierDetail()
        self.detail.attachment_opened.connect(self.open_attachment)
        self.detail.conflict_requested.connect(self.declare_conflict)
        self.detail.erase_requested.connect(self.ask_erase)
        self.erase_dialog: QMessageBox | None = None
        self.viewer = PdfViewer()
        self.viewer_title = QLabel()
        self.viewer_title.setWordWrap(True)
        document = QWidget()
        document_layout = QVBoxLayout(document)
        document_layout.setContentsMargins(0, 0, 0, 0)
        document_layout.addWidget(self.viewer_title)
        document_layout.addWidget(self.viewer, 1)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.detail, _("Details"))
        self.tabs.addTab(document, _("Document"))
        self.tabs.setTabEnabled(1, False)
        self.tabs.currentChanged.connect(self._tab_changed)

        toolbar = QHBoxLayout()
        toolbar.addWidget(self.search, 1)
        toolbar.addWidget(self.filter_combo)
        toolbar.addWidget(self.columns_button)
        toolbar.addWidget(self.import_button)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        heading = QHBoxLayout()
        heading.addWidget(self.title)
        heading.addStretch(1)
        heading.addWidget(self.count_label, 0, Qt.AlignmentFlag.AlignBottom)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addLayout(heading)
        # The field filter has a row of its own: beside the search it left neither box room for
        # its hint on a 1024-pixel-wide screen.
        filter_row = QHBoxLayout()
        filter_row.addWidget(self.field_filter)
        filter_row.addWidget(self.field_filter.message, 1)
        filter_row.addStretch(0)
        layout.addLayout(toolbar)
        layout.addLayout(filter_row)
        layout.addWidget(self.splitter, 1)
        self.empty_state = EmptyState()
        self.empty_state.show_text(
            _(
                "No dossiers yet. Import the applications: the CSV, Excel or ODS export of your "
                "application form, or a campaign workbook."
            ),
            _("Import the applications…"),
        )
        self.empty_state.clicked.connect(lambda: self.start_import())
        layout.addWidget(self.empty_state, 1)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(120)
        self._search_timer.timeout.connect(self._apply_search)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.filter_combo.currentIndexChanged.connect(self._filter_changed)
        self.field_filter.changed.connect(self._field_filter_changed)
        self._shortcut(QKeySequence.StandardKey.Find, self._focus_search)
        self._shortcut(QKeySequence("Ctrl+I"), lambda: self.start_import())
        self._shortcut(QKeySequence.StandardKey.ZoomIn, self.viewer.zoom_in)
        self._shortcut(QKeySequence.StandardKey.ZoomOut, self.viewer.zoom_out)
        self._shortcut(QKeySequence("Ctrl+0"), self.viewer.fit_width)
        self._shortcut(QKeySequence("Alt+PgDown"), self.viewer.next_page)
        self._shortcut(QKeySequence("Alt+PgUp"), self.viewer.previous_page)
        self.set_session(None)

    def _shortcut(self, keys: QKeySequence | QKeySequence.StandardKey, slot: object) -> None:
        shortcut = QShortcut(QKeySequence(keys), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(slot)

    # -- session -------------------------------------------------------------------------------

    def set_session(self, session: CampaignSession | None) -> None:
        if self.session is not None:
            with contextlib.suppress(RuntimeError, TypeError):
                self.session.changes_applied.disconnect(self._changes_applied)
        self.session = session
        enabled = session is not None
        for widget in (
            self.import_button,
            self.search,
            self.filter_combo,
            self.field_filter,
            self.columns_button,
        ):
            widget.setEnabled(enabled)
        if session is not None:
            session.changes_applied.connect(self._changes_applied)
        self.refresh()

    def _changes_applied(self, changes: OpChanges) -> None:
        if changes.concerns(SHOWN):
            self.refresh()

    def refresh(self) -> None:
        selected = self.current_ref()
        session = self.session
        if session is None:
            self.model.set_campaign(None, {})
        else:
            self.model.set_campaign(
                session.data, attachment_counts(session.store), field_types(session.store)
            )
        self._rebuild_columns_menu()
        self.field_filter.set_fields(self.model.fields, self.model.field_type)
        self._fit_columns()
        self._update_count()
        empty = session is not None and not session.data.dossiers
        self.empty_state.setVisible(empty)
        self.splitter.setVisible(not empty)
        if selected is not None and self.select(selected):
            return
        if self.proxy.rowCount():
            self.table.selectRow(0)
        else:
            self._show_current()

    def _fit_columns(self) -> None:
        """Columns as wide as their first rows need, within reason."""
        self.table.resizeColumnsToContents()
        for column in range(self.model.columnCount()):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), 260))

    def _update_count(self) -> None:
        total = self.model.rowCount()
        shown = self.proxy.rowCount()
        if total == shown:
            self.count_label.setText(_("{count} dossier(s)").format(count=total))
        else:
            self.count_label.setText(
                _("{shown} of {count} dossier(s)").format(shown=shown, count=total)
            )

    # -- search, filter, columns ---------------------------------------------------------------

    def _focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _apply_search(self) -> None:
        self.proxy.set_search(self.search.text())
        self._update_count()

    def set_search(self, text: str) -> None:
        """Search now (the box waits for a pause in typing)."""
        self.search.setText(text)
        self._search_timer.stop()
        self._apply_search()

    def _filter_changed(self) -> None:
        self.proxy.set_status_filter(self.filter_combo.currentData())
        self._update_count()

    def _field_filter_changed(self) -> None:
        self.proxy.set_field_condition(self.field_filter.field(), self.field_filter.condition())
        self._update_count()

    def _hidden_columns(self) -> set[str]:
        if self.settings is None:
            return set()
        return set(string_list(self.settings, HIDDEN_COLUMNS_SETTING))

    def _rebuild_columns_menu(self) -> None:
        self.columns_menu.clear()
        hidden = self._hidden_columns()
        header = self.table.horizontalHeader()
        for column in range(self.model.columnCount()):
            key = self.model.column_key(column)
            action = QAction(self.model.column_title(column), self.columns_menu)
            action.setCheckable(True)
            action.setChecked(key not in hidden)
            action.toggled.connect(lambda visible, c=column: self.set_column_visible(c, visible))
            self.columns_menu.addAction(action)
            header.setSectionHidden(column, key in hidden)

    def set_column_visible(self, column: int, visible: bool) -> None:
        key = self.model.column_key(column)
        if column == 2 and not visible:
            return  # the name always shows
        self.table.horizontalHeader().setSectionHidden(column, not visible)
        if self.settings is not None:
            hidden = self._hidden_columns()
            if visible:
                hidden.discard(key)
            else:
                hidden.add(key)
            self.settings.setValue(HIDDEN_COLUMNS_SETTING, sorted(hidden))

    # -- selection and detail ------------------------------------------------------------------

    def current_ref(self) -> str | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return str(index.data(REF_ROLE))

    def select(self, ref: str) -> bool:
        row = self.model.row_of(ref)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 1))
        if not index.isValid():
            return False
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        return True

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._show_current()

    def _show_current(self) -> None:
        ref = self.current_ref()
        session = self.session
        if ref is None or session is None:
            self.detail.show_dossier(None, (), [])
            self._show_document(None, ())
            return
        dossier = self.model.row(self.model.row_of(ref)).dossier
        names = {juror.code: juror.name for juror in session.data.jurors}
        conflicts = [
            (
                _("{juror}: {reason}").format(juror=names.get(c.juror, c.juror), reason=c.reason)
                if c.reason
                else names.get(c.juror, c.juror)
            )
            for c in session.data.conflicts
            if c.dossier == ref
        ]
        attachments = session.store.attachments(ref)
        self.detail.show_dossier(dossier, attachments, conflicts)
        self._show_document(ref, attachments)

    def _show_document(self, ref: str | None, attachments: tuple[Attachment, ...]) -> None:
        """The Document tab follows the selection: the dossier's first PDF (loaded when the tab
        is showing, or when it is opened), or, for a dossier without a PDF, an empty viewer and
        a disabled tab — never the document of the dossier selected before."""
        pdfs = [a for a in attachments if a.mime_type == "application/pdf"]
        if ref is not None and ref == self._document_ref and self.viewer.page_count():
            return
        self.viewer.clear()
        self.viewer_title.setText("")
        self._document_ref = None
        self.tabs.setTabEnabled(1, bool(pdfs))
        if not pdfs:
            if self.tabs.currentIndex() == 1:
                self.tabs.setCurrentIndex(0)
            return
        if self.tabs.currentIndex() == 1:
            self._load_pdf(pdfs[0])

    def _tab_changed(self, index: int) -> None:
        ref = self.current_ref()
        if index != 1 or self.session is None or ref is None or ref == self._document_ref:
            return
        pdfs = [a for a in self.session.store.attachments(ref) if a.mime_type == "application/pdf"]
        if pdfs:
            self._load_pdf(pdfs[0])

    def _load_pdf(self, attachment: Attachment, content: bytes | None = None) -> bool:
        if self.session is None:
            return False
        if content is None:
            try:
                content = self.session.store.attachment_content(attachment.sha256)
            except KeyError:
                return False
        if not self.viewer.load_bytes(content):
            return False
        self.viewer_title.setText(attachment.file_name)
        self._document_ref = attachment.dossier
        return True

    # -- attachments ---------------------------------------------------------------------------

    def open_attachment(self, attachment: Attachment) -> None:
        if self.session is None:
            return
        try:
            content = self.session.store.attachment_content(attachment.sha256)
        except KeyError:
            return
        if attachment.mime_type == "application/pdf" and self._load_pdf(attachment, content):
            self.tabs.setTabEnabled(1, True)
            self.tabs.setCurrentIndex(1)
            self.viewer.view.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.external_copy(attachment, content))))

    def external_copy(self, attachment: Attachment, content: bytes) -> Path:
        """A private copy for the system's viewer, named with the extension of its real type (a
        text file never opens as a web page)."""
        if self._temporary is None:
            self._temporary = Path(tempfile.mkdtemp(prefix="selection-desk-"))
            app = QApplication.instance()
            if app is not None:
                folder_to_remove = self._temporary
                app.aboutToQuit.connect(lambda: shutil.rmtree(folder_to_remove, ignore_errors=True))
        folder = self._temporary / attachment.sha256[:16]
        folder.mkdir(parents=True, exist_ok=True)
        name = attachment.file_name
        extension = extension_for(attachment.mime_type)
        if extension and not name.lower().endswith(extension):
            name += extension
        target = folder / name
        if _holds(target, content):
            return target  # opened before: the read-only copy is reused, not rewritten
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".part-", delete=False) as part:
            part.write(content)
        written = Path(part.name)
        written.chmod(0o400)
        written.replace(target)  # also over a read-only copy someone altered
        return target

    # -- conflicts -----------------------------------------------------------------------------

    def declare_conflict(self) -> None:
        session = self.session
        ref = self.current_ref()
        if session is None or ref is None:
            return
        jurors = [(j.code, j.name) for j in session.data.jurors]
        if not jurors:
            QMessageBox.information(
                self, _("Declare a conflict of interest"), _("The campaign has no juror yet.")
            )
            return
        dossier = self.model.row(self.model.row_of(ref)).dossier
        dialog = ConflictDialog(dossier, jurors, self)
        dialog.accepted.connect(
            lambda: self.record_conflict(str(dialog.juror.currentData()), ref, dialog.reason.text())
        )
        dialog.open()

    def record_conflict(self, juror: str, ref: str, reason: str, confirm: bool = False) -> bool:
        """Declare it through the campaign set-up use case; a juror who already scored the
        dossier loses those scores, which is asked first."""
        from selection_desk.services.conflicts import declare_conflict
        from selection_desk.services.setup_impact import NeedsConfirmation

        session = self.session
        if session is None:
            return False
        try:
            change = declare_conflict(session.store, juror, ref, reason, confirm=confirm)
        except NeedsConfirmation as question:
            answer = QMessageBox.question(
                self,
                _("Declare a conflict of interest"),
                question.message(),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer == QMessageBox.StandardButton.Yes:
                return self.record_conflict(juror, ref, reason, confirm=True)
            return False
        except SelectionDeskError as error:
            show_error(self, _("Declare a conflict of interest"), error)
            return False
        session.changed(change.op_changes)
        return True

    # -- erasure (design §11) ------------------------------------------------------------------

    def ask_erase(self) -> None:
        """The confirmation names what goes and what stays; erasing runs once it is accepted."""
        from selection_desk.services import erasure

        session = self.session
        ref = self.current_ref()
        if session is None or ref is None or session.busy:
            return
        preview = erasure.erasure_preview(session.store, ref)
        lines = erasure.confirmation_lines(preview, erasure.kits_holding(session.store, ref))
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            _("Erase personal data"),
            _("Erase the personal data of {ref}? This cannot be undone.").format(ref=ref),
            QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setInformativeText("\n".join(lines))
        erase_button = box.addButton(_("&Erase"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.finished.connect(
            lambda _result: (
                self.erase_personal_data(ref) if box.clickedButton() is erase_button else None
            )
        )
        self.erase_dialog = box
        box.open()

    def erase_personal_data(self, ref: str) -> None:
        from selection_desk.services.erasure import erase_dossier

        if self.session is not None:
            self.erase_dialog = None
            run_erasure(
                self.session,
                self,
                _("Erase personal data"),
                lambda store: erase_dossier(store, ref),
                lambda box: setattr(self, "erase_dialog", box),
            )

    # -- import --------------------------------------------------------------------------------

    def start_import(self, source: Path | None = None) -> ImportWizard | None:
        if self.session is None or self.session.busy:
            return None
        if self.wizard is not None:
            self.wizard.close()
        wizard = ImportWizard(self.session, self.runner, self, source)
        wizard.import_requested.connect(self.run_import)
        wizard.finished.connect(lambda _result: wizard.deleteLater())
        self.wizard = wizard
        wizard.open()
        return wizard

    def run_import(self, request: ImportRequest) -> None:
        session = self.session
        if session is None:
            return

        def work(store: CampaignStore, progress: Progress) -> object:
            if request.plan is not None:
                return service.apply_dossier_import(
                    store,
                    request.plan,
                    actor="secretary",
                    skip_rejected=request.skip_rejected,
                    progress=progress,
                )
            if request.kind == SCORES:
                return import_score_table(store, request.table, actor="secretary")
            from selection_desk.services.workbook_import import import_campaign_workbook

            return import_campaign_workbook(store, request.source, actor="secretary")

        session.run_task(
            self,
            _("Importing {name}…").format(name=request.source.name),
            work,
            lambda result: self._imported(request, result),
            lambda error: show_error(self, _("Import"), error),
        )

    def _imported(self, request: ImportRequest, result: object) -> None:
        self.last_import = result
        message = _("Imported {source}.").format(source=request.source.name)
        if isinstance(result, DossierImportReport):
            counts = result.plan.counts()
            message = _("Imported {source}: {added} new, {updated} updated.").format(
                source=request.source.name, added=counts["added"], updated=counts["updated"]
            )
            if result.plan.added:
                self.select(result.plan.added[0].ref)
        window = self.window()
        status_bar = getattr(window, "statusBar", None)
        if callable(status_bar):
            status_bar().showMessage(message, 8000)
        self.import_message = message

    # -- drag and drop onto the window --------------------------------------------------------

    @staticmethod
    def dropped_file(event: QDragEnterEvent | QDropEvent) -> Path | None:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        if len(urls) != 1 or not urls[0].isLocalFile():
            return None
        path = Path(urls[0].toLocalFile())
        suffix = path.suffix.lower()
        return path if suffix in IMPORTABLE_SUFFIXES or suffix == ".seldesk" else None

    @staticmethod
    def dropped_ballots(event: QDragEnterEvent | QDropEvent) -> list[Path]:
        """Juror ballots (one or many) dropped together: they are merged, not imported."""
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        paths = [Path(url.toLocalFile()) for url in urls if url.isLocalFile()]
        if paths and len(paths) == len(urls) and all(is_ballot_path(path) for path in paths):
            return paths
        return []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Files dragged onto the window (``watched``, which forwards them here): one importable
        file starts its import, a campaign file opens, ballots are merged."""
        if isinstance(event, QDragEnterEvent | QDropEvent) and event.type() in (
            QEvent.Type.DragEnter,
            QEvent.Type.DragMove,
            QEvent.Type.Drop,
        ):
            ballots = self.dropped_ballots(event)
            offline = getattr(watched, "offline", None)
            if ballots and offline is not None and self.session is not None:
                event.acceptProposedAction()
                if event.type() == QEvent.Type.Drop:
                    offline.merge_ballots(ballots)
                return True
            path = self.dropped_file(event)
            if path is None:
                return False
            event.acceptProposedAction()
            if event.type() == QEvent.Type.Drop:
                self.file_dropped(watched, path)
            return True
        return super().eventFilter(watched, event)

    def file_dropped(self, window: QObject, path: Path) -> None:
        if path.suffix.lower() == ".seldesk":
            open_file = getattr(window, "open_file", None)
            if callable(open_file):
                open_file(path)
            return
        if self.session is None:
            return
        offline = getattr(window, "offline", None)
        if offline is not None and offline.juror_mode:
            offline.refuse_import_into_kit()
            return
        show_phase = getattr(window, "show_phase", None)
        if callable(show_phase):
            show_phase("dossiers")
        self.start_import(path)
