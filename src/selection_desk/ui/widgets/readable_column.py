"""A table's identifying column (a reference, a name, a label) that stretches into the room left
but never shrinks below a readable width: when the window is too narrow for it, the table scrolls
sideways instead of eliding the column to "É…"."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QHeaderView, QTableView

READABLE_NAME = "Ééééééééééééééé"
"""About 16 characters of a name, in a wide-ish French text: the least a committee can read."""


class ReadableColumn(QObject):
    """Keeps ``column`` of ``view`` stretched while the room left is at least ``minimum`` pixels,
    and at ``minimum`` (the table scrolling sideways) when it is not."""

    def __init__(self, view: QTableView, column: int, minimum: int) -> None:
        super().__init__(view)
        self.view, self.column, self.minimum = view, column, minimum
        header = view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        header.sectionResized.connect(self._other_section_resized)
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize:
            self.update()
        return False

    def _other_section_resized(self, section: int, _old: int, _new: int) -> None:
        if section != self.column:
            self.update()

    def update(self) -> None:
        """Stretch when the room left allows the minimum; else fix the column at the minimum."""
        header = self.view.horizontalHeader()
        others = sum(
            header.sectionSize(c)
            for c in range(header.count())
            if c != self.column and not header.isSectionHidden(c)
        )
        room = self.view.viewport().width() - others
        stretch = room >= self.minimum
        mode = QHeaderView.ResizeMode.Stretch if stretch else QHeaderView.ResizeMode.Interactive
        if header.sectionResizeMode(self.column) is not mode:
            header.setSectionResizeMode(self.column, mode)
        if not stretch and header.sectionSize(self.column) != self.minimum:
            header.resizeSection(self.column, self.minimum)


def readable_width(view: QTableView, sample: str = READABLE_NAME) -> int:
    """The width that shows ``sample`` whole in the view's font, with the cell's padding."""
    return view.fontMetrics().horizontalAdvance(sample) + 16
