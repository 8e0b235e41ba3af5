"""Help for the user: the manual opened at the section of the page shown (F1, Help ▸ Manual) and
the keyboard shortcuts dialog, read from the window's own actions."""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from selection_desk import i18n
from selection_desk.i18n import _
from selection_desk.resources import resources_root

MANUAL_SECTIONS: dict[str, str] = {
    "welcome": "index.html",
    "campaign": "prepare.html#page-campaign",
    "dossiers": "import.html#page-dossiers",
    "hearing": "hearing.html#page-hearing",
    "scoring": "scoring.html#page-scoring",
    "ranking": "meeting.html#page-ranking",
    "deliberation": "meeting.html#page-deliberation",
    "reports": "exports.html#page-reports",
}
"""Each page of the window and its section of the manual (the same in every language: the anchors
are explicit labels in ``docs/<lang>/*.rst``, not titles that change with the translation)."""

_SOURCE_CHECKOUT = Path(__file__).resolve().parents[3]


def manual_root() -> Path | None:
    """The built manual (one folder per language): shipped with the resources, or built in the
    source checkout by ``python docs/build_manual.py``; None when it is in neither place."""
    candidates = [_SOURCE_CHECKOUT / "docs" / "_build" / "html"]
    with contextlib.suppress(FileNotFoundError):  # no resources: the source checkout's only
        candidates.insert(0, resources_root() / "manual")
    for candidate in candidates:
        if (candidate / i18n.DEFAULT_LANGUAGE / "index.html").is_file():
            return candidate
    return None


def manual_url(page: str, language: str, root: Path | None) -> QUrl | None:
    """The local address of the page's section in the manual of that language."""
    if root is None:
        return None
    document, _hash, anchor = MANUAL_SECTIONS[page].partition("#")
    path = root / language / document
    if not path.is_file():
        return None
    url = QUrl.fromLocalFile(str(path))
    if anchor:
        url.setFragment(anchor)
    return url


def open_manual(parent: QWidget, page: str) -> None:
    """Open the manual at the page's section in the user's browser, or say how to build it."""
    url = manual_url(page, i18n.current_language(), manual_root())
    if url is None:
        QMessageBox.information(
            parent,
            _("Manual"),
            _(
                "The manual is not built on this computer: run “python docs/build_manual.py” in "
                "the Selection Desk source folder."
            ),
        )
        return
    QDesktopServices.openUrl(url)


def _keys_text(sequences: list[QKeySequence]) -> str:
    return ", ".join(
        sequence.toString(QKeySequence.SequenceFormat.NativeText) for sequence in sequences
    )


def _shown_label(text: str) -> str:
    """A menu text as read: no mnemonic ampersand (a doubled one is a real ``&``), no ellipsis."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


def _window_actions(window: QWidget) -> list[QAction]:
    """The window's actions: its children, and those added to a widget without being its child."""
    actions: list[QAction] = list(window.findChildren(QAction))
    for widget in [window, *window.findChildren(QWidget)]:
        actions += [action for action in widget.actions() if action not in actions]
    return actions


def shortcut_rows(window: QWidget) -> list[tuple[str, str]]:
    """(what it does, its keys) for every action of the window that has a shortcut, then every
    page shortcut (``QShortcut``) that says what it does (its ``whatsThis``); read from the
    objects themselves, so the list never goes stale."""
    rows: list[tuple[str, str]] = []
    candidates = [(action.text(), action.shortcuts()) for action in _window_actions(window)]
    candidates += [
        (shortcut.whatsThis(), [shortcut.key()]) for shortcut in window.findChildren(QShortcut)
    ]
    for text, sequences in candidates:
        row = (_shown_label(text), _keys_text([keys for keys in sequences if not keys.isEmpty()]))
        if all(row) and row not in rows:
            rows.append(row)
    return rows


class ShortcutsDialog(QDialog):
    """Help ▸ Keyboard shortcuts: a two-column table of the window's actions and their keys."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setWindowTitle(_("Keyboard shortcuts"))
        rows = shortcut_rows(window)
        self.table = QTableWidget(len(rows), 2, self)
        self.table.setHorizontalHeaderLabels([_("Action"), _("Keys")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, (label, keys) in enumerate(rows):
            self.table.setItem(row, 0, QTableWidgetItem(label))
            self.table.setItem(row, 1, QTableWidgetItem(keys))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(520, 420)
