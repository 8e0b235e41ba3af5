"""The campaign's retention period (design §11): how many months after its last decision the
applicants' personal data is kept, a ``setting`` row (covered by the state digest, like every
setting); and the facts the reminder reads (the last decision, whether any dossier still holds
personal data)."""

from __future__ import annotations

from selection_desk.storage.erasure import UNERASED_DOSSIERS
from selection_desk.storage.store import CampaignStore

RETENTION_SETTING = "privacy.retention_months"
DEFAULT_RETENTION_MONTHS = 24


def retention_months(store: CampaignStore) -> int:
    row = store.db.execute(
        "SELECT value FROM setting WHERE key = ?", [RETENTION_SETTING]
    ).fetchone()
    return DEFAULT_RETENTION_MONTHS if row is None else int(row[0])


def write_retention_months(store: CampaignStore, months: int) -> None:
    store.db.execute(
        "INSERT INTO setting (key, value) VALUES (?, ?)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [RETENTION_SETTING, str(months)],
    )


def last_decision_at(store: CampaignStore) -> str | None:
    """When the latest decision was taken (ISO text); ``None`` without a dated decision."""
    row = store.db.execute("SELECT max(decided_at) FROM decision WHERE decided_at <> ''").fetchone()
    return None if row is None or row[0] is None else str(row[0])


def holds_personal_data(store: CampaignStore) -> bool:
    """Whether any dossier still holds personal data (not every one erased yet)."""
    return bool(store.db.execute(f"SELECT EXISTS ({UNERASED_DOSSIERS})").fetchone()[0])
