"""A table whose Delete and Insert keys ask to delete or add a row (set-up lists)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QTableWidget


class KeyTable(QTableWidget):
    """A list whose Delete and Insert keys ask to delete or add a row."""

    delete_pressed = Signal()
    insert_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.modifiers() == Qt.KeyboardModifier.NoModifier:
            if event.key() == Qt.Key.Key_Delete:
                self.delete_pressed.emit()
                return
            if event.key() == Qt.Key.Key_Insert:
                self.insert_pressed.emit()
                return
        super().keyPressEvent(event)
