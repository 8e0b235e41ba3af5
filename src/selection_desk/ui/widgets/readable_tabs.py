"""A tab bar that keeps every tab in sight (issue 20: the Ranking page's fifth tab was clipped at
1280 × 720, behind scroll arrows nobody notices).

Its titles sit closer together than the style's own, and in a panel too narrow for them all the
long ones are shortened first and never below their first letters ("Robus…"; a short "Jurés"
stays whole), the whole title in the tooltip.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleOption, QTabBar, QWidget

KEPT_LETTERS = 5
"""The letters of a title that stay when it is shortened."""


class CompactTabs(QProxyStyle):
    """The application's style with half the room around each tab's title."""

    def pixelMetric(  # noqa: N802
        self,
        metric: QStyle.PixelMetric,
        option: QStyleOption | None = None,
        widget: QWidget | None = None,
    ) -> int:
        value = super().pixelMetric(metric, option, widget)
        return value // 2 if metric is QStyle.PixelMetric.PM_TabBarTabHSpace else value


class ReadableTabBar(QTabBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._style = CompactTabs()
        self._style.setParent(self)  # lives as long as the bar
        self.setStyle(self._style)
        self.setUsesScrollButtons(False)
        self.setElideMode(Qt.TextElideMode.ElideRight)
        self.setExpanding(False)

    def tabInserted(self, index: int) -> None:  # noqa: N802
        """Each tab's whole title in its tooltip (read when the title is shortened)."""
        super().tabInserted(index)
        self.setTabToolTip(index, plain_title(self.tabText(index)))

    def minimumTabSizeHint(self, index: int) -> QSize:  # noqa: N802
        """Shortened, a title keeps its first :data:`KEPT_LETTERS` letters."""
        hint = super().minimumTabSizeHint(index)
        title = plain_title(self.tabText(index))
        kept = title if len(title) <= KEPT_LETTERS + 1 else title[:KEPT_LETTERS] + "…"
        metrics = self.fontMetrics()
        full = self.tabSizeHint(index).width()
        needed = full - metrics.horizontalAdvance(title) + metrics.horizontalAdvance(kept)
        return QSize(max(hint.width(), needed), hint.height())


def plain_title(text: str) -> str:
    """A tab's title without its Alt-letter mark."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")
