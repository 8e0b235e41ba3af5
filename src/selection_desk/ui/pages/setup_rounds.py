"""The Rounds tab of the Campaign page (design §10): the campaign's rounds in order, a form to add
or edit one, and how the final ranking combines them.

Writes go through ``services.rounds`` (each one audited transaction) on the window's store, then
``session.changed(ROUND)``: the round bar appears once there are two rounds.  The final ranking is
the last round alone while no round has a weight; choosing "the rounds' weights" gives every round
weight 1 until edited, choosing "the last round alone" clears the weights.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from selection_desk.domain import Method, Round, RoundKind
from selection_desk.errors import SelectionDeskError
from selection_desk.i18n import _
from selection_desk.labels import label
from selection_desk.services import rounds as round_service
from selection_desk.services.op_changes import ROUND
from selection_desk.ui.messages import error_text
from selection_desk.ui.session import CampaignSession
from selection_desk.ui.widgets.number_spin import set_number_range

LAST_ROUND_ALONE, WEIGHTED = 0, 1
"""The final ranking choices, in the combo's order."""


def _kind_text(kind: RoundKind) -> str:
    return _("hearing") if kind is RoundKind.HEARING else _("dossiers")


class RoundForm(QDialog):
    """Add a round (``existing`` None) or edit one: its code and kind are fixed once added."""

    def __init__(
        self, rounds: tuple[Round, ...], existing: Round | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("roundForm")
        self.setWindowTitle(_("Add a round") if existing is None else _("Edit the round"))
        value = existing or Round(f"R{len(rounds) + 1}", "", kind=RoundKind.HEARING)
        form = QFormLayout(self)
        self.code = QLineEdit(value.code)
        self.code.setEnabled(existing is None)
        self.name = QLineEdit(value.name)
        self.kind = QComboBox()
        for kind in RoundKind:
            self.kind.addItem(_kind_text(kind), kind.value)
        self.kind.setCurrentIndex(self.kind.findData(value.kind.value))
        self.kind.setEnabled(existing is None)
        self.places = QSpinBox()
        set_number_range(self.places, 0)
        self.places.setSpecialValueText(_("the campaign's"))
        self.places.setValue(value.places or 0)
        self.method = QComboBox()
        self.method.addItem(_("the campaign's"), "")
        for method in Method:
            self.method.addItem(label(method), method.value)
        self.method.setCurrentIndex(
            0 if value.method is None else self.method.findData(value.method.value)
        )
        self.weight = QDoubleSpinBox()
        set_number_range(self.weight, 0)
        self.weight.setSpecialValueText(_("none"))
        self.weight.setValue(value.weight or 0)
        self.date = QLineEdit(value.date)
        self.criteria_from = QComboBox()
        self.criteria_from.addItem(_("the current round's"), "")
        for other in rounds:
            self.criteria_from.addItem(other.code, other.code)
        self.criteria_from.setCurrentIndex(self.criteria_from.count() - 1)
        self.criteria_from.setEnabled(existing is None)
        for caption, field in (
            (_("&Code:"), self.code),
            (_("&Name:"), self.name),
            (_("&Kind:"), self.kind),
            (_("&Places:"), self.places),
            (_("&Method:"), self.method),
            (_("&Weight in the final ranking:"), self.weight),
            (_("&Date:"), self.date),
            (_("C&riteria copied from:"), self.criteria_from),
        ):
            form.addRow(caption, field)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        form.addRow(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("OK"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def value(self) -> Round:
        method = self.method.currentData()
        return Round(
            code=self.code.text(),
            name=self.name.text(),
            kind=RoundKind(self.kind.currentData()),
            places=self.places.value() or None,
            method=Method(method) if method else None,
            weight=self.weight.value() or None,
            date=self.date.text(),
        )

    def copied_from(self) -> str | None:
        return self.criteria_from.currentData() or None


class RoundsEditor(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session: CampaignSession | None = None
        self.rounds: tuple[Round, ...] = ()
        self.table = QTableWidget(0, 7)
        self.table.setObjectName("roundsTable")
        self.table.setAccessibleName(_("Rounds"))
        self.table.setHorizontalHeaderLabels(
            [_("Code"), _("Name"), _("Kind"), _("Places"), _("Weight"), _("Date"), _("State")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.add_button = QPushButton(_("&Add a round…"))
        self.edit_button = QPushButton(_("Ed&it the round…"))
        self.final = QComboBox()
        self.final.setObjectName("finalRanking")
        self.final.addItem(_("the last round alone"))
        self.final.addItem(_("the rounds' weights"))
        final_caption = QLabel(_("Final ran&king:"))
        final_caption.setBuddy(self.final)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        buttons.addStretch(1)
        buttons.addWidget(final_caption)
        buttons.addWidget(self.final)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.problem)
        self.add_button.clicked.connect(lambda: self.open_form(None))
        self.edit_button.clicked.connect(self._edit_selected)
        self.final.activated.connect(self.set_final_ranking)

    def set_session(self, session: CampaignSession | None) -> None:
        if self.session is not None:
            self.session.data_changed.disconnect(self.refresh)
        self.session = session
        if session is not None:
            session.data_changed.connect(self.refresh)  # a round closed from the round bar
        self.refresh()

    def refresh(self) -> None:
        self.rounds = () if self.session is None else round_service.list_rounds(self.session.store)
        self.table.setRowCount(len(self.rounds))
        for row, value in enumerate(self.rounds):
            cells = (
                value.code,
                value.name,
                _kind_text(value.kind),
                "" if value.places is None else str(value.places),
                "" if value.weight is None else f"{value.weight:g}",
                value.date,
                _("closed") if value.closed else _("open"),
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        weighted = any(r.weight is not None for r in self.rounds)
        self.final.setCurrentIndex(WEIGHTED if weighted else LAST_ROUND_ALONE)
        writable = self.session is not None and not self.session.store.readonly
        for widget in (self.add_button, self.edit_button, self.final):
            widget.setEnabled(writable)

    def _edit_selected(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.rounds):
            self.open_form(self.rounds[row])

    def open_form(self, existing: Round | None) -> None:
        form = RoundForm(self.rounds, existing, self)
        while form.exec():
            if self.save(form.value(), existing, form.copied_from(), form.problem):
                return

    def save(
        self, value: Round, existing: Round | None, criteria_from: str | None, problem: QLabel
    ) -> bool:
        """Adds or edits through the service; a refusal is shown where the form is."""
        session = self.session
        if session is None:
            return True
        try:
            if existing is None:
                round_service.add_round(session.store, value, criteria_from=criteria_from)
            else:
                round_service.edit_round(
                    session.store,
                    existing.code,
                    name=value.name,
                    places=value.places,
                    method=value.method,
                    weight=value.weight,
                    date=value.date,
                )
        except SelectionDeskError as error:
            problem.setText(error_text(error))
            return False
        session.store.forget_round()
        session.changed(ROUND)
        self.refresh()
        return True

    def set_final_ranking(self, choice: int) -> None:
        """The last round alone clears every weight; weighted starts every round at 1."""
        session = self.session
        if session is None:
            return
        try:
            for value in self.rounds:
                if choice == LAST_ROUND_ALONE:
                    round_service.edit_round(session.store, value.code, weight=None)
                elif value.weight is None:
                    round_service.edit_round(session.store, value.code, weight=1.0)
        except SelectionDeskError as error:
            self.problem.setText(error_text(error))
        session.store.forget_round()
        session.changed(ROUND)
        self.refresh()
