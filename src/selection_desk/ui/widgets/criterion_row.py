"""One criterion of the score sheet: its title and weight, the score box typed at the keyboard,
a button per rubric level (or per whole value), the scale, the comment and the rubric.

Keys in a score box (see :mod:`selection_desk.ui.widgets.score_keys` for what digits mean):
digits type a score, ``,`` or ``.`` adds a half point, ←/→ and ↑/↓ move one step down/up,
Home/End go to the bottom/top of the scale, Backspace takes back a digit, Delete clears the score,
F2 goes to the criterion's comment (Enter or Esc comes back), F1 or ``?`` shows the rubric's
descriptors.  The row only *asks*: it emits a signal per change.
"""

from __future__ import annotations

import functools
import html
import math

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QWidget,
)

from selection_desk.domain import Criterion
from selection_desk.i18n import _, current_language, format_number
from selection_desk.ui.widgets.level_bar import Level, LevelBar
from selection_desk.ui.widgets.score_keys import ScoreTyping

MAX_VALUE_BUTTONS = 11
"""A criterion without rubric levels gets a button per whole value when it has at most this many."""


def format_score(value: float | None) -> str:
    return "" if value is None else _formatted(value, current_language())


@functools.lru_cache(maxsize=4096)
def _formatted(value: float, language: str) -> str:
    # Babel formats in ~0.1 ms: a sheet of ten criteria formats hundreds of values.
    return format_number(value, None, language)


def decimal_separator() -> str:
    return format_number(1.5, 1)[1]


def _repolish(widget: QWidget) -> None:
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def rubric_html(criterion: Criterion) -> str:
    """The criterion's description and every rubric level with its descriptor (escaped)."""
    parts = []
    if criterion.description:
        parts.append(f"<p>{html.escape(criterion.description)}</p>")
    if criterion.levels:
        items = "".join(
            f"<li><b>{html.escape(format_score(level.value))} · {html.escape(level.label)}</b>"
            + (f" — {html.escape(level.descriptor)}" if level.descriptor else "")
            + "</li>"
            for level in criterion.levels
        )
        parts.append(f"<ul style='margin-left:0; -qt-list-indent:1'>{items}</ul>")
    parts.append(
        "<p>"
        + html.escape(
            _("Scale {low} to {high}, step {step}").format(
                low=format_score(criterion.scale_min),
                high=format_score(criterion.scale_max),
                step=format_score(criterion.step),
            )
        )
        + "</p>"
    )
    return "".join(parts)


class ScoreInput(QLineEdit):
    """A criterion's score box: every accepted keystroke is reported at once (module doc)."""

    value_typed = Signal(float)
    clear_requested = Signal()
    dossier_requested = Signal(int)
    comment_requested = Signal()
    rubric_requested = Signal()
    refused = Signal()
    """A key that would change a locked (final) sheet."""
    focus_changed = Signal(bool)

    def __init__(self, criterion: Criterion, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scoreInput")
        self.criterion = criterion
        self.typing = ScoreTyping(criterion)
        self.value: float | None = None
        self.buffer = ""
        self._pending = False
        self.locked = False
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        width = self.fontMetrics().horizontalAdvance("00,00") * 2
        self.setFixedWidth(max(width, 64))
        self.setAccessibleName(_("Score for {criterion}").format(criterion=criterion.label))
        self._refresh()

    def set_value(self, value: float | None) -> None:
        self.value = value
        self.buffer = ""
        self._refresh()

    @property
    def pending(self) -> bool:
        """Whether the box shows digits that are not a complete score yet (nothing saved)."""
        return self._pending and bool(self.buffer)

    def _refresh(self) -> None:
        pending = self.pending
        if pending:
            self.setText(self.buffer.replace(".", decimal_separator()))
        else:
            self.setText(format_score(self.value))
        if self.property("pending") != pending:
            self.setProperty("pending", pending)
            _repolish(self)
        self.setPlaceholderText("–")

    def _emit(self, value: float | None) -> None:
        self._pending = value is None
        if value is None or (self.value is not None and math.isclose(value, self.value)):
            self._refresh()
            return
        self.value = value
        self._refresh()
        self.value_typed.emit(value)

    def event(self, event: QEvent) -> bool:
        # In a score box F1 shows the criterion's rubric: it wins over the window's F1 (the
        # manual), which Qt would otherwise dispatch first as a shortcut.
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_F1
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        plain = modifiers == Qt.KeyboardModifier.NoModifier
        shift = modifiers == Qt.KeyboardModifier.ShiftModifier
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (plain or shift):
            self.buffer = ""
            self._refresh()
            self.dossier_requested.emit(-1 if shift else 1)
            return
        if key == Qt.Key.Key_F2 and plain:
            self.comment_requested.emit()
            return
        if (key == Qt.Key.Key_F1 and plain) or event.text() == "?":
            self.rubric_requested.emit()
            return
        if key == Qt.Key.Key_Escape and plain and self.buffer:
            self.buffer = ""
            self._refresh()
            return
        if not (plain or shift):
            event.ignore()
            return
        stepping = {
            Qt.Key.Key_Up: 1,
            Qt.Key.Key_Right: 1,
            Qt.Key.Key_Down: -1,
            Qt.Key.Key_Left: -1,
            Qt.Key.Key_PageUp: 2,
            Qt.Key.Key_PageDown: -2,
        }
        changes = key in stepping or key in (
            Qt.Key.Key_Home,
            Qt.Key.Key_End,
            Qt.Key.Key_Backspace,
            Qt.Key.Key_Delete,
        )
        text = event.text()
        if text and (text.isdigit() or text in ",.-"):
            changes = True
        if not changes:
            event.ignore()
            return
        if self.locked:
            self.refused.emit()
            return
        if key in stepping:
            self.buffer = ""
            self._emit(self.typing.stepped(self.value, stepping[Qt.Key(key)]))
        elif key == Qt.Key.Key_Home:
            self.buffer = ""
            self._emit(self.criterion.scale_min)
        elif key == Qt.Key.Key_End:
            self.buffer = ""
            self._emit(self.criterion.scale_max)
        elif key == Qt.Key.Key_Delete or (key == Qt.Key.Key_Backspace and not self.buffer):
            self._clear()
        elif key == Qt.Key.Key_Backspace:
            stroke = self.typing.backspace(self.buffer)
            self.buffer = stroke.buffer
            if not stroke.buffer:
                self._clear()
            else:
                self._emit(stroke.value)
        else:
            stroke = self.typing.key(self.buffer, text, self.value)
            if stroke.accepted:
                self.buffer = stroke.buffer
                self._emit(stroke.value)

    def _clear(self) -> None:
        self.buffer = ""
        if self.value is None:
            self._refresh()
            return
        self.value = None
        self._refresh()
        self.clear_requested.emit()

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusInEvent(event)
        self.buffer = ""
        self._refresh()
        self.selectAll()
        self.focus_changed.emit(True)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusOutEvent(event)
        self.buffer = ""
        self._refresh()
        self.focus_changed.emit(False)


class CommentEdit(QLineEdit):
    """A criterion's comment: Enter or Esc goes back to the score box; leaving it saves."""

    back_requested = Signal()
    left = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape) and (
            event.modifiers() == Qt.KeyboardModifier.NoModifier
        ):
            self.back_requested.emit()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusOutEvent(event)
        self.left.emit()


class CriterionRow(QFrame):
    value_chosen = Signal(str, float)
    clear_requested = Signal(str)
    comment_edited = Signal(str, str)
    comment_done = Signal()

    def __init__(self, criterion: Criterion, share: float, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("criterionRow")
        self.criterion = criterion
        code = criterion.code

        self.rubric_text = rubric_html(criterion)
        self.title = QLabel(criterion.label)
        self.title.setObjectName("criterionTitle")
        self.title.setWordWrap(True)
        self.title.setToolTip(self.rubric_text)
        self.weight = QLabel(_("{share} %").format(share=format_number(share, 0)))
        self.weight.setObjectName("hint")
        self.weight.setToolTip(
            _("Weight {weight}: {share} % of the total").format(
                weight=format_number(criterion.weight, None), share=format_number(share, 1)
            )
        )
        self.input = ScoreInput(criterion)
        self.input.value_typed.connect(lambda value: self.value_chosen.emit(code, value))
        self.input.clear_requested.connect(lambda: self.clear_requested.emit(code))
        self.input.comment_requested.connect(self.focus_comment)
        self.input.rubric_requested.connect(self.toggle_rubric)
        self.input.focus_changed.connect(self._set_current)
        self.setAutoFillBackground(True)
        self.down_button = self._step_button("−", _("One step down"), -1)
        self.up_button = self._step_button("+", _("One step up"), 1)
        self.scale = QLabel(_("/ {high}").format(high=format_score(criterion.scale_max)))

        choices = self._level_choices()
        self.levels = LevelBar([Level(value, text, tip) for value, text, tip in choices])
        self.levels.chosen.connect(self._level_clicked)

        self.comment = CommentEdit()
        self.comment.setObjectName("criterionComment")
        self.comment.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.comment.setPlaceholderText(_("Comment (F2)"))
        self.comment.setAccessibleName(
            _("Comment on {criterion}").format(criterion=criterion.label)
        )
        self.comment.textEdited.connect(lambda text: self.comment_edited.emit(code, text))
        self.comment.back_requested.connect(self._comment_back)
        self.comment.left.connect(self.comment_done)

        self._rubric: QLabel | None = None  # built when first shown (F1)

        grid = QGridLayout(self)
        self.grid = grid
        grid.setContentsMargins(8, 6, 8, 6)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(4)
        title_row = QHBoxLayout()
        title_row.setSpacing(6)
        title_row.addWidget(self.title, 1)
        title_row.addWidget(self.weight)
        grid.addLayout(title_row, 0, 0)
        entry = QHBoxLayout()
        entry.setSpacing(2)
        entry.addWidget(self.down_button)
        entry.addWidget(self.input)
        entry.addWidget(self.up_button)
        entry.addWidget(self.scale)
        grid.addLayout(entry, 0, 1, Qt.AlignmentFlag.AlignRight)
        if choices:
            grid.addWidget(self.levels, 1, 0, 1, 2, Qt.AlignmentFlag.AlignLeft)
        grid.addWidget(self.comment, 2, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        self.setFocusProxy(self.input)

    def _step_button(self, text: str, tip: str, steps: int) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setAutoRaise(True)
        button.clicked.connect(lambda: self._step(steps))
        return button

    def _level_choices(self) -> list[tuple[float, str, str]]:
        c = self.criterion
        if c.levels:
            return [
                (
                    level.value,
                    f"{format_score(level.value)} {level.label}",
                    level.descriptor or level.label,
                )
                for level in c.levels
            ]
        whole = [float(v) for v in range(math.ceil(c.scale_min), math.floor(c.scale_max) + 1)]
        if len(whole) > MAX_VALUE_BUTTONS or not all(c.accepts(v) for v in whole):
            return []
        return [(v, format_score(v), format_score(v)) for v in whole]

    # -- user actions -------------------------------------------------------------------------

    def _level_clicked(self, value: float) -> None:
        if self.input.locked:
            self._show_value()
            return
        self.input.setFocus(Qt.FocusReason.MouseFocusReason)
        self.input.buffer = ""
        self.input._emit(value)
        self._show_value()

    def _step(self, steps: int) -> None:
        if self.input.locked:
            return
        self.input.setFocus(Qt.FocusReason.MouseFocusReason)
        self.input.buffer = ""
        self.input._emit(self.input.typing.stepped(self.input.value, steps))

    def focus_comment(self) -> None:
        if self.comment.isEnabled():
            self.comment.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.comment.selectAll()

    @property
    def rubric(self) -> QLabel:
        """Every level of the rubric with its descriptor, under the row (hidden at first)."""
        if self._rubric is None:
            self._rubric = QLabel(self.rubric_text)
            self._rubric.setObjectName("rubric")
            self._rubric.setWordWrap(True)
            self._rubric.setTextFormat(Qt.TextFormat.RichText)
            self._rubric.setVisible(False)
            self.grid.addWidget(self._rubric, 3, 0, 1, 2)
        return self._rubric

    def rubric_shown(self) -> bool:
        return self._rubric is not None and self._rubric.isVisible()

    def toggle_rubric(self) -> None:
        self.rubric.setVisible(not self.rubric_shown())

    def _comment_back(self) -> None:
        self.comment_done.emit()
        self.input.setFocus(Qt.FocusReason.OtherFocusReason)

    def _set_current(self, current: bool) -> None:
        """The row being scored stands out (a palette role: light and dark modes alike)."""
        self.setBackgroundRole(
            QPalette.ColorRole.AlternateBase if current else QPalette.ColorRole.Window
        )

    # -- display ------------------------------------------------------------------------------

    def show_score(
        self, value: float | None, comment: str, locked: bool, fresh: bool = True
    ) -> None:
        if fresh or not (self.input.buffer and value == self.input.value):
            self.input.set_value(value)
        self.input.locked = locked
        keep_typing = self.comment.hasFocus() and not (fresh or locked)
        if not keep_typing and self.comment.text() != comment:
            self.comment.setText(comment)
        self.comment.setReadOnly(locked)
        self.comment.setEnabled(value is not None or bool(comment))
        self.comment.setPlaceholderText(
            _("Comment (F2)") if value is not None else _("Score first, then comment")
        )
        self.levels.setEnabled(not locked)
        self.down_button.setEnabled(not locked)
        self.up_button.setEnabled(not locked)
        self._show_value()

    def _show_value(self) -> None:
        self.levels.set_value(self.input.value)
