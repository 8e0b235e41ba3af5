"""``selection-desk check FILE``: integrity, foreign keys and the audit chain, read-only."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from selection_desk.storage import audit
from selection_desk.storage.campaign_file import open_campaign_file


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

    @property
    def ok(self) -> bool:
        return not (self.integrity or self.foreign_key_violations or self.audit_breaks)


def check_campaign_file(path: Path) -> CheckReport:
    with open_campaign_file(path, readonly=True) as campaign_file:
        db = campaign_file.db
        integrity = tuple(row[0] for row in db.execute("PRAGMA integrity_check") if row[0] != "ok")
        violations = tuple(
            f"{table} row {rowid} → {parent}"
            for table, rowid, parent, _ in db.execute("PRAGMA foreign_key_check")
        )
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
        )
