"""Colours derived from the palette, so that light and dark modes both read well.

Nothing here is a fixed light colour: tints mix the palette's own roles, and the few colours with a
meaning (a warning, a threshold) come in a light-mode and a dark-mode shade chosen from the
palette's lightness.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication


def palette() -> QPalette:
    return QApplication.palette()


def is_dark(colours: QPalette | None = None) -> bool:
    colours = colours or palette()
    return colours.color(QPalette.ColorRole.Window).lightness() < 128


def mix(first: QColor, second: QColor, share: float) -> QColor:
    """``share`` of ``second`` over ``first`` (0: first, 1: second)."""
    return QColor.fromRgbF(
        first.redF() + (second.redF() - first.redF()) * share,
        first.greenF() + (second.greenF() - first.greenF()) * share,
        first.blueF() + (second.blueF() - first.blueF()) * share,
    )


def role(which: QPalette.ColorRole, colours: QPalette | None = None) -> QColor:
    return (colours or palette()).color(which)


def selected_tint(colours: QPalette | None = None) -> QColor:
    """Background of the rows within the places: the base, lightly tinted with the highlight."""
    colours = colours or palette()
    return mix(
        colours.color(QPalette.ColorRole.Base), colours.color(QPalette.ColorRole.Highlight), 0.16
    )


def muted_text(colours: QPalette | None = None) -> QColor:
    colours = colours or palette()
    return mix(colours.color(QPalette.ColorRole.Text), colours.color(QPalette.ColorRole.Base), 0.45)


def warning(colours: QPalette | None = None) -> QColor:
    """Text that calls for attention (high spread, a lenient or severe juror)."""
    return QColor("#f0a040") if is_dark(colours) else QColor("#a34d00")


def danger(colours: QPalette | None = None) -> QColor:
    """Eliminatory thresholds, scores below them."""
    return QColor("#ff7b72") if is_dark(colours) else QColor("#b42318")


def positive(colours: QPalette | None = None) -> QColor:
    """A dossier moving up, a lenient juror's bar."""
    return QColor("#6cc486") if is_dark(colours) else QColor("#1a7f37")
