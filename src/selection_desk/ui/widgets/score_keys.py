"""What a keystroke in a score box means, without Qt: testable on its own.

A juror types scores the way they would write them: ``4``, ``3,5`` or ``3.5``, ``15`` on a 0–20
scale.  A separator right after a whole number adds a half point at once (``3,`` → 3.5), so that
a half point costs one keystroke.  Each keystroke leaves a *buffer* (what the box shows while
typing) and, when the buffer is a complete score on the criterion's scale and step, that value —
which the page saves at once.  A digit that cannot continue the buffer starts a new score
(``4`` then ``2`` on a 0–5 scale gives 2, not 42).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from selection_desk.domain import Criterion

SEPARATORS = ",."
MAX_LISTED_VALUES = 5000


@dataclass(frozen=True)
class Keystroke:
    buffer: str
    """What the box shows now (a ``.`` stands for either separator)."""
    value: float | None
    """The complete score the buffer means, or ``None`` while it is incomplete."""
    accepted: bool = True
    """False: the key means nothing here (the box refuses it, nothing changes)."""


def parse(text: str) -> float | None:
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _text(value: float) -> str:
    return f"{value:.6f}".rstrip("0").rstrip(".")


class ScoreTyping:
    """Interprets keystrokes for one criterion's scale."""

    def __init__(self, criterion: Criterion) -> None:
        self.criterion = criterion
        count = (
            round((criterion.scale_max - criterion.scale_min) / criterion.step) + 1
            if criterion.step > 0
            else 0
        )
        self._texts: tuple[str, ...] = ()
        if 0 < count <= MAX_LISTED_VALUES:
            self._texts = tuple(
                _text(criterion.scale_min + i * criterion.step) for i in range(count)
            )

    def valid(self, value: float | None) -> bool:
        return value is not None and self.criterion.accepts(value)

    def _complete(self, buffer: str) -> float | None:
        value = parse(buffer)
        if buffer.endswith(".") or not self.valid(value):
            return None
        return value

    def _prefix(self, buffer: str) -> bool:
        """Whether more keystrokes could still make ``buffer`` a valid score."""
        if not self._texts:
            return parse(buffer + "0") is not None or buffer in ("", "-")
        return any(text.startswith(buffer) for text in self._texts)

    def key(self, buffer: str, char: str, current: float | None = None) -> Keystroke:
        """``char`` typed after ``buffer`` (``""``: the first key since the box took focus);
        ``current`` is the saved score, which a lone separator halves up from."""
        if char in SEPARATORS:
            return self._separator(buffer, current)
        if char.isdigit() or (char == "-" and self.criterion.scale_min < 0):
            return self._digit(buffer, char)
        return Keystroke(buffer, self._complete(buffer), accepted=False)

    def _digit(self, buffer: str, char: str) -> Keystroke:
        for candidate in (buffer + char, char):
            value = self._complete(candidate)
            if value is not None or self._prefix(candidate):
                return Keystroke(candidate, value)
        return Keystroke(buffer, self._complete(buffer), accepted=False)

    def _separator(self, buffer: str, current: float | None) -> Keystroke:
        if "." in buffer:
            return Keystroke(buffer, self._complete(buffer), accepted=False)
        if not buffer and current is not None:
            buffer = _text(math.floor(current))
        whole = parse(buffer)
        if whole is None:
            return Keystroke(buffer, None, accepted=False)
        half = whole - 0.5 if buffer.startswith("-") else whole + 0.5
        if self.valid(half):
            return Keystroke(buffer + ".", half)
        if self._prefix(buffer + "."):
            return Keystroke(buffer + ".", None)
        return Keystroke(buffer, self._complete(buffer), accepted=False)

    def backspace(self, buffer: str) -> Keystroke:
        """``value`` ``None`` with an empty buffer: the score is to be cleared."""
        shorter = buffer[:-1]
        return Keystroke(shorter, self._complete(shorter))

    def stepped(self, current: float | None, steps: int) -> float:
        """``current`` moved by ``steps`` steps, kept on the scale (from nothing: the bottom going
        up, the top going down)."""
        c = self.criterion
        step = c.step if c.step > 0 else 1.0
        if current is None:
            return c.scale_min if steps > 0 else c.scale_max
        value = current + steps * step
        value = min(max(value, c.scale_min), c.scale_max)
        # Snap onto the step grid (a value imported off-grid moves onto it).
        snapped = c.scale_min + round((value - c.scale_min) / step) * step
        return round(min(max(snapped, c.scale_min), c.scale_max), 9)
