"""Projector mode: the dossier under discussion, full screen, in large type.

Shown on a second screen when there is one (the secretary keeps the Deliberation page on the
laptop), on the window's own screen otherwise.  Presentation remotes send Page Down / Page Up:
they move to the next / previous dossier; Escape (or F11) leaves.  Juror names may be replaced
by "Juror A, B…" (the page's toggle).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QCloseEvent, QColor, QFont, QKeyEvent, QPainter, QPalette, QScreen
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from selection_desk.aggregation import DossierExplanation
from selection_desk.aggregation.agenda import AgendaItem, flag_label
from selection_desk.aggregation.robustness import CutoffZone
from selection_desk.domain import Criterion, Decision
from selection_desk.domain.quorum import votes_of
from selection_desk.i18n import _, format_number, ngettext
from selection_desk.labels import label
from selection_desk.ui.models.agenda_model import ZONE_MARK, is_dark, outcome_color


def choose_projector_screen(screens: Sequence[Any], current: Any) -> Any:
    """A screen other than the secretary's when there is one, else the secretary's."""
    others = [screen for screen in screens if screen is not current]
    return others[0] if others else current


@dataclass(frozen=True)
class Bar:
    caption: str
    share: float
    """0–1: the length of the bar."""
    text: str


class BarChart(QWidget):
    """Horizontal bars with their captions and values, drawn in the palette's colours."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bars: tuple[Bar, ...] = ()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_bars(self, bars: Sequence[Bar]) -> None:
        self.bars = tuple(bars)
        self.update()

    def paintEvent(self, event: Any) -> None:  # noqa: N802
        if not self.bars:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        metrics = painter.fontMetrics()
        row = min(self.height() / len(self.bars), metrics.height() * 2.2)
        caption_width = min(
            max(metrics.horizontalAdvance(bar.caption) for bar in self.bars) + 16,
            self.width() * 0.45,
        )
        value_width = max(metrics.horizontalAdvance(bar.text) for bar in self.bars) + 16
        track = max(self.width() - caption_width - value_width, 10)
        bar_color = palette.color(QPalette.ColorRole.Highlight)
        track_color = QColor(palette.color(QPalette.ColorRole.WindowText))
        track_color.setAlphaF(0.12)
        painter.setPen(palette.color(QPalette.ColorRole.WindowText))
        for index, bar in enumerate(self.bars):
            top = index * row
            text_rect = QRectF(0, top, caption_width - 12, row)
            caption = metrics.elidedText(
                bar.caption, Qt.TextElideMode.ElideRight, int(text_rect.width())
            )
            painter.drawText(
                text_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, caption
            )
            height = row * 0.55
            y = top + (row - height) / 2
            painter.fillRect(QRectF(caption_width, y, track, height), track_color)
            share = min(max(bar.share, 0.0), 1.0)
            painter.fillRect(QRectF(caption_width, y, track * share, height), bar_color)
            painter.drawText(
                QRectF(caption_width + track + 8, top, value_width, row),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                bar.text,
            )
        painter.end()


@dataclass(frozen=True)
class ProjectorContent:
    campaign: str
    position: int
    total: int
    places: int
    item: AgendaItem
    explanation: DossierExplanation | None
    criteria: tuple[Criterion, ...]
    juror_names: dict[str, str]
    decision: Decision | None
    zone: CutoffZone | None = None
    """The cut-off zone of the latest stability check (design §12), if there is one."""


def zone_line(content: ProjectorContent) -> str:
    """For a dossier of the cut-off zone, what the room must know before ranking it against its
    neighbours: it is statistically indistinguishable from them at the line."""
    zone = content.zone
    if zone is None or content.item.ref not in zone.refs:
        return ""
    others = len(zone.refs) - 1
    return f"{ZONE_MARK} " + ngettext(
        "Statistically indistinguishable at the line, with {others} other dossier "
        "(jury resampled {resamples} times)",
        "Statistically indistinguishable at the line, with {others} other dossiers "
        "(jury resampled {resamples} times)",
        others,
    ).format(others=others, resamples=format_number(zone.resamples, 0))


def criterion_bars(content: ProjectorContent) -> list[Bar]:
    bars = []
    for criterion in content.criteria:
        mean = content.item.entry.criteria.get(criterion.code)
        bars.append(
            Bar(
                criterion.label or criterion.code,
                0.0 if mean is None else criterion.normalise(mean),
                "—"
                if mean is None
                else _("{mean} / {top}").format(
                    mean=format_number(mean, 2), top=format_number(criterion.scale_max, None)
                ),
            )
        )
    return bars


def juror_bars(content: ProjectorContent) -> list[Bar]:
    if content.explanation is None:
        return []
    return [
        Bar(
            content.juror_names.get(juror.juror, juror.juror),
            juror.total / 100,
            format_number(juror.total, 1),
        )
        for juror in content.explanation.jurors
    ]


class ProjectorWindow(QWidget):
    next_requested = Signal()
    previous_requested = Signal()
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("projector")
        self.setWindowTitle(_("Selection Desk — projector"))
        self.setAutoFillBackground(True)
        layout = QVBoxLayout(self)
        self._layout = layout  # typed handle: QWidget.layout() is Optional
        self.context = QLabel()
        self.context.setObjectName("projectorContext")
        self.title = QLabel()
        self.title.setObjectName("projectorTitle")
        self.title.setWordWrap(True)
        self.facts = QLabel()
        self.facts.setObjectName("projectorFacts")
        self.facts.setWordWrap(True)
        self.flags = QLabel()
        self.flags.setObjectName("projectorFlags")
        self.flags.setWordWrap(True)
        self.zone = QLabel()
        self.zone.setObjectName("projectorZone")
        self.zone.setWordWrap(True)
        self.zone.hide()
        charts = QHBoxLayout()
        criteria_column = QVBoxLayout()
        self.criteria_caption = QLabel(_("Criteria (mean score)"))
        self.criteria_caption.setObjectName("projectorCaption")
        self.criteria_chart = BarChart()
        criteria_column.addWidget(self.criteria_caption)
        criteria_column.addWidget(self.criteria_chart, 1)
        jurors_column = QVBoxLayout()
        self.jurors_caption = QLabel(_("Jurors (total out of 100)"))
        self.jurors_caption.setObjectName("projectorCaption")
        self.jurors_chart = BarChart()
        jurors_column.addWidget(self.jurors_caption)
        jurors_column.addWidget(self.jurors_chart, 1)
        charts.addLayout(criteria_column, 3)
        charts.addSpacing(32)
        charts.addLayout(jurors_column, 2)
        self.decision = QLabel()
        self.decision.setObjectName("projectorDecision")
        self.decision.setWordWrap(True)
        self.help = QLabel(
            _("Page Down / Page Up: next / previous dossier · Escape: leave the projector")
        )
        self.help.setObjectName("projectorHelp")
        for plain in (self.context, self.title, self.facts, self.flags, self.zone, self.decision):
            plain.setTextFormat(Qt.TextFormat.PlainText)  # applicant text, never markup
        layout.addWidget(self.context)
        layout.addWidget(self.title)
        layout.addWidget(self.facts)
        layout.addWidget(self.flags)
        layout.addWidget(self.zone)
        layout.addLayout(charts, 1)
        layout.addWidget(self.decision)
        layout.addWidget(self.help)
        self.scale_type(768)

    def scale_type(self, screen_height: int) -> None:
        """Type sized for the back of the room: in proportion to the screen's height."""
        base = max(16, screen_height // 38)
        self.setStyleSheet(
            f"""
            QWidget#projector {{ font-size: {base}px; }}
            QLabel#projectorContext {{ font-size: {base}px; color: palette(text); }}
            QLabel#projectorTitle {{ font-size: {int(base * 2.4)}px; font-weight: 600; }}
            QLabel#projectorFacts {{ font-size: {int(base * 1.3)}px; }}
            QLabel#projectorFlags {{ font-size: {int(base * 1.1)}px; font-weight: 600; }}
            QLabel#projectorZone {{
                font-size: {int(base * 1.1)}px; font-weight: 600; color: palette(highlight);
            }}
            QLabel#projectorCaption {{
                font-size: {base}px; font-weight: 600; color: palette(text);
            }}
            QLabel#projectorDecision {{ font-size: {int(base * 1.4)}px; font-weight: 600; }}
            QLabel#projectorHelp {{ font-size: {max(12, base // 2)}px; color: palette(text); }}
            """
        )
        margin = base
        self._layout.setContentsMargins(margin * 2, margin, margin * 2, margin)
        chart_font = QFont(self.font())
        chart_font.setPixelSize(base)
        self.criteria_chart.setFont(chart_font)
        self.jurors_chart.setFont(chart_font)

    def show_on(self, screen: QScreen) -> None:
        self.setScreen(screen)
        geometry = screen.geometry()
        self.scale_type(geometry.height())
        self.setGeometry(geometry)
        self.showFullScreen()
        self.raise_()
        self.activateWindow()

    def show_content(self, content: ProjectorContent | None) -> None:
        if content is None:
            for widget in (self.context, self.title, self.facts, self.flags, self.decision):
                widget.clear()
            self.zone.clear()
            self.zone.hide()
            self.criteria_chart.set_bars([])
            self.jurors_chart.set_bars([])
            return
        entry = content.item.entry
        self.context.setText(
            ngettext(
                "{campaign} · dossier {position} of {total} · {places} place",
                "{campaign} · dossier {position} of {total} · {places} places",
                content.places,
            ).format(
                campaign=content.campaign,
                position=content.position,
                total=content.total,
                places=content.places,
            )
        )
        rank = f"{entry.rank}{' =' if entry.tied else ''}"
        self.title.setText(_("{rank}. {name}").format(rank=rank, name=entry.name))
        facts = [
            _("score {score}").format(
                score="—" if entry.score is None else format_number(entry.score, 2)
            ),
            _("{count} jurors").format(count=entry.jurors),
        ]
        if entry.spread is not None:
            facts.append(_("spread {spread}").format(spread=format_number(entry.spread, 1)))
        if content.item.p_top is not None:
            facts.append(
                _("within the places in {share} % of resamples").format(
                    share=format_number(100 * content.item.p_top, 0)
                )
            )
        self.facts.setText(" · ".join(facts))
        self.flags.setText(" · ".join(flag_label(flag) for flag in content.item.flags))
        self.flags.setStyleSheet(f"color: {'#f0a040' if is_dark() else '#b35300'};")
        self.flags.setVisible(bool(content.item.flags))
        self.zone.setText(zone_line(content))
        self.zone.setVisible(bool(self.zone.text()))
        self.criteria_chart.set_bars(criterion_bars(content))
        self.jurors_chart.set_bars(juror_bars(content))
        self._show_decision(content.decision)

    def _show_decision(self, decision: Decision | None) -> None:
        if decision is None:
            self.decision.setText(_("Not decided yet"))
            self.decision.setStyleSheet("")
            return
        parts = [label(decision.outcome).capitalize()]
        votes = votes_of(decision)
        if votes is not None:
            parts.append(
                _("{votes_for} for, {against} against, {abstain} abstaining").format(
                    votes_for=votes.votes_for, against=votes.against, abstain=votes.abstain
                )
            )
        text = " · ".join(parts)
        if decision.rationale:
            text += "\n" + decision.rationale
        self.decision.setText(text)
        self.decision.setStyleSheet(f"color: {outcome_color(decision.outcome).name()};")

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        if key in (Qt.Key.Key_PageDown, Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_Space):
            self.next_requested.emit()
        elif key in (Qt.Key.Key_PageUp, Qt.Key.Key_Left, Qt.Key.Key_Up, Qt.Key.Key_Backspace):
            self.previous_requested.emit()
        elif key in (Qt.Key.Key_Escape, Qt.Key.Key_F11, Qt.Key.Key_F5):
            self.close()
        else:
            super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.closed.emit()
        super().closeEvent(event)
