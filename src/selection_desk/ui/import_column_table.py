"""The import wizard's table of columns: each column's type, and whether it holds personal data.

One row per column of the file: its header, its type in a list the secretary may change (a date
whose day/month order no value tells is shown as a question to answer), and a box ticked when the
column holds personal data (detected from its header and values; the tooltip says why).  Choices
are emitted as signals; the mapping page records them in the mapping (``types``, ``personal``),
so a saved mapping file carries them to the next import.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from selection_desk.formats.column_types import ColumnType
from selection_desk.i18n import N_, _

TYPE_CHOICES: tuple[tuple[str, str], ...] = (
    ("text", N_("Text")),
    ("number", N_("Number")),
    ("money", N_("Amount of money")),
    ("percent", N_("Percentage")),
    ("date:DMY", N_("Date, day first (31/12/2026)")),
    ("date:MDY", N_("Date, month first (12/31/2026)")),
    ("date:YMD", N_("Date, year first (2026-12-31)")),
    ("datetime:DMY", N_("Date and time, day first")),
    ("datetime:MDY", N_("Date and time, month first")),
    ("datetime:YMD", N_("Date and time, year first")),
    ("yes/no", N_("Yes or no")),
    ("choices", N_("Multiple choice")),
    ("link", N_("Link")),
    ("e-mail", N_("E-mail address")),
    ("phone", N_("Phone number")),
)
UNDECIDED_DATE = N_("Date: day or month first? Choose")
PERSONAL_REASONS = {
    "e-mail": N_("an e-mail address"),
    "phone": N_("a phone number"),
    "address": N_("a postal address"),
    "birth date": N_("a date of birth"),
    "name": N_("a person's name"),
    "online profile": N_("an online profile"),
    "identity": N_("identity data"),
    "chosen": N_("your choice"),
}
HEADER, TYPE, PERSONAL = range(3)


class ColumnTable(QTableWidget):
    """Header | type | personal data, for every column of the file."""

    type_chosen = Signal(str, str)
    """(header, type as a mapping file spells it)"""
    personal_chosen = Signal(str, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 3, parent)
        self.setObjectName("mappingColumns")
        self.setAccessibleName(_("Columns: type and personal data"))
        self.setHorizontalHeaderLabels([_("Column"), _("Type"), _("Personal data")])
        self.verticalHeader().setVisible(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.horizontalHeader()
        header.setSectionResizeMode(HEADER, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(TYPE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(PERSONAL, QHeaderView.ResizeMode.ResizeToContents)
        self._headers: list[str] = []
        self._filling = False
        self.itemChanged.connect(self._personal_changed)

    def show_columns(
        self,
        headers: Sequence[str],
        types: Mapping[str, ColumnType],
        personal: Mapping[str, str | None],
    ) -> None:
        """One row per header: its type (detected or chosen) and personal flag with its reason."""
        self._filling = True
        self._headers = list(headers)
        self.setRowCount(len(headers))
        for row, header in enumerate(headers):
            self.setItem(row, HEADER, read_only_item(header))
            self.setCellWidget(row, TYPE, self._type_combo(header, types.get(header)))
            reason = personal.get(header)
            box = read_only_item("")
            box.setFlags(box.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            box.setCheckState(Qt.CheckState.Checked if reason else Qt.CheckState.Unchecked)
            if reason:
                box.setToolTip(_("Personal: {reason}").format(reason=_(PERSONAL_REASONS[reason])))
            self.setItem(row, PERSONAL, box)
        self._filling = False

    def type_combo(self, header: str) -> QComboBox:
        widget = self.cellWidget(self._headers.index(header), TYPE)
        assert isinstance(widget, QComboBox)
        return widget

    def personal_box_checked(self, header: str) -> bool:
        item = self.item(self._headers.index(header), PERSONAL)
        return item is not None and item.checkState() == Qt.CheckState.Checked

    def _type_combo(self, header: str, column: ColumnType | None) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(_("Type of “{column}”").format(column=header))
        spelled = column.spelled() if column else "text"
        if column is not None and column.ambiguous:
            combo.addItem(_(UNDECIDED_DATE), None)
            combo.setToolTip(_("No value tells whether the day or the month comes first."))
        for kind, label in TYPE_CHOICES:
            combo.addItem(_(label), kind)
        index = combo.findData(spelled)
        combo.setCurrentIndex(max(index, 0))
        combo.currentIndexChanged.connect(lambda _index: self._type_changed(header, combo))
        return combo

    def _type_changed(self, header: str, combo: QComboBox) -> None:
        kind = combo.currentData()
        if not self._filling and isinstance(kind, str):
            self.type_chosen.emit(header, kind)

    def _personal_changed(self, item: object) -> None:
        if self._filling or not self._headers:
            return
        for row, header in enumerate(self._headers):
            if self.item(row, PERSONAL) is item:
                self.personal_chosen.emit(header, self.personal_box_checked(header))
                return


def read_only_item(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    return item
