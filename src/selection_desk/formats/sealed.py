"""Sealed files: juror kits and ballots encrypted for the journey on a USB stick or by e-mail.

Layout::

    MAGIC (8 bytes) | header length (4 bytes, big-endian) | header (canonical JSON) | chunks

The content is cut into chunks of :data:`CHUNK_BYTES`, each encrypted with AES-256-GCM under its own
nonce (the header's 8-byte prefix + a 4-byte chunk counter); each chunk's associated data is the
whole header plus a flag marking the last chunk. So a kit of any size is sealed and opened as a
stream, and any altered, removed, reordered or appended byte — header included — fails to open.

The key comes either from a passphrase (scrypt, parameters in the header) or, for ballots, from the
key that the juror's kit and the campaign file share. The header carries a short *key check* so that
a wrong passphrase is told apart from a damaged file.

``cryptography`` loads with the first seal or unseal: the window asks :func:`is_sealed` of every
file it opens, before its first paint.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

MAGIC = b"SDSEAL1\n"
FORMAT_VERSION = 1
CHUNK_BYTES = 1 << 20
TAG_BYTES = 16
KEY_BYTES = 32
MAX_HEADER_BYTES = 64 * 1024
SCRYPT_N = 1 << 15
"""~0.4 s on a modest laptop: slow enough to make guessing costly, quick enough to open a kit."""
SCRYPT_R = 8
SCRYPT_P = 1
_MAX_SCRYPT_N = 1 << 20
_LAST = b"\x01"
_MORE = b"\x00"


class SealError(Exception):
    """Base of the failures below; callers turn them into their own user-facing errors."""


class NotSealed(SealError):
    """The bytes do not start like a sealed file (or the header is unreadable)."""


class WrongKey(SealError):
    """The key (passphrase) does not open this file."""


class Damaged(SealError):
    """The key is right but the content was altered, truncated or extended."""


@dataclass(frozen=True)
class SealHeader:
    content: str
    """What is sealed: ``"juror_kit"`` or ``"ballot"``."""
    fields: dict[str, Any]
    raw: bytes
    """The header's exact bytes: authenticated with every chunk."""

    @property
    def kit_id(self) -> str:
        return str(self.fields.get("kit_id", ""))

    @property
    def uses_passphrase(self) -> bool:
        return isinstance(self.fields.get("kdf"), dict)


def _canonical(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def _key_check(key: bytes) -> str:
    return hmac.new(key, b"selection-desk key check", hashlib.sha256).hexdigest()[:16]


def new_passphrase_kdf() -> dict[str, Any]:
    return {
        "name": "scrypt",
        "salt": os.urandom(16).hex(),
        "n": SCRYPT_N,
        "r": SCRYPT_R,
        "p": SCRYPT_P,
    }


def passphrase_key(passphrase: str, kdf: dict[str, Any]) -> bytes:
    """The 32-byte key that ``passphrase`` gives under the scrypt parameters ``kdf``."""
    try:
        salt = bytes.fromhex(str(kdf["salt"]))
        n, r, p = int(kdf["n"]), int(kdf["r"]), int(kdf["p"])
    except (KeyError, TypeError, ValueError):
        raise NotSealed from None
    if kdf.get("name") != "scrypt" or not (2 <= n <= _MAX_SCRYPT_N) or not (1 <= r <= 32):
        raise NotSealed
    if not 1 <= p <= 16 or len(salt) < 8:
        raise NotSealed
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(salt=salt, length=KEY_BYTES, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))


def _header_bytes(content: str, key: bytes, fields: dict[str, Any]) -> bytes:
    header = {
        **fields,
        "format": "selection-desk-sealed",
        "version": FORMAT_VERSION,
        "content": content,
        "nonce": os.urandom(8).hex(),
        "key_check": _key_check(key),
    }
    raw = _canonical(header)
    return MAGIC + struct.pack(">I", len(raw)) + raw


def _nonce(header: SealHeader, counter: int) -> bytes:
    return bytes.fromhex(str(header.fields["nonce"])) + struct.pack(">I", counter)


def _chunks(handle: IO[bytes], size: int) -> Iterator[tuple[bytes, bool]]:
    """Chunks of ``size`` bytes with a flag for the last one (an empty input is one empty chunk)."""
    current = handle.read(size)
    while True:
        following = handle.read(size) if len(current) == size else b""
        yield current, not following
        if not following:
            return
        current = following


def seal_stream(
    source: IO[bytes], target: IO[bytes], key: bytes, content: str, fields: dict[str, Any]
) -> None:
    """Encrypt ``source`` into ``target`` under ``key``; ``fields`` go into the clear header."""
    prefix = _header_bytes(content, key, fields)
    header = parse_header(prefix)
    target.write(prefix)
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    cipher = AESGCM(key)
    for counter, (chunk, last) in enumerate(_chunks(source, CHUNK_BYTES)):
        if counter >= 1 << 32:
            raise ValueError("content too large to seal")
        associated = header.raw + (_LAST if last else _MORE)
        target.write(cipher.encrypt(_nonce(header, counter), chunk, associated))


def seal_bytes(data: bytes, key: bytes, content: str, fields: dict[str, Any]) -> bytes:
    import io

    target = io.BytesIO()
    seal_stream(io.BytesIO(data), target, key, content, fields)
    return target.getvalue()


def is_sealed(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(len(MAGIC)) == MAGIC
    except OSError:
        return False


def parse_header(prefix: bytes) -> SealHeader:
    """The header at the start of ``prefix`` (which may hold more bytes after it)."""
    if not prefix.startswith(MAGIC) or len(prefix) < len(MAGIC) + 4:
        raise NotSealed
    (length,) = struct.unpack(">I", prefix[len(MAGIC) : len(MAGIC) + 4])
    start = len(MAGIC) + 4
    if length > MAX_HEADER_BYTES or len(prefix) < start + length:
        raise NotSealed
    raw = prefix[start : start + length]
    try:
        fields = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise NotSealed from None
    if not isinstance(fields, dict) or fields.get("format") != "selection-desk-sealed":
        raise NotSealed
    nonce = fields.get("nonce")
    if fields.get("version") != FORMAT_VERSION or not isinstance(nonce, str) or len(nonce) != 16:
        raise NotSealed
    try:
        bytes.fromhex(nonce)
    except ValueError:
        raise NotSealed from None
    return SealHeader(str(fields.get("content", "")), fields, raw)


def read_header(path: Path) -> SealHeader:
    with path.open("rb") as handle:
        start = handle.read(len(MAGIC) + 4)
        if len(start) < len(MAGIC) + 4 or not start.startswith(MAGIC):
            raise NotSealed
        (length,) = struct.unpack(">I", start[len(MAGIC) :])
        if length > MAX_HEADER_BYTES:
            raise NotSealed
        return parse_header(start + handle.read(length))


def check_key(header: SealHeader, key: bytes) -> None:
    if not hmac.compare_digest(str(header.fields.get("key_check", "")), _key_check(key)):
        raise WrongKey


def unseal_stream(source: IO[bytes], target: IO[bytes], key: bytes) -> SealHeader:
    """Decrypt ``source`` (a whole sealed file) into ``target``.

    Raises :class:`WrongKey` or :class:`Damaged`; ``target`` may then hold a partial plaintext,
    which the caller discards."""
    start = source.read(len(MAGIC) + 4)
    if len(start) < len(MAGIC) + 4 or not start.startswith(MAGIC):
        raise NotSealed
    (length,) = struct.unpack(">I", start[len(MAGIC) :])
    if length > MAX_HEADER_BYTES:
        raise NotSealed
    header = parse_header(start + source.read(length))
    check_key(header, key)
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    cipher = AESGCM(key)
    for counter, (chunk, last) in enumerate(_chunks(source, CHUNK_BYTES + TAG_BYTES)):
        if len(chunk) < TAG_BYTES:
            raise Damaged
        associated = header.raw + (_LAST if last else _MORE)
        try:
            target.write(cipher.decrypt(_nonce(header, counter), chunk, associated))
        except InvalidTag:
            raise Damaged from None
    return header


def unseal_bytes(data: bytes, key: bytes) -> bytes:
    import io

    target = io.BytesIO()
    unseal_stream(io.BytesIO(data), target, key)
    return target.getvalue()


def seal_secret(secret: bytes, key: bytes, associated: bytes) -> tuple[bytes, bytes]:
    """A small secret (a private key) sealed with AES-GCM: ``(nonce, ciphertext)``."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = os.urandom(12)
    return nonce, AESGCM(key).encrypt(nonce, secret, associated)


def open_secret(nonce: bytes, ciphertext: bytes, key: bytes, associated: bytes) -> bytes:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        return AESGCM(key).decrypt(nonce, ciphertext, associated)
    except InvalidTag:
        raise WrongKey from None
