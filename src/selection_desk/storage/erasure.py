"""The rows an applicant's erasure reads and rewrites (design §11), and the file's scrubbing.

What is personal, until imported fields carry their own flag: the dossier's name (replaced by its
ref), every imported field, every attachment (and its blob, unless another dossier shares it), and
the free texts written about the applicant — the jurors' comments and feedback, the approved
feedback, the decision's rationale, the reasons of declared conflicts — which may quote any of it.
Scores, reviews' statuses, decisions' outcomes and votes stay, under the ref.

No byte of it may stay in the file: the erasure runs with ``PRAGMA secure_delete`` on (SQLite
overwrites the space of every deleted or rewritten row with zeros, and the rollback journal that
holds the old pages during the transaction is deleted at COMMIT), then :func:`vacuum` rebuilds the
file.  A kill before COMMIT leaves the old file (its journal is rolled back at the next opening);
a kill after it leaves the erased one, whether or not the vacuum ran.
"""

from __future__ import annotations

import contextlib
import json
import mmap
import os
import re
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from selection_desk.domain import AuditEntry
from selection_desk.storage import audit
from selection_desk.storage.store import CampaignStore

MIN_NEEDLE = 4
"""Shorter values ("Oui", "12") are everywhere in the log: they are redacted with the entries
about the dossier, not searched for in every other entry."""


@dataclass(frozen=True)
class PersonalData:
    """What an erasure removes from one dossier, as it is before the erasure."""

    ref: str
    name: str
    fields: dict[str, str]
    attachments: tuple[tuple[str, str, int], ...]
    """(file name, SHA-256, size) of each attachment."""
    texts: tuple[str, ...]
    """The non-empty free texts written about the applicant."""

    @property
    def is_empty(self) -> bool:
        return self.name == self.ref and not (self.fields or self.attachments or self.texts)


_TEXTS = (
    "SELECT comment FROM review WHERE dossier_id = :id AND comment <> ''",
    "SELECT feedback FROM review WHERE dossier_id = :id AND feedback <> ''",
    "SELECT comment FROM score WHERE dossier_id = :id AND comment <> ''",
    "SELECT rationale FROM decision WHERE dossier_id = :id AND rationale <> ''",
    "SELECT text FROM feedback_approval WHERE dossier_id = :id AND text <> ''",
    "SELECT reason FROM conflict WHERE dossier_id = :id AND reason <> ''",
)


def personal_data(store: CampaignStore, ref: str) -> PersonalData:
    dossier_id = store.dossier_id(ref)
    name, fields = store.db.execute(
        "SELECT name, fields FROM dossier WHERE id = ?", [dossier_id]
    ).fetchone()
    attachments = store.db.execute(
        "SELECT file_name, sha256, size FROM attachment WHERE dossier_id = ? ORDER BY file_name",
        [dossier_id],
    ).fetchall()
    texts = [text for query in _TEXTS for (text,) in store.db.execute(query, {"id": dossier_id})]
    return PersonalData(
        ref, name, json.loads(fields), tuple(map(tuple, attachments)), tuple(dict.fromkeys(texts))
    )


def values_of_other_dossiers(store: CampaignStore, ref: str) -> set[str]:
    """Every field value of the other dossiers: a value one shares with others ("France") does not
    identify the applicant, and the entries that hold it are about the others too."""
    values: set[str] = set()
    for (fields,) in store.db.execute("SELECT fields FROM dossier WHERE ref <> ?", [ref]):
        values.update(str(value) for value in json.loads(fields).values())
    return values


def needles(data: PersonalData, shared: set[str]) -> tuple[str, ...]:
    """The erased values searched for in the log and, by the tests, in the file's bytes."""
    found = [data.name] if data.name != data.ref and len(data.name) >= 3 else []
    found += [
        str(value)
        for value in data.fields.values()
        if len(str(value)) >= MIN_NEEDLE and str(value) not in shared
    ]
    found += [name for name, _sha, _size in data.attachments if len(name) >= MIN_NEEDLE]
    found += [text for text in data.texts if len(text) >= MIN_NEEDLE]
    return tuple(dict.fromkeys(found))


_ERASE_STATEMENTS = (
    "UPDATE dossier SET name = ref, fields = '{{}}' WHERE {dossier}",
    "DELETE FROM attachment WHERE {dossier_id}",
    "UPDATE review SET comment = '', feedback = ''"
    " WHERE {dossier_id} AND (comment <> '' OR feedback <> '')",
    "UPDATE score SET comment = '' WHERE {dossier_id} AND comment <> ''",
    "UPDATE decision SET rationale = '' WHERE {dossier_id} AND rationale <> ''",
    "UPDATE conflict SET reason = '' WHERE {dossier_id} AND reason <> ''",
    "DELETE FROM feedback_approval WHERE {dossier_id}",
    # A content another dossier also holds stays, as theirs.
    "DELETE FROM blob WHERE sha256 IN (SELECT value FROM json_each(:blobs))"
    " AND NOT EXISTS (SELECT 1 FROM attachment a WHERE a.sha256 = blob.sha256)",
)


def erase_rows(store: CampaignStore, ref: str | None) -> None:
    """Rewrite the dossier ``ref`` — or every dossier, with ``None`` — to its ref alone."""
    if ref is None:
        where = {"dossier": "1", "dossier_id": "1"}
        parameters: dict[str, object] = {}
        blob_query = "SELECT DISTINCT sha256 FROM attachment"
    else:
        where = {"dossier": "id = :id", "dossier_id": "dossier_id = :id"}
        parameters = {"id": store.dossier_id(ref)}
        blob_query = "SELECT DISTINCT sha256 FROM attachment WHERE dossier_id = :id"
    blobs = [sha for (sha,) in store.db.execute(blob_query, parameters)]
    parameters["blobs"] = json.dumps(blobs)
    for statement in _ERASE_STATEMENTS:
        store.db.execute(statement.format(**where), parameters)


def about_dossier(ref: str) -> re.Pattern[str]:
    """An entity naming the dossier: ``dossier:R01``, ``score:J1/R01/C1``,
    ``juror:J1/dossier:R01``."""
    return re.compile(rf"(?:^|[:/]){re.escape(ref)}(?:$|/)")


def json_forms(needle: str) -> tuple[str, ...]:
    """A value as a JSON payload may spell it (quotes, backslashes and line breaks escaped)."""
    escaped = json.dumps(needle, ensure_ascii=False)[1:-1]
    ascii_escaped = json.dumps(needle)[1:-1]
    return tuple(dict.fromkeys((needle, escaped, ascii_escaped)))


def audit_entries_to_redact(
    db: Database, ref: str, searched: Iterable[str], before: int
) -> list[int]:
    """The entries before seq ``before`` whose payload is about the dossier or holds an erased
    value (erasures' own entries hold none and are kept)."""
    about = about_dossier(ref)
    forms = [form for needle in searched for form in json_forms(needle)]
    holds = re.compile("|".join(map(re.escape, forms))) if forms else None
    found = []
    rows = db.execute(
        "SELECT seq, entity, coalesce(before, ''), coalesce(after, '') FROM audit"
        " WHERE seq < ? AND redacted_by IS NULL AND (before IS NOT NULL OR after IS NOT NULL)"
        " AND action <> 'erase'",
        [before],
    )
    for seq, entity, old, new in rows:
        if about.search(entity) or (holds is not None and (holds.search(old) or holds.search(new))):
            found.append(seq)
    return found


def audit_entries_with_payload(db: Database, before: int) -> list[int]:
    """Every entry before seq ``before`` that still has a payload (an anonymisation redacts them
    all), but erasures' and anonymisations' own, which hold no erased data."""
    rows = db.execute(
        "SELECT seq FROM audit WHERE seq < ? AND redacted_by IS NULL"
        " AND (before IS NOT NULL OR after IS NOT NULL) AND action NOT IN ('erase', 'anonymise')",
        [before],
    )
    return [seq for (seq,) in rows]


@contextlib.contextmanager
def secure_delete(db: Database) -> Iterator[None]:
    """Deleted and rewritten rows are overwritten with zeros while this lasts."""
    db.execute("PRAGMA secure_delete = ON")
    try:
        yield
    finally:
        db.execute("PRAGMA secure_delete = OFF")


def vacuum(db: Database) -> None:
    """Rebuild the file (outside any transaction): no free page, no leftover of a deleted row."""
    with secure_delete(db):
        db.execute("VACUUM")


@dataclass(frozen=True)
class IssuedKit:
    juror: str
    kit_id: str
    issued_at: str


def kits_holding(store: CampaignStore, ref: str) -> tuple[IssuedKit, ...]:
    """The kits issued to jurors the dossier is given to (assigned, not conflicted): each copied
    the dossier when it was made."""
    rows = store.db.execute(
        "SELECT j.code, k.kit_id, k.issued_at FROM kit_issue k JOIN juror j ON j.id = k.juror_id"
        " JOIN dossier d ON d.ref = ?"
        " WHERE NOT EXISTS (SELECT 1 FROM conflict c"
        "                   WHERE c.juror_id = j.id AND c.dossier_id = d.id)"
        "   AND (NOT EXISTS (SELECT 1 FROM assignment)"
        "        OR EXISTS (SELECT 1 FROM assignment a"
        "                   WHERE a.juror_id = j.id AND a.dossier_id = d.id))"
        " ORDER BY k.issued_at, j.code",
        [ref],
    )
    return tuple(IssuedKit(*row) for row in rows)


UNERASED_DOSSIERS = """SELECT 1 FROM dossier d WHERE (
    d.name <> d.ref OR d.fields <> '{}'
    OR EXISTS (SELECT 1 FROM attachment a WHERE a.dossier_id = d.id)
    OR EXISTS (SELECT 1 FROM review r WHERE r.dossier_id = d.id AND r.comment <> '')
    OR EXISTS (SELECT 1 FROM score s WHERE s.dossier_id = d.id AND s.comment <> '')
    OR EXISTS (SELECT 1 FROM decision x WHERE x.dossier_id = d.id AND x.rationale <> ''))"""
"""The dossiers that still hold personal data (columns every file version has)."""
_UNERASED = UNERASED_DOSSIERS + " AND d.ref = :ref"


def _bytes_hold(path: Path, searched: Iterable[bytes]) -> bool:
    """Whether any of ``searched`` is in the file's bytes (mapped, not read: a backup of a large
    campaign is hundreds of megabytes)."""
    with path.open("rb") as handle:
        if os.fstat(handle.fileno()).st_size == 0:
            return False
        with mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as content:
            return any(content.find(needle) != -1 for needle in searched)


def copy_holds(path: Path, refs: Iterable[str], searched: Iterable[bytes]) -> bool:
    """Whether a copy of the campaign (a backup) holds any of the dossiers' data: rows not erased,
    or an erased value anywhere in its bytes (its audit log)."""
    if _bytes_hold(path, searched):
        return True
    uri = f"{path.resolve().as_uri()}?mode=ro"
    try:
        with contextlib.closing(sqlite3.connect(uri, uri=True)) as connection:
            return any(
                connection.execute(_UNERASED, {"ref": ref}).fetchone() is not None for ref in refs
            )
    except sqlite3.DatabaseError:
        return True  # unreadable: it may hold anything


def audit_entries_about(db: Database, ref: str) -> list[AuditEntry]:
    """The entries whose entity names dossier ``ref`` (its scores, reviews, decision…)."""
    about = about_dossier(ref)
    return [entry for entry in audit.entries(db) if about.search(entry.entity)]
