"""A one-line label that ends its text with "…" when the window is too narrow for all of it.

Qt has no such label: a plain :class:`QLabel` given less room than its text cuts it mid-letter.
``text()`` stays the whole text (tests and accessibility read it); only the painting is shortened,
and the whole text is the tooltip while it is shortened.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QWidget


class ElidedLabel(QLabel):
    def __init__(
        self, text: str = "", parent: QWidget | None = None, *, takes_leftover: bool = False
    ) -> None:
        """``takes_leftover``: the label asks for no width of its own and shows its text in the
        room the rest of the row leaves (give it a stretch factor); it is shortened first."""
        super().__init__(text, parent)
        self.setWordWrap(False)
        self._own_tooltip = ""
        if takes_leftover:
            self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def shown_text(self) -> str:
        """The text as painted: whole, or cut to the label's width and ended with "…"."""
        width = self.contentsRect().width() - 2 * self.margin()
        return self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, width)

    def is_shortened(self) -> bool:
        return self.shown_text() != self.text()

    def setToolTip(self, text: str) -> None:  # noqa: N802 (Qt's name)
        self._own_tooltip = text
        self._update_tooltip()

    def setText(self, text: str) -> None:  # noqa: N802 (Qt's name)
        super().setText(text)
        self._update_tooltip()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._update_tooltip()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._update_tooltip()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        QFrame.paintEvent(self, event)  # the frame and the style sheet's background
        painter = QPainter(self)
        self.style().drawItemText(
            painter,
            self.contentsRect().adjusted(self.margin(), 0, -self.margin(), 0),
            int(self.alignment()),
            self.palette(),
            self.isEnabled(),
            self.shown_text(),
            self.foregroundRole(),
        )

    def _update_tooltip(self) -> None:
        tip = self._own_tooltip or (self.text() if self.is_shortened() else "")
        QLabel.setToolTip(self, tip)
