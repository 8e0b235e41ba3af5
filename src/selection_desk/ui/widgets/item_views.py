"""Small helpers shared by the item views of the pages."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex
from PySide6.QtWidgets import QAbstractItemView

SelectionFlag = QItemSelectionModel.SelectionFlag


def make_current(view: QAbstractItemView, index: QModelIndex, rows: bool = True) -> None:
    """Make ``index`` the view's current and only selected item (its whole row when ``rows``)
    and scroll it into sight."""
    flags = (
        SelectionFlag.ClearAndSelect | SelectionFlag.Rows if rows else SelectionFlag.ClearAndSelect
    )
    view.selectionModel().setCurrentIndex(index, flags)
    view.scrollTo(index)
