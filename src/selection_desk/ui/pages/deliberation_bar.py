"""The top of the Deliberation page: the title and the meeting's buttons (stability check,
attendance, projector), then the meeting's summary and the view options (agenda order, jurors'
names hidden).

The bar shows a :class:`MeetingSummary` it is given; the page connects its buttons and options.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from selection_desk.i18n import _, ngettext


def projector_key() -> QKeySequence:
    """The platform's full-screen key (F11, Ctrl+Meta+F…); F11 where the platform has none
    (the shortcut and its label were empty: "· : projector")."""
    bindings = QKeySequence.keyBindings(QKeySequence.StandardKey.FullScreen)
    return bindings[0] if bindings else QKeySequence(Qt.Key.Key_F11)


def projector_key_text() -> str:
    """The projector's key as the user reads it."""
    return projector_key().toString(QKeySequence.SequenceFormat.NativeText)


@dataclass(frozen=True)
class MeetingSummary:
    """Where the meeting stands."""

    selected: int
    places: int
    decided: int
    total: int
    discuss: int
    """Dossiers that call for discussion."""
    stability_running: bool
    stability_shown: bool
    """The agenda shows the result of a stability check of the current ranking."""
    resamples: int
    """The campaign's stability setting (resamples of the jury), as in the minutes."""

    @property
    def over_places(self) -> bool:
        return self.selected > self.places


def summary_text(summary: MeetingSummary) -> str:
    parts = [
        # French agrees with the count ("1 retenu", "1 dossier décidé"): ngettext, on it.
        ngettext(
            "{selected} selected for {places} places",
            "{selected} selected for {places} places",
            summary.selected,
        ).format(selected=summary.selected, places=summary.places),
        ngettext(
            "{decided} of {total} dossiers decided",
            "{decided} of {total} dossiers decided",
            summary.decided,
        ).format(decided=summary.decided, total=summary.total),
        _("{count} call for discussion").format(count=summary.discuss),
    ]
    if summary.stability_running:
        parts.append(_("checking stability…"))
    elif summary.stability_shown:
        parts.append(_("stability: {resamples} resamples").format(resamples=summary.resamples))
    return " · ".join(parts)


class MeetingBar(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(_("Deliberation"))
        self.title.setObjectName("pageTitle")
        self.summary = QLabel()
        self.summary.setObjectName("deliberationSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.order = QComboBox()
        self.order.addItem(_("Ranking order"), False)
        self.order.addItem(_("Discussion first"), True)
        self.order.setToolTip(
            _("Discussion first: high spread, near the cut-off or unstable dossiers come first")
        )
        self.anonymous = QCheckBox(_("Jurors as “Juror A, B…”"))
        self.anonymous.setChecked(True)
        self.anonymous.setToolTip(_("Hide the jurors' names on screen and on the projector"))
        self._build_buttons()
        self._lay_out()

    def _build_buttons(self) -> None:
        self.stability_button = QPushButton(_("Check stability"))
        self.stability_button.setToolTip(
            _(
                "Bootstrap over the jurors (the campaign's stability setting, as in the minutes): "
                "how often each dossier is within the places"
            )
        )
        self.projector_button = QPushButton(_("Projector"))
        self.projector_button.setToolTip(
            _("Show the dossier under discussion full screen ({key})").format(
                key=projector_key_text()
            )
        )
        self.draw_button = QPushButton(_("Draw…"))
        self.draw_button.setToolTip(
            _(
                "Where the rules allow it: draw the places left among the dossiers "
                "statistically indistinguishable at the line (audited)"
            )
        )
        self.attendance_button = QPushButton(_("Attendance…"))
        self.attendance_button.setToolTip(
            _("Record who is present at the meeting: the minutes list them")
        )

    def _lay_out(self) -> None:
        # The buttons beside the title, the view options beside the summary: all on one row
        # would make the window wider than a 1080p laptop at 200 % (960 points) in French.
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        buttons = (
            self.stability_button,
            self.draw_button,
            self.attendance_button,
            self.projector_button,
        )
        for button in buttons:
            top.addWidget(button, 0, Qt.AlignmentFlag.AlignBottom)
        second = QHBoxLayout()
        second.addWidget(self.summary, 1)
        second.addWidget(self.order)
        second.addWidget(self.anonymous)
        column.addLayout(top)
        column.addLayout(second)

    def discussion_first(self) -> bool:
        return bool(self.order.currentData())

    def show_summary(self, summary: MeetingSummary | None, stability_running: bool) -> None:
        """``summary`` None: no ranking, nothing to deliberate on (the buttons are off)."""
        self.stability_button.setText(
            _("Cancel the stability check") if stability_running else _("Check stability")
        )
        for widget in (self.stability_button, self.projector_button, self.order):
            widget.setEnabled(summary is not None)
        if summary is None:
            self.summary.setText(_("Open a campaign with a ranking to deliberate."))
            return
        self.summary.setText(summary_text(summary))
        self.summary.setStyleSheet("color: palette(highlight);" if summary.over_places else "")
