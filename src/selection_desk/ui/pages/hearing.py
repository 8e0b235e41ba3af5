"""The Pitch day page (design §10, hearing round): the plan of the day, the order of the teams
(reorderable by keyboard and by drag), each slot's conflicts of interest, the convocation schedule's
export and the projector's countdown.

Writes go through ``services.hearing`` (each one audited transaction) on the window's store; the
page then reads its timetable again.  Which campaigns show the page is one predicate,
:func:`selection_desk.ui.phases.shows_pitch_day` (the window asks it before the first paint, without
importing this page).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTime
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from selection_desk.domain.hearing import (
    MAX_PITCH_MINUTES,
    HearingBreak,
    HearingPlan,
    Timetable,
    clock,
)
from selection_desk.errors import SelectionDeskError
from selection_desk.formats.cell_values import MAX_MAGNITUDE
from selection_desk.i18n import _, ngettext
from selection_desk.progress import Progress
from selection_desk.reports.hearing_text import overrun_warning
from selection_desk.services import hearing
from selection_desk.services.op_changes import NOTHING
from selection_desk.storage.store import CampaignStore
from selection_desk.ui import messages
from selection_desk.ui.models.agenda_model import is_dark
from selection_desk.ui.pages.hearing_projector import HearingProjector
from selection_desk.ui.pages.hearing_slots import SlotList
from selection_desk.ui.pages.projector import choose_projector_screen
from selection_desk.ui.session import CampaignSession
from selection_desk.ui.widgets.number_spin import set_number_range

DEFAULT_PLAN = HearingPlan(
    start=9 * 60, pitch_minutes=10, question_minutes=10, changeover_minutes=5
)
"""What the form shows before the day is planned."""


def _time(minutes: int) -> QTime:
    return QTime(minutes // 60 % 24, minutes % 60)


def _minutes(value: QTime) -> int:
    return value.hour() * 60 + value.minute()


def _spin(low: int, high: int, suffix: str) -> QSpinBox:
    spin = QSpinBox()
    set_number_range(spin, low, high)
    spin.setSuffix(suffix)
    return spin


def _row(*widgets: QWidget, right: bool = False) -> QHBoxLayout:
    """``widgets`` side by side, on the left (or the right) of their row."""
    row = QHBoxLayout()
    if right:
        row.addStretch(1)
    for widget in widgets:
        row.addWidget(widget)
    if not right:
        row.addStretch(1)
    return row


class BreaksTable(QTableWidget):
    """The breaks: after which slot, how long, what they are called."""

    def __init__(self) -> None:
        super().__init__(0, 3)
        self.setObjectName("hearingBreaks")
        self.setAccessibleName(_("Breaks"))
        self.setHorizontalHeaderLabels([_("After slot"), _("Minutes"), _("Label")])
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        for column in (0, 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setMinimumHeight(90)

    def set_breaks(self, breaks: tuple[HearingBreak, ...]) -> None:
        self.setRowCount(0)
        for pause in breaks:
            self.add(pause)

    def add(self, pause: HearingBreak) -> None:
        row = self.rowCount()
        self.insertRow(row)
        for column, value in enumerate((str(pause.after), str(pause.minutes), pause.label)):
            self.setItem(row, column, QTableWidgetItem(value))

    def remove_current(self) -> None:
        if self.currentRow() >= 0:
            self.removeRow(self.currentRow())

    def breaks(self) -> tuple[HearingBreak, ...]:
        """The rows as breaks (a number that is none counts as 0: the plan then says why)."""
        found = []
        for row in range(self.rowCount()):
            cells = [self.item(row, column) for column in range(3)]
            after, minutes, label = (cell.text().strip() if cell else "" for cell in cells)
            found.append(HearingBreak(_whole(after), _whole(minutes), label))
        return tuple(found)


def _whole(text: str) -> int:
    """A cell's whole number; text that is none counts as 0, and digits beyond the bound every
    input shares as just beyond it: the plan then says why.  (``isdecimal``, not ``isdigit``:
    ``"²"`` is a digit that ``int`` refuses.)"""
    if not text.isdecimal():
        return 0
    beyond = int(MAX_MAGNITUDE) + 1
    return int(text) if len(text) < len(str(beyond)) else beyond


class HearingPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session: CampaignSession | None = None
        self.day: Timetable | None = None
        self.projector: HearingProjector | None = None
        self.choose_folder: Callable[[], Path | None] = self._ask_folder
        """Asks where to write the schedule; tests replace it."""
        self.title = QLabel(_("Pitch day"))
        self.title.setObjectName("pageTitle")
        self.summary = QLabel()
        self.summary.setObjectName("hearingSummary")
        self.summary.setWordWrap(True)
        self.warning = QLabel()
        self.warning.setObjectName("hearingOverrun")
        self.warning.setWordWrap(True)
        amber = "#f0a040" if is_dark() else "#b35300"
        self.warning.setStyleSheet(f"color: {amber}; font-weight: 600;")
        self._build_form()
        self._build_order()
        self._lay_out()
        shortcut = QShortcut(QKeySequence(Qt.Key.Key_F5), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.setWhatsThis(_("Pitch day: projector and countdown"))  # Help ▸ Keyboard shortcuts
        shortcut.activated.connect(self.toggle_projector)
        self.set_session(None)

    # -- construction -----------------------------------------------------------------------

    def _build_form(self) -> None:
        self.start = QTimeEdit()
        self.start.setDisplayFormat("HH:mm")
        self.pitch = _spin(1, MAX_PITCH_MINUTES, _(" min"))
        self.questions = _spin(0, MAX_PITCH_MINUTES, _(" min"))
        self.changeover = _spin(0, MAX_PITCH_MINUTES, _(" min"))
        self.has_end = QCheckBox(_("Must end by"))
        self.end = QTimeEdit()
        self.end.setDisplayFormat("HH:mm")
        self.end.setAccessibleName(_("End of the day"))
        self.has_end.toggled.connect(self.end.setEnabled)
        self.day_text = QLineEdit()
        self.place = QLineEdit()
        self.bring = QLineEdit()
        self.breaks = BreaksTable()
        self.add_break = QPushButton(_("Add a break"))
        self.add_break.clicked.connect(self._add_break)
        self.remove_break = QPushButton(_("Remove the break"))
        self.remove_break.clicked.connect(self.breaks.remove_current)
        self.save_button = QPushButton(_("Save the plan"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save_plan)

    def _build_order(self) -> None:
        self.slots = SlotList()
        self.slots.move_requested.connect(self.move_team)
        self.up_button = QPushButton(_("Move up"))
        self.up_button.setToolTip("Alt+↑")
        self.up_button.clicked.connect(lambda: self.slots.move_current(-1))
        self.down_button = QPushButton(_("Move down"))
        self.down_button.setToolTip("Alt+↓")
        self.down_button.clicked.connect(lambda: self.slots.move_current(1))
        self.export_button = QPushButton(_("Export the schedule…"))
        self.export_button.setToolTip(
            _("The convocation schedule, PDF and Excel: one for the teams, one for the jurors")
        )
        self.export_button.clicked.connect(self.export_schedule)
        self.projector_button = QPushButton(_("Projector (F5)"))
        self.projector_button.clicked.connect(self.toggle_projector)
        self.status = QLabel()
        self.status.setObjectName("hearingStatus")
        self.status.setWordWrap(True)

    def _lay_out(self) -> None:
        plan_box = QGroupBox(_("Plan of the day"))
        form = QFormLayout(plan_box)
        form.addRow(_("First pitch at:"), self.start)
        form.addRow(_("Pitch:"), self.pitch)
        form.addRow(_("Questions:"), self.questions)
        form.addRow(_("Changeover between teams:"), self.changeover)
        form.addRow(_row(self.has_end, self.end))
        form.addRow(_("Date:"), self.day_text)
        form.addRow(_("Place:"), self.place)
        form.addRow(_("What the teams bring:"), self.bring)
        form.addRow(QLabel(_("Breaks:")))
        form.addRow(self.breaks)
        form.addRow(_row(self.add_break, self.remove_break))
        form.addRow(_row(self.save_button, right=True))
        content = QWidget()
        left = QVBoxLayout(content)
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(plan_box)
        left.addStretch(1)
        scroll = QScrollArea()  # the form scrolls where the window is short (200 %)
        scroll.setAccessibleName(_("Plan of the day"))
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)

        order_box = QGroupBox(_("Order of the day"))
        order = QVBoxLayout(order_box)
        order.addWidget(self.slots, 1)
        order.addWidget(self.warning)
        order.addLayout(_row(self.up_button, self.down_button))
        order.addLayout(_row(self.export_button, self.projector_button))
        order.addWidget(self.status)

        body = QHBoxLayout()
        body.addWidget(scroll, 2)
        body.addWidget(order_box, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addLayout(body, 1)

    # -- session ----------------------------------------------------------------------------

    def set_session(self, session: CampaignSession | None) -> None:
        if self.session is not None:
            with contextlib.suppress(RuntimeError, TypeError):
                self.session.data_changed.disconnect(self._data_changed)
        self.close_projector()
        self.session = session
        self.status.clear()
        if session is not None:
            session.data_changed.connect(self._data_changed)
        self.reload()
        self._show_plan(self._plan() or DEFAULT_PLAN)

    def _plan(self) -> HearingPlan | None:
        return None if self.session is None else hearing.hearing_plan(self.session.store)

    def _data_changed(self) -> None:
        """The timetable shows dossiers, jurors and conflicts: scores and decisions leave it be."""
        if self.session is not None and self.session.changes.rereads_everything:
            self.reload()

    def reload(self) -> None:
        """Read the timetable again (after a write here, or dossiers and conflicts changed)."""
        store = None if self.session is None else self.session.store
        self.day = None if store is None else hearing.hearing_timetable(store)
        names = {} if store is None else {j.code: j.name for j in store.jurors()}
        self.slots.fill(self.day, names)
        self._show_summary()
        for widget in (self.save_button, self.add_break, self.remove_break):
            widget.setEnabled(store is not None)
        planned = self.day is not None
        for widget in (self.up_button, self.down_button, self.export_button):
            widget.setEnabled(planned)
        self.projector_button.setEnabled(planned and bool(self.day and self.day.slots))
        if self.projector is not None and self.day is not None:
            self.projector.set_day(self.day)

    def _show_summary(self) -> None:
        self.warning.clear()
        if self.session is None:
            self.summary.setText(_("Open a campaign to plan its pitch day."))
            return
        if self.day is None:
            self.summary.setText(
                _(
                    "Set the start and the minutes of each slot, then save the plan: "
                    "one slot per team."
                )
            )
            return
        teams = len(self.day.slots)
        self.summary.setText(
            ngettext(
                "{count} team, from {start} to {end}.",
                "{count} teams, from {start} to {end}.",
                teams,
            ).format(count=teams, start=clock(self.day.plan.start), end=clock(self.day.ends_at))
        )
        self.warning.setText(overrun_warning(self.day))

    def _show_plan(self, plan: HearingPlan) -> None:
        self.start.setTime(_time(plan.start))
        self.pitch.setValue(plan.pitch_minutes)
        self.questions.setValue(plan.question_minutes)
        self.changeover.setValue(plan.changeover_minutes)
        self.has_end.setChecked(plan.end is not None)
        self.end.setEnabled(plan.end is not None)
        self.end.setTime(_time(plan.end if plan.end is not None else 18 * 60))
        self.day_text.setText(plan.day)
        self.place.setText(plan.place)
        self.bring.setText(plan.bring)
        self.breaks.set_breaks(plan.breaks)

    def plan_in_form(self) -> HearingPlan:
        return HearingPlan(
            start=_minutes(self.start.time()),
            pitch_minutes=self.pitch.value(),
            question_minutes=self.questions.value(),
            changeover_minutes=self.changeover.value(),
            breaks=self.breaks.breaks(),
            end=_minutes(self.end.time()) if self.has_end.isChecked() else None,
            day=self.day_text.text().strip(),
            place=self.place.text().strip(),
            bring=self.bring.text().strip(),
        )

    # -- actions ----------------------------------------------------------------------------

    def _add_break(self) -> None:
        after = max(1, len(self.day.slots) // 2) if self.day else 1
        self.breaks.add(HearingBreak(after, 60, _("Lunch break")))
        self.breaks.setCurrentCell(self.breaks.rowCount() - 1, 2)

    def save_plan(self) -> None:
        if self.session is None:
            return
        try:
            hearing.plan_hearing(self.session.store, self.plan_in_form())
        except SelectionDeskError as error:  # a break after the last team…: said, nothing saved
            messages.show_error(self, _("Save the plan"), error)
            return
        self.status.setText(_("Plan saved."))
        self.reload()

    def move_team(self, ref: str, to: int) -> None:
        if self.session is None:
            return
        try:
            hearing.move_team(self.session.store, ref, to)
        except SelectionDeskError as error:
            messages.show_error(self, _("Order of the day"), error)
            return
        self.reload()
        self.slots.setFocus()

    def _ask_folder(self) -> Path | None:
        start = "" if self.session is None else str(Path(self.session.store.path).parent)
        folder = QFileDialog.getExistingDirectory(self, _("Folder of the schedule"), start)
        return Path(folder) if folder else None

    def export_schedule(self) -> None:
        if self.session is None or self.day is None:
            return
        folder = self.choose_folder()
        if folder is None:
            return
        from selection_desk.services.hearing_schedule import export_schedule

        campaign_file = Path(self.session.store.path)
        round_code = self.session.store.round.code  # the round the page shows

        def work(_store: CampaignStore, _progress: Progress) -> list[Path]:
            return export_schedule(campaign_file, folder, round_code=round_code)

        self.status.setText(_("Exporting…"))
        self.session.run_task(
            self,
            _("Writing the schedule…"),
            work,
            self._exported,
            lambda error: self._failed(error),
            changes=NOTHING,  # the schedule reads the file, never writes it
        )

    def _exported(self, files: list[Path]) -> None:
        names = ", ".join(path.name for path in files)
        self.status.setText(_("Schedule written: {files}").format(files=names))

    def _failed(self, error: BaseException) -> None:
        self.status.setText(_("The export failed."))
        messages.show_error(self, _("Export the schedule…"), error)

    # -- projector --------------------------------------------------------------------------

    def toggle_projector(self) -> None:
        if self.projector is not None:
            self.close_projector()
            return
        if self.day is None or not self.day.slots:
            return
        projector = HearingProjector(self.day)
        projector.closed.connect(self._projector_closed)
        projector.slot_changed.connect(self._follow_projector)
        self.projector = projector
        chosen = self.slots.current_ref()
        refs = [slot.dossier for slot in self.day.slots]
        projector.show_slot(refs.index(chosen) if chosen in refs else 0)
        current = self.window().screen() if self.window() else None
        projector.show_on(choose_projector_screen(QGuiApplication.screens(), current))

    def _follow_projector(self, index: int) -> None:
        """The list shows the team on stage."""
        if self.day is None:
            return
        ref = self.day.slots[index].dossier
        for row in range(self.slots.count()):
            item = self.slots.item(row)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == ref:
                self.slots.setCurrentItem(item)

    def _projector_closed(self) -> None:
        self.projector = None

    def close_projector(self) -> None:
        if self.projector is not None:
            projector, self.projector = self.projector, None
            projector.close()
            projector.deleteLater()
