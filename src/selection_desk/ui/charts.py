"""Charts of the Ranking page, drawn with QPainter (QtCharts is deprecated since Qt 6.10).

* :class:`ScoreDistributionChart`: a histogram of the dossiers' scores, those within the places in
  the highlight colour, the cut-off as a dashed line and the selected dossier marked;
* :class:`CriterionProfileChart`: per criterion, the selected dossier's mean against the cohort
  (the middle half of the dossiers as a band, the median as a tick, the range as a whisker) and the
  eliminatory threshold.

What they show is computed by plain functions (:func:`distribution_data`, :func:`profile_rows`,
:func:`histogram`) so that it is tested without painting.  Colours come from the palette.
numpy loads with the first data to chart (computed after the ranking, which loads it), not with
the page: the window paints its first page without it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetrics, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from selection_desk.domain import Criterion, Method
from selection_desk.i18n import _, format_number, ngettext
from selection_desk.ui import theme

if TYPE_CHECKING:
    from selection_desk.aggregation import Ranking

BOUNDED_METHODS = frozenset({Method.MEAN, Method.MEDIAN, Method.TRIMMED, Method.BORDA})
"""Methods whose score lies on 0–100."""
HISTOGRAM_BINS = 20


# -- what the charts show -------------------------------------------------------------------


@dataclass(frozen=True)
class Histogram:
    edges: tuple[float, ...]
    """``bins + 1`` edges from the low end to the high end."""
    selected: tuple[int, ...]
    """Per bin, how many dossiers within the places."""
    others: tuple[int, ...]


def histogram(
    selected: Sequence[float], others: Sequence[float], low: float, high: float, bins: int
) -> Histogram:
    import numpy as np

    edges = np.linspace(low, high, bins + 1)
    inside, _e = np.histogram(np.clip(np.asarray(selected, dtype=float), low, high), bins=edges)
    outside, _e = np.histogram(np.clip(np.asarray(others, dtype=float), low, high), bins=edges)
    return Histogram(tuple(edges.tolist()), tuple(inside.tolist()), tuple(outside.tolist()))


@dataclass(frozen=True)
class DistributionData:
    selected: tuple[float, ...]
    """Scores of the dossiers within the places."""
    others: tuple[float, ...]
    """Scores of the other ranked dossiers (eliminated and unscored ones are counted apart)."""
    left_out: int
    """Eliminated or unscored dossiers, not in the histogram."""
    low: float
    high: float
    cutoff: float | None
    """Where the cut-off line goes: halfway between the last selected and the next score."""
    marker: float | None
    marker_label: str
    axis_title: str
    bins: int
    places: int = 1


def score_axis(method: Method, scores: Sequence[float], dossiers: int) -> tuple[float, float, int]:
    """The x range and the number of bins: zoomed on the scores, on round bin edges."""
    if method is Method.SCHULZE:
        high = float(max(1, dossiers - 1))
        return 0.0, high, max(1, min(HISTOGRAM_BINS, int(high)))
    if not scores:
        return (0.0, 100.0, HISTOGRAM_BINS) if method in BOUNDED_METHODS else (-1.0, 1.0, 8)
    low, high = min(scores), max(scores)
    step = _nice_step(max(high - low, 1e-6), HISTOGRAM_BINS)
    if method in BOUNDED_METHODS:
        step = max(step, 0.5)
    start = math.floor(low / step) * step
    end = math.ceil(high / step) * step
    if end - start < step * 4:  # too few bins: widen around the scores
        middle = (start + end) / 2
        start, end = middle - 2 * step, middle + 2 * step
    if method in BOUNDED_METHODS:
        start, end = max(0.0, start), min(100.0, end)
        if end <= start:
            start, end = 0.0, 100.0
    return start, end, max(1, round((end - start) / step))


def axis_title(method: Method) -> str:
    if method is Method.ZSCORE:
        return _("Score (standard deviations from each juror's mean)")
    if method is Method.SCHULZE:
        return _("Score (dossiers beaten, Schulze)")
    if method is Method.BORDA:
        return _("Score (Borda, 0–100)")
    return _("Score (0–100)")


def distribution_data(ranking: Ranking, selected_ref: str | None = None) -> DistributionData:
    chosen: list[float] = []
    others: list[float] = []
    left_out = 0
    marker = None
    marker_label = ""
    for entry in ranking.entries:
        if entry.ref == selected_ref and entry.score is not None:
            marker, marker_label = entry.score, entry.ref
        if entry.eliminated or entry.score is None:
            left_out += 1
        elif entry.above_cutoff:
            chosen.append(entry.score)
        else:
            others.append(entry.score)
    cutoff = None
    if chosen and others:
        cutoff = (min(chosen) + max(others)) / 2
    low, high, bins = score_axis(ranking.method, chosen + others, len(ranking.entries))
    return DistributionData(
        tuple(chosen),
        tuple(others),
        left_out,
        low,
        high,
        cutoff,
        marker,
        marker_label,
        axis_title(ranking.method),
        bins,
        ranking.places,
    )


@dataclass(frozen=True)
class ProfileRow:
    code: str
    label: str
    low: float
    high: float
    value: float | None
    """The dossier's mean on the criterion; ``None``: no juror counted."""
    q1: float | None
    median: float | None
    q3: float | None
    minimum: float | None
    maximum: float | None
    threshold: float | None

    @property
    def below_threshold(self) -> bool:
        return self.value is not None and self.threshold is not None and self.value < self.threshold


@dataclass(frozen=True, eq=False)
class Cohort:
    """Per criterion, the quartiles, minimum and maximum of the dossiers' means."""

    codes: tuple[str, ...]
    stats: dict[str, tuple[float, float, float, float, float] | None]

    @classmethod
    def of(cls, ranking: Ranking, criteria: Sequence[Criterion]) -> Cohort:
        import numpy as np

        codes = tuple(criterion.code for criterion in criteria)
        # One pass over the entries; None (no juror) becomes NaN.
        means = np.array(
            [[entry.criteria.get(code) for code in codes] for entry in ranking.entries],
            dtype=np.float64,
        ).reshape(len(ranking.entries), len(codes))
        stats: dict[str, tuple[float, float, float, float, float] | None] = {}
        for column, code in enumerate(codes):
            values = means[:, column]
            values = values[~np.isnan(values)]
            if values.size == 0:
                stats[code] = None
                continue
            q1, median, q3 = np.percentile(values, [25, 50, 75]).tolist()
            stats[code] = (q1, median, q3, float(values.min()), float(values.max()))
        return cls(codes, stats)


def profile_rows(
    ranking: Ranking, criteria: Sequence[Criterion], ref: str, cohort: Cohort | None = None
) -> tuple[ProfileRow, ...]:
    cohort = cohort or Cohort.of(ranking, criteria)
    entry = ranking.entry(ref)
    rows = []
    for criterion in criteria:
        stats = cohort.stats.get(criterion.code)
        q1, median, q3, minimum, maximum = stats if stats is not None else (None,) * 5
        rows.append(
            ProfileRow(
                criterion.code,
                criterion.label,
                criterion.scale_min,
                criterion.scale_max,
                entry.criteria.get(criterion.code),
                q1,
                median,
                q3,
                minimum,
                maximum,
                criterion.threshold,
            )
        )
    return tuple(rows)


# -- painting -------------------------------------------------------------------------------


def _nice_step(span: float, target: int) -> float:
    raw = span / max(1, target)
    magnitude = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1.0
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


def _number(value: float) -> str:
    return format_number(value, 0 if float(value).is_integer() else 1)


class _Chart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, False)

    def _colours(self) -> QPalette:
        return self.palette()

    def _empty(self, painter: QPainter, text: str) -> None:
        painter.setPen(theme.muted_text(self._colours()))
        painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, text)


class ScoreDistributionChart(_Chart):
    """Histogram of the scores with the cut-off and the selected dossier."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data: DistributionData | None = None
        self.setMinimumSize(280, 170)
        self.setAccessibleName(_("Distribution of the scores"))

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(460, 220)

    def set_data(self, data: DistributionData | None) -> None:
        self.data = data
        self.update()

    def histogram(self) -> Histogram | None:
        data = self.data
        if data is None:
            return None
        return histogram(data.selected, data.others, data.low, data.high, data.bins)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        try:
            self._paint(painter)
        finally:
            painter.end()

    def _paint(self, painter: QPainter) -> None:
        data, counts = self.data, self.histogram()
        colours = self._colours()
        if data is None or counts is None or not (data.selected or data.others):
            self._empty(painter, _("No scores to chart yet."))
            return
        metrics = QFontMetrics(self.font())
        line = metrics.height()
        tallest = max(
            (a + b for a, b in zip(counts.selected, counts.others, strict=True)), default=1
        )
        y_step = max(1.0, _nice_step(tallest, 4))
        y_top = max(y_step, math.ceil(tallest / y_step) * y_step)
        left = metrics.horizontalAdvance(_number(y_top)) + 12
        top = line * 1.6
        bottom = 4 * line + 22  # tick labels, axis title, a legend of up to two lines
        plot = QRectF(left, top, self.width() - left - 12, self.height() - top - bottom)
        if plot.width() < 40 or plot.height() < 30:
            return
        text = colours.color(QPalette.ColorRole.WindowText)
        grid = theme.mix(colours.color(QPalette.ColorRole.Window), text, 0.15)

        def x_of(value: float) -> float:
            share = (value - data.low) / ((data.high - data.low) or 1.0)
            return plot.left() + share * plot.width()

        def y_of(count: float) -> float:
            return plot.bottom() - count / y_top * plot.height()

        # Grid and y labels (counts of dossiers).
        painter.setFont(self.font())
        tick = 0.0
        while tick <= y_top + 1e-9:
            y = y_of(tick)
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(text)
            painter.drawText(
                QRectF(0, y - line / 2, left - 6, line),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                _number(tick),
            )
            tick += y_step
        # Bars: the places in the highlight colour, stacked over the others.
        chosen_colour = colours.color(QPalette.ColorRole.Highlight)
        other_colour = theme.mix(colours.color(QPalette.ColorRole.Window), text, 0.35)
        edges = counts.edges
        for index, (inside, outside) in enumerate(zip(counts.selected, counts.others, strict=True)):
            x0, x1 = x_of(edges[index]) + 1, x_of(edges[index + 1]) - 1
            if outside:
                painter.fillRect(
                    QRectF(x0, y_of(outside), x1 - x0, plot.bottom() - y_of(outside)), other_colour
                )
            if inside:
                painter.fillRect(
                    QRectF(
                        x0, y_of(outside + inside), x1 - x0, y_of(outside) - y_of(outside + inside)
                    ),
                    chosen_colour,
                )
        # X axis and its labels.
        painter.setPen(QPen(text, 1))
        painter.drawLine(QPointF(plot.left(), plot.bottom()), QPointF(plot.right(), plot.bottom()))
        x_step = _nice_step(data.high - data.low, 5)
        tick = math.ceil(data.low / x_step) * x_step
        while tick <= data.high + 1e-9:
            x = x_of(tick)
            painter.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + 4))
            painter.drawText(
                QRectF(x - 40, plot.bottom() + 5, 80, line),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                _number(tick),
            )
            tick += x_step
        painter.drawText(
            QRectF(plot.left(), plot.bottom() + line + 6, plot.width(), line),
            Qt.AlignmentFlag.AlignHCenter,
            data.axis_title,
        )
        legend = _("{selected} within the places · {others} others").format(
            selected=format_number(len(data.selected), 0),
            others=format_number(len(data.others), 0),
        )
        if data.left_out:
            legend += " · " + _("{count} eliminated or not scored").format(
                count=format_number(data.left_out, 0)
            )
        painter.setPen(theme.muted_text(colours))
        painter.drawText(
            QRectF(0, plot.bottom() + 2 * line + 8, self.width(), 2 * line + 4),
            Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap,
            legend,
        )
        # The cut-off and the selected dossier.
        if data.cutoff is not None:
            x = x_of(data.cutoff)
            pen = QPen(text, 1.5, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawLine(QPointF(x, plot.top() - line * 0.3), QPointF(x, plot.bottom()))
            caption = ngettext(
                "cut-off ({places} place)", "cut-off ({places} places)", data.places
            ).format(places=data.places)
            width = metrics.horizontalAdvance(caption) + 4
            marker_right = data.marker is None or x_of(data.marker) >= x
            if marker_right and x - width - 4 < 0:
                marker_right = False
            box = (
                QRectF(x - width - 4, 0, width, line * 1.2)
                if marker_right
                else QRectF(x + 4, 0, width, line * 1.2)
            )
            painter.drawText(box, Qt.AlignmentFlag.AlignVCenter, caption)
        if data.marker is not None:
            x = x_of(data.marker)
            painter.setPen(QPen(text, 1.5))
            painter.setBrush(QBrush(text))
            size = 5.0
            painter.drawPolygon(
                [
                    QPointF(x - size, plot.top() - 2 * size),
                    QPointF(x + size, plot.top() - 2 * size),
                    QPointF(x, plot.top()),
                ]
            )
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
            # The reference beside the marker, on the side away from the cut-off label.
            right_side = data.cutoff is None or x >= x_of(data.cutoff)
            width = metrics.horizontalAdvance(data.marker_label) + 4
            if right_side and x + size + 2 + width > self.width():
                right_side = False
            elif not right_side and x - size - 2 - width < 0:
                right_side = True
            box = QRectF(x + size + 2 if right_side else x - size - 2 - width, 0, width, line * 1.2)
            painter.drawText(box, Qt.AlignmentFlag.AlignVCenter, data.marker_label)


class CriterionProfileChart(_Chart):
    """Per criterion: the selected dossier against the cohort, on each criterion's own scale."""

    ROW_HEIGHT = 30

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: tuple[ProfileRow, ...] = ()
        self.title = ""
        self.setMinimumSize(280, 120)
        self.setAccessibleName(_("Profile of the dossier per criterion"))

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(460, max(160, (len(self.rows) + 3) * self.ROW_HEIGHT))

    def set_rows(self, rows: Sequence[ProfileRow], title: str = "") -> None:
        self.rows = tuple(rows)
        self.title = title
        self.updateGeometry()
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        try:
            self._paint(painter)
        finally:
            painter.end()

    def _paint(self, painter: QPainter) -> None:
        colours = self._colours()
        if not self.rows:
            self._empty(painter, _("Select a dossier to see its profile."))
            return
        metrics = QFontMetrics(self.font())
        line = metrics.height()
        text = colours.color(QPalette.ColorRole.WindowText)
        muted = theme.muted_text(colours)
        label_width = min(150, max(metrics.horizontalAdvance(row.label) for row in self.rows) + 8)
        value_width = metrics.horizontalAdvance("00,0 / 00") + 8
        track_left = label_width + 8
        track_right = self.width() - value_width - 8
        if track_right - track_left < 40:
            return
        top = 0.0
        if self.title:
            painter.setPen(text)
            painter.drawText(
                QRectF(0, 0, self.width(), line), Qt.AlignmentFlag.AlignLeft, self.title
            )
            top = line + 4
        legend_height = 2 * line + 12
        row_height = min(
            float(self.ROW_HEIGHT),
            (self.height() - top - legend_height) / max(1, len(self.rows)),
        )
        band = theme.mix(colours.color(QPalette.ColorRole.Window), text, 0.22)
        highlight = colours.color(QPalette.ColorRole.Highlight)
        danger = theme.danger(colours)
        for index, row in enumerate(self.rows):
            middle = top + (index + 0.5) * row_height
            span = (row.high - row.low) or 1.0

            def x_of(value: float, row: ProfileRow = row, span: float = span) -> float:
                share = min(1.0, max(0.0, (value - row.low) / span))
                return track_left + share * (track_right - track_left)

            painter.setPen(text)
            painter.drawText(
                QRectF(0, middle - line / 2, label_width, line),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                metrics.elidedText(row.label, Qt.TextElideMode.ElideRight, label_width),
            )
            painter.setPen(QPen(theme.mix(colours.color(QPalette.ColorRole.Window), text, 0.3), 1))
            painter.drawLine(QPointF(track_left, middle), QPointF(track_right, middle))
            if row.minimum is not None and row.maximum is not None:
                painter.setPen(QPen(muted, 1))
                painter.drawLine(
                    QPointF(x_of(row.minimum), middle - 3), QPointF(x_of(row.minimum), middle + 3)
                )
                painter.drawLine(
                    QPointF(x_of(row.maximum), middle - 3), QPointF(x_of(row.maximum), middle + 3)
                )
            if row.q1 is not None and row.q3 is not None:
                painter.fillRect(
                    QRectF(x_of(row.q1), middle - 6, max(2.0, x_of(row.q3) - x_of(row.q1)), 12),
                    band,
                )
            if row.median is not None:
                painter.setPen(QPen(text, 2))
                painter.drawLine(
                    QPointF(x_of(row.median), middle - 7), QPointF(x_of(row.median), middle + 7)
                )
            if row.threshold is not None:
                painter.setPen(QPen(danger, 2, Qt.PenStyle.DotLine))
                painter.drawLine(
                    QPointF(x_of(row.threshold), middle - row_height / 2 + 3),
                    QPointF(x_of(row.threshold), middle + row_height / 2 - 3),
                )
            value_text = "—"
            if row.value is not None:
                colour = danger if row.below_threshold else highlight
                painter.setPen(QPen(colours.color(QPalette.ColorRole.Base), 1.5))
                painter.setBrush(QBrush(colour))
                painter.drawEllipse(QPointF(x_of(row.value), middle), 6.0, 6.0)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                value_text = f"{format_number(row.value, 1)} / {_number(row.high)}"
            painter.setPen(danger if row.below_threshold else text)
            painter.drawText(
                QRectF(track_right + 8, middle - line / 2, value_width, line),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                value_text,
            )
        self._legend(painter, top + len(self.rows) * row_height + 6, line, band, highlight, danger)

    def _legend(
        self,
        painter: QPainter,
        y: float,
        line: int,
        band: QColor,
        highlight: QColor,
        danger: QColor,
    ) -> None:
        colours = self._colours()
        metrics = QFontMetrics(self.font())
        x = 0.0
        items = (
            ("dot", highlight, _("this dossier")),
            ("band", band, _("middle half of the dossiers")),
            ("tick", colours.color(QPalette.ColorRole.WindowText), _("median")),
            ("threshold", danger, _("eliminatory threshold")),
        )
        for kind, colour, caption in items:
            width = metrics.horizontalAdvance(caption)
            if x > 0 and x + 16 + width > self.width():
                x, y = 0.0, y + line + 4
            middle = y + line / 2
            if kind == "dot":
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QBrush(colour))
                painter.drawEllipse(QPointF(x + 6, middle), 5.0, 5.0)
                painter.setBrush(Qt.BrushStyle.NoBrush)
            elif kind == "band":
                painter.fillRect(QRectF(x, middle - 5, 12, 10), colour)
            elif kind == "tick":
                painter.setPen(QPen(colour, 2))
                painter.drawLine(QPointF(x + 6, middle - 6), QPointF(x + 6, middle + 6))
            else:
                painter.setPen(QPen(colour, 2, Qt.PenStyle.DotLine))
                painter.drawLine(QPointF(x + 6, middle - 6), QPointF(x + 6, middle + 6))
            painter.setPen(theme.muted_text(colours))
            painter.drawText(
                QRectF(x + 16, y, width + 4, line), Qt.AlignmentFlag.AlignVCenter, caption
            )
            x += 16 + width + 14
