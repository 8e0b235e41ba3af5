"""``selection-desk check FILE``: integrity, foreign keys and the audit chain, read-only."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils import Database

from selection_desk.i18n import _
from selection_desk.storage import audit
from selection_desk.storage.campaign_file import last_writer_version, open_campaign_file


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
    written_by: str | None = None
    """The app version that last wrote the file (``None``: before versions were recorded)."""

    @property
    def ok(self) -> bool:
        return not (self.integrity or self.foreign_key_violations or self.audit_breaks)


def check_campaign_file(path: Path) -> CheckReport:
    with open_campaign_file(path, readonly=True) as campaign_file:
        db = campaign_file.db
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
            written_by=last_writer_version(db),
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
