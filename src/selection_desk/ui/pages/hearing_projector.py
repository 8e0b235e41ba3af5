"""Projector mode of the pitch day: the team on stage, its slot's times and a countdown in big
digits (the pitch, then the questions), amber in the last minute, red past time.

Space starts and pauses the countdown; → (or Page Down, as presentation remotes send) goes to the
next team and ← to the previous one, both with a fresh countdown; Escape leaves.  The countdown
reads a monotonic clock that tests replace (:attr:`HearingProjector.clock`).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QResizeEvent, QScreen
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from selection_desk.domain.hearing import Countdown, Phase, Slot, Timetable, clock, countdown
from selection_desk.i18n import _
from selection_desk.ui.models.agenda_model import is_dark


def countdown_color(state: Countdown) -> str:
    """The digits' colour: the palette's text, amber in the last minute, red past time."""
    if state.phase is Phase.OVER:
        return "#ff6b6b" if is_dark() else "#c62828"
    if state.warning:
        return "#f0a040" if is_dark() else "#b35300"
    return "palette(window-text)"


def phase_text(state: Countdown, running: bool) -> str:
    texts = {
        Phase.PITCH: _("Pitch"),
        Phase.QUESTIONS: _("Questions"),
        Phase.OVER: _("Time is up"),
    }
    text = texts[state.phase]
    return text if running else _("{phase} — paused (Space starts)").format(phase=text)


class HearingProjector(QWidget):
    """Full screen on the projector; :meth:`show_slot` puts a team on stage."""

    slot_changed = Signal(int)
    """The index of the team now on stage (→ / ←)."""
    closed = Signal()

    def __init__(self, day: Timetable, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("hearingProjector")
        self.setWindowTitle(_("Selection Desk — pitch day"))
        self.setAutoFillBackground(True)
        self.day = day
        self.index = 0
        self.clock: Callable[[], float] = time.monotonic
        self.elapsed_before = 0.0
        """Seconds counted before the latest start (the countdown may be paused and started)."""
        self.started_at: float | None = None
        self.state = countdown(0, day.plan)
        self.context = QLabel()
        self.context.setObjectName("hearingContext")
        self.team = QLabel()
        self.team.setObjectName("hearingTeam")
        self.team.setWordWrap(True)
        self.times = QLabel()
        self.times.setObjectName("hearingTimes")
        self.times.setWordWrap(True)
        self.phase = QLabel()
        self.phase.setObjectName("hearingPhase")
        self.digits = QLabel()
        self.digits.setObjectName("hearingDigits")
        self.digits.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.help = QLabel(
            _("Space: start or pause · →: next team · ←: previous team · Escape: leave")
        )
        self.help.setObjectName("hearingHelp")
        self.help.setWordWrap(True)
        for plain in (self.context, self.team, self.times, self.phase):
            plain.setTextFormat(Qt.TextFormat.PlainText)  # applicant text, never markup
        layout = QVBoxLayout(self)
        self._layout = layout
        layout.addWidget(self.context)
        layout.addWidget(self.team)
        layout.addWidget(self.times)
        layout.addStretch(1)
        layout.addWidget(self.phase, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.digits, 3)
        layout.addStretch(1)
        layout.addWidget(self.help)
        self.timer = QTimer(self)
        self.timer.setInterval(200)
        self.timer.timeout.connect(self.refresh)
        self.scale_type(1024, 768)
        self.show_slot(0)

    @property
    def slots(self) -> Sequence[Slot]:
        return self.day.slots

    @property
    def running(self) -> bool:
        return self.started_at is not None

    def elapsed(self) -> float:
        running = 0.0 if self.started_at is None else self.clock() - self.started_at
        return self.elapsed_before + running

    def scale_type(self, width: int, height: int) -> None:
        """Type for the back of the room, in proportion to the window: the digits a quarter of
        its height, as long as "+00:00" still fits its width (a narrow or portrait screen)."""
        base = max(16, min(height // 36, width // 64))
        digits = max(48, min(height // 4, int(width / 4.6)))
        self.setStyleSheet(
            f"""
            QWidget#hearingProjector {{ font-size: {base}px; }}
            QLabel#hearingContext {{ font-size: {base}px; }}
            QLabel#hearingTeam {{ font-size: {int(base * 2.4)}px; font-weight: 600; }}
            QLabel#hearingTimes {{ font-size: {int(base * 1.3)}px; }}
            QLabel#hearingPhase {{ font-size: {int(base * 1.6)}px; font-weight: 600; }}
            QLabel#hearingDigits {{ font-size: {digits}px; font-weight: 700; }}
            QLabel#hearingHelp {{ font-size: {max(12, base // 2)}px; }}
            """
        )
        self._layout.setContentsMargins(base * 2, base, base * 2, base)

    def show_on(self, screen: QScreen) -> None:
        self.setScreen(screen)
        self.setGeometry(screen.geometry())
        self.showFullScreen()
        self.raise_()
        self.activateWindow()

    def set_day(self, day: Timetable) -> None:
        """The timetable changed (a move on the page): keep the team on stage when it still is."""
        on_stage = self.slots[self.index].dossier if self.slots else None
        self.day = day
        refs = [slot.dossier for slot in self.slots]
        self.index = refs.index(on_stage) if on_stage in refs else 0
        self._show_team()
        self.refresh()

    def show_slot(self, index: int) -> None:
        """Put team ``index`` on stage with its countdown reset and paused."""
        self.index = min(max(index, 0), max(len(self.slots) - 1, 0))
        self.elapsed_before = 0.0
        self.started_at = None
        self.timer.stop()
        self._show_team()
        self.refresh()

    def _show_team(self) -> None:
        if not self.slots:
            self.context.setText(_("No team in the pitch day yet."))
            for label in (self.team, self.times):
                label.clear()
            return
        slot = self.slots[self.index]
        self.context.setText(
            _("Team {number} of {total}").format(number=slot.number, total=len(self.slots))
        )
        self.team.setText(slot.name)
        self.times.setText(
            _("Pitch {pitch} · questions {questions} · end {end}").format(
                pitch=clock(slot.start), questions=clock(slot.questions_start), end=clock(slot.end)
            )
        )

    def toggle(self) -> None:
        """Space: start the countdown, or pause it."""
        if self.started_at is None:
            self.started_at = self.clock()
            self.timer.start()
        else:
            self.elapsed_before = self.elapsed()
            self.started_at = None
            self.timer.stop()
        self.refresh()

    def refresh(self) -> None:
        state = countdown(self.elapsed(), self.day.plan)
        self.phase.setText(phase_text(state, self.running))
        self.digits.setText(state.digits)
        self.digits.setStyleSheet(f"color: {countdown_color(state)};")
        self.state = state

    def step(self, delta: int) -> None:
        if not self.slots:
            return
        index = min(max(self.index + delta, 0), len(self.slots) - 1)
        if index != self.index:
            self.show_slot(index)
            self.slot_changed.emit(index)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        if key == Qt.Key.Key_Space:
            self.toggle()
        elif key in (Qt.Key.Key_Right, Qt.Key.Key_PageDown):
            self.step(1)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_PageUp):
            self.step(-1)
        elif key in (Qt.Key.Key_Escape, Qt.Key.Key_F11, Qt.Key.Key_F5):
            self.close()
        else:
            super().keyPressEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        self.scale_type(event.size().width(), event.size().height())
        super().resizeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.timer.stop()
        self.closed.emit()
        super().closeEvent(event)
