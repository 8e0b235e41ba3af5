"""The text form of a criterion's rubric levels, as typed in one spreadsheet cell.

``0=Absent; 1=Faible; 2,5=Moyen : le projet est esquissé`` — each level is ``value = label``,
optionally followed by ``: descriptor``.  Levels are separated by semicolons, or by line breaks when
the cell has any: the export writes one level per line, so that a descriptor may hold semicolons.
"""

from __future__ import annotations

from collections.abc import Iterable

from selection_desk.domain.model import RubricLevel
from selection_desk.formats.cell_values import NotANumberError, parse_number, plain_number


class LevelSyntaxError(ValueError):
    """One part of the cell is not ``value = label``; ``part`` is that part as written."""

    def __init__(self, part: str) -> None:
        super().__init__(part)
        self.part = part


def parse_levels(text: str) -> tuple[RubricLevel, ...]:
    return tuple(_parse_level(part) for part in _level_parts(text))


def _level_parts(text: str) -> list[str]:
    if "\n" in text:
        parts = [line.strip().rstrip(";") for line in text.splitlines()]
    else:
        parts = text.split(";")
    return [part.strip() for part in parts if part.strip()]


def _parse_level(part: str) -> RubricLevel:
    value_text, equals, rest = part.partition("=")
    label, _colon, descriptor = rest.partition(":")
    if not equals or not label.strip():
        raise LevelSyntaxError(part)
    try:
        value = parse_number(value_text)
    except NotANumberError:
        raise LevelSyntaxError(part) from None
    return RubricLevel(value, label.strip(), descriptor.strip())


def format_levels(levels: Iterable[RubricLevel], decimal_comma: bool = False) -> str:
    """One level per line; a descriptor's own line breaks become spaces (they separate levels)."""
    return "\n".join(_format_level(level, decimal_comma) for level in levels)


def _format_level(level: RubricLevel, decimal_comma: bool) -> str:
    text = f"{plain_number(level.value, decimal_comma)} = {_one_line(level.label)}"
    if level.descriptor:
        text += f" : {_one_line(level.descriptor)}"
    return text


def _one_line(text: str) -> str:
    return " ".join(text.splitlines())
