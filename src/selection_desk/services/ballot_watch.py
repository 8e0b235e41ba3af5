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
sync tool's temporary file, its first bytes are a ballot's, its size and modification time were
the same at two looks in a row (a file being copied grows), and it is whole: its JSON parses, or
its sealed header is all there (:func:`is_cut_short`); the merge then parses it and verifies its
signature, so a half-written file can never be half-merged.

**Not whole yet: one rule, one sentence.**  A file cut short is *not whole yet* wherever it is
seen: ``merge --watch --once`` lists it as left for later, and the watch (command line and app)
says so once it stayed unchanged for :data:`QUIET_SECONDS` (a copy that stalled) — the same
sentence, :func:`not_whole_yet` — and looks at it again when it changes; it is never reported as
refused.  A sealed ballot cut inside its encrypted body cannot be told from one altered after it
was signed (AES-GCM fails the same way): like every refusal a file still being copied might get
(signature not matching, unreadable), the merge's refusal is held back while the file may still
be arriving, then reported once, with its reason, and not tried again until the file changes.

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

from selection_desk.errors import InvalidInput, define_message, render_message
from selection_desk.formats import sealed
from selection_desk.formats.ballot import BallotFormatError, BallotNotJSON, parse_ballot
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

BALLOT_NOT_WHOLE_YET = define_message(
    "ballot_not_whole_yet", N_("{file}: still being written or not whole yet, left for later.")
)

POLL_SECONDS = 0.5
"""Between two looks at the folder when nothing is arriving."""
SETTLE_SECONDS = 0.25
"""Between the look that sees a new or changed file and the one that finds it stable: a ballot
(a few kilobytes) is written well within it, and the latency stays under a second."""
QUIET_SECONDS = 3.0
"""A stable file that is not whole yet, or that the merge refuses as a file still being copied
might be, is reported once it stayed unchanged this long: before, it may be a copy that paused."""

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


def not_whole_yet(name: str) -> str:
    """The one sentence for a ballot file not whole yet, in the user's language."""
    return render_message(BALLOT_NOT_WHOLE_YET, {"file": name})


def is_cut_short(data: bytes) -> bool:
    """``data`` starts as a ballot but is not a whole document yet: sealed, its header (or the
    smallest body) is not all there; plain, it is not JSON (the merge would call it "not a
    Selection Desk ballot (not JSON)")."""
    if data.startswith(sealed.MAGIC):
        try:
            header = sealed.parse_header(data)
        except sealed.NotSealed:
            return True
        return len(data) < len(sealed.MAGIC) + 4 + len(header.raw) + sealed.TAG_BYTES
    try:
        parse_ballot(data)
    except BallotNotJSON:
        return True
    except BallotFormatError:
        return False  # whole, but not a good ballot: the merge says why
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
    cut_short: bool = False
    """Not whole yet (:func:`is_cut_short`): never offered to the merge in this version."""


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
        self._not_whole: list[str] = []
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
            if before.cut_short and now - before.since >= QUIET_SECONDS:
                before.settled = True  # said once; looked at again when it changes
                self._not_whole.append(self._name(path))
            if source is not None:
                self._offered[source.name] = (path, stamp)
                ready.append(source)
        self._seen = seen
        return ready

    def _name(self, path: Path) -> str:
        return path.relative_to(self.folder).as_posix()

    def _read(self, path: Path, seen: _Seen) -> BallotSource | None:
        source = BallotSource.read(path, name=self._name(path))
        if source.data is None:
            return source  # unreadable: the merge words the reason
        looks = _looks_like_ballot(source.data[: len(_BALLOT_STARTS[1])])
        if looks is False:
            seen.settled = True  # another program's JSON: none of our business
            return None
        seen.cut_short = looks is None or is_cut_short(source.data)
        return None if seen.cut_short else source

    def not_whole_lines(self) -> list[str]:
        """The files the latest looks found cut short and unchanged for :data:`QUIET_SECONDS`,
        each once per version, as :func:`not_whole_yet` words them (then forgotten)."""
        lines = [not_whole_yet(name) for name in self._not_whole]
        self._not_whole = []
        return lines

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
        """The ballot files not settled yet or not whole yet (being written, or stalled), by
        their names."""
        return [self._name(path) for path in self._waiting_files()]

    def _waiting_files(self) -> list[Path]:
        return sorted(
            path for path, seen in self._seen.items() if not seen.settled or seen.cut_short
        )


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
