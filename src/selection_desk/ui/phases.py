"""The names of the main window's pages, without Qt: the command line offers them as choices
(``gui --page NAME``) and the manual has one section for each (``ui/help.py``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from selection_desk.domain import RoundKind

if TYPE_CHECKING:
    from selection_desk.ui.session import CampaignSession

PHASES = ("campaign", "dossiers", "hearing", "scoring", "ranking", "deliberation", "reports")
"""The phases of a campaign, in the order of the navigation list (design §8)."""

PAGES = ("welcome", *PHASES)
"""Every page the window shows: the welcome screen (no campaign open), then the phases."""


def shows_pitch_day(session: CampaignSession | None) -> bool:
    """Whether the navigation shows the Pitch day page: when the round shown is a hearing."""
    return session is not None and session.store.round.kind is RoundKind.HEARING
