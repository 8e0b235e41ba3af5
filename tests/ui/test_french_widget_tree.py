"""Every page of the window in French, on the demo campaign: no common English UI word is left in
the text a user reads (labels, buttons, tabs, group titles, placeholders, column headers, menus,
tooltips and accessible names).
Data (dossier names, comments) is not read: only the interface's own words."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QTabBar,
    QWidget,
)

from selection_desk import i18n
from selection_desk.demo import build_demo_file
from selection_desk.ui.main_window import MainWindow
from selection_desk.ui.phases import PHASES
from selection_desk.ui.tasks import TaskRunner
from tests.ui.conftest import shown_window

pytestmark = pytest.mark.gui

ENGLISH_WORDS = frozenset(
    {
        "the",
        "of",
        "and",
        "or",
        "not",
        "with",
        "from",
        "yet",
        "none",
        "open",
        "save",
        "close",
        "cancel",
        "delete",
        "add",
        "new",
        "show",
        "edit",
        "file",
        "help",
        "undo",
        "redo",
        "import",
        "export",
        "record",
        "clear",
        "rank",
        "jurors",
        "criteria",
        "ranking",
        "settings",
        "weights",
    }
)
"""Common English interface words that are no French word ("score" and "dossiers" are both)."""
WORD = re.compile(r"[A-Za-zÀ-ÿ]+")
MARKUP = re.compile(r"<[^>]+>|&[a-z]+;")


@pytest.fixture
def french_window(qtbot, tmp_path: Path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    with i18n.language("fr"):
        runner = TaskRunner(synchronous=True)
        settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
        window = shown_window(qtbot, runner, settings)
        window.resize(1280, 720)
        window.open_file(build_demo_file(tmp_path / "demo.seldesk"))
        yield window
        runner.wait_for_done()
        window.close_campaign()


def header_texts(header: QHeaderView) -> list[str]:
    model = header.model()
    if model is None:
        return []
    return [
        str(model.headerData(section, header.orientation()) or "")
        for section in range(header.count())
        if header.orientation() is Qt.Orientation.Horizontal
    ]


def interface_texts(widget: QWidget) -> list[str]:
    """The interface's own words shown by ``widget`` (not the data in its cells)."""
    if isinstance(widget, QLabel):
        return [widget.text()]
    if isinstance(widget, QAbstractButton):
        return [widget.text()]
    if isinstance(widget, QGroupBox):
        return [widget.title()]
    if isinstance(widget, QLineEdit):
        return [widget.placeholderText()]
    if isinstance(widget, QTabBar):
        return [widget.tabText(index) for index in range(widget.count())]
    if isinstance(widget, QMenu):
        return [action.text() for action in widget.actions()]
    if isinstance(widget, QHeaderView):
        return header_texts(widget)
    return []


def english_words(text: str) -> set[str]:
    words = {word.lower() for word in WORD.findall(MARKUP.sub(" ", text.replace("&", "")))}
    return words & ENGLISH_WORDS


def english_left(root: QWidget) -> list[str]:
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        for text in [*interface_texts(widget), widget.toolTip(), widget.accessibleName()]:
            words = english_words(text)
            if words:
                found.append(f"{type(widget).__name__} {widget.objectName()!r}: {text!r}")
    return found


@pytest.mark.parametrize("phase", PHASES)
def test_no_english_word_is_left_on_a_french_page(french_window: MainWindow, phase: str) -> None:
    with i18n.language("fr"):
        french_window.show_phase(phase)
        QApplication.processEvents()
        page = french_window.phase_pages[phase]
        assert english_left(page) == []


def test_no_english_word_is_left_in_the_french_menus(french_window: MainWindow) -> None:
    assert english_left(french_window.menuBar()) == []
