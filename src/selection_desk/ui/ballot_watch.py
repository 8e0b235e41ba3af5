"""The watched folder in the window (the Ranking page's *Ballots* tab, beside the ranking that the
ballots move): "Watch a folder…", and who has scored which dossier.

The secretary points the app at a folder that a sync tool keeps in step with the jurors' laptops
(Syncthing, Nextcloud, a network share) or at a USB stick; each signed ballot that lands there is
merged as ``merge --watch DIR`` merges it (:mod:`selection_desk.services.ballot_watch`), and the
grid of who has scored which dossier follows (rebuilt when the session says scores changed).

Each look at the folder (``scandir``, ``stat``, reading the files ready) runs in the task runner,
never on the UI thread — a network share can take seconds to answer; the merge of what is ready
runs as every merge does (``session.run_task``: the window's one write connection, behind its
progress dialog, a few milliseconds for a ballot).  Looks never overlap: the next is scheduled
when the previous one (and its merge) is done.  The folder is not remembered across sessions
(the folder dialog only starts where it was last pointed); closing the campaign stops the watch.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSettings, QTimer, Signal
from PySide6.QtGui import QAction, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from selection_desk.errors import Cancelled, SelectionDeskError
from selection_desk.i18n import _
from selection_desk.progress import Progress
from selection_desk.services.op_changes import SCORES, OpChanges
from selection_desk.services.review_grid import EMPTY_GRID, ReviewGrid, review_grid
from selection_desk.ui.messages import error_text
from selection_desk.ui.models.review_grid_model import MARKS, ReviewGridModel, state_text
from selection_desk.ui.tasks import LatestOnly, TaskRunner

if TYPE_CHECKING:  # loaded with the first watch: the merge needs cryptography
    from selection_desk.services.ballot_watch import BallotFolder
    from selection_desk.services.merge import BallotSource, MergeReport

    # The window builds this panel at start-up: the storage loads with the first file opened.
    from selection_desk.storage.store import CampaignStore
    from selection_desk.ui.session import CampaignSession

FOLDER_KEY = "ballots/watch_folder"
"""Where the folder dialog starts: the folder last watched."""
MAX_LOG_LINES = 200


GRID_FIT_ROWS = 50
"""The rows the grid's columns are fitted to."""


LOG_LINES = 8
"""The log's height, in lines of its font."""


class WatchLog(QListWidget):
    """The watch's log, newest line first: exactly :data:`LOG_LINES` lines of its font high,
    whatever the font and the scale, scrolled an entry at a time, so that no line of text shows
    cut through (each entry, wrapped, is a whole number of lines: the item views' delegate adds
    no margin above or below its text).  Entries are told apart by alternate row colours."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerItem)
        self._fit()

    def _fit(self) -> None:
        self.setFixedHeight(LOG_LINES * self.fontMetrics().lineSpacing() + 2 * self.frameWidth())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit()


class BallotWatchPanel(QWidget):
    """The watch's controls, its log (one line per ballot merged or refused) and the grid."""

    reported = Signal(list)
    """The lines of the ballots just merged or refused, or not whole yet (for the status bar,
    and tests)."""

    def __init__(
        self, runner: TaskRunner, settings: QSettings | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ballotWatch")
        self._runner = runner
        self._settings = settings
        self._session: CampaignSession | None = None
        self._watched: BallotFolder | None = None
        self._looking = False
        self._grid_work = LatestOnly()
        self._grid_stale = False
        """The campaign's grid is to be built when the panel is next shown."""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._look)

        title = QLabel(_("Ballots arriving"))
        title.setObjectName("sectionTitle")
        self.hint = QLabel(
            _(
                "Point the app at the folder where the jurors' ballots arrive (a folder kept in "
                "step by Syncthing or Nextcloud, a network share, a USB stick): each signed "
                "ballot that lands there is merged, once."
            )
        )
        self.hint.setWordWrap(True)
        self.watch_action = QAction(_("&Watch a folder for ballots…"), self)
        """For the File menu, beside Merge ballots… (the window shows this tab first)."""
        self.choose_button = QPushButton(_("Watch a f&older…"))
        self.choose_button.setObjectName("watchFolder")
        self.choose_button.clicked.connect(self.choose_folder)
        self.toggle_button = QPushButton(_("Watchin&g"))
        self.toggle_button.setObjectName("watchToggle")
        self.toggle_button.setCheckable(True)
        self.toggle_button.setEnabled(False)
        self.toggle_button.setToolTip(_("Pause or resume the watch of the folder"))
        self.toggle_button.toggled.connect(self._toggled)
        self.folder_label = QLabel(_("No folder watched."))
        self.folder_label.setObjectName("watchedFolder")
        self.folder_label.setWordWrap(True)
        self.log = WatchLog()
        self.log.setObjectName("watchLog")
        self.log.setAccessibleName(_("Ballots merged or refused"))
        self.grid_model = ReviewGridModel(self)
        self.grid = QTableView()
        self.grid.setObjectName("reviewGrid")
        self.grid.setAccessibleName(_("Who has scored which dossier"))
        self.grid.setModel(self.grid_model)
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # Sized from the first rows, one line each: fitting 5,000 dossiers x 60 jurors to their
        # contents asked the model for 12 million values, 30 s of the UI thread when L opened.
        self.grid.horizontalHeader().setResizeContentsPrecision(GRID_FIT_ROWS)
        rows = self.grid.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.legend = QLabel(
            "   ".join(f"{MARKS[state]} {state_text(state)}" for state in MARKS if MARKS[state])
        )
        self.legend.setObjectName("hint")
        self.legend.setWordWrap(True)

        buttons = QHBoxLayout()
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.toggle_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self.hint)
        layout.addLayout(buttons)
        layout.addWidget(self.folder_label)
        layout.addWidget(self.log)
        layout.addWidget(self.grid, 1)
        layout.addWidget(self.legend)
        self.set_session(None)

    # -- the campaign -----------------------------------------------------------------------

    def set_session(self, session: CampaignSession | None) -> None:
        """A campaign opened (the grid shows it) or closed (the watch stops)."""
        if self._session is not None:
            self._session.changes_applied.disconnect(self._changes_applied)
        self._watched = None
        self.stop()
        self.log.clear()
        self.folder_label.setText(_("No folder watched."))
        self._session = session
        if session is not None:
            session.changes_applied.connect(self._changes_applied)
        self.grid_model.set_grid(EMPTY_GRID)  # nothing shown of another campaign meanwhile
        self.choose_button.setEnabled(session is not None)
        self.watch_action.setEnabled(session is not None)
        self._refresh_grid()

    def _changes_applied(self, changes: OpChanges) -> None:
        if changes.affects_scoring:
            self._refresh_grid()

    def _refresh_grid(self) -> None:
        """Rebuilt in the task runner (a tenth of a second for 5,000 dossiers and 60 jurors) when
        the panel is shown; while it is hidden (a tab beside the ranking, seldom the current one)
        it is only marked stale, and rebuilt when shown: laying out 5,000 rows anew took up to
        half a second of the UI thread while L opened, for a grid nobody was looking at."""
        session = self._session
        if session is None or not self.isVisible():
            self._grid_work.forget()
            self._grid_stale = session is not None
            return
        self._grid_stale = False
        data = session.data
        self._grid_work.submit(
            self._runner,
            lambda progress: review_grid(data),
            self._grid_built,
            lambda error: self._add_lines([error_text(error)]),
        )

    def _grid_built(self, grid: ReviewGrid) -> None:
        if self._session is not None:
            self.grid_model.set_grid(grid)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self._grid_stale:
            self._refresh_grid()

    # -- the watch --------------------------------------------------------------------------

    @property
    def watching(self) -> bool:
        return self.toggle_button.isChecked()

    def choose_folder(self) -> None:
        folder = self.ask_folder()
        if folder is not None:
            self.watch(folder)

    def ask_folder(self) -> Path | None:
        """The folder dialog (replaced in tests)."""
        start = str(self._settings.value(FOLDER_KEY, "")) if self._settings else ""
        chosen = QFileDialog.getExistingDirectory(self, _("Watch a folder for ballots"), start)
        return Path(chosen) if chosen else None

    def watch(self, folder: Path) -> None:
        """Watch ``folder`` from now on (instead of any other)."""
        from selection_desk.services.ballot_watch import BallotFolder

        if self._session is None:
            return
        self.stop()
        try:
            self._watched = BallotFolder(folder)
        except SelectionDeskError as error:
            self._add_lines([error_text(error)])
            return
        if self._settings is not None:
            self._settings.setValue(FOLDER_KEY, str(folder))
        self.folder_label.setText(_("Folder: {folder}").format(folder=folder))
        self.toggle_button.setEnabled(True)
        self.toggle_button.setChecked(True)

    def stop(self) -> None:
        self.toggle_button.setChecked(False)
        self.toggle_button.setEnabled(self._watched is not None)

    def _toggled(self, on: bool) -> None:
        self._timer.stop()
        if on and self._watched is not None and not self._looking:
            self._look()
        self.toggle_button.setText(_("Watchin&g") if on else _("Pa&used"))

    def _schedule(self) -> None:
        if self.watching and self._watched is not None:
            self._timer.start(round(self._watched.next_look_in() * 1000))

    def _look(self) -> None:
        """One look at the folder, in the task runner; what is ready is merged when it is back."""
        watched = self._watched
        if watched is None or not self.watching:
            return
        self._looking = True
        self._runner.run(
            lambda progress: watched.look(),
            lambda sources: self._looked(watched, sources),
            lambda error: self._failed(watched, error),
        )

    def _looked(self, watched: BallotFolder, sources: list[BallotSource]) -> None:
        session = self._session
        if watched is not self._watched or session is None:
            self._looking = False
            self._schedule()  # another folder chosen meanwhile: its first look
            return
        self._report(watched.not_whole_lines())
        if not sources or session.busy:
            self._looking = False  # busy: the files are offered again at the next look
            self._schedule()
            return

        def merge(store: CampaignStore, progress: Progress) -> list[MergeReport] | None:
            from selection_desk.services.merge import merge_ballot_sources

            try:
                return merge_ballot_sources(store, sources, progress=progress)
            except Cancelled:
                return None  # nothing merged (one transaction)

        session.run_task(
            self.window(),
            _("Merging the ballots…"),
            merge,
            lambda reports: self._merged(watched, reports),
            lambda error: self._failed(watched, error),
            changes=SCORES,
        )

    def _merged(self, watched: BallotFolder, reports: list[MergeReport] | None) -> None:
        self._looking = False
        if reports is None:  # the secretary cancelled the merge: the watch pauses until resumed
            self.toggle_button.setChecked(False)
            return
        if watched is self._watched:
            self._report([report.message() for report in watched.settle(reports)])
        self._schedule()

    def _report(self, lines: list[str]) -> None:
        if lines:
            self._add_lines(lines)
            self.reported.emit(lines)

    def _failed(self, watched: BallotFolder, error: BaseException) -> None:
        """Said once (a full disk would fail every look): the watch pauses until resumed."""
        self._looking = False
        if watched is self._watched:
            self._add_lines([error_text(error)])
            self.toggle_button.setChecked(False)
        self._schedule()

    def _add_lines(self, lines: list[str]) -> None:
        for line in lines:
            self.log.insertItem(0, line)
        while self.log.count() > MAX_LOG_LINES:
            self.log.takeItem(self.log.count() - 1)
