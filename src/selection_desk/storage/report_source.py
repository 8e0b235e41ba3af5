"""What the reports read beyond :class:`CampaignStore`'s domain reads."""

from __future__ import annotations

from collections.abc import Mapping

from selection_desk.storage.decisions import read_attendance, recorded_recusals
from selection_desk.storage.store import CampaignStore


def meeting_attendance(store: CampaignStore) -> tuple[str, ...] | None:
    """The codes of the jurors recorded as present at the meeting; ``None``: not recorded."""
    return read_attendance(store)


def decision_recusals(store: CampaignStore) -> Mapping[str, tuple[str, ...]]:
    """Dossier ref → jurors recorded as recused from its decision.

    A file of an older version opened read-only is not migrated and has no ``decision.recused``
    column yet: it recorded no recusal."""
    columns = {row[1] for row in store.db.execute("PRAGMA table_info(decision)")}
    return recorded_recusals(store) if "recused" in columns else {}
