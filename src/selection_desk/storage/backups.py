"""Automatic, rotating backups of campaign files in the per-user data folder.

A backup is taken before any migration, and when a file is opened for writing if the newest backup
of that campaign is older than :data:`BACKUP_INTERVAL`.  The newest :data:`KEEP` backups of each
campaign are kept; the hidden copies of backups killed half-way are removed at the next backup.

Each backup's name holds the start of the campaign's latest audit hash when it was taken
(:data:`HEAD_CHARS` hex digits): an anchor outside the file, which ``check`` compares with the
file's chain (a head the chain no longer holds means entries were cut off or the chain rewritten).
``SELECTION_DESK_DATA_DIR`` overrides the folder (tests, portable installs).

``storage.campaign_file`` calls these when it opens a file; they see the open file through
:class:`BackedUpFile` only, so that this module does not import the one that calls it.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

import platformdirs
from sqlite_utils import Database

from selection_desk.leftovers import remove_leftovers
from selection_desk.storage import audit

KEEP = 10
BACKUP_INTERVAL = 3600.0  # seconds
HEAD_CHARS = 32
"""Hex digits of the audit head kept in a backup's name: 128 bits identify an entry, and the name
stays short enough for Windows' 260-character paths."""
_HEAD_IN_NAME = re.compile(rf"-([0-9a-f]{{{HEAD_CHARS}}})-[a-z-]+\.seldesk$")


class BackedUpFile(Protocol):
    """What a backup needs of an open campaign file (``storage.campaign_file.CampaignFile``)."""

    path: Path
    db: Database

    def save_copy(self, destination: Path) -> None: ...


def data_dir() -> Path:
    override = os.environ.get("SELECTION_DESK_DATA_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir("selection-desk", appauthor=False))


def backups_dir() -> Path:
    return data_dir() / "backups"


def _campaign_prefix(campaign_file: BackedUpFile) -> str:
    """File stem plus the campaign's uid: two campaigns saved under one name never share backups."""
    stem = re.sub(r"[^\w.-]+", "_", campaign_file.path.stem)[:60] or "campaign"
    row = campaign_file.db.execute("SELECT uid FROM campaign").fetchone()
    uid = (row[0] if row else "")[:8] or "new"
    return f"{stem}-{uid}-"


def _backups_of(campaign_file: BackedUpFile) -> list[Path]:
    folder = backups_dir()
    if not folder.is_dir():
        return []
    prefix = _campaign_prefix(campaign_file)
    return sorted(
        (p for p in folder.glob(f"{prefix}*.seldesk") if p.name[len(prefix) :][:1].isdigit()),
        key=lambda p: p.name,
    )


def backup_heads(campaign_file: BackedUpFile) -> list[tuple[Path, str]]:
    """Each automatic backup of the campaign with the start of the audit head its name holds
    (backups named before heads were kept are left out)."""
    heads = []
    for backup in _backups_of(campaign_file):
        found = _HEAD_IN_NAME.search(backup.name)
        if found:
            heads.append((backup, found.group(1)))
    return heads


def take_backup(campaign_file: BackedUpFile, reason: str) -> Path:
    folder = backups_dir()
    folder.mkdir(parents=True, exist_ok=True)
    # A backup killed half-way left a whole hidden copy of its campaign (CampaignFile.save_copy).
    remove_leftovers(folder, ".*.seldesk.*.partial")
    head = audit.latest_hash(campaign_file.db)[:HEAD_CHARS]
    name = f"{_campaign_prefix(campaign_file)}{_utc_timestamp()}-{head}-{reason}.seldesk"
    target = folder / name
    campaign_file.save_copy(target)
    return target


def backup_before_migration(campaign_file: BackedUpFile) -> Path:
    return take_backup(campaign_file, "before-upgrade")


def rotate_automatic_backup(campaign_file: BackedUpFile) -> Path | None:
    existing = _backups_of(campaign_file)
    if existing and time.time() - existing[-1].stat().st_mtime < BACKUP_INTERVAL:
        return None
    target = take_backup(campaign_file, "auto")
    for old in _backups_of(campaign_file)[:-KEEP]:
        old.unlink(missing_ok=True)
    return target


def remove_backups(campaign_file: BackedUpFile, holds: Callable[[Path], bool]) -> list[Path]:
    """Delete the campaign's automatic backups that ``holds`` (an erasure: those that still hold
    the erased data); returns them."""
    removed = [backup for backup in _backups_of(campaign_file) if holds(backup)]
    for backup in removed:
        backup.unlink(missing_ok=True)
    return removed


def _utc_timestamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
