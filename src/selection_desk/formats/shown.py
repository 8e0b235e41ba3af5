"""Facts of a message that are rendered in the user's language only when the message is shown.

Typed errors carry facts, and the message is rendered at the edge (:mod:`selection_desk.errors`);
a fact that is itself a word (“the reference”) or a large number (10485760) must follow the
language of the moment it is shown, not of the moment it was raised.  These wrappers are a ``str``
and an ``int`` (JSON and comparisons see the plain value) that format themselves for the active
language.
"""

from __future__ import annotations


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
