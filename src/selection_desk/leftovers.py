"""Files written whole or not at all (:func:`whole_file`), and the temporary files that a killed
process left behind, removed the next time the same kind of file is written.

Every file the app writes is first written to a temporary file beside its target and moved into
place: a process killed in between leaves the temporary file — hidden (``.minutes.pdf.x1y2.tmp``
beside an export, ``.NAME.seldesk.PID.partial`` in the backups folder), so nobody deletes it, and
a backup's is a whole copy of the campaign.  :func:`remove_leftovers` removes only files matching
the writer's own pattern and modified before this process started and at least
:data:`STALE_AFTER` ago: a file another running instance is writing right now is left alone.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

PROCESS_STARTED = time.time()
"""When this module was first imported: before any temporary file of this process exists."""

STALE_AFTER = 600.0
"""Seconds without a change after which a temporary file can belong to no live writer."""

NEW_FILE_MODE = 0o644
"""A new report is meant to be shared: readable by others (mkstemp makes it owner-only)."""


@contextlib.contextmanager
def whole_file(path: Path) -> Iterator[IO[bytes]]:
    """A file to write ``path`` with: written beside it, synced, and moved in place only when the
    block ends without error, so that no reader ever sees it half-written and a failure leaves
    the previous file as it was.  An existing file keeps its permissions.  Raises what the block
    or the file system raised (the caller names the fault)."""
    remove_leftovers(path.parent, temporary_pattern(path))  # of a writer killed before
    temporary: Path | None = None
    try:
        with tempfile.NamedTemporaryFile(
            dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False
        ) as handle:
            temporary = Path(handle.name)
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        temporary.chmod(path.stat().st_mode & 0o777 if path.exists() else NEW_FILE_MODE)
        temporary.replace(path)
        temporary = None
    finally:
        if temporary is not None:
            temporary.unlink(missing_ok=True)


def remove_leftovers(folder: Path, pattern: str) -> list[Path]:
    """Remove the files of ``folder`` that match the glob ``pattern`` and are stale; returns them.

    Best effort: a file that cannot be examined or removed is left, silently (it is not the
    reason the caller was called)."""
    removed: list[Path] = []
    limit = min(PROCESS_STARTED, time.time() - STALE_AFTER)
    with contextlib.suppress(OSError):
        for path in folder.glob(pattern):
            with contextlib.suppress(OSError):
                if path.is_file() and not path.is_symlink() and path.stat().st_mtime < limit:
                    path.unlink()
                    removed.append(path)
    return removed


def temporary_pattern(target: Path) -> str:
    """The glob of the temporary files written beside ``target`` (``.NAME.*.tmp``)."""
    return f".{_escaped(target.name)}.*.tmp"


def _escaped(name: str) -> str:
    """``name`` with the glob's special characters matched literally."""
    return "".join(f"[{char}]" if char in "*?[" else char for char in name)
