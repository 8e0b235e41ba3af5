"""Ballots that arrive by themselves: a folder watched for jurors' signed ballots (design §10).

Jurors' ballots reach the secretary's laptop through any folder a sync tool keeps in step
(Syncthing, Nextcloud, a network share) or a USB stick: the folder is the transport, there is no
server of our own.  :class:`BallotFolder` is that folder's state between two looks at it, without
Qt and without the campaign file; the merge itself stays :mod:`selection_desk.services.merge`
(signature, campaign, juror, revision, round — every check of a ballot merged by hand).

**Polled, not notified.**  The folder is read (``os.scandir`` + ``stat``) every
:data:`POLL_SECONDS`: inotify, FSEvents and ReadDirectoryChangesW do not report files that another
machine writes on a network share (SMB, NFS), and are unreliable on FAT sticks; a look at a folder
of a few hundred files costs well under a millisecond.

**Only whole ballots.**  A file is handed to the merge only when its name is a ballot's and not a
sync tool's temporary file, its first bytes are a ballot's, and its size and modification time were
the same at two looks in a row (a file being copied grows); the merge then parses it and verifies
its signature, so a half-written file can never be half-merged.  A file the merge refuses for a
reason a file still being copied would also give (not a ballot yet, signature not matching) is
looked at again until it has stayed unchanged for :data:`QUIET_SECONDS` (a copy that stalls);
then, like any other refusal, it is reported once and not tried again until it changes.

**Never twice.**  A ballot already merged — a sync tool's conflict copy of it, the same folder
after a restart — is *unchanged* by the merge (its hash is in the campaign file's merge log) and
is not reported; an older revision is refused as a replay, as by hand.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from selection_desk.errors import InvalidInput, define_message
from selection_desk.formats import sealed
from selection_desk.formats.ballot_files import is_ballot_name
from selection_desk.i18n import N_
from selection_desk.services.merge import (
    BALLOT_ALTERED,
    BALLOT_NOT_A_BALLOT,
    BALLOT_UNREADABLE,
    BallotSource,
    MergeOutcome,
    MergeReport,
    merge_ballot_sources,
)
from selection_desk.storage.store import CampaignStore

WATCH_FOLDER_MISSING = define_message(
    "watch_folder_missing", N_("{folder} is not a folder (is the stick or the share connected?).")
)

POLL_SECONDS = 0.5
"""Between two looks at the folder when nothing is arriving."""
SETTLE_SECONDS = 0.25
"""Between the look that sees a new or changed file and the one that finds it stable: a ballot
(a few kilobytes) is written well within it, and the latency stays under a second."""
QUIET_SECONDS = 3.0
"""A stable file that does not read as a whole ballot yet is reported once it stayed unchanged
this long: before, it may be a copy that paused."""

_BALLOT_STARTS = (sealed.MAGIC, b'{"campaign_uid":"')
"""A ballot's first bytes: sealed, or its canonical JSON (keys sorted: ``campaign_uid`` first)."""
_INCOMPLETE_LOOKING = frozenset({BALLOT_NOT_A_BALLOT, BALLOT_ALTERED, BALLOT_UNREADABLE})
"""Refusals that a file still being written (or renamed away) also gets."""


def _looks_like_ballot(start: bytes) -> bool | None:
    """True: starts as a ballot; False: never will be one; None: too short to tell yet."""
    for prefix in _BALLOT_STARTS:
        if start.startswith(prefix):
            return True
        if prefix.startswith(start):
            return None
    return False


def _may_be_incomplete(report: MergeReport) -> bool:
    reason = report.reason
    return report.outcome is MergeOutcome.REFUSED and (
        reason is None or reason.code in _INCOMPLETE_LOOKING
    )


@dataclass(frozen=True)
class Stamp:
    """What tells a file's versions apart between two looks."""

    size: int
    mtime_ns: int


def _ballot_files(folder: Path, depth: int = 1) -> Iterator[tuple[Path, Stamp]]:
    """The ballot-named files of ``folder`` and, ``depth`` levels down, of its visible subfolders
    (one per juror, say), with their stamps; hidden folders (Syncthing's ``.stversions``) are
    skipped."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return  # a stick pulled out, a share gone: the folder is looked at again later
    for entry in entries:
        try:
            if entry.is_file() and is_ballot_name(entry.name):
                stat = entry.stat()
                yield Path(entry.path), Stamp(stat.st_size, stat.st_mtime_ns)
            elif depth > 0 and entry.is_dir() and not entry.name.startswith("."):
                yield from _ballot_files(Path(entry.path), depth - 1)
        except OSError:
            continue  # gone between the listing and the stat: seen at the next look, or not


@dataclass
class _Seen:
    stamp: Stamp
    since: float
    """When this version of the file was first seen (the clock of :class:`BallotFolder`)."""
    settled: bool = False
    """Merged, refused and reported, or not a ballot: not looked into again while unchanged."""


class BallotFolder:
    """One watched folder: which of its files are ready for the merge, and which are settled.

    Use it from one thread at a time, alternating :meth:`look` and :meth:`settle` (or
    :meth:`merge_ready`, which does both)."""

    def __init__(self, folder: Path, *, clock: Callable[[], float] = time.monotonic) -> None:
        if not Path(folder).is_dir():
            raise InvalidInput(WATCH_FOLDER_MISSING, folder=str(folder))
        self.folder = Path(folder)
        self._clock = clock
        self._seen: dict[Path, _Seen] = {}
        self._offered: dict[str, tuple[Path, Stamp]] = {}
        self.changing = False
        """The latest look saw a file new or changed: look again after :data:`SETTLE_SECONDS`."""

    def next_look_in(self) -> float:
        """Seconds until the next look: soon when a file is arriving, else :data:`POLL_SECONDS`."""
        return SETTLE_SECONDS if self.changing else POLL_SECONDS

    def look(self) -> list[BallotSource]:
        """One look at the folder: the files ready for the merge (stable since the previous look,
        starting as ballots, not settled), read; each named by its path inside the folder."""
        now = self._clock()
        seen: dict[Path, _Seen] = {}
        ready: list[BallotSource] = []
        self.changing = False
        self._offered = {}
        for path, stamp in _ballot_files(self.folder):
            before = self._seen.get(path)
            if before is None or before.stamp != stamp:
                seen[path] = _Seen(stamp, now)
                self.changing = True
                continue
            seen[path] = before
            if before.settled:
                continue
            source = self._read(path, before)
            if source is not None:
                self._offered[source.name] = (path, stamp)
                ready.append(source)
        self._seen = seen
        return ready

    def _read(self, path: Path, seen: _Seen) -> BallotSource | None:
        name = path.relative_to(self.folder).as_posix()
        source = BallotSource.read(path, name=name)
        if source.data is None:
            return source  # unreadable: the merge words the reason
        looks = _looks_like_ballot(source.data[: len(_BALLOT_STARTS[1])])
        if looks is False:
            seen.settled = True  # another program's JSON: none of our business
            return None
        return None if looks is None else source

    def settle(self, reports: Sequence[MergeReport]) -> list[MergeReport]:
        """Record the merge's verdicts on the files :meth:`look` offered; return those worth a
        line: ballots accepted, and refusals that stand (each once per version of its file)."""
        now = self._clock()
        shown: list[MergeReport] = []
        for report in reports:
            path, stamp = self._offered.pop(report.source, (None, None))
            seen = None if path is None else self._seen.get(path)
            if seen is None or seen.stamp != stamp:
                continue  # changed meanwhile: the next look sees the new version
            if now - seen.since < QUIET_SECONDS and _may_be_incomplete(report):
                continue  # maybe a copy that paused: looked at again
            seen.settled = True
            if report.outcome is not MergeOutcome.UNCHANGED:
                shown.append(report)
        return shown

    def merge_ready(self, store: CampaignStore, *, actor: str = "secretary") -> list[MergeReport]:
        """One look, and the merge of what is ready (one transaction); the reports worth a line."""
        sources = self.look()
        if not sources:
            return []
        return self.settle(merge_ballot_sources(store, sources, actor=actor))

    def waiting(self) -> list[str]:
        """The ballot files not settled yet (being written, or not whole yet), by their names."""
        return [path.relative_to(self.folder).as_posix() for path in self._waiting_files()]

    def _waiting_files(self) -> list[Path]:
        return sorted(path for path, seen in self._seen.items() if not seen.settled)


def merge_folder_once(
    store: CampaignStore, folder: Path, *, sleep: Callable[[float], None] = time.sleep
) -> tuple[list[MergeReport], list[str]]:
    """``merge --watch DIR --once``: two looks :data:`SETTLE_SECONDS` apart, the merge of every
    file that was stable between them; returns the reports worth a line and the files left
    waiting (still being written, or not whole yet)."""
    watched = BallotFolder(folder)
    watched.look()
    sleep(SETTLE_SECONDS)
    return watched.merge_ready(store), watched.waiting()
