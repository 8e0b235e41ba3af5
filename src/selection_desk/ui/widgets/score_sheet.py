"""The score sheet: one row per criterion, typed at the keyboard or clicked, and the review.

Keys in a score box (see :mod:`selection_desk.ui.widgets.score_keys` for what digits mean):
digits type a score, ``,`` or ``.`` adds a half point, ←/→ and ↑/↓ move one step down/up,
Home/End go to the bottom/top of the scale, Backspace takes back a digit, Delete clears the score,
Tab/Shift+Tab move between criteria, F2 goes to the criterion's comment (Enter or Esc comes
back), F1 or ``?`` shows the rubric's descriptors, Enter/Shift+Enter go to the next/previous
dossier.  The sheet only *asks*: it emits a signal per change and the page saves it, then shows
the saved sheet with :meth:`ScoreSheetWidget.show_sheet`.
"""

from __future__ import annotations

import functools
import html
import math

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QFont, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from selection_desk.domain import Criterion
from selection_desk.i18n import _, current_language, format_number
from selection_desk.services.scoring_workspace import ScoreSheet
from selection_desk.ui.widgets.level_bar import Level, LevelBar
from selection_desk.ui.widgets.score_keys import ScoreTyping

MAX_VALUE_BUTTONS = 11
"""A criterion without rubric levels gets a button per whole value when it has at most this many."""

STYLE = """
QFrame#criterionRow { border-bottom: 1px solid palette(midlight); }
QLineEdit#scoreInput { font-size: 14pt; font-weight: 600; }
QLineEdit#scoreInput[pending="true"] { font-style: italic; }
QLabel#criterionTitle { font-weight: 600; }
QLabel#sheetTotal { font-size: 13pt; font-weight: 600; }
QLabel#finalBanner {
    background: palette(highlight); color: palette(highlighted-text);
    padding: 4px 8px; border-radius: 3px;
}
"""


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


class OverallCommentEdit(QPlainTextEdit):
    left = Signal()

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


class ScoreSheetWidget(QWidget):
    """Rows of criteria, the running total, the overall comment, confidence, final/reopen."""

    score_changed = Signal(str, float)
    score_cleared = Signal(str)
    comment_edited = Signal(str, str)
    comment_done = Signal()
    overall_comment_edited = Signal(str)
    confidence_changed = Signal(object)
    mark_final_requested = Signal()
    reopen_requested = Signal()
    dossier_requested = Signal(int)
    refused = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(STYLE)
        self.rows: dict[str, CriterionRow] = {}
        self._criteria: tuple[Criterion, ...] | None = None
        self.sheet: ScoreSheet | None = None

        self.total = QLabel()
        self.total.setObjectName("sheetTotal")
        self.total_detail = QLabel()
        self.total_detail.setObjectName("hint")
        header = QHBoxLayout()
        header.addWidget(self.total)
        header.addStretch(1)
        header.addWidget(self.total_detail)

        self.rows_widget = QWidget()
        self.rows_layout = QVBoxLayout(self.rows_widget)
        self.rows_layout.setContentsMargins(0, 0, 0, 0)
        self.rows_layout.setSpacing(0)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(self.rows_widget)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        self.overall = OverallCommentEdit()
        self.overall.setObjectName("overallComment")
        self.overall.setTabChangesFocus(True)
        self.overall.setPlaceholderText(_("Overall comment on this dossier"))
        self.overall.setAccessibleName(_("Overall comment"))
        line = self.overall.fontMetrics().lineSpacing()
        self.overall.setFixedHeight(line * 2 + 14)
        self.overall.textChanged.connect(self._overall_changed)
        self.overall.left.connect(self.comment_done)
        self._showing = False

        self.confidence = QComboBox()
        self.confidence.setObjectName("confidence")
        self.confidence.addItem(_("Confidence: not said"), None)
        for level in range(1, 6):
            self.confidence.addItem(_("Confidence: {level} / 5").format(level=level), level)
        self.confidence.setToolTip(
            _("How sure you are of this review (used only by the confidence-weighted mean)")
        )
        self.confidence.currentIndexChanged.connect(self._confidence_changed)

        self.final_banner = QLabel(_("Final review. Reopen it to change it."))
        self.final_banner.setObjectName("finalBanner")
        self.final_banner.setWordWrap(True)
        self.mark_final_button = QPushButton(_("&Mark final"))
        self.mark_final_button.setObjectName("markFinal")
        self.mark_final_button.setToolTip(
            _("Every criterion is scored: mark the review final (Ctrl+Enter)")
        )
        self.mark_final_button.clicked.connect(self.mark_final_requested)
        self.reopen_button = QPushButton(_("&Reopen"))
        self.reopen_button.setObjectName("reopen")
        self.reopen_button.setToolTip(
            _("Turn this final review back into a draft (recorded in the audit log)")
        )
        self.reopen_button.clicked.connect(self.reopen_requested)
        self.state = QLabel()
        self.state.setObjectName("sheetState")
        self.state.setWordWrap(True)

        actions = QHBoxLayout()
        actions.addWidget(self.confidence)
        actions.addStretch(1)
        actions.addWidget(self.reopen_button)
        actions.addWidget(self.mark_final_button)

        self.legend = QLabel(
            _(
                "Digits: score · , or . : half point · ←/→: one step · Tab: next criterion · "
                "F2: comment · F1: rubric · Enter: next dossier · Ctrl+Enter: mark final"
            )
        )
        self.legend.setObjectName("hint")
        self.legend.setWordWrap(True)
        small = QFont(self.legend.font())
        small.setPointSizeF(max(small.pointSizeF() * 0.9, 7.0))
        self.legend.setFont(small)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(header)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(self.final_banner)
        layout.addWidget(self.state)
        layout.addWidget(self.overall)
        layout.addLayout(actions)
        layout.addWidget(self.legend)

    # -- building -----------------------------------------------------------------------------

    def set_criteria(self, criteria: tuple[Criterion, ...]) -> None:
        self.sheet = None
        if criteria == self._criteria:
            return  # the same grid (another juror, the same campaign): keep the rows
        self._criteria = criteria
        for row in self.rows.values():
            row.setParent(None)
            row.deleteLater()
        self.rows = {}
        while self.rows_layout.count():
            self.rows_layout.takeAt(0)
        total_weight = sum(c.weight for c in criteria) or 1.0
        previous: QWidget | None = None
        for criterion in criteria:
            row = CriterionRow(criterion, 100 * criterion.weight / total_weight)
            row.value_chosen.connect(self.score_changed)
            row.clear_requested.connect(self.score_cleared)
            row.comment_edited.connect(self.comment_edited)
            row.comment_done.connect(self.comment_done)
            row.input.dossier_requested.connect(self.dossier_requested)
            row.input.refused.connect(self.refused)
            row.input.focus_changed.connect(lambda focused, r=row: self._row_focused(r, focused))
            self.rows_layout.addWidget(row)
            self.rows[criterion.code] = row
            if previous is not None:
                QWidget.setTabOrder(previous, row.input)
            QWidget.setTabOrder(row.input, row.comment)
            previous = row.comment
        self.rows_layout.addStretch(1)
        if previous is not None:
            QWidget.setTabOrder(previous, self.overall)
        QWidget.setTabOrder(self.overall, self.confidence)
        QWidget.setTabOrder(self.confidence, self.mark_final_button)
        QWidget.setTabOrder(self.mark_final_button, self.reopen_button)

    def criteria_codes(self) -> tuple[str, ...]:
        return tuple(self.rows)

    def input(self, code: str) -> ScoreInput:
        return self.rows[code].input

    # -- showing ------------------------------------------------------------------------------

    def needed_width(self) -> int:
        """The width at which the criteria rows show without a horizontal scroll bar."""
        rows = self.rows_widget.minimumSizeHint().width()
        bar = self.scroll_area.verticalScrollBar().sizeHint().width()
        return max(self.minimumSizeHint().width(), rows + bar + 2 * self.scroll_area.frameWidth())

    def show_sheet(self, sheet: ScoreSheet) -> None:
        """Show ``sheet``; on the same dossier, leaves alone the text the juror is typing."""
        fresh = self.sheet is None or self.sheet.dossier != sheet.dossier
        self.sheet = sheet
        locked = sheet.final
        self._showing = True
        try:
            for criterion in sheet.criteria:
                row = self.rows.get(criterion.code)
                if row is not None:
                    row.show_score(
                        sheet.value(criterion.code), sheet.comment(criterion.code), locked, fresh
                    )
            keep_typing = self.overall.hasFocus() and not (fresh or locked)
            if not keep_typing and self.overall.toPlainText() != sheet.overall_comment:
                self.overall.setPlainText(sheet.overall_comment)
            self.overall.setReadOnly(locked)
            index = self.confidence.findData(sheet.confidence)
            self.confidence.setCurrentIndex(max(index, 0))
            self.confidence.setEnabled(not locked)
        finally:
            self._showing = False
        self._show_state(sheet)

    def _show_state(self, sheet: ScoreSheet) -> None:
        scored = len(sheet.criteria) - len(sheet.missing)
        count = len(sheet.criteria)
        if sheet.complete:
            self.total.setText(
                _("Weighted total {total} / 100").format(
                    total=format_number(sheet.running_total, 1)
                )
            )
        else:
            self.total.setText(
                _("Total so far {total} / 100").format(total=format_number(sheet.running_total, 1))
            )
        self.total_detail.setText(
            _("{scored} of {count} criteria scored").format(scored=scored, count=count)
        )
        self.final_banner.setVisible(sheet.final)
        self.reopen_button.setVisible(sheet.final)
        self.mark_final_button.setVisible(not sheet.final)
        self.mark_final_button.setEnabled(sheet.complete)
        if sheet.final:
            self.state.setText("")
        elif sheet.complete:
            self.state.setText(
                _("Every criterion is scored: mark the review final when you are sure.")
            )
        else:
            self.state.setText(
                _("Draft: {missing} criterion(s) left to score.").format(missing=len(sheet.missing))
            )
        self.state.setVisible(bool(self.state.text()))

    def focus_criterion(self, code: str | None = None) -> None:
        """Focus ``code``'s score box, or the first one not scored yet (else the first)."""
        if not self.rows:
            return
        if code is None and self.sheet is not None:
            missing = [c for c in self.sheet.missing if c in self.rows]
            code = missing[0] if missing else None
        row = self.rows.get(code) if code else next(iter(self.rows.values()))
        if row is not None:
            row.input.setFocus(Qt.FocusReason.OtherFocusReason)
            self.scroll_area.ensureWidgetVisible(row)

    def _row_focused(self, row: CriterionRow, focused: bool) -> None:
        if focused:
            self.scroll_area.ensureWidgetVisible(row, 0, 24)

    def current_criterion(self) -> str | None:
        for code, row in self.rows.items():
            if row.input.hasFocus() or row.comment.hasFocus():
                return code
        return None

    # -- signals ------------------------------------------------------------------------------

    def _overall_changed(self) -> None:
        if not self._showing and not self.overall.isReadOnly():
            self.overall_comment_edited.emit(self.overall.toPlainText())

    def _confidence_changed(self, index: int) -> None:
        if not self._showing:
            self.confidence_changed.emit(self.confidence.itemData(index))
