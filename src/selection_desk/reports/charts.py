"""Charts of the PDF reports, drawn with reportlab graphics (vector, fonts embedded).

* :func:`score_chart` — the minutes: one horizontal bar per dossier in ranking order, the dossiers
  within the places in the accent colour, the cut-off drawn as a line;
* :func:`profile_chart` — a feedback letter: per criterion, the applicant's mean on the criterion's
  own scale and the cohort's median as a mark.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors

from selection_desk.i18n import format_number
from selection_desk.reports.pdf_common import (
    ACCENT,
    ACCENT_LIGHT,
    BOLD,
    CUTOFF,
    INK,
    MUTED,
    REGULAR,
    RULE,
    fit,
    register_fonts,
)

BAR_ROW = 13.0
CUTOFF_GAP = 12.0
ELIMINATED_FILL = colors.HexColor("#D9B8B8")
LABEL_SIZE = 7.5


@dataclass(frozen=True)
class ScoreBar:
    label: str
    score: float | None
    within_places: bool
    eliminated: bool


def score_chart(
    bars: Sequence[ScoreBar],
    width: float,
    *,
    scale_max: float | None,
    cutoff_after: int | None,
    language: str,
    cutoff_label: str,
) -> Drawing:
    """Bars of ``score`` from 0 (or the lowest score when some are negative, as z-scores are) to
    ``scale_max`` (or the highest score); ``cutoff_after``: how many bars are above the cut-off."""
    register_fonts()
    label_width = min(170.0, width * 0.36)
    value_width = 34.0
    plot_left = label_width + 6
    plot_width = width - plot_left - value_width
    has_cutoff = cutoff_after is not None and 0 < cutoff_after < len(bars)
    gap = CUTOFF_GAP if has_cutoff else 0.0
    height = BAR_ROW * len(bars) + gap + 16
    drawing = Drawing(width, height, initialFontName=REGULAR)
    values = [bar.score for bar in bars if bar.score is not None]
    low = min(0.0, *values) if values else 0.0
    high = scale_max if scale_max is not None else max([*values, low + 1.0])
    span = (high - low) or 1.0

    def x_of(value: float) -> float:
        return plot_left + plot_width * (value - low) / span

    def top_of(index: int) -> float:
        below_cutoff = has_cutoff and cutoff_after is not None and index >= cutoff_after
        return height - BAR_ROW * (index + 1) - (gap if below_cutoff else 0.0)

    for tick in range(5):
        value = low + span * tick / 4
        x = x_of(value)
        drawing.add(Line(x, 12, x, height, strokeColor=RULE, strokeWidth=0.4))
        drawing.add(
            String(
                x, 2, format_number(value, 0, language), fontName=REGULAR, fontSize=6.5,
                fillColor=MUTED, textAnchor="middle",
            )
        )  # fmt: skip
    for index, bar in enumerate(bars):
        top = top_of(index)
        label = fit(bar.label, REGULAR, LABEL_SIZE, label_width)
        drawing.add(
            String(
                label_width, top + 3.5, label, fontName=REGULAR, fontSize=LABEL_SIZE,
                fillColor=MUTED if bar.eliminated else INK, textAnchor="end",
            )
        )  # fmt: skip
        if bar.score is None:
            continue
        fill = ACCENT if bar.within_places else ACCENT_LIGHT
        if bar.eliminated:
            fill = ELIMINATED_FILL
        start, end = sorted((x_of(max(low, 0.0)), x_of(bar.score)))
        drawing.add(
            Rect(
                start, top + 2, max(end - start, 0.8), BAR_ROW - 4, fillColor=fill, strokeColor=None
            )
        )
        drawing.add(
            String(
                x_of(high) + 4, top + 3.5, format_number(bar.score, 1, language),
                fontName=REGULAR, fontSize=LABEL_SIZE, fillColor=INK,
            )
        )  # fmt: skip
    if has_cutoff and cutoff_after is not None:
        y = top_of(cutoff_after - 1) - gap / 2
        # The label sits in the labels' column, on the line's height, where no bar is drawn.
        drawing.add(
            Line(plot_left - 3, y, width, y, strokeColor=CUTOFF, strokeWidth=1,
                 strokeDashArray=[3, 2])
        )  # fmt: skip
        drawing.add(
            String(
                label_width, y - 2.3, cutoff_label, fontName=BOLD, fontSize=6.5,
                fillColor=CUTOFF, textAnchor="end",
            )
        )  # fmt: skip
    return drawing


@dataclass(frozen=True)
class ProfileRow:
    label: str
    value: float | None
    median: float | None
    scale_min: float
    scale_max: float


def profile_chart(
    rows: Sequence[ProfileRow], width: float, *, language: str, yours: str, cohort: str
) -> Drawing:
    """One track per criterion on its own scale: the applicant's mean as a bar, the cohort's
    median as a dark mark; a legend under the tracks."""
    register_fonts()
    row_height = 22.0
    label_width = min(190.0, width * 0.38)
    value_width = 70.0
    plot_left = label_width + 8
    plot_width = width - plot_left - value_width
    legend = 16.0
    height = row_height * len(rows) + legend + 4
    drawing = Drawing(width, height, initialFontName=REGULAR)
    for index, row in enumerate(rows):
        top = height - row_height * (index + 1)
        drawing.add(
            String(
                label_width, top + 8, fit(row.label, REGULAR, 8, label_width), fontName=REGULAR,
                fontSize=8, fillColor=INK, textAnchor="end",
            )
        )  # fmt: skip
        span = (row.scale_max - row.scale_min) or 1.0
        drawing.add(
            Rect(plot_left, top + 5, plot_width, 10, fillColor=colors.HexColor("#EEF1F5"),
                 strokeColor=RULE, strokeWidth=0.4)
        )  # fmt: skip
        if row.value is not None:
            share = min(max((row.value - row.scale_min) / span, 0.0), 1.0)
            drawing.add(
                Rect(plot_left, top + 5, max(plot_width * share, 0.8), 10, fillColor=ACCENT,
                     strokeColor=None)
            )  # fmt: skip
        if row.median is not None:
            share = min(max((row.median - row.scale_min) / span, 0.0), 1.0)
            x = plot_left + plot_width * share
            drawing.add(Line(x, top + 2, x, top + 18, strokeColor=INK, strokeWidth=2))
        shown = "—" if row.value is None else format_number(row.value, 1, language)
        drawing.add(
            String(
                plot_left + plot_width + 6, top + 8,
                f"{shown} / {format_number(row.scale_max, None, language)}",
                fontName=BOLD, fontSize=8, fillColor=INK,
            )
        )  # fmt: skip
    drawing.add(Rect(plot_left, 4, 14, 8, fillColor=ACCENT, strokeColor=None))
    drawing.add(String(plot_left + 18, 5, yours, fontName=REGULAR, fontSize=7.5, fillColor=INK))
    legend_x = plot_left + 18 + 12 + _width(yours, 7.5)
    drawing.add(Line(legend_x, 2, legend_x, 14, strokeColor=INK, strokeWidth=2))
    drawing.add(String(legend_x + 6, 5, cohort, fontName=REGULAR, fontSize=7.5, fillColor=INK))
    return drawing


def _width(value: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return float(stringWidth(value, REGULAR, size))
