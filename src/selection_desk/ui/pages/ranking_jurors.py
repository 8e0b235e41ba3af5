"""The jurors' calibration: who scores leniently, who severely, against the rest of the panel."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, Qt
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from selection_desk.i18n import _, format_number
from selection_desk.ui import theme
from selection_desk.ui.models.ranking_model import fast_number

if TYPE_CHECKING:
    from selection_desk.aggregation import JurorCalibration

CALIBRATION_MARGIN = 5.0
"""A juror whose totals are on average this many points (0–100) above or below the panel's mean
total of the same dossiers is called lenient or severe."""
BAR_REACH = 20.0
"""The deviation bar is full at ±20 points."""
SORT_VALUE = Qt.ItemDataRole.UserRole + 1
DEVIATION = Qt.ItemDataRole.UserRole + 2


def tendency(calibration: JurorCalibration) -> str:
    deviation = calibration.mean_deviation
    if deviation is None:
        return _("no counted review")
    if deviation >= CALIBRATION_MARGIN:
        return _("lenient")
    if deviation <= -CALIBRATION_MARGIN:
        return _("severe")
    return _("in line")


class _Item(QTableWidgetItem):
    """Sorts on the raw value (numbers as numbers, missing ones last)."""

    def __lt__(self, other: QTableWidgetItem) -> bool:
        mine, theirs = self.data(SORT_VALUE), other.data(SORT_VALUE)
        if mine is None or theirs is None:
            return mine is not None
        return bool(mine < theirs)


class DeviationDelegate(QStyledItemDelegate):
    """The deviation as a number, then a bar from the centre of its own area (right: lenient,
    left: severe)."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        super().paint(painter, option, index)  # background and selection; the cell has no text
        deviation = index.data(DEVIATION)
        if deviation is None:
            return
        colours = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        text = colours.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        cell = QRectF(option.rect).adjusted(4, 4, -4, -4)
        number_width = option.fontMetrics.horizontalAdvance("+00.0") + 6
        painter.save()
        painter.setPen(text)
        painter.drawText(
            QRectF(cell.left(), cell.top(), number_width, cell.height()),
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
            _signed(deviation),
        )
        bar = QRectF(cell.left() + number_width + 6, cell.top(), 0, cell.height())
        bar.setRight(cell.right())
        centre = bar.center().x()
        share = max(-1.0, min(1.0, deviation / BAR_REACH))
        width = share * bar.width() / 2
        if abs(deviation) < CALIBRATION_MARGIN:
            tone = theme.muted_text(colours)
        elif deviation < 0:
            tone = theme.warning(colours)
        else:
            tone = theme.positive(colours)
        painter.fillRect(
            QRectF(min(centre, centre + width), bar.top() + 2, abs(width), bar.height() - 4), tone
        )
        painter.setPen(text)
        painter.drawLine(int(centre), int(bar.top()), int(centre), int(bar.bottom()))
        painter.restore()


class CalibrationPanel(QWidget):
    HEADERS = ("juror", "mean", "deviation", "tendency")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        hint = QLabel(
            _(
                "Deviation: the juror's totals minus the panel's mean total of the same "
                "dossiers, on average (0–100). Beyond ±{margin} points the juror is lenient or "
                "severe; the z-score method corrects for it."
            ).format(margin=format_number(CALIBRATION_MARGIN, 0))
        )
        hint.setWordWrap(True)
        hint.setObjectName("hint")
        self.table = QTableWidget(0, len(self.HEADERS))
        self.table.setObjectName("calibrationTable")
        self.table.setAccessibleName(_("Calibration of the jurors"))
        titles = (_("Juror"), _("Mean ± spread"), _("Deviation"), _("Tendency"))
        self.table.setHorizontalHeaderLabels(titles)
        for column, tip in (
            (
                1,
                _(
                    "Mean of the juror's totals T (0–100) ± their standard deviation: how much "
                    "the juror tells dossiers apart."
                ),
            ),
            (2, _("Juror's totals minus the panel's mean total of the same dossiers, on average.")),
        ):
            header_item = self.table.horizontalHeaderItem(column)
            assert header_item is not None  # created by setHorizontalHeaderLabels above
            header_item.setToolTip(tip)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setItemDelegateForColumn(
            self.HEADERS.index("deviation"), DeviationDelegate(self)
        )
        header = self.table.horizontalHeader()
        metrics = self.fontMetrics()
        words = (_("lenient"), _("severe"), _("in line"))
        widest_word = max(words, key=metrics.horizontalAdvance)
        for column, sample in ((1, "00.0 ± 00.0"), (2, "+00.0 ++++++"), (3, widest_word)):
            title = titles[column]
            header.resizeSection(
                column,
                max(metrics.horizontalAdvance(title) + 18, metrics.horizontalAdvance(sample) + 14),
            )
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(self.HEADERS.index("juror"), QHeaderView.ResizeMode.Stretch)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)

    def set_calibration(
        self, calibration: Sequence[JurorCalibration], names: Mapping[str, str]
    ) -> None:
        self.table.setSortingEnabled(False)
        self.table.setRowCount(len(calibration))
        for row, juror in enumerate(calibration):
            shown = names.get(juror.juror) or juror.juror
            cells: list[tuple[str, Any]] = [
                (shown, shown.casefold()),
                (_mean_and_spread(juror), juror.mean_total),
                ("", juror.mean_deviation),
                (tendency(juror), juror.mean_deviation),
            ]
            for column, (text, value) in enumerate(cells):
                item = _Item(text)
                item.setData(SORT_VALUE, value)
                name_of_column = self.HEADERS[column]
                if name_of_column == "juror":
                    item.setToolTip(
                        _("{juror}: {count} review(s) counted").format(
                            juror=juror.juror, count=juror.dossiers
                        )
                    )
                elif name_of_column == "deviation":
                    item.setData(DEVIATION, juror.mean_deviation)
                    item.setToolTip(_signed(juror.mean_deviation))
                elif name_of_column == "tendency":
                    if juror.mean_deviation is not None:
                        if juror.mean_deviation >= CALIBRATION_MARGIN:
                            item.setForeground(theme.positive())
                        elif juror.mean_deviation <= -CALIBRATION_MARGIN:
                            item.setForeground(theme.warning())
                else:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, item)
        self.table.setSortingEnabled(True)
        # Most lenient first, most severe last.
        self.table.sortItems(self.HEADERS.index("deviation"), Qt.SortOrder.DescendingOrder)

    def clear(self) -> None:
        self.table.setRowCount(0)

    def tendencies(self) -> dict[str, str]:
        """Juror's name → tendency, as shown."""
        return {
            self._cell_text(row, 0): self._cell_text(row, len(self.HEADERS) - 1)
            for row in range(self.table.rowCount())
        }

    def _cell_text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return "" if item is None else item.text()


def _mean_and_spread(juror: JurorCalibration) -> str:
    if juror.mean_total is None:
        return "—"
    mean = fast_number(juror.mean_total, 1)
    return mean if juror.spread is None else f"{mean} ± {fast_number(juror.spread, 1)}"


def _signed(value: float | None) -> str:
    if value is None:
        return "—"
    text = fast_number(value, 1)
    return text if value < 0 else f"+{text}"
