"""A thin table model over a :class:`~selection_desk.aggregation.Ranking`."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from selection_desk.aggregation import RankedDossier, Ranking
from selection_desk.i18n import _, format_number

SORT_ROLE = Qt.ItemDataRole.UserRole + 1

ModelIndex = QModelIndex | QPersistentModelIndex


def _is_dark() -> bool:
    palette = QApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


class RankingModel(QAbstractTableModel):
    COLUMNS = ("rank", "ref", "name", "score", "points", "jurors", "spread", "status")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._ranking: Ranking | None = None
        self._entries: tuple[RankedDossier, ...] = ()

    def set_ranking(self, ranking: Ranking | None) -> None:
        self.beginResetModel()
        self._ranking = ranking
        self._entries = ranking.entries if ranking else ()
        self.endResetModel()

    @property
    def ranking(self) -> Ranking | None:
        return self._ranking

    def entry(self, row: int) -> RankedDossier:
        return self._entries[row]

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            "rank": _("Rank"),
            "ref": _("Ref"),
            "name": _("Name"),
            "score": _("Score"),
            "points": _("Points"),
            "jurors": _("Jurors"),
            "spread": _("Spread"),
            "status": _("Notes"),
        }[self.COLUMNS[section]]

    def _within_places(self, entry: RankedDossier) -> bool:
        return (
            self._ranking is not None
            and not entry.eliminated
            and (entry.rank <= self._ranking.places)
        )

    def _status(self, entry: RankedDossier) -> str:
        notes = []
        if self._within_places(entry):
            notes.append(_("within the places"))
        if entry.tied:
            notes.append(_("tied"))
        if entry.flagged:
            notes.append(_("high spread"))
        if entry.eliminated:
            notes.append(
                _("eliminated ({criteria})").format(criteria=", ".join(entry.eliminated_by))
            )
        return " · ".join(notes)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry = self._entries[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(entry, column)
        if role == SORT_ROLE:
            return self._sort_value(entry, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            "rank",
            "score",
            "points",
            "jurors",
            "spread",
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and self._within_places(entry):
            return QBrush(QColor("#1f4d2b") if _is_dark() else QColor("#e3f4e6"))
        if role == Qt.ItemDataRole.ForegroundRole and entry.eliminated:
            return QBrush(QColor("#8a8a8a"))
        if role == Qt.ItemDataRole.ForegroundRole and entry.flagged and column == "status":
            return QBrush(QColor("#f0a040") if _is_dark() else QColor("#a34d00"))
        if role == Qt.ItemDataRole.FontRole and entry.eliminated:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and column == "status":
            return self._status(entry) or None
        return None

    def _display(self, entry: RankedDossier, column: str) -> str:
        if column == "rank":
            return f"{entry.rank}{' =' if entry.tied else ''}"
        if column in ("ref", "name"):
            return str(getattr(entry, column))
        if column == "jurors":
            return str(entry.jurors)
        if column == "status":
            return self._status(entry)
        value = getattr(entry, column)
        if value is None:
            return "—"
        return format_number(value, 1 if column == "spread" else 2)

    def _sort_value(self, entry: RankedDossier, column: str) -> Any:
        if column == "status":
            return self._status(entry)
        value = getattr(entry, column)
        return float("-inf") if value is None else value
