"""The score sheet: one row per criterion, typed at the keyboard or clicked, and the review.

Keys in a score box (see :mod:`selection_desk.ui.widgets.score_keys` for what digits mean):
digits type a score, ``,`` or ``.`` adds a half point, ←/→ and ↑/↓ move one step down/up,
Home/End go to the bottom/top of the scale, Backspace takes back a digit, Delete clears the score,
Tab/Shift+Tab move between criteria, F2 goes to the criterion's comment (Enter or Esc comes
back), F1 or ``?`` shows the rubric's descriptors, Enter/Shift+Enter go to the next/previous
dossier.  The sheet only *asks*: it emits a signal per change and the page saves it, then shows
the saved sheet with :meth:`ScoreSheetWidget.show_sheet`.  Each criterion is a
:class:`~selection_desk.ui.widgets.criterion_row.CriterionRow`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from selection_desk.domain import Criterion
from selection_desk.i18n import _, format_number
from selection_desk.services.scoring_workspace import ScoreSheet
from selection_desk.ui.widgets.criterion_row import CriterionRow, ScoreInput

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


class OverallCommentEdit(QPlainTextEdit):
    left = Signal()

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusOutEvent(event)
        self.left.emit()


class ScoreSheetWidget(QWidget):
    """Rows of criteria, the running total, the private overall comment, the feedback for the
    applicant, confidence, final/reopen."""

    score_changed = Signal(str, float)
    score_cleared = Signal(str)
    comment_edited = Signal(str, str)
    comment_done = Signal()
    overall_comment_edited = Signal(str)
    feedback_edited = Signal(str)
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

        self.overall = self._review_text(
            "overallComment",
            _("Overall comment on this dossier, for the committee only (never sent)"),
            _("Overall comment"),
        )
        self.overall.textChanged.connect(self._overall_changed)
        # Design §11: what the applicant may read is written apart, and labelled so; it reaches
        # a letter only once the secretary approved it.
        self.feedback = self._review_text(
            "applicantFeedback",
            _("Feedback for the applicant (read and approved by the secretary before any letter)"),
            _("Feedback for the applicant"),
        )
        self.feedback.textChanged.connect(self._feedback_changed)
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
        # Each button keeps its own place when hidden: "Reopen" never appears under the pointer
        # that just clicked "Mark final", so a double-click cannot mark final and reopen at once.
        for button in (self.reopen_button, self.mark_final_button):
            policy = button.sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            button.setSizePolicy(policy)

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
        layout.addWidget(self.feedback)
        layout.addLayout(actions)
        layout.addWidget(self.legend)

    # -- building -----------------------------------------------------------------------------

    def _review_text(self, name: str, placeholder: str, accessible: str) -> OverallCommentEdit:
        """A two-line box for a text on the whole review; leaving it saves what was typed."""
        box = OverallCommentEdit()
        box.setObjectName(name)
        box.setTabChangesFocus(True)
        box.setPlaceholderText(placeholder)
        box.setAccessibleName(accessible)
        box.setFixedHeight(box.fontMetrics().lineSpacing() * 2 + 14)
        box.left.connect(self.comment_done)
        return box

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
            keep_typing = self.feedback.hasFocus() and not (fresh or locked)
            if not keep_typing and self.feedback.toPlainText() != sheet.feedback:
                self.feedback.setPlainText(sheet.feedback)
            self.feedback.setReadOnly(locked)
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

    def _feedback_changed(self) -> None:
        if not self._showing and not self.feedback.isReadOnly():
            self.feedback_edited.emit(self.feedback.toPlainText())

    def _confidence_changed(self, index: int) -> None:
        if not self._showing:
            self.confidence_changed.emit(self.confidence.itemData(index))
