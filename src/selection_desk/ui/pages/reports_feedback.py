"""The letters step: the secretary reads each dossier's feedback, edits and approves it.

Opened from the Reports page.  The jurors' feedback is shown without their names ("Juror A",
"Juror B"…, in the jurors' order, as ``services.feedback`` gives it); the approved text is what a
letter prints, and only that (design §11).  Approving or withdrawing calls ``services.feedback``,
which audits it.
"""

from __future__ import annotations

from string import ascii_uppercase

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from selection_desk.errors import SelectionDeskError
from selection_desk.i18n import _
from selection_desk.services.feedback import (
    FeedbackDraft,
    approve_feedback,
    feedback_drafts,
    withdraw_approval,
)
from selection_desk.storage.store import CampaignStore
from selection_desk.ui import messages


def juror_alias(index: int) -> str:
    """ "Juror A", "Juror B"… (then A2, B2… past Z): never a juror's name."""
    letter = ascii_uppercase[index % 26]
    round_ = index // 26
    return _("Juror {letter}").format(letter=letter + (str(round_ + 1) if round_ else ""))


def approval_counts(drafts: list[FeedbackDraft]) -> tuple[int, int]:
    """(approved, pending) dossiers."""
    approved = sum(draft.approved is not None for draft in drafts)
    return approved, len(drafts) - approved


class FeedbackDialog(QDialog):
    """A list of dossiers; for the chosen one, the jurors' feedback and the text to approve."""

    def __init__(self, store: CampaignStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(_("Feedback for the letters"))
        self.resize(1000, 600)
        self.drafts: list[FeedbackDraft] = []
        self.counts = QLabel()
        self.counts.setObjectName("feedbackCounts")
        self.dossiers = QListWidget()
        self.dossiers.setAccessibleName(_("Dossiers"))
        self.dossiers.currentRowChanged.connect(self._show)
        self.jurors_feedback = QLabel()
        self.jurors_feedback.setWordWrap(True)
        self.jurors_feedback.setObjectName("jurorsFeedback")
        self.approved_text = QPlainTextEdit()
        self.approved_text.setAccessibleName(_("Approved feedback"))
        self.approve_button = QPushButton(_("Approve"))
        self.approve_button.clicked.connect(self.approve)
        self.withdraw_button = QPushButton(_("Withdraw the approval"))
        self.withdraw_button.clicked.connect(self.withdraw)
        self._lay_out()
        self.reload()

    def _lay_out(self) -> None:
        detail = QVBoxLayout()
        detail.addWidget(QLabel(_("The jurors' feedback (their names are never shown):")))
        detail.addWidget(self.jurors_feedback)
        detail.addWidget(QLabel(_("The text the letter prints (edit it, then approve it):")))
        detail.addWidget(self.approved_text, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.approve_button)
        buttons.addWidget(self.withdraw_button)
        buttons.addStretch(1)
        detail.addLayout(buttons)
        body = QHBoxLayout()
        body.addWidget(self.dossiers, 1)
        body.addLayout(detail, 2)
        close = QDialogButtonBox()
        # A button of our own: Qt's standard "Close" is not translated in the bundle.
        close.addButton(QPushButton(_("Close")), QDialogButtonBox.ButtonRole.RejectRole)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.counts)
        layout.addLayout(body, 1)
        layout.addWidget(close)

    def reload(self) -> None:
        row = max(self.dossiers.currentRow(), 0)
        self.drafts = feedback_drafts(self.store)
        names = {dossier.ref: dossier.name for dossier in self.store.dossiers()}
        self.dossiers.blockSignals(True)
        self.dossiers.clear()
        for draft in self.drafts:
            state = _("approved") if draft.approved is not None else _("pending")
            self.dossiers.addItem(f"{draft.dossier} — {names.get(draft.dossier, '')} ({state})")
        self.dossiers.blockSignals(False)
        approved, pending = approval_counts(self.drafts)
        self.counts.setText(
            _("{approved} approved, {pending} pending").format(approved=approved, pending=pending)
        )
        if self.drafts:
            self.dossiers.setCurrentRow(min(row, len(self.drafts) - 1))
            self._show(self.dossiers.currentRow())

    def _show(self, row: int) -> None:
        draft = self.drafts[row] if 0 <= row < len(self.drafts) else None
        texts = draft.jurors_feedback if draft else ()
        self.jurors_feedback.setText(
            "\n\n".join(
                _("{juror}: {text}").format(juror=juror_alias(i), text=text)
                for i, text in enumerate(texts)
            )
            or _("No juror wrote a feedback for this dossier.")
        )
        self.approved_text.setPlainText(draft.proposed if draft else "")
        self.approve_button.setEnabled(draft is not None)
        self.withdraw_button.setEnabled(draft is not None and draft.approved is not None)

    def _current(self) -> FeedbackDraft | None:
        row = self.dossiers.currentRow()
        return self.drafts[row] if 0 <= row < len(self.drafts) else None

    def approve(self) -> None:
        draft = self._current()
        if draft is None:
            return
        try:
            approve_feedback(self.store, draft.dossier, self.approved_text.toPlainText())
        except SelectionDeskError as error:  # a text too long: said, nothing written
            messages.show_error(self, _("Approve"), error)
            return
        self.reload()

    def withdraw(self) -> None:
        draft = self._current()
        if draft is not None:
            withdraw_approval(self.store, draft.dossier)
            self.reload()
