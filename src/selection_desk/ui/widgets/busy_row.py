"""A progress bar with Cancel for one task of the task runner (the import wizard's pages)."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QPushButton, QWidget

from selection_desk.i18n import _
from selection_desk.ui.tasks import TaskHandle


class BusyRow(QWidget):
    """A progress bar with Cancel, shown while a task runs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.cancel_button = QPushButton(_("Cancel"))
        layout.addWidget(self.bar, 1)
        layout.addWidget(self.cancel_button)
        self.handle: TaskHandle | None = None
        self.cancel_button.clicked.connect(self.cancel)
        self.hide()

    def start(self, handle: TaskHandle) -> None:
        self.handle = handle
        self.bar.setRange(0, 0)
        if not handle.done:
            self.show()

    def progress(self, done: int, total: int, _message: str) -> None:
        if total:
            self.bar.setRange(0, total)
            self.bar.setValue(done)

    def cancel(self) -> None:
        if self.handle is not None:
            self.handle.cancel()

    def stop(self) -> None:
        self.handle = None
        self.hide()
