"""What the campaign set-up use cases share (design §8, issue 5): the default actor, who scores,
and the clean-up and checks of typed values.

The set-up is split per entity — :mod:`~selection_desk.services.campaign_settings`,
:mod:`~selection_desk.services.criteria`, :mod:`~selection_desk.services.jurors`,
:mod:`~selection_desk.services.conflicts`, :mod:`~selection_desk.services.assignments` — and every
use case there follows one contract: it validates first (typed errors; bad input changes nothing),
then makes its change in one ``BEGIN IMMEDIATE`` transaction with its audit entry, and returns what
changed — enough for the set-up page to undo it by calling the inverse use case, which is audited
in turn:

=========================  ==============================================================
change                     inverse
=========================  ==============================================================
``update_campaign(new)``   ``update_campaign(change.before)``
``add_criterion``          ``delete_criterion(code, restore=change)``
``edit_criterion``         ``edit_criterion(new code, change.before…, restore=change)``
``delete_criterion``       ``add_criterion(old, position, restore=change)``
``reorder_criteria``       ``reorder_criteria(change.before order)``
``replace_criteria``       ``replace_criteria(change.before, restore=change)``
``add_juror``              ``delete_juror``
``edit_juror``             ``edit_juror(before, pin_hash=change.before_pin_hash)``
``delete_juror``           ``add_juror(before, restore=change.removed)``
``apply_juror_import``     ``revert_juror_import``
``declare_conflict``       ``remove_conflict(restore=change)`` (or the previous reason)
``remove_conflict``        ``declare_conflict(previous reason)``
``set_assignments`` & co   ``set_assignments(change.before, restore=change)``
=========================  ==============================================================

A change that would cost jurors work (scores removed, final reviews reopened or deleted) raises
:class:`~selection_desk.services.setup_impact.NeedsConfirmation` describing exactly that, and
happens only when called again with ``confirm=True``.  ``restore`` puts back what the change being
undone removed — only where nothing newer took its place.
"""

from __future__ import annotations

from selection_desk.domain import SCORING_ROLES as _SCORING_ROLES
from selection_desk.errors import InvalidInput, define_message
from selection_desk.formats.cell_values import (
    MAX_MAGNITUDE,
    NUMBER_TOO_LARGE,
    NotANumberError,
    NumberTooLargeError,
    bounded,
)
from selection_desk.i18n import N_

ACTOR = "secretary"
SCORING_ROLES = tuple(sorted(_SCORING_ROLES))
"""Who scores, and so who is given dossiers (secretaries and observers take part in the meeting
but do not score)."""

NOT_FINITE = define_message("setup_not_finite", N_("{value} is not a usable number."))
CODE_EMPTY = define_message("setup_code_empty", N_("The code must not be empty."))


def clean_text(value: str) -> str:
    """A typed text as stored: without the spaces around it."""
    return value.strip()


def finite(value: float) -> float:
    """``value`` as a float, or a typed error when it is not a usable number (NaN, infinite) or
    lies beyond the bound every input of the app shares (the command line's, the workbooks',
    the ballots': :func:`~selection_desk.formats.cell_values.bounded`), so that nothing later
    overflows (SQLite's 64-bit integers, the formatting of numbers)."""
    try:
        return float(bounded(value))
    except NumberTooLargeError:
        raise InvalidInput(NUMBER_TOO_LARGE, value=str(value), limit=MAX_MAGNITUDE) from None
    except NotANumberError:
        raise InvalidInput(NOT_FINITE, value=str(value)) from None
