"""A ballot opened like a document (``selection-desk gui BALLOT``, a double-click on it): the app
offers to merge it into the last campaign opened, which it opens first."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox, QWidget

from selection_desk.errors import SelectionDeskError
from selection_desk.i18n import _
from selection_desk.ui import recent_files

if TYPE_CHECKING:
    from selection_desk.ui.main_window import MainWindow


def ask_to_merge(parent: QWidget, question: str) -> bool:
    answer = QMessageBox.question(parent, _("Merge ballots"), question)
    return answer == QMessageBox.StandardButton.Yes


def tell(parent: QWidget, text: str) -> None:
    QMessageBox.information(parent, _("Merge ballots"), text)


def last_campaign(settings: QSettings) -> Path | None:
    """The most recent file that is a campaign: juror kits (also remembered) take no ballots."""
    from selection_desk.storage.kits import is_juror_kit
    from selection_desk.storage.store import CampaignStore

    for path in recent_files.recent_files(settings):
        try:
            with CampaignStore.open(path, readonly=True) as store:
                if not is_juror_kit(store):
                    return path
        except SelectionDeskError:
            continue  # a sealed kit, a damaged or foreign file
    return None


def offer_ballot_merge(window: MainWindow, ballot: Path) -> None:
    """Ask first; on yes, open the last campaign and merge the ballot once it is loaded (a ballot
    never goes into a file the user did not see named)."""
    campaign = last_campaign(window.settings)
    if campaign is None:
        tell(
            window,
            _("Open the campaign first, then merge {ballot} (File menu).").format(
                ballot=ballot.name
            ),
        )
        return
    question = _("Merge the ballot {ballot} into the campaign {campaign}?").format(
        ballot=ballot.name, campaign=campaign.name
    )
    if not ask_to_merge(window, question):
        return

    def merge_when_loaded(loaded: Path) -> None:
        window.campaign_loaded.disconnect(merge_when_loaded)
        if loaded.resolve() == campaign.resolve():
            window.offline.merge_ballots([ballot])

    window.campaign_loaded.connect(merge_when_loaded)
    window.open_file(campaign)
