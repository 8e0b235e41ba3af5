"""What-if weights: a slider and a number box per criterion, never saved by themselves.

The panel only edits numbers and says when they differ from the saved weights; the page re-ranks
(debounced, in the task runner) and owns the "Apply these weights" step.  Next to each criterion,
the weight's sensitivity: how far it may move before the set of selected dossiers changes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from selection_desk.domain import Criterion
from selection_desk.i18n import _, format_number
from selection_desk.ui.widgets.number_spin import (
    LARGEST_SPIN_INT,
    SMALLEST_POSITIVE,
    set_number_range,
)

if TYPE_CHECKING:
    from selection_desk.aggregation import Sensitivity

SLIDER_SCALE = 100
"""Slider units per weight unit: the slider moves by 0.01, arrow keys by 0.1 (fewer units per
weight when the weights are so large that the slider's ``int`` would not hold them)."""


def _percent(share: float, signed: bool = False) -> str:
    text = format_number(abs(share) * 100, 0) + "\u00a0%"
    if not signed:
        return text
    return ("+" if share > 0 else "−") + text


def sensitivity_text(sensitivity: Sensitivity | None) -> str:
    if sensitivity is None:
        return ""
    changes = [
        _percent(change.relative_change, signed=True)
        for change in (sensitivity.decrease, sensitivity.increase)
        if change is not None
    ]
    if not changes:
        return _("selection unchanged within ±50 %")
    return _("selection changes at {changes}").format(changes=" / ".join(changes))


class _CriterionRow:
    def __init__(self, panel: WeightsPanel, criterion: Criterion, maximum: float) -> None:
        self.code = criterion.code
        self.saved = criterion.weight
        self.title = QLabel(f"{criterion.label} ({criterion.code})")
        self.title.setToolTip(criterion.description or criterion.label)
        self.title.setWordWrap(True)
        self.info = QLabel()
        self.info.setObjectName("hint")
        self.info.setWordWrap(True)
        self.scale = min(float(SLIDER_SCALE), LARGEST_SPIN_INT / maximum)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(1, int(maximum * self.scale))
        self.slider.setSingleStep(SLIDER_SCALE // 10)
        self.slider.setPageStep(SLIDER_SCALE // 2)
        self.slider.setAccessibleName(_("Weight of {criterion}").format(criterion=criterion.label))
        self.spin = QDoubleSpinBox()
        set_number_range(self.spin, SMALLEST_POSITIVE)
        self.spin.setDecimals(2)
        self.spin.setSingleStep(0.1)
        self.spin.setAccessibleName(self.slider.accessibleName())
        self.title.setBuddy(self.spin)
        self._panel = panel
        self._syncing = False
        self.set_value(criterion.weight)
        self.slider.valueChanged.connect(self._slid)
        self.spin.valueChanged.connect(self._typed)

    def value(self) -> float:
        return round(self.spin.value(), 2)

    def set_value(self, value: float) -> None:
        self._syncing = True
        try:
            self.spin.setValue(value)
            self.slider.setValue(self._position(value))
        finally:
            self._syncing = False

    def _position(self, value: float) -> int:
        """The slider's position for weight ``value`` (a weight typed beyond the slider's end
        puts it at the end)."""
        return min(round(value * self.scale), self.slider.maximum())

    def _slid(self, position: int) -> None:
        if self._syncing:
            return
        self._syncing = True
        try:
            self.spin.setValue(position / self.scale)
        finally:
            self._syncing = False
        self._panel.row_edited()

    def _typed(self, value: float) -> None:
        if self._syncing:
            return
        self._syncing = True
        try:
            self.slider.setValue(self._position(value))
        finally:
            self._syncing = False
        self._panel.row_edited()

    @property
    def changed(self) -> bool:
        return abs(self.value() - self.saved) > 1e-9


class WeightsPanel(QWidget):
    edited = Signal()
    """A weight moved (the page debounces before re-ranking)."""
    sensitivity_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: dict[str, _CriterionRow] = {}
        self._sensitivity: Mapping[str, Sensitivity] | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        hint = QLabel(
            _(
                "Move a weight to see the ranking it gives at once. The saved weights, the "
                "minutes and the reports change only when you apply them."
            )
        )
        hint.setWordWrap(True)
        hint.setObjectName("hint")
        layout.addWidget(hint)
        self._scroll = QScrollArea()
        self._scroll.setAccessibleName(_("Weights"))
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(self._scroll, 1)
        footer = QHBoxLayout()
        self.sensitivity_status = QLabel()
        self.sensitivity_status.setObjectName("hint")
        self.sensitivity_status.setWordWrap(True)
        self.sensitivity_button = QPushButton(_("Check the sensitivity"))
        self.sensitivity_button.setToolTip(
            _("How far each weight may move before the selection changes (may take a minute).")
        )
        self.sensitivity_button.clicked.connect(self.sensitivity_requested)
        self.sensitivity_button.hide()
        footer.addWidget(self.sensitivity_status, 1)
        footer.addWidget(self.sensitivity_button)
        layout.addLayout(footer)
        self._build([])

    # -- contents ---------------------------------------------------------------------------

    def set_criteria(self, criteria: Sequence[Criterion], keep: Mapping[str, float]) -> None:
        """Rebuild the rows on ``criteria`` (saved weights); ``keep``: what-if values to keep."""
        self._sensitivity = None
        self._build(criteria)
        for code, value in keep.items():
            if code in self._rows:
                self._rows[code].set_value(value)
        self._refresh()

    def _build(self, criteria: Sequence[Criterion]) -> None:
        content = QWidget()
        grid = QGridLayout(content)
        grid.setContentsMargins(0, 4, 4, 4)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(2)
        grid.setColumnStretch(0, 1)
        maximum = max([10.0, *(3 * criterion.weight for criterion in criteria)])
        self._rows = {}
        for index, criterion in enumerate(criteria):
            row = _CriterionRow(self, criterion, maximum)
            self._rows[criterion.code] = row
            grid.addWidget(row.title, 3 * index, 0)
            grid.addWidget(row.spin, 3 * index, 1)
            grid.addWidget(row.slider, 3 * index + 1, 0, 1, 2)
            grid.addWidget(row.info, 3 * index + 2, 0, 1, 2)
            if index:
                grid.setRowMinimumHeight(3 * index - 1, row.info.fontMetrics().height() + 10)
        grid.setRowStretch(3 * len(criteria), 1)
        self._scroll.setWidget(content)
        self._scroll.viewport().setAutoFillBackground(False)
        content.setAutoFillBackground(False)

    def row_edited(self) -> None:
        self._refresh()
        self.edited.emit()

    def _refresh(self) -> None:
        total = sum(row.value() for row in self._rows.values()) or 1.0
        for row in self._rows.values():
            font = QFont(row.title.font())
            font.setBold(row.changed)
            row.title.setFont(font)
            parts = [_("{share} of the total").format(share=_percent(row.value() / total))]
            if row.changed:
                parts.append(_("saved: {weight}").format(weight=format_number(row.saved, None)))
            text = sensitivity_text(
                None if self._sensitivity is None else self._sensitivity.get(row.code)
            )
            if text:
                parts.append(text)
            row.info.setText(" · ".join(parts))

    # -- state ------------------------------------------------------------------------------

    def weights(self) -> dict[str, float]:
        return {code: row.value() for code, row in self._rows.items()}

    def saved_weights(self) -> dict[str, float]:
        return {code: row.saved for code, row in self._rows.items()}

    @property
    def is_what_if(self) -> bool:
        return any(row.changed for row in self._rows.values())

    def set_weight(self, code: str, value: float) -> None:
        """As if the user typed ``value`` for criterion ``code``."""
        self._rows[code].spin.setValue(value)

    def slider(self, code: str) -> QSlider:
        return self._rows[code].slider

    def reset(self) -> None:
        for row in self._rows.values():
            row.set_value(row.saved)
        self.row_edited()

    def set_sensitivity(self, sensitivity: Mapping[str, Sensitivity] | None, status: str) -> None:
        self._sensitivity = sensitivity
        self.sensitivity_status.setText(status)
        self._refresh()

    def offer_sensitivity(self, offered: bool) -> None:
        self.sensitivity_button.setVisible(offered)
