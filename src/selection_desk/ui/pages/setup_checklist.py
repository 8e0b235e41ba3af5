"""The Campaign page's checklist of next steps (criteria, jurors, dossiers, assignments, kits):
each ticks itself when the campaign, as saved, has it — re-read on the kinds of change that can
tick it (issue 20, defect 9)."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from selection_desk.i18n import _
from selection_desk.services.op_changes import OpChanges
from selection_desk.services.setup_checklist import STEP_KEYS, SetupStep, campaign_checklist
from selection_desk.ui.session import CampaignSession

DONE_MARK = "☑"
TODO_MARK = "☐"


class SetupChecklist(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("setupChecklist")
        self.session: CampaignSession | None = None
        self.heading = QLabel(_("Next steps:"))
        self.heading.setObjectName("hint")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.addWidget(self.heading)
        self.step_labels: dict[str, QLabel] = {}
        for key in STEP_KEYS:
            label = QLabel()
            label.setWordWrap(True)
            self.step_labels[key] = label
            layout.addWidget(label, 1)
        self.steps: tuple[SetupStep, ...] = ()

    def set_session(self, session: CampaignSession | None) -> None:
        self.session = session
        if session is not None:
            session.changes_applied.connect(self._changes_applied)
        self.refresh()

    def _changes_applied(self, changes: OpChanges) -> None:
        if changes.setup or changes.dossiers or changes.kits:
            self.refresh()

    def refresh(self) -> None:
        session = self.session
        self.steps = () if session is None else campaign_checklist(session.store, session.data)
        for step in self.steps:
            mark = DONE_MARK if step.done else TODO_MARK
            label = self.step_labels[step.key]
            label.setText(f"{mark} {_(step.label)}")
            label.setAccessibleName(
                (_("Done: {step}") if step.done else _("To do: {step}")).format(step=_(step.label))
            )
        self.setVisible(bool(self.steps))
