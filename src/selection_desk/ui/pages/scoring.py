"""The Scoring page: a juror's workspace — queue, dossier, score sheet — saved at every keystroke.

**Blind.**  The page never keeps the campaign session, its store or its data: from the session it
takes a :class:`~selection_desk.services.scoring.ScoringDesk` (who may score, and the door to one
juror's workspace, PIN checked) and, once a juror is chosen, that juror's
:class:`~selection_desk.services.scoring.JurorWorkspace`, whose reads SQLite confines to the juror's
own assigned, non-conflicted dossiers and own scores.  Another juror's scores or comments cannot
reach the page.

The page composes widgets built and tested alone: :mod:`.scoring_picker` ("who is scoring?"),
:mod:`.scoring_header` (juror, progress, saved state), :mod:`.scoring_queue` (the juror's queue),
the dossier view and the score sheet; it owns the workspace, the saving and the undo history.
That is one thing, the juror workspace's controller; it has no widget code left to split off.

**Saved at once.**  Every score change is one transaction (a few milliseconds, on the UI thread)
before the page shows it as saved; text (comments) is saved when the juror pauses typing (for
300 ms), leaves the field, the dossier or the page — the saved-state label says which.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import datetime
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QMetaObject, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import (
    QHideEvent,
    QKeySequence,
    QResizeEvent,
    QShortcut,
    QUndoCommand,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QInputDialog,
    QLineEdit,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from selection_desk.domain import Criterion
from selection_desk.errors import SelectionDeskError
from selection_desk.i18n import _
from selection_desk.services.op_changes import EVERYTHING, OpChanges
from selection_desk.services.scoring_workspace import (
    JurorWorkspace,
    QueueItem,
    QueueOrder,
    QueueStatus,
    ScoreSheet,
    ScoringDesk,
)
from selection_desk.ui.messages import error_text
from selection_desk.ui.pages.scoring_header import BallotBanner, WorkspaceHeader, all_final
from selection_desk.ui.pages.scoring_picker import JurorPicker
from selection_desk.ui.pages.scoring_queue import QueuePanel, shown_items
from selection_desk.ui.session import CampaignSession
from selection_desk.ui.undo_keys import UndoKeysFilter, forward_undo_keys
from selection_desk.ui.widgets.dossier_view import DossierView
from selection_desk.ui.widgets.score_sheet import ScoreSheetWidget

COMMENT_SAVE_DELAY_MS = 300
"""Comments are saved when the juror pauses typing this long (or leaves the field): short, so
that a comment typed just before a crash is in the file, as a score is."""
QUEUE_WIDTH = 230
"""Widest the queue grows unasked (logical pixels): a ref and a name of 20-odd letters."""
SHEET_WIDTH = 700
"""Widest the score sheet grows unasked: beyond, the room goes to the dossier's documents."""
SPLITTER_KEY = "scoring/splitter"


class WholeText(Enum):
    """A text of the whole review being typed (a criterion's comment is keyed by its code)."""

    COMMENT = "comment"
    """The overall comment: the committee's only."""
    FEEDBACK = "feedback"
    """The feedback for the applicant."""


class ScoreUndoCommand(QUndoCommand):
    """One score the juror typed, on the page's own undo stack: undoing it saves the previous
    value again (or clears it) through the same audited use cases as typing does; an undo or a redo
    that is refused (the review was marked final since) leaves the history."""

    def __init__(
        self, page: ScoringPage, ref: str, code: str, before: float | None, after: float | None
    ) -> None:
        super().__init__(_("score {criterion} of {dossier}").format(criterion=code, dossier=ref))
        self.page = page
        self.ref, self.code, self.before, self.after = ref, code, before, after
        self._applied = True

    def redo(self) -> None:
        if self._applied:
            return  # pushed after the score was saved
        self._apply(self.after)

    def undo(self) -> None:
        self._apply(self.before)

    def _apply(self, value: float | None) -> None:
        if self.page.restore_score(self.ref, self.code, value):
            self._applied = not self._applied
        else:
            self.setObsolete(True)


class ScoringPage(QWidget):
    scores_written = Signal()
    """Emitted when the juror leaves the page after changing scores (the ranking is redone)."""
    next_step_requested = Signal(str, str)
    """No juror yet: the user asked to go to the Campaign page's Jurors tab."""
    ballot_requested = Signal()
    """The juror asked, from the banner shown once every dossier is final, to export the ballot."""

    def __init__(self, parent: QWidget | None = None, settings: QSettings | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        """Where the order each juror chose and the dividers' places are remembered (None: not
        remembered)."""
        self._desk: ScoringDesk | None = None
        self._workspace: JurorWorkspace | None = None
        self._queue: list[QueueItem] = []
        self._current: str | None = None
        self._pending: dict[tuple[str, str | WholeText], str] = {}
        self._dirty = False
        self._offers_ballot = False
        self._connections: list[QMetaObject.Connection] = []
        self.undo_stack = QUndoStack(self)
        """The juror's score changes in this session (Edit ▸ Undo on this page)."""
        self._undo_keys = UndoKeysFilter(self)
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(COMMENT_SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.flush)

        self.picker = JurorPicker()
        self.picker.start_requested.connect(self.start)
        self.picker.paper_requested.connect(self._paper_requested)
        self.picker.add_jurors_requested.connect(
            lambda: self.next_step_requested.emit("campaign", "jurors")
        )
        self.workspace_view = self._build_workspace()
        self._restore_splitter()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.picker)
        self.stack.addWidget(self.workspace_view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    # -- construction -----------------------------------------------------------------------

    def _build_workspace(self) -> QWidget:
        view = QWidget()
        self.header = WorkspaceHeader()
        self.header.change_juror_button.clicked.connect(self.leave_workspace)
        self.ballot_banner = BallotBanner()
        self.ballot_banner.export_requested.connect(self._ballot_requested)
        self.queue_panel = QueuePanel()
        self.queue_panel.filter_changed.connect(self._refresh_queue_view)
        self.queue_panel.order_changed.connect(self._reorder)
        self.queue_panel.current_ref_changed.connect(self._queue_current_changed)
        self.queue_panel.queue_view.activated.connect(lambda _index: self.sheet.focus_criterion())

        self.dossier_view = DossierView()
        self.sheet: ScoreSheetWidget = ScoreSheetWidget()  # typed: a lambda above refers to it
        self.sheet.score_changed.connect(self._score_changed)
        self.sheet.score_cleared.connect(self._score_cleared)
        self.sheet.comment_edited.connect(self._comment_edited)
        self.sheet.comment_done.connect(self.flush)
        self.sheet.overall_comment_edited.connect(self._overall_edited)
        self.sheet.feedback_edited.connect(self._feedback_edited)
        self.sheet.confidence_changed.connect(self._confidence_changed)
        self.sheet.mark_final_requested.connect(self.mark_final)
        self.sheet.reopen_requested.connect(self.reopen)
        self.sheet.dossier_requested.connect(self._dossier_requested)
        self.sheet.refused.connect(self._refused)
        sheet_panel = self.sheet_panel = QWidget()
        sheet_layout = QVBoxLayout(sheet_panel)
        sheet_layout.setContentsMargins(6, 0, 0, 0)
        sheet_layout.addWidget(self.sheet)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("scoringSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.queue_panel)
        self.splitter.addWidget(self.dossier_view)
        self.splitter.addWidget(sheet_panel)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 1)
        # Logical pixels (Qt scales them with the screen). At 200 % on a 1920×1080 screen (960
        # logical pixels) the three still fit; _fit_splitter shares the width out.
        self.queue_panel.setMinimumWidth(120)
        self.dossier_view.setMinimumWidth(200)
        sheet_panel.setMinimumWidth(360)
        self._splitter_moved = False
        self.splitter.splitterMoved.connect(self._user_moved_splitter)
        self.splitter.installEventFilter(self)

        layout = QVBoxLayout(view)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(8)
        layout.addWidget(self.header)
        layout.addWidget(self.ballot_banner)
        layout.addWidget(self.splitter, 1)

        self._expose_parts()
        self._shortcuts(view)
        return view

    def _expose_parts(self) -> None:
        """The parts that tests, screenshots and the main window drive, under the page's names."""
        self.title, self.progress = self.header.title, self.header.progress
        self.save_state = self.header.save_state
        self.change_juror_button = self.header.change_juror_button
        self.filter_choice = self.queue_panel.filter_choice
        self.order_choice = self.queue_panel.order_choice
        self.queue_model = self.queue_panel.queue_model
        self.queue_view = self.queue_panel.queue_view
        self.queue_empty = self.queue_panel.queue_empty

    def _shortcuts(self, view: QWidget) -> None:
        def add(
            keys: QKeySequence | QKeySequence.StandardKey | str, slot: Callable[[], None]
        ) -> None:
            shortcut = QShortcut(QKeySequence(keys), view)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

        add("Ctrl+Return", self.mark_final)
        add("Ctrl+Enter", self.mark_final)
        add("Ctrl+PgDown", lambda: self._dossier_requested(1))
        add("Ctrl+PgUp", lambda: self._dossier_requested(-1))
        add("Alt+PgDown", self.dossier_view.viewer.next_page)
        add("Alt+PgUp", self.dossier_view.viewer.previous_page)
        add(QKeySequence.StandardKey.ZoomIn, self.dossier_view.viewer.zoom_in)
        add(QKeySequence.StandardKey.ZoomOut, self.dossier_view.viewer.zoom_out)
        add("Ctrl+0", self.dossier_view.viewer.fit_width)
        add("Ctrl+1", self.queue_view.setFocus)
        add("Ctrl+2", self._focus_document)
        add("Ctrl+3", lambda: self.sheet.focus_criterion(self.sheet.current_criterion()))

    # -- session ----------------------------------------------------------------------------

    def set_session(self, session: CampaignSession | None) -> None:
        # Disconnected first: a campaign being closed is not re-ranked (its scores are saved).
        for connection in self._connections:
            QObject.disconnect(connection)
        self._connections = []
        self.leave_workspace()
        if session is None:
            self._desk = None
            self.picker.set_jurors(None)
            return
        # Only the desk is kept: never the session, its store or its data (module doc).
        self._desk = ScoringDesk(session.store)
        self._connections = [
            session.changes_applied.connect(self._campaign_changed),
            self.scores_written.connect(session.rerank),
        ]
        self.picker.set_jurors(self._desk.jurors(), self._desk.paper_entry_allowed)
        # The grid is the same for every juror: built right after the picker shows (one more
        # short step of the event loop), so that neither step blocks the UI for long and a juror
        # starts at once.
        QTimer.singleShot(0, self, self._prepare_sheet)

    def _prepare_sheet(self) -> None:
        if self._desk is not None and self._workspace is None:
            self._set_criteria(self._desk.criteria())
            self.workspace_view.ensurePolished()

    def _set_criteria(self, criteria: tuple[Criterion, ...]) -> None:
        self.sheet.set_criteria(criteria)
        forward_undo_keys(self.sheet, self._undo_keys)  # Ctrl+Z in a score box: the last score

    def _campaign_changed(self, changes: OpChanges = EVERYTHING) -> None:
        """Rules, dossiers or scores changed elsewhere: show them (a decision or a kit changes
        nothing the workspace shows)."""
        if self._desk is None or not changes.affects_scoring:
            return
        jurors = self._desk.jurors()
        self.picker.set_jurors(jurors, self._desk.paper_entry_allowed)
        if self._workspace is None:
            return
        codes = {juror.code for juror in jurors}
        if self._workspace.juror.code not in codes:
            self.leave_workspace()
            return
        self.flush()
        self._set_criteria(self._workspace.criteria())
        current, self._current = self._current, None  # shown again, on the new criteria
        self._load_queue(keep=current)

    # -- choosing the juror ------------------------------------------------------------------

    def start(self, juror: str, pin: str = "") -> bool:
        """Open ``juror``'s workspace (PIN checked); False, with the reason shown, if refused."""
        if self._desk is None:
            return False
        try:
            workspace = self._desk.open(juror, pin or None)
        except SelectionDeskError as error:
            self.picker.show_error(error.message())
            return False
        self._enter(workspace)
        return True

    def _paper_requested(self, juror: str) -> None:
        pin = ""
        if self._desk is not None and self._desk.paper_entry_needs_pin:
            pin, ok = QInputDialog.getText(
                self,
                _("Type in a paper sheet"),
                _("Secretary's PIN:"),
                QLineEdit.EchoMode.Password,
            )
            if not ok:
                return
        self.start_paper_entry(juror, pin)

    def start_paper_entry(self, juror: str, secretary_pin: str = "") -> bool:
        """The secretary types in ``juror``'s paper sheet: the same workspace and keys, not the
        juror's PIN but a secretary's when one has a PIN, every change audited as the
        secretary's on the juror's behalf."""
        if self._desk is None:
            return False
        try:
            workspace = self._desk.open_paper_entry(juror, secretary_pin or None)
        except SelectionDeskError as error:
            self.picker.show_error(error.message())
            return False
        self._enter(workspace)
        return True

    def _enter(self, workspace: JurorWorkspace) -> None:
        self.leave_workspace()
        self._workspace = workspace
        self.undo_stack.clear()
        if workspace.paper_entry:
            self.title.setText(
                _("Paper sheet · {juror} (typed by the secretary)").format(
                    juror=workspace.juror.name
                )
            )
        else:
            self.title.setText(_("Scoring · {juror}").format(juror=workspace.juror.name))
        self._set_criteria(workspace.criteria())
        self.queue_panel.set_order_quietly(self._remembered_order(workspace))
        self._set_saved_state(_("Every change is saved as you type."))
        # Filled while hidden, then shown: one paint (a visible progress bar repaints at once).
        self._load_queue()
        self.stack.setCurrentWidget(self.workspace_view)
        self.sheet.focus_criterion()

    def leave_workspace(self) -> None:
        """Back to "who is scoring?", after saving what is pending."""
        self.flush()
        self.undo_stack.clear()  # a juror's history is theirs alone
        if self._workspace is not None:
            self._workspace.close()
            self._workspace = None
            if self._dirty:
                self._dirty = False
                self.scores_written.emit()
        self._queue = []
        self._current = None
        self.queue_model.set_items([])
        self.dossier_view.clear()
        self.ballot_banner.hide()
        self.stack.setCurrentWidget(self.picker)
        self.picker.pin.clear()
        self.picker.focus()

    @property
    def workspace(self) -> JurorWorkspace | None:
        return self._workspace

    @property
    def current_dossier(self) -> str | None:
        return self._current

    # -- the queue --------------------------------------------------------------------------

    def _order(self) -> QueueOrder:
        return self.queue_panel.order()

    def _load_queue(self, keep: str | None = None) -> None:
        assert self._workspace is not None
        self._queue = list(self._workspace.queue(self._order()))
        if keep is None:
            # Start where there is work left: the first dossier not final yet.
            todo = [i for i in self._queue if i.status is not QueueStatus.FINAL] or self._queue
            keep = todo[0].ref if todo else None
        self._refresh_queue_view(keep)

    def _order_key(self, workspace: JurorWorkspace) -> str:
        return f"scoring/order/{workspace.campaign.uid}/{workspace.juror.code}"

    def _remembered_order(self, workspace: JurorWorkspace) -> str:
        if self.settings is None:
            return QueueOrder.SHUFFLED.value
        return str(self.settings.value(self._order_key(workspace), QueueOrder.SHUFFLED.value))

    def _reorder(self) -> None:
        if self._workspace is not None:
            if self.settings is not None:  # the order a juror picks is theirs next time too
                self.settings.setValue(self._order_key(self._workspace), self._order().value)
            self.flush()
            self._load_queue(keep=self._current)

    def _refresh_queue_view(self, keep: str | None = None) -> None:
        keep = keep or self._current
        shown = shown_items(self._queue, self.queue_panel.statuses(), keep)
        if keep is not None and keep not in {i.ref for i in shown}:
            keep = None
        self.queue_panel.show_items(shown, assigned=bool(self._queue))
        self._update_progress()
        target = keep or (shown[0].ref if shown else None)
        if target is None:
            self._current = None
            self.dossier_view.clear()
            self.sheet.setEnabled(False)
            return
        self.sheet.setEnabled(True)
        self._select(target)

    def _select(self, ref: str) -> None:
        if self.queue_panel.select_ref(ref) and self._current != ref:
            self._show(ref)

    def _queue_current_changed(self, ref: str) -> None:
        if ref != self._current:
            self._show(ref)

    def _update_progress(self) -> None:
        self.header.show_progress(self._queue, len(self.sheet.criteria_codes()))
        self._show_ballot_offer()

    # -- the ballot, in a juror kit ------------------------------------------------------------

    def set_ballot_offer(self, offered: bool) -> None:
        """In a juror kit (``offered``), a banner leads to the ballot once every dossier is
        final; in a campaign file there is no ballot to send."""
        self._offers_ballot = offered
        self._show_ballot_offer()

    def _show_ballot_offer(self) -> None:
        ready = self._offers_ballot and self._workspace is not None and all_final(self._queue)
        if ready and self.ballot_banner.isHidden():
            self.ballot_banner.show_ready()  # every dossier final again: a new ballot is due
        self.ballot_banner.setVisible(ready)

    def _ballot_requested(self) -> None:
        self.flush()  # a comment still being typed belongs in the ballot
        self.ballot_requested.emit()

    def ballot_exported(self, path: Path) -> None:
        """Say where the ballot went (the banner stays: exporting again is one click away)."""
        self.ballot_banner.show_exported(path)

    def _show(self, ref: str) -> None:
        assert self._workspace is not None
        self.flush()
        workspace = self._workspace
        try:
            dossier = workspace.dossier(ref)
            attachments = workspace.attachments(ref)
            sheet = workspace.sheet(ref)
        except SelectionDeskError as error:
            self._set_saved_state(error.message(), problem=True)
            return
        self._current = ref
        self.dossier_view.show_dossier(
            dossier, attachments, lambda a: workspace.attachment_content(ref, a.file_name)
        )
        self.sheet.show_sheet(sheet)

    def go(self, offset: int) -> bool:
        """The next (``1``) or previous (``-1``) dossier of the queue as filtered; False at an
        end of the queue."""
        if self._workspace is None or self._current is None:
            return False
        self.flush()
        shown = shown_items(self._queue, self.queue_panel.statuses(), self._current)
        refs = [i.ref for i in shown]
        position = refs.index(self._current) + offset if self._current in refs else 0
        if not 0 <= position < len(refs):
            self._set_saved_state(
                _("This is the last dossier of the list.")
                if offset > 0
                else _("This is the first dossier of the list."),
            )
            return False
        target = refs[position]
        self._refresh_queue_view(target)
        self.sheet.focus_criterion()
        return True

    def _dossier_requested(self, offset: int) -> None:
        self.go(offset)

    def _focus_document(self) -> None:
        self.dossier_view.tabs.currentWidget().setFocus()
        if self.dossier_view.tabs.currentIndex() == DossierView.DOCUMENTS_TAB:
            self.dossier_view.viewer.view.setFocus()

    # -- saving -----------------------------------------------------------------------------

    def _write(
        self, action: Callable[[JurorWorkspace, str], ScoreSheet], *, flush: bool = True
    ) -> bool:
        """One change, one transaction; text still being typed is saved first, in order."""
        if flush and self._pending:
            self.flush()
        if self._workspace is None or self._current is None:
            return False
        try:
            sheet = action(self._workspace, self._current)
        except SelectionDeskError as error:
            self._set_saved_state(_("Not saved: {reason}").format(reason=error.message()), True)
            self._reload_sheet()
            return False
        except Exception as error:
            self._set_saved_state(_("Not saved: {reason}").format(reason=error_text(error)), True)
            self._reload_sheet()
            return False
        self._saved(sheet)
        return True

    def _saved(self, sheet: ScoreSheet) -> None:
        self._dirty = True
        if sheet.dossier == self._current:
            self.sheet.show_sheet(sheet)
        for index, item in enumerate(self._queue):
            if item.ref == sheet.dossier:
                scored = len(sheet.criteria) - len(sheet.missing)
                updated = QueueItem(item.ref, item.name, sheet.status, scored, item.position)
                self._queue[index] = updated
                self.queue_model.update_item(updated)
        self._update_progress()
        self._set_saved_state(
            _("Saved at {time}").format(time=datetime.now().strftime("%H:%M:%S")),
            saved=True,
        )

    def _reload_sheet(self) -> None:
        if self._workspace is not None and self._current is not None:
            with contextlib.suppress(SelectionDeskError):
                self.sheet.show_sheet(self._workspace.sheet(self._current))

    def _set_saved_state(self, text: str, problem: bool = False, saved: bool = False) -> None:
        self.header.set_saved_state(text, problem, saved)

    @property
    def saved_state(self) -> str:
        return self.save_state.text()

    def _score_changed(self, code: str, value: float) -> None:
        self._score_edit(code, value)

    def _score_cleared(self, code: str) -> None:
        self._score_edit(code, None)

    def _score_edit(self, code: str, value: float | None) -> None:
        ref = self._current
        shown = self.sheet.sheet
        before = shown.value(code) if shown is not None and shown.dossier == ref else None
        if ref is None or not self._save_score(code, value) or before == value:
            return
        self.undo_stack.push(ScoreUndoCommand(self, ref, code, before, value))

    def _save_score(self, code: str, value: float | None) -> bool:
        if value is None:
            return self._write(lambda ws, ref: ws.clear_score(ref, code))
        return self._write(lambda ws, ref: ws.set_score(ref, code, value))

    def restore_score(self, ref: str, code: str, value: float | None) -> bool:
        """Undo or redo of a score: shows its dossier and saves ``value`` again (audited)."""
        if self._workspace is None:
            return False
        if self._current != ref:
            self.flush()
            self._refresh_queue_view(ref)
            if self._current != ref:
                return False
        if not self._save_score(code, value):
            return False
        self.sheet.focus_criterion(code)
        return True

    def _confidence_changed(self, confidence: object) -> None:
        level = confidence if isinstance(confidence, int) else None
        self._write(lambda ws, ref: ws.set_confidence(ref, level))

    def _comment_edited(self, code: str, text: str) -> None:
        self._queue_text((code, text))

    def _overall_edited(self, text: str) -> None:
        self._queue_text((WholeText.COMMENT, text))

    def _feedback_edited(self, text: str) -> None:
        self._queue_text((WholeText.FEEDBACK, text))

    def _queue_text(self, change: tuple[str | WholeText, str]) -> None:
        if self._current is None:
            return
        code, text = change
        self._pending[(self._current, code)] = text
        self._set_saved_state(_("Typing… saved when you pause"))
        self._save_timer.start()

    def flush(self) -> None:
        """Save every comment still being typed (one transaction each)."""
        self._save_timer.stop()
        if not self._pending or self._workspace is None:
            self._pending.clear()
            return
        pending, self._pending = self._pending, {}
        workspace = self._workspace
        for (ref, code), text in pending.items():

            def write(
                ws: JurorWorkspace,
                _current: str,
                r: str = ref,
                c: str | WholeText = code,
                t: str = text,
            ) -> ScoreSheet:
                if c is WholeText.COMMENT:
                    return ws.set_overall_comment(r, t)
                if c is WholeText.FEEDBACK:
                    return ws.set_feedback(r, t)
                return ws.set_comment(r, c, t)

            if ref == self._current:
                self._write(write, flush=False)
            else:
                try:
                    self._saved(write(workspace, ref))
                except SelectionDeskError as error:
                    self._set_saved_state(
                        _("Not saved: {reason}").format(reason=error.message()), True
                    )

    @property
    def has_pending_text(self) -> bool:
        return bool(self._pending)

    def mark_final(self) -> None:
        self.flush()
        if self._workspace is None or self._current is None:
            return
        sheet = self.sheet.sheet
        if sheet is not None and sheet.final:
            return
        if sheet is not None and not sheet.complete:
            self._set_saved_state(
                _("Score every criterion before marking the review final ({missing} left).").format(
                    missing=len(sheet.missing)
                ),
                problem=True,
            )
            return
        self._write(lambda ws, ref: ws.mark_final(ref))

    def reopen(self) -> None:
        self.flush()
        if self._write(lambda ws, ref: ws.reopen(ref)):
            self.sheet.focus_criterion(self.sheet.current_criterion())

    def _refused(self) -> None:
        self._set_saved_state(
            _("This review is final: reopen it (Alt+R) to change it."), problem=True
        )

    # -- fitting narrow windows --------------------------------------------------------------

    def _user_moved_splitter(self, *_args: object) -> None:
        self._splitter_moved = True
        if self.settings is not None:  # the dividers stay where the juror put them, next time too
            self.settings.setValue(SPLITTER_KEY, self.splitter.saveState())

    def _restore_splitter(self) -> None:
        state = None if self.settings is None else self.settings.value(SPLITTER_KEY)
        if isinstance(state, QByteArray) and self.splitter.restoreState(state):
            self._splitter_moved = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        # The splitter's own resize, not the page's: the workspace may be resized while hidden
        # behind the juror picker, and then only when it is shown.
        if watched is self.splitter and isinstance(event, QResizeEvent):
            self._fit_splitter(event.size().width())
        return super().eventFilter(watched, event)

    def _fit_splitter(self, width: int) -> None:
        """Share the width out until the juror moves the dividers themselves: the queue shows
        whole names (up to QUEUE_WIDTH), the score sheet keeps the room its rubric rows need
        (up to SHEET_WIDTH), the document takes the rest and is the first to give way on a
        narrow window (a laptop at 200 %)."""
        total = width - self.splitter.handleWidth() * (self.splitter.count() - 1)
        if self._splitter_moved or total <= 0:
            return
        queue_least, document_least = (
            widget.minimumWidth() if (widget := self.splitter.widget(i)) is not None else 0
            for i in (0, 1)
        )
        queue = min(QUEUE_WIDTH, max(queue_least, int(total * 0.17)))
        sheet = max(self.sheet.needed_width() + 8, min(SHEET_WIDTH, int(total * 0.48)))
        self.splitter.setSizes([queue, max(document_least, total - sheet - queue), sheet])

    # -- leaving the page -------------------------------------------------------------------

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802
        self.flush()
        if self._dirty:
            self._dirty = False
            self.scores_written.emit()
        super().hideEvent(event)
