"""``selection-desk check FILE [--head HASH] [--kit KIT]``: integrity, foreign keys, the audit
chain, the database's own rules (its triggers) and the conflict-of-interest rule, read-only.

The chain proves that no entry was altered in place, not that none was cut off the end or that the
whole chain was not recomputed: anchors kept outside the file must all still be in it — the hash
``--head`` names (the minutes print the latest one), the head each automatic backup of the
campaign keeps in its name (:func:`storage.backups.backup_heads`) and the campaign's head each
kit recorded when it was issued (passed in as :class:`Anchor`).  A raw SQLite client that drops a
trigger (the append-only audit log, the conflict rule, a kit's guards) is found by comparing the
triggers with those this version creates.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from sqlite_utils import Database

from selection_desk.i18n import _, ngettext
from selection_desk.storage import audit, backups, state_digest
from selection_desk.storage.campaign_file import last_writer_version, open_campaign_file
from selection_desk.storage.schema import migrations


@dataclass(frozen=True)
class Anchor:
    """A hash of the campaign's audit chain kept outside the file, or its start."""

    source: str
    """Where it was kept, as the report names it: a backup's or a kit's file."""
    hash: str


@dataclass(frozen=True)
class CheckReport:
    path: Path
    schema_version: int
    integrity: tuple[str, ...]
    """``PRAGMA integrity_check`` findings; empty when the file is sound."""
    foreign_key_violations: tuple[str, ...]
    audit_entries: int
    audit_breaks: tuple[audit.ChainBreak, ...] = field(default_factory=tuple)
    latest_hash: str = audit.GENESIS_HASH
    rule_violations: tuple[str, ...] = ()
    """Triggers missing, altered or added, and scores of conflicted pairs."""
    head: str | None = None
    head_found: bool = True
    """Whether the chain holds ``head``, the hash published outside the file (``--head``)."""
    written_by: str | None = None
    """The app version that last wrote the file (``None``: before versions were recorded)."""
    anchors_checked: int = 0
    anchors_missing: tuple[Anchor, ...] = ()
    """Backups' and kits' heads that the chain does not hold."""
    redactions: tuple[audit.Redaction, ...] = ()
    """Payloads of entries set to NULL by an erasure (not a fault: the chain still verifies)."""

    @property
    def ok(self) -> bool:
        return not (
            self.integrity
            or self.foreign_key_violations
            or self.audit_breaks
            or self.rule_violations
            or not self.head_found
            or self.anchors_missing
        )

    def lines(self) -> list[str]:
        """The report as ``check`` prints it, in the user's language."""
        lines = [
            _("File: {path} (format {version})").format(
                path=self.path, version=self.schema_version
            ),
            _("Last written by: Selection Desk {version}").format(version=self.written_by)
            if self.written_by
            else _("Last written by: an unknown version (before 0.1.0)"),
            _("Integrity: {result}").format(result=_joined(self.integrity)),
            _("Foreign keys: {result}").format(result=_joined(self.foreign_key_violations)),
            _("Rules of the database: {result}").format(result=_joined(self.rule_violations)),
        ]
        if self.audit_breaks:
            broken = ", ".join(str(seq) for seq in sorted({b.seq for b in self.audit_breaks}))
            lines.append(
                _("Audit log: {count} entries, chain BROKEN at entries {where}").format(
                    count=self.audit_entries, where=broken
                )
            )
        else:
            lines.append(
                _("Audit log: {count} entries, chain intact; latest hash {hash}").format(
                    count=self.audit_entries, hash=self.latest_hash
                )
            )
        if self.head is not None:
            lines.append(
                _("Published hash {hash}: found in the chain").format(hash=self.head)
                if self.head_found
                else _(
                    "Published hash {hash}: NOT in the chain (entries were cut off or the chain "
                    "was rewritten after it was published)"
                ).format(hash=self.head)
            )
        return lines + self._redaction_lines() + self._anchor_lines()

    def _redaction_lines(self) -> list[str]:
        return [
            ngettext(
                "Redacted by the erasure of {at} (entry {seq}): {count} entry, about {entities}",
                "Redacted by the erasure of {at} (entry {seq}): {count} entries, about {entities}",
                redaction.count,
            ).format(
                at=redaction.at,
                seq=redaction.by_seq,
                count=redaction.count,
                entities=", ".join(redaction.entities),
            )
            for redaction in self.redactions
        ]

    def _anchor_lines(self) -> list[str]:
        if not self.anchors_checked:
            return []
        if not self.anchors_missing:
            return [
                _("Hashes kept in backups and kits: {count} checked, all in the chain").format(
                    count=self.anchors_checked
                )
            ]
        return [
            _(
                "{source} keeps hash {hash}, which is NOT in the chain: entries were cut off or "
                "the chain was rewritten after it was taken"
            ).format(source=anchor.source, hash=anchor.hash)
            for anchor in self.anchors_missing
        ]


def _joined(findings: tuple[str, ...]) -> str:
    return _("ok") if not findings else "; ".join(findings)


def check_campaign_file(
    path: Path, *, head: str | None = None, anchors: tuple[Anchor, ...] = ()
) -> CheckReport:
    """The file's report; ``anchors`` (the kits' heads) are checked with the automatic backups'."""
    with open_campaign_file(path, readonly=True) as campaign_file:
        db = campaign_file.db
        anchors += tuple(
            Anchor(backup.name, backup_head)
            for backup, backup_head in backups.backup_heads(campaign_file)
        )
        integrity = tuple(row[0] for row in db.execute("PRAGMA integrity_check") if row[0] != "ok")
        violations = _foreign_key_violations(db)
        count, breaks = audit.verify_chain(db)
        version = db.execute("PRAGMA user_version").fetchone()[0]
        return CheckReport(
            path=path,
            schema_version=version,
            integrity=integrity,
            foreign_key_violations=violations,
            audit_entries=count,
            audit_breaks=tuple(breaks),
            latest_hash=audit.latest_hash(db),
            rule_violations=_trigger_changes(db) + _scored_conflicts(db) + _changed_rows(db),
            head=head,
            head_found=head is None or _chain_holds(db, head.strip().lower()),
            written_by=last_writer_version(db),
            anchors_checked=len(anchors),
            anchors_missing=tuple(a for a in anchors if not _chain_holds(db, a.hash.lower())),
            redactions=audit.redactions(db),
        )


def _chain_holds(db: Database, digest: str) -> bool:
    """Whether an entry's hash is ``digest`` or starts with it (backups keep its first
    :data:`~storage.backups.HEAD_CHARS` digits); the hash before the first entry is held by every
    chain."""
    if len(digest) < backups.HEAD_CHARS:
        return False
    if audit.GENESIS_HASH.startswith(digest):
        return True
    # A head taken before migration 0012 re-based the chain is an entry's old hash (storage.audit).
    found = db.execute(
        "SELECT 1 FROM audit WHERE substr(hash, 1, length(?1)) = ?1"
        " OR substr(legacy_hash, 1, length(?1)) = ?1",
        [digest],
    ).fetchone()
    return found is not None


def _triggers(db: Database) -> dict[str, str]:
    """Each trigger's SQL, white space folded (SQLite keeps the text as it was written)."""
    rows = db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
    return {name: " ".join(sql.split()) for name, sql in rows}


@cache
def _expected_triggers() -> dict[str, str]:
    """The triggers this version creates: every migration applied to an empty database."""
    with sqlite3.connect(":memory:") as connection:
        memory = Database(connection, execute_plugins=False)
        migrations.apply(memory)
        return _triggers(memory)


def _trigger_changes(db: Database) -> tuple[str, ...]:
    found = _triggers(db)
    expected = _expected_triggers()
    problems = [
        _("trigger {name} is missing").format(name=name)
        for name in sorted(expected.keys() - found.keys())
    ]
    problems += [
        _("trigger {name} was altered").format(name=name)
        for name in sorted(expected.keys() & found.keys())
        if expected[name] != found[name]
    ]
    problems += [
        _("trigger {name} is not one of Selection Desk's").format(name=name)
        for name in sorted(found.keys() - expected.keys())
    ]
    return tuple(problems)


def _changed_rows(db: Database) -> tuple[str, ...]:
    return tuple(
        _("rows of {table} were changed outside Selection Desk").format(table=table)
        for table in state_digest.changed_behind_the_log(db)
    )


def _scored_conflicts(db: Database) -> tuple[str, ...]:
    """Pairs scored although the juror declared a conflict with the dossier."""
    rows = db.execute(
        """SELECT DISTINCT j.code, d.ref FROM conflict c
           JOIN juror j ON j.id = c.juror_id JOIN dossier d ON d.id = c.dossier_id
           WHERE EXISTS (SELECT 1 FROM score s
                         WHERE s.juror_id = c.juror_id AND s.dossier_id = c.dossier_id)
           ORDER BY j.code, d.ref"""
    )
    return tuple(
        _("juror {juror} scored dossier {dossier} despite a declared conflict").format(
            juror=juror, dossier=dossier
        )
        for juror, dossier in rows
    )


def _foreign_key_violations(db: Database) -> tuple[str, ...]:
    """One line per broken row; rows of a table without rowid (reviews, scores) have no number
    to show, so they are counted per broken key column instead of listed as "row None"."""
    found: list[str] = []
    keyless: dict[tuple[str, str, int], int] = {}
    for table, rowid, parent, key_id in db.execute("PRAGMA foreign_key_check"):
        if rowid is None:
            keyless[(table, parent, key_id)] = keyless.get((table, parent, key_id), 0) + 1
        else:
            found.append(
                _("{table} row {rowid} → {parent}").format(table=table, rowid=rowid, parent=parent)
            )
    for (table, parent, key_id), count in keyless.items():
        columns = ", ".join(
            row[3] for row in db.execute(f"PRAGMA foreign_key_list([{table}])") if row[0] == key_id
        )
        text = (
            _("{table} ({columns}) → {parent}: {count} rows")
            if count > 1
            else _("{table} ({columns}) → {parent}: 1 row")
        )
        found.append(text.format(table=table, columns=columns, parent=parent, count=count))
    return tuple(found)
