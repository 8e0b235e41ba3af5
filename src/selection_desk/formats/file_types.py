"""What a file is, read from its content (magic bytes), never from its extension — an executable
named ``deck.pdf`` is refused, a PDF named ``deck`` is a PDF, and a file is a PDF only when a PDF
parser (pypdf) reads it, not because ``%PDF-`` appears in it — and the safe name it is stored and
shown under (no path, no control characters, nothing Windows refuses)."""

from __future__ import annotations

import logging
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from functools import cache
from pathlib import PurePosixPath

from selection_desk.i18n import N_

MAX_NAME_LENGTH = 180


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
