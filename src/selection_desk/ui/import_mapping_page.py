"""The import wizard's second page: which column holds what, each column's type and whether it
holds personal data (:mod:`~selection_desk.ui.import_column_table`), checked on a live preview of
the first rows."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWizardPage,
)

from selection_desk.formats.column_mapping import ColumnMapping, with_role
from selection_desk.formats.column_types import ColumnType, detect_column_types
from selection_desk.formats.source_table import SourceTable
from selection_desk.i18n import _
from selection_desk.services import dossier_import as service
from selection_desk.ui.import_column_table import ColumnTable
from selection_desk.ui.messages import error_text

if TYPE_CHECKING:
    from selection_desk.ui.import_state import WizardState

PREVIEW_ROWS = 20
PREVIEW_FIELDS = 6


class MappingPage(QWizardPage):
    def __init__(self, wizard: WizardState) -> None:
        super().__init__()
        self.owner = wizard
        self._types_key: tuple[int, tuple[tuple[str, str], ...]] | None = None
        self._types: dict[str, ColumnType] = {}
        self._personal_key: tuple[int, tuple[tuple[str, bool], ...]] | None = None
        self._personal: dict[str, str | None] = {}
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
        self.column_table = ColumnTable()
        self.column_table.type_chosen.connect(self.set_type)
        self.column_table.personal_chosen.connect(self.set_personal)
        columns = QHBoxLayout()
        columns.addLayout(form, 1)
        columns.addWidget(self.column_table, 1)
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
            self.owner.mapping, self.owner.mapping_origin = service.choose_mapping(
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
        self.column_table.show_columns(
            headers, self._column_types(table, mapping), self._personal_columns(table, mapping)
        )
        self._updating = False
        self._refresh_preview()

    def set_type(self, header: str, kind: str) -> None:
        """The secretary's type for ``header`` (``"date:DMY"``…), kept in the mapping.  The column
        table already shows it: only the preview is redone (the list that asked stays)."""
        assert self.owner.mapping is not None
        mapping = self.owner.mapping
        self.owner.mapping = replace(mapping, types={**mapping.types, header: kind})
        self.owner.mapping_origin = "given"
        self._refresh_preview()

    def set_personal(self, header: str, personal: bool) -> None:
        """Whether ``header`` holds personal data, as the secretary says, kept in the mapping."""
        assert self.owner.mapping is not None
        mapping = self.owner.mapping
        self.owner.mapping = replace(mapping, personal={**mapping.personal, header: personal})
        self.owner.mapping_origin = "given"
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
        role = {self.ref_combo: "ref", self.name_combo: "name", self.email_combo: "email"}.get(
            sender  # type: ignore[call-overload]
        )
        if role is None or not isinstance(sender, QComboBox):
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
            kept = tuple(h for h in mapping.attachments if h != header)
            mapping = replace(mapping, attachments=kept)
        self.owner.mapping = mapping
        self.owner.mapping_origin = "given"
        self._show_mapping()

    def _refresh_preview(self) -> None:
        table = self.owner.table
        mapping = self.owner.mapping
        assert table is not None and mapping is not None
        rows, problems = service.preview_dossiers(table, mapping, PREVIEW_ROWS)
        self.problems.setText("\n".join(problem.message() for problem in problems))
        self.problems.setVisible(bool(problems))
        # The fields as the import makes them: option columns of a multiple choice are one field.
        fields = next(
            (list(preview.dossier.fields) for preview in rows if preview.dossier is not None),
            [header for header in table.headers if header not in (mapping.ref, mapping.name)],
        )[:PREVIEW_FIELDS]
        titles = [_("Row"), _("Reference"), _("Name"), *fields, _("Problem")]
        self.preview.clear()
        self.preview.setColumnCount(len(titles))
        self.preview.setHorizontalHeaderLabels(titles)
        types = self._column_types(table, mapping)
        for column, field in enumerate(fields, start=3):
            title = self.preview.horizontalHeaderItem(column)
            if title is not None and field in types:
                title.setToolTip(_("Type: {type}").format(type=types[field].spelled()))
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

    def _column_types(self, table: SourceTable, mapping: ColumnMapping) -> dict[str, ColumnType]:
        """Each column's type, read once per table and mapping file (a date's order scans every
        row)."""
        key = (id(table), tuple(sorted(mapping.types.items())))
        if self._types_key != key:
            self._types_key = key
            self._types = detect_column_types(table, mapping.types)
        return self._types

    def _personal_columns(
        self, table: SourceTable, mapping: ColumnMapping
    ) -> dict[str, str | None]:
        """Why each column holds personal data, read once per table and choice."""
        key = (id(table), tuple(sorted(mapping.personal.items())))
        if self._personal_key != key:
            self._personal_key = key
            self._personal = service.personal_columns(table, mapping)
        return self._personal

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
