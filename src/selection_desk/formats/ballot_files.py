"""What a ballot's file is called: the names a drop on the window or a watched folder takes for a
juror's ballot, and the temporary files of sync tools and browsers that are not (yet) one.

Kept apart from :mod:`selection_desk.formats.ballot` (which needs ``cryptography``) so that the
window can tell a ballot by its name without loading it at start-up.
"""

from __future__ import annotations

from pathlib import PurePath

BALLOT_SUFFIXES = frozenset({".ballot", ".json"})
"""A sealed ballot (``.ballot``) or a plain one (``.json``)."""
_TEMPORARY_PREFIXES = (
    ".",  # hidden: Syncthing's .syncthing.NAME.tmp, Nextcloud's .NAME.~1a2b, .~lock.NAME#
    "~",  # Syncthing on Windows (~syncthing~NAME.tmp), Office's ~$NAME
)
_TEMPORARY_SUFFIXES = (".tmp", ".part", ".partial", ".crdownload", ".download", "#")


def is_ballot_path(path: PurePath) -> bool:
    """By the file's suffix, as a drop on the window decides."""
    return path.suffix.lower() in BALLOT_SUFFIXES


def is_ballot_name(name: str) -> bool:
    """A ballot's file name, not a sync tool's or a browser's temporary file (what a watched
    folder takes).

    Conflict copies (``NAME.sync-conflict-20261204-101010-ABCDEFG.json``, ``NAME (conflicted copy
    2026-12-04 101010).json``) are ballots like any other: merging is idempotent."""
    lowered = name.lower()
    if lowered.startswith(_TEMPORARY_PREFIXES) or lowered.endswith(_TEMPORARY_SUFFIXES):
        return False
    return is_ballot_path(PurePath(lowered))
