"""The main window: phase navigation (design §8), the welcome screen, File, Edit and Help menus, and
the pages."""

from __future__ import annotations

import gc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QEvent, QObject, QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QScreen, QUndoGroup, QUndoStack
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from selection_desk import __version__
from selection_desk.errors import SelectionDeskError
from selection_desk.i18n import _, ngettext
from selection_desk.progress import Progress
from selection_desk.ui import recent_files
from selection_desk.ui.app_icon import app_icon
from selection_desk.ui.ballot_watch import BallotWatchPanel
from selection_desk.ui.help import ShortcutsDialog, open_manual
from selection_desk.ui.messages import error_text, show_error
from selection_desk.ui.offline import JUROR_MODE_PHASES, OfflineActions
from selection_desk.ui.pages.placeholder import PlaceholderPage
from selection_desk.ui.pages.welcome import WelcomePage
from selection_desk.ui.phases import PHASES, shows_pitch_day
from selection_desk.ui.privacy import RetentionPrompt
from selection_desk.ui.round_bar import RoundBar
from selection_desk.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from selection_desk.domain import CampaignData
    from selection_desk.storage.store import CampaignStore
    from selection_desk.ui.pages.campaign import CampaignPage
    from selection_desk.ui.pages.deliberation import DeliberationPage
    from selection_desk.ui.pages.dossiers import DossiersPage
    from selection_desk.ui.pages.hearing import HearingPage
    from selection_desk.ui.pages.ranking import RankingPage
    from selection_desk.ui.pages.reports import ReportsPage
    from selection_desk.ui.pages.scoring import ScoringPage
    from selection_desk.ui.session import CampaignSession

FILE_FILTER = "Selection Desk (*.seldesk)"
ROUND_EDITORS = {
    "scoring": ("sheet_panel",),
    "deliberation": ("form_holder",),
    "campaign": ("criteria_editor", "assignments_editor"),
}
"""Per page, the widgets a closed round makes read-only (attribute names)."""
PREFERRED_SIZE = QSize(1280, 760)
TITLE_BAR_ALLOWANCE = 40
"""Logical pixels kept for the window manager's title bar, which is outside the window's size."""


def opening_size(screen: QScreen | None) -> QSize:
    """The preferred size, shrunk so that the whole window, title bar included, fits on the
    screen's free area (1280×720 minus a task bar is smaller than the preferred size)."""
    if screen is None:
        return PREFERRED_SIZE
    free = screen.availableGeometry().size() - QSize(0, TITLE_BAR_ALLOWANCE)
    return PREFERRED_SIZE.boundedTo(free)


@dataclass(frozen=True)
class LoadedCampaign:
    store: CampaignStore
    data: CampaignData
    """Without the scores (:meth:`CampaignStore.campaign_data`): the ranking is computed after
    the first paint, in the task runner."""


def _load_campaign(path: Path, progress: Progress) -> LoadedCampaign:
    from selection_desk.storage.store import CampaignStore

    store = CampaignStore.open(path)
    try:
        progress.step(1, 2, _("Reading the campaign"))
        data = store.campaign_data(scores=False)
    except BaseException:
        store.close()
        raise
    return LoadedCampaign(store, data)


class _DropsToDossiers(QObject):
    """A file dropped anywhere on the window goes to the Dossiers page (which imports it, or opens a
    campaign file, or merges ballots), built for it if it was never shown."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() not in (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop):
            return False
        return self.window.dossiers_page.eventFilter(watched, event)


def _recent_title(store: CampaignStore) -> tuple[str, str]:
    """What the recent lists call the file: the campaign, and the juror for a kit (its working
    copy's path, a generated name in a hidden folder, means nothing to the juror)."""
    from selection_desk.storage.kits import is_juror_kit, read_kit_identity

    name = store.campaign().name
    identity = read_kit_identity(store) if is_juror_kit(store) else None
    if identity is None:
        return name, str(store.path)
    title = _("{campaign} — juror {juror}").format(campaign=name, juror=identity.juror)
    return title, _("Juror kit")


class MainWindow(QMainWindow):
    PHASES = PHASES  # the page names, shared with the command line's ``gui --page``
    campaign_loaded = Signal(Path)
    """A campaign file (its path) is open and shown."""

    def __init__(self, runner: TaskRunner | None = None, settings: QSettings | None = None) -> None:
        super().__init__()
        self.runner = runner or TaskRunner(self)
        self.settings = settings or QSettings()
        self.session: CampaignSession | None = None
        # Headless (``--screenshot``): a file that cannot be opened is reported, not shown modally.
        self.headless = False
        self.ask_unsaved_decisions: Callable[[int], QMessageBox.StandardButton] = (
            self._ask_unsaved_decisions
        )
        """Asks Save / Discard / Cancel about unrecorded decisions; tests replace it."""
        self.open_error: str | None = None
        self.setWindowTitle(_("Selection Desk"))
        self.setWindowIcon(app_icon())  # the About box shows it too
        self.resize(opening_size(self.screen()))

        self.navigation = QListWidget()
        self.navigation.setObjectName("phaseNavigation")
        self.pages = QStackedWidget()
        self.welcome = WelcomePage()
        # Edit ▸ Undo follows the page shown: the secretary's set-up history on the Campaign page,
        # the juror's own score changes on the Scoring page, nothing elsewhere (a juror's Ctrl+Z
        # must never undo a set-up change).
        self.undo_group = QUndoGroup(self)
        self.undo_stack = QUndoStack(self)
        self.undo_group.addStack(self.undo_stack)
        self.pages.addWidget(self.welcome)
        labels = {
            "campaign": _("Campaign"),
            "dossiers": _("Dossiers"),
            "hearing": _("Pitch day"),
            "scoring": _("Scoring"),
            "ranking": _("Ranking"),
            "deliberation": _("Deliberation"),
            "reports": _("Reports"),
        }
        self.built_pages: dict[str, QWidget] = {}
        """The phase pages built so far: a page is built when first shown (or first asked for),
        so that the window paints without importing nor building the others."""
        for label in labels.values():
            self.navigation.addItem(label)
            self.pages.addWidget(QWidget())  # stands in for the page until it is built
        # Beside the ranking it moves (a tab of the Ranking page, added when the page is built):
        # the ballots arriving, and who has scored what.  It lives as long as the window (a folder
        # may be watched whatever page is shown); until then the ranking's stand-in holds it.
        self.ballot_watch = BallotWatchPanel(self.runner, self.settings)
        self.ballot_watch.setParent(self.pages.widget(self.PHASES.index("ranking") + 1))
        self.setAcceptDrops(True)
        self.installEventFilter(_DropsToDossiers(self))
        # As wide as the longest phase name (not more: at 200 % on a 1920×1080 screen the window
        # has 960 logical pixels).
        self.navigation.ensurePolished()  # the style sheet's font (app.py)
        metrics = self.navigation.fontMetrics()
        widest = max(metrics.horizontalAdvance(label) for label in labels.values())
        self.navigation.setFixedWidth(max(120, widest + 36))  # item padding, frame, a margin
        self.navigation.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.navigation.currentRowChanged.connect(self._show_phase)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        self.round_bar = RoundBar()
        self._round_closed = False
        self.round_bar.read_only_changed.connect(self._show_round_read_only)
        column = QVBoxLayout()
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.round_bar)
        column.addWidget(self.pages, 1)
        layout.addLayout(column, 1)
        self.setCentralWidget(central)

        self._build_menus()
        self.retention = RetentionPrompt(self, self.settings)
        self.offline = OfflineActions(
            self,
            runner=self.runner,
            current_session=lambda: self.session,
            open_file=self.open_file,
            # Looked up at call time: tests record error boxes by replacing this module's function.
            show_error=lambda title, error: show_error(self, title, error),
            insert_before=self.save_copy_action,
            # The Scoring page is built when first shown: looked up when a ballot is exported.
            ballot_exported=lambda path: self.scoring_page.ballot_exported(path),
        )
        # After File ▸ Merge ballots…: its twin for ballots that arrive by themselves.
        watch_action = self.ballot_watch.watch_action
        self.file_menu.insertAction(self.offline.import_sheet_action, watch_action)
        watch_action.triggered.connect(self.watch_ballot_folder)
        self.welcome.new_requested.connect(self.new_campaign)
        self.welcome.open_requested.connect(self.open_dialog)
        self.welcome.demo_requested.connect(self.open_demo)
        self.welcome.recent_requested.connect(self.open_file)
        self._show_welcome()
        self.statusBar().showMessage(_("Ready"))

    # -- construction -----------------------------------------------------------------------

    def _build_page(self, phase: str) -> QWidget:
        """The page of ``phase``; its module is imported here, the first time it is needed."""
        if phase == "campaign":
            from selection_desk.ui.pages.campaign import CampaignPage

            return CampaignPage(undo_stack=self.undo_stack)
        if phase == "dossiers":
            from selection_desk.ui.pages.dossiers import DossiersPage

            return DossiersPage(self.runner, self.settings)
        if phase == "hearing":
            from selection_desk.ui.pages.hearing import HearingPage

            return HearingPage()
        if phase == "scoring":
            from selection_desk.ui.pages.scoring import ScoringPage

            scoring = ScoringPage(settings=self.settings)
            self.undo_group.addStack(scoring.undo_stack)
            return scoring
        if phase == "ranking":
            from selection_desk.ui.pages.ranking import RankingPage

            ranking = RankingPage()
            ranking.details.addTab(self.ballot_watch, _("Ba&llots"))
            return ranking
        if phase == "deliberation":
            from selection_desk.ui.pages.deliberation import DeliberationPage

            return DeliberationPage()
        from selection_desk.ui.pages.reports import ReportsPage

        return ReportsPage()

    def page(self, phase: str) -> QWidget:
        """The page of ``phase`` (a name of ``PHASES``), built on first use and given the open
        campaign."""
        built = self.built_pages.get(phase)
        if built is not None:
            return built
        page = self._build_page(phase)
        self.built_pages[phase] = page
        index = self.PHASES.index(phase) + 1
        shown = self.pages.currentIndex()
        stand_in = self.pages.widget(index)
        self.pages.insertWidget(index, page)
        if stand_in is not None:
            self.pages.removeWidget(stand_in)
            stand_in.deleteLater()
        if shown == index:
            self.pages.setCurrentIndex(index)
        self._wire_page(phase, page)
        set_session = getattr(page, "set_session", None)
        if set_session is not None and self.session is not None:
            set_session(self.session)
        return page

    def _wire_page(self, phase: str, page: QWidget) -> None:
        """Connect a page just built to the window: its empty states' next steps and, on the
        Scoring page, the ballot banner of a juror kit."""
        next_step = getattr(page, "next_step_requested", None)
        if next_step is not None:
            next_step.connect(self.go_to)
        for editor in _round_editors(phase, page):
            editor.setEnabled(not self._round_closed)
        if phase == "scoring":
            scoring = cast("ScoringPage", page)
            # In a juror kit, the banner shown once every dossier is final leads to the ballot.
            scoring.ballot_requested.connect(self.offline.export_ballot)
            scoring.set_ballot_offer(self.offline.juror_mode)

    @property
    def phase_pages(self) -> dict[str, QWidget]:
        """Every phase page, by name (building those not built yet)."""
        return {phase: self.page(phase) for phase in self.PHASES}

    @property
    def campaign_page(self) -> CampaignPage:
        return cast("CampaignPage", self.page("campaign"))

    @property
    def dossiers_page(self) -> DossiersPage:
        return cast("DossiersPage", self.page("dossiers"))

    @property
    def hearing_page(self) -> HearingPage:
        return cast("HearingPage", self.page("hearing"))

    @property
    def scoring_page(self) -> ScoringPage:
        return cast("ScoringPage", self.page("scoring"))

    @property
    def ranking_page(self) -> RankingPage:
        return cast("RankingPage", self.page("ranking"))

    @property
    def deliberation_page(self) -> DeliberationPage:
        return cast("DeliberationPage", self.page("deliberation"))

    @property
    def reports_page(self) -> ReportsPage:
        return cast("ReportsPage", self.page("reports"))

    def _placeholder(self, title: str) -> PlaceholderPage:
        return PlaceholderPage(
            title,
            _("This page is not built yet: it arrives with a later version of Selection Desk."),
        )

    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence.StandardKey | str | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(_("&File"))
        self.file_menu = file_menu
        self.new_action = self._action(
            _("&New campaign…"), self.new_campaign, QKeySequence.StandardKey.New
        )
        self.new_like_action = self._action(_("New &from an earlier call…"), self.new_campaign_like)
        self.open_action = self._action(
            _("&Open…"), self.open_dialog, QKeySequence.StandardKey.Open
        )
        self.recent_menu = file_menu.addMenu(_("Open &recent"))
        file_menu.insertAction(self.recent_menu.menuAction(), self.new_action)
        file_menu.insertAction(self.recent_menu.menuAction(), self.new_like_action)
        file_menu.insertAction(self.recent_menu.menuAction(), self.open_action)
        self.demo_action = self._action(_("Open the &demo campaign"), self.open_demo)
        file_menu.addAction(self.demo_action)
        file_menu.addSeparator()
        self.save_copy_action = self._action(
            _("Save a &copy…"), self.save_copy, QKeySequence.StandardKey.SaveAs
        )
        self.close_action = self._action(
            _("&Close campaign"), self.close_campaign_asked, QKeySequence.StandardKey.Close
        )
        file_menu.addAction(self.save_copy_action)
        file_menu.addAction(self.close_action)
        file_menu.addSeparator()
        file_menu.addAction(self._action(_("&Quit"), self.close, QKeySequence.StandardKey.Quit))
        edit_menu = self.menuBar().addMenu(_("&Edit"))
        self.undo_action = self.undo_group.createUndoAction(self, _("&Undo"))
        self.undo_action.setShortcuts(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_group.createRedoAction(self, _("&Redo"))
        redo_keys = [QKeySequence("Ctrl+Shift+Z")]
        redo_keys += [
            keys
            for keys in QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
            if keys not in redo_keys
        ]
        self.redo_action.setShortcuts(redo_keys)
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        help_menu = self.menuBar().addMenu(_("&Help"))
        self.manual_action = self._action(_("&Manual"), self.open_manual, "F1")
        self.shortcuts_action = self._action(_("&Keyboard shortcuts"), self.show_shortcuts)
        help_menu.addAction(self.manual_action)
        help_menu.addAction(self.shortcuts_action)
        self.show_demo_action = self._action(_("Show the &demo campaign"), self.open_demo)
        help_menu.addAction(self.show_demo_action)
        help_menu.addSeparator()
        help_menu.addAction(self._action(_("&About Selection Desk"), self._about))
        self._refresh_recent()

    def _refresh_recent(self) -> None:
        entries = recent_files.recent_entries(self.settings)
        self.recent_menu.clear()
        for entry in entries:
            action = self.recent_menu.addAction(entry.title)
            action.setToolTip(str(entry.path))
            action.triggered.connect(lambda _checked=False, p=entry.path: self.open_file(p))
        self.recent_menu.setEnabled(bool(entries))
        self.welcome.set_recent_files(entries)

    # -- navigation -------------------------------------------------------------------------

    def _show_welcome(self) -> None:
        self.navigation.setEnabled(False)
        self.navigation.clearSelection()
        self.pages.setCurrentWidget(self.welcome)
        self._activate_undo_stack()
        self.save_copy_action.setEnabled(False)
        self.close_action.setEnabled(False)

    def _show_phase(self, row: int) -> None:
        if row >= 0:
            self.page(self.PHASES[row])
            self.pages.setCurrentIndex(row + 1)
        self._activate_undo_stack()

    def _activate_undo_stack(self) -> None:
        phase = self.current_page_name()
        stack: QUndoStack | None = None
        if phase == "campaign":
            stack = self.undo_stack
        elif phase == "scoring":
            stack = self.scoring_page.undo_stack
        # No stack (None) for the other pages: Qt takes a null stack; the PySide6 stubs omit None.
        self.undo_group.setActiveStack(stack)  # type: ignore[arg-type]

    def show_phase(self, phase: str) -> None:
        self.navigation.setCurrentRow(self.PHASES.index(phase))

    def go_to(self, phase: str, tab: str = "") -> None:
        """Show ``phase`` (and on the Campaign page its set-up ``tab``): an empty state's next
        step."""
        self.show_phase(phase)
        if tab:
            self.campaign_page.show_tab(tab)

    def watch_ballot_folder(self) -> None:
        """File ▸ Watch a folder for ballots…: the Ranking page's Ballots tab, then the folder."""
        self.show_phase("ranking")
        self.ranking_page.show_details_tab(self.ballot_watch)
        self.ballot_watch.choose_folder()

    def current_page_name(self) -> str:
        """The page shown, by its name in ``ui.phases.PAGES``."""
        shown = self.pages.currentWidget()
        for phase, page in self.built_pages.items():
            if page is shown:
                return phase
        return "welcome"

    # -- help -------------------------------------------------------------------------------

    def open_manual(self) -> None:
        open_manual(self, self.current_page_name())

    def show_shortcuts(self) -> None:
        ShortcutsDialog(self).exec()

    # -- campaign files ---------------------------------------------------------------------

    def open_dialog(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, _("Open a campaign"), "", FILE_FILTER)
        if path:
            self.open_file(Path(path))

    @property
    def store(self) -> CampaignStore | None:
        return None if self.session is None else self.session.store

    def round_editors(self) -> tuple[QWidget, ...]:
        """What a closed round makes read-only: score editors, the decision form, the round's
        criteria and assignments (building their pages)."""
        return tuple(
            editor for phase in ROUND_EDITORS for editor in _round_editors(phase, self.page(phase))
        )

    def _show_round_read_only(self, closed: bool) -> None:
        self._round_closed = closed
        for phase, page in self.built_pages.items():  # a page built later follows in _wire_page
            for editor in _round_editors(phase, page):
                editor.setEnabled(not closed)
        self._show_phases_of_the_round()

    def _show_phases_of_the_round(self) -> None:
        """A kit shows only the juror's phases; the Pitch day page only for a hearing round."""
        juror_mode = self.offline.juror_mode
        for row, phase in enumerate(self.PHASES):
            item = self.navigation.item(row)
            if item is not None:
                hidden = juror_mode and phase not in JUROR_MODE_PHASES
                if phase == "hearing" and not self._shows_pitch_day():
                    hidden = True
                item.setHidden(hidden)

    def _set_session(self, session: CampaignSession | None) -> None:
        """Every page that shows the campaign implements ``set_session(session | None)``."""
        self.session = session
        self.round_bar.set_session(session)
        self.undo_stack.clear()  # the history belongs to the campaign it was made on
        for page in self.built_pages.values():
            set_session = getattr(page, "set_session", None)
            if set_session is not None:
                set_session(session)
        self.ballot_watch.set_session(session)

    def open_file(self, path: Path, phase: str = "ranking") -> None:
        """Opens the campaign on ``phase`` (a new campaign on its set-up); a kit on its juror's
        scoring."""
        if self.session is not None and not self.may_leave_campaign():
            return
        if self.offline.open_sealed_kit(Path(path)):
            return  # unsealed first (passphrase asked), then its working copy is opened
        if self.store is not None and self.store.path.resolve() == Path(path).resolve():
            self.close_campaign()  # reopening: release our own lock first
        self.statusBar().showMessage(_("Opening {name}…").format(name=path.name))
        self.runner.run(
            lambda progress: _load_campaign(path, progress),
            lambda loaded: self._loaded(loaded, phase),
            lambda error: self._open_failed(path, error),
        )
        if not self.runner.synchronous:
            # The page to show is built while the file is read: the UI thread waits meanwhile.
            QTimer.singleShot(0, lambda: self.page(phase))

    def _open_failed(self, path: Path, error: BaseException) -> None:
        self.statusBar().showMessage(_("Could not open {name}").format(name=path.name))
        if self.headless:
            self.open_error = error_text(error)
            return
        show_error(self, _("Open a campaign"), error)

    def _loaded(self, loaded: LoadedCampaign, phase: str = "ranking") -> None:
        self.close_campaign()
        from selection_desk.ui.session import CampaignSession

        session = CampaignSession(loaded.store, loaded.data, None, self.runner, self)
        self._set_session(session)
        self.setWindowTitle(
            _("{campaign} — Selection Desk").format(campaign=loaded.data.campaign.name)
        )
        recent_files.remember(loaded.store.path, self.settings, *_recent_title(loaded.store))
        self._refresh_recent()
        self.navigation.setEnabled(True)
        self.save_copy_action.setEnabled(True)
        self.close_action.setEnabled(True)
        self.show_phase(phase)
        self.offline.campaign_opened(loaded.store)
        self._show_juror_mode(loaded.store)
        if not (self.headless or self.offline.juror_mode):
            self.retention.campaign_opened(session)
        self.statusBar().showMessage(_("Opened {path}").format(path=loaded.store.path), 5000)
        session.rerank()  # after the first paint, in the task runner: the page is usable meanwhile
        # The campaign just read lives as long as it is open: kept out of the collector's full
        # passes, which otherwise walk its few hundred thousand objects to free none of them
        # (70-160 ms of the UI thread at a time on 5,000 dossiers).  Freed on close (unfreeze).
        gc.freeze()
        self.campaign_loaded.emit(loaded.store.path)

    def _show_juror_mode(self, store: CampaignStore) -> None:
        """A juror kit shows only the juror's scoring workspace; a campaign file every phase."""
        juror_mode = self.offline.juror_mode
        if "scoring" in self.built_pages:  # otherwise given when the page is built
            self.scoring_page.set_ballot_offer(juror_mode)
        # A kit takes no ballots.  Otherwise the panel shows only as the current tab beside the
        # ranking: shown over the other tabs' stack, it built its grid for nobody to see.
        self.ballot_watch.setVisible(not juror_mode and self._ballots_tab_current())
        self.ballot_watch.watch_action.setVisible(not juror_mode)
        if juror_mode:
            self.ballot_watch.set_session(None)
        self._show_phases_of_the_round()
        if juror_mode:
            from selection_desk.services.kits import kit_juror  # cryptography: with a kit only

            self.show_phase("scoring")
            self.setWindowTitle(
                _("{campaign} — juror {juror} — Selection Desk").format(
                    campaign=store.campaign().name, juror=kit_juror(store)
                )
            )

    def _ballots_tab_current(self) -> bool:
        ranking = self.built_pages.get("ranking")
        if ranking is None:
            return False
        return cast("RankingPage", ranking).details.currentWidget() is self.ballot_watch

    def _shows_pitch_day(self) -> bool:
        return shows_pitch_day(self.session)

    def may_leave_campaign(self) -> bool:
        """Before quitting, closing or opening another file: decisions typed in the
        Deliberation page but not recorded are saved or discarded as the user says, or the
        user stays (Cancel)."""
        if "deliberation" not in self.built_pages:
            return True  # never shown: nothing typed
        unsaved = self.deliberation_page.unsaved_decisions()
        if not unsaved:
            return True
        answer = self.ask_unsaved_decisions(len(unsaved))
        if answer == QMessageBox.StandardButton.Save:
            return self.deliberation_page.record_drafts()
        return answer == QMessageBox.StandardButton.Discard

    def _ask_unsaved_decisions(self, count: int) -> QMessageBox.StandardButton:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            _("Decisions not recorded"),
            ngettext(
                "The decision on {count} dossier is typed but not recorded yet.",
                "The decisions on {count} dossiers are typed but not recorded yet.",
                count,
            ).format(count=count),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setInformativeText(_("Record them before leaving this campaign?"))
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        return QMessageBox.StandardButton(box.exec())

    def close_campaign_asked(self) -> None:
        """File ▸ Close campaign: unrecorded decisions are asked about first."""
        if self.may_leave_campaign():
            self.close_campaign()

    def close_campaign(self) -> None:
        if self.session is not None:
            session = self.session
            self._set_session(None)
            session.close()
            session.deleteLater()
            gc.unfreeze()  # what the campaign left in cycles is collected again
        self.setWindowTitle(_("Selection Desk"))
        self._show_welcome()

    def open_demo(self) -> None:
        from selection_desk.demo import build_demo_file, default_demo_file

        self.close_campaign()
        self.statusBar().showMessage(_("Building the demo campaign…"))
        self.runner.run(
            lambda progress: build_demo_file(default_demo_file()),
            self.open_file,
            lambda error: show_error(self, _("Open the demo campaign"), error),
        )

    def new_campaign(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(self, _("New campaign"), "", FILE_FILTER)
        if not path:
            return
        target = Path(path).with_suffix(".seldesk")
        name, ok = QInputDialog.getText(self, _("New campaign"), _("Name of the campaign:"))
        if not ok or not name.strip():
            return

        def create(progress: Progress) -> Path:
            from selection_desk.services.campaigns import new_campaign

            with new_campaign(target, name.strip(), template="startup"):
                pass
            return target

        self._create_then_open(_("New campaign"), create)

    def new_campaign_like(self) -> None:
        """File ▸ New from an earlier call: the earlier campaign file, where to write the new one,
        its name (the earlier one's by default)."""
        from selection_desk.services.campaign_like import earlier_campaign_name, new_campaign_like

        title = _("New campaign from an earlier call")
        start = str(self.store.path) if self.store is not None else ""
        like, _filter = QFileDialog.getOpenFileName(
            self, _("The campaign of the earlier call"), start, FILE_FILTER
        )
        if not like:
            return
        try:
            earlier_name = earlier_campaign_name(Path(like))
        except SelectionDeskError as error:
            show_error(self, title, error)
            return
        path, _filter = QFileDialog.getSaveFileName(self, title, "", FILE_FILTER)
        if not path:
            return
        target = Path(path).with_suffix(".seldesk")
        name, ok = QInputDialog.getText(self, title, _("Name of the campaign:"), text=earlier_name)
        if not ok or not name.strip():
            return

        def create(progress: Progress) -> Path:
            new_campaign_like(target, Path(like), name.strip()).store.close()
            return target

        self._create_then_open(title, create)

    def _create_then_open(self, title: str, create: Callable[[Progress], Path]) -> None:
        """Create a campaign file in the task runner, then open it on its set-up and checklist."""
        self.runner.run(
            create,
            lambda path: self.open_file(path, phase="campaign"),
            lambda e: show_error(self, title, e),
        )

    def save_copy(self) -> None:
        if self.store is None:
            return
        path, _filter = QFileDialog.getSaveFileName(
            self,
            _("Save a copy"),
            str(self.store.path.with_name(self.store.path.stem + "-copy.seldesk")),
            FILE_FILTER,
        )
        if not path:
            return
        source = self.store.path
        destination = Path(path)
        if destination.resolve() == source.resolve():
            QMessageBox.warning(
                self,
                _("Save a copy"),
                _("A copy cannot replace the open campaign file: choose another file."),
            )
            return

        def copy(progress: Progress) -> Path:
            from selection_desk.storage.store import CampaignStore

            with CampaignStore.open(source, readonly=True) as reader:
                reader.file.save_copy(destination)
            return destination

        self.runner.run(
            copy,
            lambda p: self.statusBar().showMessage(_("Copy saved: {path}").format(path=p), 5000),
            lambda e: show_error(self, _("Save a copy"), e),
        )

    def _about(self) -> None:
        QMessageBox.about(
            self,
            _("About Selection Desk"),
            _(
                "Selection Desk {version}\nOffline scoring, ranking and minutes for selection "
                "committees."
            ).format(version=__version__),
        )

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if not self.may_leave_campaign():
            event.ignore()
            return
        self.runner.wait_for_done()
        self.close_campaign()
        super().closeEvent(event)


def _round_editors(phase: str, page: QWidget) -> tuple[QWidget, ...]:
    return tuple(getattr(page, name) for name in ROUND_EDITORS.get(phase, ()))
