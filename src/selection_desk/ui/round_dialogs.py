"""Closing a round (design §10): the dialog that shows who goes on before the secretary confirms.

Who goes on is the service's answer (:func:`selection_desk.services.rounds.who_goes_on`): the
first ``places`` of the round's ranking, or the dossiers its decisions select.  A change to that
order needs a reason, recorded with the decision on the Deliberation page; while one is missing
the service refuses, and the dialog shows its sentence instead of a list it could not close on —
or, when dossiers are tied across the line, the list of those tied dossiers.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from selection_desk.domain import Round
from selection_desk.errors import SelectionDeskError
from selection_desk.i18n import _, ngettext
from selection_desk.services import rounds as round_service
from selection_desk.services.rounds import RoundClosing
from selection_desk.storage.store import CampaignStore
from selection_desk.ui.messages import error_text


def _next_round(store: CampaignStore, closing: Round) -> Round | None:
    return next((r for r in store.rounds() if r.position > closing.position), None)


class CloseRoundDialog(QDialog):
    def __init__(self, store: CampaignStore, closing: Round, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("closeRoundDialog")
        self.setWindowTitle(_("Close round {round}").format(round=closing.code))
        self.store = store
        self.round = closing
        self.closing: RoundClosing | None = None
        """What the service did, once confirmed."""
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setObjectName("closeRoundSummary")
        self.summary.setWordWrap(True)
        self.goes_on = QListWidget()
        self.goes_on.setObjectName("goesOnList")
        self.goes_on.setAccessibleName(_("Dossiers that go on"))
        self.how_to_change = QLabel(
            _(
                "To change who goes on, record a decision with its reason for each dossier "
                "concerned on the Deliberation page."
            )
        )
        self.how_to_change.setWordWrap(True)
        self.problem = QLabel()
        self.problem.setObjectName("closeRoundProblem")
        self.problem.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.confirm_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.confirm_button.setText(_("Close the round"))
        # Qt's own "Cancel" is English: no Qt translation ships with the app.
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self.buttons.accepted.connect(self.confirm)
        self.buttons.rejected.connect(self.reject)
        # Closing a round calls for its pre-selection minutes and the letters of those who stop.
        self.write_reports = QCheckBox(
            _("Then write the round's minutes and the letters of the dossiers that stop, into:")
        )
        self.write_reports.setChecked(True)
        self.reports_folder = QLineEdit(str(default_reports_folder(store, closing)))
        self.reports_folder.setAccessibleName(_("Folder for the round's minutes and letters"))
        self.write_reports.toggled.connect(self.reports_folder.setEnabled)
        for widget in (self.summary, self.goes_on, self.how_to_change, self.problem):
            layout.addWidget(widget)
        layout.addWidget(self.write_reports)
        layout.addWidget(self.reports_folder)
        layout.addWidget(self.buttons)
        self.resize(520, 420)
        self._show_who_goes_on()

    def _show_who_goes_on(self) -> None:
        try:
            refs = round_service.who_goes_on(self.store, self.round.code)
        except SelectionDeskError as error:
            self._show_refusal(error)
            return
        self.goes_on.addItems(self._lines(refs))
        following = _next_round(self.store, self.round)
        count = ngettext("{count} dossier goes on", "{count} dossiers go on", len(refs)).format(
            count=len(refs)
        )
        if following is None:
            where = _("{count}: round {round} is the last round.").format(
                count=count, round=self.round.code
            )
        else:
            where = _("{count} to round {next} ({name}).").format(
                count=count, next=following.code, name=following.name
            )
        self.summary.setText(where)

    def _lines(self, refs: tuple[str, ...]) -> list[str]:
        names = {d.ref: d.name for d in self.store.dossiers()}
        return [f"{ref} — {names.get(ref, '')}" for ref in refs]

    def _show_refusal(self, error: SelectionDeskError) -> None:
        """The service's sentence; dossiers tied across the line are listed, for the secretary
        to choose between them with reasons (the service never parts them by their order)."""
        self.confirm_button.setEnabled(False)
        self.problem.setText(error_text(error))
        tied: tuple[str, ...] = error.facts.get("tied", ())
        if not tied:
            self.summary.setText(
                _("Round {round} cannot be closed yet.").format(round=self.round.code)
            )
            self.goes_on.hide()
            return
        self.summary.setText(
            _(
                "Round {round} cannot be closed yet: these dossiers are tied across its line."
            ).format(round=self.round.code)
        )
        self.goes_on.setAccessibleName(_("Dossiers tied across the line"))
        self.goes_on.addItems(self._lines(tied))

    def chosen_reports_folder(self) -> Path | None:
        """Where to write the round's minutes and letters once it is closed; None: not asked."""
        text = self.reports_folder.text().strip()
        return Path(text) if self.write_reports.isChecked() and text else None

    def confirm(self) -> None:
        """Closes the round through the service; a refusal is shown, the dialog stays open."""
        try:
            self.closing = round_service.close_round(self.store, self.round.code)
        except SelectionDeskError as error:
            self.problem.setText(error_text(error))
            return
        self.accept()


def default_reports_folder(store: CampaignStore, closing: Round) -> Path:
    """Beside the campaign file: ``<campaign file's name>-<round code>``."""
    return store.path.parent / f"{store.path.stem}-{closing.code}"
