"""The Reports page: choose the outputs, their language and a folder, export with progress.

The export itself is :func:`selection_desk.services.reporting.export_reports` (it opens its own
read-only connection on the campaign file); it runs in the task runner behind the session's
progress dialog, whose Cancel stops it before anything is left half-written.  The jurors' scoring
sheets (an Excel sheet and a printable PDF per juror, for jurors without the app) are written by
:func:`selection_desk.services.juror_sheets.export_juror_sheets` into a sub-folder.
"""

from __future__ import annotations

import contextlib
import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from selection_desk.errors import Cancelled
from selection_desk.i18n import LANGUAGES, _
from selection_desk.progress import Progress
from selection_desk.services.feedback import feedback_drafts
from selection_desk.services.op_changes import NOTHING, OpChanges
from selection_desk.storage.store import CampaignStore
from selection_desk.ui import dialogs, messages
from selection_desk.ui.pages.reports_feedback import FeedbackDialog, approval_counts
from selection_desk.ui.session import CampaignSession

SHOWN = OpChanges(setup=True, dossiers=True, scores=True, decisions=True)
"""What the summary counts: the dossiers, their decisions and the jurors' feedback (written with
the reviews) — not the files nor the kits."""
LANGUAGE_NAMES = {"fr": "Français", "en": "English"}
"""Each language in its own name, as language choosers show them."""

# File names of the outputs, in the language of the reports.
OUTPUT_NAMES = {
    "fr": {
        "minutes": "proces-verbal",
        "letters": "lettres",
        "sheets": "fiches-de-notation",
        "pseudonymised": "pseudonymise",
    },
    "en": {
        "minutes": "minutes",
        "letters": "letters",
        "sheets": "scoring-sheets",
        "pseudonymised": "pseudonymised",
    },
}


@dataclass(frozen=True)
class ExportPlan:
    folder: Path
    language: str
    xlsx: Path | None
    pdf: Path | None
    letters: Path | None
    juror_sheets: Path | None = None
    """The folder of the jurors' scoring sheets (Excel and PDF), when asked for."""
    pseudonymise: bool = False
    """The workbook and minutes without names nor personal fields (never letters nor sheets)."""

    @property
    def empty(self) -> bool:
        return self.reports_empty and self.juror_sheets is None

    @property
    def reports_empty(self) -> bool:
        return self.xlsx is None and self.pdf is None and self.letters is None

    def existing(self) -> list[Path]:
        """What the export would replace."""
        found = [path for path in (self.xlsx, self.pdf) if path is not None and path.exists()]
        for folder in (self.letters, self.juror_sheets):
            if folder is not None and folder.is_dir() and any(folder.iterdir()):
                found.append(folder)
        return found


@dataclass(frozen=True)
class ExportOutcome:
    files: tuple[Path, ...]
    cancelled: bool = False
    notes: tuple[str, ...] = ()
    """What the user should know about the files (a text cut in the workbook)."""


def plan_export(
    campaign_file: Path,
    folder: Path,
    language: str,
    *,
    xlsx: bool,
    pdf: bool,
    letters: bool,
    juror_sheets: bool = False,
    pseudonymise: bool = False,
) -> ExportPlan:
    """Where each output goes; pseudonymised files get their own names (never replacing the
    committee's), and letters and juror sheets, addressed by name, are left out."""
    names = OUTPUT_NAMES[language]
    stem = campaign_file.stem + (f"-{names['pseudonymised']}" if pseudonymise else "")
    letters = letters and not pseudonymise
    juror_sheets = juror_sheets and not pseudonymise
    return ExportPlan(
        folder=folder,
        language=language,
        pseudonymise=pseudonymise,
        xlsx=folder / f"{stem}.xlsx" if xlsx else None,
        pdf=folder / f"{stem}-{names['minutes']}.pdf" if pdf else None,
        letters=folder / names["letters"] if letters else None,
        juror_sheets=folder / names["sheets"] if juror_sheets else None,
    )


def run_export(campaign_file: Path, plan: ExportPlan, progress: Progress) -> ExportOutcome:
    """Call the report service (imported when needed: reportlab and openpyxl load with it)."""
    reporting = importlib.import_module("selection_desk.services.reporting")
    plan.folder.mkdir(parents=True, exist_ok=True)
    files: list[Path] = []
    notes: list[str] = []
    try:
        if not plan.reports_empty:
            result = reporting.export_reports(
                campaign_file,
                xlsx=plan.xlsx,
                pdf=plan.pdf,
                letters=plan.letters,
                language=plan.language,
                progress=progress,
                pseudonymise=plan.pseudonymise,
            )
            files += result.files
            notes += result.notes()
        if plan.juror_sheets is not None:
            sheets = importlib.import_module("selection_desk.services.juror_sheets")
            files += sheets.export_juror_sheets(
                campaign_file, plan.juror_sheets, language=plan.language, progress=progress
            )
    except Cancelled:
        return ExportOutcome(tuple(Path(path) for path in files), cancelled=True)
    return ExportOutcome(tuple(Path(path) for path in files), notes=tuple(notes))


class ReportsPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session: CampaignSession | None = None
        self.last_outcome: ExportOutcome | None = None
        # A form: it scrolls where the window is narrower than its long option texts (200 %).
        content = QWidget()
        scroll = QScrollArea()
        scroll.setAccessibleName(_("Exports"))
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        self.title = QLabel(_("Reports"))
        self.title.setObjectName("pageTitle")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)

        outputs = QGroupBox(_("Outputs"))
        outputs_layout = QVBoxLayout(outputs)
        self.xlsx_box = QCheckBox(
            _("Excel workbook: the campaign, the ranking, the decisions and formulas to audit it")
        )
        self.pdf_box = QCheckBox(
            _("PDF minutes: committee, conflicts, method, ranking, decisions, signatures")
        )
        self.letters_box = QCheckBox(
            _("Feedback letters: one PDF per applicant, without juror names")
        )
        self.sheets_box = QCheckBox(
            _(
                "Scoring sheets for jurors without the app: per juror, an Excel sheet to fill "
                "in and a PDF sheet to print"
            )
        )
        for box in (self.xlsx_box, self.pdf_box, self.letters_box, self.sheets_box):
            box.setChecked(box is not self.sheets_box)
            box.toggled.connect(self._update_state)
            outputs_layout.addWidget(box)
        self.pseudonymise_box = QCheckBox(
            _(
                "Pseudonymised, for observers and statistics: dossiers named by their reference, "
                "personal fields left out, jurors as Juror A, B…, no private comments "
                "(workbook and minutes only)"
            )
        )
        self.pseudonymise_box.toggled.connect(self._update_state)
        outputs_layout.addWidget(self.pseudonymise_box)
        feedback_row = QHBoxLayout()
        self.feedback_button = QPushButton(_("Feedback for the letters…"))
        self.feedback_button.clicked.connect(self.open_feedback)
        self.feedback_counts = QLabel()
        self.feedback_counts.setObjectName("feedbackCounts")
        feedback_row.addWidget(self.feedback_button)
        feedback_row.addWidget(self.feedback_counts, 1)
        outputs_layout.addLayout(feedback_row)
        layout.addWidget(outputs)

        options = QGroupBox(_("Language and folder"))
        form = QFormLayout(options)
        self.language = QComboBox()
        for code in LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES[code], code)
        language_row = QHBoxLayout()
        language_row.addWidget(self.language)
        language_row.addStretch(1)
        form.addRow(_("Language of the reports:"), language_row)
        folder_row = QHBoxLayout()
        self.folder = QLineEdit()
        self.folder.textChanged.connect(self._update_state)
        self.browse = QPushButton(_("Choose…"))
        self.browse.clicked.connect(self.choose_folder)
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.browse)
        form.addRow(_("Folder:"), folder_row)
        layout.addWidget(options)

        actions = QHBoxLayout()
        self.export_button = QPushButton(_("Export"))
        self.export_button.setDefault(True)
        self.export_button.setToolTip("Ctrl+E")
        self.export_button.clicked.connect(self.export)
        self.open_folder_button = QPushButton(_("Open the folder"))
        self.open_folder_button.clicked.connect(self.open_folder)
        actions.addWidget(self.export_button)
        actions.addWidget(self.open_folder_button)
        actions.addStretch(1)
        layout.addLayout(actions)

        self.status = QLabel()
        self.status.setObjectName("exportStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.files = QListWidget()
        self.files.setObjectName("exportedFiles")
        self.files.setAccessibleName(_("Exported files"))
        self.files.itemActivated.connect(self._open_item)
        layout.addWidget(self.files, 1)
        shortcut = QShortcut(QKeySequence("Ctrl+E"), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.export)
        self.set_session(None)

    # -- session ----------------------------------------------------------------------------

    def set_session(self, session: CampaignSession | None) -> None:
        if self.session is not None:
            with contextlib.suppress(RuntimeError, TypeError):
                self.session.changes_applied.disconnect(self._changes_applied)
        self.session = session
        self.files.clear()
        self.status.clear()
        self.last_outcome = None
        if session is None:
            self.folder.clear()
            self._update_summary()
            self._update_state()
            return
        session.changes_applied.connect(self._changes_applied)
        path = Path(session.store.path)
        self.folder.setText(str(path.parent / _("{stem}-reports").format(stem=path.stem)))
        language = session.data.campaign.language
        index = self.language.findData(language if language in LANGUAGES else "fr")
        self.language.setCurrentIndex(max(index, 0))
        self._update_summary()
        self._update_state()

    def _changes_applied(self, changes: OpChanges) -> None:
        if changes.concerns(SHOWN):
            self._update_summary()

    def _update_summary(self) -> None:
        self.feedback_button.setEnabled(self.session is not None)
        self.feedback_counts.clear()
        if self.session is None:
            self.summary.setText(_("Open a campaign to export its reports."))
            return
        session = self.session
        approved, pending = approval_counts(feedback_drafts(session.store, session.data))
        self.feedback_counts.setText(
            _("{approved} approved, {pending} pending").format(approved=approved, pending=pending)
        )
        data = self.session.data
        decided = len(data.decisions)
        total = len(data.dossiers)
        text = _("{decided} of {total} dossiers decided.").format(decided=decided, total=total)
        if decided < total:
            text += " " + _(
                "The letters to applicants without a decision say that none is recorded yet."
            )
        self.summary.setText(text)

    def _update_state(self, *_args: Any) -> None:
        # Letters and juror sheets are addressed by name: a pseudonymised export leaves them out.
        named = not self.pseudonymise_box.isChecked()
        for box in (self.letters_box, self.sheets_box):
            box.setEnabled(named)
            if not named:
                box.setChecked(False)
        ready = (
            self.session is not None
            and bool(self.folder.text().strip())
            and any(b.isChecked() for b in self._boxes())
        )
        self.export_button.setEnabled(ready and not (self.session and self.session.busy))
        self.open_folder_button.setEnabled(self.session is not None and self._folder().is_dir())

    def _boxes(self) -> tuple[QCheckBox, ...]:
        return (self.xlsx_box, self.pdf_box, self.letters_box, self.sheets_box)

    def _folder(self) -> Path:
        return Path(self.folder.text().strip()).expanduser()

    # -- actions ----------------------------------------------------------------------------

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, _("Folder of the reports"), self.folder.text()
        )
        if folder:
            self.folder.setText(folder)

    def open_feedback(self) -> None:
        """The letters step: read, edit and approve each dossier's feedback."""
        if self.session is None:
            return
        FeedbackDialog(self.session.store, self).exec()
        self._update_summary()

    def _pending_feedback_warning(self) -> str:
        """Said after exporting letters while some dossiers have no approved feedback."""
        if self.session is None or not self.letters_box.isChecked():
            return ""
        _approved, pending = approval_counts(feedback_drafts(self.session.store, self.session.data))
        if not pending:
            return ""
        return _(
            "{count} dossier(s) have no approved feedback: their letters carry none "
            "(Feedback for the letters…)."
        ).format(count=pending)

    def plan(self) -> ExportPlan | None:
        if self.session is None:
            return None
        return plan_export(
            Path(self.session.store.path),
            self._folder(),
            str(self.language.currentData()),
            xlsx=self.xlsx_box.isChecked(),
            pdf=self.pdf_box.isChecked(),
            letters=self.letters_box.isChecked(),
            juror_sheets=self.sheets_box.isChecked(),
            pseudonymise=self.pseudonymise_box.isChecked(),
        )

    def export(self) -> None:
        plan = self.plan()
        if self.session is None or plan is None or plan.empty or not self.export_button.isEnabled():
            return
        title = _("Export the reports")
        existing = plan.existing()
        if existing and not dialogs.confirm(
            self,
            title,
            _("These files are already in the folder and will be replaced:\n{files}").format(
                files="\n".join(path.name for path in existing)
            ),
        ):
            return
        campaign_file = Path(self.session.store.path)
        self.status.setText(_("Exporting…"))
        self.files.clear()
        self.export_button.setEnabled(False)

        def work(_store: CampaignStore, progress: Progress) -> ExportOutcome:
            return run_export(campaign_file, plan, progress)

        self.session.run_task(
            self,
            _("Exporting the reports…"),
            work,
            self._exported,
            lambda error: self._failed(title, error),
            changes=NOTHING,  # the reports read the file, never write it
        )

    def _exported(self, outcome: ExportOutcome) -> None:
        self.last_outcome = outcome
        self._update_state()
        if outcome.cancelled:
            self.status.setText(_("Export cancelled."))
            return
        written = _("{count} file(s) written in {folder}").format(
            count=len(outcome.files), folder=self._folder()
        )
        warning = self._pending_feedback_warning()
        self.status.setText(" ".join([written, *outcome.notes, *([warning] if warning else [])]))
        folder = self._folder()
        for path in outcome.files:
            shown = path.relative_to(folder) if path.is_relative_to(folder) else path
            item = QListWidgetItem(str(shown))
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            item.setToolTip(str(path))
            self.files.addItem(item)

    def _failed(self, title: str, error: BaseException) -> None:
        self._update_state()
        self.status.setText(_("The export failed."))
        messages.show_error(self, title, error)

    def open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._folder())))

    def _open_item(self, item: QListWidgetItem) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(item.data(Qt.ItemDataRole.UserRole)))
