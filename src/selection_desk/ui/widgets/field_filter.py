"""A filter on one dossier field, typed as the field is: a list of the fields, and the condition.

The condition is read by :func:`~selection_desk.formats.field_filter.parse_condition` after a
pause in typing; its placeholder and tooltip say, in the user's language, what the chosen field
takes (``>100000``, ``>=2026-03-01``, ``oui``…).  A condition that cannot be read is shown in
:attr:`FieldFilter.message` (one sentence) and filters nothing until it is corrected.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QWidget

from selection_desk.errors import SelectionDeskError
from selection_desk.formats.field_filter import (
    DATE,
    NUMBER,
    YES_NO,
    FieldCondition,
    condition_kind,
    parse_condition,
)
from selection_desk.i18n import _
from selection_desk.ui import theme
from selection_desk.ui.widgets.elided_combo import ElidedComboBox

TYPING_PAUSE_MS = 250
MAX_COMBO_WIDTH = 220
MAX_CONDITION_WIDTH = 360


def condition_hints(stored_type: str | None) -> tuple[str, str]:
    """(placeholder, tooltip) of the condition box for a field of ``stored_type``."""
    kind = condition_kind(stored_type)
    if kind == NUMBER:
        return (
            _("e.g. >100000, <=12.5, 10-20"),
            _(
                "A number: >, >=, <, <= or = before a number (>100000, <=12,5), a range 10-20 "
                "or 10..20 (both ends included), or a number alone."
            ),
        )
    if kind == DATE:
        return (
            _("e.g. >=2026-03-01, 15/03/2026"),
            _(
                "A date: >, >=, <, <= or = before a date written 2026-03-01 or 15/03/2026 (day "
                "first), a range 01/03/2026..31/03/2026, or a date alone."
            ),
        )
    if kind == YES_NO:
        return _("oui, non, yes or no"), _("Yes or no: type oui, non, yes or no.")
    if (stored_type or "").startswith("choices"):
        return (
            _("an option chosen"),
            _("The dossiers that chose this option (a word of it is enough)."),
        )
    return (
        _("words the field contains"),
        _("The words the field must contain (accents and case ignored)."),
    )


class FieldFilter(QWidget):
    """The field list and the condition box, side by side; :attr:`message` goes where the page
    wants it."""

    changed = Signal()
    """The field or its condition changed (read :meth:`field` and :meth:`condition`)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._type_of: Callable[[str], str | None] = lambda _field: None
        self._condition: FieldCondition | None = None
        self.fields = ElidedComboBox()
        self.fields.setObjectName("fieldFilterField")
        self.fields.setAccessibleName(_("Field to filter"))
        self.fields.setMaximumWidth(MAX_COMBO_WIDTH)
        self.fields.addItem(_("Filter a field…"), "")
        self.edit = QLineEdit()
        self.edit.setObjectName("fieldFilterCondition")
        self.edit.setAccessibleName(_("Condition on the field"))
        self.edit.setClearButtonEnabled(True)
        # Wide enough for the longest hint of either language, never wider than a condition needs.
        hints = [condition_hints(kind)[0] for kind in ("money", "date", "yes/no", "choices", None)]
        widest = max(self.edit.fontMetrics().horizontalAdvance(hint) for hint in hints)
        self.edit.setMinimumWidth(widest + 40)
        self.edit.setMaximumWidth(max(widest + 40, MAX_CONDITION_WIDTH))
        self.message = QLabel()
        self.message.setObjectName("fieldFilterProblem")
        self.message.setWordWrap(True)
        self.message.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.fields)
        layout.addWidget(self.edit, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(TYPING_PAUSE_MS)
        self._timer.timeout.connect(self.apply)
        self.edit.textChanged.connect(lambda _text: self._timer.start())
        self.fields.currentIndexChanged.connect(lambda _index: self._field_changed())
        self._field_changed()

    def set_fields(self, fields: Sequence[str], type_of: Callable[[str], str | None]) -> None:
        """The fields offered and how to know each one's type (asked for the field chosen
        only); the field chosen stays chosen if it is still there."""
        chosen = self.field()
        self._type_of = type_of
        self.fields.blockSignals(True)
        self.fields.clear()
        self.fields.addItem(_("Filter a field…"), "")
        for name in fields:
            self.fields.addItem(name, name)
        index = self.fields.findData(chosen) if chosen else 0
        self.fields.setCurrentIndex(max(index, 0))
        self.fields.blockSignals(False)
        if chosen and index < 0:
            self._field_changed()
        else:
            self._update_hints()
            self.apply()

    def field(self) -> str:
        """The field chosen (``""``: none)."""
        return str(self.fields.currentData() or "")

    def condition(self) -> FieldCondition | None:
        """The condition in force (``None``: none, or one that cannot be read)."""
        return self._condition

    def set_condition(self, field: str, text: str) -> None:
        """Choose ``field`` and type ``text`` in the box, applied at once."""
        index = self.fields.findData(field)
        if index >= 0:
            self.fields.setCurrentIndex(index)
        self.edit.setText(text)
        self.apply()

    def apply(self) -> None:
        """Read the condition now (the box waits for a pause in typing)."""
        self._timer.stop()
        field = self.field()
        condition: FieldCondition | None = None
        error = ""
        if field:
            try:
                condition = parse_condition(self.edit.text(), self._type_of(field))
            except SelectionDeskError as problem:
                error = problem.message()
        self.message.setText(error)
        if error:  # the palette's own red, light or dark, as it is when shown
            self.message.setStyleSheet(f"color: {theme.danger().name()};")
        self.message.setVisible(bool(error))
        if condition != self._condition or error:
            self._condition = condition
            self.changed.emit()

    def _field_changed(self) -> None:
        field = self.field()
        self.edit.setEnabled(bool(field))
        if not field:
            self.edit.clear()
        self._update_hints()
        self.apply()

    def _update_hints(self) -> None:
        field = self.field()
        if not field:
            self.edit.setPlaceholderText(_("Choose a field first"))
            self.edit.setToolTip("")
            return
        placeholder, tooltip = condition_hints(self._type_of(field))
        self.edit.setPlaceholderText(placeholder)
        self.edit.setToolTip(tooltip)
