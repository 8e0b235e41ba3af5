"""Use case: the campaign's retention period and whether it has passed (design §11).

``retention_months`` (default 24) counts from the campaign's last decision; once past, while any
dossier still holds personal data, the app proposes ``anonymise`` when the campaign is opened
(:func:`retention_status`), and ``retention FILE`` says so on the command line.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from selection_desk.errors import InvalidInput, define_message
from selection_desk.i18n import N_
from selection_desk.storage import retention as retention_rows
from selection_desk.storage.store import CampaignStore

DEFAULT_ACTOR = "secretary"
MAX_RETENTION_MONTHS = 600
RETENTION_OUT_OF_RANGE = define_message(
    "retention_out_of_range",
    N_("The retention period must be a whole number of months from 1 to 600 (here {value})."),
)


@dataclass(frozen=True)
class RetentionStatus:
    months: int
    last_decision: date | None
    """The day of the campaign's last decision; ``None`` before any decision."""
    holds_personal_data: bool
    today: date

    @property
    def due_on(self) -> date | None:
        """The day from which the personal data should be anonymised."""
        if self.last_decision is None:
            return None
        return add_months(self.last_decision, self.months)

    @property
    def past(self) -> bool:
        """The period is over and some dossier still holds personal data."""
        due = self.due_on
        return self.holds_personal_data and due is not None and self.today >= due


def add_months(day: date, months: int) -> date:
    """``day`` plus ``months`` calendar months (the 31st becomes the month's last day)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for last_day in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last_day))
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has 28 days")


def retention_status(store: CampaignStore, today: date | None = None) -> RetentionStatus:
    last = retention_rows.last_decision_at(store)
    return RetentionStatus(
        months=retention_rows.retention_months(store),
        last_decision=_day(last),
        holds_personal_data=retention_rows.holds_personal_data(store),
        today=today or datetime.now(UTC).date(),
    )


def _day(stored: str | None) -> date | None:
    """The day of a stored timestamp (decisions imported from a workbook may carry any text)."""
    try:
        return None if stored is None else date.fromisoformat(stored[:10])
    except ValueError:
        return None


def set_retention_months(store: CampaignStore, months: int, *, actor: str = DEFAULT_ACTOR) -> int:
    """Set the retention period (audited); returns the one before."""
    if (
        isinstance(months, bool)
        or not isinstance(months, int)
        or not 1 <= months <= MAX_RETENTION_MONTHS
    ):
        raise InvalidInput(RETENTION_OUT_OF_RANGE, value=months)
    before = retention_rows.retention_months(store)
    if before != months:
        with store.transaction():
            retention_rows.write_retention_months(store, months)
            store.record_audit(actor, "retention", "campaign", before=before, after=months)
    return before


def retention_months(store: CampaignStore) -> int:
    """The campaign's retention period, in months after its last decision."""
    return retention_rows.retention_months(store)
