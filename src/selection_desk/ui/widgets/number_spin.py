"""Number boxes: one that shows numbers as people write them, and the one rule for the range of
every number box whose value reaches the campaign file."""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QDoubleSpinBox, QSpinBox

from selection_desk.formats.cell_values import MAX_MAGNITUDE

SMALLEST_POSITIVE = 0.01
"""The smallest positive number a two-decimal box shows: the least weight or step it takes."""

LARGEST_SPIN_INT = 2**31 - 1
"""A :class:`QSpinBox` holds a C ``int``: whole-number boxes stop there (far beyond any count
of places, resamples or a seed a committee types; below :data:`MAX_MAGNITUDE`)."""


class NumberSpin(QDoubleSpinBox):
    """A number as people write it: ``2``, ``2.5`` (``2,5`` in French), not ``2.00``."""

    def textFromValue(self, value: float) -> str:  # noqa: N802
        locale = self.locale()
        locale.setNumberOptions(QLocale.NumberOption.OmitGroupSeparator)
        text = locale.toString(value, "f", self.decimals())
        point = locale.decimalPoint()
        if point in text:
            text = text.rstrip("0").rstrip(point)
        return text


def set_number_range(
    spin: QSpinBox | QDoubleSpinBox,
    minimum: float = -MAX_MAGNITUDE,
    maximum: float = MAX_MAGNITUDE,
) -> None:
    """Gives ``spin`` the range ``[minimum, maximum]`` kept within the bound every service
    shares (±:data:`~selection_desk.formats.cell_values.MAX_MAGNITUDE`, refused beyond by
    :func:`~selection_desk.services.setup_common.finite`) and, for a whole-number box, within
    a C ``int``: a number typed there is clamped to what the service accepts, never refused
    after the fact.

    A field whose service has a narrower rule passes it (minutes of a pitch, months kept, the
    voters present); the others take the whole bound, so that a value imported from a workbook
    is shown as it is rather than clamped and written back changed by the next edit."""
    low = max(minimum, -MAX_MAGNITUDE)
    high = min(maximum, MAX_MAGNITUDE)
    if isinstance(spin, QSpinBox):
        spin.setRange(int(max(low, -LARGEST_SPIN_INT - 1)), int(min(high, LARGEST_SPIN_INT)))
    else:
        spin.setRange(low, high)
