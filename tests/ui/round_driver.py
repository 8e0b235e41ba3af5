"""Driving rounds in the window: the Close round dialog as the secretary uses it, and the grid of
who has scored which dossier as the Ballots tab shows it."""

from __future__ import annotations

from typing import ClassVar

from selection_desk.ui.main_window import MainWindow
from selection_desk.ui.round_dialogs import CloseRoundDialog


class ConfirmingCloseDialog(CloseRoundDialog):
    """Reads who goes on (kept in :attr:`seen`), then confirms; replaces the dialog the round
    bar opens (``monkeypatch.setattr(round_dialogs, "CloseRoundDialog", …)``)."""

    seen: ClassVar[list[str]] = []

    def exec(self) -> int:
        ConfirmingCloseDialog.seen = [
            self.goes_on.item(i).text() for i in range(self.goes_on.count())
        ]
        self.confirm()
        return int(self.result())


def grid_mark(window: MainWindow, juror: str, dossier: str) -> str:
    """The mark of ``juror``'s review of ``dossier`` in the Ballots tab's grid (✓, ✎, —, ✕)."""
    model = window.ballot_watch.grid_model
    row = model.grid.dossiers.index(dossier)
    column = [j.code for j in model.grid.jurors].index(juror)
    return str(model.data(model.index(row, column)))
