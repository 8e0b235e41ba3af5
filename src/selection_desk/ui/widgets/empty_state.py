"""What a page shows where its table would be while there is nothing to list: why, in plain words,
and one button to the next step (issue 20: empty states say what to do next).

:func:`step_before_ranking` says what a campaign lacks before it can be ranked; the Ranking and
Deliberation pages show it, and their button takes the user there (the page emits
``next_step_requested(page, tab)``, which the window follows).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from selection_desk.domain import SCORING_ROLES, CampaignData
from selection_desk.i18n import _

if TYPE_CHECKING:
    from selection_desk.aggregation import Ranking


@dataclass(frozen=True)
class NextStep:
    text: str
    button: str
    page: str
    """A name of ``ui.phases.PHASES``."""
    tab: str = ""
    """On the Campaign page, the set-up tab (``ui.pages.campaign.SETUP_TABS``)."""


def step_before_ranking(data: CampaignData, ranking: Ranking | None) -> NextStep | None:
    """What the campaign lacks before it can be ranked (None: nothing, the ranking is coming).

    ``data`` comes without its scores (the session holds none): whether any juror has scored is
    read from ``ranking`` once it has arrived (``None``: not yet, nothing is said about scores)."""
    if not data.dossiers:
        return NextStep(
            _("No dossiers yet: import the applications, then the jurors can score them."),
            _("Import the applications…"),
            "dossiers",
        )
    if not any(juror.role in SCORING_ROLES for juror in data.jurors):
        return NextStep(
            _("No jurors yet: add the committee, then the jurors can score the dossiers."),
            _("Add the jurors…"),
            "campaign",
            "jurors",
        )
    if ranking is not None and not any(entry.jurors for entry in ranking.entries):
        return NextStep(
            _(
                "No scores yet: the jurors score on the Scoring page, or on their own laptops "
                "with a juror kit (File ▸ Make juror kits…) whose ballots you merge here "
                "(File ▸ Merge ballots…)."
            ),
            _("Go to scoring"),
            "scoring",
        )
    return None


class EmptyState(QWidget):
    """A centred sentence and its button; ``clicked`` when the button is pressed, and, when it
    shows a :class:`NextStep`, ``next_step_requested(page, tab)``."""

    clicked = Signal()
    next_step_requested = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("emptyState")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text.setMaximumWidth(640)
        self.button = QPushButton()
        self.button.clicked.connect(self._clicked)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.text, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(8)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        self.step: NextStep | None = None

    def show_text(self, text: str, button: str) -> None:
        self.text.setText(text)
        self.button.setText(button)

    def show_step(self, step: NextStep) -> None:
        self.step = step
        self.show_text(step.text, step.button)

    def show_in_place_of(self, content: QWidget, step: NextStep | None) -> None:
        """Show ``step`` instead of ``content``; with no step, ``content`` again."""
        if step is not None:
            self.show_step(step)
        self.setVisible(step is not None)
        content.setVisible(step is None)

    def _clicked(self) -> None:
        self.clicked.emit()
        if self.step is not None:
            self.next_step_requested.emit(self.step.page, self.step.tab)
