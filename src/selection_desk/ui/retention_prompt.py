"""When a campaign is opened past its retention period (design §11), the app says so and proposes
to anonymise it: *Anonymise now* erases every applicant's personal data (statistics kept), *Remind
me later* asks again in :data:`REMIND_AFTER_DAYS` days (remembered per campaign)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings
from PySide6.QtWidgets import QMessageBox, QWidget

from selection_desk.errors import SelectionDeskError
from selection_desk.i18n import _
from selection_desk.services import op_changes
from selection_desk.services.retention import RetentionStatus, retention_status
from selection_desk.ui.messages import show_error

if TYPE_CHECKING:
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
        from selection_desk.services.erasure import anonymise_campaign, report_lines

        session = self.session
        if session is None:
            return
        try:
            report = anonymise_campaign(session.store)
        except SelectionDeskError as error:
            show_error(self.parent_widget, _("Anonymise the campaign"), error)
            return
        session.changed(op_changes.EVERYTHING)
        done = QMessageBox(
            QMessageBox.Icon.Information,
            _("Anonymise the campaign"),
            "\n".join(report_lines(report)),
            QMessageBox.StandardButton.Ok,
            self.parent_widget,
        )
        self.dialog = done
        done.open()
