"""The criteria editor: the list (drag or Alt+↑/↓ to reorder, each weight's share of 100 %) and the
selected criterion's form (scale, threshold, rubric levels with a label and a descriptor each;
a widget of its own, :mod:`.setup_criterion_form`).

Every change goes through the set-up controller: one undoable, audited use case.  A change that
would remove scores (a new scale, a deletion) says exactly which before anything happens.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDropEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from selection_desk.domain import CampaignData, Criterion
from selection_desk.i18n import _, format_number
from selection_desk.services.campaigns import TEMPLATES
from selection_desk.services.criteria import (
    add_criterion,
    criteria_from_campaign_file,
    criteria_from_template,
    delete_criterion,
    edit_criterion,
    move_criterion,
    reorder_criteria,
    replace_criteria,
)
from selection_desk.ui.pages.setup_criterion_form import CriterionForm, number
from selection_desk.ui.setup_controller import SetupController
from selection_desk.ui.widgets.key_table import KeyTable
from selection_desk.ui.widgets.readable_column import ReadableColumn, readable_width

FILE_FILTER = "Selection Desk (*.seldesk)"


def choose_campaign_file(parent: QWidget) -> Path | None:
    path, _filter = QFileDialog.getOpenFileName(
        parent, _("Copy the criteria of another campaign"), "", FILE_FILTER
    )
    return Path(path) if path else None


class CriteriaTable(KeyTable):
    """The criteria, one a row; dragging a row asks for a move (the table never moves items
    itself: the list is rebuilt from the saved order)."""

    move_requested = Signal(int, int)
    """(from row, to row)"""

    HEADERS = ("code", "label", "group", "weight", "share", "scale", "threshold", "levels")

    def __init__(self) -> None:
        super().__init__(0, len(self.HEADERS))
        self.setObjectName("criteriaTable")
        self.setAccessibleName(_("Criteria"))
        self.setHorizontalHeaderLabels(
            [
                _("Code"),
                _("Label"),
                _("Group"),
                _("Weight"),
                _("Share"),
                _("Scale"),
                _("Threshold"),
                _("Levels"),
            ]
        )
        self.verticalHeader().setVisible(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropOverwriteMode(False)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # The label identifies the row: it stretches but stays readable (it was cut to "É…").
        self.label_column = ReadableColumn(self, 1, readable_width(self))
        self.setWordWrap(False)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        if event.source() is not self:
            event.ignore()
            return
        source = self.currentRow()
        target = self.indexAt(event.position().toPoint())
        row = target.row() if target.isValid() else self.rowCount()
        if (
            target.isValid()
            and self.dropIndicatorPosition() == QAbstractItemView.DropIndicatorPosition.BelowItem
        ):
            row += 1
        if row > source:
            row -= 1
        # Accepted as "ignore": the view must not remove the dragged row itself.
        event.setDropAction(Qt.DropAction.IgnoreAction)
        event.accept()
        if source >= 0 and row != source:
            self.move_requested.emit(source, row)

    def fill(self, criteria: tuple[Criterion, ...]) -> None:
        total = sum(c.weight for c in criteria) or 1.0
        self.setRowCount(len(criteria))
        for row, c in enumerate(criteria):
            texts = [
                c.code,
                c.label,
                c.group,
                number(c.weight),
                format_number(100 * c.weight / total, 1) + " %",
                _("{low} to {high}, step {step}").format(
                    low=number(c.scale_min), high=number(c.scale_max), step=number(c.step)
                ),
                "—" if c.threshold is None else number(c.threshold),
                str(len(c.levels)) if c.levels else "—",
            ]
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                if column in (3, 4, 6, 7):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if column == 1:
                    item.setToolTip("\n\n".join(filter(None, (c.label, c.description))))
                self.setItem(row, column, item)


class CriteriaEditor(QWidget):
    def __init__(self, controller: SetupController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.criteria: tuple[Criterion, ...] = ()
        self.new_mode = False
        self._shown: str | None = None
        """The code of the criterion in the form (None: a new one)."""
        self._pristine: Criterion | None = None
        """The form as it was shown: anything else is an edit not applied yet."""
        self._applying = False
        self.choose_file = choose_campaign_file

        self.table = CriteriaTable()
        self.add_button = QPushButton(_("&New criterion"))
        self.delete_button = QPushButton(_("&Delete"))
        self.up_button = QToolButton()
        self.up_button.setText("↑")
        self.up_button.setToolTip(_("Move up (Alt+Up)"))
        self.down_button = QToolButton()
        self.down_button.setText("↓")
        self.down_button.setToolTip(_("Move down (Alt+Down)"))
        self.template_button = QToolButton()
        self.template_button.setText(_("Start from…"))
        self.template_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.template_button)
        template_names = {"startup": _("the start-up template"), "impact": _("the impact template")}
        self.template_actions = {}
        for name in TEMPLATES:
            action = menu.addAction(template_names.get(name, name))
            action.triggered.connect(lambda _checked=False, n=name: self.start_from_template(n))
            self.template_actions[name] = action
        self.other_file_action = menu.addAction(_("another campaign file…"))
        self.other_file_action.triggered.connect(self.copy_from_other_file)
        self.template_button.setMenu(menu)
        self.total = QLabel()
        self.total.setObjectName("hint")
        self.total.setWordWrap(True)

        toolbar = QHBoxLayout()
        for widget in (self.add_button, self.delete_button, self.up_button, self.down_button):
            toolbar.addWidget(widget)
        toolbar.addStretch(1)
        toolbar.addWidget(self.template_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(toolbar)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.total)

        self.form = CriterionForm()
        scroll = QScrollArea()
        scroll.setAccessibleName(_("Selected criterion"))
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.form)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 4)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.move_requested.connect(self.move_row)
        self.add_button.clicked.connect(self.start_new)
        self.delete_button.clicked.connect(self.delete_selected)
        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button.clicked.connect(lambda: self.move_selected(+1))
        self.form.apply_requested.connect(self.apply)
        self.form.revert_requested.connect(self.revert)
        for keys, slot in (
            ("Alt+Up", lambda: self.move_selected(-1)),
            ("Alt+Down", lambda: self.move_selected(+1)),
        ):
            QShortcut(QKeySequence(keys), self.table, slot).setContext(
                Qt.ShortcutContext.WidgetShortcut
            )
        self.table.delete_pressed.connect(self.delete_selected)
        self.table.insert_pressed.connect(self.start_new)
        self._update_buttons()

    # -- showing ----------------------------------------------------------------------------------

    def set_campaign(self, data: CampaignData | None) -> None:
        # The criterion just added is not in the table until this reload: it is the one to show.
        selected = self.selected_code() or self._shown
        self.criteria = data.criteria if data else ()
        self.table.blockSignals(True)
        self.table.fill(self.criteria)
        self.table.blockSignals(False)
        total = sum(c.weight for c in self.criteria)
        self.total.setText(
            _(
                "{count} criteria, total weight {total}: each share is its weight over the total."
            ).format(count=len(self.criteria), total=number(total))
            if self.criteria
            else _("No criteria yet: add one, or start from a template.")
        )
        codes = [c.code for c in self.criteria]
        if self.new_mode:
            self._update_buttons()
            return
        if selected in codes:
            self.select(selected)
        elif codes:
            self.select(codes[0])
        else:
            self.start_new()
        self._update_buttons()

    def selected_code(self) -> str | None:
        row = self.table.currentRow()
        if 0 <= row < len(self.criteria) and self.table.selectedItems():
            return self.criteria[row].code
        return None

    def select(self, code: str) -> None:
        codes = [c.code for c in self.criteria]
        if code in codes:
            self.table.selectRow(codes.index(code))
            self._selection_changed()

    def _weight_of_others(self, code: str | None) -> float:
        return sum(c.weight for c in self.criteria if c.code != code)

    def _selection_changed(self) -> None:
        code = self.selected_code()
        if code is None or self._applying:
            return
        if not self._apply_before_leaving(code):
            return
        self.new_mode = False
        criterion = self.criteria[[c.code for c in self.criteria].index(code)]
        self._show(criterion, new=False)
        self._update_buttons()

    def _show(self, criterion: Criterion, *, new: bool) -> None:
        others = self._weight_of_others(None if new else criterion.code)
        self.form.show_criterion(criterion, new=new, others_weight=others)
        self._shown = None if new else criterion.code
        self._pristine = self.form.criterion()

    @property
    def edited(self) -> bool:
        """Whether the form holds changes not applied yet."""
        return self._pristine is not None and self.form.criterion() != self._pristine

    def _apply_before_leaving(self, target: str) -> bool:
        """Another criterion was picked: the form's edits are applied first, as the Properties tab
        saves a field when it is left (asking when scores are at stake).  Refused or declined:
        the form keeps them and the selection goes back."""
        if (target == self._shown and not self.new_mode) or not self.edited:
            return True
        if not self.controller.active:
            return True
        self._applying = True
        try:
            applied = self.apply(code=self._shown, reselect=False)
        finally:
            self._applying = False
        if not applied:
            self.table.blockSignals(True)
            if self._shown is not None and self._shown in self._codes():
                self.table.selectRow(self._codes().index(self._shown))
            else:
                self.table.clearSelection()
            self.table.blockSignals(False)
            return False
        self._pristine = None
        if target in self._codes():
            self.table.blockSignals(True)
            self.table.selectRow(self._codes().index(target))
            self.table.blockSignals(False)
        return target in self._codes()

    def _update_buttons(self) -> None:
        active = self.controller.active
        has_selection = self.selected_code() is not None and not self.new_mode
        row = self.table.currentRow()
        for widget in (self.add_button, self.template_button, self.form):
            widget.setEnabled(active)
        self.delete_button.setEnabled(active and has_selection)
        self.up_button.setEnabled(active and has_selection and row > 0)
        self.down_button.setEnabled(active and has_selection and row < len(self.criteria) - 1)

    def start_new(self) -> None:
        """Empties the form for a new criterion, on the scale of the last one."""
        if not self.controller.active:
            return
        self.new_mode = True
        self.table.clearSelection()
        model = self.criteria[-1] if self.criteria else Criterion("", "", 1.0, 0, 5, 1)
        taken = {c.code for c in self.criteria}
        number_ = len(self.criteria) + 1
        while f"C{number_}" in taken:
            number_ += 1
        criterion = Criterion(f"C{number_}", "", 1.0, model.scale_min, model.scale_max, model.step)
        self._show(criterion, new=True)
        self._update_buttons()
        self.form.label.setFocus()

    def revert(self) -> None:
        if self.new_mode:
            self.new_mode = False
            if self.criteria:
                self.select(self.criteria[0].code)
        else:
            self._selection_changed()

    # -- changing ---------------------------------------------------------------------------------

    def apply(self, code: str | None = None, *, reselect: bool = True) -> bool:
        """Adds or changes the criterion in the form (``code``: the one shown, by default the
        selected one); False when refused or declined."""
        if not self.controller.active:
            return False
        edited = self.form.criterion()
        store = self.controller.store
        if self.new_mode:

            def add(confirm: bool) -> Any:
                return add_criterion(store, edited, confirm=confirm)

            def remove(change: Any, confirm: bool) -> Any:
                return delete_criterion(store, edited.code.strip(), confirm=confirm, restore=change)

            if not self.controller.perform(
                _("Add criterion {code}").format(code=edited.code.strip()), add, remove
            ):
                return False
            self._saved_as(edited.code.strip())
            if reselect:
                self.select(edited.code.strip())
            return True
        code = code or self.selected_code()
        if code is None:
            return False

        def edit(confirm: bool) -> Any:
            return edit_criterion(store, code, edited, confirm=confirm)

        def edit_back(change: Any, confirm: bool) -> Any:
            before = change.before[change.position(code, before=True)]
            now = change.after[change.position(code, before=True)].code
            return edit_criterion(store, now, before, confirm=confirm, restore=change)

        if not self.controller.perform(
            _("Change criterion {code}").format(code=code),
            edit,
            edit_back,
            changed=lambda change: change.before != change.after,
        ):
            return False
        self._saved_as(edited.code.strip())
        if reselect:
            self.select(edited.code.strip() if edited.code.strip() in self._codes() else code)
        return True

    def _saved_as(self, code: str) -> None:
        """The form's criterion was saved under ``code``: the form now shows it, unedited.  The
        campaign is re-read in the background, so the table may not list it yet; when it does,
        the form must not be applied a second time (as an edit of another row)."""
        self.new_mode = False
        self._shown = code
        self._pristine = self.form.criterion()

    def _codes(self) -> list[str]:
        return [c.code for c in self.criteria]

    def delete_selected(self) -> None:
        code = self.selected_code()
        if code is None or not self.controller.active:
            return
        store = self.controller.store
        position = self._codes().index(code)

        def delete(confirm: bool) -> Any:
            return delete_criterion(store, code, confirm=confirm)

        def put_back(change: Any, confirm: bool) -> Any:
            return add_criterion(
                store,
                change.before[position],
                position=position,
                confirm=confirm,
                restore=change,
            )

        self.controller.perform(_("Delete criterion {code}").format(code=code), delete, put_back)

    def move_selected(self, offset: int) -> None:
        row = self.table.currentRow()
        if self.selected_code() is None:
            return
        self.move_row(row, row + offset)

    def move_row(self, source: int, target: int) -> None:
        if not self.controller.active or not 0 <= source < len(self.criteria):
            return
        target = max(0, min(target, len(self.criteria) - 1))
        if target == source:
            return
        code = self.criteria[source].code
        store = self.controller.store

        def move(confirm: bool) -> Any:
            return move_criterion(store, code, target)

        def move_back(change: Any, confirm: bool) -> Any:
            return reorder_criteria(store, [c.code for c in change.before])

        if self.controller.perform(
            _("Move criterion {code}").format(code=code),
            move,
            move_back,
            changed=lambda change: change.before != change.after,
        ):
            self.select(code)

    def start_from_template(self, name: str) -> None:
        if not self.controller.active:
            return
        try:
            criteria = criteria_from_template(name)
        except Exception as error:  # reported, never a traceback
            self.controller.execute(_("Start from a template"), _raiser(error))
            return
        self._replace(criteria, name)

    def copy_from_other_file(self) -> None:
        if not self.controller.active:
            return
        path = self.choose_file(self)
        if path is None:
            return
        try:
            criteria = criteria_from_campaign_file(path)
        except Exception as error:
            self.controller.execute(_("Copy the criteria of another campaign"), _raiser(error))
            return
        self._replace(criteria, path.name)

    def _replace(self, criteria: tuple[Criterion, ...], source: str) -> None:
        store = self.controller.store

        def replace_all(confirm: bool) -> Any:
            return replace_criteria(store, criteria, source=source, confirm=confirm)

        def back(change: Any, confirm: bool) -> Any:
            return replace_criteria(
                store, change.before, source=source, confirm=confirm, restore=change
            )

        if (
            self.controller.perform(
                _("Criteria from {source}").format(source=source),
                replace_all,
                back,
                changed=lambda change: change.before != change.after,
            )
            and criteria
        ):
            self.new_mode = False
            self.select(criteria[0].code)


def _raiser(error: BaseException) -> Any:
    def run(confirm: bool) -> Any:
        raise error

    return run


__all__ = ["CriteriaEditor"]
