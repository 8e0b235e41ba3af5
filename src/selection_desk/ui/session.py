"""The open campaign, shared by every page of the main window.

Pages read ``session.data`` and ``session.ranking`` and subscribe to ``data_changed`` /
``ranking_changed``.  Quick user actions (one score, one decision) call services on
``session.store`` from the UI thread — each is one small transaction — then ``session.changed()``,
which re-reads and re-ranks in the background and signals when done.
Work that grows with the data goes through :meth:`run_task`: it runs in the task runner with the
same store (the window holds the file's only write lock) behind a modal progress dialog with
Cancel, so the UI keeps painting while nobody else touches the connection; on success the session
re-reads the campaign and re-ranks in the background.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from selection_desk.aggregation import Ranking
from selection_desk.domain import CampaignData
from selection_desk.errors import SelectionDeskError
from selection_desk.i18n import _
from selection_desk.progress import Progress
from selection_desk.services.ranking import rank_campaign
from selection_desk.storage.store import CampaignStore
from selection_desk.ui.tasks import TaskRunner

log = logging.getLogger(__name__)


def _ranking_or_none(reader: CampaignStore, data: CampaignData | None = None) -> Ranking | None:
    """A campaign being set up (no criteria yet, settings half typed) simply has no ranking."""
    criteria = data.criteria if data is not None else reader.criteria()
    if not criteria:
        return None
    try:
        return rank_campaign(reader)
    except SelectionDeskError:
        log.info("no ranking for now", exc_info=True)
        return None


def _rank_in_worker(store: CampaignStore) -> Callable[[Progress], Ranking | None]:
    path = store.path

    def work(progress: Progress) -> Ranking | None:
        with CampaignStore.open(path, readonly=True) as reader:
            return _ranking_or_none(reader)

    return work


class CampaignSession(QObject):
    data_changed = Signal()
    ranking_changed = Signal()

    def __init__(
        self,
        store: CampaignStore,
        data: CampaignData,
        ranking: Ranking | None,
        runner: TaskRunner,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.data = data
        self.ranking = ranking
        self.runner = runner
        self.busy = False
        self._generation = 0

    @property
    def path(self) -> Any:
        return self.store.path

    def changed(self) -> None:
        """Call after a write: the campaign is re-read and re-ranked in the background (a large
        campaign takes seconds to read); only the newest of overlapping re-reads is kept."""
        self._generation += 1
        generation = self._generation
        path = self.store.path

        def reread(progress: Progress) -> tuple[CampaignData, Ranking | None]:
            with CampaignStore.open(path, readonly=True) as reader:
                data = reader.campaign_data()
                return data, _ranking_or_none(reader, data)

        self.runner.run(reread, lambda result: self._reread(generation, result))

    def _reread(self, generation: int, result: tuple[CampaignData, Ranking | None]) -> None:
        if generation != self._generation:
            return
        self.data, self.ranking = result
        self.data_changed.emit()
        self.ranking_changed.emit()

    def rerank(self) -> None:
        self._generation += 1
        generation = self._generation
        self.runner.run(
            _rank_in_worker(self.store), lambda ranking: self._ranked(generation, ranking)
        )

    def _ranked(self, generation: int, ranking: Ranking | None) -> None:
        if generation != self._generation:
            return
        self.ranking = ranking
        self.ranking_changed.emit()

    def run_task(
        self,
        parent: QWidget,
        label: str,
        work: Callable[[CampaignStore, Progress], Any],
        on_success: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        dialog = QProgressDialog(label, _("Cancel"), 0, 0, parent)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)  # modal at once: no keystroke may reach the store meanwhile
        self.busy = True

        def progress(done: int, total: int, message: str) -> None:
            dialog.setMaximum(total)
            dialog.setValue(done)
            if message:
                dialog.setLabelText(message)

        def finished() -> None:
            self.busy = False
            dialog.reset()
            dialog.deleteLater()

        def succeeded(result: Any) -> None:
            finished()
            self.changed()
            on_success(result)

        def failed(error: BaseException) -> None:
            finished()
            on_error(error)

        handle = self.runner.run(
            lambda p: work(self.store, p),
            succeeded,
            failed,
            on_progress=progress,
            on_cancel=finished,
        )
        dialog.canceled.connect(handle.cancel)

    def close(self) -> None:
        self.store.close()
