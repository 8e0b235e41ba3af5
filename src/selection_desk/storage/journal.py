"""Whether a rollback journal left beside a campaign file belongs to it.

A writer killed mid-transaction leaves ``NAME.seldesk-journal``, which SQLite *rolls into whatever
file next opens under that name*: its journal names no database (measured, ../shared/platform.md).
When the campaign file was renamed or replaced before the next open, that journal belongs to
another file, and applying it writes another campaign's old pages into this one.

Two checks, made with the writer lock held and before SQLite touches the file:

* **the owner record**: each writer notes the identity (device, inode) of the file it opened in a
  hidden ``.NAME.seldesk.owner`` beside it, once per opening, and removes it when it closes; a
  journal left by a writer that died is refused when another file now sits under the name;
* **the header**: the journal holds page 1 as it was when the transaction began.  The file's change
  counter is then the same (nothing written yet) or one more (the commit was writing pages, page 1
  first since pages are written in order): any other value, page size or application id means the
  journal was written for another file.

Refused journals are left where they are, with the file: the user decides which file they want.
"""

from __future__ import annotations

import contextlib
import json
import struct
from pathlib import Path

from selection_desk.errors import CampaignFileError, define_message
from selection_desk.i18n import N_

JOURNAL_MAGIC = bytes.fromhex("d9d505f920a163d7")
_JOURNAL_HEADER = struct.Struct(">8sIIIII")  # magic, records, nonce, initial pages, sector, page
_ALL_RECORDS = 0xFFFFFFFF  # "as many records as the file holds" (journals written without sync)
_COUNTER = slice(24, 28)
_PAGE_SIZE = slice(16, 18)
_APPLICATION_ID = slice(68, 72)

FOREIGN_JOURNAL = define_message(
    "foreign_journal",
    N_(
        "{path} was not opened, to protect it: beside it lies {journal}, left by an interrupted "
        "write to another file (one renamed or replaced while it was being written), and applying "
        "it would damage {path}. If {path} is the file you want, move {journal} out of its folder "
        "and open it again."
    ),
)


def journal_path(path: Path) -> Path:
    return path.with_name(path.name + "-journal")


def owner_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.owner")


def file_identity(path: Path) -> list[int]:
    """What tells this file from another later put under its name (device and inode)."""
    status = path.stat()
    return [status.st_dev, status.st_ino]


def record_owner(path: Path) -> None:
    """Note which file this writer has open, for the check of a journal it might leave behind."""
    record = owner_path(path)
    with contextlib.suppress(OSError):  # without the record, the header check still guards
        record.write_text(json.dumps({"identity": file_identity(path)}), encoding="utf-8")


def forget_owner(path: Path) -> None:
    """A writer that closes cleanly leaves no journal, so no record is needed."""
    with contextlib.suppress(OSError):
        owner_path(path).unlink(missing_ok=True)


def _recorded_owner(path: Path) -> list[int] | None:
    try:
        identity = json.loads(owner_path(path).read_text(encoding="utf-8"))["identity"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return identity if isinstance(identity, list) else None


def _journal_page_one(journal: Path) -> tuple[bytes, int] | None:
    """Page 1 as the journal keeps it, and the journal's page size; None when the journal is not
    hot (no header: SQLite ignores it) or does not hold page 1 in its first segment."""
    with journal.open("rb") as handle:
        header = handle.read(_JOURNAL_HEADER.size)
        if len(header) < _JOURNAL_HEADER.size:
            return None
        magic, records, _nonce, _pages, sector, page_size = _JOURNAL_HEADER.unpack(header)
        if magic != JOURNAL_MAGIC or not page_size or not sector:
            return None
        record_size = 4 + page_size + 4
        if records == _ALL_RECORDS:
            records = (journal.stat().st_size - sector) // record_size
        for index in range(records):
            handle.seek(sector + index * record_size)
            number = handle.read(4)
            if len(number) < 4:
                return None
            if struct.unpack(">I", number)[0] == 1:
                return handle.read(page_size), page_size
    return None


def _header_matches(journal_page: bytes, journal_page_size: int, file_header: bytes) -> bool:
    if journal_page[_APPLICATION_ID] != file_header[_APPLICATION_ID]:
        return False
    (page_size,) = struct.unpack(">H", file_header[_PAGE_SIZE])
    if (65536 if page_size == 1 else page_size) != journal_page_size:
        return False
    (before,) = struct.unpack(">I", journal_page[_COUNTER])
    (now,) = struct.unpack(">I", file_header[_COUNTER])
    return now in (before, (before + 1) & 0xFFFFFFFF)


def check_hot_journal(path: Path) -> None:
    """Refuse to open ``path`` when the journal beside it belongs to another file.

    Call with the writer lock held (no live writer), before any SQLite connection to ``path``.
    """
    journal = journal_path(path)
    try:
        with journal.open("rb") as handle:
            if handle.read(len(JOURNAL_MAGIC)) != JOURNAL_MAGIC:
                return  # not hot (never synced, or finished): SQLite leaves the file alone
        recorded = _recorded_owner(path)
        if recorded is not None and recorded != file_identity(path):
            raise CampaignFileError(FOREIGN_JOURNAL, path=str(path), journal=journal.name)
        page_one = _journal_page_one(journal)
        with path.open("rb") as handle:
            file_header = handle.read(100)
    except OSError:
        return  # unreadable: SQLite will say what is wrong when it opens the file
    if page_one is not None and not _header_matches(*page_one, file_header):
        raise CampaignFileError(FOREIGN_JOURNAL, path=str(path), journal=journal.name)
