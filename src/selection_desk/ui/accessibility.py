"""What a screen reader (Orca, NVDA) is told about the app's painted widgets (EN 301 549).

Qt describes its standard widgets itself; a widget that paints its own content is, to Qt, an
anonymous "client" area.  The interfaces here give those widgets a role and, where they show a
value, the value: the rubric level bar is a slider whose value is the chosen level, the charts are
charts.  :func:`install` registers them once per process (the app calls it at start-up).
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtWidgets import QAccessibleWidget, QWidget

from selection_desk.i18n import _
from selection_desk.ui.widgets.level_bar import LevelBar

CHART_CLASSES = frozenset({"ScoreDistributionChart", "CriterionProfileChart"})
"""The chart widgets of ``ui.charts``, by the class name Qt passes the factory: that module (and
numpy) is imported with the first page that shows a chart, not at start-up."""

_installed = False


class LevelBarAccessible(QAccessibleWidget):
    """A rubric's levels: a slider whose value is the level chosen (or "none")."""

    def __init__(self, bar: LevelBar) -> None:
        super().__init__(bar, QAccessible.Role.Slider)
        self.bar = bar

    def text(self, kind: QAccessible.Text) -> str:
        if kind == QAccessible.Text.Value:
            index = self.bar.checked_index()
            return self.bar.levels[index].text if index >= 0 else _("no level chosen")
        return str(super().text(kind))


class ChartAccessible(QAccessibleWidget):
    def __init__(self, chart: QWidget) -> None:
        super().__init__(chart, QAccessible.Role.Chart)


def _interface(class_name: str, widget: QObject) -> QAccessibleInterface | None:
    if isinstance(widget, LevelBar):
        return LevelBarAccessible(widget)
    if class_name in CHART_CLASSES and isinstance(widget, QWidget):
        return ChartAccessible(widget)
    return None


def install() -> None:
    """Registers the interfaces (once: Qt keeps every factory installed)."""
    global _installed
    if not _installed:
        QAccessible.installFactory(_interface)
        _installed = True
