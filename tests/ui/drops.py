"""Drag and drop of local files onto a widget, as the window system delivers it, and of rows
within a view."""

from __future__ import annotations

import warnings
from pathlib import Path

from PySide6.QtCore import QMimeData, QModelIndex, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget


def drop_files(target: QWidget, *paths: Path) -> None:
    """Drag ``paths`` over ``target`` and drop them there; the drag must be accepted."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    with warnings.catch_warnings():
        # Qt 6 deprecates this constructor for a QPointF one that PySide 6.12 does not bind yet.
        warnings.simplefilter("ignore", DeprecationWarning)
        enter = QDragEnterEvent(
            QPoint(10, 10),
            Qt.DropAction.CopyAction,
            mime,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
    QApplication.sendEvent(target, enter)  # Qt delivers a drop only after its drag-enter
    assert enter.isAccepted()
    drop = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(target, drop)


def drop_within(view: QAbstractItemView, rows: list[QModelIndex], point: QPoint) -> QDropEvent:
    """Drop ``rows`` of ``view`` at ``point`` of the view itself, as a drag inside it would (the
    event's source is the view); returns the event, whose drop action the view may change."""
    mime = view.model().mimeData(rows)

    class InternalDrop(QDropEvent):
        def source(self) -> object:
            return view

    drop = InternalDrop(
        QPointF(point),
        Qt.DropAction.MoveAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    view.dropEvent(drop)
    return drop
