"""The form of one criterion in the criteria editor: label, code, group, weight, scale and step,
eliminatory threshold, description, and the rubric levels (a value, a label and a descriptor each).

The form edits a :class:`Criterion` it is given and asks to apply or revert; the editor saves it
through the set-up controller.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from selection_desk.domain import Criterion, RubricLevel
from selection_desk.formats.cell_values import MAX_MAGNITUDE
from selection_desk.i18n import _, format_number
from selection_desk.ui.widgets.number_spin import SMALLEST_POSITIVE, NumberSpin, set_number_range

MAX_GENERATED_LEVELS = 21


def number(value: float) -> str:
    return format_number(value, None)


class _LevelValueDelegate(QStyledItemDelegate):
    """Level values are numbers on the criterion's scale (decimal comma in French)."""

    def createEditor(  # noqa: N802
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        if index.column() != 0:
            return super().createEditor(parent, option, index)
        editor = NumberSpin(parent)
        set_number_range(editor)
        editor.setDecimals(2)
        editor.setFrame(False)
        return editor


class LevelsTable(QTableWidget):
    def __init__(self) -> None:
        super().__init__(0, 3)
        self.setObjectName("levelsTable")
        self.setHorizontalHeaderLabels([_("Value"), _("Label"), _("Descriptor")])
        self.verticalHeader().setVisible(False)
        self.setItemDelegate(_LevelValueDelegate(self))
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(1, 130)
        self.setMinimumHeight(150)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )

    def set_levels(self, levels: tuple[RubricLevel, ...]) -> None:
        self.setRowCount(0)
        for level in levels:
            self.add_level(level.value, level.label, level.descriptor)

    def add_level(self, value: float, label: str = "", descriptor: str = "") -> int:
        row = self.rowCount()
        self.insertRow(row)
        value_item = QTableWidgetItem()
        value_item.setData(Qt.ItemDataRole.EditRole, float(value))
        value_item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setItem(row, 0, value_item)
        self.setItem(row, 1, QTableWidgetItem(label))
        descriptor_item = QTableWidgetItem(descriptor)
        descriptor_item.setToolTip(descriptor)
        self.setItem(row, 2, descriptor_item)
        return row

    def levels(self) -> tuple[RubricLevel, ...]:
        levels = []
        for row in range(self.rowCount()):
            value_item, label_item, descriptor_item = (self.item(row, c) for c in range(3))
            value = value_item.data(Qt.ItemDataRole.EditRole) if value_item else 0.0
            levels.append(
                RubricLevel(
                    float(value or 0.0),
                    label_item.text() if label_item else "",
                    descriptor_item.text() if descriptor_item else "",
                )
            )
        return tuple(levels)


def _spin(minimum: float = -MAX_MAGNITUDE) -> QDoubleSpinBox:
    """A number box with two decimals, from ``minimum`` to the highest number the campaign
    accepts."""
    spin = NumberSpin()
    spin.setDecimals(2)
    set_number_range(spin, minimum)
    spin.setKeyboardTracking(False)
    return spin


class CriterionForm(QGroupBox):
    """The selected criterion, or a new one, ready to apply."""

    apply_requested = Signal()
    revert_requested = Signal()

    def __init__(self) -> None:
        super().__init__(_("Criterion"))
        self.code = QLineEdit()
        self.code.setMaxLength(40)
        self.label = QLineEdit()
        self.group = QLineEdit()
        self.description = QPlainTextEdit()
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 14)
        self.weight = _spin(SMALLEST_POSITIVE)
        self.share = QLabel()
        self.share.setObjectName("hint")
        self._others_weight = 0.0  # the other criteria's weights: the share follows the box
        self.scale_min = _spin()
        self.scale_max = _spin()
        self.step = _spin(SMALLEST_POSITIVE)
        self.has_threshold = QCheckBox(_("Eliminatory threshold:"))
        self.threshold = _spin()
        self.levels = LevelsTable()
        self.add_level_button = QPushButton(_("Add a &level"))
        self.remove_level_button = QPushButton(_("Remove the level"))
        self.fill_levels_button = QPushButton(_("One level per &step"))
        self.apply_button = QPushButton(_("&Apply"))
        self.apply_button.setDefault(True)
        self.revert_button = QPushButton(_("Re&vert"))

        weight_row = QHBoxLayout()
        weight_row.addWidget(self.weight)
        weight_row.addWidget(self.share, 1)
        scale_row = QHBoxLayout()
        for caption, spin in ((_("from"), self.scale_min), (_("to"), self.scale_max)):
            scale_row.addWidget(QLabel(caption))
            scale_row.addWidget(spin)
        scale_row.addWidget(QLabel(_("step")))
        scale_row.addWidget(self.step)
        scale_row.addStretch(1)
        threshold_row = QHBoxLayout()
        threshold_row.addWidget(self.has_threshold)
        threshold_row.addWidget(self.threshold)
        threshold_row.addStretch(1)
        level_buttons = QHBoxLayout()
        level_buttons.addWidget(self.add_level_button)
        level_buttons.addWidget(self.remove_level_button)
        level_buttons.addWidget(self.fill_levels_button)
        level_buttons.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.apply_button)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(_("C&ode:"), self.code)
        form.addRow(_("La&bel:"), self.label)
        form.addRow(_("&Group:"), self.group)
        form.addRow(_("Descr&iption:"), self.description)
        form.addRow(_buddy(_("&Weight:"), self.weight), weight_row)
        form.addRow(_buddy(_("S&cale:"), self.scale_min), scale_row)
        form.addRow("", threshold_row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        levels_title = QLabel(_("Rubric levels (shown to jurors while scoring):"))
        levels_title.setBuddy(self.levels)
        layout.addWidget(levels_title)
        layout.addWidget(self.levels, 1)
        layout.addLayout(level_buttons)
        layout.addLayout(buttons)

        self.has_threshold.toggled.connect(self.threshold.setEnabled)
        self.weight.valueChanged.connect(self._show_share)
        self.add_level_button.clicked.connect(self._add_level)
        self.remove_level_button.clicked.connect(self._remove_level)
        self.fill_levels_button.clicked.connect(self._fill_levels)
        self.apply_button.clicked.connect(self.apply_requested)
        self.revert_button.clicked.connect(self.revert_requested)
        for shortcut in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(shortcut), self, self.apply_requested.emit).setContext(
                Qt.ShortcutContext.WidgetWithChildrenShortcut
            )

    def show_criterion(self, criterion: Criterion, *, new: bool, others_weight: float) -> None:
        """Shows ``criterion``; ``others_weight`` is the total weight of the other criteria, so
        that the share line follows the weight as it is typed."""
        self._others_weight = others_weight
        self.setTitle(
            _("New criterion") if new else _("Criterion {code}").format(code=criterion.code)
        )
        self.apply_button.setText(_("&Add") if new else _("&Apply"))
        self.code.setText(criterion.code)
        self.label.setText(criterion.label)
        self.group.setText(criterion.group)
        self.description.setPlainText(criterion.description)
        self.weight.setValue(criterion.weight)
        self._show_share()
        self.scale_min.setValue(criterion.scale_min)
        self.scale_max.setValue(criterion.scale_max)
        self.step.setValue(criterion.step)
        self.has_threshold.setChecked(criterion.threshold is not None)
        self.threshold.setEnabled(criterion.threshold is not None)
        self.threshold.setValue(
            criterion.threshold if criterion.threshold is not None else criterion.scale_min
        )
        self.levels.set_levels(criterion.levels)

    def _show_share(self) -> None:
        weight = self.weight.value()
        total = self._others_weight + weight
        self.share.setText(
            _("{share} % of the total weight").format(share=format_number(100 * weight / total, 1))
            if total > 0
            else ""
        )

    def criterion(self) -> Criterion:
        # Commits an open cell editor. Qt takes a null item here; the PySide6 stubs omit None.
        self.levels.setCurrentItem(None)  # type: ignore[call-overload]
        for spin in (self.weight, self.scale_min, self.scale_max, self.step, self.threshold):
            spin.interpretText()  # a number typed but not yet committed (Ctrl+Enter in the box)
        return Criterion(
            code=self.code.text(),
            label=self.label.text(),
            weight=self.weight.value(),
            scale_min=self.scale_min.value(),
            scale_max=self.scale_max.value(),
            step=self.step.value(),
            threshold=self.threshold.value() if self.has_threshold.isChecked() else None,
            group=self.group.text(),
            description=self.description.toPlainText(),
            levels=self.levels.levels(),
        )

    def _add_level(self) -> None:
        existing = [level.value for level in self.levels.levels()]
        value = max(existing) + self.step.value() if existing else self.scale_min.value()
        row = self.levels.add_level(min(value, self.scale_max.value()))
        self.levels.setCurrentCell(row, 1)
        cell = self.levels.item(row, 1)
        assert cell is not None  # add_level fills every cell of the new row
        self.levels.editItem(cell)

    def _remove_level(self) -> None:
        row = self.levels.currentRow()
        if row >= 0:
            self.levels.removeRow(row)

    def _fill_levels(self) -> None:
        """One level per step of the scale (when that makes a short list), labels kept."""
        lo, hi, step = self.scale_min.value(), self.scale_max.value(), self.step.value()
        if step <= 0 or hi <= lo or (hi - lo) / step + 1 > MAX_GENERATED_LEVELS:
            step = max(1.0, (hi - lo) / (MAX_GENERATED_LEVELS - 1))
        existing = {round(level.value, 6): level for level in self.levels.levels()}
        values = []
        value = lo
        while value <= hi + 1e-9:
            values.append(round(value, 6))
            value += step
        levels = [existing.get(v, RubricLevel(v, "")) for v in sorted(set(values) | set(existing))]
        self.levels.set_levels(tuple(levels))


def _buddy(text: str, widget: QWidget) -> QLabel:
    caption = QLabel(text)
    caption.setBuddy(widget)
    return caption
