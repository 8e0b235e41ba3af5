"""Text from files never steers the terminal: every command's standard output passes through one
escaping function (``formats.shown.terminal_lines``)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

from selection_desk.cli import main
from selection_desk.formats.ballot import Ballot, sign_ballot
from tests.factories import make_campaign_data, make_campaign_file

HOSTILE = "\x1b]0;TITLE\x07\x1b[2J\u202eevil"
ESCAPED = "\\x1b]0;TITLE\\x07\\x1b[2J\\u202eevil"


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--lang", "en", *args])
    out, err = capsys.readouterr()
    return code, out, err


def _assert_inert(text: str) -> None:
    assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text


def test_rank_escapes_dossier_names(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = make_campaign_data()
    dossiers = (replace(data.dossiers[0], name=HOSTILE), *data.dossiers[1:])
    file = make_campaign_file(tmp_path / "c.seldesk", replace(data, dossiers=dossiers))
    code, out, _err = _run(capsys, "rank", str(file))
    assert code == 0
    _assert_inert(out)
    assert ESCAPED[:20] in out
    code, out, _err = _run(capsys, "rank", str(file), "--json")
    _assert_inert(out)
    # Still valid JSON, holding the name exactly.
    assert HOSTILE in [entry["name"] for entry in json.loads(out)["ranking"]]


def _unsigned_ballot(path: Path, campaign_uid: str) -> Path:
    key = Ed25519PrivateKey.generate().private_bytes(
        Encoding.Raw, PrivateFormat.Raw, NoEncryption()
    )
    ballot = Ballot(campaign_uid, "no-such-kit", "J1", 1, "2026-03-01", ())
    path.write_bytes(sign_ballot(ballot, key).to_bytes())
    return path


def test_merge_escapes_ballot_names_and_uids(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = make_campaign_file(tmp_path / "c.seldesk")
    folder = tmp_path / "ballots"
    folder.mkdir()
    ballot = _unsigned_ballot(folder / f"b{HOSTILE}.json", HOSTILE)
    assert ballot.exists()
    code, out, err = _run(capsys, "merge", str(file), str(ballot))
    assert code == 1
    _assert_inert(out + err)
    assert "another campaign" in out and out.count(ESCAPED) == 3  # the name twice, the uid
