"""Runs the set-up use cases for the Campaign page: confirmation, errors, undo and redo.

Every edit of the page is a :class:`SetupCommand` on the window-wide ``QUndoStack``: the command
holds the *forward* use case and its *inverse* (both audited services), and the change the forward
one returned, which tells the inverse what to put back.  A use case that would cost jurors work
raises :class:`~selection_desk.services.setup_impact.NeedsConfirmation`; the controller shows its
exact description and runs it again confirmed only when the user agrees.  When an undo or a redo
cannot be done (refused, or the user declines a confirmation), the command leaves the history.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QCursor, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from selection_desk.errors import SelectionDeskError
from selection_desk.i18n import _
from selection_desk.services.op_changes import SETUP, changes_of
from selection_desk.services.setup_impact import NeedsConfirmation
from selection_desk.storage.store import CampaignStore
from selection_desk.ui.messages import error_text
from selection_desk.ui.session import CampaignSession

Forward = Callable[[bool], Any]
"""``forward(confirm)`` runs the use case, returns its change."""
Backward = Callable[[Any, bool], Any]
"""``backward(change, confirm)`` runs the inverse use case of ``change``."""


def ask_to_confirm(parent: QWidget | None, title: str, text: str) -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    box.setInformativeText(_("Do you want to go ahead?"))
    go = box.addButton(_("Go ahead"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is go


def _busy(forward: Forward, confirm: bool) -> Any:
    """A wait cursor while a use case runs (a new scale on a 5,000-dossier campaign rewrites
    tens of thousands of rows)."""
    QApplication.setOverrideCursor(QCursor(Qt.CursorShape.WaitCursor))
    try:
        return forward(confirm)
    finally:
        QApplication.restoreOverrideCursor()


class SetupController(QObject):
    """The Campaign page's link to the open campaign and to the window's undo stack."""

    problem = Signal(str)
    """A use case was refused: the message to show (empty: the last problem is solved)."""
    done = Signal(str)
    """A change was made, undone or redone: its description, for the status line."""

    def __init__(self, parent_widget: QWidget, undo_stack: QUndoStack | None = None) -> None:
        super().__init__(parent_widget)
        self.parent_widget = parent_widget
        self.undo_stack = undo_stack or QUndoStack(self)
        self.session: CampaignSession | None = None
        self.confirm: Callable[[str, str], bool] = lambda title, text: ask_to_confirm(
            self.parent_widget, title, text
        )
        """Asks the user; tests replace it."""

    @property
    def store(self) -> CampaignStore:
        assert self.session is not None
        return self.session.store

    @property
    def active(self) -> bool:
        return self.session is not None and not self.session.store.readonly

    def set_session(self, session: CampaignSession | None) -> None:
        self.session = session

    # -- running use cases ----------------------------------------------------------------------

    def execute(self, title: str, forward: Forward) -> Any | None:
        """Runs ``forward``; asks before a confirmed run; returns its change, or ``None`` when it
        was refused or declined (the problem is reported)."""
        try:
            try:
                result = _busy(forward, False)
            except NeedsConfirmation as question:
                if not self.confirm(title, question.message()):
                    self.problem.emit(_("Nothing was changed."))
                    return None
                result = _busy(forward, True)
        except SelectionDeskError as error:
            self.problem.emit(error.message())
            return None
        except Exception as error:  # never a traceback for users
            self.problem.emit(error_text(error))
            return None
        self.problem.emit("")
        return result

    def perform(
        self,
        text: str,
        forward: Forward,
        backward: Backward,
        *,
        changed: Callable[[Any], bool] | None = None,
    ) -> Any | None:
        """Does a user's edit and puts it on the undo stack; returns the change or ``None``.

        ``changed(change)`` says whether anything happened (nothing to undo otherwise)."""
        if self.session is None:
            return None
        result = self.execute(text, forward)
        if result is None:
            return None
        if changed is not None and not changed(result):
            return result
        self.undo_stack.push(SetupCommand(self, text, forward, backward, result))
        self.refresh(result)
        self.done.emit(text)
        return result

    def refresh(self, change: object = None) -> None:
        """The session refreshes what ``change`` (a set-up service's result) says it changed:
        the rules, and the scores when it removed or put back any."""
        if self.session is not None:
            self.session.changed(SETUP if change is None else changes_of(change))


class SetupCommand(QUndoCommand):
    def __init__(
        self,
        controller: SetupController,
        text: str,
        forward: Forward,
        backward: Backward,
        change: Any,
    ) -> None:
        super().__init__(text)
        self.controller = controller
        self.forward = forward
        self.backward = backward
        self.change = change
        self._applied = True
        self._session = controller.session

    def _usable(self) -> bool:
        # A command belongs to the campaign it was made on (the stack is cleared on close).
        return self.controller.session is not None and self.controller.session is self._session

    def redo(self) -> None:
        if self._applied:
            return
        title = _("Redo: {action}").format(action=self.text())
        result = self.controller.execute(title, self.forward) if self._usable() else None
        if result is None:
            self.setObsolete(True)
            return
        self.change = result
        self._applied = True
        self.controller.refresh(result)
        self.controller.done.emit(title)

    def undo(self) -> None:
        title = _("Undo: {action}").format(action=self.text())
        change = self.change
        result = (
            self.controller.execute(title, lambda confirm: self.backward(change, confirm))
            if self._usable()
            else None
        )
        if result is None:
            self.setObsolete(True)
            return
        self._applied = False
        self.controller.refresh(result)
        self.controller.done.emit(title)
