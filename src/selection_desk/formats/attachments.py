"""Attachments that come with a dossier list: a folder or a ZIP of PDFs, decks, business plans,
scanned into the candidate files an import may store.

Files are never extracted to disk: each is read into memory when it is stored, so a hostile name
(``../../etc/passwd``, ``C:\\Windows\\x``, control characters) cannot reach the file system; its
name is still **sanitised** before it is stored or shown.  A ZIP's declared sizes are checked before
anything is inflated (count, total, compression ratio), and :mod:`zipfile` never inflates a member
beyond its declared size.  Each file's **type is read from its content**
(:mod:`~selection_desk.formats.file_types`), never from its extension, and each file is matched
to a dossier by :mod:`~selection_desk.formats.attachment_matching`.
"""

from __future__ import annotations

import os
import re
import stat
import zipfile
import zlib
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from selection_desk.errors import InvalidInput, define_message, render_message
from selection_desk.formats.file_types import sanitise_file_name
from selection_desk.formats.shown import LocalNumber
from selection_desk.i18n import N_

MAX_FILE_BYTES = 100 * 1024 * 1024
"""One attachment (a pitch video aside, a 100 MB PDF is already unusual)."""


MAX_TOTAL_BYTES = 4 * 1024 * 1024 * 1024


MAX_FILES = 20_000


MAX_COMPRESSION_RATIO = 100
"""PDFs and images hardly compress; a text file may compress 20 times; bombs thousands of times."""


RATIO_CHECKED_ABOVE_BYTES = 1024 * 1024


_READ_BLOCK = 1024 * 1024


IGNORED_NAMES = {".ds_store", "thumbs.db", "desktop.ini", ".localized"}


IGNORED_FOLDERS = {"__macosx", ".git", ".svn"}


ATTACHMENTS_MISSING = define_message(
    "attachments_missing", N_("The attachments folder or archive {path} does not exist.")
)


ATTACHMENTS_NOT_ZIP = define_message(
    "attachments_not_zip",
    N_("{path} is neither a folder nor a ZIP archive; give a folder or a .zip of attachments."),
)


ATTACHMENTS_CORRUPT = define_message(
    "attachments_corrupt", N_("The archive {path} is damaged and cannot be read.")
)


ATTACHMENTS_TOO_MANY = define_message(
    "attachments_too_many",
    N_("{path} holds more than {limit} files; split the attachments into smaller archives."),
)


ATTACHMENTS_TOO_LARGE = define_message(
    "attachments_too_large",
    N_("{path} holds more than {limit} MB of files once unpacked; it was not opened."),
)


ATTACHMENTS_BOMB = define_message(
    "attachments_bomb",
    N_(
        "The archive {path} contains a file ({member}) that expands {ratio} times, as malicious "
        "archives do; it was not opened."
    ),
)


ATTACHMENT_DAMAGED = define_message(
    "attachments_member_damaged",
    N_(
        "The file {member} in the archive {path} is damaged ({reason}) and cannot be read; "
        "make the archive again."
    ),
)


_DAMAGE_REASONS = {
    "checksum": N_("its checksum does not match its content"),
    "data": N_("its compressed data is invalid"),
    "larger": N_("it holds more than the archive declares"),
    "shorter": N_("it holds less than the archive declares"),
    "method": N_("it is compressed with a method that cannot be read"),
}


FILE_TOO_LARGE = define_message(
    "attachment_too_large", N_("larger than {limit} MB ({size} MB); not stored")
)


FILE_EMPTY = define_message("attachment_empty", N_("empty file; not stored"))


FILE_ENCRYPTED = define_message(
    "attachment_encrypted", N_("protected by a password in the archive; not stored")
)


FILE_FORBIDDEN_TYPE = define_message(
    "attachment_forbidden_type", N_("{kind}: this type of file is not accepted")
)


FILE_UNKNOWN_TYPE = define_message(
    "attachment_unknown_type",
    N_("its content is of no known document type (PDF, image, office document, text)"),
)


FILE_LINK = define_message(
    "attachment_link", N_("a link to another place on the disk; not followed")
)


FILE_UNREADABLE = define_message("attachment_unreadable", N_("cannot be read: {reason}"))


FILE_DAMAGED = define_message(
    "attachment_damaged", N_("damaged in the archive: {reason}; not stored")
)


class DamagedMember(InvalidInput):
    """A member of an attachments archive whose data is not what the archive declares (a bad
    checksum, invalid compressed data, more or fewer bytes than its declared size)."""

    def __init__(self, path: Path, member: str, reason: str) -> None:
        super().__init__(ATTACHMENT_DAMAGED, path=str(path), member=member, reason=reason)
        self.member = member
        self.reason_code = reason

    def message(self) -> str:
        return render_message(
            self.code, dict(self.facts, reason=damage_reason_text(self.reason_code))
        )


def damage_reason_text(reason: str) -> str:
    from selection_desk.i18n import _

    return _(_DAMAGE_REASONS.get(reason, reason))


@dataclass(frozen=True)
class CandidateFile:
    """One file found in the attachments source, not read yet."""

    original: str
    """Its path inside the folder or archive, as written there (for reports)."""
    name: str
    """Sanitised file name."""
    size: int


@dataclass(frozen=True)
class RejectedFile:
    original: str
    code: str
    facts: Mapping[str, Any] = field(default_factory=dict)


@dataclass
class AttachmentSource:
    """The files of a folder or a ZIP, listed after the archive checks; read one at a time."""

    path: Path
    files: list[CandidateFile]
    rejected: list[RejectedFile]
    _archive: zipfile.ZipFile | None = None
    _handle: IO[bytes] | None = None

    def read(self, candidate: CandidateFile) -> bytes:
        """The content of ``candidate``; raises :class:`DamagedMember` for a damaged member of
        an archive, :class:`OSError` for a file of a folder that cannot be read."""
        if self._archive is not None:
            return self._read_member(candidate)
        target = self.path / candidate.original
        with target.open("rb") as handle:
            return handle.read(MAX_FILE_BYTES + 1)

    def _read_member(self, candidate: CandidateFile) -> bytes:
        """Read in blocks, never past the member's declared size (nor the size limit)."""
        assert self._archive is not None
        try:
            info = self._archive.getinfo(candidate.original)
            declared = min(info.file_size, MAX_FILE_BYTES)
            chunks: list[bytes] = []
            size = 0
            with self._archive.open(info) as member:
                while True:
                    chunk = member.read(min(_READ_BLOCK, declared + 1 - size))
                    if not chunk:
                        break
                    size += len(chunk)
                    if size > declared:
                        raise DamagedMember(self.path, candidate.original, "larger")
                    chunks.append(chunk)
        except zipfile.BadZipFile as error:
            reason = "checksum" if "CRC" in str(error) else "data"
            raise DamagedMember(self.path, candidate.original, reason) from None
        except (zlib.error, EOFError, ValueError, KeyError):
            raise DamagedMember(self.path, candidate.original, "data") from None
        except NotImplementedError:
            raise DamagedMember(self.path, candidate.original, "method") from None
        if size < info.file_size:
            raise DamagedMember(self.path, candidate.original, "shorter")
        return b"".join(chunks)

    def close(self) -> None:
        if self._archive is not None:
            self._archive.close()
            self._archive = None
        if self._handle is not None:
            self._handle.close()
            self._handle = None


@contextmanager
def open_attachment_source(path: Path) -> Iterator[AttachmentSource]:
    source = scan_attachment_source(path)
    try:
        yield source
    finally:
        source.close()


def scan_attachment_source(path: Path) -> AttachmentSource:
    """List the files of the folder or ZIP at ``path``; call :meth:`AttachmentSource.close`."""
    if path.is_dir():
        return _scan_folder(path)
    if not path.exists():
        raise InvalidInput(ATTACHMENTS_MISSING, path=str(path))
    try:
        handle = path.open("rb")
    except OSError as error:
        raise InvalidInput(ATTACHMENTS_CORRUPT, path=str(path)) from error
    try:
        if handle.read(4) not in (b"PK\x03\x04", b"PK\x05\x06"):
            raise InvalidInput(ATTACHMENTS_NOT_ZIP, path=str(path))
        handle.seek(0)
        try:
            archive = zipfile.ZipFile(handle)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
            raise InvalidInput(ATTACHMENTS_CORRUPT, path=str(path)) from None
        files, rejected = _zip_members(archive, path)
    except BaseException:
        handle.close()
        raise
    return AttachmentSource(path, files, rejected, archive, handle)


def _ignored(parts: Sequence[str]) -> bool:
    folders = [part.casefold() for part in parts[:-1] if part not in (".", "..")]
    name = parts[-1].casefold() if parts else ""
    return (
        any(folder in IGNORED_FOLDERS or folder.startswith(".") for folder in folders)
        or name in IGNORED_NAMES
        or name.startswith(("._", "~$"))
    )


def _zip_members(
    archive: zipfile.ZipFile, path: Path
) -> tuple[list[CandidateFile], list[RejectedFile]]:
    infos = [info for info in archive.infolist() if not info.is_dir()]
    if len(infos) > MAX_FILES:
        raise InvalidInput(ATTACHMENTS_TOO_MANY, path=str(path), limit=LocalNumber(MAX_FILES))
    total = sum(info.file_size for info in infos)
    if total > MAX_TOTAL_BYTES:
        raise InvalidInput(
            ATTACHMENTS_TOO_LARGE,
            path=str(path),
            limit=LocalNumber(MAX_TOTAL_BYTES // (1024 * 1024)),
        )
    for info in infos:
        if info.file_size > RATIO_CHECKED_ABOVE_BYTES:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > MAX_COMPRESSION_RATIO:
                raise InvalidInput(
                    ATTACHMENTS_BOMB,
                    path=str(path),
                    member=info.filename,
                    ratio=LocalNumber(round(ratio)),
                )
    files: list[CandidateFile] = []
    rejected: list[RejectedFile] = []
    for info in infos:
        parts = [part for part in re.split(r"[/\\]", info.filename) if part]
        if not parts or _ignored(parts):
            continue
        if info.flag_bits & 0x1:
            rejected.append(RejectedFile(info.filename, FILE_ENCRYPTED))
        elif _is_zip_symlink(info):
            rejected.append(RejectedFile(info.filename, FILE_LINK))
        elif info.file_size > MAX_FILE_BYTES:
            rejected.append(_too_large(info.filename, info.file_size))
        elif info.file_size == 0:
            rejected.append(RejectedFile(info.filename, FILE_EMPTY))
        else:
            files.append(
                CandidateFile(info.filename, sanitise_file_name(parts[-1]), info.file_size)
            )
    return files, rejected


def _is_zip_symlink(info: zipfile.ZipInfo) -> bool:
    return info.create_system == 3 and stat.S_ISLNK(info.external_attr >> 16)


def _too_large(original: str, size: int) -> RejectedFile:
    return RejectedFile(
        original,
        FILE_TOO_LARGE,
        {"limit": MAX_FILE_BYTES // (1024 * 1024), "size": round(size / (1024 * 1024), 1)},
    )


def _scan_folder(folder: Path) -> AttachmentSource:
    files: list[CandidateFile] = []
    rejected: list[RejectedFile] = []
    total = 0
    for root, directories, names in os.walk(folder, followlinks=False):
        directories[:] = sorted(
            d for d in directories if d.casefold() not in IGNORED_FOLDERS and not d.startswith(".")
        )
        for name in sorted(names):
            full = Path(root) / name
            relative = full.relative_to(folder).as_posix()
            if _ignored(relative.split("/")):
                continue
            try:
                info = full.lstat()
            except OSError as error:
                rejected.append(
                    RejectedFile(relative, FILE_UNREADABLE, {"reason": error.strerror or ""})
                )
                continue
            if stat.S_ISLNK(info.st_mode):
                rejected.append(RejectedFile(relative, FILE_LINK))
                continue
            if not stat.S_ISREG(info.st_mode):
                continue
            if info.st_size > MAX_FILE_BYTES:
                rejected.append(_too_large(relative, info.st_size))
                continue
            if info.st_size == 0:
                rejected.append(RejectedFile(relative, FILE_EMPTY))
                continue
            total += info.st_size
            if len(files) >= MAX_FILES:
                raise InvalidInput(
                    ATTACHMENTS_TOO_MANY, path=str(folder), limit=LocalNumber(MAX_FILES)
                )
            if total > MAX_TOTAL_BYTES:
                raise InvalidInput(
                    ATTACHMENTS_TOO_LARGE,
                    path=str(folder),
                    limit=LocalNumber(MAX_TOTAL_BYTES // (1024 * 1024)),
                )
            files.append(CandidateFile(relative, sanitise_file_name(name), info.st_size))
    return AttachmentSource(folder, files, rejected)
