"""The open campaign, shared by every page of the main window.

Pages read ``session.data`` (the campaign without its scores: pages read those through services)
and ``session.ranking`` (``None`` until the first ranking, computed in the background once the
window shows the campaign) and subscribe to ``data_changed`` / ``ranking_changed``;
``session.changes`` says what kinds of thing the latest refresh brought
(:class:`~selection_desk.services.op_changes.OpChanges`), so a page refreshes only on what it
shows.  Quick user actions (one score, one decision) call services on ``session.store`` from the UI
thread — each is one small transaction — then ``session.changed(kind)``, which re-reads in the
background only the parts of the campaign that depend on that kind of change, re-ranks only when
the ranking may have moved (a decision cannot move it), and signals when done.
Work that grows with the data goes through :meth:`run_task`: it runs in the task runner with the
same store (the window holds the file's only write lock) behind a modal progress dialog with
Cancel, so the UI keeps painting while nobody else touches the connection; on success the session
refreshes what the task's kind of change calls for.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from selection_desk.domain import CampaignData
from selection_desk.errors import SelectionDeskError
from selection_desk.i18n import _
from selection_desk.progress import Progress
from selection_desk.services.op_changes import EVERYTHING, NOTHING, ROUND, OpChanges, changes_of
from selection_desk.storage.store import CampaignStore
from selection_desk.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from selection_desk.aggregation import Ranking, RankingInput

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Ranked:
    """The campaign's ranking (its method, its saved weights, no stability) and the input it was
    computed from: the Ranking page starts its what-ifs from that input rather than reading the
    scores again (on L, a second read took 0.7 s and 40 MB, beside this one)."""

    ranking: Ranking | None = None
    ranking_input: RankingInput | None = None
    error: SelectionDeskError | None = None
    """Why there is no ranking for now (settings half typed…); ``None`` with no ranking: the
    campaign has no criteria yet."""


def _ranked(reader: CampaignStore, data: CampaignData) -> Ranked:
    """A campaign being set up (no criteria yet, settings half typed) simply has no ranking."""
    if not data.criteria:
        return Ranked()
    # The ranking engine (numpy) loads in the worker that first ranks, after the first paint.
    from selection_desk.services.ranking import rank_campaign_keeping_input

    try:
        ranking, ranking_input = rank_campaign_keeping_input(reader)
    except SelectionDeskError as error:
        log.info("no ranking for now", exc_info=True)
        return Ranked(error=error)
    return Ranked(ranking, ranking_input)


@dataclass(frozen=True)
class _Refresh:
    """What a refresh asks the worker for: the kinds of change to re-read, and whether to rank."""

    changes: OpChanges
    rank: bool
    round: str = ""
    """The session's current round when asked: the reader, a store of its own, reads that one."""


def _refreshed(
    reader: CampaignStore, data: CampaignData, refresh: _Refresh
) -> tuple[CampaignData, Ranked | None]:
    """``data`` with the parts ``refresh.changes`` touched read again, and the ranking when asked
    (``None`` otherwise: the caller keeps its own)."""
    changes = refresh.changes
    if changes.rereads_everything:
        data = reader.campaign_data(scores=False)
    else:
        if changes.scores:
            data = replace(data, reviews=reader.reviews())
        if changes.decisions:
            data = replace(data, decisions=reader.decisions())
    return data, _ranked(reader, data) if refresh.rank else None


class CampaignSession(QObject):
    data_changed = Signal()
    changes_applied = Signal(object)
    """With ``data_changed``, the :class:`OpChanges` it brings: for a page that keeps no session."""
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
        self.ranked: Ranked | None = None
        """The latest ranking with its input (or why there is none), for the Ranking page;
        ``None`` until the first ranking lands."""
        self.runner = runner
        self.busy = False
        self.changes = EVERYTHING
        """The kinds of change the latest ``data_changed`` brought (a page may skip the others)."""
        self._generation = 0
        self._pending = _Refresh(NOTHING, rank=False)
        """Asked for since the latest refresh landed: the newest re-read covers them all."""

    @property
    def path(self) -> Any:
        return self.store.path

    def changed(self, changes: OpChanges = EVERYTHING) -> None:
        """Call after a write, with what it changed: the parts of the campaign that depend on it
        are re-read in the background (a large campaign takes seconds to read), the ranking only
        when it may have moved; only the newest of overlapping re-reads is kept, and it covers
        what the ones it replaces were asked for."""
        self._refresh(_Refresh(changes, rank=changes.affects_ranking))

    def use_round(self, code: str | None) -> None:
        """Show round ``code`` (``None``: the store's default, the first open round): every page
        refreshes what belongs to a round."""
        self.store.use_round(code)
        self.changed(ROUND)

    def rerank(self) -> None:
        """Scores written where they are already shown (the scoring page): re-rank only."""
        self._refresh(_Refresh(NOTHING, rank=True))

    def _refresh(self, asked: _Refresh) -> None:
        pending = _Refresh(
            self._pending.changes | asked.changes,
            self._pending.rank or asked.rank,
            self.store.round.code,
        )
        if pending.changes.empty and not pending.rank:
            return
        self._pending = pending
        self._generation += 1
        generation, path, data = self._generation, self.store.path, self.data

        def reread(progress: Progress) -> tuple[CampaignData, Ranked | None]:
            with CampaignStore.open(path, readonly=True) as reader:
                if any(r.code == pending.round for r in reader.rounds()):
                    reader.use_round(pending.round)
                return _refreshed(reader, data, pending)

        self.runner.run(reread, lambda result: self._reread(generation, pending, result))

    @property
    def ranking_pending(self) -> bool:
        """A re-read that re-ranks is under way: ``ranking`` and ``ranked`` are about to change."""
        return self._pending.rank

    def _reread(
        self, generation: int, refresh: _Refresh, result: tuple[CampaignData, Ranked | None]
    ) -> None:
        if generation != self._generation:
            return
        self._pending = _Refresh(NOTHING, rank=False)
        self.data, ranked = result
        if not refresh.changes.empty:
            self.changes = refresh.changes
            self.changes_applied.emit(refresh.changes)
            self.data_changed.emit()
        if refresh.rank:
            self.ranked = ranked or Ranked()
            self.ranking = self.ranked.ranking
            self.ranking_changed.emit()

    def run_task(
        self,
        parent: QWidget,
        label: str,
        work: Callable[[CampaignStore, Progress], Any],
        on_success: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
        changes: OpChanges | None = None,
    ) -> None:
        """Run ``work`` behind a modal progress dialog; on success, refresh what the work changed
        calls for — ``changes``, or when ``None`` what its result says (``op_changes``,
        :func:`~selection_desk.services.op_changes.changes_of`) — then ``on_success``."""
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
            self.changed(changes_of(result) if changes is None else changes)
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
