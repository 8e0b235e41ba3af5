"""A drop-down list whose shown choice ends with "…" when the box is too narrow for all of it.

A plain :class:`QComboBox` given less room than its current text cuts it mid-letter.  This one
paints what :meth:`QComboBox.paintEvent` paints, with the text elided to the edit field, and puts
the whole choice in the tooltip while it is shortened.  ``currentText()`` is unchanged.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QComboBox, QStyle, QStyleOptionComboBox, QStylePainter, QWidget


class ElidedComboBox(QComboBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._own_tooltip = ""
        self.currentIndexChanged.connect(lambda _index: self._update_tooltip())

    def shown_text(self) -> str:
        """The current choice as painted: whole, or cut to the edit field and ended with "…"."""
        return self._elided(self._option())

    def is_shortened(self) -> bool:
        return self.shown_text() != self.currentText()

    def setToolTip(self, text: str) -> None:  # noqa: N802 (Qt's name)
        self._own_tooltip = text
        self._update_tooltip()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._update_tooltip()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QStylePainter(self)
        option = self._option()
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        option.currentText = self._elided(option)
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)

    def _option(self) -> QStyleOptionComboBox:
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        return option

    def _elided(self, option: QStyleOptionComboBox) -> str:
        field = self.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox,
            option,
            QStyle.SubControl.SC_ComboBoxEditField,
            self,
        )
        icon = option.iconSize.width() + 4 if not option.currentIcon.isNull() else 0
        return self.fontMetrics().elidedText(
            option.currentText, Qt.TextElideMode.ElideRight, field.width() - icon
        )

    def _update_tooltip(self) -> None:
        parts = [self.currentText()] if self.is_shortened() else []
        if self._own_tooltip:
            parts.append(self._own_tooltip)
        super().setToolTip("\n".join(parts))
