"""The SQL of the dossier import: saved mappings, dossier positions, attachment fingerprints, each
field's type and personal-data flag (the ``dossier_field`` table).

Functions take a :class:`~selection_desk.storage.store.CampaignStore`; those that write must be
called inside ``store.transaction()``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from selection_desk.storage import schema
from selection_desk.storage.store import CampaignStore

MAPPING_SETTING = "dossier_import.mapping"
"""The column mapping of the last dossier list imported (JSON), reused by the next import."""


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
    return {name: metadata.kind for name, metadata in field_metadata(store).items()}


@dataclass(frozen=True)
class FieldMetadata:
    """What the campaign knows of one dossier field besides its values (migration 0014)."""

    name: str
    kind: str = "text"
    """As a mapping file spells it: ``"money"``, ``"date:DMY"``, ``"choices"``…"""
    personal: bool | None = None
    """Whether it holds personal data; ``None``: never decided (an older file, a workbook)."""


def field_metadata(store: CampaignStore) -> dict[str, FieldMetadata]:
    """Field name → its metadata, in the fields' order."""
    if not store.db["dossier_field"].exists():
        return _metadata_before_0014(store)
    rows = store.db.execute(
        "SELECT name, type, personal FROM dossier_field ORDER BY position, name"
    ).fetchall()
    return {
        name: FieldMetadata(name, kind, None if personal is None else bool(personal))
        for name, kind, personal in rows
    }


def write_field_metadata(store: CampaignStore, fields: Iterable[FieldMetadata]) -> None:
    """Store ``fields``' type and flag; a field new to the campaign goes after the others, one
    already known keeps its place (inside ``store.transaction()``)."""
    (last,) = store.db.execute("SELECT coalesce(max(position), -1) FROM dossier_field").fetchone()
    store.db.conn.executemany(
        "INSERT INTO dossier_field (name, position, type, personal) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (name) DO UPDATE SET type = excluded.type, personal = excluded.personal",
        [
            (
                metadata.name,
                last + 1 + index,
                metadata.kind,
                None if metadata.personal is None else int(metadata.personal),
            )
            for index, metadata in enumerate(fields)
        ],
    )


def _metadata_before_0014(store: CampaignStore) -> dict[str, FieldMetadata]:
    """A file older than migration 0014 (opened read-only, hence not migrated) keeps its fields'
    types in a setting."""
    text = read_setting(store, schema.FIELD_TYPES_SETTING_BEFORE_0014)
    types = schema.json_object(text) if text is not None else {}
    return {name: FieldMetadata(name, str(kind)) for name, kind in types.items()}
