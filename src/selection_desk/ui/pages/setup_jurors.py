"""The jurors: the committee's list and the selected juror's form (name, e-mail, role, PIN), and
importing a list of jurors from a spreadsheet.

A PIN typed here is hashed by the service at once; the page keeps only the stored hash (to redo or
undo), never the PIN.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from selection_desk.domain import CampaignData, Juror, Role
from selection_desk.errors import SelectionDeskError
from selection_desk.i18n import _
from selection_desk.labels import label
from selection_desk.services.jurors import (
    PIN_MIN_LENGTH,
    UNCHANGED,
    add_juror,
    apply_juror_import,
    delete_juror,
    edit_juror,
    plan_juror_import,
    revert_juror_import,
    set_juror_pin,
)
from selection_desk.ui.setup_controller import SetupController
from selection_desk.ui.widgets.key_table import KeyTable

LIST_FILTER = "Excel, CSV (*.xlsx *.xlsm *.csv *.txt)"


def choose_juror_list(parent: QWidget) -> Path | None:
    path, _filter = QFileDialog.getOpenFileName(
        parent, _("Import a list of jurors"), "", LIST_FILTER
    )
    return Path(path) if path else None


class JurorForm(QGroupBox):
    def __init__(self) -> None:
        super().__init__(_("Juror"))
        self.code = QLineEdit()
        self.code.setMaxLength(40)
        self.name = QLineEdit()
        self.email = QLineEdit()
        self.role = QComboBox()
        for role in Role:
            self.role.addItem(label(role), role.value)
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setPlaceholderText(
            _("type a new PIN (at least {length} characters)").format(length=PIN_MIN_LENGTH)
        )
        self.pin_state = QLabel()
        self.pin_state.setObjectName("hint")
        self.pin_state.setWordWrap(True)
        self.remove_pin_button = QPushButton(_("Remove the PIN"))
        self.apply_button = QPushButton(_("&Apply"))
        self.apply_button.setDefault(True)
        self.revert_button = QPushButton(_("Re&vert"))
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(_("C&ode:"), self.code)
        form.addRow(_("&Name:"), self.name)
        form.addRow(_("E-&mail:"), self.email)
        form.addRow(_("&Role:"), self.role)
        pin_row = QHBoxLayout()
        pin_row.addWidget(self.pin, 1)
        pin_row.addWidget(self.remove_pin_button)
        pin_caption = QLabel(_("&PIN:"))
        pin_caption.setBuddy(self.pin)
        form.addRow(pin_caption, pin_row)
        form.addRow("", self.pin_state)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.apply_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        note = QLabel(
            _(
                "The PIN protects this juror's scoring on a shared computer and signing "
                "ballots with their juror kit; a short PIN only slows down someone who has the "
                "kit file: seal the kits with a passphrase. The PIN itself is not kept. "
                "Presidents and members score; secretaries and observers do not."
            )
        )
        note.setObjectName("hint")
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addStretch(1)
        layout.addLayout(buttons)

    def show_juror(self, juror: Juror, *, new: bool, has_pin: bool) -> None:
        self.setTitle(_("New juror") if new else _("Juror {code}").format(code=juror.code))
        self.apply_button.setText(_("&Add") if new else _("&Apply"))
        self.code.setText(juror.code)
        self.name.setText(juror.name)
        self.email.setText(juror.email)
        self.role.setCurrentIndex(max(self.role.findData(juror.role.value), 0))
        self.pin.clear()
        self.pin_state.setText(
            _("A PIN is set: the juror types it before scoring.")
            if has_pin
            else _("No PIN: anyone at this computer can score as this juror.")
        )
        self.remove_pin_button.setEnabled(has_pin and not new)

    def juror(self) -> Juror:
        return Juror(
            self.code.text(), self.name.text(), self.email.text(), Role(self.role.currentData())
        )


class JurorsEditor(QWidget):
    def __init__(self, controller: SetupController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.jurors: tuple[Juror, ...] = ()
        self.with_pin: frozenset[str] = frozenset()
        self.new_mode = False
        self._shown: str | None = None
        """The code of the juror in the form (None: a new one)."""
        self._pristine: tuple[Juror, str] | None = None
        """The form as it was shown: anything else is an edit not applied yet."""
        self._applying = False
        self.choose_file = choose_juror_list

        self.table = KeyTable(0, 6)
        self.table.setObjectName("jurorsTable")
        self.table.setAccessibleName(_("Jurors"))
        self.table.setHorizontalHeaderLabels(
            [_("Code"), _("Name"), _("Role"), _("E-mail"), _("PIN"), _("Kit")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.add_button = QPushButton(_("Ne&w juror"))
        self.delete_button = QPushButton(_("&Delete"))
        self.import_button = QPushButton(_("&Import a list…"))
        self.summary = QLabel()
        self.summary.setObjectName("hint")
        self.summary.setWordWrap(True)
        toolbar = QHBoxLayout()
        toolbar.addWidget(self.add_button)
        toolbar.addWidget(self.delete_button)
        toolbar.addStretch(1)
        toolbar.addWidget(self.import_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(toolbar)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.summary)
        self.form = JurorForm()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.form)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.add_button.clicked.connect(self.start_new)
        self.delete_button.clicked.connect(self.delete_selected)
        self.import_button.clicked.connect(self.import_list)
        self.form.apply_button.clicked.connect(lambda _checked=False: self.apply())
        self.form.revert_button.clicked.connect(self.revert)
        self.form.remove_pin_button.clicked.connect(self.remove_pin)
        self.table.delete_pressed.connect(self.delete_selected)
        self.table.insert_pressed.connect(self.start_new)
        for shortcut in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(shortcut), self.form, self.apply).setContext(
                Qt.ShortcutContext.WidgetWithChildrenShortcut
            )
        for line in (self.form.code, self.form.name, self.form.email, self.form.pin):
            line.returnPressed.connect(self.apply)

    # -- showing ----------------------------------------------------------------------------------

    def set_campaign(self, data: CampaignData | None, with_pin: frozenset[str]) -> None:
        # The juror just added is not in the table until this reload: it is the one to show.
        selected = self.selected_code() or self._shown
        self.jurors = data.jurors if data else ()
        self.with_pin = with_pin
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.jurors))
        for row, juror in enumerate(self.jurors):
            texts = [
                juror.code,
                juror.name,
                label(juror.role),
                juror.email,
                "✓" if juror.code in with_pin else "—",
                "✓" if juror.public_key else "—",
            ]
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                if column >= 4:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(row, column, item)
        self.table.blockSignals(False)
        counts = {role: sum(1 for j in self.jurors if j.role is role) for role in Role}
        self.summary.setText(
            _(
                "{count} juror(s): {scoring} who score (presidents and members), {others} "
                "secretaries or observers."
            ).format(
                count=len(self.jurors),
                scoring=counts[Role.PRESIDENT] + counts[Role.MEMBER],
                others=counts[Role.SECRETARY] + counts[Role.OBSERVER],
            )
        )
        codes = [j.code for j in self.jurors]
        if not self.new_mode:
            if selected in codes:
                self.select(selected)
            elif codes:
                self.select(codes[0])
            else:
                self.start_new()
        self._update_buttons()

    def selected_code(self) -> str | None:
        row = self.table.currentRow()
        if 0 <= row < len(self.jurors) and self.table.selectedItems():
            return self.jurors[row].code
        return None

    def select(self, code: str) -> None:
        codes = [j.code for j in self.jurors]
        if code in codes:
            self.table.selectRow(codes.index(code))
            self._selection_changed()

    def _selection_changed(self) -> None:
        code = self.selected_code()
        if code is None or self._applying:
            return
        if not self._apply_before_leaving(code):
            return
        self.new_mode = False
        juror = self.jurors[self._codes().index(code)]
        self._show(juror, new=False, has_pin=code in self.with_pin)
        self._update_buttons()

    def _codes(self) -> list[str]:
        return [j.code for j in self.jurors]

    def _form_state(self) -> tuple[Juror, str]:
        return self.form.juror(), self.form.pin.text()

    def _show(self, juror: Juror, *, new: bool, has_pin: bool) -> None:
        self.form.show_juror(juror, new=new, has_pin=has_pin)
        self._shown = None if new else juror.code
        self._pristine = self._form_state()

    @property
    def edited(self) -> bool:
        """Whether the form holds changes not applied yet."""
        return self._pristine is not None and self._form_state() != self._pristine

    def _apply_before_leaving(self, target: str) -> bool:
        """Another juror was picked: the form's edits are applied first, as the Properties tab
        saves a field when it is left.  Refused: the form keeps them, the selection goes back."""
        if (target == self._shown and not self.new_mode) or not self.edited:
            return True
        if not self.controller.active:
            return True
        self._applying = True
        try:
            applied = self.apply(code=self._shown, reselect=False)
        finally:
            self._applying = False
        self.table.blockSignals(True)
        if not applied:
            if self._shown is not None and self._shown in self._codes():
                self.table.selectRow(self._codes().index(self._shown))
            else:
                self.table.clearSelection()
        elif target in self._codes():
            self.table.selectRow(self._codes().index(target))
        self.table.blockSignals(False)
        if applied:
            self._pristine = None
        return applied and target in self._codes()

    def _update_buttons(self) -> None:
        active = self.controller.active
        for widget in (self.add_button, self.import_button, self.form):
            widget.setEnabled(active)
        self.delete_button.setEnabled(
            active and not self.new_mode and self.selected_code() is not None
        )

    def start_new(self) -> None:
        if not self.controller.active:
            return
        self.new_mode = True
        self.table.clearSelection()
        number = len(self.jurors) + 1
        taken = {j.code for j in self.jurors}
        while f"J{number}" in taken:
            number += 1
        code = f"J{number}"
        self._show(Juror(code, ""), new=True, has_pin=False)
        self._update_buttons()
        self.form.name.setFocus()

    def revert(self) -> None:
        if self.new_mode:
            self.new_mode = False
            if self.jurors:
                self.select(self.jurors[0].code)
        else:
            self._selection_changed()

    # -- changing ---------------------------------------------------------------------------------

    def apply(self, code: str | None = None, *, reselect: bool = True) -> bool:
        """Adds or changes the juror in the form (``code``: the one shown, by default the
        selected one); False when refused or declined."""
        if not self.controller.active:
            return False
        shown = code
        juror = self.form.juror()
        pin = self.form.pin.text() or None
        store = self.controller.store
        code = juror.code.strip()
        stored: dict[str, str | None] = {}
        if self.new_mode:

            def add(confirm: bool) -> Any:
                if "hash" in stored:
                    change = add_juror(store, juror, pin_hash=stored["hash"])
                else:
                    change = add_juror(store, juror, pin=pin)
                stored["hash"] = change.after_pin_hash  # the PIN itself is not kept
                return change

            def remove(change: Any, confirm: bool) -> Any:
                return delete_juror(store, code, confirm=confirm)

            if not self.controller.perform(_("Add juror {code}").format(code=code), add, remove):
                return False
            self._saved_as(code)
            if reselect:
                self.select(code)
            return True
        selected = shown or self.selected_code()
        if selected is None:
            return False

        def edit(confirm: bool) -> Any:
            if "hash" in stored:
                change = edit_juror(store, selected, juror, pin_hash=stored["hash"])
            else:
                change = edit_juror(
                    store, selected, juror, pin=pin if pin is not None else UNCHANGED
                )
            stored["hash"] = change.after_pin_hash
            return change

        def edit_back(change: Any, confirm: bool) -> Any:
            return edit_juror(
                store, change.after.code, change.before, pin_hash=change.before_pin_hash
            )

        if not self.controller.perform(
            _("Change juror {code}").format(code=selected),
            edit,
            edit_back,
            changed=lambda change: (
                change.before != change.after or change.before_pin_hash != change.after_pin_hash
            ),
        ):
            return False
        self.form.pin.clear()
        self._saved_as(code)
        if reselect:
            self.select(code if code in self._codes() else selected)
        return True

    def _saved_as(self, code: str) -> None:
        """The form's juror was saved under ``code``: the form now shows it, unedited.  The
        campaign is re-read in the background, so the table may not list it yet; when it does,
        the form must not be applied a second time (as an edit of another row)."""
        self.new_mode = False
        self._shown = code
        self._pristine = self._form_state()

    def remove_pin(self) -> None:
        code = self.selected_code()
        if code is None or not self.controller.active:
            return
        store = self.controller.store

        def remove(confirm: bool) -> Any:
            return set_juror_pin(store, code, None)

        def put_back(change: Any, confirm: bool) -> Any:
            return edit_juror(store, code, change.before, pin_hash=change.before_pin_hash)

        self.controller.perform(_("Remove the PIN of {code}").format(code=code), remove, put_back)
        self.select(code)

    def delete_selected(self) -> None:
        code = self.selected_code()
        if code is None or not self.controller.active:
            return
        store = self.controller.store

        def delete(confirm: bool) -> Any:
            return delete_juror(store, code, confirm=confirm)

        def put_back(change: Any, confirm: bool) -> Any:
            return add_juror(store, change.before, restore=change.removed)

        self.controller.perform(_("Delete juror {code}").format(code=code), delete, put_back)

    def import_list(self) -> None:
        if not self.controller.active:
            return
        path = self.choose_file(self)
        if path is None:
            return
        store = self.controller.store
        title = _("Import a list of jurors")
        try:
            plan = plan_juror_import(store, path)
        except SelectionDeskError as error:
            self.controller.problem.emit(error.message())
            return
        if plan.is_empty:
            self.controller.problem.emit(
                _("{source}: every juror of the list is already in the campaign.").format(
                    source=plan.source
                )
            )
            return
        summary = _(
            "{source}: {added} new juror(s), {changed} updated, {unchanged} unchanged."
        ).format(
            source=plan.source,
            added=len(plan.added),
            changed=len(plan.changed),
            unchanged=len(plan.unchanged),
        )
        lines = [summary]
        lines += [f"  + {j.code} — {j.name} ({label(j.role)})" for j in plan.added[:20]]
        lines += [f"  ~ {after.code} — {after.name}" for _b, after in plan.changed[:20]]
        if not self.controller.confirm(title, "\n".join(lines)):
            return

        def apply(confirm: bool) -> Any:
            return apply_juror_import(store, plan)

        def revert(change: Any, confirm: bool) -> Any:
            return revert_juror_import(store, change, confirm=confirm)

        self.controller.perform(
            _("Import jurors from {source}").format(source=plan.source), apply, revert
        )
