"""The ballot document: canonical, signed, and any altered byte is caught."""

from __future__ import annotations

import json

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)

from selection_desk.formats.ballot import (
    Ballot,
    BallotFormatError,
    BallotReview,
    BallotScore,
    parse_ballot,
    public_key_of,
    sign_ballot,
    signature_is_valid,
)

PRIVATE = Ed25519PrivateKey.generate().private_bytes(
    Encoding.Raw, PrivateFormat.Raw, NoEncryption()
)


def make_ballot() -> Ballot:
    review = BallotReview(
        "D02",
        "final",
        "Très bon dossier « équipe »",
        4,
        3,
        "2026-03-01T10:00:00+00:00",
        (
            BallotScore("TEAM", 4.5, "solide", 2, "2026-03-01T09:00:00+00:00"),
            BallotScore("MARKET", 3.0, "", 1, "2026-03-01T09:30:00+00:00"),
        ),
    )
    return sign_ballot(
        Ballot("uid-1", "kit-1", "J2", 7, "2026-03-01T11:00:00+00:00", (review,)), PRIVATE
    )


def test_round_trip_and_signature() -> None:
    ballot = make_ballot()
    data = ballot.to_bytes()
    parsed = parse_ballot(data)
    assert parsed.ballot == ballot
    assert signature_is_valid(parsed.ballot, public_key_of(PRIVATE), parsed.signed_message)
    assert data.endswith(b'","version":1}\n') and b'": ' not in data and b'", "' not in data
    assert json.loads(data)["reviews"][0]["comment"] == "Très bon dossier « équipe »"
    other = Ed25519PrivateKey.generate().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    assert not signature_is_valid(parsed.ballot, other)


def test_every_altered_byte_is_caught() -> None:
    """Flip each byte: the file either stops being a ballot or its signature fails."""
    data = make_ballot().to_bytes()
    public = public_key_of(PRIVATE)
    for index in range(len(data)):
        for flip in (0x01, 0x20):
            altered = bytearray(data)
            altered[index] ^= flip
            try:
                parsed = parse_ballot(bytes(altered))
            except BallotFormatError:
                continue
            assert not signature_is_valid(parsed.ballot, public, parsed.signed_message), index


@pytest.mark.parametrize(
    "edit",
    [
        lambda text: text.replace('{"campaign_uid"', '{ "campaign_uid"'),  # a space
        lambda text: text.rstrip("\n"),  # the final newline
        lambda text: text.replace('"value":4.5', '"value":4.50'),  # same number, other bytes
        lambda text: text.replace('"format"', '"revision":1,"format"'),  # a duplicate key
        lambda text: text.replace('"value":4.5', '"value":NaN'),
        lambda text: text.upper(),
        lambda text: "[]\n",
        lambda text: text.replace('"version":1', '"version":2'),
    ],
)
def test_non_canonical_or_malformed_documents_are_refused(edit) -> None:  # type: ignore[no-untyped-def]
    """Refused as malformed, or else the signature fails: never accepted."""
    text = make_ballot().to_bytes().decode()
    try:
        parsed = parse_ballot(edit(text).encode())
    except BallotFormatError:
        return
    assert not signature_is_valid(parsed.ballot, public_key_of(PRIVATE), parsed.signed_message)


def test_unexpected_fields_and_types_are_refused() -> None:
    """Even when signed by the kit's own key: the form is checked before anything is used."""
    document = json.loads(make_ballot().to_bytes())
    del document["signature"]
    for mutate in (
        lambda d: d.update(extra=1),
        lambda d: d["reviews"][0].update(confidence="4"),
        lambda d: d["reviews"][0]["scores"][0].update(value=True),
        lambda d: d["reviews"][0]["scores"][0].pop("comment"),
        lambda d: d["reviews"][0]["scores"].append(d["reviews"][0]["scores"][0]),
        lambda d: d["reviews"].append(d["reviews"][0]),
        lambda d: d.update(revision="7"),
    ):
        changed = json.loads(json.dumps(document))
        mutate(changed)
        message = json.dumps(changed, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        signature = Ed25519PrivateKey.from_private_bytes(PRIVATE).sign(message.encode())
        changed["signature"] = signature.hex()
        data = (
            json.dumps(changed, sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n"
        ).encode()
        with pytest.raises(BallotFormatError):
            parse_ballot(data)


def test_a_signature_moved_or_respelt_is_refused() -> None:
    data = make_ballot().to_bytes()
    signature = json.loads(data)["signature"]
    upper = data.replace(signature.encode(), signature.upper().encode())
    moved = data.replace(f',"signature":"{signature}"'.encode(), b"").replace(
        b'{"campaign_uid"', f'{{"signature":"{signature}","campaign_uid"'.encode()
    )
    for altered in (upper, moved):
        with pytest.raises(BallotFormatError):
            parse_ballot(altered)


def test_bytes_that_are_not_text_or_json() -> None:
    for data in (b"\xff\xfe", b"", b"{", b"null\n", b'"ballot"\n'):
        with pytest.raises(BallotFormatError):
            parse_ballot(data)
