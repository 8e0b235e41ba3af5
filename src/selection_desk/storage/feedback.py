"""The secretary's approved feedback per dossier (table ``feedback_approval``, migration 0010).

The jurors' own texts are columns of ``review`` (``feedback``, beside the private ``comment``);
only the approved text of a dossier ever reaches the applicant's letter.
"""

from __future__ import annotations

from dataclasses import dataclass

from selection_desk.storage.store import CampaignStore


@dataclass(frozen=True)
class ApprovedFeedback:
    dossier: str
    text: str
    approved_at: str
    approved_by: str


def approved_feedback(store: CampaignStore) -> dict[str, ApprovedFeedback]:
    """Dossier ref → its approved feedback (dossiers not yet approved are absent)."""
    rows = store.db.execute(
        "SELECT d.ref, f.text, f.approved_at, f.approved_by"
        " FROM feedback_approval f JOIN dossier d ON d.id = f.dossier_id"
    )
    return {row[0]: ApprovedFeedback(*row) for row in rows}


def write_approval(store: CampaignStore, approval: ApprovedFeedback) -> None:
    store.db.execute(
        "INSERT INTO feedback_approval (dossier_id, text, approved_at, approved_by)"
        " VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET text = excluded.text,"
        " approved_at = excluded.approved_at, approved_by = excluded.approved_by",
        [
            store.dossier_id(approval.dossier),
            approval.text,
            approval.approved_at,
            approval.approved_by,
        ],
    )


def delete_approval(store: CampaignStore, ref: str) -> None:
    store.db.execute("DELETE FROM feedback_approval WHERE dossier_id = ?", [store.dossier_id(ref)])
