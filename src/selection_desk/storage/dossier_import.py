"""The SQL of the dossier import: saved mappings, dossier positions, attachment fingerprints.

Functions take a :class:`~selection_desk.storage.store.CampaignStore`; those that write must be
called inside ``store.transaction()``.
"""

from __future__ import annotations

import json

from selection_desk.storage.store import CampaignStore

MAPPING_SETTING = "dossier_import.mapping"
"""The column mapping of the last dossier list imported (JSON), reused by the next import."""
FIELD_TYPES_SETTING = "dossier_import.field_types"
"""Each dossier field's type as the last import read it (JSON: field → ``"money"``,
``"date:DMY"``…); the fields themselves keep the applicant's text."""


def read_setting(store: CampaignStore, key: str) -> str | None:
    row = store.db.execute("SELECT value FROM setting WHERE key = ?", [key]).fetchone()
    return None if row is None else str(row[0])


def write_setting(store: CampaignStore, key: str, value: str) -> None:
    store.db.execute(
        "INSERT INTO setting (key, value) VALUES (?, ?)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [key, value],
    )


def saved_mapping_json(store: CampaignStore) -> object | None:
    text = read_setting(store, MAPPING_SETTING)
    if text is None:
        return None
    try:
        value: object = json.loads(text)
        return value
    except json.JSONDecodeError:
        return None


def dossier_positions(store: CampaignStore) -> dict[str, int]:
    return dict(store.db.execute("SELECT ref, position FROM dossier").fetchall())


def attachment_fingerprints(store: CampaignStore) -> dict[tuple[str, str], str]:
    """(dossier ref, file name) → SHA-256 of every stored attachment."""
    rows = store.db.execute(
        "SELECT d.ref, a.file_name, a.sha256 FROM attachment a"
        " JOIN dossier d ON d.id = a.dossier_id"
    )
    return {(ref, name): digest for ref, name, digest in rows}


def attachment_counts(store: CampaignStore) -> dict[str, int]:
    rows = store.db.execute(
        "SELECT d.ref, count(*) FROM attachment a JOIN dossier d ON d.id = a.dossier_id"
        " GROUP BY a.dossier_id"
    )
    return {ref: count for ref, count in rows}


def saved_field_types(store: CampaignStore) -> dict[str, str]:
    """Field → type of the dossiers' fields (empty before any dossier list was imported)."""
    text = read_setting(store, FIELD_TYPES_SETTING)
    try:
        value = json.loads(text) if text is not None else {}
    except json.JSONDecodeError:
        return {}
    if not isinstance(value, dict):
        return {}
    return {str(key): str(kind) for key, kind in value.items()}
