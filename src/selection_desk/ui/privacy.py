"""Personal data in the app (design §11).

When a campaign is opened past its retention period, :class:`RetentionPrompt` says so and proposes
to anonymise it: *Anonymise now* erases every applicant's personal data (statistics kept), *Remind
me later* asks again in :data:`REMIND_AFTER_DAYS` days (remembered per campaign).  Erasures run
behind the session's progress dialog (a vacuum of a large file takes seconds), then
:func:`run_erasure` shows what they did."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings
from PySide6.QtWidgets import QMessageBox, QWidget

from selection_desk.i18n import _
from selection_desk.services import op_changes
from selection_desk.ui.messages import show_error

if TYPE_CHECKING:
    from selection_desk.services.erasure import ErasureReport
    from selection_desk.services.retention import RetentionStatus
    from selection_desk.storage.store import CampaignStore
    from selection_desk.ui.session import CampaignSession

REMIND_AFTER_DAYS = 30
REMIND_SETTING = "privacy/remind_after/{uid}"


class RetentionPrompt(QObject):
    def __init__(self, parent: QWidget, settings: QSettings) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.settings = settings
        self.dialog: QMessageBox | None = None
        self.session: CampaignSession | None = None

    def campaign_opened(self, session: CampaignSession) -> None:
        """Propose to anonymise a campaign past its retention period (not if reminded later)."""
        # The storage behind the retention query is imported once a campaign is open, not at start.
        from selection_desk.services.retention import retention_status

        self.session = session
        status = retention_status(session.store)
        if session.store.readonly or not status.past or self._reminded_later(session, status):
            return
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            _("Retention period over"),
            _(
                "This campaign keeps personal data {months} months after its last decision: "
                "that period ended on {date}."
            ).format(months=status.months, date=status.due_on),
            QMessageBox.StandardButton.NoButton,
            self.parent_widget,
        )
        box.setInformativeText(
            _(
                "Anonymising erases every applicant's name, fields, attachments and the texts "
                "about them, for good; scores, decisions and statistics stay under the references."
            )
        )
        anonymise = box.addButton(_("&Anonymise now"), QMessageBox.ButtonRole.DestructiveRole)
        later = box.addButton(_("&Remind me later"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(later)
        box.finished.connect(
            lambda _result: (
                self.anonymise() if box.clickedButton() is anonymise else self.remind_later()
            )
        )
        self.dialog = box
        box.open()

    def _key(self, session: CampaignSession) -> str:
        return REMIND_SETTING.format(uid=session.data.campaign.uid)

    def _reminded_later(self, session: CampaignSession, status: RetentionStatus) -> bool:
        stored = self.settings.value(self._key(session), "")
        return isinstance(stored, str) and stored > status.today.isoformat()

    def remind_later(self) -> None:
        if self.session is not None:
            day = datetime.now(UTC).date() + timedelta(days=REMIND_AFTER_DAYS)
            self.settings.setValue(self._key(self.session), day.isoformat())

    def anonymise(self) -> None:
        from selection_desk.services.erasure import anonymise_campaign

        if self.session is not None:
            self.dialog = None
            run_erasure(
                self.session,
                self.parent_widget,
                _("Anonymise the campaign"),
                anonymise_campaign,
                lambda box: setattr(self, "dialog", box),
            )


def run_erasure(
    session: CampaignSession,
    parent: QWidget,
    title: str,
    erase: Callable[[CampaignStore], ErasureReport],
    shown: Callable[[QMessageBox], None],
) -> None:
    """Run ``erase`` behind the session's progress dialog, then show what it did (``shown``
    receives the message box, for tests)."""
    from selection_desk.services.erasure import report_lines

    def done(report: ErasureReport) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Information,
            title,
            "\n".join(report_lines(report)),
            QMessageBox.StandardButton.Ok,
            parent,
        )
        shown(box)
        box.open()

    session.run_task(
        parent,
        title + "…",
        lambda store, _progress: erase(store),
        done,
        lambda error: show_error(parent, title, error),
        changes=op_changes.EVERYTHING,
    )
