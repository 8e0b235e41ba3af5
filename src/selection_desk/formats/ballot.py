"""The ballot (design §4): a juror's work as a small signed JSON document.

A ballot file holds exactly the canonical JSON of the document (keys sorted, no spaces, UTF-8) and
a final newline.  The Ed25519 signature covers the canonical JSON of the document *without* its
``signature`` field — which, keys being sorted, is the file's bytes with the signature field cut
out.  Reading a ballot cuts the signed bytes out of the very bytes of the file (and requires the
signature's digits in their one canonical spelling), so any altered byte is caught — whether it
breaks the JSON, changes a value or only moves a space, the signature no longer matches — without
serialising the document again (a merge reads tens of thousands of scores).

The document::

    {"format": "selection-desk-ballot", "version": 1, "campaign_uid": …, "kit_id": …,
     "juror": "J1", "revision": 3, "created_at": "2026-…", "round_uid": …,
     "reviews": [{"dossier": "D01", "status": "final", "comment": "…", "confidence": 4,
                  "revision": 5, "updated_at": "…",
                  "scores": [{"criterion": "TEAM", "value": 4.5, "comment": "…",
                              "revision": 2, "updated_at": "…"}, …],
                  "feedback": "…"}, …],
     "signature": "<128 hex digits>"}

``round_uid`` names the round of the campaign the kit was made for (design §10); a ballot written
before rounds has none and belongs to the first round.

A review's ``comment`` stays inside the committee; its ``feedback`` is written for the applicant
and present only when the juror wrote one (a ballot written before feedback existed still reads).

A review lists the juror's complete state for that dossier: the merge makes the campaign's rows
equal to it, so a score the juror cleared is cleared in the campaign too.  This module checks the
form only; whether the ballot may be merged (campaign, juror, scales, conflicts) is the merge's
business (``services.merge``).  Every number beyond
:data:`~selection_desk.formats.cell_values.MAX_MAGNITUDE` is refused here, so that none overflows
the campaign file's 64-bit integers.
"""

from __future__ import annotations

import hashlib
import json
import math
import operator
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any, NamedTuple

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from selection_desk.formats.cell_values import MAX_MAGNITUDE

BALLOT_FORMAT = "selection-desk-ballot"
BALLOT_VERSION = 1
MAX_BALLOT_BYTES = 64 * 1024 * 1024
MAX_TEXT = 100_000
SIGNATURE_BYTES = 64


class BallotFormatError(Exception):
    """The bytes are not a well-formed ballot; ``detail`` says where (technical, English)."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class BallotNotJSON(BallotFormatError):
    """The bytes are not a JSON document: a ballot cut short (a copy still being written, or
    interrupted) reads so, and the watched folder waits for it (``services.ballot_watch``)."""

    def __init__(self) -> None:
        super().__init__("not JSON")


class BallotScore(NamedTuple):
    """A named tuple rather than a dataclass: a merge builds tens of thousands of them."""

    criterion: str
    value: float
    comment: str = ""
    revision: int = 1
    updated_at: str = ""


@dataclass(frozen=True)
class BallotReview:
    dossier: str
    status: str
    comment: str = ""
    confidence: int | None = None
    revision: int = 1
    updated_at: str = ""
    scores: tuple[BallotScore, ...] = ()
    feedback: str = ""
    """For the applicant; a ballot written before feedback existed has no such key."""


@dataclass(frozen=True)
class Ballot:
    campaign_uid: str
    kit_id: str
    juror: str
    revision: int
    created_at: str
    reviews: tuple[BallotReview, ...]
    signature: bytes = b""
    round_uid: str = ""
    """The round the kit was made for ("": a ballot written before rounds, the first round)."""

    def payload(self) -> dict[str, Any]:
        """The signed part: the whole document but the signature."""
        payload: dict[str, Any] = {
            "format": BALLOT_FORMAT,
            "version": BALLOT_VERSION,
            "campaign_uid": self.campaign_uid,
            "kit_id": self.kit_id,
            "juror": self.juror,
            "revision": self.revision,
            "created_at": self.created_at,
            "reviews": [review_to_json(review) for review in self.reviews],
        }
        if self.round_uid:
            payload["round_uid"] = self.round_uid
        return payload

    def signed_message(self) -> bytes:
        return canonical_bytes(self.payload())

    def to_bytes(self) -> bytes:
        return document_bytes({**self.payload(), "signature": self.signature.hex()})

    @property
    def score_count(self) -> int:
        return sum(len(review.scores) for review in self.reviews)


def canonical_bytes(value: Any) -> bytes:
    """Keys sorted, no whitespace, UTF-8, no NaN: the one serialisation that is signed."""
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def document_bytes(document: Mapping[str, Any]) -> bytes:
    return canonical_bytes(document) + b"\n"


def ballot_hash(data: bytes) -> str:
    """The identity of a ballot in the merge log: SHA-256 of its (unsealed) file bytes."""
    return hashlib.sha256(data).hexdigest()


def score_to_json(score: BallotScore) -> dict[str, Any]:
    return {
        "criterion": score.criterion,
        "value": float(score.value),
        "comment": score.comment,
        "revision": score.revision,
        "updated_at": score.updated_at,
    }


def review_to_json(review: BallotReview) -> dict[str, Any]:
    return {
        "dossier": review.dossier,
        "status": review.status,
        "comment": review.comment,
        "confidence": review.confidence,
        "revision": review.revision,
        "updated_at": review.updated_at,
        "scores": [score_to_json(score) for score in review.scores],
        # Only when written: a ballot without feedback stays byte for byte what it was.
        **({"feedback": review.feedback} if review.feedback else {}),
    }


def sign_ballot(ballot: Ballot, private_key: bytes) -> Ballot:
    signature = Ed25519PrivateKey.from_private_bytes(private_key).sign(ballot.signed_message())
    return Ballot(
        ballot.campaign_uid,
        ballot.kit_id,
        ballot.juror,
        ballot.revision,
        ballot.created_at,
        ballot.reviews,
        signature,
        ballot.round_uid,
    )


def signature_is_valid(ballot: Ballot, public_key: bytes, message: bytes | None = None) -> bool:
    """``message``: the signed bytes when the caller already has them (:func:`parse_ballot`'s)."""
    try:
        key = Ed25519PublicKey.from_public_bytes(public_key)
        key.verify(ballot.signature, ballot.signed_message() if message is None else message)
    except (InvalidSignature, ValueError):
        return False
    return True


def public_key_of(private_key: bytes) -> bytes:
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    public = Ed25519PrivateKey.from_private_bytes(private_key).public_key()
    return public.public_bytes(Encoding.Raw, PublicFormat.Raw)


# -- reading ---------------------------------------------------------------------------------


def _reject_constant(name: str) -> Any:
    raise BallotFormatError(f"non-finite number {name}")


def _field(mapping: Mapping[str, Any], key: str, kind: type | tuple[type, ...], where: str) -> Any:
    if key not in mapping:
        raise BallotFormatError(f"{where}.{key} is missing")
    value = mapping[key]
    if (isinstance(value, bool) and kind is not bool) or not isinstance(value, kind):
        raise BallotFormatError(f"{where}.{key} has the wrong type")
    if isinstance(value, str) and len(value) > MAX_TEXT:
        raise BallotFormatError(f"{where}.{key} is too long")
    if isinstance(value, int) and abs(value) > MAX_MAGNITUDE:
        raise BallotFormatError(f"{where}.{key} is out of range")
    return value


def _exact_keys(mapping: Mapping[str, Any], keys: set[str], where: str) -> None:
    if mapping.keys() != keys:
        extra = sorted(set(mapping) ^ keys)
        raise BallotFormatError(f"{where} has missing or unexpected fields {extra}")


_SCORE_KEYS = {"criterion", "value", "comment", "revision", "updated_at"}
_REVIEW_KEYS = {"dossier", "status", "comment", "confidence", "revision", "updated_at", "scores"}
_DOCUMENT_KEYS = {
    "format",
    "version",
    "campaign_uid",
    "kit_id",
    "juror",
    "revision",
    "created_at",
    "reviews",
    "signature",
}
_score_fields = operator.itemgetter(*BallotScore._fields)
_SIGNATURE_MARK = b',"signature":"'
_DOCUMENT_END = b',"version":%d}' % BALLOT_VERSION
_FILE_END = b'"' + _DOCUMENT_END + b"\n"


def _scores(items: Any, where: str) -> tuple[BallotScore, ...]:
    """The hot loop of a merge (tens of thousands of scores): plain type checks, messages built
    only on failure."""
    if type(items) is not list:
        raise BallotFormatError(f"{where}.scores has the wrong type")
    scores: list[BallotScore] = []
    append = scores.append
    isfinite = math.isfinite
    limit = MAX_MAGNITUDE
    fields = _score_fields
    make = tuple.__new__  # the named tuple's own constructor is a Python function: too slow here
    for index, item in enumerate(items):
        try:
            if type(item) is not dict or len(item) != len(_SCORE_KEYS):
                raise KeyError
            criterion, value, comment, revision, updated_at = fields(item)
        except KeyError:
            raise BallotFormatError(f"{where}.scores[{index}] is not a score") from None
        if type(value) is not float:
            if type(value) is not int:
                raise BallotFormatError(f"{where}.scores[{index}].value is not a number")
            value = float(value)
        if (
            type(criterion) is not str
            or type(comment) is not str
            or type(updated_at) is not str
            or type(revision) is not int
            or not isfinite(value)
            or len(comment) > MAX_TEXT
        ):
            raise BallotFormatError(f"{where}.scores[{index}] has a field of the wrong type")
        if abs(value) > limit or abs(revision) > limit:
            raise BallotFormatError(f"{where}.scores[{index}] has a number out of range")
        append(make(BallotScore, (criterion, value, comment, revision, updated_at)))
    if len({score[0] for score in scores}) != len(scores):
        raise BallotFormatError(f"{where} scores a criterion twice")
    return tuple(scores)


def _review(value: Any, where: str) -> BallotReview:
    if not isinstance(value, dict):
        raise BallotFormatError(f"{where} is not an object")
    _exact_keys(value, _REVIEW_KEYS | ({"feedback"} & value.keys()), where)
    confidence = value["confidence"]
    if confidence is not None and type(confidence) is not int:
        raise BallotFormatError(f"{where}.confidence has the wrong type")
    if confidence is not None and abs(confidence) > MAX_MAGNITUDE:
        raise BallotFormatError(f"{where}.confidence is out of range")
    return BallotReview(
        _field(value, "dossier", str, where),
        _field(value, "status", str, where),
        _field(value, "comment", str, where),
        confidence,
        _field(value, "revision", int, where),
        _field(value, "updated_at", str, where),
        _scores(value["scores"], where),
        _feedback(value, where),
    )


def _feedback(value: dict[str, Any], where: str) -> str:
    feedback = value.get("feedback", "")
    if type(feedback) is not str or len(feedback) > MAX_TEXT:
        raise BallotFormatError(f"{where}.feedback has the wrong type")
    return feedback


@dataclass(frozen=True)
class ParsedBallot:
    ballot: Ballot
    data: bytes
    """The file's (unsealed) bytes."""
    signed_message: bytes
    """The bytes the signature must cover, cut out of :attr:`data`."""

    @cached_property
    def hash(self) -> str:
        return ballot_hash(self.data)


def _cut_signature(data: bytes) -> tuple[bytes, str]:
    """The signed bytes and the signature's hex digits, from a file laid out as the signer
    writes it: the payload's canonical JSON with the signature at its sorted place (just before
    ``"version"``, the last key) and a final newline.

    So the signature check covers every byte of the file but the signature, whose own digits are
    checked to be the canonical lowercase hex of 64 bytes: any altered byte fails one or the other.
    """
    if not data.endswith(_FILE_END):
        raise BallotFormatError("not in canonical form")
    head = data[: -len(_FILE_END)]
    cut = head.rfind(_SIGNATURE_MARK)
    if cut < 0:
        raise BallotFormatError("not in canonical form")
    try:
        signature_hex = head[cut + len(_SIGNATURE_MARK) :].decode("ascii")
    except UnicodeDecodeError:
        raise BallotFormatError("signature is malformed") from None
    return head[:cut] + _DOCUMENT_END, signature_hex


def parse_ballot(data: bytes) -> ParsedBallot:
    """Parse and check the form of a ballot file's bytes; raises :class:`BallotFormatError`.

    The signature is *not* checked here: that needs the juror's public key, which the campaign
    file holds (:func:`signature_is_valid` with :attr:`ParsedBallot.signed_message`)."""
    if len(data) > MAX_BALLOT_BYTES:
        raise BallotFormatError("too large")
    try:
        document = json.loads(data.decode("utf-8"), parse_constant=_reject_constant)
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        if isinstance(error, BallotFormatError):
            raise
        raise BallotNotJSON from None
    if not isinstance(document, dict) or document.get("format") != BALLOT_FORMAT:
        raise BallotFormatError("not a ballot")
    if document.get("version") != BALLOT_VERSION:
        raise BallotFormatError(f"unsupported version {document.get('version')!r}")
    _exact_keys(document, _DOCUMENT_KEYS | ({"round_uid"} & document.keys()), "ballot")
    message, signature_hex = _cut_signature(data)
    if document["signature"] != signature_hex:
        raise BallotFormatError("not in canonical form")
    try:
        signature = bytes.fromhex(signature_hex)
    except ValueError:
        raise BallotFormatError("signature is not hexadecimal") from None
    if len(signature) != SIGNATURE_BYTES or signature.hex() != signature_hex:
        raise BallotFormatError("signature is malformed")
    reviews_json = _field(document, "reviews", list, "ballot")
    reviews = tuple(_review(item, f"reviews[{i}]") for i, item in enumerate(reviews_json))
    if len({review.dossier for review in reviews}) != len(reviews):
        raise BallotFormatError("a dossier is listed twice")
    ballot = Ballot(
        _field(document, "campaign_uid", str, "ballot"),
        _field(document, "kit_id", str, "ballot"),
        _field(document, "juror", str, "ballot"),
        _field(document, "revision", int, "ballot"),
        _field(document, "created_at", str, "ballot"),
        reviews,
        signature,
        _field(document, "round_uid", str, "ballot") if "round_uid" in document else "",
    )
    return ParsedBallot(ballot, data, message)
