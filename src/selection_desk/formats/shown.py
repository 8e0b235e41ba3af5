"""Facts of a message that are rendered in the user's language only when the message is shown.

Typed errors carry facts, and the message is rendered at the edge (:mod:`selection_desk.errors`);
a fact that is itself a word (“the reference”) or a large number (10485760) must follow the
language of the moment it is shown, not of the moment it was raised.  These wrappers are a ``str``
and an ``int`` (JSON and comparisons see the plain value) that format themselves for the active
language.  :func:`terminal_safe` keeps what came from a file from steering the terminal it is
printed on; :func:`terminal_safe_stdout` applies it to everything a command prints.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO


class TranslatedWhenShown(str):
    """An English source string (marked with ``N_``), translated when the message is rendered."""

    __slots__ = ()

    def __format__(self, spec: str) -> str:
        from selection_desk.i18n import _

        return format(_(str(self)), spec)


class LocalNumber(int):
    """A count shown with the language's digit grouping: 10 485 760 in French, 10,485,760 in
    English."""

    __slots__ = ()

    def __format__(self, spec: str) -> str:
        if spec:
            return int.__format__(self, spec)
        from selection_desk.i18n import format_number

        return format_number(int(self), decimals=0)


_UNPRINTABLE = re.compile(
    "[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def terminal_safe(text: str) -> str:
    """``text`` with its control characters written as escapes (``\\x1b``): a file name or a cell
    from an applicant's file cannot move the cursor, recolour or retitle the terminal, nor
    reorder what is shown (bidirectional overrides)."""
    return _UNPRINTABLE.sub(lambda match: _escape(match.group()), text)


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_lines(text: str) -> str:
    """:func:`terminal_safe` on each line of ``text``: its line breaks stay line breaks."""
    return "\n".join(terminal_safe(line) for line in text.split("\n"))


class _TerminalSafeWriter:
    """A text stream that writes :func:`terminal_lines` of what it is given to ``stream``."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(terminal_lines(text))
        return len(text)

    def __getattr__(self, name: str) -> Any:  # flush, fileno, isatty, encoding …
        return getattr(self._stream, name)


@contextmanager
def terminal_safe_stdout() -> Iterator[None]:
    """Everything printed to ``sys.stdout`` inside passes through :func:`terminal_lines`: dossier
    names in ``rank``, ballot names and uids in ``merge``, any text a command takes from a file.
    JSON stays valid: control characters are already escaped in it, and ``\\u202e`` is a JSON
    escape too."""
    original = sys.stdout
    sys.stdout = _TerminalSafeWriter(original)
    try:
        yield
    finally:
        sys.stdout = original
