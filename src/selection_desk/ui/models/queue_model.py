"""A thin list model over a juror's queue
(:class:`~selection_desk.services.scoring_workspace.QueueItem`)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from selection_desk.i18n import N_, _
from selection_desk.services.scoring_workspace import QueueItem, QueueStatus

ModelIndex = QModelIndex | QPersistentModelIndex

REF_ROLE = Qt.ItemDataRole.UserRole + 1
STATUS_ROLE = Qt.ItemDataRole.UserRole + 2

# A shape per status, so that the state reads without colour (and in any palette).
STATUS_MARKS = {
    QueueStatus.UNSCORED: "○",
    QueueStatus.DRAFT: "◐",
    QueueStatus.FINAL: "●",
}
STATUS_LABELS = {
    QueueStatus.UNSCORED: N_("not scored yet"),
    QueueStatus.DRAFT: N_("draft"),
    QueueStatus.FINAL: N_("final"),
}


def status_label(status: QueueStatus) -> str:
    return _(STATUS_LABELS[status])


class QueueModel(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[QueueItem] = []

    def set_items(self, items: list[QueueItem] | tuple[QueueItem, ...]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def items(self) -> tuple[QueueItem, ...]:
        return tuple(self._items)

    def item(self, row: int) -> QueueItem:
        return self._items[row]

    def row_of(self, ref: str) -> int:
        for row, item in enumerate(self._items):
            if item.ref == ref:
                return row
        return -1

    def update_item(self, item: QueueItem) -> None:
        row = self.row_of(item.ref)
        if row < 0:
            return
        self._items[row] = item
        index = self.index(row, 0)
        self.dataChanged.emit(index, index)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{STATUS_MARKS[item.status]}  {item.ref} · {item.name}"
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return _("{ref} · {name}: {status}").format(
                ref=item.ref, name=item.name, status=status_label(item.status)
            )
        if role == REF_ROLE:
            return item.ref
        if role == STATUS_ROLE:
            return item.status.value
        return None
