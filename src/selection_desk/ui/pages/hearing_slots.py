"""The pitch day's slot list: one row per team (its number, times, name and the jurors with a
conflict of interest), the breaks between them.  A team moves by drag and drop or with Alt+↑ /
Alt+↓; the list never moves a row itself: it asks (:attr:`SlotList.move_requested`) and is filled
again from the saved order."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDropEvent, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem

from selection_desk.domain.hearing import Pause, Timetable
from selection_desk.i18n import _
from selection_desk.reports.hearing_text import pause_line, slot_line

REF_ROLE = Qt.ItemDataRole.UserRole
"""A team's dossier ref (None on a break's row)."""
INDEX_ROLE = Qt.ItemDataRole.UserRole + 1
"""Where a team dropped on this row lands: a team's own index, or the index after a break."""


class SlotList(QListWidget):
    move_requested = Signal(str, int)
    """(dossier ref, its new index in the day)"""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("hearingSlots")
        self.setAccessibleName(_("Order of the day"))
        self.setAccessibleDescription(_("Alt+Up and Alt+Down move the chosen team"))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setWordWrap(True)

    def fill(self, day: Timetable | None, juror_names: Mapping[str, str]) -> None:
        chosen = self.current_ref()
        self.clear()
        if day is None:
            return
        for item in day.items():
            row = QListWidgetItem()
            if isinstance(item, Pause):
                row.setText(pause_line(item))
                row.setData(REF_ROLE, None)
                row.setData(INDEX_ROLE, item.after)
                row.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsDropEnabled)
                font = row.font()
                font.setItalic(True)
                row.setFont(font)
            else:
                row.setText(slot_line(item, juror_names))
                row.setData(REF_ROLE, item.dossier)
                row.setData(INDEX_ROLE, item.number - 1)
                if item.conflicted:
                    row.setToolTip(_("These jurors leave the room or abstain for this team."))
            self.addItem(row)
            if row.data(REF_ROLE) == chosen:
                self.setCurrentItem(row)

    def current_ref(self) -> str | None:
        item = self.currentItem()
        ref = None if item is None else item.data(REF_ROLE)
        return None if ref is None else str(ref)

    def refs(self) -> list[str]:
        items = (self.item(row) for row in range(self.count()))
        return [ref for item in items if item is not None and (ref := item.data(REF_ROLE))]

    def move_current(self, delta: int) -> None:
        ref = self.current_ref()
        if ref is not None:
            index = self.refs().index(ref) + delta
            if 0 <= index < len(self.refs()):
                self.move_requested.emit(ref, index)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        alt = event.modifiers() & Qt.KeyboardModifier.AltModifier
        if alt and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.move_current(-1 if event.key() == Qt.Key.Key_Up else 1)
            event.accept()
            return
        super().keyPressEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        ref = self.current_ref()
        if event.source() is not self or ref is None:
            event.ignore()
            return
        source = self.refs().index(ref)
        target = self.itemAt(event.position().toPoint())
        to = len(self.refs()) if target is None else int(target.data(INDEX_ROLE))
        below = self.dropIndicatorPosition() == QAbstractItemView.DropIndicatorPosition.BelowItem
        if target is not None and target.data(REF_ROLE) is not None and below:
            to += 1
        if to > source:
            to -= 1
        # Accepted as "ignore": the view must not remove the dragged row itself.
        event.setDropAction(Qt.DropAction.IgnoreAction)
        event.accept()
        if to != source:
            self.move_requested.emit(ref, to)
