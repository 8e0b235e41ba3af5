"""The import wizard's last page: what the import will do (a dry run in the task runner: rows
added, updated, refused and why), whether to skip the refused rows, and which submissions of an
e-mail sent several times to keep (the latest, all, or the rows picked in a list)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSignalBlocker,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from selection_desk.i18n import _
from selection_desk.progress import Progress
from selection_desk.services import dossier_import as service
from selection_desk.services.dossier_import_plan import (
    KEEP_ALL,
    KEEP_LATEST,
    KEEP_PICKED,
    NEW,
    REJECTED,
    REPEATED,
    UNCHANGED,
    UPDATED,
    DossierImportPlan,
    RepeatChoice,
)
from selection_desk.services.import_report import (
    describe_attachments,
    describe_entity_changes,
    short_text,
)
from selection_desk.services.import_source import DOSSIERS, SCORES, DetectedSource
from selection_desk.services.score_import import import_score_table
from selection_desk.storage.store import CampaignStore
from selection_desk.ui.messages import error_text
from selection_desk.ui.widgets.busy_row import BusyRow

if TYPE_CHECKING:
    from selection_desk.ui.import_state import WizardState


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
        REPEATED: _("repeated: another submission kept"),
    }


def _plan_lines(plan: DossierImportPlan) -> list[tuple[str, ...]]:
    statuses = _status_texts()
    updates = {update.row: update for update in plan.updated}
    order = {REJECTED: 0, REPEATED: 1, UPDATED: 2, NEW: 3, UNCHANGED: 4}
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
    def __init__(self, wizard: WizardState) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle(_("What the import will do"))
        self.setSubTitle(_("Nothing is written before you click Import."))
        self.summary = QLabel()
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.busy = BusyRow()
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
        self.keep_all_repeated = QCheckBox(
            _("Keep every submission of an e-mail sent several times (otherwise its latest)")
        )
        self.keep_all_repeated.setObjectName("keepAllRepeated")
        self.keep_all_repeated.toggled.connect(self._keep_all_toggled)
        self.repeated_label = QLabel(
            _("Or tick the submissions to keep (an e-mail without a ticked row keeps its latest):")
        )
        self.repeated_label.setWordWrap(True)
        self.repeated_rows = QListWidget()
        self.repeated_rows.setObjectName("repeatedRows")
        self.repeated_rows.setAccessibleName(_("Submissions to keep"))
        self.repeated_rows.setMaximumHeight(7 * (self.fontMetrics().height() + 6))
        self.repeated_rows.itemChanged.connect(self._pick_changed)
        self.repeated_label.setBuddy(self.repeated_rows)
        self._picked: frozenset[int] | None = None
        """The rows of repeated e-mails ticked in the list; ``None``: none picked yet."""
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.busy)
        layout.addWidget(self.rows_view, 1)
        layout.addWidget(self.details)
        layout.addWidget(self.skip_rejected)
        layout.addWidget(self.keep_all_repeated)
        layout.addWidget(self.repeated_label)
        layout.addWidget(self.repeated_rows)

    def initializePage(self) -> None:  # noqa: N802
        self.skip_rejected.setChecked(False)
        self.skip_rejected.hide()
        with QSignalBlocker(self.keep_all_repeated):
            self.keep_all_repeated.setChecked(False)
        self.keep_all_repeated.hide()
        self._picked = None
        self._show_repeated(None)
        self._plan()

    def _plan(self) -> None:
        """Plan the import again (in the background): the page opens, a choice changed."""
        self.owner.plan = None
        self.owner.other_report = None
        self.rows_model.set_plan(None)
        self.details.clear()
        self.summary.setText(_("Preparing the preview…"))
        repeats = self._repeat_choice()
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
                    return service.plan_dossier_import(
                        reader,
                        detected.table,
                        mapping=mapping,
                        attachments=attachments,
                        progress=progress,
                        repeats=repeats,
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
        if plan.set_aside_rows:
            lines.append(
                _(
                    "{count} row(s) set aside: another submission of the same e-mail is kept."
                ).format(count=len(plan.set_aside_rows))
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
        self.keep_all_repeated.setVisible(bool(plan.repeated))
        self._show_repeated(plan)

    # -- repeated submissions -------------------------------------------------------------

    def _repeat_choice(self) -> RepeatChoice:
        if self.keep_all_repeated.isChecked():
            return RepeatChoice(KEEP_ALL)
        if self._picked is not None:
            return RepeatChoice(KEEP_PICKED, self._picked)
        return RepeatChoice(KEEP_LATEST)

    def _show_repeated(self, plan: DossierImportPlan | None) -> None:
        """One ticked or unticked line per row of each e-mail sent several times."""
        with QSignalBlocker(self.repeated_rows):
            self.repeated_rows.clear()
            names = {row.number: row.name for row in plan.rows} if plan else {}
            for repeated in plan.repeated if plan else ():
                for number in repeated.rows:
                    item = QListWidgetItem(
                        _("{email} — row {row}: {name}").format(
                            email=repeated.email, row=number, name=names.get(number, "")
                        )
                    )
                    item.setData(Qt.ItemDataRole.UserRole, number)
                    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                    kept = number in repeated.kept
                    item.setCheckState(Qt.CheckState.Checked if kept else Qt.CheckState.Unchecked)
                    self.repeated_rows.addItem(item)
        visible = bool(plan and plan.repeated)
        self.repeated_label.setVisible(visible)
        self.repeated_rows.setVisible(visible)

    def picked_rows(self) -> list[int]:
        """The rows ticked in the list of repeated submissions."""
        items = (self.repeated_rows.item(i) for i in range(self.repeated_rows.count()))
        return [
            int(item.data(Qt.ItemDataRole.UserRole))
            for item in items
            if item.checkState() == Qt.CheckState.Checked
        ]

    def _pick_changed(self, _item: QListWidgetItem) -> None:
        self._picked = frozenset(self.picked_rows())
        with QSignalBlocker(self.keep_all_repeated):
            self.keep_all_repeated.setChecked(False)
        self._plan()

    def _keep_all_toggled(self) -> None:
        self._picked = None
        self._plan()

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
