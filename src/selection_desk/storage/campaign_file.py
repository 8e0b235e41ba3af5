"""Opening, creating, locking and copying a campaign file (``.seldesk``).

Journal mode: **rollback journal (DELETE), not WAL.**  Users copy campaign files to USB sticks and
attach them to e-mails, sometimes while the app is open.  With a rollback journal every committed
transaction is in the main file itself, so the file on disk is complete and self-contained whenever
no write is under way; in WAL mode committed rows can sit in the ``-wal`` side file that a
plain copy loses (measured: 200 of 200 rows lost, ../shared/platform.md).
``synchronous=FULL`` makes each commit durable before it is acknowledged.  Every user action
is one ``BEGIN IMMEDIATE`` transaction, which takes the write lock up front instead of failing
half-way.

A second process that opens the same file for writing gets :data:`CAMPAIGN_IN_USE`, from a lock file
beside the campaign file (``filelock``: an OS lock, released by the OS if the process dies).

**Nothing reaches the file before the commit** (``cache_spill`` off): a large import would
otherwise spill pages into the file while its transaction runs, and a plain copy taken then is
corrupt (measured: 26 of 40 copies).  A journal left by a killed writer is rolled back only once
:mod:`selection_desk.storage.journal` has checked that it belongs to this file; a commit whose file
was moved or deleted meanwhile is reported, not acknowledged.  Faults of the environment (disk
full, read-only, I/O) are told apart from damaged files by :mod:`selection_desk.faults`.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import struct
from collections.abc import Iterator
from pathlib import Path

from filelock import FileLock, Timeout
from sqlite_utils import Database

from selection_desk import __version__
from selection_desk.errors import CampaignFileError, define_message
from selection_desk.faults import FILE_VANISHED, known_fault
from selection_desk.i18n import N_
from selection_desk.storage import backups, state_digest
from selection_desk.storage.journal import (
    check_hot_journal,
    file_identity,
    forget_owner,
    record_owner,
)
from selection_desk.storage.schema import APPLICATION_ID, migrations, schema_version

FILE_SUFFIX = ".seldesk"
SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000
CACHE_KIB = 1 << 20
"""The page cache's limit of a writing connection during a write transaction, in KiB (1 GiB,
used only as pages are read or written): above what a campaign's largest transaction dirties,
see :func:`_connect`."""
READING_CACHE_KIB = 16 << 10
"""The page cache's limit of a writing connection between transactions (16 MiB): the pages it
reads stay in the cache up to its limit, and the pages a transaction used are released after it.
With the 1 GiB limit at all times, opening a 130 MB campaign (its automatic backup, then reading
it) kept some 280 MB of pages for as long as the file stayed open."""

WRITER_SETTING = "app.last_written_by"
"""The ``setting`` row holding the app version that last wrote the file."""

FILE_NOT_FOUND = define_message("file_not_found", N_("The file {path} does not exist."))
FILE_EXISTS = define_message(
    "file_exists", N_("The file {path} already exists; choose another name.")
)
NOT_A_CAMPAIGN_FILE = define_message(
    "not_a_campaign_file",
    N_("{path} is not a Selection Desk campaign file."),
)
FILE_TRUNCATED = define_message(
    "file_truncated",
    N_(
        "{path} is damaged: it is shorter than its header says (it may have been copied "
        "incompletely). Use a backup copy."
    ),
)
NEWER_VERSION = define_message(
    "newer_version",
    N_(
        "{path} was written by a newer version of Selection Desk (file format {found}, this "
        "version reads up to {supported}). Update Selection Desk to open it."
    ),
)
CAMPAIGN_IN_USE = define_message(
    "campaign_in_use",
    N_(
        "{path} is already open for editing in another Selection Desk window or program. "
        "Close it there first, or open it read-only."
    ),
)
SEALED_KIT = define_message(
    "sealed_kit",
    N_(
        "{path} is a juror kit encrypted with a passphrase: open it in the app (to sign its "
        "ballot on the command line: selection-desk ballot {path} --passphrase-file P)."
    ),
)
SEALED_BALLOT = define_message(
    "sealed_ballot",
    N_("{path} is an encrypted ballot: merge it into the campaign file (selection-desk merge)."),
)
SEALED_MAGIC = b"SDSEAL1\n"
"""How a file sealed by :mod:`selection_desk.formats.sealed` starts (its ``MAGIC``)."""
FILE_NOT_WRITABLE = define_message("file_not_writable", N_("{path} cannot be written: {reason}"))
FILE_UNREADABLE = define_message("file_unreadable", N_("{path} cannot be read: {reason}"))


def not_writable(error: OSError, path: Path) -> CampaignFileError:
    """Writing ``path`` failed: a known fault's own sentence (a full disk…), else the system's
    reason."""
    return known_fault(error, path) or CampaignFileError(
        FILE_NOT_WRITABLE, path=str(path), reason=error.strerror
    )


def lock_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.lock")


def _read_header(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(100)
    except FileNotFoundError:
        raise CampaignFileError(FILE_NOT_FOUND, path=str(path)) from None
    except OSError as error:
        raise CampaignFileError(FILE_UNREADABLE, path=str(path), reason=error.strerror) from None


def _read_sealed_header(path: Path) -> bytes:
    """The clear (JSON) header of a sealed file, to tell a kit from a ballot; b"" if unreadable."""
    try:
        with path.open("rb") as handle:
            start = handle.read(len(SEALED_MAGIC) + 4)
            (length,) = struct.unpack(">I", start[len(SEALED_MAGIC) :])
            return handle.read(min(length, 64 * 1024))
    except (OSError, struct.error):
        return b""


def inspect_header(path: Path) -> int:
    """Checks that ``path`` is a complete Selection Desk file it can read; returns its version.

    Reads the 100-byte SQLite header only, so a foreign or newer file is refused before SQLite
    touches it (and before any migration could alter it).
    """
    header = _read_header(path)
    if header.startswith(SEALED_MAGIC):
        sealed_ballot = b'"content":"ballot"' in _read_sealed_header(path)
        raise CampaignFileError(SEALED_BALLOT if sealed_ballot else SEALED_KIT, path=str(path))
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        raise CampaignFileError(NOT_A_CAMPAIGN_FILE, path=str(path))
    (page_size,) = struct.unpack(">H", header[16:18])
    page_size = 65536 if page_size == 1 else page_size
    (page_count,) = struct.unpack(">I", header[28:32])
    user_version: int = struct.unpack(">I", header[60:64])[0]
    (application_id,) = struct.unpack(">I", header[68:72])
    if application_id != APPLICATION_ID:
        raise CampaignFileError(NOT_A_CAMPAIGN_FILE, path=str(path))
    if page_count and path.stat().st_size < page_size * page_count:
        raise CampaignFileError(FILE_TRUNCATED, path=str(path))
    if user_version > schema_version():
        raise CampaignFileError(
            NEWER_VERSION, path=str(path), found=user_version, supported=schema_version()
        )
    return user_version


def _connect(path: Path, readonly: bool) -> Database:
    uri = f"{path.resolve().as_uri()}?mode={'ro' if readonly else 'rw'}"
    # isolation_level=None: no implicit transactions; every write is an explicit
    # BEGIN IMMEDIATE … COMMIT (see CampaignFile.transaction).
    conn = sqlite3.connect(
        uri,
        uri=True,
        isolation_level=None,
        timeout=BUSY_TIMEOUT_MS / 1000,
        check_same_thread=False,
    )
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    state_digest.register(conn)
    if not readonly:
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("PRAGMA synchronous = FULL")
        # Dirty pages stay in memory until COMMIT, however large the transaction: the file on
        # disk is never half-written while an import runs (a copy taken then is complete).
        conn.execute("PRAGMA cache_spill = OFF")
        # With spilling off, a transaction that dirties more pages than the cache holds makes
        # SQLite search its dirty list for a page to recycle at every new page, in vain: a merge
        # of 250,000 scores took twice as long.  A cache large enough for any campaign file's
        # transaction avoids that search (it is allocated only as pages are used): each
        # transaction raises the limit to it, then lowers it again (:meth:`transaction`).
        conn.execute(f"PRAGMA cache_size = -{READING_CACHE_KIB}")
    return Database(conn, execute_plugins=False)


def _is_busy(error: sqlite3.OperationalError) -> bool:
    return getattr(error, "sqlite_errorcode", None) in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)


class CampaignFile:
    """An open campaign file: a sqlite-utils ``Database`` plus, when writable, the writer lock.

    ``check_same_thread`` is off so that the GUI's task runner may use the file from a worker
    thread; the task runner runs one database task at a time.
    """

    def __init__(self, path: Path, db: Database, lock: FileLock | None) -> None:
        self.path = path
        self.db = db
        self._lock = lock
        self._identity = file_identity(path)
        self._writer_recorded = False

    @property
    def readonly(self) -> bool:
        return self._lock is None

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Database]:
        """One user action: ``BEGIN IMMEDIATE`` … ``COMMIT``, or a rollback on any error."""
        if self.readonly:
            raise CampaignFileError(FILE_NOT_WRITABLE, path=str(self.path), reason="read-only")
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            if _is_busy(error):
                raise CampaignFileError(CAMPAIGN_IN_USE, path=str(self.path)) from None
            self._raise_fault(error)
            raise
        try:
            self.db.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
            if not self._writer_recorded:
                _record_writer(self.db)
            yield self.db
            state_digest.flush(self.db)
            # Lowered before COMMIT: the pages the transaction dirtied are released as COMMIT
            # cleans them (and nothing runs after COMMIT that could fail).
            self.db.execute(f"PRAGMA cache_size = -{READING_CACHE_KIB}")
            self.db.execute("COMMIT")
            self._writer_recorded = True
        except BaseException as error:
            state_digest.discard(self.db)
            if self.db.conn.in_transaction:
                with contextlib.suppress(sqlite3.Error):  # a failing disk may refuse this too
                    self.db.execute("ROLLBACK")
            with contextlib.suppress(Exception):  # a memory hint: never the error reported
                self.db.execute(f"PRAGMA cache_size = -{READING_CACHE_KIB}")
            self._raise_fault(error)
            raise
        self._check_still_there()

    def _raise_fault(self, error: BaseException) -> None:
        """A known fault of the environment is raised as its own sentence; else nothing."""
        if isinstance(error, sqlite3.Error | OSError):
            fault = known_fault(error, self.path)
            if fault is not None:
                raise fault from error

    def _check_still_there(self) -> None:
        """A commit into a file that was moved or deleted meanwhile is not acknowledged."""
        try:
            same = file_identity(self.path) == self._identity
        except OSError:
            same = False
        if not same:
            raise CampaignFileError(FILE_VANISHED, path=str(self.path))

    def save_copy(self, destination: Path) -> None:
        """A complete, consistent, compact copy (``VACUUM INTO``), synced, then moved in place.

        Never a raw file copy: that could catch a write half-way.  ``VACUUM INTO`` also leaves
        deleted pages behind, so a copy carries nothing that was deleted.
        """
        destination = destination.resolve()
        temporary = destination.with_name(f".{destination.name}.{os.getpid()}.partial")
        temporary.unlink(missing_ok=True)
        try:
            self._vacuum_into(temporary)
            _fsync_file(temporary)
            temporary.replace(destination)
            _fsync_directory(destination.parent)
        except (OSError, sqlite3.Error) as error:
            fault = known_fault(error, destination)
            if fault is None and isinstance(error, sqlite3.Error):
                raise
            raise fault or CampaignFileError(
                FILE_NOT_WRITABLE, path=str(destination), reason=getattr(error, "strerror", "")
            ) from error
        finally:
            temporary.unlink(missing_ok=True)

    def _vacuum_into(self, temporary: Path) -> None:
        """``VACUUM INTO`` a new file, with its pages written as the cache fills: the copy is
        not the campaign file (it is moved in place only once complete), and without spilling
        every page of the copy stayed in memory until the end (130 MB for a large campaign)."""
        if self.readonly:
            self.db.execute("VACUUM INTO ?", [str(temporary)])
            return
        self.db.execute("PRAGMA cache_spill = ON")
        try:
            self.db.execute("VACUUM INTO ?", [str(temporary)])
        finally:
            self.db.execute("PRAGMA cache_spill = OFF")

    def close(self) -> None:
        state_digest.forget(self.db.conn)
        self.db.close()
        if self._lock is not None:
            forget_owner(self.path)  # only a writer that dies leaves it, with its journal
            self._lock.release()
            self._lock = None

    def __enter__(self) -> CampaignFile:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _fsync_file(path: Path) -> None:
    with path.open("rb") as handle:
        os.fsync(handle.fileno())


def _fsync_directory(path: Path) -> None:
    if os.name != "posix":
        return
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def acquire_writer_lock(path: Path) -> FileLock:
    lock = FileLock(lock_path(path), timeout=0)
    try:
        lock.acquire()
    except Timeout:
        raise CampaignFileError(CAMPAIGN_IN_USE, path=str(path)) from None
    except OSError as error:
        raise not_writable(error, path) from None
    return lock


def _roll_back_interrupted_write(path: Path) -> None:
    """A writer killed mid-transaction leaves a hot journal, which a read-only connection cannot
    roll back (every query then fails). When no writer holds the file, roll it back as a writer
    would on opening; when one does, its journal is not hot and reading is safe as it is."""
    journal = path.with_name(path.name + "-journal")
    try:
        if journal.stat().st_size == 0:
            return
    except OSError:
        return
    try:
        lock = acquire_writer_lock(path)
    except CampaignFileError:
        return  # in use by a live writer, or a read-only folder: read as it is
    try:
        check_hot_journal(path)
        with contextlib.closing(sqlite3.connect(path, isolation_level=None)) as connection:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError:
        pass  # a file SQLite cannot roll back: the read-only open reports it
    finally:
        lock.release()


def _record_writer(db: Database) -> None:
    """The app version that last wrote the file (shown by ``check``), recorded by the first
    transaction of each opening: once per session, and no page is written when it is unchanged."""
    db.execute(
        "INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key)"
        " DO UPDATE SET value = excluded.value WHERE value <> excluded.value",
        [WRITER_SETTING, __version__],
    )


def last_writer_version(db: Database) -> str | None:
    """The app version that last wrote the file; ``None`` for a file no version recorded."""
    row = db.execute("SELECT value FROM setting WHERE key = ?", [WRITER_SETTING]).fetchone()
    return None if row is None else str(row[0])


def open_campaign_file(path: Path, *, readonly: bool = False) -> CampaignFile:
    """Open an existing campaign file, migrating it forward (after a backup) when it is older."""
    path = Path(path)
    version = inspect_header(path)
    if readonly:
        _roll_back_interrupted_write(path)
    lock = None if readonly else acquire_writer_lock(path)
    try:
        if lock is not None:
            check_hot_journal(path)
        db = _connect(path, readonly)
        if readonly and version < schema_version():
            db = _migrated_in_memory(db)
        campaign_file = CampaignFile(path, db, lock)
        if not readonly:
            if version < schema_version():
                backups.backup_before_migration(campaign_file)
                _migrate(db)
            backups.rotate_automatic_backup(campaign_file)
            record_owner(path)
    except (sqlite3.DatabaseError, OSError) as error:
        if lock is not None:
            lock.release()
        if isinstance(error, sqlite3.OperationalError) and _is_busy(error):
            raise CampaignFileError(CAMPAIGN_IN_USE, path=str(path)) from None
        # An OSError names its own file: the backup folder that is full, not the campaign file.
        fault = known_fault(error, getattr(error, "filename", None) or path)
        if fault is not None:
            raise fault from error
        if isinstance(error, OSError):
            raise
        raise CampaignFileError(NOT_A_CAMPAIGN_FILE, path=str(path)) from None
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    return campaign_file


def _migrated_in_memory(db: Database) -> Database:
    """An older file opened read-only: read through a migrated copy in memory, so every query of
    this version works while the file on disk stays exactly as it is."""
    memory = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    db.conn.backup(memory)
    db.close()
    memory.execute("PRAGMA foreign_keys = ON")
    state_digest.register(memory)
    copy = Database(memory, execute_plugins=False)
    _migrate(copy)
    memory.execute("PRAGMA query_only = ON")
    return copy


def _migrate(db: Database) -> None:
    migrations.apply(db)
    state_digest.flush(db)  # what a migration changed in covered rows
    db.execute(f"PRAGMA user_version = {schema_version()}")


def create_campaign_file(path: Path) -> CampaignFile:
    """Create an empty campaign file (schema only) at ``path``, which must not exist.

    Built under a temporary name and moved in place, so a crash never leaves a half-made file.
    """
    path = Path(path).resolve()
    if path.exists():
        raise CampaignFileError(FILE_EXISTS, path=str(path))
    temporary = path.with_name(f".{path.name}.{os.getpid()}.creating")
    temporary.unlink(missing_ok=True)
    try:
        conn = sqlite3.connect(temporary, isolation_level=None)
        state_digest.register(conn)
        db = Database(conn, execute_plugins=False)
        db.execute("PRAGMA journal_mode = DELETE")
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        _migrate(db)
        db.close()
        _fsync_file(temporary)
        lock = acquire_writer_lock(path)
        temporary.replace(path)
        _fsync_directory(path.parent)
        record_owner(path)
    except OSError as error:
        raise not_writable(error, path) from None
    finally:
        temporary.unlink(missing_ok=True)
    return CampaignFile(path, _connect(path, readonly=False), lock)
