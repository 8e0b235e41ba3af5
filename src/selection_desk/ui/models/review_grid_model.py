"""Who has scored which dossier, as a table: one row per dossier (there may be thousands), one
column per scoring juror (a few dozen); a thin adapter over
:class:`~selection_desk.services.review_grid.ReviewGrid`.  Each cell is a mark, and says in words
what it means to a screen reader and in its tooltip."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from selection_desk.i18n import _
from selection_desk.services.review_grid import EMPTY_GRID, ReviewGrid, ReviewState

Index = QModelIndex | QPersistentModelIndex

MARKS = {
    ReviewState.FINAL: "✓",
    ReviewState.DRAFT: "✎",
    ReviewState.NOTHING: "—",
    ReviewState.CONFLICT: "✕",
    ReviewState.NOT_ASSIGNED: "",
}


def state_text(state: ReviewState) -> str:
    """What a cell's mark means, in the user's language."""
    texts = {
        ReviewState.FINAL: _("final"),
        ReviewState.DRAFT: _("draft"),
        ReviewState.NOTHING: _("not scored yet"),
        ReviewState.CONFLICT: _("conflict of interest"),
        ReviewState.NOT_ASSIGNED: _("not assigned"),
    }
    return texts[state]


class ReviewGridModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.grid = EMPTY_GRID

    def set_grid(self, grid: ReviewGrid) -> None:
        """Show ``grid``; the same jurors and dossiers keep the view's scroll and current cell."""
        same_shape = (grid.dossiers, [j.code for j in grid.jurors]) == (
            self.grid.dossiers,
            [j.code for j in self.grid.jurors],
        )
        if not same_shape:
            self.beginResetModel()
            self.grid = grid
            self.endResetModel()
            return
        self.grid = grid
        if grid.dossiers and grid.jurors:
            last = self.index(len(grid.dossiers) - 1, len(grid.jurors) - 1)
            self.dataChanged.emit(self.index(0, 0), last)
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(grid.jurors) - 1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.grid.dossiers)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.grid.jurors)

    def state(self, index: Index) -> ReviewState:
        juror = self.grid.jurors[index.column()].code
        return self.grid.state(juror, self.grid.dossiers[index.row()])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return MARKS[self.state(index)]
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            juror = self.grid.jurors[index.column()]
            return _("{juror} — {dossier}: {state}").format(
                juror=juror.name,
                dossier=self.grid.dossiers[index.row()],
                state=state_text(self.state(index)),
            )
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Vertical:
            if role == Qt.ItemDataRole.DisplayRole:
                return self.grid.dossiers[section]
            return None
        juror = self.grid.jurors[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{juror.code}\n{juror.final}/{juror.to_score}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return _("{name}: {final} of {count} dossier(s) final").format(
                name=juror.name, final=juror.final, count=juror.to_score
            )
        return None
