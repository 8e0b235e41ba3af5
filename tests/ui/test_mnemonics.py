"""Alt+letter reaches one thing: no two visible controls of a page (menus included) share a
mnemonic, in English or in French."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QTabBar, QTabWidget, QWidget

from selection_desk import i18n
from selection_desk.ui.main_window import MainWindow
from selection_desk.ui.tasks import TaskRunner
from tests.factories import make_campaign_file

_MNEMONIC = re.compile(r"&([^&])")


def _mnemonic(text: str) -> str | None:
    found = _MNEMONIC.search(text.replace("&&", ""))
    return found.group(1).lower() if found else None


def _texts(widget: QWidget) -> list[str]:
    if isinstance(widget, QTabBar):
        return [widget.tabText(index) for index in range(widget.count())]
    if isinstance(widget, QGroupBox):
        return [widget.title()]
    if isinstance(widget, QLabel):
        return [widget.text()] if widget.buddy() is not None else []
    assert isinstance(widget, QAbstractButton)
    return [widget.text()]


def _clashes(window: MainWindow) -> dict[str, list[str]]:
    owners: dict[str, list[str]] = {}
    texts = [action.text() for action in window.menuBar().actions()]
    for kind in (QAbstractButton, QLabel, QGroupBox, QTabBar):
        for widget in window.findChildren(kind):
            if widget.isVisibleTo(window):
                texts += _texts(widget)
    for text in texts:
        if (letter := _mnemonic(text)) is not None:
            owners.setdefault(letter, []).append(text)
    return {letter: names for letter, names in owners.items() if len(names) > 1}


def clashes_on_every_view(window: MainWindow) -> dict[str, dict[str, list[str]]]:
    """The Alt-letter clashes of every page, and of every tab of a page with tabs."""
    found = {}
    for phase in window.PHASES:
        window.show_phase(phase)
        page = window.pages.currentWidget()
        tabs = [t for t in page.findChildren(QTabWidget) if t.isVisibleTo(window)]
        if not tabs:
            found[phase] = _clashes(window)
        for tab_widget in tabs:
            for index in range(tab_widget.count()):
                tab_widget.setCurrentIndex(index)
                found[f"{phase}/{tab_widget.tabText(index)}"] = _clashes(window)
    return found


@pytest.mark.parametrize("language", ["en", "fr"])
def test_no_two_visible_controls_share_an_alt_letter(
    qtbot,
    tmp_path: Path,
    language: str,  # type: ignore[no-untyped-def]
) -> None:
    campaign = make_campaign_file(tmp_path / "c.seldesk")
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    with i18n.language(language):
        runner = TaskRunner(synchronous=True)
        window = MainWindow(runner, settings)
        qtbot.addWidget(window)
        window.resize(1366, 768)
        window.show()
        window.open_file(campaign)
        found = clashes_on_every_view(window)
        window.close_campaign()
    assert len(found) >= len(MainWindow.PHASES) + 4  # the campaign page's tabs were visited
    assert {view: clash for view, clash in found.items() if clash} == {}
