"""The names of the main window's pages, without Qt: the command line offers them as choices
(``gui --page NAME``) and the manual has one section for each (``ui/help.py``)."""

from __future__ import annotations

PHASES = ("campaign", "dossiers", "hearing", "scoring", "ranking", "deliberation", "reports")
"""The phases of a campaign, in the order of the navigation list (design §8)."""

PAGES = ("welcome", *PHASES)
"""Every page the window shows: the welcome screen (no campaign open), then the phases."""
