"""The audited draw's dialog in the deliberation: the GUI twin of ``selection-desk draw``.

It shows the cut-off zone and the places left (or the one sentence that refuses the draw: rules
that do not allow it, an empty zone, no place left), takes the seed text agreed in the meeting and
draws through :func:`selection_desk.services.draw.draw_places`, which records the draw in the audit
log exactly as the command does.  The result comes with its inputs and the procedure, so that the
committee can read out how anyone recomputes it.  Both steps rank with a bootstrap: they run in
the session's task runner, behind its modal progress dialog.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from selection_desk.domain.lottery import DrawRecord
from selection_desk.errors import InvalidInput
from selection_desk.i18n import _, format_number
from selection_desk.reports.robustness_text import refs_text
from selection_desk.services.draw import DrawPlan, draw_places, plan_draw
from selection_desk.services.op_changes import NOTHING
from selection_desk.ui import messages
from selection_desk.ui.session import CampaignSession


def plan_text(plan: DrawPlan) -> str:
    """The zone, what lies outside it and the places left, in plain words."""
    zone = plan.zone
    return "\n".join(
        [
            _(
                "Cut-off zone (statistically indistinguishable at the line; B = {resamples}, "
                "seed {seed}): {refs}."
            ).format(
                resamples=format_number(zone.resamples, 0),
                seed=zone.seed,
                refs=refs_text(zone.refs),
            ),
            _("Selected outside the zone: {refs}.").format(refs=refs_text(plan.secured)),
            _("Places left to draw among the zone: {left} of {places}.").format(
                left=plan.places_left, places=zone.places
            ),
        ]
    )


def result_text(record: DrawRecord) -> str:
    """The draw, its inputs and the procedure: what the minutes' annex prints."""
    return "\n".join(
        [
            _("Drawn: {refs}.").format(refs=refs_text(record.drawn)),
            _("Seed text: {text}").format(text=record.seed_text),
            _("Audit head before the draw: {head}").format(head=record.audit_head),
            _("Seed (SHA-256): {seed}").format(seed=record.seed),
            _("Zone drawn among: {refs}; places drawn: {drawn}.").format(
                refs=refs_text(record.zone), drawn=record.places_drawn
            ),
            _("Procedure: {procedure}").format(procedure=_(record.procedure)),
            _(
                "The draw is recorded in the audit log and printed in the minutes; anyone can "
                "recompute it (manual: “Recompute a draw”). Now record each outcome, citing the "
                "draw in the rationale."
            ),
        ]
    )


class DrawDialog(QDialog):
    """Call :meth:`start` to compute the zone (in the runner), then the user draws."""

    def __init__(self, session: CampaignSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.record: DrawRecord | None = None
        self.setWindowTitle(_("Audited draw"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        intro = QLabel(
            _(
                "Where the committee's rules allow it, the places left are drawn among the "
                "dossiers statistically indistinguishable at the line. The seed comes from a "
                "text agreed in the meeting and the audit log's head, so that anyone can redo "
                "the draw."
            )
        )
        intro.setWordWrap(True)
        self.plan = QLabel(_("Computing the cut-off zone…"))
        self.plan.setObjectName("drawPlan")
        self.plan.setWordWrap(True)
        self.plan.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.seed_text = QLineEdit()
        self.seed_text.setObjectName("drawSeedText")
        self.seed_text.setPlaceholderText(_("e.g. the date and a number read out in the meeting"))
        self.seed_text.textChanged.connect(self._update_button)
        form = QFormLayout()
        form.addRow(_("&Seed text agreed in the meeting:"), self.seed_text)
        self.result_view = QPlainTextEdit()
        self.result_view.setObjectName("drawResult")
        self.result_view.setReadOnly(True)
        self.result_view.setAccessibleName(_("The draw's result"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.draw_button = QPushButton(_("&Draw"))
        buttons.addButton(self.draw_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.draw_button.clicked.connect(self.draw)
        for widget in (intro, self.plan):
            layout.addWidget(widget)
        layout.addLayout(form)
        layout.addWidget(self.result_view, 1)
        layout.addWidget(buttons)
        self._ready = False
        self._update_button()

    def start(self) -> None:
        """Compute the zone and the places left (or the refusal) in the runner."""
        self.session.run_task(
            self,
            _("Computing the cut-off zone…"),
            lambda store, _progress: plan_draw(store),
            self._planned,
            self._refused,
            changes=NOTHING,
        )

    def _planned(self, plan: DrawPlan) -> None:
        self.plan.setText(plan_text(plan))
        self._ready = True
        self._update_button()

    def _refused(self, error: BaseException) -> None:
        """One sentence says why there is no draw; nothing can be drawn from this dialog."""
        self.plan.setText(messages.error_text(error))
        self._ready = False
        self.seed_text.setEnabled(False)
        self._update_button()

    def _update_button(self) -> None:
        self.draw_button.setEnabled(
            self._ready and self.record is None and bool(self.seed_text.text().strip())
        )

    def draw(self) -> None:
        """Draw with the seed text typed (once per dialog: a second draw is a new decision)."""
        text = self.seed_text.text()
        self.draw_button.setEnabled(False)
        self.session.run_task(
            self,
            _("Drawing…"),
            lambda store, _progress: draw_places(store, text),
            self._drawn,
            self._draw_failed,
            changes=NOTHING,
        )

    def _drawn(self, record: DrawRecord) -> None:
        self.record = record
        self.seed_text.setReadOnly(True)
        self.result_view.setPlainText(result_text(record))
        self._update_button()

    def _draw_failed(self, error: BaseException) -> None:
        if isinstance(error, InvalidInput):
            self._refused(error)
        else:
            messages.show_error(self, _("Audited draw"), error)
            self._update_button()
