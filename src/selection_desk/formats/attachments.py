"""Attachments that come with a dossier list: a folder or a ZIP of PDFs, decks, business plans.

Files are never extracted to disk: each is read into memory when it is stored, so a hostile name
(``../../etc/passwd``, ``C:\\Windows\\x``, control characters) cannot reach the file system; its
name is still **sanitised** before it is stored or shown.  A ZIP's declared sizes are checked before
anything is inflated (count, total, compression ratio), and :mod:`zipfile` never inflates a member
beyond its declared size.  Each file's **type is read from its content** (magic bytes), never from
its extension: an executable named ``deck.pdf`` is refused, a PDF named ``deck`` is a PDF, and a
file is a PDF only when a PDF parser (pypdf) reads it, not because ``%PDF-`` appears in it.

Files are matched to dossiers, in this order of trust: by a file name written in the dossier's
attachment column, by the dossier's reference in the file name, by the dossier's name in the file
name.  A file that matches several dossiers equally is not guessed: it is reported, with the files
that match none.
"""

from __future__ import annotations

import logging
import os
import re
import stat
import unicodedata
import zipfile
import zlib
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path, PurePosixPath
from typing import IO, Any

from selection_desk.errors import InvalidInput, define_message, render_message
from selection_desk.formats.headers import normalise_header
from selection_desk.formats.shown import LocalNumber
from selection_desk.i18n import N_

MAX_FILE_BYTES = 100 * 1024 * 1024
"""One attachment (a pitch video aside, a 100 MB PDF is already unusual)."""
MAX_TOTAL_BYTES = 4 * 1024 * 1024 * 1024
MAX_FILES = 20_000
MAX_COMPRESSION_RATIO = 100
"""PDFs and images hardly compress; a text file may compress 20 times; bombs thousands of times."""
RATIO_CHECKED_ABOVE_BYTES = 1024 * 1024
MAX_NAME_LENGTH = 180
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


_EXTENSIONS = {
    "application/pdf": ".pdf",
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "image/gif": ".gif",
    "image/webp": ".webp",
    "image/tiff": ".tif",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": ".pptx",
    "application/vnd.oasis.opendocument.text": ".odt",
    "application/vnd.oasis.opendocument.spreadsheet": ".ods",
    "application/vnd.oasis.opendocument.presentation": ".odp",
    "application/msword": ".doc",
    "application/vnd.ms-excel": ".xls",
    "application/vnd.ms-powerpoint": ".ppt",
    "application/rtf": ".rtf",
    "video/mp4": ".mp4",
    "video/quicktime": ".mov",
    "text/plain": ".txt",
    "text/csv": ".csv",
}
ACCEPTED_TYPES = frozenset(_EXTENSIONS)
_OLE_BY_EXTENSION = {
    ".doc": "application/msword",
    ".dot": "application/msword",
    ".xls": "application/vnd.ms-excel",
    ".ppt": "application/vnd.ms-powerpoint",
    ".pps": "application/vnd.ms-powerpoint",
}
_OOXML_BY_FOLDER = {
    "word/": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xl/": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ppt/": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
_FORBIDDEN_KINDS = {
    "executable": N_("a program"),
    "script": N_("a script"),
    "archive": N_("an archive (unpack it first)"),
    "web page": N_("a web page or image with scripts"),
}
_WINDOWS_RESERVED = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$", re.IGNORECASE)
_UNSAFE_CHARS = re.compile(r'[<>:"/\\|?*]')
_SPACES = re.compile(r"\s+")


def extension_for(mime_type: str) -> str:
    return _EXTENSIONS.get(mime_type, "")


def sanitise_file_name(name: str) -> str:
    """A file name safe to store, show and write: no folder, no control characters, no
    characters Windows refuses, no reserved device names, at most :data:`MAX_NAME_LENGTH`."""
    base = re.split(r"[/\\]", name)[-1]
    base = unicodedata.normalize("NFC", base)
    base = "".join(
        " " if unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp") else char for char in base
    )
    base = _UNSAFE_CHARS.sub("_", base)
    base = _SPACES.sub(" ", base).strip(" .")
    if _WINDOWS_RESERVED.match(base):
        base = "_" + base
    if len(base) > MAX_NAME_LENGTH:
        stem, dot, suffix = base.rpartition(".")
        if dot and 0 < len(suffix) <= 8:
            base = stem[: MAX_NAME_LENGTH - len(suffix) - 1].rstrip(" .") + "." + suffix
        else:
            base = base[:MAX_NAME_LENGTH].rstrip(" .")
    return base or "attachment"


@dataclass(frozen=True)
class Sniffed:
    mime_type: str | None
    """An accepted type, or ``None``."""
    refused_kind: str | None = None
    """``executable``, ``script``, ``archive``, ``web page``; ``None`` with no type: unknown."""


def sniff(content: bytes, name: str = "") -> Sniffed:
    """The type of ``content`` from its first bytes (and, for containers, their inside)."""
    head = content[:2048]
    suffix = PurePosixPath(name.lower()).suffix
    if b"%PDF-" in head[:1024] and opens_as_pdf(content):
        return Sniffed("application/pdf")
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return Sniffed("image/png")
    if head.startswith(b"\xff\xd8\xff"):
        return Sniffed("image/jpeg")
    if head.startswith((b"GIF87a", b"GIF89a")):
        return Sniffed("image/gif")
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return Sniffed("image/webp")
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return Sniffed("image/tiff")
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        return Sniffed("video/quicktime" if brand == b"qt  " else "video/mp4")
    if head.startswith(b"{\\rtf"):
        return Sniffed("application/rtf")
    if head.startswith(bytes.fromhex("d0cf11e0a1b11ae1")):
        return Sniffed(_OLE_BY_EXTENSION.get(suffix, "application/msword"))
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _sniff_zip(content)
    if head.startswith((b"MZ", b"\x7fELF", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe")) or head[
        :4
    ] in (b"\xfe\xed\xfa\xce", b"\xfe\xed\xfa\xcf", b"\xce\xfa\xed\xfe"):
        return Sniffed(None, "executable")
    if head.startswith((b"Rar!", b"7z\xbc\xaf", b"\x1f\x8b", b"BZh")):
        return Sniffed(None, "archive")
    if head.startswith(b"#!"):
        return Sniffed(None, "script")
    text = _as_text(head)
    if text is not None:
        lowered = text.lstrip("\ufeff \t\r\n").lower()
        if lowered.startswith(("<!doctype html", "<html", "<svg", "<?xml", "<script")):
            return Sniffed(None, "web page")
        return Sniffed("text/csv" if suffix == ".csv" else "text/plain")
    return Sniffed(None)


def opens_as_pdf(content: bytes) -> bool:
    """Whether a PDF parser (pypdf) reads ``content``'s cross-reference table and finds pages
    (or an encrypted document): ``%PDF-`` within the first kilobyte is not enough, an executable
    or a text can carry it (``setup.exe`` would have been stored as ``setup.exe.pdf``)."""
    import io

    from pypdf import PdfReader

    _quiet_pypdf()
    try:
        reader = PdfReader(io.BytesIO(content), strict=False)
        # An encrypted PDF's page tree needs its password: its parsed trailer is proof enough.
        return bool(reader.is_encrypted) or len(reader.pages) > 0
    except Exception:  # any failure of the parser on hostile bytes means "not a PDF"
        return False


@cache
def _quiet_pypdf() -> None:
    """pypdf logs each repair of a sloppy PDF as a warning, which would reach the terminal."""
    logging.getLogger("pypdf").setLevel(logging.ERROR)


def _as_text(head: bytes) -> str | None:
    if b"\x00" in head:
        return None
    for encoding in ("utf-8", "cp1252"):
        try:
            text = head.decode(encoding)
        except UnicodeDecodeError as error:
            if encoding == "utf-8" and error.start >= len(head) - 3:
                text = head[: error.start].decode("utf-8")  # a character cut by the sample
            else:
                continue
        controls = sum(1 for char in text if ord(char) < 32 and char not in "\t\r\n\f")
        return text if controls == 0 else None
    return None


def _sniff_zip(content: bytes) -> Sniffed:
    import io

    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = archive.namelist()
            if "mimetype" in names and archive.getinfo("mimetype").file_size < 200:
                mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
                if mimetype in ACCEPTED_TYPES:
                    return Sniffed(mimetype)
            if "[Content_Types].xml" in names:
                for folder, mime_type in _OOXML_BY_FOLDER.items():
                    if any(name.startswith(folder) for name in names):
                        return Sniffed(mime_type)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        return Sniffed(None)
    return Sniffed(None, "archive")


def refused_kind_text(kind: str) -> str:
    return _FORBIDDEN_KINDS.get(kind, kind)


# --- Scanning a folder or an archive ------------------------------------------------------------


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


# --- Matching -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class DossierKeys:
    """What identifies a dossier in an attachment's name."""

    ref: str
    name: str
    listed_files: tuple[str, ...] = ()
    """File names written in its attachment column(s)."""


@dataclass(frozen=True)
class Match:
    file: CandidateFile
    ref: str
    by: str
    """``"column"``, ``"ref"`` or ``"name"``."""


@dataclass(frozen=True)
class MatchResult:
    matches: tuple[Match, ...]
    unmatched: tuple[CandidateFile, ...]
    ambiguous: tuple[tuple[CandidateFile, tuple[str, ...]], ...]
    """Files that match several dossiers equally well, with those dossiers' references."""


def _words(text: str) -> str:
    """Lower-case words without accents, separated by single spaces: "Éco-Logis_v2" → "eco logis
    v2"."""
    return " ".join(re.findall(r"[a-z0-9]+", normalise_header(text)))


def listed_file_names(cell: str) -> tuple[str, ...]:
    """File names written in an attachment cell: ``deck.pdf``, several separated by commas or
    lines, Airtable's ``deck.pdf (https://…)``, or a link whose last part is a file name."""
    names: list[str] = []
    for part in re.split(r"[\n;]|,\s*(?=\S)", cell):
        part = part.strip()
        if not part:
            continue
        airtable = re.match(r"^(.*?\.[A-Za-z0-9]{2,5})\s*\(https?://[^)]*\)$", part)
        if airtable:
            names.append(airtable.group(1).strip())
            continue
        if re.match(r"^https?://", part, re.IGNORECASE):
            last = part.split("?")[0].rstrip("/").rsplit("/", 1)[-1]
            if re.search(r"\.[A-Za-z0-9]{2,5}$", last):
                from urllib.parse import unquote

                names.append(unquote(last))
            continue
        names.append(part)
    return tuple(names)


def match_files(files: Sequence[CandidateFile], dossiers: Sequence[DossierKeys]) -> MatchResult:
    """Each file to at most one dossier (see the module's docstring for the order of trust).

    References and names are looked up by the word sequences of each file's path, so the cost
    grows with the number of files and dossiers, not with their product."""
    by_listed: dict[str, set[str]] = {}
    refs = _KeyIndex()
    names = _KeyIndex()
    for dossier in dossiers:
        for written in dossier.listed_files:
            by_listed.setdefault(sanitise_file_name(written).casefold(), set()).add(dossier.ref)
        refs.add(_words(dossier.ref), dossier.ref)
        name = _words(dossier.name)
        if len(name.replace(" ", "")) >= 3:
            names.add(name, dossier.ref)
    matches: list[Match] = []
    unmatched: list[CandidateFile] = []
    ambiguous: list[tuple[CandidateFile, tuple[str, ...]]] = []
    for file in files:
        listed = by_listed.get(file.name.casefold(), set())
        if len(listed) == 1:
            matches.append(Match(file, next(iter(listed)), "column"))
            continue
        if len(listed) > 1:
            ambiguous.append((file, tuple(sorted(listed))))
            continue
        path = PurePosixPath(file.original)
        words = _words(path.with_suffix("").as_posix()).split()
        first_word = _words(path.stem).split(" ")[0]
        folders = {_words(folder) for folder in path.parts[:-1]}
        found = _refs_in(words, first_word, folders, refs)
        by = "ref"
        if not found:
            found = _longest(names.found_in(words))
            by = "name"
        if len(found) == 1:
            matches.append(Match(file, found[0], by))
        elif found:
            ambiguous.append((file, tuple(sorted(found))))
        else:
            unmatched.append(file)
    return MatchResult(tuple(matches), tuple(unmatched), tuple(ambiguous))


class _KeyIndex:
    """Word sequences (“eco logis”) → the dossiers they identify."""

    def __init__(self) -> None:
        self.refs: dict[str, set[str]] = {}
        self.longest = 0

    def add(self, key: str, ref: str) -> None:
        if not key:
            return
        self.refs.setdefault(key, set()).add(ref)
        self.longest = max(self.longest, key.count(" ") + 1)

    def found_in(self, words: Sequence[str]) -> dict[str, int]:
        """Dossier ref → the number of words of the longest key found in ``words``."""
        found: dict[str, int] = {}
        for start in range(len(words)):
            for length in range(1, min(self.longest, len(words) - start) + 1):
                key = " ".join(words[start : start + length])
                for ref in self.refs.get(key, ()):
                    found[ref] = max(found.get(ref, 0), len(key))
        return found


def _refs_in(
    words: Sequence[str], first_word: str, folders: set[str], refs: _KeyIndex
) -> list[str]:
    """References in a file's path.  A reference of digits only (Microsoft Forms' 1, 2, 3 …)
    must open the file name or be a folder's name: “deck 2024.pdf” is not dossier 2024's."""
    found: list[str] = []
    for ref, _length in refs.found_in(words).items():
        key = _words(ref)
        if not key.isdigit() or first_word == key or key in folders:
            found.append(ref)
    return found


def _longest(found: dict[str, int]) -> list[str]:
    """Among names found, the longest wins (“Eco” and “Eco Logis” in “eco logis deck”)."""
    if not found:
        return []
    longest = max(found.values())
    return [ref for ref, length in found.items() if length == longest]
