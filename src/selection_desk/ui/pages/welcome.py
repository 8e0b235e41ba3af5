"""The welcome screen: new, open, the demo, and the recent files."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from selection_desk.i18n import _
from selection_desk.ui.recent_files import RecentFile


class WelcomePage(QWidget):
    new_requested = Signal()
    open_requested = Signal()
    demo_requested = Signal()
    recent_requested = Signal(Path)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 40, 48, 40)
        layout.setSpacing(16)
        title = QLabel(_("Selection Desk"))
        title.setObjectName("welcomeTitle")
        subtitle = QLabel(
            _("Score the applications of your call offline, rank them and write the minutes.")
        )
        subtitle.setWordWrap(True)
        layout.addWidget(title)
        layout.addWidget(subtitle)

        buttons = QHBoxLayout()
        self.new_button = QPushButton(_("New campaign…"))
        self.open_button = QPushButton(_("Open a campaign…"))
        self.demo_button = QPushButton(_("Open the demo campaign"))
        for button in (self.new_button, self.open_button, self.demo_button):
            button.setMinimumHeight(36)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.new_button.clicked.connect(self.new_requested)
        self.open_button.clicked.connect(self.open_requested)
        self.demo_button.clicked.connect(self.demo_requested)

        recent_title = QLabel(_("Recent campaigns"))
        recent_title.setObjectName("sectionTitle")
        layout.addWidget(recent_title)
        self.recent_list = QListWidget()
        self.recent_list.setObjectName("recentList")
        self.recent_list.itemActivated.connect(self._activate)
        self.empty_label = QLabel(_("No recent campaign yet."))
        layout.addWidget(self.recent_list, 1)
        layout.addWidget(self.empty_label)

    def set_recent_files(self, entries: list[RecentFile]) -> None:
        self.recent_list.clear()
        for entry in entries:
            item = QListWidgetItem(f"{entry.title}\n{entry.detail}")
            item.setData(Qt.ItemDataRole.UserRole, str(entry.path))
            item.setToolTip(str(entry.path))
            self.recent_list.addItem(item)
        self.recent_list.setVisible(bool(entries))
        self.empty_label.setVisible(not entries)

    def _activate(self, item: QListWidgetItem) -> None:
        self.recent_requested.emit(Path(item.data(Qt.ItemDataRole.UserRole)))
