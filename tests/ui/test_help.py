"""Help: F1 and Help ▸ Manual open the manual at the section of the page shown, in the user's
language; the keyboard shortcuts dialog lists the window's actions; ``gui --page``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import QMessageBox

from selection_desk import i18n
from selection_desk.ui import app as app_module
from selection_desk.ui import help as help_module
from selection_desk.ui.help import MANUAL_SECTIONS, ShortcutsDialog, shortcut_rows
from selection_desk.ui.main_window import MainWindow
from selection_desk.ui.phases import PAGES
from tests.factories import make_campaign_file

pytestmark = pytest.mark.gui


@pytest.fixture
def manual(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A built manual's files (empty pages are enough to be opened)."""
    root = tmp_path / "manual"
    for language in i18n.LANGUAGES:
        for section in MANUAL_SECTIONS.values():
            page = root / language / section.partition("#")[0]
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text("<html></html>", encoding="utf-8")
    monkeypatch.setattr(help_module, "manual_root", lambda: root)
    return root


@pytest.fixture
def opened_urls(monkeypatch: pytest.MonkeyPatch) -> list[QUrl]:
    urls: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: urls.append(url) or True)
    return urls


def _press_f1(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.activateWindow()
    qtbot.keyClick(window.pages.currentWidget(), Qt.Key.Key_F1)


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_f1_opens_the_manual_at_the_section_of_each_page(
    window: MainWindow, qtbot, manual: Path, opened_urls: list[QUrl], tmp_path: Path, language: str
) -> None:  # type: ignore[no-untyped-def]
    with i18n.language(language):
        _press_f1(window, qtbot)  # the welcome screen
        window.open_file(make_campaign_file(tmp_path / "c.seldesk"))
        for phase in MainWindow.PHASES:
            window.show_phase(phase)
            _press_f1(window, qtbot)
    expected = []
    for page in PAGES:
        document, _hash, anchor = MANUAL_SECTIONS[page].partition("#")
        expected.append((manual / language / document, anchor))
    opened = [(Path(url.toLocalFile()), url.fragment()) for url in opened_urls]
    assert opened == expected


def test_help_manual_is_in_the_help_menu_with_f1(window: MainWindow) -> None:
    help_menu = window.menuBar().actions()[-1].menu()
    assert window.manual_action in help_menu.actions()
    assert window.manual_action.shortcut() == QKeySequence(Qt.Key.Key_F1)


def test_without_a_built_manual_one_sentence_says_how_to_build_it(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, opened_urls: list[QUrl]
) -> None:
    said: list[str] = []
    monkeypatch.setattr(help_module, "manual_root", lambda: None)
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: said.append(text))
    window.manual_action.trigger()
    assert opened_urls == []
    assert said == [
        "The manual is not built on this computer: run “python docs/build_manual.py” in the "
        "Selection Desk source folder."
    ]


def test_the_shortcuts_dialog_lists_the_actions_of_the_window(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    extra = QAction("Count the ballots", window)
    extra.setShortcut(QKeySequence("Ctrl+Alt+B"))
    window.addAction(extra)
    unparented = QAction("&Find a dossier…")  # added to a page, not its child
    unparented.setShortcut(QKeySequence("Ctrl+Alt+F"))
    window.ranking_page.addAction(unparented)
    described = QShortcut(QKeySequence("Ctrl+Alt+N"), window.deliberation_page)
    described.setWhatsThis("Next dossier")
    QShortcut(QKeySequence("Ctrl+Alt+U"), window.deliberation_page)  # says nothing: not listed
    dialog = ShortcutsDialog(window)
    qtbot.addWidget(dialog)
    rows = [
        (dialog.table.item(row, 0).text(), dialog.table.item(row, 1).text())
        for row in range(dialog.table.rowCount())
    ]
    assert rows == shortcut_rows(window)
    assert ("Manual", "F1") in rows
    assert (
        "Open",
        QKeySequence(QKeySequence.StandardKey.Open).toString(
            QKeySequence.SequenceFormat.NativeText
        ),
    ) in rows
    assert ("Count the ballots", "Ctrl+Alt+B") in rows
    assert ("Find a dossier", "Ctrl+Alt+F") in rows
    assert ("Next dossier", "Ctrl+Alt+N") in rows
    assert not [label for label, keys in rows if keys == "Ctrl+Alt+U"]


def test_help_shows_the_demo_campaign(window: MainWindow) -> None:
    window.show_demo_action.trigger()
    assert window.store is not None
    assert window.current_page_name() == "ranking"
    assert len(window.session.data.dossiers) == 12  # type: ignore[union-attr]


# The welcome screen (the campaign is closed) and a phase; each run opens a window (slow).
@pytest.mark.parametrize("page", ["welcome", "deliberation"])
def test_gui_page_shows_that_page(
    page: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot
) -> None:  # type: ignore[no-untyped-def]
    shown: list[str] = []

    def record(app: object, window: MainWindow, target: Path) -> int:
        shown.append(window.current_page_name())
        window.close()
        return 0

    monkeypatch.setattr(app_module, "_save_screenshot", record)
    path = make_campaign_file(tmp_path / "c.seldesk")
    assert app_module.run_gui(path, screenshot=tmp_path / "x.png", page=page) == 0
    assert shown == [page]


def test_gui_help_lists_the_page_names_and_a_page_needs_a_file() -> None:
    command = [sys.executable, "-m", "selection_desk", "--lang", "en", "gui"]
    helped = subprocess.run([*command, "--help"], capture_output=True, text=True, timeout=120)
    assert "{" + ",".join(PAGES) + "}" in helped.stdout
    refused = subprocess.run(
        [*command, "--page", "ranking", "--screenshot", "x.png"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert refused.returncode == 1
    assert refused.stderr.strip() == "The page ranking shows a campaign: name its campaign file."
