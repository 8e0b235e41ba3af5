"""Faults of the environment, told apart from bugs (qutebrowser's ``KnownError`` split).

A full disk, a read-only file or folder, an immutable file, a USB stick pulled out, a file moved
or deleted while open: none of them is a bug, and each deserves its own sentence naming the file
and what to do.  :func:`known_fault` turns the ``OSError`` or ``sqlite3.Error`` that carries such a
fault into a :class:`~selection_desk.errors.CampaignFileError` with that sentence; anything it does
not recognise stays an unexpected error (a bug, logged with its traceback at the edge).
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

from selection_desk.errors import CampaignFileError, SelectionDeskError, define_message
from selection_desk.i18n import N_

DISK_FULL = define_message(
    "disk_full",
    N_(
        "There is no space left on the disk that holds {path}: nothing was changed. Free some "
        "space on that disk and try again."
    ),
)
READ_ONLY = define_message(
    "read_only",
    N_(
        "{path} cannot be written: the file, its folder or its disk is read-only, so nothing was "
        "changed. Copy the file to a folder you can write to, or open it read-only."
    ),
)
NOT_PERMITTED = define_message(
    "not_permitted",
    N_(
        "Selection Desk is not allowed to write {path} (its permissions, or the system locked "
        "it): nothing was changed. Check the file's properties, or save a copy elsewhere."
    ),
)
DISK_ERROR = define_message(
    "disk_error",
    N_(
        "The disk that holds {path} reported a read or write error (was a USB stick pulled "
        "out?): the change under way was not saved. Reconnect the disk and open the file again."
    ),
)
FILE_VANISHED = define_message(
    "file_vanished",
    N_(
        "{path} was moved or deleted while Selection Desk was writing to it: the last change "
        "was not saved there. Open the file where it is now and check that change."
    ),
)

_ERRNO_MESSAGES = {
    errno.ENOSPC: DISK_FULL,
    errno.EDQUOT: DISK_FULL,
    errno.EFBIG: DISK_FULL,  # over the file size limit (RLIMIT_FSIZE, FAT32's 4 GiB)
    errno.EROFS: READ_ONLY,
    errno.EACCES: NOT_PERMITTED,
    errno.EPERM: NOT_PERMITTED,  # an immutable file (chattr +i)
    errno.EIO: DISK_ERROR,
}
# Not ENOENT: a missing folder is the caller's to name (an export's destination, a source file);
# a campaign file that vanished while open is told by SQLite or by the file's identity.

# SQLite's result codes: an extended code first, else its primary code (the low byte).
_SQLITE_MESSAGES = {
    sqlite3.SQLITE_READONLY_DBMOVED: FILE_VANISHED,  # SQLite's own check: unlinked or renamed
    sqlite3.SQLITE_FULL: DISK_FULL,
    sqlite3.SQLITE_READONLY: READ_ONLY,
    sqlite3.SQLITE_PERM: NOT_PERMITTED,
    sqlite3.SQLITE_IOERR: DISK_ERROR,
}


def fault_code(error: BaseException) -> str | None:
    """The message code of a known environment fault, or None for anything else (a bug)."""
    if isinstance(error, sqlite3.Error):
        code = getattr(error, "sqlite_errorcode", None)
        if code is None:
            return None
        return _SQLITE_MESSAGES.get(code) or _SQLITE_MESSAGES.get(code & 0xFF)
    if isinstance(error, OSError):
        return _ERRNO_MESSAGES.get(error.errno) if error.errno is not None else None
    return None


def known_fault(error: BaseException, path: Path | str) -> CampaignFileError | None:
    """``error`` as one sentence about ``path``, when it is a known fault of the environment."""
    code = fault_code(error)
    return None if code is None else CampaignFileError(code, path=str(path))


def write_failure(
    kind: type[SelectionDeskError], error: OSError, path: Path, fallback: str
) -> SelectionDeskError:
    """The error a writer raises when saving ``path`` failed: a known fault's own sentence, else
    ``fallback`` (a message with ``file`` and ``reason``)."""
    code = fault_code(error)
    if code is not None:
        return kind(code, path=str(path))
    return kind(fallback, file=str(path), reason=error.strerror or type(error).__name__)
