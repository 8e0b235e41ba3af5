"""The round bar above the pages (design §10): which round the window shows, its state, and the
secretary's Close round… and Reopen… buttons.

A campaign in one round shows no trace of rounds: the bar is hidden.  Switching round changes the
session's current round (``CampaignSession.use_round``); every page refreshes on the
:data:`~selection_desk.services.op_changes.ROUND` change.  A closed round is read-only: the bar
says so in one line, and the pages that edit a round's data are disabled (``read_only_changed``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QWidget,
)

from selection_desk.domain import Round, RoundKind
from selection_desk.errors import SelectionDeskError
from selection_desk.i18n import _
from selection_desk.services.op_changes import NOTHING, ROUND
from selection_desk.ui import dialogs
from selection_desk.ui.messages import error_text

if TYPE_CHECKING:  # the bar is built with the window: the services load with the first campaign
    from selection_desk.ui.session import CampaignSession


def round_label(value: Round) -> str:
    """How the picker names a round: its code, name and kind."""
    kind = _("hearing") if value.kind is RoundKind.HEARING else _("dossiers")
    return _("{code} — {name} ({kind})").format(code=value.code, name=value.name, kind=kind)


def closed_banner(value: Round) -> str:
    return _("Round {round} is closed; reopen it to change it.").format(round=value.code)


class RoundBar(QFrame):
    read_only_changed = Signal(bool)
    """The round shown became closed (True) or open (False): pages that edit it follow."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("roundBar")
        self.session: CampaignSession | None = None
        self._rounds: tuple[Round, ...] = ()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        # No Alt letters: the bar sits above every page, whose letters are all taken somewhere.
        caption = QLabel(_("Round:"))
        self.picker = QComboBox()
        self.picker.setObjectName("roundPicker")
        caption.setBuddy(self.picker)
        self.state = QLabel()
        self.state.setObjectName("roundState")
        self.close_button = QPushButton(_("Close round…"))
        self.close_button.setObjectName("closeRound")
        self.reopen_button = QPushButton(_("Reopen round…"))
        self.reopen_button.setObjectName("reopenRound")
        layout.addWidget(caption)
        layout.addWidget(self.picker)
        layout.addWidget(self.state, 1)
        layout.addWidget(self.close_button)
        layout.addWidget(self.reopen_button)
        self.picker.activated.connect(self._picked)
        self.close_button.clicked.connect(self.close_round)
        self.reopen_button.clicked.connect(self.reopen_round)
        self.hide()

    def set_session(self, session: CampaignSession | None) -> None:
        if self.session is not None:
            self.session.changes_applied.disconnect(self._changes_applied)
        self.session = session
        if session is not None:
            session.changes_applied.connect(self._changes_applied)
        self.refresh()

    def _changes_applied(self, changes: object) -> None:
        self.refresh()

    @property
    def current(self) -> Round | None:
        return None if self.session is None else self.session.store.round

    def refresh(self) -> None:
        """Reads the rounds again; shown only for a campaign in more than one round."""
        from selection_desk.services import rounds as round_service

        self._rounds = () if self.session is None else round_service.list_rounds(self.session.store)
        current = self.current
        self.setVisible(len(self._rounds) > 1)
        self.picker.blockSignals(True)
        self.picker.clear()
        for value in self._rounds:
            self.picker.addItem(round_label(value), value.code)
        if current is not None:
            self.picker.setCurrentIndex(max(0, self.picker.findData(current.code)))
        self.picker.blockSignals(False)
        closed = current is not None and len(self._rounds) > 1 and current.closed
        self.state.setText(closed_banner(current) if closed and current else "")
        writable = self.session is not None and not self.session.store.readonly
        self.close_button.setVisible(writable and not closed)
        self.reopen_button.setVisible(writable and closed)
        self.read_only_changed.emit(closed)

    def _picked(self, index: int) -> None:
        code = self.picker.itemData(index)
        if self.session is None or code is None or code == self.session.store.round.code:
            return
        self.session.use_round(code)
        self.refresh()

    def close_round(self) -> None:
        """The dialog that shows who goes on; confirming closes the round."""
        session, current = self.session, self.current
        if session is None or current is None:
            return
        from selection_desk.ui.round_dialogs import CloseRoundDialog

        dialog = CloseRoundDialog(session.store, current, self)
        if dialog.exec() and dialog.closing is not None:
            session.changed(ROUND)
            self.refresh()
            folder = dialog.chosen_reports_folder()
            if folder is not None:
                self._write_round_reports(session, current.code, folder)

    def _write_round_reports(self, session: CampaignSession, code: str, folder: Path) -> None:
        """The closed round's minutes and the letters of those who stop, in a worker."""
        from selection_desk.services.reporting import write_round_reports

        def written(_result: object) -> None:
            self._tell(
                _("The minutes and letters of round {round} are in {folder}.").format(
                    round=code, folder=folder
                )
            )

        session.run_task(
            self,
            _("Writing the minutes and letters of round {round}…").format(round=code),
            lambda store, progress: write_round_reports(
                store.path, code, folder, progress=progress
            ),
            written,
            lambda error: self._tell(error_text(error)),
            changes=NOTHING,
        )

    def _tell(self, message: str) -> None:
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(message, 15000)
        else:
            self.state.setText(message)

    def reopen_round(self) -> None:
        session, current = self.session, self.current
        if session is None or current is None:
            return
        question = _(
            "Reopen round {round}? Its scores and decisions can be changed again; the next "
            "round's list of dossiers is cleared until the round is closed again."
        ).format(round=current.code)
        if not dialogs.confirm(self, _("Reopen round"), question):
            return
        from selection_desk.services import rounds as round_service

        try:
            reopened = round_service.reopen_round(session.store, current.code)
        except SelectionDeskError as error:
            self.state.setText(error_text(error))
            return
        session.store.use_round(reopened.code)
        session.changed(ROUND)
        self.refresh()
