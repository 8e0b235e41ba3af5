"""Errors shown to users: one clear message box, in their language, never a traceback."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QMessageBox, QWidget

from selection_desk.errors import SelectionDeskError
from selection_desk.i18n import _

log = logging.getLogger(__name__)


def error_text(error: BaseException) -> str:
    if isinstance(error, SelectionDeskError):
        return error.message()
    log.error("unexpected error", exc_info=error)
    return _("Unexpected error ({kind}). Nothing was changed.").format(kind=type(error).__name__)


def show_error(parent: QWidget | None, title: str, error: BaseException) -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, title, error_text(error), parent=parent)
    box.exec()
