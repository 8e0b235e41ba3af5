"""A number box that shows numbers as people write them."""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QDoubleSpinBox


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
