"""Use case: which dossier fields hold personal data, and of which type each field is; a typed
workbook cell given back its applicant's text on import.

The dossier import stores both per field (``dossier_field``, migration 0014).  Fields it never
decided — a campaign imported before 0014, fields that came from a campaign workbook — are
detected here from their header and values, the same way the import does
(:mod:`~selection_desk.formats.personal_fields`).  Erasure and the pseudonymised exports ask
:func:`personal_field_names`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date

from selection_desk.domain import CampaignData, Dossier
from selection_desk.formats.column_types import TYPE_SAMPLE_ROWS
from selection_desk.formats.personal_fields import detect_personal_columns
from selection_desk.formats.typed_values import same_typed_value
from selection_desk.storage import dossier_import as sql
from selection_desk.storage.store import CampaignStore


def personal_field_names(store: CampaignStore, today: date | None = None) -> tuple[str, ...]:
    """The names of the dossier fields that hold personal data, in the fields' order."""
    return personal_fields_of(store.dossiers(), sql.field_metadata(store), today)


def personal_fields_of(
    dossiers: Sequence[Dossier],
    metadata: dict[str, sql.FieldMetadata],
    today: date | None = None,
) -> tuple[str, ...]:
    """The personal fields among ``dossiers``' fields: as ``metadata`` says, else detected."""
    names = list(dict.fromkeys([*metadata, *(name for d in dossiers for name in d.fields)]))
    decided = {name: flag for name, item in metadata.items() if (flag := item.personal) is not None}
    undecided = [name for name in names if name not in decided]
    if undecided:
        sample = dossiers[:TYPE_SAMPLE_ROWS]
        samples = {name: [d.fields.get(name, "") for d in sample] for name in undecided}
        found = detect_personal_columns(undecided, samples, today or date.today())
        decided.update((name, reason is not None) for name, reason in found.items())
    return tuple(name for name in names if decided[name])


def field_types(store: CampaignStore) -> dict[str, str]:
    """Field → the type the import stored (``"money"``, ``"date:DMY"``); fields without one
    are read from their text alone (:func:`~selection_desk.formats.typed_values.typed_field`)."""
    return sql.saved_field_types(store)


def workbook_field_types(store: CampaignStore, incoming: CampaignData) -> dict[str, str]:
    """Field → type of the fields a campaign workbook brings that the campaign holds no type for,
    as the workbook's typed cells tell them (a campaign's own types, decided by its imports and
    the secretary, are never overruled by a spreadsheet)."""
    known = sql.field_metadata(store)
    names = dict.fromkeys(name for dossier in incoming.dossiers for name in dossier.fields)
    return {
        name: kind
        for name in names
        if name not in known and (kind := incoming.field_types.get(name)) is not None
    }


def store_field_types(store: CampaignStore, types: Mapping[str, str]) -> None:
    """Keep ``types`` (of fields new to the campaign) with the campaign; whether they hold
    personal data stays undecided (detected when asked).  Inside ``store.transaction()``."""
    sql.write_field_metadata(store, [sql.FieldMetadata(name, kind) for name, kind in types.items()])


def keep_applicants_texts(
    existing: Sequence[Dossier], incoming: Sequence[Dossier], types: Mapping[str, str]
) -> tuple[Dossier, ...]:
    """``incoming`` (read from a campaign workbook) with each typed cell that holds the same
    value as the campaign's field given back the applicant's text: “125 000 €” exported as the
    number 125000 comes back as “125 000 €”, not as “125000”."""
    before = {dossier.ref: dossier for dossier in existing}
    kept: list[Dossier] = []
    for dossier in incoming:
        old = before.get(dossier.ref)
        if old is None:
            kept.append(dossier)
            continue
        fields = {
            name: (
                old.fields[name]
                if name in old.fields and same_typed_value(old.fields[name], types.get(name), text)
                else text
            )
            for name, text in dossier.fields.items()
        }
        kept.append(replace(dossier, fields=fields))
    return tuple(kept)
