"""The Campaign page (the secretary's set-up): properties, criteria and their rubrics, jurors,
conflicts of interest, assignments.

Every edit is an audited use case and an entry of the window's undo stack (Edit ▸ Undo, Ctrl+Z;
Redo, Ctrl+Shift+Z).  Problems are shown in a bar above the tabs, in the user's language; nothing
is changed when a use case refuses.
"""

from __future__ import annotations

import contextlib

from PySide6.QtGui import QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from selection_desk.i18n import _
from selection_desk.services.jurors import jurors_with_pin
from selection_desk.services.op_changes import OpChanges
from selection_desk.ui.pages.setup_checklist import SetupChecklist
from selection_desk.ui.pages.setup_criteria import CriteriaEditor
from selection_desk.ui.pages.setup_jurors import JurorsEditor
from selection_desk.ui.pages.setup_pairs import AssignmentsEditor, ConflictsEditor
from selection_desk.ui.pages.setup_properties import PropertiesEditor
from selection_desk.ui.pages.setup_rounds import RoundsEditor
from selection_desk.ui.session import CampaignSession
from selection_desk.ui.setup_controller import SetupController
from selection_desk.ui.undo_keys import UndoKeysFilter, forward_undo_keys

SHOWN = OpChanges(setup=True, dossiers=True, scores=True)
"""What the set-up shows: the rules, the dossiers of its grids and which pairs have scores (a
conflict or an assignment asks before touching them) — not decisions, files nor kits."""


class CampaignPage(QWidget):
    def __init__(self, parent: QWidget | None = None, undo_stack: QUndoStack | None = None) -> None:
        super().__init__(parent)
        self.session: CampaignSession | None = None
        self.controller = SetupController(self, undo_stack)

        self.title = QLabel(_("Campaign"))
        self.title.setObjectName("pageTitle")
        self.title.setWordWrap(True)  # a long campaign name must not widen the window
        self.last_change = QLabel()
        self.last_change.setObjectName("hint")
        self.problem = QLabel()
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        self.problem.setVisible(False)
        self.checklist = SetupChecklist()
        self.properties = PropertiesEditor(self.controller)
        self.criteria_editor = CriteriaEditor(self.controller)
        self.jurors_editor = JurorsEditor(self.controller)
        self.conflicts_editor = ConflictsEditor(self.controller)
        self.assignments_editor = AssignmentsEditor(self.controller)
        self.rounds_editor = RoundsEditor()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("setupTabs")
        self.tabs.setDocumentMode(True)
        for widget, caption in (
            (self.properties, _("Properties")),
            (self.criteria_editor, _("Criteria")),
            (self.jurors_editor, _("Jurors")),
            (self.conflicts_editor, _("Conflicts of interest")),
            (self.assignments_editor, _("Assignments")),
            (self.rounds_editor, _("Rounds")),
        ):
            self.tabs.addTab(widget, caption)
        self.setup_tabs: dict[str, QWidget] = {
            "properties": self.properties,
            "criteria": self.criteria_editor,
            "jurors": self.jurors_editor,
            "conflicts": self.conflicts_editor,
            "assignments": self.assignments_editor,
        }
        """The set-up tabs by name (the empty states of other pages lead to one)."""
        # The editors' tables, under the names the read-only overview had.
        self.criteria = self.criteria_editor.table
        self.jurors = self.jurors_editor.table
        self.form = self.properties.form

        header = QHBoxLayout()
        # The title takes the width left (a long campaign name wraps only when it must).
        header.addWidget(self.title, 1)
        header.addWidget(self.last_change)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.addLayout(header)
        layout.addWidget(self.checklist)
        layout.addWidget(self.problem)
        layout.addWidget(self.tabs, 1)

        self.setStyleSheet(
            "QLabel#problem { border: 1px solid palette(highlight); border-radius: 4px;"
            " padding: 6px 10px; background: palette(alternate-base); }"
        )
        self._stale: set[QWidget] = set()
        self.tabs.currentChanged.connect(lambda _index: self._refresh_visible())
        self.controller.problem.connect(self._show_problem)
        self.controller.done.connect(self._show_done)
        self._undo_keys = UndoKeysFilter(self)
        self.set_session(None)

    def show_tab(self, name: str) -> None:
        """Bring the set-up tab ``name`` (a key of :attr:`setup_tabs`) to the front."""
        self.tabs.setCurrentWidget(self.setup_tabs[name])

    @property
    def undo_stack(self) -> QUndoStack:
        return self.controller.undo_stack

    def set_undo_stack(self, stack: QUndoStack) -> None:
        self.controller.undo_stack = stack

    def set_session(self, session: CampaignSession | None) -> None:
        if self.session is not None:  # the same session may be set again: connect it once
            with contextlib.suppress(RuntimeError, TypeError):
                self.session.changes_applied.disconnect(self._changes_applied)
        self.session = session
        self.controller.set_session(session)
        self.checklist.set_session(session)
        self.rounds_editor.set_session(session)
        self._show_problem("")
        self.last_change.clear()
        if session is None:
            self._refresh()
            return
        session.changes_applied.connect(self._changes_applied)
        if session.store.readonly:
            self._show_problem(_("This campaign file is open read-only: it cannot be changed."))
        self._refresh()

    def _changes_applied(self, changes: OpChanges) -> None:
        if changes.concerns(SHOWN):
            self._refresh()

    def _refresh(self) -> None:
        """Shows the campaign as saved.  Hidden, the page only notes that it is out of date (a
        score saved on the Scoring page must not wait for these editors); the juror × dossier
        grids, the costly part on large campaigns, refresh when their tab is shown."""
        self._stale = {self.conflicts_editor, self.assignments_editor, self}
        if self.isVisible():
            self._refresh_visible()

    def _refresh_visible(self) -> None:
        session = self.session
        data = session.data if session is not None else None
        if self in self._stale:
            self._stale.discard(self)
            pins = jurors_with_pin(session.store) if session is not None else frozenset()
            self.title.setText(
                _("Campaign: {name}").format(name=data.campaign.name) if data else _("Campaign")
            )
            self.properties.set_campaign(data)
            self.criteria_editor.set_campaign(data)
            self.jurors_editor.set_campaign(data, pins)
        grids: tuple[ConflictsEditor | AssignmentsEditor, ...] = (
            self.conflicts_editor,
            self.assignments_editor,
        )
        for grid in grids:
            if grid is self.tabs.currentWidget() and grid in self._stale:
                self._stale.discard(grid)
                grid.set_campaign(data)
        forward_undo_keys(self, self._undo_keys)  # fields saved already: Ctrl+Z undoes the change

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self._refresh_visible()

    def _show_problem(self, text: str) -> None:
        self.problem.setText(f"⚠ {text}" if text else "")
        self.problem.setVisible(bool(text))

    def _show_done(self, text: str) -> None:
        self.last_change.setText(_("Saved: {change}").format(change=text))
