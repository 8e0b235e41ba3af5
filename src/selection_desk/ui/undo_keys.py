"""Ctrl+Z in a text field that has nothing of its own to undo goes to the page's undo history.

A ``QLineEdit`` (a spin box, a text box) claims the Undo and Redo keys for itself whenever it has
focus, so once a field's change was saved (Enter, or leaving it) Ctrl+Z would do nothing there.  The
filter below lets those keys through to the window's Edit ▸ Undo / Redo when the field itself has
nothing to undo or redo — a field being typed in still undoes its own typing first.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

_FIELDS = (QLineEdit, QAbstractSpinBox, QPlainTextEdit, QTextEdit, QComboBox)


def _own_history(widget: QObject, redo: bool) -> bool | None:
    """Whether ``widget`` can undo (``redo``: redo) something itself; None: not a text field."""
    if isinstance(widget, QComboBox):
        line = widget.lineEdit() if widget.isEditable() else None
        return False if line is None else _own_history(line, redo)
    if isinstance(widget, QAbstractSpinBox):
        line = widget.findChild(QLineEdit)
        return False if line is None else _own_history(line, redo)
    if isinstance(widget, QLineEdit):
        if widget.isReadOnly():
            return False
        return widget.isRedoAvailable() if redo else widget.isUndoAvailable()
    if isinstance(widget, QPlainTextEdit | QTextEdit):
        document = widget.document()
        return document.isRedoAvailable() if redo else document.isUndoAvailable()
    return None


class UndoKeysFilter(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() != QEvent.Type.ShortcutOverride or not isinstance(event, QKeyEvent):
            return False
        undo = event.matches(QKeySequence.StandardKey.Undo)
        redo = event.matches(QKeySequence.StandardKey.Redo) or QKeySequence(
            event.keyCombination()
        ) == QKeySequence("Ctrl+Shift+Z")
        if not (undo or redo):
            return False
        own = _own_history(watched, redo=redo and not undo)
        if own is None or own:
            return False
        event.ignore()
        return True  # not claimed by the field: the window's Undo / Redo shortcut runs


def forward_undo_keys(root: QWidget, keys_filter: UndoKeysFilter) -> None:
    """Installs ``keys_filter`` on every text field under ``root`` (again is harmless: call it
    after building forms that create fields)."""
    for field in root.findChildren(QWidget):
        if isinstance(field, _FIELDS):
            field.installEventFilter(keys_filter)
