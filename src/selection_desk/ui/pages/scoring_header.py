"""The head of a juror's workspace on the Scoring page: whose workspace it is, how far the juror
got (final reviews, complete drafts), whether the last change is saved, and the way back to
"who is scoring?"; in a juror kit, once every dossier is final, the next step: export the ballot.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from selection_desk.i18n import _
from selection_desk.services.scoring_workspace import QueueItem, QueueStatus, progress_of
from selection_desk.ui.widgets.elided_label import ElidedLabel

PROGRESS_MIN_WIDTH = 140
PROGRESS_MAX_WIDTH = 260


def progress_format(queue: Sequence[QueueItem], criteria: int) -> str:
    """ "{done} / {total} scored", or, when drafts have every one of the ``criteria`` scored,
    how many are final and how many are such complete drafts."""
    progress = progress_of(queue)
    complete_drafts = sum(
        1 for i in queue if i.status is QueueStatus.DRAFT and criteria and i.scored >= criteria
    )
    # A draft with every criterion scored is not final yet: said apart, so that "scored"
    # never hides reviews that do not count.
    if complete_drafts:
        return _("{done} / {total} final, {drafts} complete draft(s)").format(
            done=progress.final, total=progress.total, drafts=complete_drafts
        )
    return _("{done} / {total} scored").format(done=progress.final, total=progress.total)


class WorkspaceHeader(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = ElidedLabel()
        self.title.setObjectName("pageTitle")
        self.progress = QProgressBar()
        self.progress.setObjectName("scoringProgress")
        self.progress.setTextVisible(True)
        self.progress.setMinimumWidth(PROGRESS_MIN_WIDTH)
        self.progress.setMaximumWidth(PROGRESS_MAX_WIDTH)
        # On a narrow window the save state gives way first, then the title ("…", the whole
        # text in the tooltip): the juror's name stays readable longest.
        self.save_state = ElidedLabel(takes_leftover=True)
        self.save_state.setObjectName("saveState")
        self.save_state.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.save_state.setMinimumWidth(80)
        self.title.setMinimumWidth(120)
        self.change_juror_button = QPushButton(_("C&hange juror"))
        self.change_juror_button.setObjectName("changeJuror")
        top = QHBoxLayout(self)
        top.setContentsMargins(0, 0, 0, 0)
        top.setSpacing(8)  # the workspace's spacing: this row sat in its layout
        top.addWidget(self.title)
        top.addSpacing(12)
        top.addWidget(self.progress)
        top.addSpacing(12)
        top.addWidget(self.save_state, 1)
        top.addSpacing(12)
        top.addWidget(self.change_juror_button)

    def show_progress(self, queue: Sequence[QueueItem], criteria: int) -> None:
        """The juror's progress over ``queue`` (a sheet of ``criteria`` criteria)."""
        progress = progress_of(queue)
        self.progress.setMaximum(max(progress.total, 1))
        self.progress.setValue(progress.final)
        self.progress.setFormat(progress_format(queue, criteria))
        # As wide as its text: a clipped "11 / 12 finales, 1 brouillon(s) com…" reads wrong.
        needed = self.progress.fontMetrics().horizontalAdvance(self.progress.text()) + 24
        self.progress.setMinimumWidth(max(PROGRESS_MIN_WIDTH, needed))
        self.progress.setMaximumWidth(max(PROGRESS_MAX_WIDTH, needed))
        self.progress.setToolTip(
            _("{final} final, {draft} draft(s), {unscored} not scored yet").format(
                final=progress.final, draft=progress.draft, unscored=progress.unscored
            )
        )

    def set_saved_state(self, text: str, problem: bool = False, saved: bool = False) -> None:
        """``text`` marked ⚠ for a ``problem``, ✓ once ``saved``; whole in the tooltip."""
        mark = "⚠ " if problem else ("✓ " if saved else "")
        self.save_state.setText(mark + text)
        self.save_state.setProperty("problem", problem)
        self.save_state.setToolTip(text)


def all_final(queue: Sequence[QueueItem]) -> bool:
    """Whether the juror has marked every dossier of ``queue`` final (and has at least one)."""
    progress = progress_of(queue)
    return progress.total > 0 and progress.final == progress.total


BANNER_STYLE = """
QFrame#ballotBanner {
    background: palette(highlight); border-radius: 3px;
}
QFrame#ballotBanner QLabel { color: palette(highlighted-text); }
"""


class BallotBanner(QFrame):
    """Not a dialog: a line under the header, with the button that leads to the next step.

    It does not interrupt the juror who just marked the last dossier final (who may still reread
    one); it stays while every dossier is final, and says where the ballot went once exported."""

    export_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ballotBanner")
        self.setStyleSheet(BANNER_STYLE)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.export_button = QPushButton()
        self.export_button.clicked.connect(self.export_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.export_button)
        self.show_ready()
        self.hide()

    def show_ready(self) -> None:
        self.text.setText(
            _(
                "Every dossier is final: your ballot is ready. Export it, then send the ballot "
                "file to the secretary."
            )
        )
        self.export_button.setText(_("E&xport my ballot…"))

    def show_exported(self, path: Path) -> None:
        self.text.setText(
            _("✓ Ballot exported to {path}. Send this file to the secretary.").format(path=path)
        )
        self.export_button.setText(_("E&xport again…"))
