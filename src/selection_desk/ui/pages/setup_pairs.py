"""The juror × dossier grids of the Campaign page: conflicts of interest with their reasons, and
assignments (everyone by default, or k jurors per dossier, balanced, with manual overrides).

Keyboard: arrows move, Space toggles the current cell, F2 or typing edits a conflict's reason,
Delete withdraws a conflict; the filter finds dossiers by reference or name.
"""

from __future__ import annotations

import contextlib
from typing import Any

from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from selection_desk.domain import CampaignData
from selection_desk.domain.conflict_of_interest import may_score
from selection_desk.i18n import _
from selection_desk.services.assignments import assign_balanced, set_assignment, set_assignments
from selection_desk.services.conflicts import declare_conflict, remove_conflict
from selection_desk.services.setup_common import SCORING_ROLES
from selection_desk.ui.models.pair_grid_model import (
    ASSIGNMENTS,
    CONFLICTS,
    DossierFilter,
    PairGridModel,
)
from selection_desk.ui.setup_controller import SetupController
from selection_desk.ui.widgets.number_spin import set_number_range


class PairGrid(QTableView):
    """Space toggles the current cell; Delete withdraws (conflicts)."""

    def __init__(self, model: PairGridModel, on_toggle: Any, on_delete: Any) -> None:
        super().__init__()
        self.grid_model = model
        self.proxy = DossierFilter(self)
        self.proxy.setSourceModel(model)
        self.setModel(self.proxy)
        self._on_toggle = on_toggle
        self._on_delete = on_delete
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setWordWrap(False)
        horizontal = self.horizontalHeader()
        horizontal.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        horizontal.setDefaultSectionSize(120 if model.mode == CONFLICTS else 56)
        horizontal.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        vertical = self.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 10)
        vertical.setMaximumWidth(320)
        vertical.setTextElideMode(Qt.TextElideMode.ElideRight)

    def current_pair(self) -> tuple[str, str] | None:
        index = self.currentIndex()
        if not index.isValid():
            return None
        return self.grid_model.pair(self.proxy.mapToSource(index))

    def pair_at(self, index: QModelIndex) -> tuple[str, str] | None:
        if not index.isValid():
            return None
        return self.grid_model.pair(self.proxy.mapToSource(index))

    def show_pair(self, juror: str, dossier: str) -> None:
        source = self.grid_model.cell(juror, dossier)
        index = self.proxy.mapFromSource(source)
        if index.isValid():
            self.setCurrentIndex(index)
            self.scrollTo(index)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if self.state() != QAbstractItemView.State.EditingState:
            pair = self.current_pair()
            if event.key() == Qt.Key.Key_Space and pair is not None:
                self._on_toggle(*pair)
                return
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                pair = self.current_pair()
                if pair is not None:
                    self._on_delete(*pair)
                return
        super().keyPressEvent(event)


def _filter_box(grid: PairGrid) -> QLineEdit:
    box = QLineEdit()
    box.setAccessibleName(_("Find a dossier"))
    box.setPlaceholderText(_("Find a dossier by reference or name…"))
    box.setClearButtonEnabled(True)
    box.textChanged.connect(grid.proxy.set_text)
    return box


class ConflictsEditor(QWidget):
    def __init__(self, controller: SetupController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.model = PairGridModel(CONFLICTS, self)
        self.grid = PairGrid(self.model, self.toggle, self.withdraw)
        self.grid.setObjectName("conflictsGrid")
        self.grid.setAccessibleName(_("Conflicts of interest, jurors by dossiers"))
        self.filter = _filter_box(self.grid)
        self.summary = QLabel()
        self.summary.setObjectName("hint")
        self.current = QLabel()
        self.current.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(_("reason (former partner, family, adviser…)"))
        self.declare_button = QPushButton(_("&Declare"))
        self.withdraw_button = QPushButton(_("&Withdraw"))
        explanation = QLabel(
            _(
                "A juror with a conflict of interest neither sees nor scores the dossier and is "
                "recorded as recused. Space declares or withdraws the conflict of the current "
                "cell; F2 edits its reason. • marks a dossier the juror has already scored."
            )
        )
        explanation.setObjectName("hint")
        explanation.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.filter, 1)
        top.addWidget(self.summary)
        bottom = QHBoxLayout()
        bottom.addWidget(self.current, 2)
        bottom.addWidget(QLabel(_("Reason:")))
        bottom.addWidget(self.reason, 2)
        bottom.addWidget(self.declare_button)
        bottom.addWidget(self.withdraw_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(explanation)
        layout.addLayout(top)
        layout.addWidget(self.grid, 1)
        layout.addLayout(bottom)

        self.model.reason_edited.connect(self.declare)
        self.grid.selectionModel().currentChanged.connect(self._current_changed)
        self.declare_button.clicked.connect(self._declare_current)
        self.reason.returnPressed.connect(self._declare_current)
        self.withdraw_button.clicked.connect(self._withdraw_current)

    def set_campaign(self, data: CampaignData | None) -> None:
        pair = self.grid.current_pair()
        self.model.set_campaign(data)
        self.summary.setText(
            _("{count} conflict(s) declared").format(count=len(self.model.conflicts))
        )
        if pair is not None and data is not None:
            with contextlib.suppress(ValueError):  # that juror or dossier is gone
                self.grid.show_pair(*pair)
        self._current_changed()

    def _current_changed(self, *args: Any) -> None:
        pair = self.grid.current_pair()
        active = self.controller.active and pair is not None
        self.declare_button.setEnabled(active)
        self.reason.setEnabled(active)
        if pair is None:
            self.current.setText(_("Choose a cell of the grid."))
            self.withdraw_button.setEnabled(False)
            return
        juror, dossier = pair
        conflicted = pair in self.model.conflicts
        self.current.setText(
            _("{juror} and {dossier}: conflict declared").format(juror=juror, dossier=dossier)
            if conflicted
            else _("{juror} and {dossier}: no conflict").format(juror=juror, dossier=dossier)
        )
        self.reason.setText(self.model.conflicts.get(pair, ""))
        self.declare_button.setText(_("Save the &reason") if conflicted else _("&Declare"))
        self.withdraw_button.setEnabled(self.controller.active and conflicted)

    def _declare_current(self) -> None:
        pair = self.grid.current_pair()
        if pair is not None:
            self.declare(pair[0], pair[1], self.reason.text())

    def _withdraw_current(self) -> None:
        pair = self.grid.current_pair()
        if pair is not None:
            self.withdraw(*pair)

    def toggle(self, juror: str, dossier: str) -> None:
        if (juror, dossier) in self.model.conflicts:
            self.withdraw(juror, dossier)
        else:
            self.declare(juror, dossier, self.reason.text())

    def declare(self, juror: str, dossier: str, reason: str) -> None:
        if not self.controller.active:
            return
        store = self.controller.store

        def forward(confirm: bool) -> Any:
            return declare_conflict(store, juror, dossier, reason, confirm=confirm)

        def backward(change: Any, confirm: bool) -> Any:
            if change.before is None:
                return remove_conflict(store, juror, dossier, restore=change)
            return declare_conflict(store, juror, dossier, change.before.reason, confirm=confirm)

        self.controller.perform(
            _("Conflict of {juror} with {dossier}").format(juror=juror, dossier=dossier),
            forward,
            backward,
            changed=lambda change: change.before != change.after,
        )
        self.grid.setFocus()

    def withdraw(self, juror: str, dossier: str) -> None:
        if not self.controller.active or (juror, dossier) not in self.model.conflicts:
            return
        store = self.controller.store

        def forward(confirm: bool) -> Any:
            return remove_conflict(store, juror, dossier)

        def backward(change: Any, confirm: bool) -> Any:
            return declare_conflict(store, juror, dossier, change.before.reason, confirm=confirm)

        self.controller.perform(
            _("Withdraw the conflict of {juror} with {dossier}").format(
                juror=juror, dossier=dossier
            ),
            forward,
            backward,
        )
        self.grid.setFocus()


class AssignmentsEditor(QWidget):
    def __init__(self, controller: SetupController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.data: CampaignData | None = None
        self.model = PairGridModel(ASSIGNMENTS, self)
        self.grid = PairGrid(self.model, self.toggle, lambda juror, dossier: None)
        self.grid.setObjectName("assignmentsGrid")
        self.grid.setAccessibleName(_("Assignments, jurors by dossiers"))
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.filter = _filter_box(self.grid)
        self.mode = QLabel()
        self.mode.setObjectName("sectionTitle")
        self.mode.setWordWrap(True)
        self.per_dossier = QSpinBox()
        set_number_range(self.per_dossier, 1)
        self.per_dossier.setValue(3)
        self.balanced_button = QPushButton(_("Assign &automatically"))
        self.everyone_button = QPushButton(_("Every&one scores everything"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        explanation = QLabel(
            _(
                "Automatic assignment gives each dossier the chosen number of jurors (presidents "
                "and members), never a conflicted one, spreading the load evenly and keeping "
                "the reviews already begun. Space, a double-click or the "
                "button below assigns or unassigns the current cell."
            )
        )
        explanation.setObjectName("hint")
        explanation.setWordWrap(True)
        controls = QHBoxLayout()
        per_dossier_label = QLabel(_("&Jurors per dossier:"))
        per_dossier_label.setBuddy(self.per_dossier)
        controls.addWidget(per_dossier_label)
        controls.addWidget(self.per_dossier)
        controls.addWidget(self.balanced_button)
        controls.addSpacing(16)
        controls.addWidget(self.everyone_button)
        controls.addStretch(1)
        controls.addWidget(self.filter, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.mode)
        layout.addWidget(explanation)
        layout.addLayout(controls)
        layout.addWidget(self.summary)
        layout.addWidget(self.grid, 1)
        self.balanced_button.clicked.connect(self.assign_balanced)
        self.everyone_button.clicked.connect(self.assign_everyone)
        # Overrides by mouse too: double-click a cell, its context menu, or the button below.
        self.toggle_button = QPushButton()
        self.toggle_button.setObjectName("toggleAssignment")
        self.current = QLabel()
        self.current.setObjectName("hint")
        bottom = QHBoxLayout()
        bottom.addWidget(self.current, 1)
        bottom.addWidget(self.toggle_button)
        layout.addLayout(bottom)
        self.toggle_button.clicked.connect(self._toggle_current)
        self.grid.doubleClicked.connect(self._toggle_at)
        self.grid.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.grid.customContextMenuRequested.connect(self._context_menu)
        self.grid.selectionModel().currentChanged.connect(self._current_changed)
        self._current_changed()

    def _toggle_text(self, juror: str, dossier: str) -> str:
        template = (
            _("Unassign {dossier} from {juror}")
            if self.model.is_assigned(juror, dossier)
            else _("Assign {dossier} to {juror}")
        )
        return template.format(juror=juror, dossier=dossier)

    def _can_toggle(self, pair: tuple[str, str] | None) -> bool:
        return (
            self.controller.active and pair is not None and may_score(*pair, self.model.conflicts)
        )

    def _current_changed(self, *args: Any) -> None:
        pair = self.grid.current_pair()
        self.toggle_button.setEnabled(self._can_toggle(pair))
        if pair is None:
            self.toggle_button.setText(
                _("Assign {dossier} to {juror}").format(juror="…", dossier="…")
            )
            self.current.setText(_("Choose a cell of the grid."))
            return
        self.toggle_button.setText(self._toggle_text(*pair))
        self.current.setText(
            _("{juror} and {dossier}: conflict declared").format(juror=pair[0], dossier=pair[1])
            if pair in self.model.conflicts
            else ""
        )

    def _toggle_current(self) -> None:
        pair = self.grid.current_pair()
        if pair is not None:
            self.toggle(*pair)

    def _toggle_at(self, index: QModelIndex) -> None:
        pair = self.grid.pair_at(index)
        if pair is not None:
            self.toggle(*pair)

    def _context_menu(self, position: QPoint) -> None:
        pair = self.grid.pair_at(self.grid.indexAt(position))
        if pair is None:
            return
        menu = QMenu(self.grid)
        action = menu.addAction(self._toggle_text(*pair))
        action.setEnabled(self._can_toggle(pair))
        action.triggered.connect(lambda _checked=False, p=pair: self.toggle(*p))
        menu.popup(self.grid.viewport().mapToGlobal(position))
        self.context_menu = menu  # kept for tests (and alive while shown)

    def set_campaign(self, data: CampaignData | None) -> None:
        pair = self.grid.current_pair()
        self.data = data
        self.model.set_campaign(data)
        active = self.controller.active and data is not None
        self.balanced_button.setEnabled(active)
        self.everyone_button.setEnabled(active and self.model.assigned is not None)
        if data is None:
            self.mode.clear()
            self.summary.clear()
            return
        scorers = [j for j in data.jurors if j.role in SCORING_ROLES]
        set_number_range(self.per_dossier, 1, max(1, len(scorers)))
        if self.model.assigned is None:
            self.mode.setText(_("Everyone scores every dossier they have no conflict with."))
        else:
            self.mode.setText(
                _("Explicit assignments: {count} juror–dossier pairs.").format(
                    count=len(self.model.assigned)
                )
            )
        self.summary.setText(self._summary(data))
        if pair is not None:
            with contextlib.suppress(ValueError):  # that juror or dossier is gone
                self.grid.show_pair(*pair)
        self._current_changed()

    def _summary(self, data: CampaignData) -> str:
        scoring = [j.code for j in data.jurors if j.role in SCORING_ROLES]
        loads = [self.model.loads.get(code, 0) for code in scoring]
        per_dossier = list(self.model.team_sizes.values())
        parts = []
        if loads:
            parts.append(
                _("Load per scoring juror: from {low} to {high} dossier(s).").format(
                    low=min(loads), high=max(loads)
                )
            )
        if per_dossier:
            parts.append(
                _("Jurors per dossier: from {low} to {high}.").format(
                    low=min(per_dossier), high=max(per_dossier)
                )
            )
            nobody = sum(1 for count in per_dossier if count == 0)
            if nobody:
                parts.append(_("{count} dossier(s) assigned to nobody.").format(count=nobody))
        return " ".join(parts)

    def _perform(self, text: str, forward: Any) -> Any:
        store = self.controller.store

        def backward(change: Any, confirm: bool) -> Any:
            return set_assignments(store, change.before, confirm=confirm, restore=change)

        return self.controller.perform(
            text, forward, backward, changed=lambda change: change.before != change.after
        )

    def assign_balanced(self) -> None:
        if not self.controller.active:
            return
        store = self.controller.store
        k = self.per_dossier.value()

        def forward(confirm: bool) -> Any:
            return assign_balanced(store, k, confirm=confirm)

        change = self._perform(_("Assign {count} jurors per dossier").format(count=k), forward)
        if change is not None and change.plan is not None:
            plan = change.plan
            note = _("Load per juror: from {low} to {high} dossier(s).").format(
                low=plan.min_load, high=plan.max_load
            )
            if plan.short:
                note += " " + _(
                    "{count} dossier(s) got fewer jurors than asked because of conflicts."
                ).format(count=len(plan.short))
            self.controller.done.emit(note)

    def assign_everyone(self) -> None:
        if not self.controller.active:
            return
        store = self.controller.store
        self._perform(
            _("Everyone scores everything"),
            lambda confirm: set_assignments(store, None, confirm=confirm),
        )

    def toggle(self, juror: str, dossier: str) -> None:
        if not self.controller.active or not may_score(juror, dossier, self.model.conflicts):
            return
        store = self.controller.store
        assign = not self.model.is_assigned(juror, dossier)

        def forward(confirm: bool) -> Any:
            return set_assignment(store, juror, dossier, assign, confirm=confirm)

        self._perform(
            (
                _("Assign {dossier} to {juror}") if assign else _("Unassign {dossier} from {juror}")
            ).format(juror=juror, dossier=dossier),
            forward,
        )
        self.grid.setFocus()
