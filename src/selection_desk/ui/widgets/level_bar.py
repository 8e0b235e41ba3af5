"""A criterion's rubric levels as one row of clickable segments ("0 Absent", "1 Faible" …).

One painted widget instead of a button per level: a sheet of ten criteria would otherwise build,
polish and paint sixty buttons whenever a juror opens it.  The level that matches the score is
drawn in the palette's highlight; hovering a segment shows its descriptor; a click chooses it.
The keyboard goes through the score box, so the bar takes no focus.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QHelpEvent, QMouseEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

PADDING_X = 6
PADDING_Y = 3
GAP = 4


@dataclass(frozen=True)
class Level:
    value: float
    text: str
    tip: str


class LevelBar(QWidget):
    chosen = Signal(float)

    def __init__(self, levels: list[Level], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.levels = levels
        self.value: float | None = None
        self._hover = -1
        self.setObjectName("levelBar")
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(" · ".join(level.text for level in levels))

    # -- geometry -----------------------------------------------------------------------------

    def _widths(self) -> list[int]:
        metrics = self.fontMetrics()
        return [metrics.horizontalAdvance(level.text) + 2 * PADDING_X for level in self.levels]

    def sizeHint(self) -> QSize:  # noqa: N802
        widths = self._widths()
        height = self.fontMetrics().height() + 2 * PADDING_Y + 2
        return QSize(sum(widths) + GAP * max(len(widths) - 1, 0), height)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return self.sizeHint()

    def segment_rect(self, index: int) -> QRect:
        """Where level ``index`` is drawn; spare width is shared out between the segments."""
        widths = self._widths()
        spare = max(self.width() - self.sizeHint().width(), 0)
        extra = spare // max(len(widths), 1) if spare else 0
        x = 0
        for i, width in enumerate(widths):
            width += extra
            if i == index:
                return QRect(x, 0, width, self.height() - 1)
            x += width + GAP
        return QRect()

    def index_at(self, point: QPoint) -> int:
        for index in range(len(self.levels)):
            if self.segment_rect(index).contains(point):
                return index
        return -1

    # -- state --------------------------------------------------------------------------------

    def set_value(self, value: float | None) -> None:
        if value != self.value:
            self.value = value
            self.update()

    def checked_index(self) -> int:
        for index, level in enumerate(self.levels):
            if self.value is not None and math.isclose(level.value, self.value):
                return index
        return -1

    # -- events -------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        enabled = self.isEnabled()
        group = QPalette.ColorGroup.Active if enabled else QPalette.ColorGroup.Disabled
        checked = self.checked_index()
        for index, level in enumerate(self.levels):
            rect = self.segment_rect(index)
            if index == checked:
                background = palette.color(group, QPalette.ColorRole.Highlight)
                if not enabled:
                    background = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Mid)
                border = background
                text = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.HighlightedText)
            else:
                background = palette.color(group, QPalette.ColorRole.Button)
                if index == self._hover and enabled:
                    background = palette.color(group, QPalette.ColorRole.Midlight)
                border = palette.color(group, QPalette.ColorRole.Mid)
                text = palette.color(group, QPalette.ColorRole.ButtonText)
                if not enabled:
                    text = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Mid)
            painter.setPen(border)
            painter.setBrush(background)
            painter.drawRoundedRect(rect.adjusted(0, 0, -1, 0), 3, 3)
            painter.setPen(text)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, level.text)
        painter.end()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        hover = self.index_at(event.position().toPoint())
        if hover != self._hover:
            self._hover = hover
            self.update()

    def leaveEvent(self, event: QEvent) -> None:  # noqa: N802
        self._hover = -1
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() != Qt.MouseButton.LeftButton or not self.isEnabled():
            return
        index = self.index_at(event.position().toPoint())
        if index >= 0:
            self.chosen.emit(self.levels[index].value)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self.index_at(event.pos())
            if index >= 0:
                QToolTip.showText(
                    event.globalPos(), self.levels[index].tip, self, self.segment_rect(index)
                )
            else:
                QToolTip.hideText()
            return True
        return super().event(event)
