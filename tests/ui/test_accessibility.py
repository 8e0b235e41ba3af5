"""Accessibility (issue 20, defect 12; EN 301 549): every focusable widget of every page tells a
screen reader what it is, and every page can be reached and used with the keyboard alone.

The name checked is the one Qt's accessibility interface gives a screen reader (Orca, NVDA): a
button's text, a field's buddy label, or the widget's own accessible name."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QTabWidget, QWidget

from selection_desk.ui import accessibility
from selection_desk.ui.charts import ScoreDistributionChart
from selection_desk.ui.main_window import MainWindow
from selection_desk.ui.phases import PHASES
from selection_desk.ui.widgets.level_bar import Level, LevelBar
from tests.factories import make_campaign_data, make_campaign_file

pytestmark = pytest.mark.gui


def _focusable(root: QWidget) -> list[QWidget]:
    return [
        w
        for w in root.findChildren(QWidget)
        if w.isVisibleTo(root)
        and w.isEnabled()
        and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and w.focusProxy() is None
    ]


def _spoken_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return "" if interface is None else interface.text(QAccessible.Text.Name).strip()


def _describe(widget: QWidget) -> str:
    path = []
    current: QWidget | None = widget
    while current is not None and len(path) < 4:
        path.append(current.objectName() or type(current).__name__)
        current = current.parentWidget()
    return " < ".join(path)


def _unnamed(page: QWidget) -> list[str]:
    """The focusable widgets without a name, on every tab of the page."""
    unnamed = {_describe(w) for w in _focusable(page) if not _spoken_name(w)}
    for tabs in page.findChildren(QTabWidget):
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            QApplication.processEvents()
            unnamed |= {_describe(w) for w in _focusable(page) if not _spoken_name(w)}
        tabs.setCurrentIndex(0)
    return sorted(unnamed)


def _reached_by_tab(window: MainWindow, page: QWidget) -> bool:
    """Tab from the navigation list walks the focus chain into the page."""
    start = window.navigation
    current = start.nextInFocusChain()
    for _step in range(2000):
        if current is start:
            return False
        if page.isAncestorOf(current) and current in _focusable(page):
            return True
        current = current.nextInFocusChain()
    return False


@pytest.fixture
def opened(window: MainWindow, tmp_path: Path) -> MainWindow:
    window.open_file(make_campaign_file(tmp_path / "a11y.seldesk", make_campaign_data(dossiers=4)))
    return window


def test_the_welcome_screen_names_every_focusable_widget(window: MainWindow) -> None:
    unnamed = _unnamed(window.welcome)
    assert not unnamed, "; ".join(unnamed)


@pytest.mark.parametrize("phase", PHASES)
def test_every_page_names_its_widgets_and_is_reached_by_keyboard(
    opened: MainWindow, phase: str
) -> None:
    opened.show_phase(phase)
    QApplication.processEvents()
    page = opened.pages.currentWidget()
    assert _reached_by_tab(opened, page), f"{phase}: Tab never reaches the page"
    unnamed = _unnamed(page)
    assert not unnamed, f"{phase}: " + "; ".join(unnamed)


def test_the_score_sheet_names_every_focusable_widget(opened: MainWindow) -> None:
    opened.show_phase("scoring")
    opened.scoring_page.start("J1")
    QApplication.processEvents()
    page = opened.scoring_page
    assert _reached_by_tab(opened, page)
    unnamed = _unnamed(page)
    assert not unnamed, "; ".join(unnamed)


def test_painted_widgets_have_a_role_and_a_value(opened: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    accessibility.install()
    bar = LevelBar([Level(0, "0 Absent", ""), Level(3, "3 Good", "")])
    qtbot.addWidget(bar)
    spoken = QAccessible.queryAccessibleInterface(bar)
    assert spoken.role() == QAccessible.Role.Slider
    assert spoken.text(QAccessible.Text.Value) == "no level chosen"
    bar.set_value(3.0)
    assert spoken.text(QAccessible.Text.Value) == "3 Good"
    opened.show_phase("ranking")
    charts = opened.ranking_page.findChildren(ScoreDistributionChart)
    assert charts
    chart = QAccessible.queryAccessibleInterface(charts[0])
    assert chart.role() == QAccessible.Role.Chart
    assert chart.text(QAccessible.Text.Name) == "Distribution of the scores"


def test_every_chart_is_told_by_its_class_name(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The factory knows the charts by name (ui.charts loads with the first page that shows
    one): every chart class is among those names and speaks as a chart."""
    from selection_desk.ui import charts

    chart_classes = [
        member
        for member in vars(charts).values()
        if isinstance(member, type)
        and issubclass(member, charts._Chart)
        and member is not charts._Chart
    ]
    assert {cls.__name__ for cls in chart_classes} == accessibility.CHART_CLASSES
    accessibility.install()
    for cls in chart_classes:
        chart = cls()
        qtbot.addWidget(chart)
        assert QAccessible.queryAccessibleInterface(chart).role() == QAccessible.Role.Chart
