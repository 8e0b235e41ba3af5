"""Who is scoring: the first view of the Scoring page, before a juror's workspace opens.

The picker lists the jurors it is given as :class:`ScoringJuror` (or says why there is none) and
asks to start (juror, PIN) or to type in a juror's paper sheet; the page opens the workspace.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from selection_desk.i18n import _
from selection_desk.labels import label
from selection_desk.services.scoring_workspace import ScoringJuror


class JurorPicker(QWidget):
    """ "Who is scoring?": the committee, and a PIN field for jurors who have one."""

    start_requested = Signal(str, str)
    paper_requested = Signal(str)
    """The secretary types in the chosen juror's paper sheet (no PIN: the juror is not here)."""
    add_jurors_requested = Signal()
    """The campaign has no juror yet: the secretary asked to go and add them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(_("Scoring"))
        self.title.setObjectName("pageTitle")
        self.hint = QLabel(
            _(
                "Who is scoring? Each juror sees only the dossiers assigned to them and only "
                "their own scores, never another juror's."
            )
        )
        self.hint.setWordWrap(True)
        self.jurors = QListWidget()
        self.jurors.setObjectName("jurorList")
        self.jurors.setAccessibleName(_("Jurors"))
        self.jurors.setMaximumWidth(560)
        self.jurors.setStyleSheet("QListWidget#jurorList::item { padding: 6px; }")
        self.jurors.setSizeAdjustPolicy(QListWidget.SizeAdjustPolicy.AdjustToContents)
        self.jurors.currentItemChanged.connect(self._juror_changed)
        self.jurors.itemActivated.connect(self._activated)
        self.pin_label = QLabel(_("&PIN:"))
        self.pin = QLineEdit()
        self.pin.setObjectName("pinField")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaximumWidth(220)
        self.pin_label.setBuddy(self.pin)
        self.pin.returnPressed.connect(self._start)
        self.error = QLabel()
        self.error.setObjectName("pickerError")
        self.error.setWordWrap(True)
        self.start_button = QPushButton(_("&Start scoring"))
        self.start_button.setObjectName("startScoring")
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self._start)
        self.paper_button = QPushButton(_("&Type in a paper sheet…"))
        self.paper_button.setObjectName("paperEntry")
        self.paper_button.setToolTip(
            _(
                "For the secretary: type in the paper scoring sheet this juror filled in. No PIN "
                "is asked; every change is audited as the secretary's, on the juror's behalf."
            )
        )
        self.paper_button.clicked.connect(self._paper)
        self.empty = QLabel()
        self.empty.setObjectName("hint")
        self.empty.setWordWrap(True)
        self.add_jurors_button = QPushButton(_("Add the jurors…"))
        self.add_jurors_button.clicked.connect(self.add_jurors_requested)

        pin_row = QHBoxLayout()
        pin_row.addWidget(self.pin_label)
        pin_row.addWidget(self.pin)
        pin_row.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.paper_button)
        buttons.addStretch(1)
        column = QVBoxLayout()
        column.addWidget(self.jurors)
        column.addLayout(pin_row)
        column.addWidget(self.error)
        column.addLayout(buttons)
        column.addStretch(1)
        body = QHBoxLayout()
        body.addLayout(column, 1)
        body.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addWidget(self.empty)
        layout.addWidget(self.add_jurors_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addSpacing(8)
        layout.addLayout(body, 1)
        self._pins: dict[str, bool] = {}
        self._paper_allowed = False
        self.set_jurors(None)

    def set_jurors(
        self, jurors: Sequence[ScoringJuror] | None, paper_allowed: bool = False
    ) -> None:
        """List ``jurors`` (None: no campaign is open); ``paper_allowed``: offer to type in a
        paper sheet (the secretary's campaign file, not a juror's kit)."""
        selected = self.selected_code()
        self.jurors.clear()
        self._pins = {}
        no_campaign = jurors is None
        jurors = jurors or ()
        self._paper_allowed = not no_campaign and paper_allowed
        for juror in jurors:
            template = (
                _("{name} ({code}) · {role} · PIN")
                if juror.has_pin
                else _("{name} ({code}) · {role}")
            )
            text = template.format(name=juror.name, code=juror.code, role=label(juror.role))
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, juror.code)
            if juror.has_pin:
                item.setToolTip(_("This juror has a PIN."))
            self.jurors.addItem(item)
            self._pins[juror.code] = juror.has_pin
        if no_campaign:
            self.empty.setText(_("Open a campaign to score its dossiers."))
        elif not jurors:
            self.empty.setText(_("This campaign has no juror yet: add the committee first."))
        else:
            self.empty.setText("")
        self.empty.setVisible(bool(self.empty.text()))
        self.add_jurors_button.setVisible(not no_campaign and not jurors)
        codes = [self.jurors.item(i).data(Qt.ItemDataRole.UserRole) for i in range(len(jurors))]
        row = codes.index(selected) if selected in codes else 0
        if jurors:
            self.jurors.setCurrentRow(row)
        self.error.setText("")
        self._juror_changed()

    def selected_code(self) -> str | None:
        item = self.jurors.currentItem()
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    def show_error(self, text: str) -> None:
        self.error.setText(f"⚠ {text}")
        self.pin.selectAll()
        if self.pin.isVisible():
            self.pin.setFocus()

    def _juror_changed(self, *_args: object) -> None:
        code = self.selected_code()
        needs_pin = bool(code and self._pins.get(code))
        self.pin_label.setVisible(needs_pin)
        self.pin.setVisible(needs_pin)
        self.pin.clear()
        self.error.setText("")
        self.start_button.setEnabled(code is not None)
        self.paper_button.setVisible(self._paper_allowed)
        self.paper_button.setEnabled(code is not None)

    def _activated(self, *_args: object) -> None:
        code = self.selected_code()
        if code and self._pins.get(code) and not self.pin.text():
            self.pin.setFocus()
            return
        self._start()

    def _start(self) -> None:
        code = self.selected_code()
        if code:
            self.start_requested.emit(code, self.pin.text())

    def _paper(self) -> None:
        code = self.selected_code()
        if code:
            self.paper_requested.emit(code)

    def focus(self) -> None:
        self.jurors.setFocus()
