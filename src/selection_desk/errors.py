"""Typed errors of the core.

The core never formats a message for a user: it raises an error that carries a *code* and the
*facts* (file, sheet, row, column, value …).  The message is rendered in the user's language at the
edge (command line, GUI, reports) with :meth:`SelectionDeskError.message`.

Each module declares the messages of its own codes next to the code that raises them::

    SCORE_OFF_STEP = define_message(
        "score_off_step", N_("The score {value} is not a multiple of the step {step}."))
    raise InvalidInput(SCORE_OFF_STEP, value=3.3, step=0.5)

Templates are English source strings (``str.format`` fields); floats among the facts are formatted
for the active language (decimal comma in French) when the message is rendered.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from selection_desk.i18n import N_, _, format_number

_TEMPLATES: dict[str, str] = {}


def define_message(code: str, template: str) -> str:
    """Register the English template of ``code``; returns ``code`` for use as a constant."""
    existing = _TEMPLATES.get(code)
    if existing is not None and existing != template:
        raise ValueError(f"message code {code!r} is defined twice with different texts")
    _TEMPLATES[code] = template
    return code


def _display(value: Any) -> Any:
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, float):
        return format_number(value, decimals=None)
    return value


def render_message(code: str, facts: Mapping[str, Any]) -> str:
    template = _TEMPLATES.get(code)
    if template is None:
        return f"{code}: {dict(facts)}"
    return _(template).format(**{key: _display(value) for key, value in facts.items()})


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, located as precisely as the input allows.

    ``row`` is the 1-based row number a user sees in a spreadsheet; ``column`` the header text as
    written in the file.
    """

    code: str
    facts: Mapping[str, Any] = field(default_factory=dict)
    file: str | None = None
    sheet: str | None = None
    row: int | None = None
    column: str | None = None

    def message(self) -> str:
        return render_message(self.code, self.facts)

    def location(self) -> str:
        parts: list[str] = []
        if self.file:
            parts.append(_("file {file}").format(file=self.file))
        if self.sheet:
            parts.append(_("sheet {sheet}").format(sheet=self.sheet))
        if self.row is not None:
            parts.append(_("row {row}").format(row=self.row))
        if self.column:
            parts.append(_("column {column}").format(column=self.column))
        return ", ".join(parts)

    def describe(self) -> str:
        where = self.location()
        if not where:
            return self.message()
        # French sets a space before the colon: the separator is translated too.
        return _("{where}: {message}").format(where=where, message=self.message())


class SelectionDeskError(Exception):
    """Base of every error the core raises on purpose."""

    def __init__(self, code: str, /, **facts: Any) -> None:
        super().__init__(code)
        self.code = code
        self.facts = facts

    def message(self) -> str:
        return render_message(self.code, self.facts)

    def __str__(self) -> str:
        return self.message()


class InvalidInput(SelectionDeskError):
    """A value given by a user (command line, form) is not acceptable."""


class ValidationFailed(SelectionDeskError):
    """An input file has one or more problems; every problem is listed, nothing was written."""

    def __init__(self, problems: Iterable[Problem], **facts: Any) -> None:
        self.problems = tuple(problems)
        super().__init__(VALIDATION_FAILED, count=len(self.problems), **facts)

    def message(self) -> str:
        lines = [super().message()]
        lines.extend(f"  • {problem.describe()}" for problem in self.problems)
        return "\n".join(lines)


class CampaignFileError(SelectionDeskError):
    """The campaign file cannot be opened or used (not ours, newer, corrupt, in use)."""


class NotFound(SelectionDeskError):
    """A juror, dossier, criterion … named by the user does not exist."""


class FileWriteFailed(SelectionDeskError):
    """One output file (a report, a workbook, a sheet) could not be written: an export writing
    several files goes on with the others."""


class Cancelled(SelectionDeskError):
    """A long task was cancelled by the user; nothing was written."""


VALIDATION_FAILED = define_message(
    "validation_failed", N_("{count} problem(s) found; nothing was changed:")
)
CANCELLED = define_message("cancelled", N_("Cancelled; nothing was changed."))
