"""The head of a juror's workspace on the Scoring page: whose workspace it is, how far the juror
got (final reviews, complete drafts), whether the last change is saved, and the way back to
"who is scoring?".
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QPushButton, QWidget

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
